"""PointsLegend: the main plot's legend, which explains the points' markers.

One entry per class (its colour and marker), then what a hollow marker means (test points) and what a ring means
(misclassified); nothing in regression. The ring's sample is drawn as the plot draws a ring, a dark circle over a
white halo, so that it reads on the dark theme's box as the rings do on the dark plot. The entry of the rings is
greyed, and its sample faint, while the rings fade (``rings``: why, and the rule). A few classes (up to
``LISTED_CLASSES``) are listed one under the other; more (the digits' ten) stand in rows of up to ``ROW_LENGTH``
under one another, columns as wide as their own names, and the test points' and the rings' entries share a row
of their own under them: in one column, or in a grid of which every column is as wide as its widest entry
("misclassified"), the digits' legend took a third of a small screen's plot. The box is white with dark
text, or dark with light text in a dark theme; it stands in the corner where it hides the fewest points,
see-through where it covers some (``legend_place``), or where the person drags it (``legend_hand``). It changes
rarely, so Qt keeps it painted in pixmaps.
"""

from __future__ import annotations

import html
import math

import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsLinearLayout, QGraphicsWidget

from gui.plot.legend_hand import HAND_TIP, PlotLegend
from gui.plot.legend_place import OPAQUE
from gui.plot.point_markers import POINT_SIZE, group_style
from gui.plot.rings import FADED_SAMPLE_ALPHA, LEGEND_TIP, ring_passes
from gui.widgets.plot_look import PlotLook

LISTED_CLASSES = 4  # up to this many classes, every entry one under the other
ROW_LENGTH = 5  # past LISTED_CLASSES, the classes stand in rows of at most this many
ENTRY_GAP = 6  # px between a name and the next entry's marker in a row (none between a marker and its name)
COMPACT_MARGIN = 4  # px around the rows of entries
ROW_SAMPLE_ROOM = 6  # px beside a marker in a row of classes, both sides together
FORMS = ("", "row", "column")  # every entry; the classes alone in a row; in a column (``set_form``)
#: The legend's box, its edge and its text (and the hollow test marker's ink, and a greyed entry's text) in a light
#: and in a dark theme
LEGEND_COLOURS = {
    False: ("#ffffff", "#bbbbbb", "#222222", "#444444", "#767676"),
    True: ("#23272d", "#59616b", "#e4e7eb", "#c8ccd2", "#8b939e"),
}


def row_length(n_classes: int) -> int:
    """How many of ``n_classes`` classes stand in a row of the legend past ``LISTED_CLASSES``: rows of at most
    ``ROW_LENGTH``, as even as they can be (the digits' ten: two rows of five; seven: a row of four and one of
    three)."""
    rows = max(1, -(-n_classes // ROW_LENGTH))
    return max(1, -(-n_classes // rows))


def row_sample_width(marker_px: float) -> float:
    """The width of a sample in the rows of many classes: its marker's and ``ROW_SAMPLE_ROOM``."""
    return float(math.ceil(marker_px) + ROW_SAMPLE_ROOM)


def _cache_while_still(item) -> None:
    """Let Qt keep an overlay that changes rarely (the legend) painted in pixmaps, it and everything in it:
    it then costs a few small blits per frame while the boundary image under it changes."""
    stack = [item]
    while stack:
        it = stack.pop()
        it.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        stack.extend(it.childItems())


class _QuietSample(pg.ItemSample):
    """Legend sample that does not toggle anything when clicked."""

    def mouseClickEvent(self, event):
        event.ignore()


class _RowSample(_QuietSample):
    """A class's sample in a row of classes: as narrow as its marker (``marker_px``) and a little room, where
    pyqtgraph's is 20 px wide for a line's sample too."""

    def __init__(self, item, marker_px: float):
        super().__init__(item)
        self._width = row_sample_width(marker_px)
        self.setFixedWidth(self._width)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self._width, 20)

    def paint(self, p: QPainter, *args) -> None:
        p.translate((self._width - 20) / 2, 0)  # pyqtgraph's paints the marker at the middle of 20 px
        super().paint(p, *args)


class _RingSample(_QuietSample):
    """The "misclassified" entry's sample: a ring of ``size`` px drawn in each of ``passes`` (pens, as
    ``rings.ring_passes`` gives them), one over the other, as the plot draws its rings."""

    def __init__(self, item, size: float, passes: list, width: float = 20.0):
        super().__init__(item)
        self._size = size
        self._pens = [QPen(pen) for pen, _brush in passes]
        self._width = width  # pyqtgraph's samples' 20 px, or narrower in a row (``_RowSample``)
        self.setFixedWidth(width)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self._width, 20)

    def paint(self, p: QPainter, *args) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.translate(self._width / 2, 10)  # the middle of the sample's square, as pyqtgraph's samples
        for pen in self._pens:
            p.save()  # drawSymbol scales the painter to the symbol's size
            drawSymbol(p, "o", self._size, pen, QBrush())
            p.restore()


class PointsLegend(PlotLegend):
    """The legend over the view box ``vb``: it stands where the points leave room (``legend_place``), or where a
    left drag on it puts it; a right click on it asks for its menu (``legend_hand``)."""

    def __init__(self, vb: pg.ViewBox):
        super().__init__(
            offset=(8, 8),
            brush=pg.mkBrush(255, 255, 255, OPAQUE),  # see-through over points (legend_place)
            pen=pg.mkPen("#bbbbbb"),
            labelTextColor="#222222",
            labelTextSize="8pt",
            sampleType=_QuietSample,
            verSpacing=-6,
        )
        self.setParentItem(vb)
        self.setZValue(60)
        self.setToolTip(LEGEND_TIP + HAND_TIP)
        self._samples: list = []
        self._dark = False
        self._key: tuple | None = None
        #: "" (every entry) or the classes alone (a plot too small for the whole legend and the score), in a
        #: "row" or a "column"
        self._form = ""
        self._sizes: dict[str, tuple[float, float]] = {}  # each form's width and height, for the entries of _key
        #: the row of the test points' and the rings' entries under rows of classes (``ROW_LENGTH``); None while
        #: every entry stands in the legend's own grid
        self._marker_row: QGraphicsWidget | None = None
        self._marker_line = QGraphicsLinearLayout()  # the row's layout
        self._spacing = self.layout.horizontalSpacing()
        self._margins = self.layout.getContentsMargins()

    def set_form(self, form: str) -> bool:
        """Every entry (``""``), or the classes alone in a ``"row"`` or a ``"column"``; True when that changed (the
        entries must then be made again: ``show_entries``)."""
        if form == self._form:
            return False
        self._form = form
        self._key = None
        return True

    def form(self) -> str:
        return self._form

    def size_of(self, form: str) -> tuple[float, float] | None:
        """The legend's width and height in ``form`` (see ``set_form``) with the entries shown (None: no classes)."""
        return self._sizes.get(form)

    def show_entries(self, names: tuple, has_test: bool, regression: bool, faded: bool, look: PlotLook) -> None:
        """An entry for each class of ``names``, then the test points' (``has_test``) and the rings' (greyed while
        the rings are ``faded``), drawn with ``look``; made again only when one of these changed. In a compact
        form (``set_form``), the classes' entries alone."""
        key = (names, has_test, regression, faded, self._form)
        if key == self._key:
            return
        if self._key is None or self._key[:4] != key[:4] or not self._sizes:
            self._sizes = {}
            others = [form for form in FORMS if form != self._form]
            for form in [*others, self._form]:  # each made once, to know its size; the one wanted last
                self._make(names, has_test, faded, look, form)
                if names:
                    rect = self.boundingRect()
                    self._sizes[form] = (rect.width(), rect.height())
        else:
            self._make(names, has_test, faded, look, self._form)
        self._key = key
        _cache_while_still(self)

    def _make(self, names: tuple, has_test: bool, faded: bool, look: PlotLook, form: str) -> None:
        self.clear()
        self._samples = []
        in_rows = not form and len(names) > LISTED_CLASSES
        # the row's columns are laid out once its entries are in (pyqtgraph); the classes' rows as they come
        self.setColumnCount(row_length(len(names)) if in_rows else 1)
        for k, name in enumerate(names):
            sample = pg.ScatterPlotItem(**group_style(("c", k, False), look))
            self._samples.append(sample)
            shown = _RowSample(sample, look.marker(POINT_SIZE)) if in_rows else sample
            self.addItem(shown, html.escape(name, quote=False))  # a legend label is HTML; a name is text
        if form == "row" and names:
            self.setColumnCount(len(names) if len(names) <= 3 else -(-len(names) // 2))  # two rows past three
        if form:
            return
        if names and has_test:
            size = look.marker(POINT_SIZE) + 1
            sample = pg.ScatterPlotItem(
                symbol="o", size=size, pen=pg.mkPen(LEGEND_COLOURS[self._dark][3], width=2.0), brush=None
            )
            self._samples.append(sample)
            # the samples show the hollow marker and the ring: the words only say what they mean, short, as a narrow
            # legend hides fewer points where no corner of the plot is free (legend_place)
            self.addItem(_RowSample(sample, size) if in_rows else sample, "test points")
        if names:
            passes = ring_passes(look)
            if faded:
                for pen, _brush in passes:
                    ink = pen.color()
                    ink.setAlpha(FADED_SAMPLE_ALPHA)
                    pen.setColor(ink)
            size = look.marker(POINT_SIZE) + 5
            sample = pg.ScatterPlotItem(symbol="o", size=size, pen=passes[-1][0], brush=None)
            self._samples.append(sample)
            width = row_sample_width(size) if in_rows else 20.0
            self.addItem(_RingSample(sample, size, passes, width), "misclassified")
            if faded:  # greyed, as a legend greys what it does not show in full
                self.items[-1][1].setText("misclassified", color=LEGEND_COLOURS[self._dark][4])
        if in_rows:
            self._set_markers_apart(1 + int(has_test))

    def _set_markers_apart(self, count: int) -> None:
        """The last ``count`` entries (the test points', the rings') out of the classes' grid, side by side in a
        row of their own under it: in the grid, a column is as wide as its widest entry."""
        row = QGraphicsWidget(self)
        line = QGraphicsLinearLayout(Qt.Orientation.Horizontal)
        line.setContentsMargins(0, 0, 0, 0)
        row.setLayout(line)
        for sample, label in self.items[-count:]:
            for item in (sample, label):
                self.layout.removeItem(item)
                line.addItem(item)
            line.setAlignment(sample, Qt.AlignmentFlag.AlignVCenter)
        line.addStretch()
        rows = -(-(len(self.items) - count) // self.columnCount)
        self.layout.addItem(row, rows, 0, 1, 2 * self.columnCount)
        # a name beside its marker, and a wider gap before the next entry's, so that each reads as a pair
        self.layout.setHorizontalSpacing(0)
        for column in range(1, 2 * self.columnCount - 1, 2):
            self.layout.setColumnSpacing(column, ENTRY_GAP)
        line.setSpacing(0)
        line.setItemSpacing(1, ENTRY_GAP)
        self.layout.setContentsMargins(*(COMPACT_MARGIN,) * 4)
        self._marker_row, self._marker_line = row, line
        self.updateSize()

    def _removeItemFromLayout(self, *items) -> None:  # pyqtgraph's, for the entries in the row of their own too
        row = self._marker_row
        for item in items:
            if row is not None and item.parentItem() is row:
                self._marker_line.removeItem(item)
                item.close()
                if item.scene() is not None:
                    item.scene().removeItem(item)
            else:
                super()._removeItemFromLayout(item)

    def clear(self) -> None:
        super().clear()
        row, self._marker_row = self._marker_row, None
        if row is not None:
            self.layout.removeItem(row)
            row.close()
            if row.scene() is not None:
                row.scene().removeItem(row)
            self.layout.setHorizontalSpacing(self._spacing)  # the grid of entries one under the other, as made
            for column in range(self.layout.columnCount()):
                self.layout.setColumnSpacing(column, self._spacing)
            self.layout.setContentsMargins(*self._margins)
            self.updateSize()

    def updateSize(self) -> None:
        if self._marker_row is None:
            super().updateSize()  # pyqtgraph's: each row's entries' widths
            return
        self.layout.invalidate()
        hint = self.layout.effectiveSizeHint(Qt.SizeHint.PreferredSize)
        self.setGeometry(0, 0, hint.width(), hint.height())

    def forget_entries(self) -> bool:
        """The next ``show_entries`` makes the entries again (after a new look); True if there were entries made."""
        made = self._key is not None
        self._key = None
        return made

    def set_dark(self, dark: bool) -> bool:
        """The box dark with light text (a dark theme's plot) or white with dark text. True when that changed: the
        entries shown must then be made again (``show_entries``), in the new text colour."""
        if dark == self._dark:
            return False
        self._dark = dark
        box_colour, edge, text, _ink, _greyed = LEGEND_COLOURS[dark]
        box = QColor(box_colour)
        box.setAlpha(self.brush().color().alpha())  # see-through or not, as placed (legend_place)
        self.setBrush(pg.mkBrush(box))
        self.setPen(pg.mkPen(edge))
        self.setLabelTextColor(text)  # for entries made from now on; the ones shown are made again:
        self._key = None
        return True

    def has_entries(self) -> bool:
        """True when the legend lists classes (it is empty in regression and without data)."""
        return bool(self._key and self._key[0])
