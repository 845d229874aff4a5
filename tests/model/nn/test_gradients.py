"""Central-difference checks of Network.loss_and_gradient in float64 (no Qt).

Every hidden activation x every output head x 0..3 hidden layers x penalties on/off.
The data and weights are random but kept away from the kinks of relu (pre-activation 0)
and of the L1 penalty (weight 0), where the loss has no derivative.
"""

import numpy as np
import pytest

from model.nn.activations import HIDDEN_ACTIVATIONS
from model.nn.network import Network
from model.nn.param_layout import layer_views, n_params
from tests.model.nn.weight_mask import weight_mask

HIDDEN_SIZES = (5, 4, 3)
N_SAMPLES = 9
EPS = 1e-6

HEADS = {  # name -> (task, n_outputs)
    "binary": ("classification", 1),
    "softmax3": ("classification", 3),
    "mse1": ("regression", 1),
    "mse2": ("regression", 2),
}
PENALTIES = {"none": (0.0, 0.0), "alpha": (0.7, 0.0), "l1": (0.0, 0.3), "both": (0.7, 0.3)}


def _targets(task, n_outputs, rng):
    if task == "regression":
        return rng.normal(size=(N_SAMPLES, n_outputs))
    if n_outputs == 1:
        return rng.integers(0, 2, size=(N_SAMPLES, 1)).astype(np.float64)
    return np.eye(n_outputs)[rng.integers(0, n_outputs, size=N_SAMPLES)]


def _network(activation, head, n_hidden, seed):
    task, n_outputs = HEADS[head]
    rng = np.random.default_rng(seed)
    net = Network([2, *HIDDEN_SIZES[:n_hidden], n_outputs], activation, task, np.float64)
    # Weights of magnitude 0.2..1.2 with random signs: never at the L1 kink, never saturating.
    net.params[...] = rng.uniform(0.2, 1.2, net.params.shape) * rng.choice([-1.0, 1.0], net.params.shape)
    X = rng.uniform(0.3, 1.5, size=(N_SAMPLES, 2)) * rng.choice([-1.0, 1.0], size=(N_SAMPLES, 2))
    return net, X, _targets(task, n_outputs, rng)


def _numeric_gradient(net, X, Y, alpha, l1):
    params = net.params
    numeric = np.empty_like(params)
    for i in range(params.shape[0]):
        old = params[i]
        params[i] = old + EPS
        plus = net.loss(X, Y, alpha, l1)
        params[i] = old - EPS
        minus = net.loss(X, Y, alpha, l1)
        params[i] = old
        numeric[i] = (plus - minus) / (2 * EPS)
    return numeric


def _relu_kinks_are_far(net, X):
    """True when no hidden pre-activation lies within 1e-4 of 0 (then relu is smooth there)."""
    net.forward(X)
    return all(np.min(np.abs(layer.z)) > 1e-4 for layer in net.layers[:-1])


CASES = [
    (act, head, n_hidden, pen)
    for n_hidden in range(4)
    for act in (HIDDEN_ACTIVATIONS if n_hidden else ("identity",))  # no hidden layer: no activation
    for head in HEADS
    for pen in PENALTIES
]


@pytest.mark.parametrize("activation,head,n_hidden,penalty", CASES)
def test_gradient_matches_central_differences(activation, head, n_hidden, penalty):
    alpha, l1 = PENALTIES[penalty]
    # The same data for every penalty setting (str hash() is salted per process: not used).
    seed = sum(map(ord, f"{activation}{head}{n_hidden}"))
    net, X, Y = _network(activation, head, n_hidden, seed)
    assert _relu_kinks_are_far(net, X)

    loss = net.loss_and_gradient(X, Y, alpha, l1)
    analytic = net.grads.copy()
    assert loss == pytest.approx(net.loss(X, Y, alpha, l1), rel=1e-14)

    numeric = _numeric_gradient(net, X, Y, alpha, l1)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8)
    # The check is not vacuous: every layer's weights get a real gradient.
    assert all(np.abs(layer.dW).max() > 1e-4 for layer in net.layers)


def test_penalties_touch_weights_only_not_biases():
    net, X, Y = _network("tanh", "binary", 2, seed=3)
    net.loss_and_gradient(X, Y)
    plain = net.grads.copy()
    net.loss_and_gradient(X, Y, alpha=0.5, l1=0.2)
    with_penalty = net.grads.copy()
    is_weight = weight_mask(net.layer_sizes)
    assert is_weight.sum() == net.n_weights
    w = net.params[is_weight]
    np.testing.assert_allclose(
        with_penalty[is_weight] - plain[is_weight], (0.5 * w + 0.2 * np.sign(w)) / N_SAMPLES, rtol=1e-12, atol=1e-15
    )
    np.testing.assert_array_equal(with_penalty[~is_weight], plain[~is_weight])
    # Penalty values: scikit-learn's scaling.
    base = net.loss(X, Y)
    assert net.loss(X, Y, alpha=0.5) - base == pytest.approx(0.5 * 0.5 * w @ w / N_SAMPLES, rel=1e-12)
    assert net.loss(X, Y, l1=0.2) - base == pytest.approx(0.2 * np.abs(w).sum() / N_SAMPLES, rel=1e-12)


def test_per_layer_activations_and_repeated_calls():
    """Mixed activations, and a second call with another batch size (other work arrays) agrees."""
    rng = np.random.default_rng(11)
    net = Network([2, 4, 3, 3, 2], ("tanh", "leaky_relu", "logistic"), "classification", np.float64)
    net.params[...] = rng.uniform(0.2, 1.2, net.params.shape) * rng.choice([-1.0, 1.0], net.params.shape)
    X = rng.uniform(0.3, 1.5, size=(6, 2)) * rng.choice([-1.0, 1.0], size=(6, 2))
    Y = np.eye(2)[rng.integers(0, 2, size=6)]
    assert _relu_kinks_are_far(net, X)
    net.loss_and_gradient(X, Y, 0.1, 0.05)
    first = net.grads.copy()
    np.testing.assert_allclose(first, _numeric_gradient(net, X, Y, 0.1, 0.05), rtol=1e-6, atol=1e-8)
    net.loss_and_gradient(X[:4], Y[:4])  # another batch size in between
    net.loss_and_gradient(X, Y, 0.1, 0.05)
    np.testing.assert_array_equal(net.grads, first)


def _sklearn_backprop(est, X, Y):
    """scikit-learn's own loss and flat gradient at est's weights, in our layout."""
    n_layers = len(est.coefs_) + 1
    activations = [X] + [None] * (n_layers - 1)
    deltas = [None] * (n_layers - 1)
    coef_grads = [np.empty_like(c) for c in est.coefs_]
    intercept_grads = [np.empty_like(b) for b in est.intercepts_]
    loss, coef_grads, intercept_grads = est._backprop(X, Y, None, activations, deltas, coef_grads, intercept_grads)
    sizes = [coef_grads[0].shape[0]] + [g.shape[1] for g in coef_grads]
    flat = np.empty(n_params(sizes))
    for (W, b), dW, db in zip(layer_views(flat, sizes), coef_grads, intercept_grads, strict=True):
        W[...], b[...] = dW, db
    return loss, flat


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_gradient_matches_sklearn_mlp_classifier():
    """Same weights as a scikit-learn MLPClassifier: same loss and same gradient."""
    from sklearn.neural_network import MLPClassifier

    rng = np.random.default_rng(5)
    X = rng.normal(size=(12, 2))
    y = rng.integers(0, 2, size=12)
    clf = MLPClassifier(hidden_layer_sizes=(4, 3), activation="tanh", alpha=0.3, max_iter=1, random_state=0).fit(X, y)
    net = Network([2, 4, 3, 1], "tanh", "classification", np.float64)
    net.set_coefs(clf.coefs_, clf.intercepts_)
    Y = y[:, None].astype(np.float64)
    sk_loss, sk_grad = _sklearn_backprop(clf, X, Y)
    assert net.loss_and_gradient(X, Y, alpha=0.3) == pytest.approx(sk_loss, rel=1e-12)
    np.testing.assert_allclose(net.grads, sk_grad, rtol=1e-10, atol=1e-14)


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_multi_output_regression_gradient_matches_sklearn_and_loss_is_summed_over_outputs():
    """Same updates as scikit-learn's MLPRegressor; the loss is the function they descend.

    scikit-learn reports ½·mean over samples *and outputs*, while its gradient is that of
    ½·Σ over outputs, mean over samples (scikit-learn issue #8349). The network reports the
    latter (checked by central differences above), so it is n_outputs x scikit-learn's value.
    """
    from sklearn.neural_network import MLPRegressor

    rng = np.random.default_rng(6)
    X = rng.normal(size=(10, 2))
    Y = rng.normal(size=(10, 2))
    reg = MLPRegressor(hidden_layer_sizes=(5,), activation="relu", alpha=0.2, max_iter=1, random_state=0).fit(X, Y)
    net = Network([2, 5, 2], "relu", "regression", np.float64)
    net.set_coefs(reg.coefs_, reg.intercepts_)
    sk_loss, sk_grad = _sklearn_backprop(reg, X, Y)
    loss = net.loss_and_gradient(X, Y, alpha=0.2)
    np.testing.assert_allclose(net.grads, sk_grad, rtol=1e-10, atol=1e-14)
    w = net.params[weight_mask(net.layer_sizes)]
    penalty = 0.5 * 0.2 * float(w @ w) / 10
    assert loss - penalty == pytest.approx(2 * (sk_loss - penalty), rel=1e-12)


@pytest.mark.parametrize("head", ["binary", "regression"])
def test_large_batches_take_the_broadcast_outer_product_and_agree(head):
    """A one-unit output layer's W·deltaᵀ is np.dot below BROADCAST_OUTER_FROM samples and a
    broadcast multiply from there: a large batch's gradient is the weighted mean of the
    gradients of its halves (each below the threshold)."""
    from model.nn.layers import BROADCAST_OUTER_FROM

    task = "regression" if head == "regression" else "classification"
    rng = np.random.default_rng(11)
    net = Network([2, 5, 1], "tanh", task, np.float64)
    net.params[...] = rng.normal(size=net.params.shape)
    n = 2 * BROADCAST_OUTER_FROM - 2
    X = rng.normal(size=(n, 2))
    Y = rng.normal(size=(n, 1)) if head == "regression" else rng.integers(0, 2, size=(n, 1)).astype(np.float64)
    loss = net.loss_and_gradient(X, Y)
    whole = net.grads.copy()
    halves = []
    for rows in (slice(0, n // 2), slice(n // 2, n)):
        halves.append((net.loss_and_gradient(X[rows], Y[rows]), net.grads.copy()))
    assert n // 2 < BROADCAST_OUTER_FROM <= n
    np.testing.assert_allclose(whole, (halves[0][1] + halves[1][1]) / 2, rtol=1e-10, atol=1e-13)
    assert loss == pytest.approx((halves[0][0] + halves[1][0]) / 2, rel=1e-12)


class _CountingDot:
    """Stands in for NumPy in ``model.nn.layers``: counts ``np.dot`` calls, passes all else on."""

    def __init__(self):
        self.dots = 0

    def __getattr__(self, name):
        return getattr(np, name)

    def dot(self, *args, **kwargs):
        self.dots += 1
        return np.dot(*args, **kwargs)


@pytest.mark.parametrize("rows_apart_wanted", [True, False])
@pytest.mark.parametrize("n_inputs", [1, 2, 3, 4])
def test_large_batches_take_weight_gradient_rows_apart_and_agree(n_inputs, rows_apart_wanted, monkeypatch):
    """From ROWWISE_REMAINDER_FROM samples on, where the BLAS kernels want it, x1ᵀ·delta is a
    product of whole groups of four rows plus one matrix-vector product per remaining row.
    Layers of 2-5 input rows (the inputs), 7 (4 + 3) and 17 (16 + 1): a large batch's gradient
    is the weighted mean of its halves' (each below the threshold, one product per layer), and
    it took the rows apart exactly when the kernels want it."""
    import model.nn.blas as blas
    import model.nn.layers as layers

    monkeypatch.setattr(blas, "remainder_rows_cost_a_block", lambda: rows_apart_wanted)
    rng = np.random.default_rng(12)
    net = Network([n_inputs, 6, 16, 3], "tanh", "classification", np.float64)
    net.params[...] = rng.normal(scale=0.5, size=net.params.shape)
    n = 2 * layers.ROWWISE_REMAINDER_FROM - 2
    X = rng.normal(size=(n, n_inputs))
    Y = np.eye(3)[rng.integers(0, 3, size=n)]
    counter = _CountingDot()
    monkeypatch.setattr(layers, "np", counter)
    loss = net.loss_and_gradient(X, Y)
    whole, dots_whole = net.grads.copy(), counter.dots
    halves = []
    for rows in (slice(0, n // 2), slice(n // 2, n)):
        counter.dots = 0
        halves.append((net.loss_and_gradient(X[rows], Y[rows]), net.grads.copy()))
    assert n // 2 < layers.ROWWISE_REMAINDER_FROM <= n
    np.testing.assert_allclose(whole, (halves[0][1] + halves[1][1]) / 2, rtol=1e-10, atol=1e-13)
    assert loss == pytest.approx((halves[0][0] + halves[1][0]) / 2, rel=1e-12)
    rows_apart = {2: 2, 3: 3, 4: 1, 5: 2}[n_inputs + 1] - 1  # first layer: extra calls
    rows_apart += (1 + 3) - 1 + (1 + 1) - 1  # 7 rows: 4 + 3; 17 rows: 16 + 1
    assert dots_whole - counter.dots == (rows_apart if rows_apart_wanted else 0)


@pytest.mark.parametrize(("core", "wanted"), [("haswell", True), ("zen", True), ("skylakex", False), ("", True)])
def test_rows_are_taken_apart_for_the_kernels_that_want_it(core, wanted, monkeypatch):
    import model.nn.blas as blas

    monkeypatch.setattr(blas, "openblas_core", lambda: core)
    assert blas.remainder_rows_cost_a_block() is wanted


def test_the_blas_kernels_are_named():
    import model.nn.blas as blas

    # NumPy's wheels ship OpenBLAS: its kernels have a name (an empty one only for another BLAS).
    assert blas.openblas_core() == blas.openblas_core().lower()
    assert blas.openblas_core() != "" or "openblas" not in str(np.show_config(mode="dicts")).lower()
