"""A session started again from a snapshot: what the window can give back of a model whose training process died.

The window's process receives every model's snapshots (the main model's and the compared ones'): their
parameters bit for bit, their epoch, the units switched off, their curves. When the training process dies,
a new session built with the same data, settings and seed and given these (``SnapshotStart.resume``) is the
same model at that epoch: the same weights, the same curves behind it. What a snapshot does not carry, the
optimizer's memory and the shuffling generator's state, starts afresh (as after a file is opened with
another optimizer).

A ``SnapshotStart`` is a value: it travels to the training process inside a request (``AddMember``).
Pure NumPy; never imports Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from model.data.dataset import Dataset
from model.nn.units_off import NONE_OFF, UnitsOff
from model.training.runs import RunRecord, record_from_session
from model.training.session import TrainingSession
from model.training.snapshot import Snapshot
from model.training.specs import ModelSpec, TrainSpec

log = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class SnapshotStart:
    """Where a session starts again: its weights, its epoch, its units switched off and its curves so far."""

    params: np.ndarray
    epoch: int
    units_off: UnitsOff = NONE_OFF
    curves: Mapping[str, np.ndarray] = field(default_factory=dict)

    @classmethod
    def of(cls, snapshot: Snapshot) -> SnapshotStart:
        return cls(
            np.asarray(snapshot.params),
            int(snapshot.epoch),
            snapshot.units_off or NONE_OFF,
            dict(snapshot.curves or {}),
        )

    def fits(self, session: TrainingSession) -> bool:
        """Whether these weights are of ``session``'s network (else its data or settings have another shape)."""
        return np.shape(self.params) == session.network.params.shape

    def resume(self, session: TrainingSession) -> None:
        """Puts the weights, epoch, units switched off and curves into ``session`` (a fresh one: the optimizer's
        memory and the shuffling stay its own). Curves the history cannot take start anew there (logged).
        Raises ValueError when the weights are of another network."""
        if not self.fits(session):
            raise ValueError(
                f"weights of shape {np.shape(self.params)} do not fit a network of {session.network.params.size}"
            )
        state = session.training_state()
        state["params"] = np.asarray(self.params, dtype=session.network.params.dtype)
        state["epoch"] = int(self.epoch)
        state["units_off"] = self.units_off
        session.restore_training_state(state)
        epochs = self.curves.get("epoch")
        if epochs is not None and len(epochs):
            try:
                session.history.load(dict(self.curves), n_epochs=int(self.epoch))
            except (KeyError, ValueError) as exc:  # thinned curves the history cannot take: start them anew
                log.warning("the curves could not be carried over: %s", exc)


def finished_at(
    snapshot: Snapshot,
    dataset: Dataset,
    data_version: int,
    settings: tuple[ModelSpec, TrainSpec, int],
    run: tuple[int, str, float, str],
    branched_from: tuple[int, int] | None = None,
) -> RunRecord | None:
    """The finished run that ends at ``snapshot`` (a compared model's last one, kept by the window while its training
    process is dead), as the group tells a run's end: restorable on ``dataset`` (data version ``data_version``), with
    ``settings`` (model, training, seed), ``run`` (its number, name, seconds trained and colour) and the run and epoch
    it was branched from (None: none). The optimizer's memory starts afresh, as after a restart. None when the
    weights are not of that model on that data."""
    model_spec, train_spec, seed = settings
    run_id, name, wall_time, colour = run
    try:
        session = TrainingSession(dataset, model_spec, train_spec, seed=int(seed))
    except (ValueError, TypeError):
        return None
    start = SnapshotStart.of(snapshot)
    if not start.fits(session):
        return None
    session.data_version = int(data_version)
    start.resume(session)
    parent_id, branch_epoch = branched_from if branched_from is not None else (None, None)
    record = record_from_session(
        session, run_id, name, wall_time, parent_id, branch_epoch, keep_payload=True, colour=colour
    )
    record.update_from_snapshot(snapshot)  # its scores as the person last saw them
    record.session_id = None
    return record


__all__ = ["SnapshotStart", "finished_at"]
