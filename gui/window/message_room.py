"""MessageRoom: a passing status-bar message is read whole; the readouts beside it give way for its few seconds.

``QStatusBar`` draws a message in what its permanent widgets leave free and elides the rest, so with a larger desktop
font on a small screen the readouts squeezed "Paused at epoch ..." to "Pa...". While a message shows, the readout
strip is narrowed just enough for it (it drops the cursor position, then its words: see ``ReadoutStrip``), or hidden
where even its numbers leave too little room. It comes back whole when the message goes, and at the latest after
``HOLD_MS``: a message that stays until cleared (a plateau's pause) must not take the epoch and the loss away for good.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QStatusBar, QWidget

HOLD_MS = 10000  # the longest the readouts give way to one message
MESSAGE_LEFT = 6  # px QStatusBar leaves left of a message
MESSAGE_GAP = 2  # px QStatusBar leaves between a message and the first permanent widget
UNLIMITED = 16777215  # QWIDGETSIZE_MAX: no maximum width


class MessageRoom(QObject):
    """Makes room in ``status_bar`` for its message by narrowing or hiding ``strip`` (a permanent widget)."""

    def __init__(self, status_bar: QStatusBar, strip: QWidget, parent=None):
        super().__init__(parent)
        self.status_bar = status_bar
        self.strip = strip
        self._held = False  # the strip has given way to the message shown
        self._hold = QTimer(self, singleShot=True, interval=HOLD_MS)
        self._hold.timeout.connect(self._release)
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self._check_room)
        status_bar.messageChanged.connect(self._message_changed)
        status_bar.installEventFilter(self)  # a resize while a message shows: its room measured again

    def giving_way(self) -> bool:
        """Whether the strip is narrowed or hidden for the message shown."""
        return self._held

    @Slot(str)
    def _message_changed(self, text: str) -> None:
        if not text:
            self._hold.stop()
            self._release()
            return
        self._hold.start()
        self._make_room(text)

    def _make_room(self, text: str) -> None:
        self._release()  # measured from the strip at its own width, where the status bar's layout puts it now
        self._lay_out()
        bar, strip = self.status_bar, self.strip
        if not strip.isVisible():
            return
        ltr = bar.layoutDirection() == Qt.LayoutDirection.LeftToRight
        far_edge = strip.geometry().right() + 1 if ltr else bar.width() - strip.x()  # stays where it is when narrowed
        metrics = bar.fontMetrics()
        need = MESSAGE_LEFT + metrics.horizontalAdvance(text) + MESSAGE_GAP + metrics.averageCharWidth()
        room = far_edge - need
        if room >= strip.width():
            return
        self._held = True
        if room >= strip.minimumSizeHint().width():
            strip.setMaximumWidth(room)  # a lower level of the strip: fewer readouts, or their numbers only
        else:
            strip.hide()
        self._lay_out()

    @Slot()
    def _release(self) -> None:
        """The readouts whole again (the message gone, or shown long enough)."""
        if self._held:
            self._held = False
            self.strip.setMaximumWidth(UNLIMITED)
            self.strip.show()
            self._lay_out()  # and the message drawn again, elided where the strip is back

    def _lay_out(self) -> None:
        # now rather than on the next turn of the event loop: the message is drawn in what the strip leaves free
        layout = self.status_bar.layout()
        if layout is not None:
            layout.activate()
        self.status_bar.update()

    def eventFilter(self, watched, event) -> bool:
        # the status bar resized, or the strip asked for more room (the cursor position showed up): measured again
        kind = event.type()
        laid_out = watched is self.status_bar and kind in (QEvent.Type.Resize, QEvent.Type.LayoutRequest)
        if laid_out and self._hold.isActive() and self.status_bar.currentMessage():
            self._refit.start()  # once laid out, on the next turn of the event loop
        return super().eventFilter(watched, event)

    @Slot()
    def _check_room(self) -> None:
        text = self.status_bar.currentMessage()
        if text and self._hold.isActive() and not self._fits(text):
            self._make_room(text)

    def _fits(self, text: str) -> bool:
        bar, strip = self.status_bar, self.strip
        if not strip.isVisible():
            return True
        ltr = bar.layoutDirection() == Qt.LayoutDirection.LeftToRight
        near_edge = strip.x() if ltr else bar.width() - strip.geometry().right() - 1
        return near_edge - MESSAGE_GAP >= MESSAGE_LEFT + bar.fontMetrics().horizontalAdvance(text)
