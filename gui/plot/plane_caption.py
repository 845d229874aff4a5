"""PlaneCaption: what the main plot shows of data with more than two features, named under the plot.

Data of 64 or 13 features is drawn on one plane (``model.data.view_plane``): its first two principal components
or two chosen features, the other directions held at the training mean. The caption says which in words ("PC1
(15 %) vs PC2 (14 %), other directions at the mean") and what the boundary is ("boundary through the mean of the
other 62 directions"), and the axes take the plane's axis names (PC1, PC2 or the two features'). For data of one or
two features it is hidden, its row has no height, and the axes are x₁, x₂ again (the view sets those for regression).

The caption is a row of the plot's own layout, under the bottom axis, not a box inside the view: inside, on a
1024×700 window's plot (~390 × 285 px), it took a bottom corner, the score the top right and the legend another
corner, and the fit that keeps points from under all three shrank them to ~60 % of the plot. Under the plot it
costs the view two lines of height and the points fill what is left; an exported picture of the plot still says
what plane it shows. Each thing it says keeps a line of its own where it fits the plot's width; where one does
not, the two are run together and broken as the axis titles are (``text_lines``) into as few lines as fit, of even
length (two on the 1024×700 window's plot, for the longest names of features, breast cancer's).
"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsWidget

from gui.plot.text_lines import text_lines

CAPTION_POINT_SIZE = 8.5  # at a desk; presenter mode scales it like the score
ROW = 4  # the plot item's layout row under the bottom axis (0 title, 1 top axis, 2 the view, 3 bottom axis)
PAD_Y = 2.0  # px above and below the lines: apart from the axis title above and the widget's edge below


def boundary_line(frame) -> str:
    """The caption's second statement: what the boundary drawn is (the model's output on the plane, a slice)."""
    others = frame.n_features - 2
    what = "features" if frame.plane.kind == "features" else "directions"
    return f"boundary through the mean of the other {others} {what}"


def caption_lines(statements: list[str], room: float, width_of: Callable[[str], float]) -> list[str]:
    """The ``statements`` as lines no wider than ``room`` (by ``width_of``, in px): one line each where each fits;
    else all of them run together ("…; …") and broken as an axis title is (``text_lines``: between words, else
    inside a name too long for a line) into as few lines as fit, of even length. Every word is kept, in order."""
    if all(width_of(s) <= room for s in statements):
        return list(statements)
    return text_lines("; ".join(statements), room, width_of)


class CaptionRow(QGraphicsWidget):
    """Lines of text centred in the view's width, as tall as they need: the row of the plot item's layout that
    holds it is kept at that height (``height_changed`` is told the new height whenever the lines are laid out)."""

    def __init__(self):
        super().__init__()
        self.height_changed: Callable[[float], None] | None = None
        self._statements: list[str] = []
        self._lines: list[str] = []
        self.blank = False  # the lines' room kept, nothing drawn in it (the caption of data still on their way)
        self._colour = QColor("#2d3a48")
        self._font = QFont()
        self._metrics = QFontMetricsF(self._font)
        self.set_point_size(CAPTION_POINT_SIZE)

    def set_statements(self, statements: list[str]) -> None:
        self._statements = list(statements)
        self._lay_out()

    def set_point_size(self, points: float) -> None:
        self._font = QFont()
        self._font.setPointSizeF(points)
        self._metrics = QFontMetricsF(self._font)
        self._lay_out()

    def set_colour(self, colour) -> None:
        self._colour = QColor(colour)
        self.update()

    def lines(self) -> list[str]:
        """The lines drawn, as broken to fit the row's width."""
        return list(self._lines)

    def text_width(self, text: str) -> float:
        return self._metrics.horizontalAdvance(text)

    def needed_size(self) -> QSizeF:
        """The size the lines drawn need: the widest of them, and their line spacing each plus the padding."""
        width = max((self.text_width(line) for line in self._lines), default=0.0)
        return QSizeF(width, self._height_for(len(self._lines)))

    def _height_for(self, count: int) -> float:
        return count * self._metrics.lineSpacing() + 2 * PAD_Y if count else 0.0

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.newSize().width():
            self._lay_out()

    def _lay_out(self) -> None:
        """The statements broken into lines for the row's width; the row's height made theirs."""
        room = self.size().width()
        if self._statements and room > 0:
            self._lines = caption_lines(self._statements, room, self.text_width)
        else:
            self._lines = list(self._statements)
        if self.height_changed is not None:
            self.height_changed(self._height_for(len(self._lines)))
        self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not self._lines or self.blank:
            return
        painter.setFont(self._font)
        painter.setPen(self._colour)
        spacing = self._metrics.lineSpacing()
        width = self.size().width()
        for k, line in enumerate(self._lines):
            rect = QRectF(0.0, PAD_Y + k * spacing, width, spacing)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter), line)


class PlaneCaption:
    """The caption under ``plot_item``'s view (a ``CaptionRow`` in its layout); its axes labelled with the plane."""

    def __init__(self, plot_item: pg.PlotItem):
        self.plot_item = plot_item
        self.frame = None
        self.wanted = True  # False: the plot names no plane (a compare pane repeats the main plot's region)
        self._lines: list[str] = []  # what the caption says, one line each before they are broken to fit
        self.row = CaptionRow()
        self.row.height_changed = self._set_row_height
        # under the view and its axis title (column 1; 2 is the right axis', of no width), centred as that title is
        plot_item.layout.addItem(self.row, ROW, 1, 1, 2)
        plot_item.layout.setRowStretchFactor(ROW, 0)
        self.row.hide()
        self._set_row_height(0.0)

    def show_frame(self, frame) -> None:
        """Name ``frame``'s plane (a ``PlaneFrame``) under the plot, or hide the caption (None: 2-D data)."""
        self.frame = frame
        self.row.blank = False
        if frame is not None:
            self.plot_item.setLabel("bottom", frame.axis_names[0])
            self.plot_item.setLabel("left", frame.axis_names[1])
        if frame is None or not self.wanted:
            self._lines = []
            self.row.hide()
            self.row.set_statements([])
            self._apply_layout()
            return
        self._lines = [frame.label, boundary_line(frame)]
        self.row.show()
        self.row.set_statements(self._lines)
        self._apply_layout()

    def keep_room(self, statements: list[str]) -> None:
        """The room ``statements`` will take under the plot, empty: the caption of a plane whose data are on their
        way (its numbers not known yet); the view is then the size it keeps when they come. ``show_frame`` ends
        it."""
        if not self.wanted:
            return
        self.row.blank = True
        self.row.show()
        self.row.set_statements(statements)
        self._apply_layout()

    def set_wanted(self, wanted: bool) -> None:
        """Whether the plot names its plane under it at all (the axes are named either way)."""
        self.wanted = bool(wanted)
        self.show_frame(self.frame)

    def set_point_size(self, points: float) -> None:
        self.row.set_point_size(points)

    def set_colour(self, colour) -> None:
        """The text in ``colour``: the plot's foreground, as its axes' titles (it stands on the plot's background)."""
        self.row.set_colour(colour)

    def text(self) -> str:
        """The caption's text, a line for each thing it says however its lines break ('' when hidden)."""
        return "\n".join(self._lines) if self.row.isVisible() else ""

    def _set_row_height(self, height: float) -> None:
        """The row under the bottom axis as tall as the caption's lines (none for 2-D data: the view as before)."""
        layout = self.plot_item.layout
        if layout.rowMinimumHeight(ROW) != height or layout.rowMaximumHeight(ROW) != height:
            layout.setRowFixedHeight(ROW, height)
            self.row.setMaximumHeight(height)
            self.row.setMinimumHeight(height)

    def _apply_layout(self) -> None:
        """The plot laid out for the caption now, not on a later turn of the event loop: a fit made right after
        (a new dataset's) is made for the view's size with the caption under it."""
        self.plot_item.layout.activate()
