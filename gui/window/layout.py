"""Where things sit: the settings panels in a dock on the left, the banner, the plot and the curves in the middle.

On a small screen (1024×700) the plot keeps its share of the window (``PlotRoom``), the settings narrow to the
width of their fields and scroll, and the curves keep a chart tall enough to follow a curve in.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QScrollArea, QSplitter, QVBoxLayout, QWidget

from gui.panels.wheel_guard import WheelGuard
from gui.window.docks import raise_when_asked_for
from gui.window.plot_room import PlotRoom
from gui.window.window_fit import WindowFit

#: the plot's share of the window's width and height that docks beside, above and below it leave it
PLOT_WIDTH_SHARE, PLOT_HEIGHT_SHARE = 0.42, 0.44
#: px: the curves' least height in a window 640 px tall or taller, so that their charts' plot areas stay ~120 px
#: tall (the check boxes' row, the epoch axis and its label take the rest); less in a shorter window (``PlotRoom``)
CURVES_MIN_HEIGHT = 226


def build_layout(window: QMainWindow, panels, banner, plot, curves) -> tuple[QDockWidget, QSplitter, PlotRoom]:
    """Puts the parts in ``window``; returns the settings dock, the splitter between the plot and the curves
    (its sizes are remembered) and the ``PlotRoom`` that keeps the plot its share of the window."""
    panel_container = QWidget()
    panel_container.setObjectName("panelContainer")
    col = QVBoxLayout(panel_container)
    col.setContentsMargins(6, 4, 6, 10)
    col.setSpacing(4)
    for panel in (panels.data, panels.model, panels.training):
        col.addWidget(panel)
    col.addStretch(1)
    scroll = QScrollArea()
    scroll.setObjectName("panelScroll")
    scroll.setWidget(panel_container)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # as narrow as the fields allow (the model panel's rows of hidden layers are the widest), plus the scroll bar
    scroll.setMinimumWidth(
        panel_container.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 2
    )
    WheelGuard(scroll)  # the wheel scrolls the panels; it edits only a focused field (the scroll area keeps it)
    panel_dock = QDockWidget("Settings")
    panel_dock.setObjectName("settingsDock")
    panel_dock.setWidget(scroll)
    panel_dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
    )
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, panel_dock)
    raise_when_asked_for(panel_dock)

    central = QWidget()
    v = QVBoxLayout(central)
    v.setContentsMargins(8, 4, 8, 0)
    v.setSpacing(6)
    v.addWidget(banner)
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.setObjectName("plotSplitter")
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(plot)
    splitter.addWidget(curves)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([620, CURVES_MIN_HEIGHT])
    v.addWidget(splitter, 1)
    window.setCentralWidget(central)
    fit = WindowFit(window, panel_dock)  # on a screen too small for them, the docks beside the plot become tabs
    room = PlotRoom(window, plot, curves, PLOT_WIDTH_SHARE, PLOT_HEIGHT_SHARE, CURVES_MIN_HEIGHT, banner, fit)
    return panel_dock, splitter, room
