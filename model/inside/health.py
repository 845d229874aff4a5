"""How healthy each layer of a network is (the health panel).

Per layer, over the training data:

- dead units: ReLU units whose output is 0 for every sample (z ≤ 0 everywhere),
  so no gradient ever reaches their incoming weights again; for leaky ReLU the
  same condition is reported (the unit still learns, slowly);
- saturated fraction: the share of (sample, unit) activations in the flat tails,
  |tanh| > 0.97 or σ < 0.03 or σ > 0.97, where f'(z) < 0.06 and learning crawls;
  also per unit: units saturated on at least 90 % of the samples;
- gradient norm: ‖dL/dW‖ and ‖dL/db‖ of the full-batch data loss;
- weight histogram.

Pure NumPy on a network rebuilt from a snapshot: cheap enough for the GUI thread
for a few thousand points (one forward and one backward pass).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from model.inside.probe import encode_targets
from model.nn.activations import get_activation
from model.nn.blas import one_blas_thread
from model.nn.features import expand
from model.training.snapshot import Snapshot, network_from_snapshot

UNIT_SATURATED_SHARE = 0.9  # a unit counts as saturated when this share of samples is
HISTOGRAM_BINS = 21


@dataclass(frozen=True, eq=False)
class LayerHealth:
    """index : 1 = first hidden layer ... L = output layer
    activation : str
    n_units : int
    dead_fraction : float or NaN (NaN for activations that cannot die)
    dead_units : ndarray of int, indices of dead units
    saturated_fraction : float or NaN (share of saturated activations; NaN when not sigmoid/tanh)
    saturated_units : ndarray of int, units saturated on ≥ 90 % of the samples
    grad_norm : float, ‖[dL/dW, dL/db]‖ (NaN without data)
    weight_grad_norm, bias_grad_norm : float
    weight_norm : float
    hist_counts : ndarray (HISTOGRAM_BINS,), hist_edges : ndarray (HISTOGRAM_BINS + 1,)
    """

    index: int
    activation: str
    n_units: int
    dead_fraction: float
    dead_units: np.ndarray
    saturated_fraction: float
    saturated_units: np.ndarray
    grad_norm: float
    weight_grad_norm: float
    bias_grad_norm: float
    weight_norm: float
    hist_counts: np.ndarray
    hist_edges: np.ndarray


def saturated_mask(activation: str, a: np.ndarray) -> np.ndarray | None:
    """Boolean mask of saturated activations, or None when the activation cannot saturate."""
    tails = get_activation(activation).saturated_outside
    if tails is None:
        return None
    low, high = tails
    return (a < low) | (a > high)


def _dead(activation: str, z: np.ndarray) -> tuple[float, np.ndarray]:
    if not get_activation(activation).dies_below_zero or z.shape[0] == 0:
        return np.nan, np.empty(0, dtype=np.int64)
    dead = np.all(z <= 0, axis=0)
    return float(dead.mean()), np.flatnonzero(dead)


def _histogram(W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    limit = float(np.max(np.abs(W))) if W.size else 1.0
    limit = limit if np.isfinite(limit) and limit > 0 else 1.0
    counts, edges = np.histogram(W, bins=HISTOGRAM_BINS, range=(-limit, limit))
    return counts, edges


def network_health(snapshot: Snapshot, X: npt.ArrayLike, y: npt.ArrayLike) -> list[LayerHealth]:
    """Health of every layer (hidden layers and the output layer) on raw X (n, n_raw) with labels y.

    With no samples, only the weight histograms are meaningful (fractions and norms are NaN).
    """
    with one_blas_thread():
        return _network_health(snapshot, X, y)


def _network_health(snapshot: Snapshot, X_raw: npt.ArrayLike, y_raw: npt.ArrayLike) -> list[LayerHealth]:
    X = np.asarray(X_raw, dtype=np.float64).reshape(-1, snapshot.layer_sizes[0] - len(snapshot.features))
    y = np.asarray(y_raw)
    net = network_from_snapshot(snapshot, np.float64)
    n = X.shape[0]
    has_grad = n > 0 and snapshot.model_kind != "perceptron"
    if n > 0:
        inputs = expand(X, snapshot.features, np.float64)
        if has_grad:
            net.loss_and_gradient(inputs, encode_targets(snapshot, y))
        else:
            net.forward(inputs)
    out = []
    names = tuple(snapshot.activations) + (snapshot.output_activation,)
    for k, (layer, activation) in enumerate(zip(net.layers, names)):
        W = np.asarray(layer.W)
        counts, edges = _histogram(W)
        if n > 0:
            z = np.asarray(layer.z)
            a = np.asarray(layer.a) if activation != "step" else (z >= 0).astype(np.float64)
            dead_fraction, dead_units = _dead(activation, z)
            mask = saturated_mask(activation, a)
            if mask is None:
                sat_fraction, sat_units = np.nan, np.empty(0, dtype=np.int64)
            else:
                sat_fraction = float(mask.mean())
                sat_units = np.flatnonzero(mask.mean(axis=0) >= UNIT_SATURATED_SHARE)
        else:
            dead_fraction, dead_units = np.nan, np.empty(0, dtype=np.int64)
            sat_fraction, sat_units = np.nan, np.empty(0, dtype=np.int64)
        if has_grad:
            gw, gb = float(np.linalg.norm(layer.dW)), float(np.linalg.norm(layer.db))
            g = float(np.hypot(gw, gb))
        else:
            gw = gb = g = np.nan
        out.append(
            LayerHealth(
                index=k + 1,
                activation=activation,
                n_units=layer.fan_out,
                dead_fraction=dead_fraction,
                dead_units=dead_units,
                saturated_fraction=sat_fraction,
                saturated_units=sat_units,
                grad_norm=g,
                weight_grad_norm=gw,
                bias_grad_norm=gb,
                weight_norm=float(np.linalg.norm(W)),
                hist_counts=counts,
                hist_edges=edges,
            )
        )
    return out


def full_batch_gradient(snapshot: Snapshot, X: npt.ArrayLike, y: npt.ArrayLike) -> np.ndarray | None:
    """dL/dθ of the mean data loss over raw X (n, n_raw) with labels y, in the flat layout of
    ``snapshot.params`` (weights then biases); None without samples or for the perceptron."""
    X = np.asarray(X, dtype=np.float64).reshape(-1, snapshot.layer_sizes[0] - len(snapshot.features))
    if X.shape[0] == 0 or snapshot.model_kind == "perceptron":
        return None
    with one_blas_thread():
        net = network_from_snapshot(snapshot, np.float64)
        net.loss_and_gradient(expand(X, snapshot.features, np.float64), encode_targets(snapshot, y))
        return net.grads.copy()
