"""Reading a session file off the GUI thread.

A session file may hold up to ``MAX_SESSION_BYTES`` of arrays: inflating and checking it can take seconds,
which the window's thread must never spend. ``SessionReader.read(path)`` reads and checks the whole file on a
thread of Qt's global pool (``gui.files.file_reading``; ``model.storage.session_files.open_session_file`` is
Qt-free) and hands back one typed result, ``SessionRead`` or ``SessionReadFailed``, through ``finished`` (in
the GUI thread). Only the newest request counts: a newer open supersedes an older one. While a read is under
way the application shows a busy cursor.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from gui.files.file_reading import FileReader
from model.storage.session_files import SavedMember, SavedRun, open_session_file

log = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class SessionRead:
    """A session file read and checked in full: ``session`` (a TrainingSession nobody else holds), its
    ``view`` settings (each checked: values no control can show left out, ``model.storage.view_entries``), the
    compared models it keeps (``members``: ``SavedMember`` values, none in files of version 2 and older), the name
    of the main model's run (``run_name``, "" when the file keeps none) and the view settings left out, with why
    (``view_left_out``), and the run table's finished runs it keeps (``runs``: ``SavedRun`` values)."""

    path: str
    session: Any
    view: dict[str, Any]
    members: tuple[SavedMember, ...] = ()
    run_name: str = ""
    view_left_out: tuple[str, ...] = ()
    runs: tuple[SavedRun, ...] = ()


@dataclass(frozen=True, eq=False)
class SessionReadFailed:
    """A session file that could not be read; ``error`` says why (a ``SessionFileError`` names the field)."""

    path: str
    error: BaseException


SessionReadResult = SessionRead | SessionReadFailed


def read_checked(path: str) -> SessionReadResult:
    """Reads and checks `path` in the calling thread; never raises."""
    try:
        opened = open_session_file(path)
        return SessionRead(
            path, opened.session, opened.view, opened.members, opened.run_name, opened.view_left_out, opened.runs
        )
    except (ValueError, OSError, MemoryError, RecursionError) as exc:
        return SessionReadFailed(path, exc)
    except Exception as exc:  # a bug, not a bad file: logged with its traceback, and the window goes on
        log.exception("reading the session file %s failed", path)
        return SessionReadFailed(path, exc)


class SessionReader(FileReader):
    """Reads one session file at a time off the GUI thread; ``finished(result)`` brings the newest
    (``SessionRead`` or ``SessionReadFailed``)."""

    def read(self, path: str) -> None:
        """Starts reading `path`; any read under way no longer counts."""
        self.start(lambda: read_checked(path))
