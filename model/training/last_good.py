"""The weights of the last good epoch: what a session goes back to when training diverges.

A loss or a weight that becomes non-finite ends the run of epochs; the session then puts back the weights an
epoch started from whose loss was finite and not exploding (at most 10x the best loss so far, + 1), and
rewinds its epoch count and history to that epoch, so that a lower learning rate can carry on. Merely the last
*finite* weights would not do: when a loss explodes the weights grow geometrically, and those of the epoch
before the overflow already overflow the loss.

``TrainingSession.step`` keeps these up to date inline (two buffers swapped, no copy: its loop is hot), so
the fields are plain attributes; what it does with them is said there.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

#: An epoch's start counts as good when the epoch's loss is at most EXPLODING_FACTOR x the best loss + 1.
EXPLODING_FACTOR = 10.0


class LastGoodWeights:
    """``good``: the weights of the last good epoch, ``epoch`` its number, ``best_loss`` the lowest loss
    since tracking began; ``backup``: a spare buffer of the same shape (the weights the current epoch started
    from, swapped with ``good`` when that epoch turns out good)."""

    __slots__ = ("backup", "best_loss", "epoch", "good")

    good: np.ndarray
    backup: np.ndarray
    epoch: int
    best_loss: float

    def __init__(self, params: np.ndarray, epoch: int):
        self.forget(params, epoch)

    def forget(self, params: np.ndarray, epoch: int) -> None:
        """Track afresh from these weights (a new model, new data or another dtype: another loss scale)."""
        self.backup = params.copy()
        self.good = params.copy()
        self.epoch = int(epoch)
        self.best_loss = math.inf

    def fits(self, params: np.ndarray) -> bool:
        """Whether the buffers have the weights' shape and dtype."""
        return self.good.shape == params.shape and self.good.dtype == params.dtype

    def state(self) -> dict[str, Any]:
        """Copies of the last good weights, their epoch and the best loss (a saved session keeps them)."""
        return {"good_params": self.good.copy(), "good_epoch": self.epoch, "best_loss": self.best_loss}

    def load_state(self, state: dict[str, Any], params: np.ndarray) -> None:
        """Put back a ``state()`` for a network whose weights are ``params``."""
        good = np.asarray(state["good_params"])
        if good.shape != params.shape or good.dtype != params.dtype:
            raise ValueError(f"good_params must have shape {params.shape} and dtype {params.dtype}")
        self.good = good.copy()
        self.epoch = int(state["good_epoch"])
        self.best_loss = float(state["best_loss"])


def divergence_message(learning_rate: float, epoch: int) -> str:
    """What the session says after going back to the weights of ``epoch``."""
    return (
        f"Training diverged with learning rate {learning_rate:g}: the loss became infinite. "
        f"The weights of epoch {epoch}, the last good ones, were restored; "
        f"try a learning rate of {learning_rate / 10:g}."
    )
