"""DrawQueue: redraws that wait for a turn of the main window's draw timer, one per tick.

Why: each view used to redraw on a timer of its own (the network diagram and the other inspectors at up to
15 Hz, the misclassified rings of a large dataset every 0.15 s). Now and then one of them fired in the same
turn of the event loop as a frame of the plot, and the two together kept the GUI thread busy for 8-10 ms:
a click or a key waited that long. Queued here, a redraw runs on a draw tick of its own, never with a
frame of the plot or of the curves (see ``MainWindow._draw``).

A job is a callable with an owner key (one pending job per key: asking again keeps the earlier time) and
the time before which it must not run (a view's own rate limit).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable


class DrawQueue:
    def __init__(self):
        self._jobs: dict[Hashable, tuple[float, Callable[[], None]]] = {}

    def want(self, key: Hashable, job: Callable[[], None], not_before: float | None = None) -> None:
        """Run ``job`` on a draw tick at or after ``not_before`` (perf_counter seconds; None: the next)."""
        when = time.perf_counter() if not_before is None else float(not_before)
        queued = self._jobs.get(key)
        if queued is not None:
            when = min(when, queued[0])
        self._jobs[key] = (when, job)

    def forget(self, key: Hashable) -> None:
        self._jobs.pop(key, None)

    def pending(self, key: Hashable) -> bool:
        return key in self._jobs

    def take(self, now: float | None = None) -> Callable[[], None] | None:
        """The job that has waited longest past its time (removed from the queue), or None."""
        now = time.perf_counter() if now is None else now
        due = [(when, key) for key, (when, _) in self._jobs.items() if when <= now]
        if not due:
            return None
        _, key = min(due, key=lambda item: item[0])
        return self._jobs.pop(key)[1]

    def __len__(self) -> int:
        return len(self._jobs)
