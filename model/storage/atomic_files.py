"""Writing a file all at once: ``atomic_write(path, write)``, so that the new file appears complete or not at all.

It is written to a temporary file in the same folder, flushed and fsynced, then renamed over the target with
``os.replace``; on any error the temporary file is removed and the previous file is left exactly as it was. Session,
model and data archives (``model.storage.safe_files``), CSV files, exported scripts, lessons and pictures are all
written with it.

Pure Python: this module must never import Qt.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Callable
from typing import BinaryIO, TypeAlias

#: A file name: a string or a path object.
FilePath: TypeAlias = str | os.PathLike[str]


def atomic_write(path: FilePath, write: Callable[[BinaryIO], object]) -> None:
    """Write a file all at once: ``write(f)`` fills a temporary file that then replaces ``path``.

    The temporary file lives in the same folder (so the rename is atomic), is
    created with the permissions of the file it replaces (else 0o666 minus the
    umask), and is flushed
    and fsynced before ``os.replace``; the folder is fsynced afterwards where the
    platform allows. A symlink at ``path`` is followed: its target is replaced.
    If ``write`` or anything after it fails, the temporary file is deleted and
    whatever was at ``path`` before is untouched.
    """
    path = os.path.realpath(os.fspath(path))  # through a symlink: replace its target
    directory = os.path.dirname(path)
    base = os.path.basename(path)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)  # a replaced file keeps its permissions
    except OSError:
        mode = None
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = os.path.join(directory, f".{base}.{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(tmp, flags, 0o666)
            break
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
    try:
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


__all__ = ["FilePath", "atomic_write"]
