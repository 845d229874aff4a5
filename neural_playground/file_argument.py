"""The file given on the command line (``neural-playground moons.npz``, or ``%f`` of the desktop entry): which of
the app's files it is, told by its name as the File menu's dialogs tell them, and checked before a window opens.

    session   a ``.npz`` session (File ▸ Open session…)
    data      a ``.csv``, ``.tsv`` or ``.txt`` table, or a ``.npz`` of points (File ▸ Open data…)
    lesson    a ``.toml`` lesson or challenge (File ▸ Open lesson…)

A ``.npz`` is a session unless it holds the arrays of a data archive (``X`` and ``y``, no session metadata): both
are NumPy archives. What is checked here is what can be checked quickly (a lesson in full, a session's first
look, that a data file can be read at all), for the terminal: a file that fails is said there, and the window
still opens, on its usual start, and says it in a message as its menu would (the desktop entry's ``%f`` has no
terminal). The window reads the whole file as its menu does, all or nothing, and names the file in its message
when something deeper is wrong.

Qt-free: it runs before the window's modules are loaded.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

SESSION_SUFFIXES = (".npz",)
DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".npz")
LESSON_SUFFIXES = (".toml",)
WHAT_OPENS = "a session (.npz), data (.csv, .tsv, .txt or .npz) or a lesson or challenge (.toml)"


class FileArgumentError(Exception):
    """A file the app cannot open: ``str()`` names it and says why, in one line."""


def file_kind(path: str | os.PathLike[str]) -> str:
    """``"session"``, ``"data"`` or ``"lesson"``; ``FileArgumentError`` for a file the app cannot open."""
    path = Path(path)
    name = path.name or str(path)
    if not path.exists():
        raise FileArgumentError(f"{path}: no such file")
    if not path.is_file():
        raise FileArgumentError(f"{path}: is not a file")
    suffix = path.suffix.lower()
    if suffix in LESSON_SUFFIXES:
        from model.teaching.lessons import LessonError, load_file

        try:
            load_file(path)
        except LessonError as error:
            raise FileArgumentError(str(error)) from None
        return "lesson"
    if suffix not in (*SESSION_SUFFIXES, *DATA_SUFFIXES):
        raise FileArgumentError(f"{name}: is not a file the app opens: it opens {WHAT_OPENS}")
    try:
        with open(path, "rb"):
            pass
    except OSError as error:
        raise FileArgumentError(f"{name}: cannot be read ({error.strerror or error})") from None
    if suffix in SESSION_SUFFIXES and not _is_data_archive(path):
        from model.storage.session_files import SessionFileError, check_session_file

        try:
            check_session_file(path)
        except SessionFileError as error:
            raise FileArgumentError(str(error)) from None
        except OSError as error:
            raise FileArgumentError(f"{name}: cannot be read ({error.strerror or error})") from None
        return "session"
    return "data"


def kind_by_name(path: str | os.PathLike[str]) -> str | None:
    """How the app's menus would open ``path``, told by its name alone (and a ``.npz``'s list of arrays):
    ``"session"``, ``"data"`` or ``"lesson"``; None for a file that is not there or is none of the app's."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        return None
    if suffix in LESSON_SUFFIXES:
        return "lesson"
    if suffix in SESSION_SUFFIXES and not _is_data_archive(path):
        return "session"
    return "data" if suffix in DATA_SUFFIXES else None


def _is_data_archive(path: Path) -> bool:
    """A NumPy archive of points (``model.data.npz_data_files``), not a session: its ``X`` and ``y`` without the
    metadata every session file holds."""
    from model.storage.safe_files import META_KEY

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (OSError, zipfile.BadZipFile, ValueError, EOFError, RuntimeError):
        return False  # the session's first look says what is wrong with it
    return {"X.npy", "y.npy"} <= names and f"{META_KEY}.npy" not in names
