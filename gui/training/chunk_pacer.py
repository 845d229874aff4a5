"""How the training worker paces itself: how many epochs the next chunk trains, whether a limit stops the run,
and when the next snapshot is due. Plain Python, no Qt: the worker asks between two chunks.

A chunk is sized to take about the session's ``pacing.chunk_target_s`` (so that the worker's event loop, and
with it Pause, Step or an edited point, waits at most about one chunk), and is never bigger than the epochs the
pace's clock (``model.training.pace``: "Watch", a fixed rate, or as fast as possible) says are due. Snapshots go
out at most ~60 times a second, and spaced so that making them takes a bounded share of the time; a snapshot
made with a chunk (``TrainChunk``) is asked for when the chunk is sent.
"""

from __future__ import annotations

import math

from model.training.contract import AutoPause, EpochLimitReached, Pacing, TargetLossReached
from model.training.pace import PaceClock

SNAPSHOT_INTERVAL_S = 1.0 / 60.0
MAX_CHUNK_EPOCHS = 100_000


class ChunkPacer:
    """``pace`` (a ``PaceClock``, unpaced until the window sets its own), the limits ``max_epochs`` and
    ``target_loss`` (None: none), the chunk size learnt from the chunks so far, and the snapshots' spacing."""

    def __init__(self, now: float):
        self.pace = PaceClock("max", now)
        self.max_epochs: int | None = None
        self.target_loss: float | None = None
        self._chunk = 1.0
        self._last_snapshot = -math.inf
        self._snapshot_cost = 0.0

    def set_limits(self, max_epochs, target_loss) -> None:
        """The panel's limits; 0 or None is no limit."""
        self.max_epochs = int(max_epochs) if max_epochs else None
        self.target_loss = float(target_loss) if target_loss else None

    def forget_chunk_size(self) -> None:
        """Another session: its epochs take their own time."""
        self._chunk = 1.0

    def tick_interval_ms(self) -> int:
        """How long the worker's timer waits between chunks: 0 unpaced, else about an epoch (1-16 ms)."""
        if self.pace.unpaced:
            return 0
        return int(min(16, max(1, 1000.0 * self.pace.seconds_per_epoch())))

    def epochs_due(self, now: float, epoch: int) -> int:
        """Epochs to train now (0: wait for the pace), at most up to ``max_epochs``."""
        n = self.pace.due(now, max(1, int(self._chunk)))
        return n if self.max_epochs is None else min(n, self.max_epochs - epoch)

    def chunk_done(self, seconds: float, epochs: int, pacing: Pacing) -> None:
        """A chunk of ``epochs`` took ``seconds``: the next chunk's size moves halfway to the target's."""
        per_epoch = seconds / max(1, epochs)
        if per_epoch > 0:
            ideal = pacing.chunk_target_s / per_epoch
            self._chunk = min(MAX_CHUNK_EPOCHS, max(1.0, 0.5 * self._chunk + 0.5 * ideal))

    def stop_reason(self, now: float, loss: float | None, epoch: int) -> AutoPause | None:
        """After a chunk whose last loss was ``loss`` (None: not a number), at ``epoch``: the limit reached, if
        one is, else None. An adaptive pace learns from the loss."""
        self.pace.record(now, loss)
        if self.target_loss is not None and loss is not None and loss <= self.target_loss:
            return TargetLossReached(self.target_loss)
        return self.epoch_limit_reached(epoch)

    def epoch_limit_reached(self, epoch: int) -> EpochLimitReached | None:
        """``EpochLimitReached`` when ``epoch`` is at (or past) ``max_epochs``, else None."""
        if self.max_epochs is not None and epoch >= self.max_epochs:
            return EpochLimitReached(self.max_epochs)
        return None

    def snapshot_due(self, now: float, pacing: Pacing) -> bool:
        """While training runs: whether the next snapshot is due."""
        return now - self._last_snapshot >= max(SNAPSHOT_INTERVAL_S, pacing.snapshot_cost_factor * self._snapshot_cost)

    def snapshot_taken(self, started: float, ended: float) -> None:
        """A snapshot asked for on its own, from ``started`` to ``ended`` (its cost: the round trip)."""
        self._last_snapshot = ended
        self.snapshot_cost(ended - started)

    def snapshot_asked(self, now: float) -> None:
        """A chunk sent ``now`` asks for the snapshot after it: the next one is due counted from now (chunks
        go out as often as they come back, so their snapshots keep the spacing)."""
        self._last_snapshot = now

    def snapshot_cost(self, seconds: float) -> None:
        """A snapshot took ``seconds`` (a chunk's, measured where the session lives)."""
        cost = seconds
        self._snapshot_cost = cost if self._snapshot_cost == 0 else 0.8 * self._snapshot_cost + 0.2 * cost
