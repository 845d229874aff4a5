"""PointsLegend: the main plot's legend, which explains the points' markers.

One entry per class (its colour and marker), then what a hollow marker means (test points) and what a ring means
(misclassified); nothing in regression. The ring's sample is drawn as the plot draws a ring, a dark circle over a
white halo, so that it reads on the dark theme's box as the rings do on the dark plot. The entry of the rings is
greyed, and its sample faint, while the rings fade (``rings``: why, and the rule). The box is white with dark
text, or dark with light text in a dark theme; it stands in the corner where it hides the fewest points,
see-through where it covers some (``legend_place``), or where the person drags it (``legend_hand``). It changes
rarely, so Qt keeps it painted in pixmaps.
"""

from __future__ import annotations

import html

import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from gui.plot.legend_hand import HAND_TIP, PlotLegend
from gui.plot.legend_place import OPAQUE
from gui.plot.point_markers import POINT_SIZE, group_style
from gui.plot.rings import FADED_SAMPLE_ALPHA, LEGEND_TIP, ring_passes
from gui.widgets.plot_look import PlotLook

FORMS = ("", "row", "column")  # every entry; the classes alone in a row; in a column (``set_form``)
#: The legend's box, its edge and its text (and the hollow test marker's ink, and a greyed entry's text) in a light
#: and in a dark theme
LEGEND_COLOURS = {
    False: ("#ffffff", "#bbbbbb", "#222222", "#444444", "#767676"),
    True: ("#23272d", "#59616b", "#e4e7eb", "#c8ccd2", "#8b939e"),
}


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


class _RingSample(_QuietSample):
    """The "misclassified" entry's sample: a ring of ``size`` px drawn in each of ``passes`` (pens, as
    ``rings.ring_passes`` gives them), one over the other, as the plot draws its rings."""

    def __init__(self, item, size: float, passes: list):
        super().__init__(item)
        self._size = size
        self._pens = [QPen(pen) for pen, _brush in passes]

    def paint(self, p: QPainter, *args) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.translate(10, 10)  # the middle of the sample's 20 x 20 square, as pyqtgraph's samples
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
        if form:
            self.setColumnCount(1)  # the row's columns are laid out once its entries are in (pyqtgraph)
        else:
            n_entries = len(names) + (2 if names else 0)
            self.setColumnCount(1 if n_entries <= 6 else 2 if n_entries <= 12 else 3)
        for k, name in enumerate(names):
            sample = pg.ScatterPlotItem(**group_style(("c", k, False), look))
            self._samples.append(sample)
            self.addItem(sample, html.escape(name, quote=False))  # a legend label is HTML; a name is text
        if form == "row" and names:
            self.setColumnCount(len(names) if len(names) <= 3 else -(-len(names) // 2))  # two rows past three
        if form:
            return
        if names and has_test:
            sample = pg.ScatterPlotItem(
                symbol="o",
                size=look.marker(POINT_SIZE) + 1,
                pen=pg.mkPen(LEGEND_COLOURS[self._dark][3], width=2.0),
                brush=None,
            )
            self._samples.append(sample)
            # the samples show the hollow marker and the ring: the words only say what they mean, short, as a narrow
            # legend hides fewer points where no corner of the plot is free (legend_place)
            self.addItem(sample, "test points")
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
            self.addItem(_RingSample(sample, size, passes), "misclassified")
            if faded:  # greyed, as a legend greys what it does not show in full
                self.items[-1][1].setText("misclassified", color=LEGEND_COLOURS[self._dark][4])

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
