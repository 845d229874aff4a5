"""Built-in toy datasets and their registry.

Every generator works in a *unit frame* where the clean shape fits in about
[-1, 1]^2, adds Gaussian noise with standard deviation ``noise`` in that frame,
and is then scaled by ``SCALE`` so the data lies roughly within [-6, 6]^2 like
TensorFlow Playground. So ``noise`` means the same thing for every dataset:
0.1 is a jitter of a tenth of the data's radius.

scikit-learn is imported inside the generators, not at module import, because
importing sklearn.datasets costs noticeable app start-up time.

Pure NumPy + scikit-learn: this module must never import Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from model.data.dataset import MAX_CLASSES, Dataset

SCALE = 5.0  # unit frame radius 1  ->  plot radius 5 (noise pushes a little beyond)

Generator = Callable[[int, float, int, int], "tuple[np.ndarray, np.ndarray]"]


def _unit_to_plot(X: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(X * SCALE, dtype=np.float64)


def _labels(y: np.ndarray) -> np.ndarray:
    return np.asarray(y, dtype=np.int64)


def _spread_counts(n: int, k: int) -> list[int]:
    """Split n into k near-equal parts (the first n % k get one more)."""
    return [n // k + (1 if i < n % k else 0) for i in range(k)]


# --------------------------------------------------------------------- classification
def _blobs(n_samples: int, noise: float, seed: int, n_classes: int) -> tuple[np.ndarray, np.ndarray]:
    """n_classes round clusters with centres evenly spaced on a circle."""
    from sklearn.datasets import make_blobs

    angles = 2 * np.pi * np.arange(n_classes) / n_classes + np.pi / 4
    centres = 0.6 * np.column_stack([np.cos(angles), np.sin(angles)])
    # Clusters keep a small own spread at noise=0; the noise adds on top (independent Gaussians).
    std = float(np.hypot(0.12, noise))
    X, y = make_blobs(n_samples=n_samples, centers=centres, cluster_std=std, random_state=seed)
    return _unit_to_plot(X), _labels(y)


def _two_gaussians(n_samples: int, noise: float, seed: int, n_classes: int) -> tuple[np.ndarray, np.ndarray]:
    """Two broad, slightly overlapping Gaussian clouds: no boundary is perfect."""
    from sklearn.datasets import make_blobs

    centres = np.array([[-0.4, -0.4], [0.4, 0.4]])
    std = float(np.hypot(0.25, noise))
    X, y = make_blobs(n_samples=n_samples, centers=centres, cluster_std=std, random_state=seed)
    return _unit_to_plot(X), _labels(y)


def _moons(n_samples: int, noise: float, seed: int, n_classes: int) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles."""
    from sklearn.datasets import make_moons

    # sklearn's moons span x in [-1, 2], y in [-0.5, 1]; the unit frame divides by 1.5,
    # so the noise is given to sklearn in its own (1.5x larger) units.
    X, y = make_moons(n_samples=n_samples, noise=noise * 1.5, random_state=seed)
    X = (X - np.array([0.5, 0.25])) / 1.5
    return _unit_to_plot(X), _labels(y)


def _circles(n_samples: int, noise: float, seed: int, n_classes: int) -> tuple[np.ndarray, np.ndarray]:
    """A ring (class 0, radius 1) around a disc-shaped circle (class 1, radius 0.5)."""
    from sklearn.datasets import make_circles

    X, y = make_circles(n_samples=n_samples, noise=noise, factor=0.5, random_state=seed)
    return _unit_to_plot(X), _labels(y)


def _xor(n_samples: int, noise: float, seed: int, n_classes: int) -> tuple[np.ndarray, np.ndarray]:
    """Four quadrants; class 1 where x1 * x2 > 0. No straight line separates it."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.0, 1.0, size=(n_samples, 2))
    X += np.sign(X) * 0.06  # a small gap along the axes, like TensorFlow Playground
    y = (X[:, 0] * X[:, 1] > 0).astype(np.int64)
    X = X / 1.06 + rng.normal(0.0, noise, size=X.shape)
    return _unit_to_plot(X), y


def _spiral(n_samples: int, noise: float, seed: int, n_classes: int) -> tuple[np.ndarray, np.ndarray]:
    """n_classes interleaved spiral arms, 1.75 turns each, points balanced over the arms."""
    rng = np.random.default_rng(seed)
    parts_X, parts_y = [], []
    for arm, count in enumerate(_spread_counts(n_samples, n_classes)):
        r = np.linspace(0.0, 1.0, count, endpoint=False) + 1.0 / max(count, 1)  # (0, 1]
        t = 1.75 * 2 * np.pi * r + 2 * np.pi * arm / n_classes
        parts_X.append(np.column_stack([r * np.sin(t), r * np.cos(t)]))
        parts_y.append(np.full(count, arm, dtype=np.int64))
    X = np.concatenate(parts_X) + rng.normal(0.0, noise, size=(n_samples, 2))
    order = rng.permutation(n_samples)  # arms would otherwise come one after another
    return _unit_to_plot(X[order]), np.concatenate(parts_y)[order]


def _linearly_separable(n_samples: int, noise: float, seed: int, n_classes: int) -> tuple[np.ndarray, np.ndarray]:
    """Uniform points on either side of a tilted line, with a clear margin at noise=0."""
    rng = np.random.default_rng(seed)
    normal = np.array([np.cos(np.pi / 6), np.sin(np.pi / 6)])  # line tilted 30 deg from vertical
    X = rng.uniform(-0.9, 0.9, size=(n_samples, 2))
    side = X @ normal
    y = (side > 0).astype(np.int64)
    X += np.outer(np.where(y == 1, 0.1, -0.1), normal)  # push apart: margin 0.2
    X += rng.normal(0.0, noise, size=X.shape)
    return _unit_to_plot(X), y


# --------------------------------------------------------------------- regression
def _curve(
    n_samples: int, noise: float, seed: int, f: Callable[[np.ndarray], np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, size=n_samples)
    y = f(x) + rng.normal(0.0, noise, size=n_samples)
    return _unit_to_plot(x[:, None]), np.asarray(y * SCALE, dtype=np.float64)


def _sine(n_samples: int, noise: float, seed: int, n_classes: int) -> tuple[np.ndarray, np.ndarray]:
    """y = 0.8 sin(1.5 pi x): one and a half periods across the plot."""
    return _curve(n_samples, noise, seed, lambda x: 0.8 * np.sin(1.5 * np.pi * x))


def _polynomial(n_samples: int, noise: float, seed: int, n_classes: int) -> tuple[np.ndarray, np.ndarray]:
    """A cubic with two bends: y = 0.8 (4x^3 - 3x) (a scaled Chebyshev T3)."""
    return _curve(n_samples, noise, seed, lambda x: 0.8 * (4 * x**3 - 3 * x))


def _plane(n_samples: int, noise: float, seed: int, n_classes: int) -> tuple[np.ndarray, np.ndarray]:
    """A tilted plane over 2-D inputs: y = 0.6 x1 + 0.4 x2."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.0, 1.0, size=(n_samples, 2))
    y = X @ np.array([0.6, 0.4]) + rng.normal(0.0, noise, size=n_samples)
    return _unit_to_plot(X), np.asarray(y * SCALE, dtype=np.float64)


# --------------------------------------------------------------------- registry
@dataclass(frozen=True)
class DatasetInfo:
    """One built-in dataset: what the GUI shows and how to generate it.

    generator(n_samples, noise, seed, n_classes) -> (X, y) in plot coordinates.
    default_n_samples: the points it is made with unless told otherwise (the spiral needs more than the others
    for its arms to be learnable from the training share).
    fixed_classes: the classes of a classification dataset that does not take a number of classes (said here so
    that the Data panel need not generate points, importing scikit-learn before the window shows, to count them).
    """

    name: str
    label: str
    task: str
    default_noise: float
    supports_n_classes: bool
    generator: Generator
    default_n_samples: int = 200
    fixed_classes: int = 2


DATASETS: dict[str, DatasetInfo] = {
    info.name: info
    for info in (
        DatasetInfo("blobs", "Blobs", "classification", 0.1, True, _blobs),
        DatasetInfo("two_gaussians", "Two Gaussians", "classification", 0.1, False, _two_gaussians),
        DatasetInfo("linearly_separable", "Linearly separable", "classification", 0.1, False, _linearly_separable),
        DatasetInfo("moons", "Two moons", "classification", 0.1, False, _moons),
        DatasetInfo("circles", "Circles", "classification", 0.1, False, _circles),
        DatasetInfo("xor", "XOR", "classification", 0.1, False, _xor),
        # 1.75 turns per arm: with 200 points and noise 0.05 the arms are too thin and too jittered for the default
        # model to learn (test accuracy at chance); 600 points at noise 0.02 reach ~90 % in 1000 epochs.
        DatasetInfo("spiral", "Spiral", "classification", 0.02, True, _spiral, default_n_samples=600),
        DatasetInfo("sine", "Sine curve", "regression", 0.1, False, _sine),
        DatasetInfo("polynomial", "Polynomial curve", "regression", 0.1, False, _polynomial),
        DatasetInfo("plane", "Plane (2-D regression)", "regression", 0.1, False, _plane),
    )
}


def _info(name: str) -> DatasetInfo:
    try:
        return DATASETS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown dataset {name!r}; valid names: {', '.join(DATASETS)}") from None


def make_dataset(
    name: str, n_samples: int = 200, noise: float = 0.1, seed: int = 0, n_classes: int = 2
) -> tuple[np.ndarray, np.ndarray]:
    """Generate a built-in dataset. Same arguments give identical arrays.

    Parameters
    ----------
    name : str, a key of ``DATASETS``
    n_samples : int >= 1
    noise : float >= 0, Gaussian jitter std in the unit frame (see module docstring)
    seed : int >= 0
    n_classes : int in 2..10; used by datasets with ``supports_n_classes``, ignored by the others.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features), float64
        n_features is 2, except 1 for the "sine" and "polynomial" curves.
    y : ndarray of shape (n_samples,)
        int64 class indices 0..K-1 for classification, float64 targets for regression.
    """
    info = _info(name)
    if isinstance(n_samples, bool) or int(n_samples) != n_samples or n_samples < 1:
        raise ValueError(f"n_samples must be an integer >= 1, got {n_samples!r}")
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a finite number >= 0, got {noise!r}")
    if not 2 <= int(n_classes) <= MAX_CLASSES:
        raise ValueError(f"n_classes must lie in 2..{MAX_CLASSES}, got {n_classes!r}")
    k = int(n_classes) if info.supports_n_classes else 2
    return info.generator(int(n_samples), float(noise), int(seed), k)


def make(
    name: str,
    n_samples: int | None = None,
    noise: float | None = None,
    seed: int = 0,
    n_classes: int = 2,
    test_fraction: float = 0.2,
) -> Dataset:
    """Generate a built-in dataset as a ``Dataset`` with a train/test split.

    n_samples=None and noise=None use the dataset's ``default_n_samples`` and ``default_noise``. The split is
    seeded by the same seed.
    """
    info = _info(name)
    n = info.default_n_samples if n_samples is None else n_samples
    X, y = make_dataset(name, n, info.default_noise if noise is None else noise, seed, n_classes)
    declared = int(n_classes) if info.supports_n_classes else 2
    return Dataset.from_arrays(X, y, info.task, test_fraction, seed, n_classes=declared)
