"""The lessons the app teaches, as tests: each claim is checked on a real training run (no Qt).

Fixed seeds throughout, so every run is the same run every time.
"""

import numpy as np
import pytest

from model.data.generators import make
from model.nn.perceptron_rule import encode_sign_targets, perceptron_epoch
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


def train(dataset, model_spec, train_spec, epochs, seed=0):
    session = TrainingSession(dataset, model_spec, train_spec, seed=seed)
    result = session.step(epochs)
    assert result.epochs_run == epochs and not result.diverged, result.message
    return session


def test_logistic_regression_separates_two_blobs():
    ds = make("blobs", 200, seed=0)
    s = train(ds, ModelSpec(kind="logistic"), TrainSpec(learning_rate=0.1, dtype="float64"), 100)
    assert s.train_score == 1.0
    assert s.test_score == 1.0
    # The loss went down along the way.
    losses = s.history.column("train_loss")
    assert losses[-1] < 0.2 * losses[0]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_perceptron_converges_in_finitely_many_updates_on_separable_data(seed):
    """Novikoff: on data separable with margin γ inside a ball of radius R, Rosenblatt's rule
    from zero weights makes at most (R/γ)² updates, then an epoch makes none."""
    ds = make("linearly_separable", 200, noise=0.0, seed=seed)
    X, y = ds.train_X, ds.train_y
    targets = encode_sign_targets(y, 2)

    # The generator's line through the origin separates the classes: its margin γ, and R for
    # the inputs augmented with the constant 1 of the bias.
    normal = np.array([np.cos(np.pi / 6), np.sin(np.pi / 6)])
    gamma = float(np.min(targets[:, 0] * (X @ normal)))
    R = float(np.max(np.linalg.norm(np.column_stack([X, np.ones(len(X))]), axis=1)))
    assert gamma > 0  # separable

    W, b = np.zeros((2, 1)), np.zeros(1)
    total = 0
    converged_at = None
    for epoch in range(1, 1001):
        updates = perceptron_epoch(W, b, X, targets, 1.0, range(len(X)))
        total += updates
        if updates == 0:
            converged_at = epoch
            break
    assert converged_at is not None, "an epoch without updates was never reached"
    assert 0 < total <= (R / gamma) ** 2
    # No update means every training point is on its side of the line.
    assert np.all(targets * (X @ W + b) > 0)

    # The session's perceptron (shuffled order) gets there too.
    s = train(
        ds, ModelSpec(kind="perceptron"), TrainSpec(learning_rate=1.0, dtype="float64"), converged_at + 20, seed=seed
    )
    assert s.train_score == 1.0
    assert s.train_loss == 0.0


def test_perceptron_cannot_solve_xor():
    """No line separates XOR: however long the rule runs, accuracy stays far from 100%."""
    ds = make("xor", 200, noise=0.05, seed=0)
    s = TrainingSession(ds, ModelSpec(kind="perceptron"), TrainSpec(learning_rate=1.0, dtype="float64"), seed=0)
    accuracies = []
    for _ in range(150):
        s.step(1)
        accuracies.append(s.train_score)
    assert max(accuracies) < 0.8
    # And it never settles: every epoch still moves the weights.
    assert np.all(s.history.column("train_loss") > 0)


@pytest.mark.parametrize("seed", [0, 1])
def test_mlp_with_one_hidden_layer_solves_xor(seed):
    ds = make("xor", 200, noise=0.05, seed=seed)
    s = train(
        ds,
        ModelSpec(kind="mlp", hidden_layer_sizes=(8,), activation="tanh"),
        TrainSpec(learning_rate=0.3, dtype="float64"),
        500,
        seed=seed,
    )
    assert s.train_score >= 0.95
    assert s.test_score >= 0.9


def test_logistic_regression_cannot_solve_xor():
    """The same data without a hidden layer: no better than a line can do."""
    ds = make("xor", 200, noise=0.05, seed=0)
    s = train(ds, ModelSpec(kind="logistic"), TrainSpec(learning_rate=0.3, dtype="float64"), 500)
    assert s.train_score < 0.8


@pytest.mark.parametrize("n_classes", [3, 4, 5])
def test_softmax_mlp_separates_several_blobs(n_classes):
    ds = make("blobs", 300, noise=0.05, seed=0, n_classes=n_classes)  # clusters apart
    s = train(
        ds,
        ModelSpec(kind="mlp", hidden_layer_sizes=(8,), activation="tanh"),
        TrainSpec(learning_rate=0.1, dtype="float64"),
        300,
    )
    assert s.network.n_outputs == n_classes and s.network.head.name == "softmax"
    assert s.train_score >= 0.99
    assert s.test_score >= 0.95
    assert set(np.unique(s.predict(ds.X))) == set(range(n_classes))


def test_mlp_regressor_fits_a_sine_curve():
    ds = make("sine", 200, noise=0.05, seed=0)
    s = train(
        ds,
        ModelSpec(kind="mlp", hidden_layer_sizes=(16,), activation="tanh"),
        TrainSpec(optimizer="adam", learning_rate=0.03, dtype="float64"),
        1000,
    )
    assert s.train_score > 0.95  # R²
    assert s.test_score > 0.95
    # The fitted curve follows the clean sine (0.8·sin(1.5πx) in the unit frame, scaled by 5).
    xs = np.linspace(-4.5, 4.5, 50)
    clean = 5 * 0.8 * np.sin(1.5 * np.pi * xs / 5)
    curve = s.predict(xs[:, None])
    assert np.sqrt(np.mean((curve - clean) ** 2)) < 0.3 * np.std(clean)


def test_a_line_cannot_fit_a_sine_curve():
    ds = make("sine", 200, noise=0.05, seed=0)
    s = train(
        ds,
        ModelSpec(kind="mlp", hidden_layer_sizes=(16,), activation="identity"),
        TrainSpec(optimizer="adam", learning_rate=0.03, dtype="float64"),
        1000,
    )
    assert s.train_score < 0.5
