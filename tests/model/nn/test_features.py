"""Extra input features (no Qt)."""

import numpy as np
import pytest

from model.data.generators import make
from model.nn.features import FEATURES, ONE_D_FEATURES, expand, feature_labels
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

X = np.array([[1.0, 2.0], [-0.5, 3.0], [0.0, -1.5]])


def test_expand_without_extras_is_a_contiguous_copy_in_the_dtype():
    out = expand(X, ())
    np.testing.assert_array_equal(out, X)
    assert out.flags.c_contiguous
    assert expand(X, (), np.float32).dtype == np.float32
    # A non-contiguous input comes out contiguous.
    assert expand(np.asfortranarray(X), ()).flags.c_contiguous


def test_expand_columns_in_the_order_asked():
    out = expand(X, ("x1^2", "x2^2", "x1*x2", "sin_x1", "sin_x2"))
    assert out.shape == (3, 7) and out.flags.c_contiguous
    x1, x2 = X[:, 0], X[:, 1]
    expected = np.column_stack([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)])
    np.testing.assert_allclose(out, expected, rtol=1e-15)
    # Another order gives the columns in that order.
    np.testing.assert_allclose(
        expand(X, ("sin_x2", "x1*x2")), np.column_stack([x1, x2, np.sin(x2), x1 * x2]), rtol=1e-15
    )


def test_expand_dtype_and_one_dimensional_inputs():
    out = expand(X, ("x1^2",), dtype=np.float32)
    assert out.dtype == np.float32
    x = np.array([[0.5], [-2.0]])
    np.testing.assert_allclose(expand(x, ONE_D_FEATURES), [[0.5, 0.25, np.sin(0.5)], [-2.0, 4.0, np.sin(-2.0)]])
    with pytest.raises(ValueError, match="needs two inputs"):
        expand(x, ("x2^2",))


def test_labels():
    assert feature_labels(2, ("x1^2", "x1*x2")) == ["x₁", "x₂", "x₁²", "x₁·x₂"]
    assert feature_labels(1, ()) == ["x₁"]
    assert set(ONE_D_FEATURES) <= set(FEATURES)


def test_logistic_with_squared_features_separates_circles():
    """A circle is a line in (x1², x2²): logistic regression draws it without a hidden layer."""
    ds = make("circles", 200, seed=0)
    spec = TrainSpec(learning_rate=0.1, dtype="float64")
    with_squares = TrainingSession(ds, ModelSpec(kind="logistic", features=("x1^2", "x2^2")), spec)
    with_squares.step(300)
    assert with_squares.network.layer_sizes == (4, 1)
    assert with_squares.train_score >= 0.95
    assert with_squares.test_score >= 0.95
    # Without them it is no better than a coin.
    plain = TrainingSession(ds, ModelSpec(kind="logistic"), spec)
    plain.step(300)
    assert plain.train_score < 0.7
    # The boundary is round: the model says "inner class" at the centre, "outer" far out.
    assert with_squares.predict([[0.0, 0.0]])[0] == 1
    assert all(
        with_squares.predict([[5.0 * np.cos(t), 5.0 * np.sin(t)]])[0] == 0
        for t in np.linspace(0, 2 * np.pi, 12, endpoint=False)
    )
