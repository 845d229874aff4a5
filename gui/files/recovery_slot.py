"""Which recovery file a window writes, so that two windows open on one profile never write the same one.

The first window of a profile holds ``unsaved-session.npz`` (a ``QLockFile`` beside it, ``.lock``): it offers
back what an ended session kept there and autosaves into it. A window opened while that one runs gets a file of
its own, named as unsaved work moved aside (``unsaved-session-<date-time>.npz``) and locked as well: a later
start offers it like any work kept aside, and the first window never takes it while its window still runs.

A lock left by a killed window is stale (its process is gone) and is taken over at once (``QLockFile`` checks
the process it names); the lock goes when the window closes, after its work was kept. A window killed while it
wrote its file leaves the atomic write's temporary file (``.unsaved-session.npz.<random>.tmp``, the file itself
is whole): the first window removes those no running window is writing.
"""

from __future__ import annotations

import glob
import os
import time

from PySide6.QtCore import QLockFile

LOCK_SUFFIX = ".lock"


class RecoverySlot:
    """The recovery file of one window and the lock that keeps it this window's."""

    def __init__(self, folder: str, name: str, aside_stem: str):
        self.folder = folder
        self.name = name
        self.aside_stem = aside_stem
        self.path = os.path.join(folder, name)
        self.first = False  # this window holds the profile's own recovery file (``name``)
        self._lock: QLockFile | None = None

    def claim(self) -> str:
        """Takes the profile's recovery file if no running window holds it, else a file of this window's own.
        Returns its path. A folder that cannot be made or locked leaves the profile's file (as before locks)."""
        main = os.path.join(self.folder, self.name)
        try:
            os.makedirs(self.folder, exist_ok=True)
        except OSError:
            self.path, self.first = main, True
            return self.path
        lock = _lock(main)
        if lock.tryLock(0):
            self.path, self.first, self._lock = main, True, lock
            self._remove_dead_temporaries()
            return self.path
        if lock.error() != QLockFile.LockError.LockFailedError:  # cannot be locked at all (a read-only folder)
            self.path, self.first = main, True
            return self.path
        self.path, self.first, self._lock = self._own_file()
        return self.path

    def _own_file(self) -> tuple[str, bool, QLockFile | None]:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for n in range(1, 1000):
            suffix = "" if n == 1 else f"-{n}"
            candidate = os.path.join(self.folder, f"{self.aside_stem}-{stamp}{suffix}.npz")
            if os.path.exists(candidate):
                continue
            lock = _lock(candidate)
            if lock.tryLock(0):
                return candidate, False, lock
        raise OSError(f"no free recovery file in {self.folder}")

    def _remove_dead_temporaries(self) -> None:
        """Temporary files of recovery writes a kill cut short (the one this window holds is nobody else's)."""
        stem = os.path.splitext(self.name)[0]
        pattern = os.path.join(glob.escape(self.folder), f".{stem}*.npz.*.tmp")
        for temporary in glob.glob(pattern):
            target = os.path.join(self.folder, os.path.basename(temporary)[1:].rsplit(".", 2)[0])
            if target != self.path and held_by_a_running_window(target):
                continue  # another window is writing it now
            try:
                os.remove(temporary)
            except OSError:
                pass

    def held_by_another(self, name: str) -> bool:
        """Is ``name``, another recovery file of this folder, held by a window still running?"""
        return held_by_a_running_window(os.path.join(self.folder, name))

    def release(self) -> None:
        """The window has closed (its work kept): the file is free for the next start."""
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


def held_by_a_running_window(path: str) -> bool:
    """Is ``path`` the recovery file of a window still running (of this process or another)?"""
    if not os.path.exists(path + LOCK_SUFFIX):
        return False
    probe = _lock(path)
    if probe.tryLock(0):  # nobody holds it (a lock left by a killed window is stale and removed here)
        probe.unlock()
        return False
    return probe.error() == QLockFile.LockError.LockFailedError


def _lock(path: str) -> QLockFile:
    lock = QLockFile(path + LOCK_SUFFIX)
    lock.setStaleLockTime(0)  # stale only when its process has gone, however long a window stays open
    return lock
