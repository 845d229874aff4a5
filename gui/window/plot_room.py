"""PlotRoom: the plot keeps its share of the window on a small screen, whatever docks are open beside it.

A ``QMainWindow`` gives what a smaller window loses to its central widget first, and a dock shown beside the plot
takes its room from the plot too: at 1024×700 the settings on the left and the network diagram on the right
left the plot 200 px of width, and the loss landscape below it left the curves 25 px of height. After the window
is resized, and after a dock is shown or docked again, PlotRoom gives the plot back its share:

- docks above or below the plot give up height until the plot has ``height_share`` of the window's height and
  the curves their minimum; a band that would be left less than ``BAND_FLOOR`` px moves to the column on the
  right, still shown, beside the plot;
- then the curves below the plot give it height (the splitter between them moves), down to their least height;
- the columns of docks on the left and on the right give up width (the wider gives more, none below
  ``SIDE_FLOOR`` px nor its docks' minimum) until the plot has ``width_share`` of the window's width.

A short window (large fonts on a 720 px screen: 440 px of window at 150 %) gives way too, so that its least size
fits the screen and the plot keeps a readable share: the curves' least height is ``curves_min_height`` in a window
``CURVES_FULL_FROM`` px tall, less in a shorter one (``CURVES_GIVE``; fixed, it asked for a window taller than the
screen and left the plot a strip); below ``SHORT_WINDOW`` px the banner above the plot takes at most two lines
(``Banner.set_short``) and the curves' summary line and "epoch" titles give their height to the charts
(``CurvesView.set_compact``). This follows the window's height as it is given, before it is first laid out too.

It never acts on a dock the person is resizing by hand: only a new window size, a dock shown or put back from
floating, or a feature arranging docks (through ``DockLayout``) set it off, and it stands aside while presenter
mode arranges the window (``stand_aside``).
The docks' views scroll when narrowed below their minimum (``gui.window.docks``); where the window's least size is
past its screen, ``WindowFit`` makes the docks beside the plot tabs first.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QWidget

from gui.plot.curves_view import CurvesView
from gui.window.messages import Banner
from gui.window.window_fit import WindowFit

SIDE_FLOOR = 240  # px: a column of docks beside the plot keeps at least this width (a line of a few words)
BAND_FLOOR = 170  # px: a dock above or below the plot that would be left less height goes beside the plot instead
#: px: from this window height on the curves keep ``curves_min_height`` (a 1024×700 screen's window is 660 px
#: tall); below it they give up ``CURVES_GIVE`` px of their least height for each px the window is shorter, down to
#: ``CURVES_FLOOR`` px (their check boxes and a small chart)
CURVES_FULL_FROM, CURVES_GIVE, CURVES_FLOOR = 640, 0.55, 120
SHORT_WINDOW = 560  # px: a window shorter than this shows the banner on two lines at most and the curves compact

LEFT, RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
TOP, BOTTOM = Qt.DockWidgetArea.TopDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea


class PlotRoom(QObject):
    """Keeps ``plot`` (inside the window's central widget, above ``curves``) its share of ``window``."""

    def __init__(
        self,
        window: QMainWindow,
        plot: QWidget,
        curves: CurvesView,
        width_share: float,
        height_share: float,
        curves_min_height: int,
        banner: Banner | None = None,
        window_fit: WindowFit | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._plot = plot
        self._curves = curves
        self._banner = banner
        self.window_fit = window_fit
        self.width_share = width_share
        self.height_share = height_share
        self._curves_min_height = curves_min_height
        self._curves_least = curves_min_height
        self._short = False  # shorter than SHORT_WINDOW
        curves.setMinimumHeight(curves_min_height)
        self._aside = False
        self._timer = QTimer(self)  # once the events that set it off are all handled
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.make_room)
        window.installEventFilter(self)

    @Slot(bool)
    def stand_aside(self, aside: bool) -> None:
        """While ``aside`` another part arranges the window (presenter mode: larger type, its own shares of plot
        and curves) and puts it back exactly after: PlotRoom neither moves docks nor holds the curves' height."""
        self._aside = aside
        self._curves.setMinimumHeight(0 if aside else self._curves_least)
        self._curves.set_compact(self._short and not aside)  # presenter mode hides the status bar
        if aside:
            self._timer.stop()
        else:
            self._timer.start()

    def schedule(self) -> None:
        """Look again once the window has laid its docks out (after a feature placed or sized one)."""
        self._timer.start()

    def eventFilter(self, obj, event) -> bool:
        if obj is self._window and event.type() in (QEvent.Type.Resize, QEvent.Type.Polish):
            # also before the window is first laid out (Polish): its least height is counted from these
            self._fit_to_height(self._window.height())
        if obj is self._window and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._watch_new_docks()
            self._timer.start()
        if obj is self._window and event.type() == QEvent.Type.Show:
            # at once as well: the window is painted before a timer's turn comes when the machine is busy, and its
            # first frame showed the docks as wide as they asked, the plot squeezed, for half a second
            self.make_room()
        return False

    def _fit_to_height(self, height: int) -> None:
        shorter = max(0, CURVES_FULL_FROM - height)
        least = max(CURVES_FLOOR, round(self._curves_min_height - CURVES_GIVE * shorter))
        if least != self._curves_least:
            self._curves_least = least
            if not self._aside:
                self._curves.setMinimumHeight(least)
        self._short = height < SHORT_WINDOW
        if self._banner is not None:
            self._banner.set_short(self._short)
        self._curves.set_compact(self._short and not self._aside)

    def _watch_new_docks(self) -> None:
        for dock in self._window.findChildren(QDockWidget):
            if not dock.property("plotRoomWatches"):
                dock.setProperty("plotRoomWatches", True)
                dock.visibilityChanged.connect(self._on_dock_visibility)
                dock.topLevelChanged.connect(self._on_dock_floating)

    @Slot(bool)
    def _on_dock_visibility(self, visible: bool) -> None:
        if visible:
            self._timer.start()

    @Slot(bool)
    def _on_dock_floating(self, floating: bool) -> None:
        if not floating:
            self._timer.start()

    # ------------------------------------------------------------------------------------------ the rules
    def _docks_in(self, area, in_front: bool = True) -> list[QDockWidget]:
        """The docks shown in ``area``; ``in_front``: only those in front (a dock behind another tab of its group
        lies outside the window)."""
        w = self._window
        return [
            d
            for d in w.findChildren(QDockWidget)
            if d.isVisible()
            and not d.isFloating()
            and w.dockWidgetArea(d) == area
            and (not in_front or w.rect().intersects(d.geometry()))
        ]

    @Slot()
    def make_room(self) -> None:
        self._watch_new_docks()
        if self._aside or not self._window.isVisible() or not self._plot.isVisible():
            return
        layout = self._window.layout()
        assert layout is not None  # a QMainWindow always has its own layout
        layout.activate()  # the sizes docks were given are applied: the geometries read below are the current ones
        moved = self._make_height()
        if self.window_fit is not None:
            moved = self.window_fit.fit() or moved
        if moved:
            layout.activate()  # the moved docks in their column
        self._take_from_curves()
        self._make_width()

    def _central_size(self):
        central = self._window.centralWidget()
        return central.width(), central.height()

    def _make_height(self) -> bool:
        """True when a dock moved to the right column."""
        w = self._window
        _, central_h = self._central_size()
        curves = self._curves.minimumHeight() if self._curves.isVisible() else 0
        around = central_h - self._plot.height() - (self._curves.height() if self._curves.isVisible() else 0)
        need = math.ceil(self.height_share * w.height()) + curves + around
        short = need - central_h
        bands = [(area, self._docks_in(area)) for area in (TOP, BOTTOM)]
        bands = [(area, docks) for area, docks in bands if docks]
        if short <= 0 or not bands:
            return False
        heights = {area: max(d.height() for d in docks) for area, docks in bands}
        total = sum(heights.values())
        moved = False
        for area, docks in bands:
            left = heights[area] - math.ceil(short * heights[area] / total)
            if left < BAND_FLOOR:
                for dock in docks:  # too thin to read below the plot: beside it, in the right column
                    w.addDockWidget(RIGHT, dock, Qt.Orientation.Vertical)
                    dock.show()
                moved = True
            else:
                w.resizeDocks(docks, [left] * len(docks), Qt.Orientation.Vertical)
        return moved

    def _take_from_curves(self) -> None:
        """The splitter moves: the curves give the plot height down to their least height."""
        splitter = self._curves.parentWidget()
        if not isinstance(splitter, QSplitter) or not self._curves.isVisible():
            return
        plot_h, curves_h = self._plot.height(), self._curves.height()
        give = min(math.ceil(self.height_share * self._window.height()) - plot_h, curves_h - self._curves_least)
        if give > 0:
            sizes = splitter.sizes()
            at = splitter.indexOf(self._plot), splitter.indexOf(self._curves)
            sizes[at[0]] += give
            sizes[at[1]] -= give
            splitter.setSizes(sizes)

    def _make_width(self) -> None:
        w = self._window
        central_w, _ = self._central_size()
        need = math.ceil(self.width_share * w.width()) + central_w - self._plot.width()
        short = need - central_w
        columns = [(area, self._docks_in(area)) for area in (LEFT, RIGHT)]
        columns = [(area, docks) for area, docks in columns if docks]
        if short <= 0 or not columns:
            return
        widths = {area: max(d.width() for d in docks) for area, docks in columns}
        floors = {
            area: max([SIDE_FLOOR] + [d.minimumSizeHint().width() for d in self._docks_in(area, in_front=False)])
            for area, _ in columns
        }
        spare = {area: max(0, width - floors[area]) for area, width in widths.items()}
        total = sum(spare.values())
        if total == 0:
            return
        for area, docks in columns:
            cut = min(spare[area], math.ceil(short * spare[area] / total))
            if cut > 0:
                w.resizeDocks(docks, [widths[area] - cut] * len(docks), Qt.Orientation.Horizontal)
