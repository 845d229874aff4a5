"""What a person came to a dock for, scrolled into view when the dock is too short to show all of its view.

Every dock holds its view in a scroll area (``gui.window.docks.fit_in_dock``): on a small screen, with other docks in
the same column, a dock may get less height than its view needs, and then shows the view's top: switches and a
caption, while the confusion matrix or the digits picked sit below, out of sight. ``show_in_scroll`` scrolls the
part that matters to the top of what the dock shows (the rest stays a scroll away); ``KeepInView`` does so each
time the dock changes height (another dock opened or closed in its column).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Slot
from PySide6.QtWidgets import QScrollArea, QWidget


def enclosing_scroll(widget: QWidget) -> QScrollArea | None:
    """The scroll area ``widget`` is shown in (its dock's), or None."""
    outer = widget.parentWidget()
    while outer is not None and not isinstance(outer, QScrollArea):
        outer = outer.parentWidget()
    return outer


def show_in_scroll(scroll: QScrollArea, target: QWidget) -> None:
    """Scroll ``scroll`` so that ``target`` (inside its widget) is in view, its top at the top when it was not
    wholly in view (as much of it as fits); nothing moves when it already is."""
    content = scroll.widget()
    if content is None or not content.isAncestorOf(target):
        return
    top = target.mapTo(content, QPoint(0, 0)).y()
    bar, seen = scroll.verticalScrollBar(), scroll.viewport().height()
    if top < bar.value() or top + min(target.height(), seen) > bar.value() + seen:
        bar.setValue(top)


class KeepInView(QObject):
    """Brings ``target`` into view in ``scroll`` whenever the scroll area changes height (``show_in_scroll``)."""

    def __init__(self, scroll: QScrollArea, target: QWidget):
        super().__init__(scroll)
        self._scroll, self._target = scroll, target
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self.bring)  # once the view inside is laid out for the new height
        self._height = -1
        scroll.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._scroll.viewport():
            height = self._scroll.viewport().height()
            if height != self._height:
                self._height = height
                self._soon.start(0)
        return False

    @Slot()
    def bring(self) -> None:
        if self._target.isVisible():
            show_in_scroll(self._scroll, self._target)


__all__ = ["KeepInView", "enclosing_scroll", "show_in_scroll"]
