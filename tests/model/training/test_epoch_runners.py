"""Epoch runners: one epoch of mini-batches, full batch, or Rosenblatt's rule, and the order it draws."""

from __future__ import annotations

import numpy as np

from model.data.generators import make
from model.nn.optimizers import make_optimizer
from model.training.epoch_runners import epoch_order, first_update_rows, gradient_epoch, is_full_batch
from model.training.session import TrainingSession
from model.training.specs import TrainSpec


def test_full_batch_when_no_batch_size_or_one_as_large_as_the_set():
    assert is_full_batch(None, 10) and is_full_batch(10, 10) and is_full_batch(64, 10)
    assert not is_full_batch(9, 10)


def test_the_first_update_rows_are_the_first_batch_the_next_epoch_draws():
    rng = np.random.default_rng(3)
    rows = first_update_rows(rng, 50, 8, shuffle=True)
    assert rows.tolist() == epoch_order(rng, 50, True)[:8].tolist()  # rng was put back: the same draw
    assert first_update_rows(rng, 50, 8, shuffle=False).tolist() == list(range(8))
    assert first_update_rows(rng, 50, None, shuffle=True).tolist() == list(range(50))


def test_a_mini_batch_epoch_is_the_mean_loss_of_its_batches_each_before_its_update():
    ds = make("moons", 90, seed=0)
    session = TrainingSession(ds, train_spec=TrainSpec(batch_size=32, shuffle=False, dtype="float64"), seed=1)
    network, (X, Y) = session.network, session.encoded_training_set()
    start = network.params.copy()
    expected, optimizer = [], make_optimizer("sgd", session.train_spec.learning_rate)
    for lo in range(0, X.shape[0], 32):  # the same updates, one batch at a time
        expected.append(network.loss_and_gradient(X[lo : lo + 32], Y[lo : lo + 32]) * len(X[lo : lo + 32]))
        optimizer.step(network.params, network.grads)
    after = network.params.copy()
    network.params[...] = start
    runner = gradient_epoch(
        network,
        make_optimizer("sgd", session.train_spec.learning_rate),
        network.prepare(X, Y),
        0.0,
        0.0,
        32,
        False,
        np.random.default_rng(0),
    )
    assert np.isclose(runner(), sum(expected) / X.shape[0])
    np.testing.assert_allclose(network.params, after, rtol=1e-12)
