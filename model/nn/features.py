"""Extra input features computed from the raw inputs (as in TensorFlow Playground).

A network that sees x1², x2² can draw a circle with no hidden layer; one that
sees x1·x2 solves XOR. Features are listed by name; ``expand`` builds the
network's input matrix [x1, x2, extras...].
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

#: name -> (label shown in the app, function of X (n_samples, n_raw) -> (n_samples,))
FEATURES: dict[str, tuple[str, Callable[[np.ndarray], np.ndarray]]] = {
    "x1^2": ("x₁²", lambda X: X[:, 0] * X[:, 0]),
    "x2^2": ("x₂²", lambda X: X[:, 1] * X[:, 1]),
    "x1*x2": ("x₁·x₂", lambda X: X[:, 0] * X[:, 1]),
    "sin_x1": ("sin x₁", lambda X: np.sin(X[:, 0])),
    "sin_x2": ("sin x₂", lambda X: np.sin(X[:, 1])),
}

#: Features that only need x1 (usable for a 1-D regression curve).
ONE_D_FEATURES = ("x1^2", "sin_x1")


_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def feature_labels(n_raw: int, extras: Sequence[str]) -> list[str]:
    """Labels of the network's inputs, e.g. ['x₁', 'x₂', 'x₁²'] (x₁ ... x₆₄ for the 64 inputs of the digits)."""
    return [f"x{str(i + 1).translate(_SUBSCRIPTS)}" for i in range(n_raw)] + [FEATURES[name][0] for name in extras]


def expand(X: np.ndarray, extras: Sequence[str], dtype: npt.DTypeLike | None = None) -> np.ndarray:
    """[X | f(X) for f in extras] of shape (n_samples, n_raw + len(extras)), C-contiguous.

    X : ndarray of shape (n_samples, n_raw), n_raw 1 or 2
    """
    X = np.asarray(X)
    dtype = dtype or X.dtype
    if not extras:
        return np.ascontiguousarray(X, dtype=dtype)
    for name in extras:
        if X.shape[1] < 2 and name not in ONE_D_FEATURES:
            raise ValueError(f"feature {name!r} needs two inputs; the data has one")
    columns = [X] + [FEATURES[name][1](X)[:, None] for name in extras]
    return np.ascontiguousarray(np.hstack(columns), dtype=dtype)
