"""Reading a session file off the GUI thread.

A session file may hold up to ``MAX_SESSION_BYTES`` of arrays: inflating and checking it can take seconds,
which the window's thread must never spend. ``SessionReader.read(path)`` reads and checks the whole file on a
thread of Qt's global pool (``model.storage.session_files.load_session`` is Qt-free) and hands back one typed
result, ``SessionRead`` or ``SessionReadFailed``, through ``finished`` (a queued signal: its slots run in the
GUI thread). Only the newest request counts: a result of an older one is dropped unseen, so a newer open
supersedes an older one. While a read is under way the application shows a busy cursor.

Closing the window while a file is read is safe: the reading thread holds only its own emitter object
(created here, parentless); once the reader is gone Qt delivers its result to no one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QGuiApplication

from model.storage.session_files import load_session

log = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class SessionRead:
    """A session file read and checked in full: ``session`` (a TrainingSession nobody else holds) and its
    ``view`` settings (numbers no control can hold already left out)."""

    path: str
    session: Any
    view: dict[str, Any]


@dataclass(frozen=True, eq=False)
class SessionReadFailed:
    """A session file that could not be read; ``error`` says why (a ``SessionFileError`` names the field)."""

    path: str
    error: BaseException


SessionReadResult = SessionRead | SessionReadFailed


def read_checked(path: str) -> SessionReadResult:
    """Reads and checks `path` in the calling thread; never raises."""
    try:
        session, view = load_session(path)
        return SessionRead(path, session, within_controls(view) if isinstance(view, dict) else {})
    except (ValueError, OSError, MemoryError, RecursionError) as exc:
        return SessionReadFailed(path, exc)
    except Exception as exc:  # a bug, not a bad file: logged with its traceback, and the window goes on
        log.exception("reading the session file %s failed", path)
        return SessionReadFailed(path, exc)


class _Emitter(QObject):
    """Carries one result from the reading thread to the reader (created in the GUI thread, parentless)."""

    done = Signal(int, object)


class _ReadJob(QRunnable):
    def __init__(self, ticket: int, path: str, emitter: _Emitter):
        super().__init__()
        self.setAutoDelete(True)
        self._ticket, self._path, self._emitter = ticket, path, emitter

    def run(self) -> None:
        result = read_checked(self._path)
        try:
            self._emitter.done.emit(self._ticket, result)
        except RuntimeError:  # the emitter is gone (the application is ending): nobody waits
            pass


class SessionReader(QObject):
    """Reads one session file at a time off the GUI thread; ``finished(result)`` brings the newest."""

    finished = Signal(object)  # SessionRead | SessionReadFailed, in the GUI thread
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._ticket = 0
        self._waiting: int | None = None  # the ticket whose result counts, None when idle
        self._emitters: dict[int, _Emitter] = {}
        self._cursor = [False]  # shared with the callback below, which runs when the reader is gone
        cursor = self._cursor
        self.destroyed.connect(lambda *_: _restore_cursor(cursor))

    @property
    def busy(self) -> bool:
        return self._waiting is not None

    def read(self, path: str) -> None:
        """Starts reading `path`; any read under way no longer counts."""
        self._ticket += 1
        ticket = self._ticket
        emitter = _Emitter()
        emitter.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._emitters[ticket] = emitter
        was_busy, self._waiting = self.busy, ticket
        if not was_busy:
            self._set_cursor(True)
            self.busyChanged.emit(True)
        QThreadPool.globalInstance().start(_ReadJob(ticket, path, emitter))

    def cancel(self) -> None:
        """The read under way no longer counts (its result is dropped)."""
        if self._waiting is not None:
            self._waiting = None
            self._set_cursor(False)
            self.busyChanged.emit(False)

    @Slot(int, object)
    def _on_done(self, ticket: int, result: SessionReadResult) -> None:
        self._emitters.pop(ticket, None)
        if ticket != self._waiting:
            return  # superseded or cancelled: the session it read is dropped here
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


def _restore_cursor(cursor: list[bool]) -> None:
    """A busy cursor set by a reader does not outlive it (the window closed while a file was read)."""
    if cursor[0]:
        cursor[0] = False
        QGuiApplication.restoreOverrideCursor()


#: The widest number a control holds (a 32-bit spin box); a view setting beyond it is left out.
_CONTROL_MAX = 2**31 - 1


def within_controls(value: Any) -> Any:
    """A file's view settings with every number no control can hold (beyond ±2³¹−1, NaN, infinite)
    replaced by None: the panels then keep their defaults, and opening never stops half-way."""
    if isinstance(value, dict):
        return {key: within_controls(item) for key, item in value.items()}
    if isinstance(value, list):
        return [within_controls(item) for item in value]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value if abs(value) <= _CONTROL_MAX else None  # NaN compares false: left out too
    return value
