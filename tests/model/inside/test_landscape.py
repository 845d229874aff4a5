"""The loss landscape: its centre is the training loss, the path ends at the centre, the planes are right."""

import numpy as np
import pytest

from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.inside.landscape import (
    LossAt,
    compute_landscape,
    filter_normalized_direction,
    last_update,
    pca_directions,
    project,
    random_directions,
    symmetric_coords,
)
from model.nn.param_layout import layer_views
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from model.training.timeline import Timeline
from tests.model.nn.weight_mask import weight_mask


def _session(name="moons", model=None, train=None, n=120, n_classes=2, epochs=60, seed=1):
    X, y = make_dataset(name, n, 0.2, seed, n_classes=n_classes) if n_classes > 2 else make_dataset(name, n, 0.2, seed)
    task = "regression" if name == "sine" else "classification"
    ds = Dataset.from_arrays(X, y, task=task, test_fraction=0.2, seed=seed)
    s = TrainingSession(
        ds, model or ModelSpec(hidden_layer_sizes=(6, 5)), train or TrainSpec(learning_rate=0.1), seed=seed
    )
    s.timeline = Timeline()
    s.timeline.restart(s)
    s.step(epochs)
    return s


CASES = {
    "mlp float32": dict(),
    "mlp penalties": dict(model=ModelSpec(hidden_layer_sizes=(6,), alpha=0.3, l1=0.05)),
    "mlp float64 adam": dict(train=TrainSpec(optimizer="adam", learning_rate=0.02, dtype="float64", batch_size=16)),
    "softmax": dict(name="blobs", n_classes=3),
    "regression": dict(
        name="sine", model=ModelSpec(hidden_layer_sizes=(8,), activation="relu"), train=TrainSpec(learning_rate=0.05)
    ),
    "logistic": dict(model=ModelSpec(kind="logistic")),
    "perceptron": dict(name="linearly_separable", model=ModelSpec(kind="perceptron")),
    "features": dict(model=ModelSpec(hidden_layer_sizes=(3,), features=("x1^2", "x1*x2"))),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
@pytest.mark.parametrize("mode", ["random", "pca"])
def test_centre_is_the_training_loss_and_the_path_ends_there(case, mode):
    s = _session(**CASES[case])
    land = compute_landscape(s, mode, size=11, seed=4)
    assert land.center_loss == s.train_loss  # exactly: same data, penalties, dtype
    assert land.values[5, 5] == s.train_loss
    assert land.alphas[5] == 0.0 and land.betas[5] == 0.0
    assert land.values.shape == (11, 11) and np.isfinite(land.values).mean() > 0.9
    assert np.array_equal(land.path[-1], [0.0, 0.0])  # the present projects onto the centre
    assert land.path_epochs[-1] == s.epoch and land.path_epochs[0] == 0
    assert land.epoch == s.epoch and land.session_id == s.session_id
    assert not land.values.flags.writeable
    assert land.slice_values is not None and land.slice_values[40] == s.train_loss


def test_landscape_does_not_touch_the_session():
    s = _session()
    before = s.network.params.copy()
    compute_landscape(s, "pca", size=7)
    assert np.array_equal(s.network.params, before)
    s.step(1)  # still trains normally


def test_filter_normalised_directions():
    s = _session()
    center = s.network.params.astype(np.float64)
    d1, d2 = random_directions(center, s.network.layer_sizes, seed=7)
    again, _ = random_directions(center, s.network.layer_sizes, seed=7)
    assert np.array_equal(d1, again) and not np.allclose(d1, d2)
    sizes = s.network.layer_sizes
    assert np.all(d1[~weight_mask(sizes)] == 0)  # biases left alone
    for (W, _), (D, _) in zip(layer_views(center, sizes), layer_views(d1, sizes)):
        np.testing.assert_allclose(np.linalg.norm(D, axis=0), np.linalg.norm(W, axis=0), rtol=1e-12)
    # zero weights (the perceptron's start) still give a usable direction
    d = filter_normalized_direction(np.zeros(3), (2, 1), np.random.default_rng(0))
    assert np.linalg.norm(d[:2]) > 0 and d[2] == 0


def test_pca_recovers_the_plane_of_a_planar_path():
    rng = np.random.default_rng(0)
    u, v = np.linalg.qr(rng.standard_normal((50, 2)))[0].T
    center = rng.standard_normal(50)
    t = np.linspace(-1, 0, 30)
    path = center + np.outer(3 * t, u) + np.outer(np.sin(4 * t), v)
    d1, d2, explained = pca_directions(path, center)
    assert explained.sum() == pytest.approx(1.0)
    assert abs(np.dot(d1, d2)) < 1e-12
    coords = project(path, center, d1, d2)
    np.testing.assert_allclose(center + coords[:, :1] * d1 + coords[:, 1:] * d2, path, atol=1e-10)
    assert coords[0, 0] < 0 and coords[0, 1] <= 0  # sign convention: the start at negative coordinates
    # degenerate paths still give two orthonormal directions
    d1, d2, explained = pca_directions(center[None, :], center)
    assert list(explained) == [0.0, 0.0] and abs(np.dot(d1, d2)) < 1e-12


def test_projection_is_least_squares():
    rng = np.random.default_rng(1)
    center, d1, d2 = rng.standard_normal((3, 20))
    point = center + 2.0 * d1 - 3.0 * d2
    np.testing.assert_allclose(project(point, center, d1, d2), [[2.0, -3.0]], atol=1e-12)
    assert np.array_equal(project(center, center, d1, d2), [[0.0, 0.0]])


def test_surface_values_are_the_loss_at_those_parameters():
    s = _session()
    land = compute_landscape(s, "random", size=9, seed=2)
    loss_at = LossAt(s)
    i, j = 2, 7
    params = land.center + land.alphas[j] * land.d1 + land.betas[i] * land.d2
    assert land.values[i, j] == loss_at(params)


def test_slice_along_the_last_update():
    s = _session(epochs=30)
    step = last_update(s)
    previous = s.timeline.entry_at(s.epoch - 1).params.astype(np.float64)
    np.testing.assert_array_equal(step, s.network.params.astype(np.float64) - previous)
    land = compute_landscape(s, "random", size=5, slice_size=7, slice_reach=3.0)
    assert list(land.slice_t) == [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0]
    assert land.slice_values[3] == s.train_loss
    assert land.slice_values[2] == pytest.approx(LossAt(s)(previous), rel=1e-5)


def test_symmetric_coords_put_zero_in_the_middle():
    c = symmetric_coords(-0.7, 0.7, 41)
    assert c[20] == 0.0 and c[0] == -0.7 and c[-1] == pytest.approx(0.7)


def test_unknown_mode():
    with pytest.raises(ValueError, match="unknown landscape mode"):
        compute_landscape(_session(epochs=1), "hessian")
