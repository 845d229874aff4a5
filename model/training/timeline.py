"""A session's timeline: the moments of training it can go back to, in bounded memory.

A ``TrainingSession`` with a ``Timeline`` attached (``session.timeline = Timeline()``,
which subscribes the timeline to the session's ``SessionEvent``s) records one
``TimelineEntry`` after every epoch: the epoch, the flat parameters and
everything else that decides the following epochs (``session.training_state()``),
plus the data and settings it was trained with. From an entry one can

- show that moment exactly (``entry.params`` are the parameters the session had
  after ``entry.epoch`` epochs, bit for bit), and
- branch: ``branch_from(session, entry, train_spec=...)`` is a new session that
  resumes from that moment; with unchanged settings it reproduces the original
  run bit for bit.

Memory stays bounded however long the run, and the whole run stays covered,
densely near the present and geometrically sparser into the past:

- while the run is short (fewer than ``max_entries`` epochs) every epoch is kept;
- when the store is full it is thinned: an entry ``a`` epochs old is kept when its
  epoch is a multiple of the power of two just above ``a / K`` (so each octave of
  age, [K, 2K), [2K, 4K), ..., keeps about K/2 entries, the most recent K epochs
  all of them); the first and the last entry are always kept. K starts at
  ``max_entries / 8`` and halves when that alone does not bring the store under
  3/4 of ``max_entries``: the count never exceeds ``max_entries``;
- after a thinning, epochs are only recorded every ``every`` epochs (a power of two
  near epochs / (2 * max_entries)), so a long run pays almost nothing per epoch
  (a 1 000 000-epoch run records every 256th epoch at the end, about 2 % of them).

(Thinning "every other entry of the older half" alone would keep, after 10^6
epochs, epoch 0 and the last ~2 000 epochs and nothing between: useless for
scrubbing a long run.) ``max_entries`` is further lowered so that the entries'
arrays stay under ``max_bytes`` (a big network keeps fewer moments).

Pure NumPy; never imports Qt.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import numpy as np

from model.data.dataset import Dataset
from model.training.contract import EpochTrained, Recordable, RunStarted, SessionEvent, StateAdopted
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

DEFAULT_MAX_ENTRIES = 2000
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: Bytes an entry costs besides its arrays (the entry object, the state dict, the RNG state).
ENTRY_OVERHEAD_BYTES = 1200


class TimelineEntry:
    """One recorded moment of training. Treat it as immutable (its arrays are read-only).

    epoch : int, epochs completed
    params : ndarray (n_params,), read-only: the parameters after ``epoch`` epochs
    state : dict, ``TrainingSession.training_state()`` at that moment (params, optimizer
        state, shuffling RNG state, epoch, perceptron sample position)
    dataset, data_version : the data the session was training on
    model_spec, train_spec : the settings in force (the learning rate of the next epoch)
    train_loss : float, the training loss measured during that epoch (mean over its
        batches, i.e. *before* its last update); NaN for the entry of epoch 0
    """

    __slots__ = ("data_version", "dataset", "epoch", "model_spec", "params", "state", "train_loss", "train_spec")

    def __init__(
        self,
        epoch: int,
        state: dict[str, Any],
        dataset: Dataset,
        data_version: int,
        model_spec: ModelSpec,
        train_spec: TrainSpec,
        train_loss: float,
    ) -> None:
        self.epoch = int(epoch)
        self.state = state
        params = state["params"]
        params.setflags(write=False)
        self.params = params
        self.dataset = dataset
        self.data_version = int(data_version)
        self.model_spec = model_spec
        self.train_spec = train_spec
        self.train_loss = float(train_loss)

    @property
    def learning_rate(self) -> float:
        return float(self.train_spec.learning_rate)

    def nbytes(self) -> int:
        """Bytes held by this entry's own arrays (params and optimizer state), plus an overhead estimate."""
        total = self.params.nbytes + ENTRY_OVERHEAD_BYTES
        for value in (self.state.get("optimizer") or {}).values():
            if isinstance(value, np.ndarray):
                total += value.nbytes
        return total

    def __repr__(self) -> str:
        return f"TimelineEntry(epoch={self.epoch}, n_params={self.params.shape[0]})"


class Timeline:
    """Bounded store of ``TimelineEntry`` in increasing epoch order.

    Parameters
    ----------
    max_entries : int, at most this many entries are kept (>= 8)
    max_bytes : int, and their arrays take at most about this many bytes

    It follows a session's events (``on_session_event``): a run that starts or a state
    adopted from elsewhere ``restart`` it, every epoch is offered to ``record``, and
    new data, new settings, a divergence's step back or a nudge of the weights ``mark``
    the present. Entries are shared, never copied: a branch's
    timeline holds the same entry objects as its parent up to the branch point.
    """

    def __init__(self, max_entries: int = DEFAULT_MAX_ENTRIES, max_bytes: int = DEFAULT_MAX_BYTES):
        if max_entries < 8:
            raise ValueError("a timeline keeps at least 8 entries")
        self.max_entries = int(max_entries)
        self.max_bytes = int(max_bytes)
        self._entries: list[TimelineEntry] = []
        self._epochs: list[int] = []
        self._limit = self.max_entries
        self._K = max(4, self.max_entries // 8)
        self.every = 1  # only epochs that are multiples of this are recorded (grows for long runs)
        self.thinnings = 0  # how many times entries were dropped (for tests and the status bar)
        self.revision = 0  # grows on every change (views redraw when it moved)

    # -- recording (in the training thread) ---------------------------------------------------
    def on_session_event(self, event: SessionEvent) -> None:
        """What the session it follows tells it (``session.timeline = timeline`` subscribes this)."""
        if isinstance(event, EpochTrained):
            self.record(event.session, event.train_loss)
        elif isinstance(event, (RunStarted, StateAdopted)):  # the past before it is not this run's
            self.restart(event.session)
        else:  # new data or settings, a step back, nudged weights: they apply from the present moment
            self.mark(event.session)

    def restart(self, session: Recordable) -> None:
        """Forget everything and record the session's present moment (a new run starts)."""
        self._entries.clear()
        self._epochs.clear()
        self._limit = self.max_entries
        self._K = max(4, self.max_entries // 8)
        self.every = 1
        self.thinnings = 0
        self.record(session, math.nan, force=True)

    def record(self, session: Recordable, train_loss: float = math.nan, force: bool = False) -> None:
        """Record the session's present moment.

        Called after every epoch: returns at once unless the epoch is a multiple of
        ``every`` (or ``force``: new settings, new data, a restored state). An epoch at or
        below the last entry's replaces the entries from there on (the run went back).
        """
        epoch = session.epoch
        if epoch % self.every and not force:
            return
        if self._epochs and epoch <= self._epochs[-1]:
            if epoch == self._epochs[-1] and math.isnan(train_loss):
                train_loss = self._entries[-1].train_loss
            # Same epoch again (new data or settings at that moment): the entry is replaced,
            # so it holds what the next epoch will train with.
            self._truncate_after(epoch - 1)
        entry = TimelineEntry(
            epoch,
            session.training_state(),
            session.dataset,
            session.data_version,
            session.model_spec,
            session.train_spec,
            train_loss,
        )
        self._entries.append(entry)
        self._epochs.append(epoch)
        if len(self._entries) == 1:
            per_entry = max(1, entry.nbytes())
            self._limit = max(8, min(self.max_entries, self.max_bytes // per_entry))
            self._K = max(4, min(self._K, self._limit // 8))
        if len(self._entries) > self._limit:
            self._thin(epoch)
        self.revision += 1

    def mark(self, session: Recordable) -> None:
        """Record the present moment whatever the epoch (new data or settings apply from here)."""
        self.record(session, math.nan, force=True)

    def _thin(self, now: int) -> None:
        """Keep the entries the octave rule keeps (see the module docstring)."""
        entries, epochs = self._entries, self._epochs
        target = (3 * self._limit) // 4
        while True:
            K, every, last = self._K, self.every, len(epochs) - 1
            keep = [
                i
                for i, e in enumerate(epochs)
                if i == 0 or i == last or e % max(every, _pow2_at_least((now - e + 1) / K)) == 0
            ]
            if len(keep) <= target or K <= 4:
                break
            self._K = K // 2
        if len(keep) > target:  # K at its floor (an absurdly long run): plain halving keeps the bound
            keep = keep[:-1][::2] + [keep[-1]]
        self._entries = [entries[i] for i in keep]
        self._epochs = [epochs[i] for i in keep]
        self.every = max(self.every, _pow2_at_most(now / (2 * self.max_entries)))
        self.thinnings += 1

    def _truncate_after(self, epoch: int) -> None:
        index = bisect.bisect_right(self._epochs, epoch)
        del self._entries[index:]
        del self._epochs[index:]

    # -- reading --------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[TimelineEntry]:
        return iter(list(self._entries))

    def __getitem__(self, index: int) -> TimelineEntry:
        return self._entries[index]

    @property
    def entries(self) -> list[TimelineEntry]:
        """A copy of the list of entries (the entries themselves are shared)."""
        return list(self._entries)

    @property
    def epochs(self) -> np.ndarray:
        return np.asarray(self._epochs, dtype=np.int64)

    @property
    def first(self) -> TimelineEntry | None:
        return self._entries[0] if self._entries else None

    @property
    def last(self) -> TimelineEntry | None:
        return self._entries[-1] if self._entries else None

    @property
    def limit(self) -> int:
        """The entry count the timeline thins at (``max_entries``, or fewer for a big network)."""
        return self._limit

    def entry_at(self, epoch: int) -> TimelineEntry | None:
        """The latest entry at or before ``epoch`` (None before the first)."""
        index = bisect.bisect_right(self._epochs, int(epoch)) - 1
        return self._entries[index] if index >= 0 else None

    def nearest(self, epoch: float) -> TimelineEntry | None:
        """The entry whose epoch is closest to ``epoch`` (the earlier one on a tie)."""
        if not self._entries:
            return None
        index = bisect.bisect_left(self._epochs, epoch)
        if index == 0:
            return self._entries[0]
        if index == len(self._entries):
            return self._entries[-1]
        before, after = self._entries[index - 1], self._entries[index]
        return before if epoch - before.epoch <= after.epoch - epoch else after

    def index_of(self, epoch: int) -> int:
        """Index of ``entry_at(epoch)`` (-1 before the first)."""
        return bisect.bisect_right(self._epochs, int(epoch)) - 1

    def nbytes(self) -> int:
        """Estimated bytes held by the entries (arrays plus a per-entry overhead)."""
        return sum(e.nbytes() for e in self._entries)

    def up_to(self, epoch: int) -> Timeline:
        """A new timeline with the entries at or before ``epoch`` (shared, not copied)."""
        other = Timeline(self.max_entries, self.max_bytes)
        index = bisect.bisect_right(self._epochs, int(epoch))
        other._entries = self._entries[:index]
        other._epochs = self._epochs[:index]
        other._limit, other._K, other.every = self._limit, self._K, self.every
        other.thinnings = self.thinnings
        return other


def _pow2_at_least(x: float) -> int:
    """The smallest power of two >= x (1 for x <= 1)."""
    return 1 if x <= 1 else 1 << math.ceil(math.log2(x))


def _pow2_at_most(x: float) -> int:
    """The largest power of two <= x (1 for x < 2)."""
    return 1 if x < 2 else 1 << math.floor(math.log2(x))


# -- branching ------------------------------------------------------------------------------------
def _optimizer_compatible(a: TrainSpec, b: TrainSpec) -> bool:
    """Whether the optimizer state saved under TrainSpec ``a`` can be resumed under ``b``."""
    return (
        a.optimizer == b.optimizer
        and a.dtype == b.dtype
        and (a.beta_1, a.beta_2, a.epsilon) == (b.beta_1, b.beta_2, b.epsilon)
    )


def branch_from(
    session: TrainingSession,
    entry: TimelineEntry,
    model_spec: ModelSpec | None = None,
    train_spec: TrainSpec | None = None,
    dataset: Dataset | None = None,
    keep_timeline: bool = True,
    **train_changes: Any,
) -> TrainingSession:
    """A new ``TrainingSession`` resuming from ``entry`` of ``session``'s timeline.

    Parameters
    ----------
    session : TrainingSession, the parent (its history up to ``entry.epoch`` is copied)
    entry : TimelineEntry, from ``session.timeline``
    model_spec : ModelSpec or None. A branch keeps the parameters, so the new spec must
        give the same parameter count (penalties or activations may change; layer sizes
        and input features may not)
    train_spec : TrainSpec or None (the entry's). ``**train_changes`` are applied on top,
        e.g. ``branch_from(s, e, learning_rate=0.3)``
    dataset : Dataset or None (the entry's)
    keep_timeline : the branch gets a timeline sharing the parent's entries up to the branch point

    Returns
    -------
    TrainingSession at epoch ``entry.epoch`` with the entry's exact training state. Unchanged
    settings reproduce the parent's run bit for bit. A different optimizer (or dtype, or Adam
    betas) starts with a fresh optimizer state; the weights are always kept.
    """
    model_spec = model_spec or entry.model_spec
    train_spec = train_spec or entry.train_spec
    if train_changes:
        train_spec = replace(train_spec, **train_changes)
    dataset = entry.dataset if dataset is None else dataset
    child = TrainingSession(dataset, model_spec, train_spec, seed=session.seed)
    if child.network.params.shape != entry.params.shape:
        raise ValueError(
            f"a branch keeps the weights: the new model has {child.network.params.shape[0]} "
            f"parameters, the moment branched from has {entry.params.shape[0]}"
        )
    child.data_version = entry.data_version if dataset is entry.dataset else session.data_version + 1
    history = session.history.copy()
    history.truncate(entry.epoch)
    child.history = history
    state = dict(entry.state)
    if not _optimizer_compatible(entry.train_spec, train_spec):
        state["optimizer"] = {}
    child.restore_training_state(state)
    if keep_timeline and session.timeline is not None:
        child.timeline = session.timeline.up_to(entry.epoch)
        if (
            child.timeline.last is None
            or child.timeline.last.epoch != entry.epoch
            or dataset is not entry.dataset
            or model_spec != entry.model_spec
            or train_spec != entry.train_spec
        ):
            child.timeline.record(child, entry.train_loss, force=True)  # the branch point with its own settings
    return child
