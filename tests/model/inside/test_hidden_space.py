"""Hidden-layer space: a trained XOR network untangles the classes; projections are stable."""

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.inside.hidden_space import hidden_space, layer_activations, layer_names, make_projection
from model.inside.neuron_maps import neuron_maps
from model.training.session import TrainingSession
from model.training.snapshot import network_from_snapshot
from model.training.specs import ModelSpec, TrainSpec

BOUNDS = (-6.0, 6.0, -6.0, 6.0)


def trained_xor(hidden=(8,), activation="tanh", epochs=600):
    X, y = make_dataset("xor", 200, 0.05, seed=2)
    ds = Dataset.from_arrays(X, y, seed=0)
    spec = ModelSpec(hidden_layer_sizes=hidden, activation=activation)
    s = TrainingSession(ds, spec, TrainSpec(optimizer="adam", learning_rate=0.03), seed=1)
    s.step(epochs)
    return s


def linear_separability(points, y):
    clf = LogisticRegression(C=1e4, max_iter=5000).fit(points, y)
    return clf.score(points, y)


@pytest.mark.parametrize(
    "hidden, mode, kind",
    [
        ((4, 2), "auto", "units"),  # two units: shown as they are
        ((8, 4), "auto", "pca"),  # wider: its first two principal components
        ((8,), "output", "output"),  # one wide layer: the direction the output reads
    ],
)
def test_trained_xor_last_hidden_layer_is_linearly_separable(hidden, mode, kind):
    s = trained_xor(hidden)
    assert s.train_score >= 0.97
    snap = s.snapshot()
    layer = len(hidden)
    space = hidden_space(snap, s.dataset.X, layer, BOUNDS, mode=mode)
    assert space.points.shape == (s.dataset.n_samples, 2)
    assert linear_separability(space.points, s.dataset.y) >= 0.95
    # ...while in the input space XOR is not
    raw = hidden_space(snap, s.dataset.X, 0, BOUNDS)
    assert linear_separability(raw.points, s.dataset.y) < 0.8
    assert space.projection.kind == kind
    if kind != "pca":
        assert space.boundary is not None
    if space.boundary is not None:  # the output's own boundary line separates the displayed points
        (u0, v0), (u1, v1) = space.boundary
        side = (u1 - u0) * (space.points[:, 1] - v0) - (v1 - v0) * (space.points[:, 0] - u0)
        pred = s.predict(s.dataset.X)
        agree = np.mean((side > 0) == (pred == 1))
        assert max(agree, 1 - agree) >= 0.97


def test_grid_lines_are_warped_through_the_same_projection():
    s = trained_xor((3,), epochs=50)
    snap = s.snapshot()
    space = hidden_space(snap, s.dataset.X, 1, BOUNDS, n_lines=5, points_per_line=7)
    assert len(space.lines) == 10 and space.n_vertical == 5
    x0 = np.full(7, -6.0)
    line_raw = np.column_stack([x0, np.linspace(-6, 6, 7)])
    A = layer_activations(snap, line_raw, 1)
    np.testing.assert_allclose(space.lines[0], space.projection.apply(A), atol=1e-12)


def test_projection_signs_are_stable():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(100, 5)) * [3, 2, 1, 0.5, 0.1]
    p1 = make_projection(A)
    p2 = make_projection(A + 1e-9 * rng.normal(size=A.shape), previous=p1)
    np.testing.assert_allclose(p1.axes, p2.axes, atol=1e-6)
    flipped = make_projection(A, previous=type(p1)(p1.mean, -p1.axes, "pca", (), p1.explained))
    np.testing.assert_allclose(flipped.axes, -p1.axes)
    assert p1.explained[0] > p1.explained[1] > 0


def test_input_layer_and_names():
    s = trained_xor((4, 3), epochs=5)
    snap = s.snapshot()
    assert layer_names(snap) == ["input", "hidden 1 (4 tanh)", "hidden 2 (3 tanh)"]
    space = hidden_space(snap, s.dataset.X, 0, BOUNDS)
    np.testing.assert_allclose(space.points, s.dataset.X)
    assert space.axis_labels == ("x₁", "x₂")
    with pytest.raises(ValueError):
        hidden_space(snap, s.dataset.X, 3, BOUNDS)


def test_neuron_maps_match_network():
    X, y = make_dataset("spiral", 100, 0.05, seed=0)
    ds = Dataset.from_arrays(X, y, seed=0)
    spec = ModelSpec(hidden_layer_sizes=(32,) * 8, activation="relu", features=("x1^2", "sin_x2"))
    s = TrainingSession(ds, spec, TrainSpec(), seed=0)
    snap = s.snapshot()
    maps = neuron_maps(snap, BOUNDS, 24)
    assert [m.shape[0] for m in maps.maps] == list(snap.layer_sizes)
    assert maps.maps[1].shape == (32, 24, 24)
    # the output map is the boundary's grid; a hidden unit's map is its activation
    grid = s.evaluate_grid(BOUNDS, 24)
    np.testing.assert_allclose(maps.maps[-1][0], grid, atol=1e-5)
    net = network_from_snapshot(snap, np.float64)
    xy = np.array([[BOUNDS[0] + 0.5 * 12 / 24 * 2 * 3 + 0.0, 0.0]])
    i, j = 11, 3  # row i (y), column j (x)
    cx = BOUNDS[0] + (j + 0.5) * 12 / 24
    cy = BOUNDS[2] + (i + 0.5) * 12 / 24
    hidden = net.hidden_outputs(s._inputs(np.array([[cx, cy]])))
    np.testing.assert_allclose(maps.maps[2][:, i, j], hidden[1][0], rtol=1e-4, atol=1e-5)
    assert maps.maps[0][2, i, j] == pytest.approx(cx * cx, rel=1e-5)
    del xy
