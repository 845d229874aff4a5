"""TrainingSession: reproducibility, live changes, divergence, grids, snapshots, dtypes (no Qt)."""

import math
import warnings

import numpy as np
import pytest

from model.data.generators import make
from model.nn.features import expand
from model.nn.network import Network
from model.training.contract import (
    DataChanged,
    EpochTrained,
    RunStarted,
    SettingsChanged,
    StateAdopted,
    WeightsNudged,
    WentBack,
)
from model.training.history import History
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from model.training.timeline import Timeline

F64 = dict(dtype="float64")


def session(name="moons", model=None, train=None, seed=0, n=120, **data):
    ds = make(name, n, seed=0, **data)
    return TrainingSession(
        ds, model or ModelSpec(hidden_layer_sizes=(6, 5)), train or TrainSpec(learning_rate=0.1, **F64), seed=seed
    )


# -- reproducibility ----------------------------------------------------------------------------
RUNS = {
    "full batch": (ModelSpec(hidden_layer_sizes=(6, 5)), TrainSpec(learning_rate=0.1)),
    "mini-batches shuffled": (
        ModelSpec(hidden_layer_sizes=(6, 5), activation="relu"),
        TrainSpec(optimizer="adam", learning_rate=0.01, batch_size=16, shuffle=True),
    ),
    "momentum, penalties": (
        ModelSpec(hidden_layer_sizes=(4,), alpha=0.1, l1=0.01),
        TrainSpec(optimizer="nesterov", learning_rate=0.05, batch_size=32),
    ),
    "perceptron": (ModelSpec(kind="perceptron"), TrainSpec(learning_rate=1.0, shuffle=True)),
}


@pytest.mark.parametrize("run", sorted(RUNS))
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_same_seed_specs_and_data_give_bit_identical_runs(run, dtype):
    model, train = RUNS[run]
    train = TrainSpec(**{**train.to_dict(), "dtype": dtype})
    a = session(model=model, train=train, seed=3)
    b = session(model=model, train=train, seed=3)
    a.step(7)
    b.step(3)
    b.step(4)  # chunking does not matter
    np.testing.assert_array_equal(a.network.params, b.network.params)
    np.testing.assert_array_equal(a.history.column("train_loss"), b.history.column("train_loss"))
    assert a.network.params.dtype == np.dtype(dtype)

    # Another seed: other weights (and another shuffle).
    c = session(model=model, train=train, seed=4)
    c.step(7)
    assert not np.array_equal(a.network.params, c.network.params)

    # reset(seed) is a fresh session with that seed.
    a.reset(seed=4)
    assert a.epoch == 0 and len(a.history) == 0
    a.step(7)
    np.testing.assert_array_equal(a.network.params, c.network.params)


def test_shuffle_draws_from_the_seed():
    """With mini-batches the order matters: shuffle on and off give different runs."""
    model = ModelSpec(hidden_layer_sizes=(4,))
    on = session(model=model, train=TrainSpec(learning_rate=0.1, batch_size=10, shuffle=True, **F64))
    off = session(model=model, train=TrainSpec(learning_rate=0.1, batch_size=10, shuffle=False, **F64))
    np.testing.assert_array_equal(on.network.params, off.network.params)  # same initial weights
    on.step(2)
    off.step(2)
    assert not np.array_equal(on.network.params, off.network.params)


def test_step_advances_epoch_by_n():
    s = session()
    assert s.epoch == 0 and len(s.history) == 0
    r = s.step(5)
    assert (r.epochs_run, s.epoch, len(s.history)) == (5, 5, 5)
    assert not r.diverged and r.message == ""
    assert r.loss == s.history.column("train_loss")[-1]
    s.step(1)
    s.step(12)
    assert s.epoch == 18 and len(s.history) == 18
    np.testing.assert_array_equal(s.history.arrays()["epoch"], np.arange(1, 19))
    r = s.step(0)
    assert r.epochs_run == 0 and s.epoch == 18 and math.isnan(r.loss)


# -- a new learning rate applies to the very next epoch ------------------------------------------
def test_set_learning_rate_applies_on_the_next_epoch():
    s = session(train=TrainSpec(learning_rate=0.1, **F64))
    ds = s.dataset
    X = expand(ds.train_X, (), np.float64)
    Y = (ds.train_y == 1).astype(np.float64)[:, None]
    manual = Network(s.network.layer_sizes, s.network.hidden_activations, "classification")
    manual.set_params(s.network.params)

    s.step(1)  # one epoch at lr a = 0.1
    manual.loss_and_gradient(X, Y)
    manual.params -= 0.1 * manual.grads
    np.testing.assert_allclose(s.network.params, manual.params, rtol=1e-14, atol=1e-16)

    s.set_learning_rate(0.7)  # then one at lr b = 0.7
    assert s.epoch == 1 and s.train_spec.learning_rate == 0.7
    s.step(1)
    manual.loss_and_gradient(X, Y)
    manual.params -= 0.7 * manual.grads
    np.testing.assert_allclose(s.network.params, manual.params, rtol=1e-14, atol=1e-16)

    # Had it stayed at 0.1, the weights would be elsewhere.
    other = session(train=TrainSpec(learning_rate=0.1, **F64))
    other.step(2)
    assert not np.allclose(other.network.params, s.network.params)


def test_set_learning_rate_keeps_the_optimizer_state():
    """Momentum carries over a change of learning rate (only the step size changes)."""
    train = TrainSpec(optimizer="momentum", learning_rate=0.05, **F64)
    a, b = session(train=train), session(train=train)
    a.step(3)
    b.step(3)
    velocity = a.optimizer.velocity.copy()
    a.set_learning_rate(0.2)
    np.testing.assert_array_equal(a.optimizer.velocity, velocity)
    a.step(1)
    # The same update by hand: v <- 0.9 v - 0.2 g, params <- params + v.
    b.network.loss_and_gradient(b._X_train, b._Y_train)
    expected = b.network.params + 0.9 * velocity - 0.2 * b.network.grads
    np.testing.assert_allclose(a.network.params, expected, rtol=1e-13, atol=1e-15)


# -- divergence ---------------------------------------------------------------------------------
def _runtime_warnings(caught):
    return [f"{w.filename}:{w.lineno}: {w.message}" for w in caught if issubclass(w.category, RuntimeWarning)]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("lr", [10.0, 1e4])
def test_divergence_stops_restores_the_last_good_weights_and_warns_nothing(dtype, lr):
    model = ModelSpec(hidden_layer_sizes=(8,), activation="tanh")
    train = TrainSpec(learning_rate=lr, dtype=dtype)
    s = session("sine", model=model, train=train)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = s.step(10_000)
        snap = s.snapshot(grid_bounds=(-6, 6, -6, 6), grid_size=8)
    assert _runtime_warnings(caught) == []

    assert result.diverged and s.diverged and snap.diverged
    assert "learning rate" in result.message and f"{lr:g}" in result.message
    assert snap.message == result.message
    # The epoch count and the history went back to the restored weights' epoch.
    k = s.epoch
    assert k < 10_000 and len(s.history) == k and f"epoch {k}" in result.message
    assert np.all(np.isfinite(s.network.params))
    assert np.all(np.isfinite(s.history.column("train_loss")))
    # Those weights have a finite, sane loss: not the ones on the verge of overflowing.
    assert (
        math.isfinite(s.train_loss)
        and s.train_loss < 10 * np.nanmin(np.r_[s.history.column("train_loss"), s.train_loss]) + 1
    )

    # The restored weights are exactly those after k epochs: a twin run of k epochs.
    twin = session("sine", model=model, train=train)
    twin_result = twin.step(k)
    assert not twin_result.diverged
    np.testing.assert_array_equal(s.network.params, twin.network.params)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_after_divergence_a_lower_learning_rate_trains_on(dtype):
    s = session("sine", model=ModelSpec(hidden_layer_sizes=(8,)), train=TrainSpec(learning_rate=10.0, dtype=dtype))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert s.step(10_000).diverged
        s.set_learning_rate(1e-3)
        ok = s.step(200)
    assert _runtime_warnings(caught) == []
    assert not ok.diverged and ok.epochs_run == 200
    assert math.isfinite(s.train_loss)


# -- changing the data --------------------------------------------------------------------------
def test_set_dataset_keeps_weights_when_sizes_fit():
    s = session("blobs")
    s.step(5)
    params = s.network.params.copy()
    ds = s.dataset.with_points(np.array([[0.5, 0.5], [-1.0, 2.0]]), [0, 1], is_test=False)
    s.set_dataset(ds)
    assert s.epoch == 5 and len(s.history) == 5
    np.testing.assert_array_equal(s.network.params, params)
    assert s._X_train.shape[0] == ds.n_train  # trains on the new points from the next epoch
    s.set_dataset(s.dataset.moved(0, (3.0, -3.0)))
    s.set_dataset(s.dataset.without([1, 2]))
    np.testing.assert_array_equal(s.network.params, params)
    s.step(1)
    assert s.epoch == 6


def test_set_dataset_restarts_when_a_class_is_added():
    s = session("blobs")
    s.step(5)
    assert s.network.n_outputs == 1
    ds = s.dataset.with_points(np.array([[0.0, 0.0]]), [2])
    s.set_dataset(ds)
    assert s.epoch == 0 and len(s.history) == 0
    assert s.network.n_outputs == 3 and s.network.head.name == "softmax"
    # Fresh weights from the seed, like a new session on that data.
    fresh = TrainingSession(ds, s.model_spec, s.train_spec, seed=0)
    np.testing.assert_array_equal(s.network.params, fresh.network.params)
    s.step(2)
    assert s.epoch == 2


# -- the boundary grid --------------------------------------------------------------------------
def _logistic_session(W, b=0.0):
    s = session("blobs", model=ModelSpec(kind="logistic"))
    s.network.set_coefs([np.array(W, dtype=float)[:, None]], [np.array([b])])
    return s


def test_evaluate_grid_rows_are_y_columns_are_x():
    bounds, G = (-3.0, 5.0, -2.0, 2.0), 16
    xs = bounds[0] + (np.arange(G) + 0.5) * (bounds[1] - bounds[0]) / G
    ys = bounds[2] + (np.arange(G) + 0.5) * (bounds[3] - bounds[2]) / G

    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    # A large weight on x2 only: P(class 1) changes down the rows and not along them.
    s = _logistic_session([0.0, 3.0])
    grid = s.evaluate_grid(bounds, G)
    assert grid.shape == (G, G) and grid.dtype == np.float32
    np.testing.assert_allclose(grid, np.repeat(sigmoid(3.0 * ys)[:, None], G, axis=1), rtol=1e-5)
    assert grid[0, 0] < 0.01 and grid[-1, 0] > 0.99  # row 0 is ymin (bottom), last row ymax

    # The same on x1: P changes along each row.
    s = _logistic_session([3.0, 0.0], b=-1.0)
    grid = s.evaluate_grid(bounds, G)
    np.testing.assert_allclose(grid, np.repeat(sigmoid(3.0 * xs - 1.0)[None, :], G, axis=0), rtol=1e-5)

    # Every cell is the model at that cell's centre.
    gx, gy = np.meshgrid(xs, ys)
    np.testing.assert_allclose(
        grid, s.predict_output(np.column_stack([gx.ravel(), gy.ravel()])).reshape(G, G), rtol=1e-6
    )


def test_evaluate_grid_values_and_shapes():
    bounds = (-6, 6, -6, 6)
    s = session("moons")
    s.step(20)
    grid = s.evaluate_grid(bounds, 24)
    assert grid.shape == (24, 24) and np.all((grid >= 0) & (grid <= 1))
    # After training the grid follows the new weights (no stale cache).
    s.step(20)
    assert not np.array_equal(grid, s.evaluate_grid(bounds, 24))
    assert s.evaluate_grid(bounds, 7).shape == (7, 7)

    three = session("blobs", n_classes=3)
    three.step(10)
    probs = three.evaluate_grid(bounds, 12)
    assert probs.shape == (12, 12, 3) and np.all(probs >= 0)
    np.testing.assert_allclose(probs.sum(axis=2), 1.0, atol=1e-6)

    curve = session("sine", model=ModelSpec(hidden_layer_sizes=(8,)))
    line = curve.evaluate_grid(bounds, 30)
    assert line.shape == (30,)
    xs = -6 + (np.arange(30) + 0.5) * 12 / 30
    np.testing.assert_allclose(line, curve.predict(xs[:, None]), rtol=1e-6)

    plane = session("plane", model=ModelSpec(hidden_layer_sizes=(8,)))
    assert plane.evaluate_grid(bounds, 10).shape == (10, 10)

    perceptron = session("blobs", model=ModelSpec(kind="perceptron"))
    perceptron.step(3)
    assert set(np.unique(perceptron.evaluate_grid(bounds, 10))) <= {0.0, 1.0}


# -- snapshots ----------------------------------------------------------------------------------
def test_snapshot_arrays_are_read_only_copies():
    bounds = (-6, 6, -6, 6)
    s = session("moons")
    s.step(10)
    snap = s.snapshot(grid_bounds=bounds, grid_size=16)
    arrays = {
        "params": snap.params,
        "grid": snap.grid,
        "predictions": snap.predictions,
        **{f"curves.{k}": v for k, v in snap.curves.items()},
    }
    kept = {name: a.copy() for name, a in arrays.items()}
    for name, a in arrays.items():
        assert not a.flags.writeable, name
        assert not np.shares_memory(a, s.network.params), name
        with pytest.raises(ValueError):
            a[...] = 0
    for W, b in snap.layer_params():
        assert not W.flags.writeable and not b.flags.writeable
    assert snap.epoch == 10 and snap.grid_bounds == bounds and len(snap.curves["epoch"]) == 10
    np.testing.assert_array_equal(snap.params, s.network.params)

    # Training on, editing the data and resetting leave the snapshot as it was.
    s.step(10)
    s.evaluate_grid(bounds, 16)
    s.set_dataset(s.dataset.moved(0, (1.0, 1.0)))
    s.set_learning_rate(0.5)
    s.reset(seed=9)
    for name, a in arrays.items():
        np.testing.assert_array_equal(a, kept[name], err_msg=name)
    assert snap.epoch == 10 and snap.learning_rate == 0.1


def test_snapshot_fields():
    s = session("moons", model=ModelSpec(hidden_layer_sizes=(5,), activation="relu"))
    s.step(3)
    snap = s.snapshot()
    assert snap.grid is None and snap.grid_bounds is None
    assert snap.layer_sizes == (2, 5, 1) and snap.activations == ("relu",)
    assert snap.output_activation == "logistic" and snap.task == "classification"
    assert snap.model_kind == "mlp" and snap.session_id == s.session_id
    assert snap.predictions.shape == (s.dataset.n_samples,)
    assert (snap.train_loss, snap.test_score) == (s.train_loss, s.test_score)
    assert session(model=ModelSpec(kind="perceptron")).snapshot().output_activation == "step"


# -- float32 against float64 --------------------------------------------------------------------
def test_float32_and_float64_loss_curves_agree():
    """The app trains in float32 for speed; it must tell the same story as float64."""
    ds = make("moons", 200, seed=0)
    model = ModelSpec(kind="mlp", hidden_layer_sizes=(16, 16), activation="tanh")
    curves = {}
    for dtype in ("float32", "float64"):
        s = TrainingSession(
            ds, model, TrainSpec(optimizer="sgd", learning_rate=0.1, batch_size=None, dtype=dtype), seed=0
        )
        s.step(200)
        assert s.network.params.dtype == np.dtype(dtype)
        curves[dtype] = s.history.column("train_loss")
    assert curves["float64"][-1] < 0.5 * curves["float64"][0]  # it did learn
    np.testing.assert_allclose(curves["float32"], curves["float64"], rtol=1e-4)


def test_switching_dtype_keeps_the_weights():
    s = session()
    s.step(5)
    params = s.network.params.copy()
    s.set_train_spec(TrainSpec(learning_rate=0.1, dtype="float32"))
    assert s.network.params.dtype == np.float32 and s.epoch == 5
    np.testing.assert_allclose(s.network.params, params, rtol=1e-7)
    s.step(1)
    assert s.epoch == 6 and s.network.params.dtype == np.float32


# -- history ------------------------------------------------------------------------------------
@pytest.mark.parametrize("n,max_points", [(10_000, 100), (10_000, 4000), (4001, 4000), (57, 10)])
def test_history_thinning_keeps_first_and_last(n, max_points):
    h = History()
    losses = np.linspace(5.0, 0.1, n) + np.arange(n) % 3
    for value in losses:
        h.append_loss(value)
    h.record_evaluation(0.3, 0.9, 0.8)
    thin = h.thinned(max_points)
    epochs = thin["epoch"]
    assert 2 <= len(epochs) <= max_points
    assert epochs[0] == 1 and epochs[-1] == n
    assert np.all(np.diff(epochs) > 0)
    assert set(thin) == {"epoch", "train_loss", "test_loss", "train_score", "test_score"}
    assert all(len(v) == len(epochs) for v in thin.values())
    # The values are the recorded ones at those epochs.
    np.testing.assert_array_equal(thin["train_loss"], losses[epochs.astype(int) - 1])
    assert thin["test_score"][-1] == 0.8  # measured at the last epoch only: the others hold no made-up value
    assert np.isnan(thin["test_score"][:-1]).all()


def test_history_without_thinning_returns_everything():
    h = History()
    for value in (3.0, 2.0, 1.0):
        h.append_loss(value)
    thin = h.thinned(10)
    np.testing.assert_array_equal(thin["epoch"], [1, 2, 3])
    np.testing.assert_array_equal(thin["train_loss"], [3.0, 2.0, 1.0])
    assert np.all(np.isnan(thin["test_loss"]))  # not measured yet


def test_snapshot_curves_are_thinned():
    s = session("blobs", model=ModelSpec(kind="logistic"), n=20)
    s.step(4500)
    curves = s.snapshot().curves
    assert len(curves["epoch"]) <= 4000
    assert curves["epoch"][0] == 1 and curves["epoch"][-1] == 4500


# -- the perceptron, one sample at a time -------------------------------------------------------
def test_perceptron_sample_step_moves_by_eta_y_x_on_a_mistake():
    eta = 0.5
    s = session(
        "linearly_separable", model=ModelSpec(kind="perceptron"), train=TrainSpec(learning_rate=eta, **F64), noise=0.0
    )
    layer = s.network.layers[0]
    X, y = s.dataset.train_X, s.dataset.train_y
    assert np.all(s.network.params == 0)

    # From zero weights every score is 0: on the boundary counts as a mistake.
    W0, b0 = layer.W.copy(), layer.b.copy()
    update = s.perceptron_sample_step(0)
    sign = 1.0 if y[0] == 1 else -1.0
    assert update.index == 0 and update.updated.tolist() == [True]
    np.testing.assert_array_equal(update.x, X[0])
    np.testing.assert_array_equal(update.score, [0.0])
    np.testing.assert_array_equal(update.target, [sign])
    np.testing.assert_allclose(layer.W - W0, eta * sign * X[0][:, None], rtol=1e-15)
    np.testing.assert_allclose(layer.b - b0, [eta * sign], rtol=1e-15)
    np.testing.assert_array_equal(update.delta_W, layer.W - W0)
    np.testing.assert_array_equal(update.delta_b, layer.b - b0)

    # A sample the line already gets right does not move it.
    scores = (X @ layer.W + layer.b)[:, 0]
    right = int(np.flatnonzero(np.where(y == 1, 1, -1) * scores > 0)[0])
    W1, b1 = layer.W.copy(), layer.b.copy()
    update = s.perceptron_sample_step(right)
    assert update.updated.tolist() == [False]
    np.testing.assert_array_equal(update.delta_W, 0)
    np.testing.assert_array_equal(layer.W, W1)
    np.testing.assert_array_equal(layer.b, b1)


def test_perceptron_sample_steps_make_an_epoch():
    def perceptron():
        return session(
            "linearly_separable",
            model=ModelSpec(kind="perceptron"),
            train=TrainSpec(learning_rate=1.0, **F64),
            noise=0.0,
            n=30,
        )

    s = perceptron()
    n = s.dataset.n_train
    whole = perceptron()
    whole.step(1)
    seen = []
    for _ in range(n):
        seen.append(s.perceptron_sample_step().index)
    # every sample once, in the shuffled order Play's epoch goes through: the same epoch, the same weights
    assert sorted(seen) == list(range(n)) and seen != sorted(seen)
    assert s.epoch == 1 and len(s.history) == 1
    np.testing.assert_array_equal(s.network.params, whole.network.params)
    unshuffled = session(
        "linearly_separable", model=ModelSpec(kind="perceptron"), train=TrainSpec(shuffle=False, **F64), n=30
    )
    assert [unshuffled.perceptron_sample_step().index for _ in range(3)] == [0, 1, 2]  # in order: in turn
    with pytest.raises(ValueError):
        session().perceptron_sample_step()


def test_one_step_from_one_point_that_would_overflow_the_weights_leaves_them_as_they_were():
    """Past float's range no view could show them, nor a saved session keep them (opening refuses such weights)."""
    mlp = session(
        model=ModelSpec(hidden_layer_sizes=(4,), activation="relu"), train=TrainSpec(learning_rate=1e6, **F64)
    )
    before = mlp.network.params.copy()
    mlp.single_point_step((1e303, -1e303), 1)
    np.testing.assert_array_equal(mlp.network.params, before)
    assert np.all(np.isfinite(mlp.network.params))
    mlp.single_point_step((0.5, 0.5), 1)  # a step within range still moves them
    assert not np.array_equal(mlp.network.params, before)

    perceptron = session(model=ModelSpec(kind="perceptron"), train=TrainSpec(learning_rate=1e6))
    before = perceptron.network.params.copy()
    perceptron.single_point_step((1e36, 1e36), 1)  # float32: 1e42 is infinite
    np.testing.assert_array_equal(perceptron.network.params, before)


# -- events ---------------------------------------------------------------------------------------
def test_the_session_tells_its_subscribers_what_happens_in_order():
    s = session(model=ModelSpec(hidden_layer_sizes=(6,), activation="relu"), train=TrainSpec(optimizer="sgd", **F64))
    seen = []
    s.subscribe(seen.append)
    s.step(2)
    s.set_train_spec(TrainSpec(optimizer="sgd", learning_rate=0.2, **F64))
    s.set_dataset(s.dataset.without([0]), 3)
    s.single_point_step((0.5, 0.5), 1)
    state = s.training_state()
    s.reset()
    s.restore_training_state(state)
    s.set_learning_rate(1e12)
    s.step(50)  # diverges: back to the last good weights
    kinds = [type(e) for e in seen]
    assert kinds[:8] == [
        EpochTrained,
        EpochTrained,
        SettingsChanged,
        DataChanged,
        WeightsNudged,
        RunStarted,
        StateAdopted,
        SettingsChanged,
    ]
    assert WentBack in kinds[8:] and all(e.session is s for e in seen)
    assert seen[0].train_loss > 0 and math.isfinite(seen[1].train_loss)
    s.unsubscribe(seen.append)
    s.step(1)
    assert len(seen) == len(kinds)  # no longer told


def test_a_timeline_follows_a_session_only_while_assigned():
    s = session()
    s.timeline = Timeline()
    s.timeline.restart(s)
    s.step(3)
    followed = s.timeline
    assert list(followed.epochs) == [0, 1, 2, 3]
    s.timeline = None  # unsubscribed
    s.step(2)
    assert list(followed.epochs) == [0, 1, 2, 3]


# -- logistic regression starts untrained ---------------------------------------------------------
@pytest.mark.parametrize("name, n_classes", [("moons", 2), ("blobs", 3)])
def test_logistic_regression_starts_at_zero_weights_undecided_everywhere(name, n_classes):
    s = session(name, model=ModelSpec(kind="logistic"), n=200, n_classes=n_classes)
    # Nothing learnt yet: every class equally likely at every point, the loss ln K, no line on the plane.
    assert not s.network.params.any()
    assert s.train_loss == pytest.approx(math.log(n_classes)) and s.test_loss == pytest.approx(math.log(n_classes))
    grid = s.evaluate_grid((-2.0, 2.0, -2.0, 2.0), 8)
    np.testing.assert_allclose(grid, 0.5 if n_classes == 2 else np.full_like(grid, grid.flat[0]), rtol=1e-6)
    s.step(20)
    assert s.train_loss < math.log(n_classes) - 0.05  # the line appears as it learns
    s.reset()
    assert not s.network.params.any() and s.epoch == 0


def test_logistic_regression_trains_as_the_estimator_of_the_same_name():
    from model.nn.estimators import LogisticRegression

    s = session("moons", model=ModelSpec(kind="logistic"), train=TrainSpec(learning_rate=0.1, shuffle=False, **F64))
    s.step(5)
    estimator = LogisticRegression(learning_rate_init=0.1, batch_size=s.dataset.n_train, max_iter=5, shuffle=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it has not converged in 5 epochs
        estimator.fit(s.dataset.X[~s.dataset.is_test], s.dataset.y[~s.dataset.is_test])
    np.testing.assert_allclose(s.network.params, estimator.network_.params, rtol=1e-12, atol=1e-15)
