"""The person's say over the plot's legend: drag it anywhere, hide it, or let it find its place again.

The legend places itself where it hides the fewest points (``legend_place``), but on data that fill the plot (the
spiral, the wine, the circles) every corner holds some. As in a plotting tool, the person can then move it out of
the way: a left drag on it moves it anywhere on the plot (never past its edges), and there it stays, at the same
distance from the plot's nearest edges when the plot is resized, until other data are shown (generated, opened,
another dataset: not an edit of these points). A right click on it opens its menu: hide it, or put it back where
it places itself. View > Plot legend hides and shows it, and the choice is remembered (the app's settings and a
session file's view settings).

A click on the legend still reaches the plot (the Add tool adds a point there, as anywhere); a paint stroke begun
beside it passes across it.
"""

from __future__ import annotations

from dataclasses import replace

import pyqtgraph as pg
from PySide6.QtCore import QObject, QPoint, QPointF, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

SETTINGS_KEY = "view/plot_legend"  # whether the legend shows (AppSettings)
HAND_TIP = " Drag the legend to move it out of the way; right-click it to hide it (View \u25b8 Plot legend)."


class PlotLegend(pg.LegendItem):
    """The plot's legend: a left drag moves it within the plot; a right click asks for its menu."""

    movedByHand = Signal()  # a drag began: from now on it stands where the person puts it
    dropped = Signal()  # a drag ended: the boxes beside it make room for it where it stands
    menuRequested = Signal(QPoint)  # a right click on it, at this screen position

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setCursor(Qt.CursorShape.OpenHandCursor)  # it can be taken and moved

    def mouseDragEvent(self, ev):
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()  # a right or middle drag pans the plot, as anywhere
            return
        ev.accept()
        if ev.isStart():
            self.movedByHand.emit()
        self.move_within(self.pos() + ev.pos() - ev.lastPos())
        if ev.isFinish():
            self.dropped.emit()

    def move_within(self, pos: QPointF) -> None:
        """Puts the legend's top left at ``pos`` (the view box's coordinates), moved back inside the plot where it
        would reach past an edge; anchored to the nearest edges, so that a resize keeps it in its place."""
        parent = self.parentItem()
        if parent is None:
            return
        box = self.mapRectToParent(self.boundingRect()).translated(QPointF(pos) - self.pos())
        plot = parent.boundingRect()
        dx = max(0.0, plot.left() - box.left()) + min(0.0, plot.right() - box.right())
        dy = max(0.0, plot.top() - box.top()) + min(0.0, plot.bottom() - box.bottom())
        self.autoAnchor(QPointF(pos) + QPointF(dx, dy))

    def mouseClickEvent(self, ev):
        if ev.button() == Qt.MouseButton.RightButton:
            ev.accept()  # not the plot's right click (which removes the nearest point)
            self.menuRequested.emit(ev.screenPos().toPoint())
        else:
            ev.ignore()  # a left click reaches the plot: a point added under the legend, as anywhere


class LegendHand(QObject):
    """The person's say over ``view``'s legend (``view``: a BoundaryView, whose ``framing`` moves the legend only
    while it is not placed by hand). ``show_action`` is View > Plot legend; ``menu`` is the legend's own."""

    def __init__(self, view, parent: QObject | None = None):
        super().__init__(parent)
        self.view = view
        self.legend: PlotLegend = view.data_points.legend
        self._document = None
        self._data_key = None  # the data shown (their source, edits aside): other data let it place itself again
        self._settings = None

        self.show_action = QAction("Plot legend", self)
        self.show_action.setCheckable(True)
        self.show_action.setChecked(True)
        self.show_action.setStatusTip("Shows or hides the legend of the plot's markers (drag the legend to move it).")
        self.show_action.toggled.connect(self._on_shown)

        self.menu = QMenu(view)
        self.hide_action = self.menu.addAction("Hide the legend")
        self.hide_action.setStatusTip("View \u25b8 Plot legend shows it again.")
        self.hide_action.triggered.connect(self._hide)
        self.auto_action = self.menu.addAction("Place it where it hides the fewest points")
        self.auto_action.setStatusTip(
            "Puts the legend back in the corner of the plot where it hides the fewest points."
        )
        self.auto_action.triggered.connect(self.place_automatically)

        self.legend.movedByHand.connect(self._on_moved)
        self.legend.menuRequested.connect(self._on_menu)
        self.legend.dropped.connect(view.place_legend)  # see-through over points; the score moves clear of it

    @property
    def by_hand(self) -> bool:
        """The person dragged the legend: it stays where they put it."""
        return bool(self.view.framing.legend_by_hand)

    # ------------------------------------------------------------------ the window's doors
    def follow(self, document) -> None:
        """Other data in ``document`` (a DataDocument: generated, opened, another dataset; not an edit of these
        points) let the legend place itself again."""
        self._document = document
        self._data_key = _data_key(document.source)
        document.datasetChanged.connect(self._on_data)

    def remember(self, settings) -> None:
        """Shows the legend as ``settings`` (AppSettings) last kept it, and keeps each change there."""
        shown = settings.load(SETTINGS_KEY, True)
        self.show_action.setChecked(shown if isinstance(shown, bool) else True)
        self._settings = settings

    # ------------------------------------------------------------------ what the person does
    @Slot()
    def place_automatically(self) -> None:
        """Back where it hides the fewest points (``legend_place``)."""
        self.view.framing.legend_by_hand = False
        self.view.place_legend()

    @Slot()
    def _on_moved(self) -> None:
        framing = self.view.framing
        framing.legend_by_hand = True
        framing.legend_corner = "by hand"  # no corner: the score's room is the person's to judge

    @Slot(QPoint)
    def _on_menu(self, at: QPoint) -> None:
        self.auto_action.setEnabled(self.by_hand)
        self.menu.popup(at)

    @Slot()
    def _hide(self) -> None:
        self.show_action.setChecked(False)

    @Slot(bool)
    def _on_shown(self, shown: bool) -> None:
        self.view.set_legend_visible(shown)
        if self._settings is not None:
            self._settings.save(SETTINGS_KEY, bool(shown))

    @Slot(object)
    def _on_data(self, _dataset) -> None:
        if self._document is None:
            return
        key = _data_key(self._document.source)
        if key != self._data_key:
            self._data_key = key
            if self.by_hand:
                self.place_automatically()


def _data_key(source):
    """What the data are, edits aside (an added point leaves the legend where the person put it)."""
    return replace(source, edited=False)
