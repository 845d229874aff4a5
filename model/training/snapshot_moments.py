"""Timeline moments made of snapshots: what the window's process can keep of a timeline it does not own.

A session's ``Timeline`` lives with the session, in the training process, and records every epoch's whole
training state; if that process dies (killed, out of memory), the timeline dies with it. The window's process
already receives a snapshot of every chunk trained: its parameters bit for bit, its epoch, its units switched
off. Recorded into a ``Timeline`` of the window's own (``SnapshotMoment`` is what the timeline records), they
are moments a person can still scrub back to after training restarts (``carry_timeline``): shown exactly, as
the timeline shows any moment. What a snapshot does not carry, the optimizer's memory and the shuffling
generator's state, starts afresh in a branch from such a moment (as in a branch with another optimizer).

Costs nothing more across the pipe: the snapshots are sent anyway. Memory stays bounded by the ``Timeline``'s
own rules (each moment holds one parameter vector, shared with the snapshot it came from).

Pure NumPy; never imports Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from model.data.dataset import Dataset
from model.nn.units_off import NONE_OFF
from model.training.session import TrainingSession
from model.training.snapshot import Snapshot
from model.training.specs import ModelSpec, TrainSpec
from model.training.timeline import Timeline


@dataclass(frozen=True, eq=False)
class SnapshotMoment:
    """A snapshot with the data and settings it was trained with, as a ``Timeline`` records a moment
    (``model.training.contract.Recordable``)."""

    snapshot: Snapshot
    dataset: Dataset
    model_spec: ModelSpec
    train_spec: TrainSpec
    shuffle_rng: dict[str, Any]  # a generator's state for a branch to shuffle with (the run's own is not known)

    @property
    def epoch(self) -> int:
        return int(self.snapshot.epoch)

    @property
    def data_version(self) -> int:
        return int(self.snapshot.data_version)

    def training_state(self) -> dict[str, Any]:
        return {
            "params": np.asarray(self.snapshot.params, dtype=self.train_spec.dtype),  # no copy when it is that dtype
            "epoch": self.epoch,
            "optimizer": {},  # not in a snapshot: starts afresh
            "shuffle_rng": self.shuffle_rng,
            "sample_position": 0,
            "units_off": self.snapshot.units_off or NONE_OFF,
        }


def describes(snapshot: Snapshot, dataset: Dataset, model_spec: ModelSpec) -> bool:
    """Whether ``snapshot`` is of the network ``model_spec`` builds on ``dataset`` (else settings or data changed
    since it was trained, and the moment would be shown with the wrong ones)."""
    n_out = 1 if dataset.task == "regression" or dataset.n_classes <= 2 else dataset.n_classes
    sizes = (dataset.n_features + len(model_spec.features), *model_spec.hidden, n_out)
    try:
        activations = tuple(model_spec.hidden_activations)
    except ValueError:
        return False
    return (
        snapshot.model_kind == model_spec.kind
        and tuple(snapshot.layer_sizes) == sizes
        and tuple(snapshot.activations) == activations
    )


def carry_timeline(session: TrainingSession, kept: Timeline) -> int | None:
    """Give ``session`` (rebuilt at the epoch of the last snapshot) a timeline of the moments ``kept`` holds up to
    its epoch, with its present recorded whole. Answers the first epoch recovered, or None when ``kept`` has no
    earlier moment of this network (then the session keeps the timeline it has)."""
    first = kept.first
    if first is None or first.epoch >= session.epoch or first.params.shape != session.network.params.shape:
        return None
    timeline = kept.up_to(session.epoch)  # the entries shared, the list its own
    session.timeline = timeline
    timeline.mark(session)  # the present with the whole state the session has
    return first.epoch


__all__ = ["SnapshotMoment", "carry_timeline", "describes"]
