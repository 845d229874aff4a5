"""Writing a file all at once: ``atomic_write(path, write)``, so that the new file appears complete or not at all.

It is written to a temporary file in the same folder, flushed and fsynced, then renamed over the target with
``os.replace``; on any error the temporary file is removed and the previous file is left exactly as it was. Session,
model and data archives (``model.storage.safe_files``), CSV files, exported scripts, lessons and pictures are all
written with it.

A file the person made read-only (no write permission for anyone, or none for us) is never replaced: ``os.replace``
needs only the folder's permission, so the check is made here (``ReadOnlyFile``), as other editors refuse it.

A process killed while it writes leaves its temporary file behind (hidden, beside the person's file). Ours are
named so that no other program's can be taken for one (``.<name>.neural-playground-<12 hex digits>.tmp``, the
name shortened to fit the folder's longest file name: a file named up to that limit can be saved), and
the writer holds an exclusive ``flock`` on it while it writes; the next write into that folder removes the
leftovers (``remove_leftovers``): only files so named, not written to for ``LEFTOVER_AGE_S`` and locked by no
one (a write still under way, in any process, keeps its lock; a killed process's lock died with it).

Pure Python: this module must never import Qt.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from typing import BinaryIO, TypeAlias

try:
    import fcntl
except ImportError:  # Windows: a file open in another process cannot be removed, which protects it there
    fcntl = None  # type: ignore[assignment]

#: A file name: a string or a path object.
FilePath: TypeAlias = str | os.PathLike[str]

#: What marks a temporary file as ours: ``.<name>.neural-playground-<12 hex digits>.tmp``.
TEMPORARY_MARK = "neural-playground"
_OURS = re.compile(r"\..+\." + TEMPORARY_MARK + r"-[0-9a-f]{12}\.tmp")
#: A temporary file written to more recently than this is never taken for a leftover (its writer may have made
#: it an instant ago and not locked it yet, or be between closing it and renaming it).
LEFTOVER_AGE_S = 10.0
#: The longest file name (in bytes) where the folder's own limit is unknown: most file systems' ``NAME_MAX``.
NAME_MAX = 255


class ReadOnlyFile(PermissionError):
    """The file to write over is read-only: it is left as it is."""

    def __init__(self, path: str):
        super().__init__(errno.EACCES, "the file is read-only", path)

    def __str__(self) -> str:  # the callers' messages name the file already
        return str(self.strerror)


def is_read_only(path: FilePath) -> bool:
    """Is there a file at ``path`` that the person made read-only (no write permission for anyone: the superuser
    could write it, but the person said not to), or that we may not write?"""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # nothing there (or not ours to look at): the write itself says what is wrong
    return stat.S_ISREG(mode) and (not mode & 0o222 or not os.access(path, os.W_OK))


def atomic_write(path: FilePath, write: Callable[[BinaryIO], object]) -> None:
    """Write a file all at once: ``write(f)`` fills a temporary file that then replaces ``path``.

    The temporary file lives in the same folder (so the rename is atomic), is
    created with the permissions of the file it replaces (else 0o666 minus the
    umask), and is flushed
    and fsynced before ``os.replace``; the folder is fsynced afterwards where the
    platform allows. A symlink at ``path`` is followed: its target is replaced.
    If ``write`` or anything after it fails, the temporary file is deleted and
    whatever was at ``path`` before is untouched. A read-only file at ``path``
    raises ``ReadOnlyFile`` before anything is written.
    """
    path = os.path.realpath(os.fspath(path))  # through a symlink: replace its target
    if is_read_only(path):
        raise ReadOnlyFile(path)
    directory = os.path.dirname(path)
    base = _short_base(os.path.basename(path), directory)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)  # a replaced file keeps its permissions
    except OSError:
        mode = None
    remove_leftovers(directory)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = os.path.join(directory, f".{base}.{TEMPORARY_MARK}-{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(tmp, flags, 0o666)
            break
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)  # held until the file is closed: a write under way is no leftover
        with os.fdopen(fd, "wb") as f:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(f.fileno(), mode)
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_directory(directory)


def _short_base(base: str, directory: str) -> str:
    """``base`` as a temporary file's name holds it: cut so that the whole name (37 more bytes) fits the folder's
    longest file name; the random part keeps it unique."""
    try:
        name_max = os.pathconf(directory, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        name_max = NAME_MAX
    room = max(1, (name_max if name_max > 0 else NAME_MAX) - len(f"..{TEMPORARY_MARK}-{'0' * 12}.tmp"))
    while len(os.fsencode(base)) > room:
        base = base[:-1]  # whole characters: the shortened name stays a name the file system takes
    return base


def is_our_temporary(name: str) -> bool:
    """Is ``name`` (a file name, no folder) the name of one of our temporary files?"""
    return _OURS.fullmatch(name) is not None


def remove_leftovers(directory: FilePath) -> list[str]:
    """Removes the temporary files our writes left in ``directory`` when their process was killed, and nothing
    else: only files named as ours, not written to for ``LEFTOVER_AGE_S``, that no write holds. Returns the
    paths removed; never raises (a folder that cannot be listed has none to remove)."""
    directory = os.fspath(directory)
    try:
        names = os.listdir(directory)
    except OSError:
        return []
    removed = []
    now = time.time()
    for name in names:
        if not is_our_temporary(name):
            continue
        path = os.path.join(directory, name)
        try:
            info = os.lstat(path)
            if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < LEFTOVER_AGE_S:
                continue
            if _being_written(path):
                continue
            os.remove(path)
        except OSError:  # gone meanwhile, or not ours to remove (permissions): left alone
            continue
        removed.append(path)
    return removed


def _being_written(path: str) -> bool:
    """Does a write (of any process) hold ``path``'s lock? The probe's own lock goes with its descriptor."""
    if fcntl is None:
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def _fsync_directory(directory: str) -> None:
    """Make the rename durable (POSIX); a no-op where folders cannot be opened (Windows)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


__all__ = [
    "TEMPORARY_MARK",
    "FilePath",
    "ReadOnlyFile",
    "atomic_write",
    "is_our_temporary",
    "is_read_only",
    "remove_leftovers",
]
