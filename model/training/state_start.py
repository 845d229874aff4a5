"""A session started again from its whole training state: it goes on bit for bit as if it had never stopped.

A snapshot (``SnapshotStart``) carries the weights, the epoch and the curves, but not the optimizer's memory or
the shuffling generator's state; a session file carries all of it, for every model it keeps. ``StateStart`` is
that whole state as a value: the ``training_state()`` (weights, optimizer, shuffling, epoch, perceptron sample
position, units switched off), the ``recovery_state()`` (what a divergence rewinds to) and the history. Given to
a fresh session with the same data, settings and seed (``resume``), that session is the saved one: its next
epochs are those the saved one would have trained.

Like a ``SnapshotStart`` it travels to the training process inside a request (``AddMember``: a compared model
kept in a session file). Pure NumPy; never imports Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.training.session import TrainingSession


@dataclass(frozen=True, eq=False)
class StateStart:
    """A session's whole state: ``training``, ``recovery`` and ``history`` (its columns, and ``epochs`` run)."""

    training: Mapping[str, Any]
    recovery: Mapping[str, Any]
    history: Mapping[str, np.ndarray]

    @classmethod
    def of(cls, session: TrainingSession) -> StateStart:
        """Copies of ``session``'s state (it may train on; this stays as it was)."""
        return cls(session.training_state(), session.recovery_state(), session.history.arrays())

    @property
    def epoch(self) -> int:
        return int(self.training["epoch"])

    @property
    def params(self) -> np.ndarray:
        return np.asarray(self.training["params"])

    def fits(self, session: TrainingSession) -> bool:
        """Whether this state is of ``session``'s network (its weights' shape and dtype)."""
        params = session.network.params
        return self.params.shape == params.shape and self.params.dtype == params.dtype

    def resume(self, session: TrainingSession) -> None:
        """Puts the whole state into ``session`` (built with the same data, settings and seed). Raises ValueError
        when the state is of another network."""
        if not self.fits(session):
            raise ValueError(
                f"weights of shape {self.params.shape} and dtype {self.params.dtype} do not fit a network of "
                f"{session.network.params.size} {session.network.params.dtype} weights"
            )
        session.history.load(dict(self.history), n_epochs=self.epoch)
        session.restore_training_state(dict(self.training))
        session.restore_recovery_state(dict(self.recovery))


__all__ = ["StateStart"]
