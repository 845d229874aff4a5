"""An immutable picture of one moment of training.

Snapshots are what crosses from the training thread to the views, and what a
timeline keeps: every array in one is a private, read-only copy, so a view can
hold it as long as it likes while training goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import overload

import numpy as np
import numpy.typing as npt

from model.nn.network import Network
from model.nn.param_layout import layer_views
from model.nn.units_off import NONE_OFF, UnitsOff


@overload
def frozen_copy(array: None) -> None: ...
@overload
def frozen_copy(array: npt.ArrayLike) -> np.ndarray: ...
def frozen_copy(array: npt.ArrayLike | None) -> np.ndarray | None:
    """A read-only copy of ``array`` (None stays None)."""
    if array is None:
        return None
    copy = np.array(array, copy=True)
    copy.setflags(write=False)
    return copy


@dataclass(frozen=True, eq=False)
class Snapshot:
    """One moment of a training session.

    epoch : int, epochs completed
    train_loss, test_loss : float, at the current parameters (test_loss NaN without test points)
    train_score, test_score : float, accuracy in [0, 1] for classification, R² for regression
    params : ndarray of shape (n_params,), the network's flat parameters (weights then biases)
    layer_sizes : tuple, [n_inputs, hidden..., n_outputs]
    activations : tuple of hidden-layer activation names
    output_activation : "logistic" | "softmax" | "identity" | "step" (the perceptron)
    task : "classification" | "regression"
    model_kind : "perceptron" | "logistic" | "mlp"
    features : tuple of extra input feature names
    learning_rate : float, the rate the next epoch will use
    diverged : bool, training stopped on a non-finite loss or weight (the last good weights restored)
    message : str, a human sentence about what happened (divergence, nothing to train on...)
    curves : dict of equal-length 1-D arrays "epoch", "train_loss", "test_loss",
        "train_score", "test_score", thinned to a few thousand points
    grid : ndarray or None, ``TrainingSession.evaluate_grid`` over ``grid_bounds``
    grid_bounds : (xmin, xmax, ymin, ymax) or None
    predictions : ndarray of shape (n_samples,) or None, for every point of the dataset
    data_version : int, which dataset edit the snapshot was trained on
    session_id : int, which session made it (several can train side by side)
    units_off : frozenset of (layer, unit), the hidden units switched off (their output held at 0; see
        ``model.nn.units_off``)
    first_moment : int or None, the earliest epoch the session's timeline can show (a session opened from a file,
        or a run restored, starts its timeline where it was then: nothing before can be looked at); None when
        the session keeps no timeline
    epoch_progress : (samples done, samples in an epoch) while the perceptron stands within an epoch (a chunk of
        Watch's start or the lesson's steps stopped there: ``model.training.pass_under_way``), else None
    last_corrected : int or None, within such an epoch at Watch's start, the index (in the training points) of the
        sample whose mistake made the rule's latest correction, the one the line last moved for; None otherwise (whole
        epochs, the lesson's steps, a restored state). Not kept in a saved session.
    """

    epoch: int
    train_loss: float
    test_loss: float
    train_score: float
    test_score: float
    params: np.ndarray
    layer_sizes: tuple[int, ...]
    activations: tuple[str, ...]
    output_activation: str
    task: str
    model_kind: str
    features: tuple[str, ...] = ()
    learning_rate: float = 0.0
    diverged: bool = False
    message: str = ""
    curves: dict[str, np.ndarray] = field(default_factory=dict)
    grid: np.ndarray | None = None
    grid_bounds: tuple[float, float, float, float] | None = None
    predictions: np.ndarray | None = None
    data_version: int = 0
    session_id: int = 0
    units_off: UnitsOff = NONE_OFF
    first_moment: int | None = None
    epoch_progress: tuple[int, int] | None = None
    last_corrected: int | None = None

    def layer_params(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """[(W, b), ...] per layer, W of shape (fan_in, fan_out): read-only views into ``params``."""
        return layer_views(self.params, self.layer_sizes)


# network_from_snapshot: inspectors rebuild the network a snapshot describes
def network_from_snapshot(snapshot: Snapshot, dtype: npt.DTypeLike | None = None) -> Network:
    """A fresh ``model.nn.network.Network`` carrying the snapshot's parameters.

    Inspectors (probe, neuron maps, hidden space, health) run the model's own
    forward and backward maths on it, in the GUI thread, without touching the
    training session, with the snapshot's units switched off. ``dtype`` defaults to the dtype of ``snapshot.params``.
    The perceptron comes back as its one linear layer (its output head is
    ignored: read ``layers[0].z`` for its scores).
    """
    dtype = np.dtype(dtype or snapshot.params.dtype)
    net = Network(snapshot.layer_sizes, snapshot.activations, snapshot.task, dtype)
    net.set_params(snapshot.params)
    net.set_units_off(snapshot.units_off)
    return net
