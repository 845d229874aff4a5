"""What the boundary view draws: the model's output over a grid covering the plot, or at given points.

The output is P(class 1), the class probabilities, or a regression's value (the perceptron's hard 0/1
decisions: it has no probabilities), as float32 ready for an image. For data of more than two features the
grid lies on the dataset's view plane (``Dataset.plane_frame``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from model.data.dataset import Dataset
from model.nn.layers import with_ones
from model.nn.network import Network
from model.training.scores import perceptron_scores


def display_output(network: Network, model_kind: str, Xe: np.ndarray, X1: np.ndarray | None = None) -> np.ndarray:
    """What the boundary shows for encoded inputs Xe (or X1 = [Xe 1], when kept: a grid): (n,) or (n, K)."""
    if model_kind == "perceptron":
        scores = perceptron_scores(network, Xe)
        if scores.shape[1] == 1:
            return (scores[:, 0] >= 0).astype(np.float32)
        return (scores.argmax(axis=1)[:, None] == np.arange(scores.shape[1])).astype(np.float32)
    out = network.forward(Xe) if X1 is None else network.forward_with_ones(X1)
    # A diverged float64 regression can predict beyond float32's range: shown as ±inf, silently.
    with np.errstate(over="ignore"):
        return (out[:, 0] if out.shape[1] == 1 else out).astype(np.float32)


class GridInputs:
    """The encoded points of the grid, kept while the grid, the features, the dtype and the data's fitted plane
    stay the same (a live view asks for the same grid many times a second; only the weights change)."""

    def __init__(self) -> None:
        self._cached: tuple[tuple[Any, ...], np.ndarray, np.ndarray] | None = None

    def clear(self) -> None:
        self._cached = None

    def encoded(
        self,
        bounds: Sequence[float],
        size: int,
        dataset: Dataset,
        key: tuple[Any, ...],
        inputs: Callable[[np.ndarray], np.ndarray],
    ) -> tuple[np.ndarray, np.ndarray]:
        """(Xe, X1) of the size×size grid over ``bounds`` = (xmin, xmax, ymin, ymax), row-major (row i is
        y = ymin + (i + ½)·(ymax − ymin)/size, column j is x likewise; one row for 1-D data), encoded by
        ``inputs``; ``key`` names what else the encoding depends on (the features, the dtype)."""
        # the fitted plane itself (compared by identity): the same plane kind fitted on other data lies elsewhere
        frame = dataset.plane_frame()
        full_key = (tuple(float(b) for b in bounds), int(size), *key, dataset.n_features, dataset.view_plane, frame)
        if self._cached is None or self._cached[0] != full_key:
            xmin, xmax, ymin, ymax = full_key[0]
            xs = xmin + (np.arange(size) + 0.5) * (xmax - xmin) / size
            if dataset.n_features == 1:
                points = xs[:, None]
            else:
                ys = ymin + (np.arange(size) + 0.5) * (ymax - ymin) / size
                gx, gy = np.meshgrid(xs, ys)
                points = np.column_stack([gx.ravel(), gy.ravel()])
                if frame is not None:
                    points = frame.lift(points)
            X1 = with_ones(inputs(points))
            self._cached = (full_key, X1[:, :-1], X1)
        return self._cached[1], self._cached[2]


def grid_shaped(values: np.ndarray, size: int, n_features: int) -> np.ndarray:
    """Grid values (size·size, ...) as an image: (size, size) or (size, size, K); (size,) for 1-D data."""
    if n_features == 1:
        return values.reshape(size)
    return values.reshape((size, size) + values.shape[1:])
