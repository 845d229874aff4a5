"""The arrays a ``Dataset`` is made of, checked and frozen: points, class indices or targets, the task.

Pure NumPy: this module must never import Qt.
"""

from __future__ import annotations

from typing import Any

import numpy as np

TASKS = ("classification", "regression")
MAX_CLASSES = 10  # the GUI has ten class colours / number keys (1..9, 0 for the tenth); digits have ten classes
#: A class's or a feature's name is at most this long, wherever it comes from (a data file, a lesson, a session):
#: one limit, so that whatever data the app holds, its session files open again (they refuse longer names).
MAX_NAME_CHARS = 200


def _default_class_names(n_classes: int) -> tuple[str, ...]:
    return tuple(f"class {k + 1}" for k in range(n_classes))


def name_too_long(name: str) -> str:
    """What is wrong with a name longer than ``MAX_NAME_CHARS``, in words: its length and its start."""
    start = name[:40] + "…" if len(name) > 40 else name
    return f"{start!r} has {len(name):,} characters; a name is at most {MAX_NAME_CHARS}"


def _check_names(names: tuple[str, ...], what: str) -> None:
    """ValueError naming the first of ``names`` (``what``: "class" or "feature") longer than ``MAX_NAME_CHARS``."""
    for i, name in enumerate(names):
        if len(name) > MAX_NAME_CHARS:
            raise ValueError(f"the name of {what} {i + 1}, {name_too_long(name)}")


def _frozen(arr: np.ndarray) -> np.ndarray:
    """A private, read-only copy (a read-only *view* could still change through its base)."""
    out = np.array(arr, copy=True)
    out.setflags(write=False)
    return out


def _check_task(task: str) -> None:
    if task not in TASKS:
        raise ValueError(f"task must be one of {TASKS}, got {task!r}")


def _as_points(X: Any, name: str = "X") -> np.ndarray:
    """Validate a 2-D finite float array of shape (n_samples, n_features)."""
    try:
        X = np.asarray(X, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric: {exc}") from None
    if X.ndim != 2:
        raise ValueError(f"{name} must have shape (n_samples, n_features), got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return X


def _as_class_indices(y: Any, name: str = "y") -> np.ndarray:
    """Validate class indices 0..MAX_CLASSES-1 given as ints (or floats holding whole numbers)."""
    arr = np.asarray(y)
    if arr.dtype.kind not in "biuf":
        raise ValueError(
            f"{name} must hold integer class indices 0..K-1, got dtype {arr.dtype}; "
            "use Dataset.from_labels for arbitrary (e.g. string) labels"
        )
    if arr.ndim != 1:
        raise ValueError(f"{name} must have shape (n_samples,), got shape {arr.shape}")
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{name} contains NaN or infinite values")
        if not np.all(arr == np.round(arr)):
            raise ValueError(
                f"{name} must hold whole-number class indices; use Dataset.from_labels for arbitrary labels"
            )
    arr = arr.astype(np.int64)
    if arr.size and (arr.min() < 0 or arr.max() >= MAX_CLASSES):
        raise ValueError(
            f"{name} class indices must lie in 0..{MAX_CLASSES - 1} "
            f"(at most {MAX_CLASSES} classes), got range {arr.min()}..{arr.max()}"
        )
    return arr


def _as_targets(y: Any, name: str = "y") -> np.ndarray:
    try:
        arr = np.asarray(y, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric regression targets: {exc}") from None
    if arr.ndim != 1:
        raise ValueError(f"{name} must have shape (n_samples,), got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return arr
