"""View ▸ Reset layout: the settings, the plot and every view back where a new window has them.

Docks dragged elsewhere, floated, made tabs of (by hand, or by ``WindowFit`` on a screen that was too small) and the
split between the plot and the curves go back to the window's own arrangement, the one it has before a remembered
layout is restored. The views open stay open (in their own places now), and those a new window shows are shown.
A dock made later than the window (the bias explorer, at its first opening) keeps its place. While presenter mode
arranges the window (it puts its own layout back when it ends) there is nothing to reset.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter

from gui.window.plot_room import PlotRoom


class LayoutReset(QObject):
    """Made once ``window``'s docks are all placed and before a remembered layout is restored: it keeps that
    arrangement (and ``splitter``'s) as the one ``action`` puts back; ``room`` then fits it to the screen."""

    def __init__(self, window: QMainWindow, splitter: QSplitter, room: PlotRoom) -> None:
        super().__init__(window)
        self._window = window
        self._splitter = splitter
        self._room = room
        self._state = window.saveState()
        self._splitter_state = splitter.saveState()
        self.action = QAction("Reset layout", self)
        self.action.setStatusTip(
            "Puts the settings, the plot and every view back where a new window has them; open views stay open."
        )
        self.action.triggered.connect(self.reset)

    @Slot(bool)
    def presenter_changed(self, on: bool) -> None:
        self.action.setEnabled(not on)

    @Slot()
    def reset(self) -> None:
        docks = self._window.findChildren(QDockWidget)
        open_now = [d for d in docks if not d.isHidden()]  # a tab behind another is open too
        if self._room.window_fit is not None:
            self._room.window_fit.forget()
        self._window.restoreState(self._state)
        for dock in open_now:
            if dock.isHidden():
                dock.show()
        self._splitter.restoreState(self._splitter_state)
        self._room.schedule()  # the plot its share, and tabs where the screen is too small for the columns
