"""Training on the 64 inputs of the digits (and on other n-D data): gradients, scikit-learn's updates, every model
kind, mini-batches, the grid on the view plane, and extra inputs refused (no Qt)."""

import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

from model.data import real_datasets
from model.data.dataset import Dataset
from model.data.view_plane import ViewPlane
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

EPS = 1e-6


@pytest.fixture(scope="module")
def digits():
    return real_datasets.load("digits", seed=0)


def _few_digits(digits, per_class=2):
    """per_class training images of each digit (all ten classes), as a small Dataset."""
    rows = np.concatenate([np.flatnonzero(digits.y == k)[:per_class] for k in range(10)])
    return Dataset(
        digits.X[rows], digits.y[rows], np.zeros(rows.size, bool), n_classes=10, class_names=digits.class_names
    )


def test_digits_mlp_gradient_matches_central_differences(digits):
    ds = _few_digits(digits)
    session = TrainingSession(
        ds, ModelSpec("mlp", (5,), "tanh", alpha=0.1), TrainSpec(learning_rate=0.5, dtype="float64", momentum=0.0)
    )
    net = session.network
    assert net.layer_sizes == (64, 5, 10) and net.head.output_activation == "softmax"
    X, Y = ds.train_X, np.eye(10)[ds.train_y]
    loss = net.loss_and_gradient(X, Y, 0.1)
    analytic = net.grads.copy()
    numeric = np.empty_like(analytic)
    for i in range(net.params.size):
        old = net.params[i]
        net.params[i] = old + EPS
        plus = net.loss(X, Y, 0.1)
        net.params[i] = old - EPS
        minus = net.loss(X, Y, 0.1)
        net.params[i] = old
        numeric[i] = (plus - minus) / (2 * EPS)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-9)
    assert np.abs(analytic).max() > 1e-3
    # One full-batch epoch of the session is one plain gradient step along exactly this gradient.
    before = net.params.copy()
    assert session.step(1).epochs_run == 1
    np.testing.assert_allclose(net.params, before - 0.5 * analytic, rtol=1e-12, atol=1e-15)
    assert session.history.arrays()["train_loss"][0] == pytest.approx(loss, rel=1e-12)


@pytest.mark.parametrize("hidden,batch_size", [((32,), None), ((32,), 200), ((), None), ((), 128)])
def test_one_epoch_on_digits_matches_sklearn_from_the_same_weights(digits, hidden, batch_size):
    """Our session and scikit-learn's MLPClassifier, one SGD epoch (full batch or mini-batches in order) from
    the same weights: the same weights after it (float64, rtol 1e-10)."""
    kind = "mlp" if hidden else "logistic"
    spec = ModelSpec(kind, hidden or (8,), "relu", alpha=1e-3)
    train = TrainSpec(learning_rate=0.2, momentum=0.0, batch_size=batch_size, shuffle=False, dtype="float64")
    session = TrainingSession(digits, spec, train, seed=4)
    X, y = digits.train_X, digits.train_y
    sk = MLPClassifier(
        hidden_layer_sizes=hidden,
        activation="relu",
        solver="sgd",
        alpha=1e-3,
        learning_rate_init=0.2,
        momentum=0.0,
        batch_size=batch_size or X.shape[0],
        shuffle=False,
        random_state=0,
        max_iter=1,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        sk.fit(X, y)
        sk.coefs_ = [c.copy() for c in session.network.coefs]
        sk.intercepts_ = [b.copy() for b in session.network.intercepts]
        sk.set_params(warm_start=True).fit(X, y)
    before = session.network.params.copy()
    session.step(1)
    assert not np.allclose(session.network.params, before)
    for ours, theirs in zip(session.network.coefs, sk.coefs_):
        np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-13)
    for ours, theirs in zip(session.network.intercepts, sk.intercepts_):
        np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-13)
    assert session.history.arrays()["train_loss"][0] == pytest.approx(sk.loss_curve_[-1], rel=1e-10)


@pytest.mark.parametrize("kind", ["perceptron", "logistic", "mlp"])
def test_every_model_kind_learns_the_digits(digits, kind):
    train = TrainSpec(learning_rate=0.1, batch_size=64)
    session = TrainingSession(digits, ModelSpec(kind, (16,)), train, seed=1)
    assert session.network.n_inputs == 64 and session.n_outputs == 10
    session.step(5)
    assert session.test_score > 0.8  # ten classes: chance is 0.1
    assert session.predict(digits.X[:3]).shape == (3,)


def test_the_grid_is_the_model_on_the_view_plane(digits):
    session = TrainingSession(digits, ModelSpec("logistic"), TrainSpec(learning_rate=0.1, batch_size=64), seed=2)
    session.step(2)
    bounds = (-2.0, 3.0, -1.0, 2.0)
    grid = session.evaluate_grid(bounds, 4)
    assert grid.shape == (4, 4, 10)
    frame = digits.plane_frame()
    # Cell (i, j): x = xmin + (j + 1/2) dx, y = ymin + (i + 1/2) dy, lifted onto the plane.
    cell = np.array([[-2.0 + 2.5 * 5.0 / 4, -1.0 + 1.5 * 3.0 / 4]])
    np.testing.assert_allclose(grid[1, 2], session.predict_output(frame.lift(cell))[0], rtol=1e-5)
    # Another plane, same data: only the grid changes (no new run, same weights, same epoch).
    params, epoch = session.network.params.copy(), session.epoch
    session.set_dataset(digits.with_view_plane(ViewPlane.of_features(20, 43)))
    assert session.epoch == epoch and np.array_equal(session.network.params, params)
    other = session.evaluate_grid(bounds, 4)
    assert not np.allclose(other, grid)
    lifted = session.dataset.plane_frame().lift(cell)[0]
    assert lifted[20] == cell[0, 0] and lifted[43] == cell[0, 1]
    np.testing.assert_allclose(other[1, 2], session.predict_output(lifted[None])[0], rtol=1e-5)


def test_data_of_fewer_features_after_a_plane_of_later_features_is_trained_on():
    """Breast cancer shown on its 10th and 20th features, then the wines (13 features): new data, a new network."""
    cancer = real_datasets.load("breast_cancer").with_view_plane(ViewPlane.of_features(9, 19))
    session = TrainingSession(cancer, ModelSpec("mlp", (4,)), seed=0)
    session.step(1)
    wine = real_datasets.load("wine").with_view_plane(ViewPlane.of_features(0, 1))
    session.set_dataset(wine)
    assert session.dataset is wine and session.network.n_inputs == 13 and session.epoch == 0
    session.step(1)
    assert session.epoch == 1


def test_extra_inputs_are_dropped_on_n_d_data():
    iris = real_datasets.load("iris")
    session = TrainingSession(iris, ModelSpec("mlp", (4,), features=("x1^2", "sin_x1")), seed=0)
    assert session.model_spec.features == () and session.network.n_inputs == 4
    assert session.snapshot().features == ()


def test_models_side_by_side_and_the_timeline_follow_the_plane():
    from model.training.group_contract import RunLive
    from model.training.session_group import SessionGroup

    iris = real_datasets.load("iris")
    events = []
    group = SessionGroup(
        TrainingSession(iris, ModelSpec("mlp", (5,)), TrainSpec(learning_rate=0.2, batch_size=16), seed=1),
        subscribers=[lambda event: events.append(event)],
    )
    other = group.add_member(model_spec=ModelSpec("logistic"))
    group.step(4)
    snaps = group.member_snapshots((-3.0, 3.0, -3.0, 3.0), 6)
    assert [s.grid.shape for s in snaps] == [(6, 6, 3)]  # the member beside the primary
    assert group.snapshot((-3.0, 3.0, -3.0, 3.0), 6).grid.shape == (6, 6, 3)
    assert other.network.layer_sizes == (4, 3)
    started = sum(isinstance(e, RunLive) for e in events)
    plane = ViewPlane.of_features(2, 3)
    group.set_dataset(iris.with_view_plane(plane))
    assert sum(isinstance(e, RunLive) for e in events) == started  # another plane starts no run
    assert group.epoch == 4
    # a past moment is drawn on the plane shown now
    past = group.moment(group.primary.session_id, 2, (-3.0, 3.0, -3.0, 3.0), 6)
    viewer = TrainingSession(iris.with_view_plane(plane), group.primary.model_spec, group.primary.train_spec, seed=1)
    viewer.restore_training_state(group.entry(group.primary.session_id, 2).state)
    np.testing.assert_array_equal(past.grid, viewer.evaluate_grid((-3.0, 3.0, -3.0, 3.0), 6))
