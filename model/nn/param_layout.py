"""Where each layer's weights and biases sit in a network's one flat parameter vector.

::

    params  = [ block_1 | block_2 | ... | block_L ]
    block_l = [ W_l ; b_l ]   a row-major matrix of shape (fan_in + 1, fan_out):
                              fan_in rows of weights (W_l[i, j] joins input i to unit j),
                              then one row of biases

The bias is the last row of its layer's weight matrix because, with a column of
ones appended to the layer's input, ``[x 1]·[W; b] = x·W + b``: the forward pass
adds the biases inside its matrix product, and the backward pass gets dW and db
from the one product ``[x 1]ᵀ·delta``. A separate bias add and bias-gradient sum
would cost two NumPy calls per layer, a quarter of a small network's epoch.
``W`` and ``b`` are still contiguous views, and so is each layer's weight slice
(the penalties read those).

The gradient vector, the optimizers' state and the parameter vectors in
snapshots and files share this layout. Everything that indexes a flat vector by
layer goes through this module, so the layout is written down here only.
Files of format version 1 used ``[all W | all b]``; ``from_weights_then_biases``
converts those.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np


class LayerBlock(NamedTuple):
    """One layer's place in the flat vector: its block starts at ``start``."""

    start: int
    fan_in: int
    fan_out: int

    @property
    def n_weights(self) -> int:
        return self.fan_in * self.fan_out

    @property
    def stop(self) -> int:
        return self.start + (self.fan_in + 1) * self.fan_out

    @property
    def block(self) -> slice:
        """The whole [W; b] block."""
        return slice(self.start, self.stop)

    @property
    def weights(self) -> slice:
        """The weights W, row-major (fan_in, fan_out)."""
        return slice(self.start, self.start + self.n_weights)

    @property
    def bias(self) -> slice:
        return slice(self.start + self.n_weights, self.stop)

    def weight_index(self, i: int, j: int) -> int:
        """Flat index of W[i, j], the weight from input i to unit j."""
        return self.start + i * self.fan_out + j


def layer_blocks(layer_sizes: Sequence[int]) -> tuple[LayerBlock, ...]:
    """The block of every layer, for units per layer ``[n_inputs, hidden..., n_outputs]``."""
    sizes = [int(s) for s in layer_sizes]
    blocks, start = [], 0
    for fan_in, fan_out in itertools.pairwise(sizes):
        blocks.append(LayerBlock(start, fan_in, fan_out))
        start = blocks[-1].stop
    return tuple(blocks)


def n_params(layer_sizes: Sequence[int]) -> int:
    """Length of the flat vector: every weight and bias."""
    sizes = [int(s) for s in layer_sizes]
    return sum((a + 1) * b for a, b in itertools.pairwise(sizes))


def n_weights(layer_sizes: Sequence[int]) -> int:
    """How many of those are weights (the rest, one per unit, are biases)."""
    sizes = [int(s) for s in layer_sizes]
    return sum(a * b for a, b in itertools.pairwise(sizes))


def layer_views(vector: np.ndarray, layer_sizes: Sequence[int]) -> list[tuple[np.ndarray, np.ndarray]]:
    """[(W, b), ...] per layer as views into ``vector`` (shape (n_params,)):
    W of shape (fan_in, fan_out), b of shape (fan_out,)."""
    return [
        (vector[blk.weights].reshape(blk.fan_in, blk.fan_out), vector[blk.bias]) for blk in layer_blocks(layer_sizes)
    ]


def from_weights_then_biases(vector: np.ndarray, layer_sizes: Sequence[int]) -> np.ndarray:
    """Reorder a vector in the old layout ``[W_1 | ... | W_L | b_1 | ... | b_L]`` (format
    version 1 files) into this one. Same shape and dtype; a new array."""
    vector = np.asarray(vector)
    out = np.empty_like(vector)
    w_at, b_at = 0, n_weights(layer_sizes)
    for blk in layer_blocks(layer_sizes):
        out[blk.weights] = vector[w_at : w_at + blk.n_weights]
        out[blk.bias] = vector[b_at : b_at + blk.fan_out]
        w_at += blk.n_weights
        b_at += blk.fan_out
    return out
