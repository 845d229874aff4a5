"""PlaneCaption: what the main plot shows of data with more than two features, named on the plot.

Data of 64 or 13 features is drawn on one plane (``model.data.view_plane``): its first two principal components
or two chosen features, the other directions held at the training mean. The caption (bottom right, in the
score's boxed style) says which in words ("PC1 (15 %) vs PC2 (14 %), other directions at the mean") and what the
boundary is ("boundary through the mean of the other 62 directions"), and the axes
take the plane's axis names (PC1, PC2 or the two features'). For data of one or two features it is hidden and the
axes are x₁, x₂ again (the view sets those for regression).

On a small plot (a 1024×700 window's is ~390 px wide) the two lines would run across most of its bottom and take
both bottom corners from the legend, which then stood over the points at the top left: the framing gives the caption
the width beside the legend (``set_room``) and its lines break to fit it, at the comma first, then between words,
into lines of even length.
"""

from __future__ import annotations

from collections.abc import Callable

from gui.plot.score_overlay import PAD_X, ScoreOverlay

CAPTION_COLOUR = "#333333"
CAPTION_POINT_SIZE = 8.5  # at a desk; presenter mode scales it like the score
NARROWEST = 200.0  # px: no narrower (where the legend cannot have a corner anyway: the digits' ten classes)


def boundary_line(frame) -> str:
    """The caption's second line: what the boundary drawn is (the model's output on the plane, a slice)."""
    others = frame.n_features - 2
    what = "features" if frame.plane.kind == "features" else "directions"
    return f"boundary through the mean of the other {others} {what}"


def wrap_evenly(text: str, room: float, width_of: Callable[[str], float]) -> list[str]:
    """``text`` in lines no wider than ``room`` (by ``width_of``, in px) where it can be: broken after its commas
    first, then each part between words into as few lines as greedy filling needs, as even in length as that many
    allow (a word wider than ``room`` keeps a line of its own)."""
    if width_of(text) <= room:
        return [text]
    parts = [p + "," for p in text.split(", ")]
    parts[-1] = parts[-1][:-1]
    lines: list[str] = []
    for part in parts:
        words = part.split(" ")
        count = len(_fill(words, room, width_of))
        widest = room
        while widest > 1 and len(_fill(words, widest - 1, width_of)) == count:
            widest -= 1  # as narrow as the same number of lines allows: lines of even length
        lines += _fill(words, widest, width_of)
    return lines


def _fill(words: list[str], room: float, width_of: Callable[[str], float]) -> list[str]:
    """``words`` joined greedily into lines no wider than ``room`` (a wider word alone on its line)."""
    lines: list[str] = []
    for word in words:
        if lines and width_of(lines[-1] + " " + word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


class PlaneCaption:
    """The caption in ``vb`` (a ScoreOverlay with one line); ``plot_item``'s axes are labelled with the plane."""

    def __init__(self, vb, plot_item):
        self.vb = vb
        self.plot_item = plot_item
        self.box = ScoreOverlay(point_size=CAPTION_POINT_SIZE)
        self.box.setParentItem(vb)
        self.box.setZValue(60)
        self.box.hide()
        self.frame = None
        self._lines: list[str] = []  # what the caption says, one line each before they are broken to fit
        self._room = float("inf")  # px: the widest its box may be (``set_room``)
        vb.sigResized.connect(self.place)

    def show_frame(self, frame) -> None:
        """Name ``frame``'s plane (a ``PlaneFrame``) on the plot, or hide the caption (None: 2-D data)."""
        self.frame = frame
        if frame is None:
            self.box.hide()
            return
        self._lines = [frame.label, boundary_line(frame)]
        self._show_lines()
        self.plot_item.setLabel("bottom", frame.axis_names[0])
        self.plot_item.setLabel("left", frame.axis_names[1])
        self.box.show()
        self.place()

    def set_point_size(self, points: float) -> None:
        self.box.set_point_size(points)
        self._show_lines()
        self.place()

    def set_room(self, width: float) -> None:
        """The widest the caption's box may be, in px (the plot's width less the legend's beside it): its lines
        break to fit, down to ``NARROWEST``."""
        width = max(float(width), NARROWEST)
        if width != self._room:
            self._room = width
            self._show_lines()
            self.place()

    def _show_lines(self) -> None:
        room = self._room - 2 * PAD_X - 2  # the box's padding and border
        lines = [part for line in self._lines for part in wrap_evenly(line, room, self.box.text_width)]
        self.box.set_lines([(line, False, CAPTION_COLOUR) for line in lines])

    def text(self) -> str:
        """The caption's text, a line for each thing it says however its lines break ('' when hidden)."""
        return "\n".join(self._lines) if self.box.isVisible() else ""

    def place(self, *_) -> None:
        r = self.vb.boundingRect()
        self.box.setPos(r.right() - 8, r.bottom() - 8 - self.box.boundingRect().height())
