"""The toolbar from the keyboard: Tab reaches its buttons, and Space, Enter or Return presses one.

A QToolBar gives the buttons it makes for its actions no focus (Qt's choice for toolbars), so Tab never reached
Play, Step, Reset or the plot's tools. Here they take Tab focus (not a click's: clicking Play leaves the focus where
it was, in the plot or a field); the window puts them in its Tab order after the training settings
(``gui.window.focus_chain``), in the toolbar's order (Play, Step, the pace, Reset, the class, the tools, Step
slowly). The window's shortcut for Space is Play: on a focused button Space presses that button instead, as on any
button.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QToolBar, QToolButton, QWidget

PRESS_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ToolbarKeys(QObject):
    """Gives ``toolbar``'s buttons Tab focus (``stops``: the window puts them in its Tab order) and makes Space,
    Enter and Return press a focused one."""

    def __init__(self, toolbar: QToolBar, parent: QObject | None = None):
        super().__init__(parent)
        self.toolbar = toolbar

    def stops(self) -> list[QWidget]:
        """What Tab stops at on the toolbar, in its order: the buttons of its actions (given Tab focus here), and
        the widgets in it that take focus (the pace list, the class buttons). On each, Space is the widget's own
        key (a button's press, the list's opening), not the window's Play."""
        stops: list[QWidget] = []
        for action in self.toolbar.actions():
            widget = self.toolbar.widgetForAction(action)
            if widget is None:
                continue
            made = isinstance(widget, QToolButton) and widget.defaultAction() is action
            if made and widget.focusPolicy() == Qt.FocusPolicy.NoFocus:  # Qt gives an action's button no focus
                widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                widget.installEventFilter(self)  # again on a later call: Qt keeps one filter per object
                stops.append(widget)
        return stops

    def eventFilter(self, watched, event) -> bool:
        if isinstance(event, QKeyEvent) and event.key() in PRESS_KEYS and not event.modifiers():
            kind = event.type()
            if kind == QEvent.Type.ShortcutOverride:  # the key is the focused widget's, not the window's shortcut
                event.accept()
                return True
            if kind == QEvent.Type.KeyPress and event.key() != Qt.Key.Key_Space and isinstance(watched, QToolButton):
                watched.click()  # Space: the button's own press and release
                return True
        return False
