"""WheelGuard: over a scrolling panel the mouse wheel scrolls, and edits only the field that has the focus.

A spin box or a drop-down list under the pointer takes the wheel by default, so scrolling down the settings panel
rolled whatever field passed under the pointer (the L2 rate went to 10 this way). The guard watches every widget
of the scroll area's content (and those added later, such as a new hidden layer's row): a wheel turn over a field
without the keyboard focus scrolls the panel instead. Fields no longer take the focus from the wheel either, so a
click (or Tab) is what makes a field editable by the wheel.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSlider, QAbstractSpinBox, QComboBox, QWidget

FIELDS = (QAbstractSpinBox, QComboBox, QAbstractSlider)


def _field_of(widget) -> QWidget | None:
    """The field `widget` is, or is part of (a spin box's or an editable list's text line), or None."""
    while widget is not None and widget.isWidgetType():
        if isinstance(widget, FIELDS):
            return widget
        if widget.isWindow():
            return None
        widget = widget.parentWidget()
    return None


class WheelGuard(QObject):
    def __init__(self, scroll: QAbstractScrollArea):
        super().__init__(scroll)
        self._scroll = scroll
        self._walk_due = False
        self._walk()

    def _walk(self) -> None:
        self._walk_due = False
        root = self._scroll.widget() if hasattr(self._scroll, "widget") else self._scroll.viewport()
        if root is None:
            return
        for w in (root, *root.findChildren(QWidget)):
            w.installEventFilter(self)  # installing again only moves it to the front: never twice
            if isinstance(w, FIELDS) and w.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            field = _field_of(obj)
            if field is not None and not field.hasFocus():
                QCoreApplication.sendEvent(self._scroll.verticalScrollBar(), event)
                return True
        elif kind == QEvent.Type.ChildAdded and not self._walk_due:
            self._walk_due = True  # the new widget is still being built: watch it once it is done
            QTimer.singleShot(0, self._walk)
        return False
