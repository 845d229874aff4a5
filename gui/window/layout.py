"""Where things sit: the settings panels in a dock on the left, the banner, the plot and the curves in the middle."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QScrollArea, QSplitter, QVBoxLayout, QWidget

from gui.panels.wheel_guard import WheelGuard
from gui.window.docks import raise_when_asked_for


def build_layout(window: QMainWindow, panels, banner, plot, curves) -> tuple[QDockWidget, QSplitter]:
    """Puts the parts in ``window``; returns the settings dock and the splitter between the plot and the curves
    (its sizes are remembered)."""
    panel_container = QWidget()
    panel_container.setObjectName("panelContainer")
    col = QVBoxLayout(panel_container)
    col.setContentsMargins(10, 4, 10, 10)
    col.setSpacing(4)
    for panel in (panels.data, panels.model, panels.training):
        col.addWidget(panel)
    col.addStretch(1)
    scroll = QScrollArea()
    scroll.setObjectName("panelScroll")
    scroll.setWidget(panel_container)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setMinimumWidth(panel_container.sizeHint().width() + 24)
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
    v.setContentsMargins(8, 8, 8, 0)
    v.setSpacing(6)
    v.addWidget(banner)
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.setObjectName("plotSplitter")
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(plot)
    splitter.addWidget(curves)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([620, 210])
    v.addWidget(splitter, 1)
    window.setCentralWidget(central)
    return panel_dock, splitter
