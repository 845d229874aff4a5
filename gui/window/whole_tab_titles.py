"""WholeTabTitles: the tabs of a group of docks show their titles whole, never cut with "…".

Qt cuts a dock's tab title to fit its share of the tab bar ("Network dia…", "Perceptron l…" beside the plot on a
1024×700 screen). The docks' titles are short (``gui.window.docks``) so that the groups a lesson or the window opens
fit whole; when more docks share a column than fit side by side, the tab bar scrolls (its arrow buttons) rather than
cutting every title to a stub nobody can read.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QMainWindow, QTabBar


def show_whole(bar: QTabBar) -> None:
    bar.setElideMode(Qt.TextElideMode.ElideNone)
    bar.setUsesScrollButtons(True)


class WholeTabTitles(QObject):
    """Watches ``window`` for the tab bars Qt makes for its groups of docks (when a group forms), and sets each."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        for bar in window.findChildren(QTabBar):
            if bar.parent() is window:
                show_whole(bar)
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        # ChildPolished, not ChildAdded: Qt sets a new tab bar's elide mode right after making it
        if event.type() == QEvent.Type.ChildPolished and isinstance(event.child(), QTabBar):
            show_whole(event.child())
        return False
