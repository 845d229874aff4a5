"""One training step taken apart: the slow step IS the normal step, and its numbers are the model's own."""

import copy

import numpy as np
import pytest

from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.inside.step_phases import FIRST_SAMPLE, PROBED_POINT, SlowStepRefused, StepPhases, take_slow_step
from model.training.requests import SlowStep, Step
from model.training.session import TrainingSession
from model.training.session_group import SessionGroup
from model.training.specs import ModelSpec, TrainSpec


def _session(optimizer="sgd", batch_size=None, task="classification", n_classes=2, hidden=(4, 3), alpha=0.0, seed=0):
    name = "sine" if task == "regression" else ("blobs" if n_classes > 2 else "moons")
    X, y = make_dataset(name, 60, 0.2, seed=3, n_classes=n_classes)
    ds = Dataset.from_arrays(X, y, task=task, seed=0)
    spec = ModelSpec(kind="mlp", hidden_layer_sizes=hidden, activation="tanh", alpha=alpha)
    train = TrainSpec(learning_rate=0.05, optimizer=optimizer, batch_size=batch_size, dtype="float64")
    session = TrainingSession(ds, spec, train, seed=seed)
    session.step(3)  # an optimizer with state (Adam's moments, momentum's velocity) and a shuffled history
    return session


CASES = [
    ("sgd", None),
    ("sgd", 16),
    ("adam", None),
    ("adam", 16),
    ("momentum", 16),
]


@pytest.mark.parametrize(("optimizer", "batch_size"), CASES)
def test_slow_step_ends_with_exactly_the_weights_of_a_normal_step(optimizer, batch_size):
    slow, normal = _session(optimizer, batch_size), _session(optimizer, batch_size)
    assert np.array_equal(slow.network.params, normal.network.params)
    epoch = slow.epoch
    phases = slow.perform(SlowStep())
    normal.perform(Step(1))
    assert isinstance(phases, StepPhases)
    assert slow.epoch == normal.epoch == epoch + 1
    assert (phases.epoch_before, phases.epoch_after) == (epoch, epoch + 1)
    assert np.array_equal(slow.network.params, normal.network.params)
    assert np.array_equal(phases.params_after_step, normal.network.params)
    # and the next steps go on alike (the shuffling generator and the optimizer's state are the same)
    slow.step(2)
    normal.step(2)
    assert np.array_equal(slow.network.params, normal.network.params)


@pytest.mark.parametrize(("optimizer", "batch_size"), CASES)
def test_the_update_shown_is_the_optimizers_real_update_of_the_first_batch(optimizer, batch_size):
    session = _session(optimizer, batch_size)
    twin = _session(optimizer, batch_size)
    phases = session.perform(SlowStep())
    # the first update of the epoch, taken by hand on the twin: its batch, its gradient, its optimizer
    rows = twin.next_update_rows()
    X, Y = twin.encoded_training_set()
    net = twin.network
    net.loss_and_gradient(X[rows], Y[rows])
    twin.optimizer.step(net.params, net.grads)
    assert phases.batch_size == len(rows) == (session.dataset.n_train if batch_size is None else batch_size)
    np.testing.assert_allclose(phases.params_after_batch, net.params, rtol=1e-12, atol=1e-15)
    if batch_size is None:  # full batch: the epoch is that one update
        assert phases.n_updates == 1
        np.testing.assert_allclose(phases.params_after_step, phases.params_after_batch, rtol=1e-12, atol=1e-15)
    else:
        assert phases.n_updates == -(-phases.n_train // batch_size) > 1
    for layer in phases.layers:
        assert np.array_equal(layer.W_after - layer.W != 0, layer.dW != 0) or optimizer != "sgd"


def _batch_loss(session, params, rows):
    net = copy.deepcopy(session.network)
    net.set_params(params)
    X, Y = session.encoded_training_set()
    spec = session.model_spec
    return net.loss(X[rows], Y[rows], spec.alpha, spec.l1)


@pytest.mark.parametrize(
    ("task", "n_classes", "alpha", "batch_size"),
    [
        ("classification", 2, 0.0, None),
        ("classification", 3, 0.0, 16),
        ("regression", 2, 0.0, None),
        ("classification", 2, 0.5, 16),
    ],
)
def test_the_phase_gradients_match_central_differences(task, n_classes, alpha, batch_size):
    session = _session(task=task, n_classes=n_classes, alpha=alpha, batch_size=batch_size)
    rows = session.next_update_rows()
    params = session.network.params.copy()
    phases = session.perform(SlowStep())
    h = 1e-6
    numeric = np.empty_like(params)
    for i in range(params.size):
        up, down = params.copy(), params.copy()
        up[i] += h
        down[i] -= h
        numeric[i] = (_batch_loss(session, up, rows) - _batch_loss(session, down, rows)) / (2 * h)
    np.testing.assert_allclose(phases.grads, numeric, rtol=1e-5, atol=1e-8)
    flat = np.concatenate([np.vstack([layer.dW, layer.db[None, :]]).ravel() for layer in phases.layers])
    assert np.array_equal(flat, phases.grads)  # the per-layer gradients are the flat one
    assert phases.batch_loss == pytest.approx(_batch_loss(session, params, rows), rel=1e-12)


def test_the_shown_point_forward_and_backward_are_the_textbook_ones():
    session = _session(hidden=(3,))
    phases = session.perform(SlowStep(point=(0.5, -0.25), label=1))
    assert phases.shown == PROBED_POINT
    h, out = phases.layers
    np.testing.assert_allclose(h.x, [0.5, -0.25])
    np.testing.assert_allclose(h.z, h.x @ h.W + h.b, rtol=1e-12)
    np.testing.assert_allclose(h.a, np.tanh(h.z), rtol=1e-12)
    np.testing.assert_allclose(out.x, h.a)
    p = 1 / (1 + np.exp(-(h.a @ out.W + out.b)))
    np.testing.assert_allclose(phases.output, p, rtol=1e-12)
    assert phases.point_loss == pytest.approx(-np.log(p[0]), rel=1e-9)
    np.testing.assert_allclose(out.dz, p - 1, rtol=1e-9)  # δ = p − y at the output
    np.testing.assert_allclose(h.da, out.W @ out.dz, rtol=1e-12)
    np.testing.assert_allclose(h.dz, h.da * (1 - h.a**2), rtol=1e-12)  # δ = dL/da · tanh'(z)


def test_without_a_probe_the_first_sample_of_the_batch_is_shown():
    session = _session(batch_size=16)
    rows = session.next_update_rows()
    first_x, first_y = session.dataset.train_X[rows[0]], session.dataset.train_y[rows[0]]
    phases = session.perform(SlowStep())
    assert phases.shown == FIRST_SAMPLE
    np.testing.assert_array_equal(phases.point, first_x)
    assert phases.label == first_y


def test_next_update_rows_leaves_the_shuffling_where_it_was():
    a, b = _session(batch_size=16), _session(batch_size=16)
    a.next_update_rows()
    a.next_update_rows()
    a.step(1)
    b.step(1)
    assert np.array_equal(a.network.params, b.network.params)


def test_a_group_takes_the_slow_step_on_its_primary_and_steps_its_other_models_too():
    group = SessionGroup(_session())
    member = group.add_member()
    epochs = (group.primary.epoch, member.epoch)
    phases = group.perform(SlowStep())
    assert isinstance(phases, StepPhases)
    assert (group.primary.epoch, member.epoch) == (epochs[0] + 1, epochs[1] + 1)


def test_the_perceptron_and_an_empty_training_set_are_refused():
    X, y = make_dataset("moons", 40, 0.1, seed=1)
    ds = Dataset.from_arrays(X, y, task="classification", seed=0)
    perceptron = TrainingSession(ds, ModelSpec(kind="perceptron"), TrainSpec())
    refused = take_slow_step(perceptron)
    assert isinstance(refused, SlowStepRefused) and "perceptron" in refused.reason
    assert perceptron.epoch == 0
    empty = TrainingSession(Dataset.empty("classification"), ModelSpec(), TrainSpec())
    assert isinstance(take_slow_step(empty), SlowStepRefused)


def test_a_unit_switched_off_is_zero_in_the_phases_and_the_slow_step_is_still_the_normal_step():
    slow, normal = _session("adam", 16), _session("adam", 16)
    for session in (slow, normal):
        session.set_units_off({(1, 2)})
    phases = slow.perform(SlowStep(point=(0.3, 0.1), label=0))
    normal.perform(Step(1))
    assert np.array_equal(slow.network.params, normal.network.params)
    h1, h2, _ = phases.layers
    assert h1.a[2] == 0.0 and h1.dz[2] == 0.0  # its output held at 0, no gradient through it
    assert not np.any(h1.dW[:, 2]) and h1.db[2] == 0.0
    assert h2.x[2] == 0.0
    np.testing.assert_array_equal(h1.W_after[:, 2], h1.W[:, 2])  # its incoming weights stay where they are
