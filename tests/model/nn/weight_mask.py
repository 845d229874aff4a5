"""Which entries of a network's flat parameter vector are weights: the tests' oracle for what a penalty or a
direction touches (biases are left alone)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from model.nn.param_layout import layer_blocks, n_params


def weight_mask(layer_sizes: Sequence[int]) -> np.ndarray:
    """Boolean vector of shape (n_params,): True at weights, False at biases."""
    mask = np.zeros(n_params(layer_sizes), dtype=bool)
    for block in layer_blocks(layer_sizes):
        mask[block.weights] = True
    return mask
