"""Work that holds the GUI thread for seconds, done once the window is on screen and active.

A file named on the command line (a lesson generates its data, a session is read) was opened between ``show()``
and the event loop: the window stayed black for seconds, and a key pressed meanwhile (Space for Play) reached a
window the system had not activated yet, whose shortcuts do not answer: the key was lost. Done once the window is
active (or after ``PATIENCE_MS``, should another window keep the focus), the window is painted first, and a key
pressed while the work holds the thread waits for it, then works.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QWidget

PATIENCE_MS = 1500
POLL_MS = 20


class WhenShown(QObject):
    """Calls ``then()`` once ``window`` is the active window (or ``patience_ms`` after it was made), after a paint."""

    def __init__(self, window: QWidget, then: Callable[[], object], patience_ms: int = PATIENCE_MS):
        super().__init__(window)  # lives as long as the window
        self._window = window
        self._then: Callable[[], object] | None = then
        self._deadline = time.perf_counter() + patience_ms / 1000.0
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._check)
        self._timer.start()

    @Slot()
    def _check(self) -> None:
        if not (self._window.isActiveWindow() or time.perf_counter() >= self._deadline):
            return
        self._timer.stop()
        then, self._then = self._then, None
        if then is None:
            return
        if self._window.isVisible():
            self._window.repaint()  # on screen before the work holds the thread
        then()
        # Not deleteLater: the deferred delete of this Python-made object, run by a later processEvents, crashed the
        # process now and then (a test process's segfault, found right after this class's test). A stopped timer
        # and an object the size of a few pointers go with the window.
