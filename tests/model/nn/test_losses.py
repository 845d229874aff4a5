"""Losses against scikit-learn's and their definitions (no Qt)."""

import warnings

import numpy as np
import pytest
from sklearn.neural_network._base import binary_log_loss, log_loss, squared_loss

from model.nn.activations import softmax
from model.nn.losses import (
    BINARY_DELTA_FACTOR,
    HEADS,
    binary_cross_entropy,
    binary_cross_entropy_delta,
    binary_targets,
    head_for,
    output_delta,
    perceptron_loss,
    perceptron_loss_gradient,
    softmax_cross_entropy_delta,
    squared_error,
)

rng = np.random.default_rng(7)


# -- binary cross-entropy -----------------------------------------------------------------------
def test_bce_matches_definition_and_sklearn():
    y = rng.integers(0, 2, size=(20, 1)).astype(np.float64)
    p = rng.uniform(0.01, 0.99, size=(20, 1))
    definition = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert binary_cross_entropy(y, p) == pytest.approx(definition, rel=1e-13)
    assert binary_cross_entropy(y, p) == pytest.approx(binary_log_loss(y, p), rel=1e-13)
    assert binary_cross_entropy(y, p) == pytest.approx(log_loss(y, p), rel=1e-13)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_bce_clips_confidently_wrong_predictions(dtype):
    eps = np.finfo(dtype).eps
    y = np.array([[1.0], [0.0]], dtype=dtype)
    p = np.array([[0.0], [1.0]], dtype=dtype)  # both certain and wrong
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            loss = binary_cross_entropy(y, p)
    assert np.isfinite(loss)
    # Each sample costs -log(eps): p=0 is clipped to eps, p=1 to 1 - eps.
    assert loss == pytest.approx(-np.log(eps), rel=1e-6)
    assert binary_cross_entropy(y[:1], p[:1]) == pytest.approx(-np.log(eps), rel=1e-6)
    assert binary_cross_entropy(y, p) == pytest.approx(binary_log_loss(y, p), rel=1e-6)
    # Certain and right: loss ~ -log(1 - eps) ~ eps, i.e. (almost) zero, still finite.
    assert 0 <= binary_cross_entropy(y, 1 - p) < 10 * eps


def _from_logits(z, y):
    out, work = np.empty_like(z), np.empty_like(z)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            loss = binary_cross_entropy_delta(z, binary_targets(y), out, work)
    return loss, out


def test_bce_from_logits_is_the_loss_of_the_sigmoid_and_its_gradient():
    z = rng.normal(0, 3, size=(50, 1))
    y = rng.integers(0, 2, size=(50, 1)).astype(np.float64)
    p = 1 / (1 + np.exp(-z))
    loss, out = _from_logits(z, y)
    assert loss == pytest.approx(binary_log_loss(y, p), rel=1e-12)
    assert loss == pytest.approx(binary_cross_entropy(y, p), rel=1e-12)
    np.testing.assert_allclose(out / BINARY_DELTA_FACTOR, p - y, rtol=1e-12, atol=1e-15)
    # the delta is dL/dz of the summed loss: central differences of the mean loss, times n
    h = 1e-6
    for i in range(0, 50, 7):
        zp, zm = z.copy(), z.copy()
        zp[i] += h
        zm[i] -= h
        numeric = (_from_logits(zp, y)[0] - _from_logits(zm, y)[0]) / (2 * h) * 50
        assert out[i, 0] / BINARY_DELTA_FACTOR == pytest.approx(numeric, rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_bce_from_logits_clips_and_never_overflows(dtype):
    eps = np.finfo(dtype).eps
    z = np.array([[-1e4], [1e4], [1e4], [-1e4], [0.0]], dtype=dtype)
    y = np.array([[1.0], [0.0], [1.0], [0.0], [1.0]], dtype=dtype)
    loss, out = _from_logits(z, y)  # no warning, no floating-point error
    # two certain and wrong (-log eps each), two certain and right (0), one at p = 1/2
    assert loss == pytest.approx((2 * -np.log(eps) + np.log(2)) / 5, rel=1e-6)
    np.testing.assert_allclose(out[:, 0] / BINARY_DELTA_FACTOR, [-1, 1, 0, 0, -0.5], atol=1e-7)
    assert out.dtype == dtype
    # the same as the loss of the probabilities, clipped (scikit-learn's)
    p = np.array([[0.0], [1.0], [1.0], [0.0], [0.5]], dtype=dtype)
    assert loss == pytest.approx(binary_log_loss(y, p), rel=1e-5)


# -- softmax cross-entropy ----------------------------------------------------------------------
def _one_hot(k, n_classes):
    return np.eye(n_classes)[k]


def _softmax_ce(Y, logits):
    """(mean loss, dL/dz per sample) of ``softmax_cross_entropy_delta``, the logits left as they were."""
    before = logits.copy()
    delta = np.empty_like(logits)
    loss = softmax_cross_entropy_delta(logits, Y, out=delta)
    np.testing.assert_array_equal(logits, before)
    return loss, delta


def test_softmax_ce_equals_naive_minus_log_softmax_and_its_delta_is_p_minus_y():
    logits = rng.normal(0.0, 3.0, size=(15, 4))
    Y = _one_hot(rng.integers(0, 4, size=15), 4)
    naive_P = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    naive = -np.mean(np.log((naive_P * Y).sum(axis=1)))
    loss, delta = _softmax_ce(Y, logits)
    assert loss == pytest.approx(naive, rel=1e-13)
    # scikit-learn's log_loss on the probabilities (no clipping active here).
    assert loss == pytest.approx(log_loss(Y, softmax(logits)), rel=1e-12)
    np.testing.assert_allclose(delta, naive_P - Y, rtol=1e-13, atol=1e-15)


def test_softmax_ce_is_finite_for_huge_logits():
    logits = np.array([[1e4, -1e4, 0.0], [1e4, 1e4, 1e4], [-1e4, 1e4, 0.0]])
    Y = _one_hot(np.array([1, 2, 1]), 3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is fine
            loss, delta = _softmax_ce(Y, logits)
    # Row 0: wrong by 2e4 -> 2e4; row 1: uniform -> log 3; row 2: right by 1e4 -> ~0.
    assert np.isfinite(loss)
    assert loss == pytest.approx((2e4 + np.log(3) + 0.0) / 3, rel=1e-12)
    np.testing.assert_allclose(delta, [[1, -1, 0], [1 / 3, 1 / 3, -2 / 3], [0, 0, 0]], atol=1e-15)


def test_softmax_ce_float32():
    logits = rng.normal(0.0, 2.0, size=(10, 3))
    Y = _one_hot(rng.integers(0, 3, size=10), 3)
    loss32, delta32 = _softmax_ce(Y.astype(np.float32), logits.astype(np.float32))
    loss64, delta64 = _softmax_ce(Y, logits)
    assert loss32 == pytest.approx(loss64, rel=1e-5)
    assert delta32.dtype == np.float32
    np.testing.assert_allclose(delta32, delta64, atol=1e-6)


@pytest.mark.parametrize("layout", ["C", "F", "rows of a column-major array"])
def test_softmax_ce_is_the_same_for_every_memory_layout(layout):
    # The network's work arrays are column-major and a mini-batch's targets are a slice of rows:
    # the loss sums the true classes' logits one way for contiguous columns, another for strided.
    logits = rng.normal(0.0, 2.0, size=(12, 5))
    Y = _one_hot(rng.integers(0, 5, size=12), 5)
    if layout == "rows of a column-major array":
        logits_in = np.asfortranarray(np.vstack([logits, logits]))[:12]
        Y_in = np.asfortranarray(np.vstack([Y, Y]))[:12]
    else:
        logits_in, Y_in = np.asarray(logits, order=layout), np.asarray(Y, order=layout)
    loss, delta = _softmax_ce(Y_in, logits_in)
    reference_loss, reference_delta = _softmax_ce(np.ascontiguousarray(Y), np.ascontiguousarray(logits))
    assert loss == pytest.approx(reference_loss, rel=1e-14)
    np.testing.assert_allclose(delta, reference_delta, rtol=1e-14, atol=1e-16)


# -- squared error ------------------------------------------------------------------------------
@pytest.mark.parametrize("n_outputs", [1, 3])
def test_squared_error_matches_sklearn(n_outputs):
    y = rng.normal(size=(12, n_outputs))
    yhat = rng.normal(size=(12, n_outputs))
    assert squared_error(y, yhat) == pytest.approx(squared_loss(y, yhat), rel=1e-14)
    assert squared_error(y, yhat) == pytest.approx(0.5 * np.mean((y - yhat) ** 2), rel=1e-14)
    assert squared_error(y, y) == 0.0


# -- output delta: gradient of the mean loss w.r.t. z is (output - y) / n --------------------------
def test_output_delta_is_gradient_of_each_head():
    n, h = 5, 1e-6
    z = rng.normal(size=(n, 3))
    Y = _one_hot(rng.integers(0, 3, size=n), 3)
    y1 = rng.integers(0, 2, size=(n, 1)).astype(float)
    cases = [  # (loss(z), output(z), targets)
        (lambda z: _softmax_ce(Y, z)[0], softmax, Y, z),
        (lambda z: binary_cross_entropy(y1, 1 / (1 + np.exp(-z))), lambda z: 1 / (1 + np.exp(-z)), y1, z[:, :1]),
        (lambda z: squared_error(Y, z), lambda z: z, Y, z),
    ]
    for loss, output, targets, z0 in cases:
        numeric = np.zeros_like(z0)
        for idx in np.ndindex(z0.shape):
            zp, zm = z0.copy(), z0.copy()
            zp[idx] += h
            zm[idx] -= h
            numeric[idx] = (loss(zp) - loss(zm)) / (2 * h)
        analytic = output_delta(targets, output(z0)) / n
        if loss is cases[2][0]:
            analytic = analytic / z0.shape[1]  # squared error also averages over outputs
        np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-9)
    # The softmax loss's own delta is the same gradient.
    np.testing.assert_allclose(_softmax_ce(Y, z)[1], output_delta(Y, softmax(z)), rtol=1e-13, atol=1e-15)


def test_output_delta_out_argument():
    y, p = np.array([[1.0], [0.0]]), np.array([[0.25], [0.5]])
    buf = np.empty_like(p)
    assert output_delta(y, p, out=buf) is buf
    np.testing.assert_array_equal(buf, [[-0.75], [0.5]])


def test_heads():
    assert head_for("classification", 1) == HEADS["binary"]
    assert head_for("classification", 3) == HEADS["softmax"]
    assert head_for("regression", 2) == HEADS["regression"]
    with pytest.raises(ValueError):
        head_for("clustering", 1)


# -- perceptron loss ----------------------------------------------------------------------------
def test_perceptron_loss_values():
    y = np.array([[1.0], [1.0], [-1.0], [-1.0], [1.0]])
    z = np.array([[2.0], [-3.0], [-0.5], [4.0], [0.0]])
    # max(0, -y z): 0, 3, 0, 4, 0  -> mean 7/5
    assert perceptron_loss(y, z) == pytest.approx(7 / 5)
    assert perceptron_loss(y, np.abs(z) * y + y) == 0.0  # all on the right side


def test_perceptron_loss_gradient():
    y = np.array([[1.0, -1.0], [1.0, 1.0], [-1.0, -1.0]])
    z = np.array([[2.0, 0.5], [-3.0, 0.0], [-0.5, 4.0]], dtype=np.float32)
    g = perceptron_loss_gradient(y, z)
    assert g.dtype == np.float32
    # -y where y z <= 0 (misclassified or on the boundary), else 0.
    np.testing.assert_array_equal(g, [[0, 1], [-1, -1], [0, 1]])
    # It is the (sub)gradient of the summed loss: central differences away from the kink.
    zz = np.array([[2.0, 0.5], [-3.0, 0.2], [-0.5, 4.0]])
    h = 1e-6
    numeric = np.zeros_like(zz)
    for idx in np.ndindex(zz.shape):
        zp, zm = zz.copy(), zz.copy()
        zp[idx] += h
        zm[idx] -= h
        numeric[idx] = (perceptron_loss(y, zp) - perceptron_loss(y, zm)) * zz.shape[0] / (2 * h)
    np.testing.assert_allclose(perceptron_loss_gradient(y, zz), numeric, atol=1e-8)
