"""The edits of a ``Dataset``: each returns a new ``Dataset`` and leaves the one edited intact.

``Dataset``'s methods of the same names (``with_points``, ``without``, ``moved``, ``relabeled``,
``with_test_fraction``, ``with_view_plane``, ``with_description``) call these; the document, the undo stack and
the data files use the methods. Edits made on the plot take plot positions: on data of more than two features
they go through the view plane back into input space (``model.data.view_plane.PlaneFrame``). An edit of the
points, labels or split keeps the names, the description and the plane, and drops the origin (the source no
longer makes these arrays).

Pure NumPy: this module must never import Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from model.data.dataset_arrays import _as_class_indices, _as_points, _as_targets
from model.data.train_test_split import split_mask
from model.data.view_plane import ViewPlane

if TYPE_CHECKING:  # dataset imports this module (its edit methods call these)
    from model.data.dataset import Dataset


def _replaced(data: Dataset, X: np.ndarray, y: np.ndarray, is_test: np.ndarray) -> Dataset:
    """Other points, labels or split: names, description and plane kept, the origin dropped."""
    return replace(data, X=X, y=y, is_test=is_test, origin=None)


def _checked_index(data: Dataset, index: int) -> int:
    i = int(index)
    if not 0 <= i < data.n_samples:
        raise IndexError(f"index {index} out of range for a dataset of {data.n_samples} points")
    return i


def with_view_plane(data: Dataset, plane: ViewPlane) -> Dataset:
    """The same data shown on another plane (data of more than two features; ValueError otherwise)."""
    if data.n_features <= 2:
        raise ValueError(f"data of {data.n_features} features is shown as it is, on no other plane")
    return replace(data, view_plane=plane)


def with_description(data: Dataset, description: str) -> Dataset:
    """The same data described otherwise (e.g. a file's name)."""
    return replace(data, description=str(description))


def with_points(data: Dataset, P: Any, labels: Any = None, is_test: Any = False) -> Dataset:
    """Append k points given in plot coordinates.

    Parameters
    ----------
    P : array-like of shape (k, 2), plot positions.
        In 1-D regression P[:, 0] is the sample and P[:, 1] its target. With more than two features
        each position is lifted onto the view plane (``PlaneFrame.lift``).
    labels : array-like of shape (k,) or a scalar
        Class indices (classification; may add classes up to 10) or targets
        (2-D regression). Ignored in 1-D regression, where it may be None.
    is_test : bool or array-like of shape (k,) of bool
    """
    P = _as_points(P, "P")
    if P.shape[1] != 2:
        raise ValueError(f"P must have shape (k, 2), got {P.shape}")
    k = P.shape[0]
    frame = data.plane_frame()
    if data.plots_target:
        new_X, new_y = P[:, :1], P[:, 1]
    else:
        if labels is None:
            raise ValueError("labels are required for this dataset")
        labels = np.broadcast_to(np.asarray(labels), (k,))
        new_X = P if frame is None else frame.lift(P)  # n-D: on the plane, the other directions at the mean
        new_y = _as_class_indices(labels, "labels") if data.task == "classification" else _as_targets(labels, "labels")
    flags = np.broadcast_to(np.asarray(is_test), (k,))
    if flags.dtype != bool:
        raise ValueError(f"is_test must be bool, got dtype {flags.dtype}")
    return _replaced(
        data,
        np.concatenate([data.X, new_X]),
        np.concatenate([data.y, new_y.astype(data.y.dtype)]),
        np.concatenate([data.is_test, flags]),
    )


def without(data: Dataset, indices: int | Iterable[int]) -> Dataset:
    """Remove the points at indices (duplicates allowed). Declared classes are kept."""
    idx = np.atleast_1d(np.asarray(indices, dtype=np.int64))
    for i in idx:
        _checked_index(data, i)
    keep = np.ones(data.n_samples, dtype=bool)
    keep[idx] = False
    return _replaced(data, data.X[keep], data.y[keep], data.is_test[keep])


def moved(data: Dataset, index: int, position: tuple[float, float]) -> Dataset:
    """Move one point to plot position (x, y) (in 1-D regression y is the new target; with more than two
    features only its coordinates along the view plane change, ``PlaneFrame.move_within``)."""
    i = _checked_index(data, index)
    pos = _as_points(np.reshape(np.asarray(position, dtype=np.float64), (1, -1)), "position")[0]
    if pos.shape != (2,):
        raise ValueError(f"position must be (x, y), got {position!r}")
    X, y = data.X.copy(), data.y.copy()
    frame = data.plane_frame()
    if data.plots_target:
        X[i, 0], y[i] = pos
    elif frame is not None:
        X[i] = frame.move_within(X[i], pos)
    else:
        X[i] = pos
    return _replaced(data, X, y, data.is_test)


def relabeled(data: Dataset, index: int, label: int | float) -> Dataset:
    """Give one point a new class index (classification) or target value (regression)."""
    i = _checked_index(data, index)
    if data.task == "classification":
        value = _as_class_indices(np.array([label]), "label")[0]
    else:
        value = _as_targets(np.array([label]), "label")[0]
    y = data.y.copy()
    y[i] = value
    return _replaced(data, data.X, y, data.is_test)


def with_test_fraction(data: Dataset, test_fraction: float, seed: int = 0) -> Dataset:
    """Same points, a fresh random split with round(test_fraction * n) test points."""
    return _replaced(data, data.X, data.y, split_mask(data.y, data.task, test_fraction, seed))
