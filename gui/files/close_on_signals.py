"""SIGTERM (a logout, a shutdown, ``kill``), SIGINT (Ctrl-C in the terminal) and SIGHUP (the terminal it was
started from closed) close the window as its close button does: unsaved work goes to the recovery file, the
training process is stopped. A SIGHUP ignored when the app started (``nohup``) stays ignored.

Python runs a signal handler only when the interpreter has control, never while Qt's event loop waits
in C++; a wake-up file descriptor (a socket pair watched by a QSocketNotifier) gives it control as soon
as a signal arrives. The handler itself only schedules the close on the event loop.

A signal that arrives while the window's own close is under way (``window.closing``: it is asking the person
what to do with work it could not keep) closes nothing: closing the window from inside that question hid it
and ended the app with the question unanswered and the work lost.
"""

from __future__ import annotations

import signal
import socket

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer, Slot

from gui.training.training_controller import ENDING_ON_SIGNAL

SIGNALS = tuple(
    s for s in (getattr(signal, "SIGTERM", None), signal.SIGINT, getattr(signal, "SIGHUP", None)) if s is not None
)


class CloseOnSignals(QObject):
    """Close ``window`` (``window.close()``) when the process gets SIGTERM, SIGINT or SIGHUP; ``uninstall`` puts
    the previous handlers back. Install from the main thread only (Python's rule for signal handlers)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.received: list[int] = []
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Read, self)
        self._notifier.activated.connect(self._drain)
        # an ignored signal stays ignored: `nohup neural-playground` must outlive its terminal
        watched = [s for s in SIGNALS if signal.getsignal(s) is not signal.SIG_IGN]
        self._previous = {s: signal.signal(s, self._on_signal) for s in watched}

    def _on_signal(self, signum, frame) -> None:
        self.received.append(signum)
        app = QCoreApplication.instance()
        if app is not None:  # the training process got the same signal from the process group: no failure to log
            app.setProperty(ENDING_ON_SIGNAL, int(signum))
        QTimer.singleShot(0, self._close)

    @Slot()
    def _drain(self) -> None:
        try:
            while self._reader.recv(64):
                pass
        except OSError:  # BlockingIOError: nothing more to read
            pass

    @Slot()
    def _close(self) -> None:
        if getattr(self.window, "closing", False):  # the close under way asks the person: they answer
            return
        self.window.close()

    def uninstall(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.setProperty(ENDING_ON_SIGNAL, None)
        for s, handler in self._previous.items():
            signal.signal(s, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()
