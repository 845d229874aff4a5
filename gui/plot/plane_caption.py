"""PlaneCaption: what the main plot shows of data with more than two features, named on the plot.

Data of 64 or 13 features is drawn on one plane (``model.data.view_plane``): its first two principal components
or two chosen features, the other directions held at the training mean. The caption (bottom right, in the
score's boxed style) says which in words ("PC1 (15 %) vs PC2 (14 %), other directions at the mean") and what the
boundary is ("boundary through the mean of the other 62 directions"), and the axes
take the plane's axis names (PC1, PC2 or the two features'). For data of one or two features it is hidden and the
axes are x₁, x₂ again (the view sets those for regression).
"""

from __future__ import annotations

from gui.plot.score_overlay import ScoreOverlay

CAPTION_COLOUR = "#333333"
CAPTION_POINT_SIZE = 8.5  # at a desk; presenter mode scales it like the score


def boundary_line(frame) -> str:
    """The caption's second line: what the boundary drawn is (the model's output on the plane, a slice)."""
    others = frame.n_features - 2
    what = "features" if frame.plane.kind == "features" else "directions"
    return f"boundary through the mean of the other {others} {what}"


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
        vb.sigResized.connect(self.place)

    def show_frame(self, frame) -> None:
        """Name ``frame``'s plane (a ``PlaneFrame``) on the plot, or hide the caption (None: 2-D data)."""
        self.frame = frame
        if frame is None:
            self.box.hide()
            return
        self.box.set_lines([(frame.label, False, CAPTION_COLOUR), (boundary_line(frame), False, CAPTION_COLOUR)])
        self.plot_item.setLabel("bottom", frame.axis_names[0])
        self.plot_item.setLabel("left", frame.axis_names[1])
        self.box.show()
        self.place()

    def set_point_size(self, points: float) -> None:
        self.box.set_point_size(points)
        self.place()

    def text(self) -> str:
        """The caption's text ('' when hidden)."""
        return self.box.plain_text() if self.box.isVisible() else ""

    def place(self, *_) -> None:
        r = self.vb.boundingRect()
        self.box.setPos(r.right() - 8, r.bottom() - 8 - self.box.boundingRect().height())
