"""NewestRequest: which of the requests of one kind is the newest, so that those queued behind it are skipped.

A drag of the timeline asks for a moment at every slider value, dozens a second, each a queued call to the training
thread; computing one on a large data set takes a good part of a second. Only the newest is of use: the GUI thread
numbers each request as it asks (``ask``), and the training thread, when a request's turn comes, skips it if a newer
one has been asked for since (``superseded``): that one is queued behind it and will be answered. So while the
person drags, each moment answered is the newest at the time, and the last one is the epoch under the handle.
"""

from __future__ import annotations

import threading


class NewestRequest:
    """The number of the newest request asked for; thread-safe (asked in the GUI thread, read in the training
    thread)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._newest = 0

    @property
    def newest(self) -> int:
        with self._lock:
            return self._newest

    def ask(self) -> int:
        """A new request's number (the newest from now on)."""
        with self._lock:
            self._newest += 1
            return self._newest

    def superseded(self, request_id: int) -> bool:
        """Whether a newer request than ``request_id`` has been asked for."""
        with self._lock:
            return int(request_id) < self._newest
