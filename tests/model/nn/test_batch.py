"""Training samples as an epoch takes them: the prepared set and its mini-batches (no Qt)."""

import numpy as np
import pytest

from model.nn.batch import WIDE_INPUTS_FROM, Batch, MiniBatches
from model.nn.network import Network

rng = np.random.default_rng(3)


def _data(n=23, n_inputs=5, n_outputs=4, binary=False):
    X = rng.normal(size=(n, n_inputs))
    Y = np.eye(n_outputs)[rng.integers(0, n_outputs, n)] if not binary else rng.integers(0, 2, (n, 1)) * 1.0
    return X, Y, Batch.of(X, Y, binary=binary)


def test_targets_are_column_major_like_the_outputs_they_meet():
    _, Y, data = _data()
    assert data.targets.flags.f_contiguous
    np.testing.assert_array_equal(data.targets, Y)


@pytest.mark.parametrize("binary", [False, True])
def test_mini_batches_hold_the_samples_in_order_and_in_a_given_order(binary):
    X, Y, data = _data(binary=binary)
    batches = MiniBatches(data, 10)
    assert [b.n for b in batches.epoch(None)] == [10, 10, 3]
    order = rng.permutation(23)
    for _ in range(2):  # refilled, not appended to: the same samples every time
        shuffled = batches.epoch(order)
        np.testing.assert_array_equal(np.vstack([b.inputs[:, :-1] for b in shuffled]), X[order])
        np.testing.assert_array_equal(np.vstack([b.targets for b in shuffled]), Y[order])
        if binary:
            for k in range(3):
                np.testing.assert_array_equal(np.vstack([b.binary[k] for b in shuffled]), data.binary[k][order])
        in_order = batches.epoch(None)
        np.testing.assert_array_equal(np.vstack([b.inputs for b in in_order]), data.inputs)
        np.testing.assert_array_equal(np.vstack([b.targets for b in in_order]), Y)
    for batch in in_order:
        assert batch.inputs.flags.f_contiguous and batch.targets.flags.f_contiguous


def test_refilling_mini_batches_never_writes_into_the_training_set():
    # One batch as large as the set: a view of it would be the set itself.
    data = _data(n=8)[2]
    before = data.inputs.copy(), data.targets.copy()
    batches = MiniBatches(data, 8)
    batches.epoch(rng.permutation(8))
    batches.epoch(None)
    batches.epoch(rng.permutation(8))
    np.testing.assert_array_equal(data.inputs, before[0])
    np.testing.assert_array_equal(data.targets, before[1])


def test_a_mini_batch_copy_trains_exactly_as_the_view_of_those_rows():
    data = _data(n=40)[2]
    net_a, net_b = (Network([5, 6, 4], "tanh", "classification") for _ in range(2))
    net_a.init_weights(np.random.default_rng(0))
    net_b.params[...] = net_a.params
    order = rng.permutation(40)
    for batch_a, rows in zip(MiniBatches(data, 16).epoch(order), [slice(0, 16), slice(16, 32), slice(32, 40)]):
        loss_a = net_a.batch_loss_and_gradient(batch_a)
        loss_b = net_b.batch_loss_and_gradient(data.rows(order[rows]))
        assert loss_a == pytest.approx(loss_b, rel=1e-13)
        np.testing.assert_allclose(net_a.grads, net_b.grads, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("hidden", [(), (7,)])
def test_wide_inputs_train_the_same_from_their_row_major_copy(hidden):
    # 64 inputs, as the digits: the whole set keeps a row-major copy for the first layer's weight gradient;
    # the same rows as a mini-batch have none and take the column-major path.
    data = _data(n=50, n_inputs=64, n_outputs=3)[2]
    assert data.inputs_by_row is not None and data.inputs_by_row.flags.c_contiguous
    np.testing.assert_array_equal(data.inputs_by_row, data.inputs)
    rows = data.rows(np.arange(50))
    assert rows.inputs_by_row is None
    net = Network([64, *hidden, 3], "tanh", "classification")
    net.init_weights(np.random.default_rng(1))
    loss_wide = net.batch_loss_and_gradient(data, alpha=0.01)
    grads_wide = net.grads.copy()
    assert net.batch_loss_and_gradient(rows, alpha=0.01) == pytest.approx(loss_wide, rel=1e-13)
    np.testing.assert_allclose(grads_wide, net.grads, rtol=1e-12, atol=1e-15)
    assert np.abs(grads_wide).min() < np.abs(grads_wide).max()  # a real gradient, not all zeros


def test_narrow_inputs_keep_no_row_major_copy():
    assert _data(n_inputs=WIDE_INPUTS_FROM - 2)[2].inputs_by_row is None
    assert _data(n_inputs=WIDE_INPUTS_FROM - 1)[2].inputs_by_row is not None


def test_a_mini_batch_needs_a_sample():
    with pytest.raises(ValueError, match="at least one sample"):
        MiniBatches(_data()[2], 0)
