"""The flat parameter layout: one [W; b] block per layer, and the version-1 conversion."""

from __future__ import annotations

import numpy as np

from model.nn.network import Network
from model.nn.param_layout import from_weights_then_biases, layer_blocks, layer_views, n_params, n_weights
from tests.model.nn.weight_mask import weight_mask


def weights_then_biases(vector, sizes):
    """The version-1 layout, written independently: every W row-major, then every b."""
    views = layer_views(vector, sizes)
    return np.concatenate([W.ravel() for W, _ in views] + [b for _, b in views])


def test_blocks_are_weights_then_bias_row_layer_by_layer():
    sizes = [3, 4, 2]
    blocks = layer_blocks(sizes)
    assert [(b.start, b.stop) for b in blocks] == [(0, 16), (16, 26)]
    assert n_params(sizes) == 26 and n_weights(sizes) == 3 * 4 + 4 * 2
    assert blocks[1].weight_index(2, 1) == 16 + 2 * 2 + 1
    assert blocks[1].bias == slice(16 + 8, 26)
    mask = weight_mask(sizes)
    assert mask.sum() == n_weights(sizes)
    assert not mask[12:16].any() and not mask[24:26].any()


def test_network_views_are_the_layout_views():
    sizes = [2, 5, 3, 1]
    net = Network(sizes, "tanh")
    net.params[...] = np.arange(net.params.size)
    assert net.params.size == n_params(sizes)
    for layer, (W, b), block in zip(net.layers, layer_views(net.params, sizes), layer_blocks(sizes)):
        np.testing.assert_array_equal(layer.W, W)
        np.testing.assert_array_equal(layer.b, b)
        assert np.shares_memory(layer.W, net.params) and np.shares_memory(layer.b, net.params)
        np.testing.assert_array_equal(layer.Wb.ravel(), net.params[block.block])
        np.testing.assert_array_equal(layer.Wb[-1], layer.b)


def test_version_1_vectors_are_reordered():
    sizes = [2, 5, 3, 1]
    rng = np.random.default_rng(0)
    vector = rng.normal(size=n_params(sizes)).astype(np.float32)
    old = weights_then_biases(vector, sizes)
    assert not np.array_equal(old, vector)
    back = from_weights_then_biases(old, sizes)
    assert back.dtype == np.float32
    np.testing.assert_array_equal(back, vector)
    # one layer (perceptron, logistic regression): both layouts are the same
    single = rng.normal(size=n_params([2, 3]))
    np.testing.assert_array_equal(weights_then_biases(single, [2, 3]), single)
