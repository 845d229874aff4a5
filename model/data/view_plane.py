"""The plane the 2-D plot shows of data with more than two features.

A plot has two axes; a data set like wine has 13 features. The plot shows one plane through input space:

* ``ViewPlane(kind="features", features=(i, j))``: feature i across, feature j up, every other feature held at
  its training mean;
* ``ViewPlane(kind="pca")`` (the default for n-D data): the first two principal components of the training
  points (scikit-learn's ``PCA``, full SVD, so the same data gives the same plane), through the training mean.

``ViewPlane`` is the frozen choice (what a person picks; saved in session files). ``fit_plane(plane, X_train,
feature_names)`` turns it into a ``PlaneFrame``, the fitted affine map between input space and the plot:

    frame.project(X)   (n, n_features) -> (n, 2)   where points are drawn
    frame.lift(P)      (m, 2) -> (m, n_features)   the inputs the model is asked about at plot positions P
                                                   (for PCA: the PC plane mapped back with inverse_transform,
                                                   i.e. through the mean)
    frame.label        "PC1 (52 %) vs PC2 (21 %), other directions at the mean" or
                       "petal length vs petal width (standardised), other features at their mean"
    frame.axis_names   ("PC1", "PC2") or the two features' names

Both maps are one formula: ``project(X) = (X - origin) @ axes.T + offset`` and ``lift(P) = origin + (P - offset)
@ axes``, with ``origin`` the training mean and ``axes`` two orthonormal rows (unit vectors of the two features,
or the two components); ``offset`` is where the origin is drawn (the two features' means; 0 for PCA). So
``project(lift(P)) == P`` (up to rounding) and the boundary drawn is exactly the model's output on the plane.

A ``Dataset`` with more than two features carries its ``ViewPlane`` and fits its frame on demand
(``Dataset.plane_frame()``); its ``plot_points()`` are the projected points. Pure NumPy + scikit-learn (imported
when a PCA is fitted): this module must never import Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from model.data.standardised_names import pair_label

PLANE_KINDS = ("pca", "features")
PCA_AXIS_NAMES = ("PC1", "PC2")  # the axes of a principal components' plane


@dataclass(frozen=True)
class ViewPlane:
    """Which plane of n-D data the plot shows: ``kind`` "pca" or "features"; ``features`` the two feature
    indices (i across, j up) for kind "features" (ignored, and normalised to (0, 1), for "pca")."""

    kind: str = "pca"
    features: tuple[int, int] = (0, 1)

    def __post_init__(self) -> None:
        if self.kind not in PLANE_KINDS:
            raise ValueError(f"a view plane's kind must be one of {PLANE_KINDS}, got {self.kind!r}")
        try:
            i, j = (int(f) for f in self.features)
        except (TypeError, ValueError):
            raise ValueError(f"a view plane's features must be two indices, got {self.features!r}") from None
        if self.kind == "pca":
            i, j = 0, 1
        elif i < 0 or j < 0 or i == j:
            raise ValueError(f"a feature plane needs two different feature indices >= 0, got {(i, j)}")
        object.__setattr__(self, "features", (i, j))

    @classmethod
    def pca(cls) -> ViewPlane:
        return cls("pca")

    @classmethod
    def of_features(cls, i: int, j: int) -> ViewPlane:
        return cls("features", (i, j))

    def check(self, n_features: int) -> None:
        """ValueError unless this plane fits data with ``n_features`` features."""
        if self.kind == "features" and max(self.features) >= n_features:
            raise ValueError(f"feature plane {self.features} needs more than {n_features} features")
        if self.kind == "pca" and n_features < 2:
            raise ValueError("a PCA plane needs at least two features")

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "features": list(self.features)}

    @classmethod
    def from_dict(cls, d: Any) -> ViewPlane:
        """The plane of ``to_dict``'s JSON object; ValueError for anything else."""
        if not isinstance(d, dict) or set(d) != {"kind", "features"}:
            raise ValueError(f"a view plane is {{'kind', 'features'}}, got {d!r}")
        features = d["features"]
        if (
            not isinstance(features, list)
            or len(features) != 2
            or not all(isinstance(f, int) and not isinstance(f, bool) for f in features)
        ):
            raise ValueError(f"a view plane's features must be two integers, got {features!r}")
        return cls(str(d["kind"]), (features[0], features[1]))


@dataclass(frozen=True, eq=False)
class PlaneFrame:
    """A fitted ``ViewPlane``: the affine map between input space and the plot (see the module docstring).

    origin : (n_features,) the training mean; axes : (2, n_features) orthonormal rows; offset : (2,) where the
    origin is drawn; explained : (2,) share of the training variance along each axis (PCA; None for features);
    axis_names : the two axes' names; label : what the plot shows, in words.
    """

    plane: ViewPlane
    origin: np.ndarray
    axes: np.ndarray
    offset: np.ndarray
    axis_names: tuple[str, str]
    label: str
    explained: np.ndarray | None = field(default=None)

    @property
    def n_features(self) -> int:
        return int(self.origin.shape[0])

    def project(self, X: Any) -> np.ndarray:
        """Plot coordinates (n, 2) of inputs X (n, n_features)."""
        X = np.asarray(X, dtype=np.float64).reshape(-1, self.n_features)
        result: np.ndarray = (X - self.origin) @ self.axes.T + self.offset
        return result

    def lift(self, P: Any) -> np.ndarray:
        """Inputs (m, n_features) at plot positions P (m, 2): on the plane, the other directions at the mean."""
        P = np.asarray(P, dtype=np.float64).reshape(-1, 2)
        result: np.ndarray = self.origin + (P - self.offset) @ self.axes
        return result

    def move_within(self, x: Any, position: Any) -> np.ndarray:
        """Input x (n_features,) moved so that it is drawn at ``position`` (2,): only its coordinates along
        the plane's axes change (a drag on the plot moves a point within the plane it is seen in)."""
        x = np.asarray(x, dtype=np.float64).reshape(self.n_features)
        delta = np.asarray(position, dtype=np.float64).reshape(2) - self.project(x)[0]
        result: np.ndarray = x + delta @ self.axes
        return result


def _readonly(a: np.ndarray) -> np.ndarray:
    out = np.array(a, dtype=np.float64, copy=True)
    out.setflags(write=False)
    return out


def fit_plane(plane: ViewPlane, X_train: Any, feature_names: tuple[str, ...]) -> PlaneFrame:
    """Fit ``plane`` on the training inputs X_train (n, n_features) (n may be 0: then the origin is 0; with fewer
    than two training points, or all alike, a PCA plane is the first two features' plane, labelled so)."""
    X = np.asarray(X_train, dtype=np.float64)
    n_features = X.shape[1]
    plane.check(n_features)
    if len(feature_names) != n_features:
        raise ValueError(f"{n_features} features need as many names, got {len(feature_names)}")
    origin = X.mean(axis=0) if X.shape[0] else np.zeros(n_features)
    if plane.kind == "features":
        i, j = plane.features
        axes = np.zeros((2, n_features))
        axes[0, i] = axes[1, j] = 1.0
        names = (feature_names[i], feature_names[j])
        label = pair_label(names[0], names[1]) + (", other features at their mean" if n_features > 2 else "")
        return PlaneFrame(plane, _readonly(origin), _readonly(axes), _readonly(origin[[i, j]]), names, label)
    if X.shape[0] < 2 or not np.any(X[0] != X):
        # No variance to analyse (no two training points, or all alike): no principal components to show, so the
        # plane of the first two features, through the origin found, named so
        names = (feature_names[0], feature_names[1])
        label = f"{names[0]} vs {names[1]}: the training points do not vary, so they have no principal components"
        return PlaneFrame(
            plane,
            _readonly(origin),
            _readonly(np.eye(2, n_features)),
            _readonly(origin[:2]),
            names,
            label,
            _readonly(np.zeros(2)),
        )
    from sklearn.decomposition import PCA

    pca = PCA(n_components=2, svd_solver="full").fit(X)
    axes, ratio = pca.components_, pca.explained_variance_ratio_
    label = f"PC1 ({ratio[0]:.0%}) vs PC2 ({ratio[1]:.0%})".replace("%", " %")
    if n_features > 2:
        label += ", other directions at the mean"
    return PlaneFrame(
        plane, _readonly(origin), _readonly(axes), _readonly(np.zeros(2)), PCA_AXIS_NAMES, label, _readonly(ratio)
    )


__all__ = ["PCA_AXIS_NAMES", "PLANE_KINDS", "PlaneFrame", "ViewPlane", "fit_plane"]
