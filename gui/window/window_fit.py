"""WindowFit: the window no larger than its screen; the docks beside the plot become tabs where they do not fit.

With large fonts on a small screen (1024×700 at 150 %: 683×467 px of the window's own pixels) the settings on the
left (324 px), the plot with the banner above it (253 px) and the network diagram on the right (223 px) asked for
a window 812 px wide: it opened past the screen's right edge, the diagram's column, the toolbar's end and the
timeline's Branch button cut off; a lesson that puts two views one above the other beside the plot made it taller
than the screen too. Where the window's least width is past its room, the docks shown in the right column become
tabs of the left column (Settings, Network, ...): each view is a tab away, and the plot keeps the width left by one
column. Where its least height is past it, the docks one above the other in a column become tabs of its top one.

The room is what ``resize_within_screen`` gives a window at first: the screen's available area, less the title
bar. It is looked at before the window is first shown (the docks a restored layout put there) and whenever
``PlotRoom`` looks again (a dock shown, a feature arranging docks, the window resized). A window its least size made
larger than the room is made as small as the room after (Qt keeps a window's size when its least size falls); one
the person or a program made larger is left so.

The tabs are the screen's, not the person's: the state remembered for the next start (``remembered_state``) is the
one before the docks moved, with the docks open now open in it, as long as none was moved since the fit. The next
start on the same screen fits them again; one with room (normal fonts, a larger screen) shows them where they were.
An arrangement the person made after (a dock dragged elsewhere, floated, out of its tabs) is theirs, and
remembered as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from gui.widgets.screen_fit import FRAME_PX

LEFT, RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea


class WindowFit:
    """Keeps ``window``'s least size within its room; ``anchor`` (the settings dock) stays in front of the left
    column's tabs when it was."""

    def __init__(self, window: QMainWindow, anchor: QDockWidget) -> None:
        self._window = window
        self._anchor = anchor
        self._pushed = (False, False)  # width, height: made larger than the room by the window's least size
        self._unfitted: QByteArray | None = None  # the window's state before the docks moved to fit
        self._fitted: dict | None = None  # the open docks' places as the fit left them (``_places``)

    def room(self) -> QSize:
        """The largest the window's least size may be: the screen's available area, less the title bar above."""
        available = self._window.screen().availableGeometry().size()
        return QSize(available.width(), available.height() - FRAME_PX)

    def fit(self) -> bool:
        """When the window's least size is past its room: the right column's docks become tabs of the left column
        (too wide), or each column's docks one above the other become tabs of its top one (too tall); the window its
        least size made larger than its room is made as small as the room, or its new least size (Qt keeps a
        window's size when its least size falls). True when docks moved."""
        w = self._window
        layout = w.layout()
        assert layout is not None  # a QMainWindow always has its own layout
        layout.activate()  # the docks just placed count in the least size
        room, least = self.room(), w.minimumSizeHint()
        if least.width() > room.width():
            columns = [self._shown_in(LEFT) + self._shown_in(RIGHT)]
        elif least.height() > room.height():
            columns = [self._shown_in(LEFT), self._shown_in(RIGHT)]
        else:
            columns = []
        moved = False
        before = w.saveState() if columns else None
        arranged_since = bool(columns) and self._moved_since_fitted()  # by the person or a feature
        for docks in columns:
            moved = self._into_tabs(docks) or moved
        if moved:
            layout.invalidate()
            layout.activate()
            if self._unfitted is None or arranged_since:
                self._unfitted = before
            self._fitted = self._places()
        self._pushed = (
            self._pushed[0] or least.width() > room.width(),
            self._pushed[1] or least.height() > room.height(),
        )
        if not w.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
            self._shrink(room)
        return moved

    def remembered_state(self) -> tuple[QByteArray, dict[str, bool]]:
        """The window's dock state to remember for the next start, and which docks are open in it (by name): as it
        was before the docks moved to fit, with the docks open or closed since as they are now, while none has
        moved since; as it is otherwise (no dock to open or close then)."""
        if self._unfitted is not None and not self._moved_since_fitted():
            docks = self._window.findChildren(QDockWidget)
            return QByteArray(self._unfitted), {d.objectName(): not d.isHidden() for d in docks}
        return self._window.saveState(), {}

    def forget(self) -> None:
        """The docks' arrangement is a new one (the layout reset): a fit from now on moves them from it."""
        self._unfitted = self._fitted = None

    def _places(self) -> dict:
        """Where each open dock is: its area, floating or not, and the open docks it shares tabs with."""
        w = self._window
        return {
            d.objectName(): (
                w.dockWidgetArea(d).value,
                d.isFloating(),
                frozenset(t.objectName() for t in w.tabifiedDockWidgets(d)),
            )
            for d in w.findChildren(QDockWidget)
            if not d.isHidden()
        }

    def _moved_since_fitted(self) -> bool:
        """A dock open at the last fit and still open is elsewhere now (dragged, floated, out of its tabs). Docks
        opened or closed since are no move: they open or close in the state from before the fit as they are."""
        if self._fitted is None:
            return True
        now = self._places()
        both = now.keys() & self._fitted.keys()

        def among_both(places: dict) -> dict:
            return {
                name: (area, floating, tabs & both) for name, (area, floating, tabs) in places.items() if name in both
            }

        return among_both(now) != among_both(self._fitted)

    def _shrink(self, room: QSize) -> None:
        """The window, made larger than its room by its least size (not by the person), as small as the room or its
        least size now; a side within the room is no longer held as pushed."""
        w = self._window
        least = w.minimumSizeHint()
        size = QSize(
            max(room.width(), least.width()) if self._pushed[0] and w.width() > room.width() else w.width(),
            max(room.height(), least.height()) if self._pushed[1] and w.height() > room.height() else w.height(),
        )
        if size != w.size():
            w.resize(size)
        self._pushed = (self._pushed[0] and w.width() > room.width(), self._pushed[1] and w.height() > room.height())

    def _into_tabs(self, docks: list[QDockWidget]) -> bool:
        """``docks`` (a column's, in order) all tabs of the one in front at the top; True when one moved."""
        w = self._window
        front = self._front(docks)
        if front is None:
            return False
        group = [front, *w.tabifiedDockWidgets(front)]
        last, moved = front, False
        for dock in docks:
            if not any(dock is d for d in group):
                w.tabifyDockWidget(last, dock)
                group.append(dock)
                last, moved = dock, True
        if moved:
            front.raise_()
        return moved

    def _shown_in(self, area) -> list[QDockWidget]:
        w = self._window
        return [
            d
            for d in w.findChildren(QDockWidget)
            if d.isVisibleTo(w) and not d.isFloating() and w.dockWidgetArea(d) == area
        ]

    def _front(self, docks: list[QDockWidget]) -> QDockWidget | None:
        """The dock in front at the top of ``docks``: the anchor when it is in front (always before the window is
        first shown, as no tab has been chosen yet)."""
        w = self._window
        if not w.isVisible():
            return self._anchor if any(d is self._anchor for d in docks) else (docks[0] if docks else None)
        shown = sorted(
            (d for d in docks if d.isVisible() and w.rect().intersects(d.geometry())), key=lambda d: d.geometry().y()
        )
        if any(d is self._anchor for d in shown):
            return self._anchor
        return shown[0] if shown else None
