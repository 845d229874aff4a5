"""The ``Dataset`` value object: points, labels, a train/test mask and a task.

A ``Dataset`` never changes. Every edit (add, delete, move, relabel, re-split)
returns a new ``Dataset`` and leaves the old one intact, so the GUI can keep
old versions for undo and the training thread can hold one without locks.
The edits themselves are in ``model.data.dataset_edits``; the checks and conversions of the arrays in
``model.data.dataset_arrays``.

Pure NumPy: this module must never import Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from model.data import dataset_edits
from model.data.dataset_arrays import (
    MAX_CLASSES,
    MAX_NAME_CHARS,
    TASKS,
    _as_class_indices,
    _as_points,
    _as_targets,
    _check_names,
    _check_task,
    _default_class_names,
    _frozen,
    name_too_long,
)
from model.data.train_test_split import split_mask
from model.data.view_plane import PlaneFrame, ViewPlane, fit_plane

if TYPE_CHECKING:  # data_source imports this module (a source makes and describes Datasets)
    from model.data.data_source import DataSource


@dataclass(frozen=True, eq=False, repr=False)
class Dataset:
    """Immutable points + labels + train/test mask + task.

    Attributes
    ----------
    X : ndarray of shape (n_samples, n_features), float64, read-only
        n_features is 2 or more for classification (more: real data sets, ``model.data.real_datasets``);
        1 (a curve) or 2 (a surface) for regression.
    y : ndarray of shape (n_samples,), read-only
        int64 class index 0..n_classes-1 (classification) or float64 target (regression).
    is_test : ndarray of shape (n_samples,), bool, read-only
    task : "classification" or "regression"
    n_classes : int
        Classification: max(max(y) + 1, declared n_classes, 2), at most 10. Regression: 1.
    class_names : tuple of str, one per class ("class 1".."class K" by default); () in regression.
    feature_names : tuple of str, one per feature ("x1".."xn" by default).
        A name of either is at most ``MAX_NAME_CHARS`` (200) characters long: longer, a ValueError.
    description : str, where the data came from and how it was scaled, in words ("" for drawn data); kept by edits.
    origin : the ``DataSource`` that makes exactly these arrays again (a bundled real data set, as
        ``real_datasets.load`` gave it), or None; edits drop it.
    view_plane : ``ViewPlane`` the plot shows of data with more than two features (PCA by default); None for
        data of one or two features, which the plot shows as they are. ``plane_frame()`` is it fitted on the
        training points; ``plot_points()`` are the points projected onto it, and edits made on the plot
        (``with_points``, ``moved``) go through it back into input space.
    target_name : str, the name of what is predicted, as the data names it (a file's label column: "species",
        "charges"); "" when the data names none (generated or drawn points). At most ``MAX_NAME_CHARS`` characters;
        kept by edits, as the feature names are.

    Construct with ``from_arrays``, ``from_labels`` or ``empty`` (the plain
    constructor validates and copies too). Equality is identity; use ``same_as``
    to compare contents.
    """

    X: np.ndarray
    y: np.ndarray
    is_test: np.ndarray
    task: str = "classification"
    n_classes: int = 2
    class_names: tuple[str, ...] = ()
    feature_names: tuple[str, ...] = ()
    description: str = ""
    origin: DataSource | None = None
    view_plane: ViewPlane | None = None
    target_name: str = ""
    # made on demand: the plane fitted on the training points, and the points projected onto it
    _frame: PlaneFrame | None = field(default=None, init=False, repr=False, compare=False)
    _projected: np.ndarray | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _check_task(self.task)
        X = _as_points(self.X)
        n = X.shape[0]
        if self.task == "classification":
            if X.shape[1] < 2:
                raise ValueError(f"classification needs X of shape (n_samples, n_features >= 2), got {X.shape}")
            y = _as_class_indices(self.y)
        else:
            if X.shape[1] not in (1, 2):
                raise ValueError(f"regression needs X of shape (n_samples, 1) or (n_samples, 2), got {X.shape}")
            y = _as_targets(self.y)
        is_test = np.asarray(self.is_test)
        if is_test.dtype != bool:
            raise ValueError(f"is_test must be a bool array, got dtype {is_test.dtype}")
        if y.shape != (n,) or is_test.shape != (n,):
            raise ValueError(
                f"X, y and is_test must have the same number of samples: "
                f"X {X.shape}, y {y.shape}, is_test {is_test.shape}"
            )
        n_classes, names = self._resolve_classes(y)
        object.__setattr__(self, "X", _frozen(X))
        object.__setattr__(self, "y", _frozen(y))
        object.__setattr__(self, "is_test", _frozen(is_test))
        object.__setattr__(self, "n_classes", n_classes)
        object.__setattr__(self, "class_names", names)
        self._resolve_features(X.shape[1])
        object.__setattr__(self, "_frame", None)

    def _resolve_features(self, n_features: int) -> None:
        names = tuple(str(s) for s in self.feature_names) or tuple(f"x{i + 1}" for i in range(n_features))
        if len(names) != n_features:
            raise ValueError(f"{n_features} features need {n_features} feature names, got {len(names)}")
        _check_names(names, "feature")
        object.__setattr__(self, "feature_names", names)
        if not isinstance(self.target_name, str):
            raise ValueError(f"target_name must be a str, got {type(self.target_name).__name__}")
        if len(self.target_name) > MAX_NAME_CHARS:
            raise ValueError(f"the name of the target, {name_too_long(self.target_name)}")
        if not isinstance(self.description, str):
            raise ValueError(f"description must be a str, got {type(self.description).__name__}")
        if self.origin is not None:
            from model.data.data_source import DataSource  # here: data_source imports this module

            if not isinstance(self.origin, DataSource) or not self.origin.is_real or self.origin.edited:
                raise ValueError(f"origin must be the DataSource of an unedited real data set, got {self.origin!r}")
        plane = self.view_plane
        if n_features <= 2:
            plane = None  # shown as they are
        elif plane is None:
            plane = ViewPlane()
        elif not isinstance(plane, ViewPlane):
            raise ValueError(f"view_plane must be a ViewPlane, got {plane!r}")
        else:
            plane.check(n_features)
        object.__setattr__(self, "view_plane", plane)

    def _resolve_classes(self, y: np.ndarray) -> tuple[int, tuple[str, ...]]:
        if self.task == "regression":
            return 1, ()
        names = tuple(str(s) for s in self.class_names)
        declared = int(self.n_classes)
        k = max(int(y.max()) + 1 if y.size else 0, declared, len(names), 2)
        if k > MAX_CLASSES:
            raise ValueError(f"at most {MAX_CLASSES} classes are supported, got n_classes={k}")
        _check_names(names, "class")
        # A new class gets a default name; existing names are kept.
        return k, names + _default_class_names(k)[len(names) :]

    # ----------------------------------------------------------------- constructors
    @classmethod
    def from_arrays(
        cls,
        X: Any,
        y: Any,
        task: str = "classification",
        test_fraction: float = 0.2,
        seed: int = 0,
        n_classes: int | None = None,
        class_names: Iterable[str] | None = None,
    ) -> Dataset:
        """Build a Dataset with a fresh random train/test split.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Class indices 0..K-1 (K <= 10) for classification, float targets for regression.
        task : "classification" or "regression"
        test_fraction : float in [0, 1]; exactly round(test_fraction * n_samples) points go to test.
        seed : int, seeds the split.
        n_classes : int, optional; declare classes that have no points yet.
        class_names : iterable of str, optional
        """
        _check_task(task)
        X = _as_points(X)
        y = _as_class_indices(y) if task == "classification" else _as_targets(y)
        if y.shape[0] != X.shape[0]:
            raise ValueError(f"X has {X.shape[0]} samples but y has {y.shape[0]}")
        return cls(
            X,
            y,
            split_mask(y, task, test_fraction, seed),
            task,
            2 if n_classes is None else int(n_classes),
            tuple(class_names) if class_names is not None else (),
        )

    @classmethod
    def from_labels(
        cls,
        X: Any,
        labels: Any,
        test_fraction: float = 0.2,
        seed: int = 0,
    ) -> Dataset:
        """Classification dataset from arbitrary labels (strings, 1/2, -1/+1, ...).

        Distinct labels are mapped to 0..K-1 in sorted order (first-seen order if
        they cannot be sorted); ``class_names`` keeps ``str(label)`` for each.

        Parameters
        ----------
        X : array-like of shape (n_samples, 2)
        labels : array-like of shape (n_samples,)
        """
        labels = list(np.asarray(labels, dtype=object).ravel()) if np.ndim(labels) == 1 else None
        if labels is None:
            raise ValueError("labels must be a 1-D sequence with one label per sample")
        distinct = list(dict.fromkeys(labels))  # first-seen order, hashable labels only
        try:
            distinct = sorted(distinct)
        except TypeError:
            pass  # mixed types: keep first-seen order
        if len(distinct) > MAX_CLASSES:
            raise ValueError(f"at most {MAX_CLASSES} classes are supported, got {len(distinct)} labels")
        index = {lab: k for k, lab in enumerate(distinct)}
        y = np.array([index[lab] for lab in labels], dtype=np.int64)
        return cls.from_arrays(
            X,
            y,
            "classification",
            test_fraction,
            seed,
            n_classes=len(distinct),
            class_names=[str(lab) for lab in distinct],
        )

    @classmethod
    def empty(cls, task: str = "classification", n_classes: int = 2, n_features: int | None = None) -> Dataset:
        """A dataset with no points (X of shape (0, 2); (0, 1) for regression by default)."""
        _check_task(task)
        if n_features is None:
            n_features = 2 if task == "classification" else 1
        y_dtype = np.int64 if task == "classification" else np.float64
        return cls(
            np.empty((0, n_features)),
            np.empty(0, dtype=y_dtype),
            np.empty(0, dtype=bool),
            task,
            n_classes,
        )

    # ----------------------------------------------------------------- properties
    @property
    def n_samples(self) -> int:
        return int(self.X.shape[0])

    @property
    def n_features(self) -> int:
        return int(self.X.shape[1])

    @property
    def n_train(self) -> int:
        return self.n_samples - self.n_test

    @property
    def n_test(self) -> int:
        return int(self.is_test.sum())

    @property
    def train_X(self) -> np.ndarray:
        """ndarray of shape (n_train, n_features), read-only."""
        return _frozen(self.X[~self.is_test])

    @property
    def train_y(self) -> np.ndarray:
        """ndarray of shape (n_train,), read-only."""
        return _frozen(self.y[~self.is_test])

    @property
    def test_X(self) -> np.ndarray:
        """ndarray of shape (n_test, n_features), read-only."""
        return _frozen(self.X[self.is_test])

    @property
    def test_y(self) -> np.ndarray:
        """ndarray of shape (n_test,), read-only."""
        return _frozen(self.y[self.is_test])

    @property
    def plots_target(self) -> bool:
        """True when the plot's vertical axis is the target (1-D regression)."""
        return self.task == "regression" and self.n_features == 1

    def plane_frame(self) -> PlaneFrame | None:
        """The ``view_plane`` fitted on the training points (``model.data.view_plane``), made once per
        Dataset; None for data of one or two features."""
        if self.view_plane is None:
            return None
        frame: PlaneFrame | None = self._frame
        if frame is None:
            frame = fit_plane(self.view_plane, self.train_X, self.feature_names)
            object.__setattr__(self, "_frame", frame)
        return frame

    def plot_points(self) -> np.ndarray:
        """The points as drawn in the plot, ndarray of shape (n_samples, 2), read-only.

        X for classification of two features and 2-D regression; (X[:, 0], y) for 1-D regression; X projected
        onto the view plane for more than two features.
        """
        if self.plots_target:
            return _frozen(np.column_stack([self.X[:, 0], self.y]))
        frame = self.plane_frame()
        if frame is not None:
            cached = self._projected
            if cached is None:
                cached = _frozen(frame.project(self.X))
                object.__setattr__(self, "_projected", cached)
            return cached
        return self.X

    # ----------------------------------------------------------------- queries
    def nearest(self, x: float, y: float, max_distance: float | None = None) -> int | None:
        """Index of the point closest to plot position (x, y) (Euclidean, data coordinates).

        None if the dataset is empty or the closest point is farther than max_distance.
        Ties go to the lowest index.
        """
        if self.n_samples == 0:
            return None
        d2 = np.sum((self.plot_points() - np.array([x, y], dtype=np.float64)) ** 2, axis=1)
        i = int(np.argmin(d2))
        if max_distance is not None and d2[i] > max_distance**2:
            return None
        return i

    def same_as(self, other: Dataset) -> bool:
        """True when both datasets hold exactly the same arrays, task, classes and names."""
        return (
            isinstance(other, Dataset)
            and self.task == other.task
            and self.n_classes == other.n_classes
            and self.class_names == other.class_names
            and self.feature_names == other.feature_names
            and self.target_name == other.target_name
            and self.description == other.description
            and self.origin == other.origin
            and self.view_plane == other.view_plane
            and all(
                a.dtype == b.dtype and np.array_equal(a, b)
                for a, b in ((self.X, other.X), (self.y, other.y), (self.is_test, other.is_test))
            )
        )

    # ----------------------------------------------------------------- edits (each returns a new Dataset)
    def with_view_plane(self, plane: ViewPlane) -> Dataset:
        """The same data shown on another plane (``model.data.dataset_edits.with_view_plane``)."""
        return dataset_edits.with_view_plane(self, plane)

    def with_description(self, description: str) -> Dataset:
        """The same data described otherwise (``model.data.dataset_edits.with_description``)."""
        return dataset_edits.with_description(self, description)

    def with_points(self, P: Any, labels: Any = None, is_test: Any = False) -> Dataset:
        """Append k points given in plot coordinates (``model.data.dataset_edits.with_points``)."""
        return dataset_edits.with_points(self, P, labels, is_test)

    def without(self, indices: int | Iterable[int]) -> Dataset:
        """Remove the points at indices (``model.data.dataset_edits.without``)."""
        return dataset_edits.without(self, indices)

    def moved(self, index: int, position: tuple[float, float]) -> Dataset:
        """Move one point to plot position (x, y) (``model.data.dataset_edits.moved``)."""
        return dataset_edits.moved(self, index, position)

    def relabeled(self, index: int, label: int | float) -> Dataset:
        """Give one point a new class index or target value (``model.data.dataset_edits.relabeled``)."""
        return dataset_edits.relabeled(self, index, label)

    def with_test_fraction(self, test_fraction: float, seed: int = 0) -> Dataset:
        """Same points, a fresh random split (``model.data.dataset_edits.with_test_fraction``)."""
        return dataset_edits.with_test_fraction(self, test_fraction, seed)

    def __repr__(self) -> str:
        return (
            f"Dataset(task={self.task!r}, n_samples={self.n_samples}, n_features={self.n_features}, "
            f"n_classes={self.n_classes}, n_test={self.n_test})"
        )


__all__ = ["MAX_CLASSES", "MAX_NAME_CHARS", "TASKS", "Dataset", "split_mask"]
