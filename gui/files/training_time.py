"""How long training has run since the session was last saved, opened or started anew: the measure of the training
that New, Open, a lesson or Reset would throw away.

The promise is that a person loses at most about a minute of work. Trying things out should not be nagged, so
less training than ``LET_GO_S`` (wall-clock time spent training, Play to Pause; a Step is too short to count) goes
without a question, as a crash would cost as much; more is asked about (Save / Discard / Cancel). An edit that
starts the network afresh takes the time counted so far away with the run it leaves, and its undo brings it back
with the network (``count_from``, ``gui.window.fresh_starts``).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Slot

#: Training shorter than this (seconds, wall clock) is let go without asking: no more than a crash may cost.
LET_GO_S = 60.0


class TrainingTime(QObject):
    """Seconds spent training since ``restart``; ``on_running`` follows the controller's ``runningChanged``.
    ``clock`` (seconds, monotonic) stands in for the wall clock in tests."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, parent: QObject | None = None):
        super().__init__(parent)
        self.clock = clock
        self._spent = 0.0
        self._since: float | None = None  # when the training under way began (None: paused)

    @Slot(bool)
    def on_running(self, running: bool) -> None:
        now = self.clock()
        if running and self._since is None:
            self._since = now
        elif not running and self._since is not None:
            self._spent += now - self._since
            self._since = None

    def restart(self) -> None:
        """The training so far is kept (saved) or let go: counting starts again (from now if training runs)."""
        self._spent = 0.0
        if self._since is not None:
            self._since = self.clock()

    def count_from(self, seconds: float) -> None:
        """Counting goes on from ``seconds`` (from now if training runs): a network an undo brings back brings the
        training no file holds with it, and a network that starts afresh has none."""
        self._spent = max(0.0, float(seconds))
        if self._since is not None:
            self._since = self.clock()

    def seconds(self) -> float:
        running = self.clock() - self._since if self._since is not None else 0.0
        return self._spent + running

    def more_than_let_go(self) -> bool:
        return self.seconds() > LET_GO_S

    def words(self) -> str:
        """The training time as a person says it: "2 minutes", "1 hour 5 minutes"."""
        minutes = max(1, round(self.seconds() / 60))
        hours, minutes = divmod(minutes, 60)
        parts = [f"{hours} hour{'s' if hours > 1 else ''}"] if hours else []
        if minutes:
            parts.append(f"{minutes} minute{'s' if minutes > 1 else ''}")
        return " ".join(parts)
