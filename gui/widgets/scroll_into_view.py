"""What a person came to a dock for, scrolled into view when the dock is too short to show all of its view.

Every dock holds its view in a scroll area (``gui.window.docks.fit_in_dock``): on a small screen, with other docks in
the same column, a dock may get less height than its view needs, and then shows the view's top: switches and a
caption, while the confusion matrix or the digits picked sit below, out of sight. ``show_in_scroll`` scrolls the
part that matters to the top of what the dock shows (the rest stays a scroll away); ``KeepInView`` does so each
time the dock changes height (another dock opened or closed in its column), and keeps it there while the view's
parts above it change height (a caption wrapping onto more lines once the first results come), until the person
scrolls away from it.
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


def in_view(scroll: QScrollArea, target: QWidget) -> bool:
    """Whether ``target`` (inside ``scroll``'s widget) is wholly in view, or its top at the top when it is taller
    than the view."""
    content = scroll.widget()
    if content is None or not content.isAncestorOf(target):
        return False
    top = target.mapTo(content, QPoint(0, 0)).y()
    bar, seen = scroll.verticalScrollBar(), scroll.viewport().height()
    return bar.value() <= top and top + min(target.height(), seen) <= bar.value() + seen


def show_in_scroll(scroll: QScrollArea, target: QWidget) -> None:
    """Scroll ``scroll`` so that ``target`` (inside its widget) is in view, its top at the top when it was not
    wholly in view (as much of it as fits); nothing moves when it already is."""
    content = scroll.widget()
    if content is None or not content.isAncestorOf(target) or in_view(scroll, target):
        return
    scroll.verticalScrollBar().setValue(target.mapTo(content, QPoint(0, 0)).y())


#: what may bring ``target`` to another place in the scrolled view: moved or resized by a layout, or shown (a page of
#: a stack that holds it made current once the first results come)
_MOVED = (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show)


class KeepInView(QObject):
    """Brings ``target`` into view in ``scroll`` whenever the scroll area changes height (``show_in_scroll``), and
    again when ``target`` moves or grows inside the scrolled view while the person has not scrolled away from it."""

    def __init__(self, scroll: QScrollArea, target: QWidget):
        super().__init__(scroll)
        # the viewport kept here: the filter must not call the scroll area, which may be half destroyed when its
        # children's last events come
        self._scroll, self._target, self._viewport = scroll, target, scroll.viewport()
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self.bring)  # once the view inside is laid out for the new height
        self._height = -1
        #: False once the person scrolled so that ``target`` is not in view: then only a new height brings it back
        self.following = True
        self._scrolled_by_person = False
        self._viewport.installEventFilter(self)
        # a part above ``target`` growing moves ``target`` (or one of the widgets holding it) down in the content
        holder: QWidget | None = target
        while holder is not None and holder is not scroll.widget():
            holder.installEventFilter(self)
            holder = holder.parentWidget()
        bar = scroll.verticalScrollBar()
        bar.actionTriggered.connect(self._on_person_scrolls)
        bar.valueChanged.connect(self._on_scrolled)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is self._viewport:
            height = self._viewport.height()
            if height != self._height:
                self._height = height
                self.following = True
                self._soon.start(0)
        elif kind in _MOVED and self.following and watched is not self._viewport:
            self._soon.start(0)
        return False

    @Slot(int)
    def _on_person_scrolls(self, _action: int) -> None:
        # the scroll bar's arrows, page steps, drag, the wheel and the keys come here; layout changes do not
        self._scrolled_by_person = True

    @Slot(int)
    def _on_scrolled(self, _value: int) -> None:
        if self._scrolled_by_person:
            self._scrolled_by_person = False
            self.following = in_view(self._scroll, self._target)

    @Slot()
    def bring(self) -> None:
        if self._target.isVisible():
            show_in_scroll(self._scroll, self._target)


__all__ = ["KeepInView", "enclosing_scroll", "in_view", "show_in_scroll"]
