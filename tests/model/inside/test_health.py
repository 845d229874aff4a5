"""Health of every layer: dead ReLUs, saturation, gradient norms, weight histograms."""

from dataclasses import replace

import numpy as np
import pytest

from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.inside.health import network_health
from model.nn.param_layout import layer_views
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


def _session(activation="relu", hidden=(6, 4), name="moons"):
    X, y = make_dataset(name, 150, 0.1, seed=0)
    ds = Dataset.from_arrays(X, y, seed=0)
    s = TrainingSession(
        ds, ModelSpec(hidden_layer_sizes=hidden, activation=activation), TrainSpec(dtype="float64"), seed=0
    )
    s.step(5)
    return s


def test_dead_relu_units_are_found():
    s = _session()
    snap = s.snapshot()
    params = np.array(snap.params)
    # kill unit 2 of the first hidden layer: no weight in, a very negative bias
    W, b = layer_views(params, snap.layer_sizes)[0]
    W[:, 2] = 0.0
    b[2] = -5.0
    dead = replace(snap, params=params)
    health = network_health(dead, s.dataset.train_X, s.dataset.train_y)
    assert len(health) == 3
    assert 2 in health[0].dead_units
    assert health[0].dead_fraction >= 1 / 6
    assert np.isnan(health[0].saturated_fraction)  # a ReLU does not saturate
    assert np.isnan(health[2].dead_fraction)  # the sigmoid output cannot die


def test_saturation_and_gradient_norms():
    s = _session(activation="tanh", hidden=(5,))
    snap = s.snapshot()
    health = network_health(snap, s.dataset.train_X, s.dataset.train_y)
    s.network.loss_and_gradient(s._X_train, s._Y_train)
    layer = s.network.layers[0]
    assert health[0].weight_grad_norm == pytest.approx(np.linalg.norm(layer.dW), rel=1e-9)
    assert health[0].bias_grad_norm == pytest.approx(np.linalg.norm(layer.db), rel=1e-9)
    assert health[0].grad_norm == pytest.approx(np.hypot(np.linalg.norm(layer.dW), np.linalg.norm(layer.db)), rel=1e-9)
    # huge weights push every tanh unit into its flat tails
    big = replace(snap, params=np.array(snap.params) * 200)
    h = network_health(big, s.dataset.train_X, s.dataset.train_y)
    assert h[0].saturated_fraction > 0.9
    assert len(h[0].saturated_units) >= 4
    assert h[0].grad_norm < health[0].grad_norm or h[0].grad_norm < 1.0


def test_histogram_counts_every_weight_and_empty_data():
    s = _session(hidden=(7, 3))
    snap = s.snapshot()
    health = network_health(snap, np.empty((0, 2)), np.empty(0))
    sizes = snap.layer_sizes
    for k, h in enumerate(health):
        assert h.hist_counts.sum() == sizes[k] * sizes[k + 1]
        assert h.hist_edges[0] == pytest.approx(-h.hist_edges[-1])
        assert np.isnan(h.grad_norm) and np.isnan(h.dead_fraction)


def test_full_batch_gradient_matches_session():
    from model.inside.health import full_batch_gradient

    s = _session(activation="tanh", hidden=(3,))
    g = full_batch_gradient(s.snapshot(), s.dataset.train_X, s.dataset.train_y)
    s.network.loss_and_gradient(s._X_train, s._Y_train)
    np.testing.assert_allclose(g, s.network.grads, rtol=1e-9, atol=1e-14)
    assert full_batch_gradient(s.snapshot(), np.empty((0, 2)), np.empty(0)) is None
