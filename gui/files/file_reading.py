"""Reading a file off the GUI thread: the one path session files and data files are opened by.

A file may take seconds to read and check (a session file of up to ``MAX_SESSION_BYTES``, a CSV file of a million
rows), which the window's thread must never spend. ``FileReader.start(read)`` calls ``read()`` (a Qt-free
function that reads and checks the whole file and returns one typed result, never raising) on a thread of Qt's
global pool and hands its result back through ``finished`` (a queued signal: its slots run in the GUI thread).
Only the newest request counts: a result of an older one is dropped unseen, so a newer open supersedes an older
one, and ``cancel()`` drops the one under way (nothing it read is used). A request may bring a
``threading.Event`` its read function looks at now and then (a CSV file: between chunks of rows): the reader
sets it when the request stops counting (cancelled, superseded, the reader gone), so that the thread stops
reading at once instead of parsing on to the end of a large file, holding a core and the memory. While a read
is under way the application shows a busy cursor.

Closing the window while a file is read is safe: the reading thread holds only its own emitter object
(created here, parentless); once the reader is gone Qt delivers its result to no one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QGuiApplication


class _Emitter(QObject):
    """Carries one result from the reading thread to the reader (created in the GUI thread, parentless)."""

    done = Signal(int, object)


class _ReadJob(QRunnable):
    def __init__(self, ticket: int, read: Callable[[], Any], emitter: _Emitter):
        super().__init__()
        self.setAutoDelete(True)
        self._ticket, self._read, self._emitter = ticket, read, emitter

    def run(self) -> None:
        result = self._read()
        try:
            self._emitter.done.emit(self._ticket, result)
        except RuntimeError:  # the emitter is gone (the application is ending): nobody waits
            pass


class FileReader(QObject):
    """Reads one file at a time off the GUI thread; ``finished(result)`` brings the newest request's result."""

    finished = Signal(object)  # what the read function returned, in the GUI thread
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._ticket = 0
        self._waiting: int | None = None  # the ticket whose result counts, None when idle
        self._emitters: dict[int, _Emitter] = {}
        # each unfinished request's stop flag; shared with the callback below, which runs when the reader is gone
        self._stops: dict[int, threading.Event] = {}
        self._cursor = [False]  # shared with the callback below, which runs when the reader is gone
        cursor, stops = self._cursor, self._stops
        self.destroyed.connect(lambda *_: _end(cursor, stops))

    @property
    def busy(self) -> bool:
        return self._waiting is not None

    @property
    def ticket(self) -> int | None:
        """The request under way (``start``'s number), None when idle."""
        return self._waiting

    def start(self, read: Callable[[], Any], stop: threading.Event | None = None) -> int:
        """Starts ``read()`` in the pool (it must never raise); any read under way no longer counts (its ``stop``
        is set). ``stop``: set when this request stops counting, for ``read`` to end early. Returns the request's
        number."""
        self._stop_waiting()
        self._ticket += 1
        ticket = self._ticket
        if stop is not None:
            self._stops[ticket] = stop
        emitter = _Emitter()
        emitter.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._emitters[ticket] = emitter
        was_busy, self._waiting = self.busy, ticket
        if not was_busy:
            self._set_cursor(True)
            self.busyChanged.emit(True)
        QThreadPool.globalInstance().start(_ReadJob(ticket, read, emitter))
        return ticket

    def cancel(self) -> None:
        """The read under way no longer counts (its result is dropped; its ``stop`` is set)."""
        if self._waiting is not None:
            self._stop_waiting()
            self._waiting = None
            self._set_cursor(False)
            self.busyChanged.emit(False)

    def _stop_waiting(self) -> None:
        stop = self._stops.pop(self._waiting, None) if self._waiting is not None else None
        if stop is not None:
            stop.set()

    @Slot(int, object)
    def _on_done(self, ticket: int, result: Any) -> None:
        self._emitters.pop(ticket, None)
        self._stops.pop(ticket, None)
        if ticket != self._waiting:
            return  # superseded or cancelled: what it read is dropped here
        self._waiting = None
        self._set_cursor(False)
        self.busyChanged.emit(False)
        self.finished.emit(result)

    def _set_cursor(self, on: bool) -> None:
        if on and not self._cursor[0]:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        elif not on and self._cursor[0]:
            QGuiApplication.restoreOverrideCursor()
        self._cursor[0] = on


def _end(cursor: list[bool], stops: dict[int, threading.Event]) -> None:
    """A reader gone (the window closed while a file was read): its reads stop, and its busy cursor goes."""
    for stop in stops.values():
        stop.set()
    stops.clear()
    if cursor[0]:
        cursor[0] = False
        QGuiApplication.restoreOverrideCursor()
