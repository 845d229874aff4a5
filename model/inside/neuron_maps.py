"""Every neuron's output over the plot region (the diagram's thumbnails).

As TensorFlow Playground does, each node of the network diagram shows a small
heat map of its own output over the plane: an input node its feature (x1, x2,
x1², ...), a hidden unit its activation, an output unit the network's output.
One vectorised forward pass over a G×G grid gives all of them at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from model.nn.blas import one_blas_thread
from model.nn.features import expand
from model.training.snapshot import Snapshot, frozen_copy, network_from_snapshot

DEFAULT_SIZE = 24


@dataclass(frozen=True, eq=False)
class NeuronMaps:
    """maps[k] : ndarray (n_units_k, G, G) float32 for layer k (0 = inputs ... L = outputs),
    row-major like ``TrainingSession.evaluate_grid`` (row i is y = ymin + (i + ½)·(ymax − ymin)/G).
    ranges[k] : ndarray (n_units_k, 2), each map's (min, max) over the grid
    bounds : (xmin, xmax, ymin, ymax), size : G
    For a 1-D (regression) input, each map is (n_units, 1, G): the unit along x.
    """

    maps: tuple[np.ndarray, ...]
    ranges: tuple[np.ndarray, ...]
    bounds: tuple[float, float, float, float]
    size: int


def grid_points(bounds: Sequence[float], size: int, n_raw: int = 2) -> np.ndarray:
    """Cell centres of a size×size grid over bounds, row-major (x fastest): (size², 2), or (size, 1) in 1-D.

    Maps are of networks that read the plot's coordinates: data of more than two features (``n_raw`` > 2) has
    none, and asking is a ValueError (the views say so instead of drawing)."""
    if n_raw > 2:
        raise ValueError(f"neuron maps show units over the plane of two inputs; this network reads {n_raw}")
    xmin, xmax, ymin, ymax = (float(b) for b in bounds)
    xs = xmin + (np.arange(size) + 0.5) * (xmax - xmin) / size
    if n_raw == 1:
        return xs[:, None]
    ys = ymin + (np.arange(size) + 0.5) * (ymax - ymin) / size
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack([gx.ravel(), gy.ravel()])


def neuron_maps(snapshot: Snapshot, bounds: Sequence[float], size: int = DEFAULT_SIZE) -> NeuronMaps:
    with one_blas_thread():
        return _neuron_maps(snapshot, bounds, size)


def _neuron_maps(snapshot: Snapshot, bounds: Sequence[float], size: int) -> NeuronMaps:
    """Outputs of every unit of every layer over a size×size grid covering ``bounds``.

    The perceptron's output map is its ±1 decision's 0/1 step; the others use the
    network's own activations (σ, softmax, identity for the output).
    """
    size = int(size)
    n_raw = snapshot.layer_sizes[0] - len(snapshot.features)
    points = grid_points(bounds, size, n_raw)
    dtype = np.float32
    inputs = expand(points, snapshot.features, dtype)
    shape = (1, size) if n_raw == 1 else (size, size)
    layers = [inputs]
    if snapshot.model_kind == "perceptron":
        ((W, b),) = snapshot.layer_params()
        layers.append((inputs @ W.astype(dtype) + b.astype(dtype) >= 0).astype(dtype))
    else:
        net = network_from_snapshot(snapshot, dtype)
        a = inputs
        for layer in net.layers:
            a = layer.forward(a)
            layers.append(np.array(a, copy=True))
    maps, ranges = [], []
    with np.errstate(invalid="ignore"):
        for values in layers:
            per_unit = np.ascontiguousarray(values.T).reshape((values.shape[1],) + shape)
            maps.append(frozen_copy(per_unit))
            flat = per_unit.reshape(per_unit.shape[0], -1)
            ranges.append(frozen_copy(np.column_stack([flat.min(axis=1), flat.max(axis=1)])))
    xmin, xmax, ymin, ymax = (float(b) for b in bounds)
    return NeuronMaps(tuple(maps), tuple(ranges), (xmin, xmax, ymin, ymax), size)


def unit_map(snapshot: Snapshot, bounds: Sequence[float], size: int, layer: int, unit: int) -> np.ndarray:
    """One unit's output over a size×size grid (row-major, float32): layer 0 = inputs ... L = outputs.

    Runs the network only up to ``layer``: this is what the main plot shows, large,
    when a node of the diagram is clicked.
    """
    size = int(size)
    n_raw = snapshot.layer_sizes[0] - len(snapshot.features)
    points = grid_points(bounds, size, n_raw)
    shape = (1, size) if n_raw == 1 else (size, size)
    with one_blas_thread():
        a = expand(points, snapshot.features, np.float32)
        if layer > 0:
            if snapshot.model_kind == "perceptron":
                ((W, b),) = snapshot.layer_params()
                a = (a @ W.astype(np.float32) + b.astype(np.float32) >= 0).astype(np.float32)
            else:
                net = network_from_snapshot(snapshot, np.float32)
                for dense in net.layers[:layer]:
                    a = dense.forward(a)
        return np.array(a[:, int(unit)], dtype=np.float32).reshape(shape)
