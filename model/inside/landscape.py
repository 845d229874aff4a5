"""The loss landscape: the training loss over a 2-D slice of weight space, and the optimizer's path on it.

A network with P parameters has a loss surface in P + 1 dimensions. We look at a
plane through the current parameters c spanned by two directions d1, d2::

    L(a, b) = loss(c + a·d1 + b·d2)

evaluated on a size×size grid of (a, b), with the same data and penalties the
session trains with, so ``L(0, 0)`` *is* the session's training loss. Two choices
of plane:

- ``"random"``: two random directions, filter-normalised (Li et al., "Visualizing
  the Loss Landscape of Neural Nets", 2018): each unit's incoming weights in the
  direction are scaled to the norm of that unit's weights, so a step of 1 means
  "as large as the weights themselves" in every layer, whatever their scale.
  Bias components are zero (Li et al.'s usual choice). Seeded: the same seed
  gives the same plane.
- ``"pca"``: the top two principal directions of the path so far (the timeline's
  parameters minus the current ones), the plane the optimizer actually moved in
  most. The axes' explained-variance ratios tell how much of the path it holds.

The path (timeline parameters) is projected onto the plane by least squares; the
present parameters project to exactly (0, 0). ``loss_along`` gives a 1-D slice,
e.g. along the last update (t = -1 is where it came from, t = 0 where it is).

Evaluating is one forward pass over the training set per grid point on a private
copy of the network: 41×41 points at N = 200 take a few tens of ms. Run it in the
training thread, between chunks, never in the GUI thread. Pure NumPy; no Qt.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, overload

import numpy as np
import numpy.typing as npt

from model.nn.losses import perceptron_loss
from model.nn.param_layout import layer_blocks

if TYPE_CHECKING:
    from model.training.session import TrainingSession

MODES = ("random", "pca")


# -- evaluating the loss at arbitrary parameters ---------------------------------------------------
class LossAt:
    """The session's training loss (with its penalties) at any parameter vector.

    Works on a private copy of the network and of the encoded training set, so it
    may be used while the session's own network is left alone (and from the same
    thread only). ``LossAt(session)(session.network.params) == session.train_loss``.
    """

    def __init__(self, session: TrainingSession):
        self.network = session.network.astype(session.network.dtype)
        self.perceptron = session.model_spec.kind == "perceptron"
        self.alpha, self.l1 = session.model_spec.alpha, session.model_spec.l1
        # The session's own encoding of the training set (inputs with extra features, targets).
        self.X, self.Y = session._X_train, session._Y_train
        self.n_params = self.network.params.shape[0]

    def __call__(self, params: npt.ArrayLike) -> float:
        net = self.network
        net.set_params(params)
        if self.X.shape[0] == 0:
            return math.nan
        if self.perceptron:
            layer = net.layers[0]
            return perceptron_loss(self.Y, self.X @ layer.W + layer.b)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return net.loss(self.X, self.Y, self.alpha, self.l1)


# -- directions -------------------------------------------------------------------------------------
def _layer_slices(layer_sizes: Sequence[int]) -> list[tuple[slice, tuple[int, int], slice]]:
    """(weight slice, (fan_in, fan_out), bias slice) per layer in the flat layout
    (``model.nn.param_layout``)."""
    return [(blk.weights, (blk.fan_in, blk.fan_out), blk.bias) for blk in layer_blocks(layer_sizes)]


def filter_normalized_direction(
    center: npt.ArrayLike, layer_sizes: Sequence[int], rng: np.random.Generator
) -> np.ndarray:
    """A random direction with each unit's incoming weights scaled to that unit's weight norm.

    center : (P,) the parameters the plane goes through; layer_sizes : the network's.
    Units whose weights are all zero get the raw Gaussian direction scaled by
    1/sqrt(fan_in) (so the perceptron's zero start still has a plane). Biases: 0.
    """
    center = np.asarray(center, dtype=np.float64)
    d = np.zeros_like(center)
    for w_slice, shape, _ in _layer_slices(layer_sizes):
        W = center[w_slice].reshape(shape)
        D = rng.standard_normal(shape)
        w_norm = np.linalg.norm(W, axis=0)  # one norm per unit (column)
        d_norm = np.linalg.norm(D, axis=0)
        scale = np.where(w_norm > 0, w_norm, d_norm / math.sqrt(shape[0]))
        D *= scale / np.where(d_norm > 0, d_norm, 1.0)
        d[w_slice] = D.ravel()
    return d


def random_directions(
    center: npt.ArrayLike, layer_sizes: Sequence[int], seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Two filter-normalised random directions from ``default_rng(seed)``."""
    rng = np.random.default_rng(seed)
    return (
        filter_normalized_direction(center, layer_sizes, rng),
        filter_normalized_direction(center, layer_sizes, rng),
    )


def pca_directions(
    path: npt.ArrayLike, center: npt.ArrayLike, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Top two principal directions of ``path - center`` (rows: parameter vectors).

    Returns (d1, d2, explained) with d1, d2 unit vectors and ``explained`` the share of
    the path's squared distance from the centre along each (the first two singular values
    squared over the sum of all). With a path of fewer than three distinct points the missing
    direction(s) are random unit vectors orthogonal to the found ones (explained 0).
    """
    center = np.asarray(center, dtype=np.float64)
    M = np.asarray(path, dtype=np.float64).reshape(-1, center.shape[0]) - center
    M = M[np.any(M != 0, axis=1)]
    found: list[np.ndarray] = []
    explained: list[float] = []
    if M.shape[0]:
        # The top two right singular vectors of M from the eigenvectors of the smaller Gram
        # matrix (n x n or P x P): much cheaper than a full SVD for a long path.
        if M.shape[0] <= M.shape[1]:
            evals, evecs = np.linalg.eigh(M @ M.T)
            order = np.argsort(evals)[::-1]
            evals = np.clip(evals[order], 0.0, None)
            V = M.T @ evecs[:, order[:2]]  # columns: M^T u_k = s_k v_k
        else:
            evals, evecs = np.linalg.eigh(M.T @ M)
            order = np.argsort(evals)[::-1]
            evals = np.clip(evals[order], 0.0, None)
            V = evecs[:, order[:2]]
        total = float(np.sum(evals))
        for k in range(min(2, V.shape[1])):
            if total > 0 and evals[k] > 1e-20 * max(total, 1e-300) and evals[k] > 0:
                v = V[:, k] / np.linalg.norm(V[:, k])
                for u in found:  # re-orthogonalise (round-off)
                    v -= np.dot(v, u) * u
                    v /= np.linalg.norm(v)
                found.append(v)
                explained.append(float(evals[k] / total))
    rng = np.random.default_rng(seed)
    while len(found) < 2:
        v = rng.standard_normal(center.shape[0])
        for u in found:
            v -= np.dot(v, u) * u
        v /= np.linalg.norm(v)
        found.append(v)
        explained.append(0.0)
    d1, d2 = found
    # A sign convention, so the plane does not flip between recomputations: the path's
    # start (first row) lies at negative coordinates.
    if M.shape[0]:
        if np.dot(M[0], d1) > 0:
            d1 = -d1
        if np.dot(M[0], d2) > 0:
            d2 = -d2
    return d1, d2, np.array(explained)


def project(points: npt.ArrayLike, center: npt.ArrayLike, d1: np.ndarray, d2: np.ndarray) -> np.ndarray:
    """Least-squares coordinates (a, b) with ``points ≈ center + a·d1 + b·d2``; shape (n, 2).

    The centre itself projects to exactly (0, 0).
    """
    center = np.asarray(center, dtype=np.float64)
    D = np.column_stack([np.asarray(d1, np.float64), np.asarray(d2, np.float64)])  # (P, 2)
    pinv = np.linalg.pinv(D)  # (2, P)
    rel = np.asarray(points, dtype=np.float64).reshape(-1, center.shape[0]) - center
    return rel @ pinv.T


def symmetric_coords(lo: float, hi: float, size: int) -> np.ndarray:
    """``size`` evenly spaced values over [lo, hi]; when lo = -hi and size is odd, the middle one is exactly 0."""
    size = int(size)
    if size < 2:
        return np.array([0.5 * (lo + hi)])
    steps = np.arange(size, dtype=np.float64) - (size - 1) / 2.0  # exact 0 in the middle
    return 0.5 * (lo + hi) + steps * ((hi - lo) / (size - 1))


# -- surfaces ---------------------------------------------------------------------------------------
def loss_surface(
    loss_at: LossAt, center: np.ndarray, d1: np.ndarray, d2: np.ndarray, alphas: np.ndarray, betas: np.ndarray
) -> np.ndarray:
    """L(center + a·d1 + b·d2) for every a in ``alphas`` (columns) and b in ``betas`` (rows).

    Returns (len(betas), len(alphas)) float64, row-major like the boundary's grids (row i is
    b = betas[i]), ready for ``ImageItem(axisOrder='row-major')``. Non-finite losses are NaN.
    """
    center = np.asarray(center, dtype=np.float64)
    d1, d2 = np.asarray(d1, np.float64), np.asarray(d2, np.float64)
    alphas, betas = np.asarray(alphas, np.float64), np.asarray(betas, np.float64)
    values = np.empty((betas.shape[0], alphas.shape[0]))
    row_params = center + alphas[:, None] * d1  # (n_alpha, P), reused per row
    for i, b in enumerate(betas):
        params = row_params + b * d2
        for j in range(alphas.shape[0]):
            values[i, j] = loss_at(params[j])
    values[~np.isfinite(values)] = np.nan
    return values


def loss_along(loss_at: LossAt, center: np.ndarray, direction: np.ndarray, ts: np.ndarray) -> np.ndarray:
    """L(center + t·direction) for every t in ``ts`` (1-D slice)."""
    center, direction = np.asarray(center, np.float64), np.asarray(direction, np.float64)
    values = np.array([loss_at(center + t * direction) for t in np.asarray(ts, np.float64)])
    values[~np.isfinite(values)] = np.nan
    return values


@dataclass(frozen=True, eq=False)
class Landscape:
    """One computed slice of the loss landscape (arrays read-only).

    mode : "random" | "pca"
    epoch, session_id : which moment of which session it is centred on
    center : (P,) float64, the parameters at (0, 0); d1, d2 : (P,) the plane's directions
    alphas : (size,) coordinates along d1 (x axis); betas : (size,) along d2 (y axis)
    values : (size, size) training loss, row i at betas[i] (NaN where it overflowed)
    center_loss : the loss at (0, 0), equal to the session's training loss
    path : (n, 2) the timeline's parameters projected on the plane, oldest first, ending at (0, 0)
    path_epochs : (n,) their epochs
    explained : (2,) share of the path's variance along d1, d2 ("pca"), else None
    slice_t, slice_values : 1-D slice along the last update (t = -1 before it, 0 now), or None
    """

    mode: str
    epoch: int
    session_id: int
    center: np.ndarray
    d1: np.ndarray
    d2: np.ndarray
    alphas: np.ndarray
    betas: np.ndarray
    values: np.ndarray
    center_loss: float
    path: np.ndarray
    path_epochs: np.ndarray
    explained: np.ndarray | None = None
    slice_t: np.ndarray | None = None
    slice_values: np.ndarray | None = None
    seed: int = 0

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(a_min, a_max, b_min, b_max) of the grid's cell centres."""
        return (float(self.alphas[0]), float(self.alphas[-1]), float(self.betas[0]), float(self.betas[-1]))

    def project(self, params: npt.ArrayLike) -> np.ndarray:
        """(n, 2) coordinates of parameter vectors on this plane (the live path as training goes on)."""
        return project(params, self.center, self.d1, self.d2)


@overload
def _frozen(a: None) -> None: ...
@overload
def _frozen(a: npt.ArrayLike) -> np.ndarray: ...
def _frozen(a: npt.ArrayLike | None) -> np.ndarray | None:
    if a is None:
        return None
    copy = np.array(a, copy=True)
    copy.setflags(write=False)
    return copy


def _path_of(session: TrainingSession, max_rows: int) -> tuple[np.ndarray, np.ndarray]:
    """(params rows, epochs) of the session's timeline, subsampled, ending with the present parameters."""
    center = session.network.params.astype(np.float64)
    timeline = getattr(session, "timeline", None)
    rows, epochs = [], []
    if timeline is not None and len(timeline):
        entries = timeline.entries
        entries = [e for e in entries if e.epoch < session.epoch and e.params.shape == center.shape]
        if len(entries) > max_rows - 1:
            index = np.unique(np.linspace(0, len(entries) - 1, max_rows - 1).astype(np.int64))
            entries = [entries[i] for i in index]
        rows = [np.asarray(e.params, dtype=np.float64) for e in entries]
        epochs = [e.epoch for e in entries]
    rows.append(center)
    epochs.append(session.epoch)
    return np.array(rows), np.array(epochs, dtype=np.int64)


def last_update(session: TrainingSession) -> np.ndarray | None:
    """The present parameters minus those of the latest earlier timeline entry that differ (None if none)."""
    center = session.network.params.astype(np.float64)
    timeline = getattr(session, "timeline", None)
    if timeline is None:
        return None
    for entry in reversed(timeline.entries):
        if entry.epoch < session.epoch and entry.params.shape == center.shape:
            step = center - entry.params.astype(np.float64)
            if np.any(step != 0):
                return step
    return None


def compute_landscape(
    session: TrainingSession,
    mode: str = "random",
    size: int = 41,
    seed: int = 0,
    span: float | None = None,
    max_path: int = 400,
    slice_size: int = 81,
    slice_reach: float = 3.0,
) -> Landscape:
    """The loss over a plane through ``session``'s present parameters, with its path on it.

    mode : "random" (filter-normalised, seeded) or "pca" (of the timeline's path)
    size : grid points per axis (odd sizes put a grid point exactly at the centre)
    span : half-width of the grid in plane coordinates; default 1 for "random" (a step as
        large as the weights), and 1.25 × the path's extent for "pca"
    max_path : at most this many timeline entries are projected (evenly chosen)
    slice_size, slice_reach : the 1-D slice along the last update, t in [-reach, reach]
    """
    if mode not in MODES:
        raise ValueError(f"unknown landscape mode {mode!r}; choose one of {MODES}")
    loss_at = LossAt(session)
    center = session.network.params.astype(np.float64)
    rows, epochs = _path_of(session, max_path)
    explained = None
    if mode == "pca":
        d1, d2, explained = pca_directions(rows, center, seed)
    else:
        d1, d2 = random_directions(center, session.network.layer_sizes, seed)
    path = project(rows, center, d1, d2)
    if span is None:
        if mode == "pca":
            extent = float(np.max(np.abs(path))) if path.size else 0.0
            span = 1.25 * extent if extent > 0 else 1.0
        else:
            span = 1.0
    coords = symmetric_coords(-span, span, size)
    values = loss_surface(loss_at, center, d1, d2, coords, coords)
    center_loss = loss_at(center)
    slice_t = slice_values = None
    step = last_update(session)
    if step is not None:
        slice_t = symmetric_coords(-slice_reach, slice_reach, slice_size)
        slice_values = loss_along(loss_at, center, step, slice_t)
    return Landscape(
        mode=mode,
        epoch=int(session.epoch),
        session_id=int(getattr(session, "session_id", 0)),
        center=_frozen(center),
        d1=_frozen(d1),
        d2=_frozen(d2),
        alphas=_frozen(coords),
        betas=_frozen(coords),
        values=_frozen(values),
        center_loss=float(center_loss),
        path=_frozen(path),
        path_epochs=_frozen(epochs),
        explained=_frozen(explained),
        slice_t=_frozen(slice_t),
        slice_values=_frozen(slice_values),
        seed=int(seed),
    )
