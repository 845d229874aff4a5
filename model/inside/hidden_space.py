"""The data as a hidden layer sees it (ConvNetJS's "hidden-layer space").

A layer maps every input point to a vector of its activations. With two units
that vector *is* a point in the plane; with more, the first two principal
components of the layer's activations over the data are drawn. The input grid
(lines of constant x1 and of constant x2 over the plot region) goes through the
same map, so one sees how the layer bends and folds the plane: in the last
hidden layer of a network that solved XOR, circles or spirals, the classes sit
on either side of a straight line (the output unit is linear there).

Layer 0 is the input itself (x1, x2 and any extra features).

The projection is made stable from one snapshot to the next: each principal
axis is given the sign that puts its largest loading positive, and, when the
previous projection is passed in, the sign that agrees with it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from model.nn.blas import one_blas_thread
from model.nn.features import expand, feature_labels
from model.nn.network import Network
from model.training.snapshot import Snapshot, frozen_copy, network_from_snapshot


@dataclass(frozen=True, eq=False)
class Projection:
    """How a layer's activations become 2-D: ``(A - mean) @ axes``.

    mean : ndarray (n_units,), axes : ndarray (n_units, 2)
    kind : "units" (two units shown as they are) or "pca"
    units : the two unit indices shown when kind == "units"
    explained : ndarray (2,), fraction of the variance each axis holds (1, 1 for "units" of a 2-unit layer)
    """

    mean: np.ndarray
    axes: np.ndarray
    kind: str
    units: tuple[int, ...]
    explained: np.ndarray

    def apply(self, A: np.ndarray) -> np.ndarray:
        return (np.asarray(A, dtype=np.float64) - self.mean) @ self.axes


@dataclass(frozen=True, eq=False)
class HiddenSpace:
    """Points and grid lines in a layer's space, projected to 2-D.

    layer : int, 0 = inputs, 1..L-1 hidden layers
    points : ndarray (n_samples, 2)
    lines : tuple of ndarrays (n_points_per_line, 2), the warped grid (constant-x1 lines, then constant-x2)
    n_vertical : int, how many of ``lines`` are lines of constant x1
    axis_labels : (str, str)
    projection : Projection
    boundary : ndarray (2, 2) or None, two points of the output's decision line in this plane
        (the last hidden layer of a two-class network only: there the boundary is a line)
    """

    layer: int
    points: np.ndarray
    lines: tuple[np.ndarray, ...]
    n_vertical: int
    axis_labels: tuple[str, str]
    projection: Projection
    boundary: np.ndarray | None


def n_layers(snapshot: Snapshot) -> int:
    """How many layers can be viewed: the input plus every hidden layer."""
    return len(snapshot.layer_sizes) - 1


def layer_names(snapshot: Snapshot) -> list[str]:
    names = ["input"]
    for k, (size, act) in enumerate(zip(snapshot.layer_sizes[1:-1], snapshot.activations), 1):
        names.append(f"hidden {k} ({size} {act})")
    return names


def layer_activations(snapshot: Snapshot, X: np.ndarray, layer: int, net: Network | None = None) -> np.ndarray:
    """Activations of ``layer`` (0 = the expanded input) for raw X (n, n_raw): (n, n_units) float64."""
    X = np.asarray(X, dtype=np.float64)
    inputs = expand(X, snapshot.features, np.float64)
    if layer == 0:
        return inputs
    if not 0 < layer < len(snapshot.layer_sizes) - 1:
        raise ValueError(f"layer {layer} is not a hidden layer of {snapshot.layer_sizes}")
    net = net or network_from_snapshot(snapshot, np.float64)
    a = inputs
    for dense in net.layers[:layer]:
        a = dense.forward(a)
    return np.array(a, dtype=np.float64)


def _principal_axes(A: np.ndarray, previous: Projection | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    mean = A.mean(axis=0)
    centred = A - mean
    n_units = A.shape[1]
    # Deterministic: SVD of the centred data (rows are samples). The right singular vectors are the axes.
    if centred.shape[0] >= 2 and np.any(centred):
        _, s, vt = np.linalg.svd(centred, full_matrices=False)
        axes = vt[:2].T.copy()
        var = s**2
        explained = var[:2] / var.sum() if var.sum() > 0 else np.zeros(2)
    else:
        axes, explained = np.eye(n_units)[:, :2].copy(), np.zeros(2)
    if axes.shape[1] < 2:  # fewer samples than 2 distinct directions
        pad = np.zeros((n_units, 2 - axes.shape[1]))
        axes, explained = np.hstack([axes, pad]), np.resize(explained, 2)
    for c in range(2):
        column = axes[:, c]
        if previous is not None and previous.axes.shape == axes.shape:
            flip = float(column @ previous.axes[:, c]) < 0
        else:
            flip = column[np.argmax(np.abs(column))] < 0
        if flip:
            axes[:, c] = -column
    return mean, axes, np.asarray(explained, dtype=np.float64)


def _output_axes(
    A: np.ndarray, W_out: np.ndarray, previous: Projection | None, centre: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Axes aligned with what the output layer reads.

    One output unit (w): the first axis is w/‖w‖, so the decision boundary is a
    vertical line; the second is the main direction of the data orthogonal to w.
    K outputs: the two main directions of the class-score differences (the
    columns of W centred across classes), which is where the classes are told apart.
    For a hidden layer feeding another hidden layer (``centre=False``): the two
    directions the next layer is most sensitive to (W's top left singular vectors).
    """
    mean = A.mean(axis=0)
    W = np.asarray(W_out, dtype=np.float64)
    if W.shape[1] == 1:
        norm = np.linalg.norm(W[:, 0])
        first = W[:, 0] / norm if norm > 0 else np.eye(W.shape[0])[:, 0]
        residual = (A - mean) - np.outer((A - mean) @ first, first)
        if residual.shape[0] >= 2 and np.any(np.abs(residual) > 1e-12):
            second = np.linalg.svd(residual, full_matrices=False)[2][0]
        else:
            second = np.zeros_like(first)
        axes = np.column_stack([first, second])
    else:
        centred = W - W.mean(axis=1, keepdims=True) if centre else W
        u = np.linalg.svd(centred, full_matrices=False)[0]
        axes = u[:, :2] if u.shape[1] >= 2 else np.column_stack([u[:, 0], np.zeros(u.shape[0])])
    var = np.var((A - mean) @ axes, axis=0) if A.shape[0] else np.zeros(2)
    total = float(np.var(A, axis=0).sum()) if A.shape[0] else 0.0
    explained = var / total if total > 0 else np.zeros(2)
    for c in range(2):
        column = axes[:, c]
        if c == 0 and W.shape[1] == 1:
            continue  # w points toward class 2: keep it so
        if previous is not None and previous.axes.shape == axes.shape:
            flip = float(column @ previous.axes[:, c]) < 0
        else:
            flip = column.size > 0 and column[np.argmax(np.abs(column))] < 0
        if flip:
            axes[:, c] = -column
    return mean, np.ascontiguousarray(axes), np.asarray(explained, dtype=np.float64)


PROJECTION_MODES = ("auto", "pca", "output", "units")


def make_projection(
    A: np.ndarray,
    units: Sequence[int] | None = None,
    previous: Projection | None = None,
    mode: str = "auto",
    W_out: np.ndarray | None = None,
    centre: bool = True,
) -> Projection:
    """A 2-D projection of activations A (n, n_units).

    mode : "auto" shows a layer of one or two units as it is and a wider one by
        its first two principal components ("pca"); "units" shows the two units
        ``units`` = (i, j); "output" aligns the first axis with what the next
        (output) layer reads, ``W_out`` of shape (n_units, n_outputs).
    previous : the projection of the last frame, to keep the axes' signs from flipping.
    """
    if mode not in PROJECTION_MODES:
        raise ValueError(f"unknown projection {mode!r}; choose one of {PROJECTION_MODES}")
    A = np.asarray(A, dtype=np.float64)
    n_units = A.shape[1]
    if mode == "units" and units is None:
        units = (0, 1)
    if mode == "auto" and units is None and n_units <= 2:
        units = (0, 1) if n_units == 2 else (0, 0)
    if mode == "output" and W_out is not None and n_units > 1:
        prev = previous if (previous and previous.kind == "output") else None
        mean, axes, explained = _output_axes(A, W_out, prev, centre)
        return Projection(mean, axes, "output", (), explained)
    if units is not None and mode in ("auto", "units", "output"):
        i, j = (min(int(u), n_units - 1) for u in units)
        axes = np.zeros((n_units, 2))
        axes[i, 0] = 1.0
        if n_units > 1 and j != i:
            axes[j, 1] = 1.0
        return Projection(np.zeros(n_units), axes, "units", (i, j), np.ones(2))
    if n_units == 1:
        return make_projection(A, (0, 0))
    mean, axes, explained = _principal_axes(A, previous if (previous and previous.kind == "pca") else None)
    return Projection(mean, axes, "pca", (), explained)


def grid_lines(
    bounds: Sequence[float], n_lines: int = 13, points_per_line: int = 60, n_raw: int = 2
) -> tuple[list[np.ndarray], int]:
    """Lines of constant x1 (first) and of constant x2 across ``bounds`` = (xmin, xmax, ymin, ymax).

    Returns (list of (points_per_line, n_raw) arrays, number of constant-x1 lines).
    """
    xmin, xmax, ymin, ymax = (float(b) for b in bounds)
    xs, ys = np.linspace(xmin, xmax, n_lines), np.linspace(ymin, ymax, n_lines)
    t_x, t_y = np.linspace(xmin, xmax, points_per_line), np.linspace(ymin, ymax, points_per_line)
    if n_raw == 1:
        return [t_x[:, None]], 1
    vertical = [np.column_stack([np.full(points_per_line, x), t_y]) for x in xs]
    horizontal = [np.column_stack([t_x, np.full(points_per_line, y)]) for y in ys]
    return vertical + horizontal, len(vertical)


def hidden_space(
    snapshot: Snapshot,
    X: npt.ArrayLike,
    layer: int,
    bounds: Sequence[float],
    units: Sequence[int] | None = None,
    previous: Projection | None = None,
    n_lines: int = 13,
    points_per_line: int = 60,
    mode: str = "auto",
    lift: Callable[[np.ndarray], np.ndarray] | None = None,
) -> HiddenSpace:
    """The data X (n, n_raw) and the grid over ``bounds`` as ``layer`` sees them, in 2-D.

    Data of more than two features is drawn on a plane (``model.data.view_plane``): then ``lift`` (the plane's
    ``PlaneFrame.lift``) maps the grid's plot positions to inputs, so the grid bent here is the plot's plane.

    The projection (see ``make_projection`` for ``mode`` and ``units``) is fitted
    on the data's activations; the grid lines are pushed through the same layer
    and the same projection.

    A single wide hidden layer often untangles XOR only in three or more
    dimensions: its first two principal components may still look tangled,
    while ``mode="output"`` (the direction the output reads) shows the split.
    """
    with one_blas_thread():
        return _hidden_space(snapshot, X, layer, bounds, units, previous, n_lines, points_per_line, mode, lift)


def _hidden_space(
    snapshot: Snapshot,
    X_raw: npt.ArrayLike,
    layer: int,
    bounds: Sequence[float],
    units: Sequence[int] | None,
    previous: Projection | None,
    n_lines: int,
    points_per_line: int,
    mode: str,
    lift: Callable[[np.ndarray], np.ndarray] | None = None,
) -> HiddenSpace:
    X = np.asarray(X_raw, dtype=np.float64).reshape(-1, snapshot.layer_sizes[0] - len(snapshot.features))
    net = network_from_snapshot(snapshot, np.float64) if layer > 0 else None
    A = layer_activations(snapshot, X, layer, net)
    lines_raw, n_vertical = grid_lines(bounds, n_lines, points_per_line, min(X.shape[1], 2))
    if lift is not None:
        lines_raw = [lift(line) for line in lines_raw]
    stacked = np.vstack(lines_raw)
    G = layer_activations(snapshot, stacked, layer, net)
    fit_on = A if A.shape[0] >= 2 else G
    W_out = None
    if layer > 0 and snapshot.model_kind != "perceptron":
        W_out = snapshot.layer_params()[layer][0]
    last_hidden = layer == len(snapshot.layer_sizes) - 2
    projection = make_projection(
        fit_on, units, previous, mode, W_out, centre=last_hidden and snapshot.task == "classification"
    )
    points = projection.apply(A)
    projected = projection.apply(G)
    lines = tuple(frozen_copy(chunk) for chunk in np.split(projected, len(lines_raw)))
    names = feature_labels(X.shape[1], snapshot.features) if layer == 0 else None
    if projection.kind == "units":
        i, j = projection.units

        def unit(u: int) -> str:
            return names[u] if names is not None else f"h{layer}.{u + 1}"

        labels = (unit(i), unit(j) if j != i else "0")
    elif projection.kind == "output":
        e = projection.explained
        first = "output direction" if last_hidden else "next layer's direction 1"
        second = "orthogonal PC" if W_out is not None and W_out.shape[1] == 1 else "direction 2"
        labels = (f"{first} ({100 * e[0]:.0f} %)", f"{second} ({100 * e[1]:.0f} %)")
    else:
        e = projection.explained
        labels = (f"PC1 ({100 * e[0]:.0f} %)", f"PC2 ({100 * e[1]:.0f} %)")
    boundary = _boundary_line(snapshot, net, layer, projection, points if points.size else projected)
    return HiddenSpace(
        layer=layer,
        points=frozen_copy(points),
        lines=lines,
        n_vertical=n_vertical,
        axis_labels=labels,
        projection=projection,
        boundary=boundary,
    )


def _boundary_line(
    snapshot: Snapshot, net: Network | None, layer: int, projection: Projection, shown: np.ndarray
) -> np.ndarray | None:
    """Where the output unit is 0.5 in the plane shown, for the last hidden layer of a binary classifier.

    The output is σ(w·h + b) and the plane is h = mean + u·a1 + v·a2, so the
    boundary there is the line (w·a1) u + (w·a2) v + (w·mean + b) = 0.
    Two units picked out of a wider layer give no line (the unseen units are not fixed).
    """
    if (
        net is None
        or layer != len(snapshot.layer_sizes) - 2
        or snapshot.task != "classification"
        or snapshot.layer_sizes[-1] != 1
        or snapshot.model_kind == "perceptron"
    ):
        return None
    w = net.layers[-1].W[:, 0].astype(np.float64)
    b = float(net.layers[-1].b[0])
    p, q = w @ projection.axes[:, 0], w @ projection.axes[:, 1]
    c = w @ projection.mean + b
    if projection.kind == "units":
        i, j = projection.units
        others = [u for u in range(w.shape[0]) if u not in (i, j)]
        if others:
            return None  # no fixed value for the unseen units: no honest line
    if abs(p) < 1e-12 and abs(q) < 1e-12:
        return None
    lo, hi = shown.min(axis=0), shown.max(axis=0)
    pad = 0.25 * np.maximum(hi - lo, 1e-6)
    lo, hi = lo - pad, hi + pad
    if abs(q) >= abs(p):
        u = np.array([lo[0], hi[0]])
        v = -(p * u + c) / q
    else:
        v = np.array([lo[1], hi[1]])
        u = -(q * v + c) / p
    return frozen_copy(np.column_stack([u, v]))
