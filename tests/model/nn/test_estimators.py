"""The scikit-learn compatible estimators of ``model.nn.estimators``.

The central claim: where the same options are chosen, the maths is scikit-learn's.
From the same starting weights, ``MLPClassifier``/``MLPRegressor`` here and in
``sklearn.neural_network`` make the same updates (to rounding, rtol 1e-10 in
float64): one full-batch SGD epoch for every activation, and several epochs of
momentum, Nesterov and Adam on mini-batches. With the default ``weight_init='glorot'``
even the initial weights and the shuffles are the same, so whole runs from one
``random_state`` coincide, stopping rule included.

Starting weights are given to both libraries the same way, through their public
attributes: fit one epoch (to create the network), assign ``coefs_`` and
``intercepts_``, then continue with ``warm_start=True`` or ``partial_fit``.
"""

import copy
import itertools
import pickle
import subprocess
import sys
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn import linear_model as sk_linear
from sklearn import neural_network as sk_nn
from sklearn.base import clone
from sklearn.exceptions import ConvergenceWarning, NotFittedError
from sklearn.utils._param_validation import InvalidParameterError
from sklearn.utils.estimator_checks import check_estimators_data_not_an_array

from model import LogisticRegression, MLPClassifier, MLPRegressor, Perceptron
from tests.paths import ROOT

RTOL = 1e-10
ATOL = 1e-13  # for entries that are (nearly) zero, e.g. dead ReLU units

N_SAMPLES, N_FEATURES = 40, 3


# -- data and helpers --------------------------------------------------------------------------
def make_problem(kind, seed=0):
    rng = np.random.RandomState(seed)
    X = rng.randn(N_SAMPLES, N_FEATURES)
    if kind == "binary":
        y = (X[:, 0] + X[:, 1] ** 2 > 0.5).astype(int)
    elif kind == "multiclass":
        y = np.array(["a", "b", "c"])[np.digitize(X[:, 0] - X[:, 2], [-0.6, 0.6])]
    elif kind == "regression":
        y = np.sin(X[:, 0]) + 0.5 * X[:, 1] * X[:, 2]
    elif kind == "regression2":
        y = np.c_[np.sin(X[:, 0]) + X[:, 1], X[:, 1] * X[:, 2]]
    else:
        raise ValueError(kind)
    return X, y


def n_outputs(kind):
    return {"binary": 1, "multiclass": 3, "regression": 1, "regression2": 2}[kind]


def estimators(kind, **params):
    """(ours, scikit-learn's) with the same parameters."""
    if kind in ("binary", "multiclass"):
        return MLPClassifier(**params), sk_nn.MLPClassifier(**params)
    return MLPRegressor(**params), sk_nn.MLPRegressor(**params)


def random_weights(layer_sizes, seed=1):
    """Starting weights unrelated to either library's initialisation."""
    rng = np.random.RandomState(seed)
    coefs = [rng.uniform(-0.7, 0.7, (i, o)) for i, o in itertools.pairwise(layer_sizes)]
    intercepts = [rng.uniform(-0.3, 0.3, o) for o in layer_sizes[1:]]
    return coefs, intercepts


def start_from(est, X, y, coefs, intercepts):
    """Create the network with a one-epoch fit, then put the given weights in."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        est.set_params(max_iter=1, warm_start=False).fit(X, y)
    est.coefs_ = [c.copy() for c in coefs]
    est.intercepts_ = [b.copy() for b in intercepts]
    return est


def fit_more(est, X, y, epochs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return est.set_params(max_iter=epochs, warm_start=True).fit(X, y)


def assert_same_weights(ours, theirs, rtol=RTOL, atol=ATOL):
    assert len(ours.coefs_) == len(theirs.coefs_)
    for a, b in zip(ours.coefs_, theirs.coefs_):
        assert_allclose(a, b, rtol=rtol, atol=atol)
    for a, b in zip(ours.intercepts_, theirs.intercepts_):
        assert_allclose(a, b, rtol=rtol, atol=atol)


def assert_same_losses(ours, theirs, kind, epochs, alpha, coefs_before):
    """loss_curve_ of the last ``epochs`` epochs.

    For several regression outputs our core reports the squared error summed over
    outputs (the function its gradient descends), scikit-learn the mean over outputs
    (scikit-learn issue #8349): the same updates, a loss n_outputs times larger.
    Only checked for one epoch in that case, where the penalty is known.
    """
    a, b = np.array(ours.loss_curve_[-epochs:]), np.array(theirs.loss_curve_[-epochs:])
    k = n_outputs(kind)
    if kind == "regression2":
        assert epochs == 1
        penalty = 0.5 * alpha * sum(float((W**2).sum()) for W in coefs_before) / N_SAMPLES
        b = k * (b - penalty) + penalty
    assert_allclose(a, b, rtol=RTOL)


# -- the same updates as scikit-learn ----------------------------------------------------------
@pytest.mark.parametrize("kind", ["binary", "multiclass", "regression", "regression2"])
@pytest.mark.parametrize("activation", ["identity", "logistic", "tanh", "relu"])
def test_one_full_batch_sgd_epoch_matches_sklearn(kind, activation):
    X, y = make_problem(kind)
    params = dict(
        hidden_layer_sizes=(5, 4),
        activation=activation,
        solver="sgd",
        momentum=0.0,
        batch_size=N_SAMPLES,
        shuffle=False,
        alpha=0.01,
        learning_rate_init=0.1,
        random_state=0,
    )
    coefs, intercepts = random_weights([N_FEATURES, 5, 4, n_outputs(kind)])
    ours, theirs = (start_from(est, X, y, coefs, intercepts) for est in estimators(kind, **params))
    fit_more(ours, X, y, 1)
    fit_more(theirs, X, y, 1)
    assert ours.n_iter_ == theirs.n_iter_ == 1
    assert_same_weights(ours, theirs)
    assert_same_losses(ours, theirs, kind, 1, 0.01, coefs)
    # The weights did move (the comparison is not between two unchanged copies).
    assert not np.allclose(ours.coefs_[0], coefs[0])


@pytest.mark.parametrize("kind", ["binary", "multiclass", "regression2"])
def test_partial_fit_matches_sklearn_from_assigned_weights(kind):
    """partial_fit continues from weights the user assigned, in all three ways."""
    X, y = make_problem(kind)
    params = dict(
        hidden_layer_sizes=(6,),
        activation="tanh",
        solver="sgd",
        momentum=0.0,
        batch_size=N_SAMPLES,
        shuffle=False,
        alpha=0.001,
        learning_rate_init=0.2,
        random_state=0,
    )
    coefs, intercepts = random_weights([N_FEATURES, 6, n_outputs(kind)], seed=5)
    ours, theirs = (start_from(est, X, y, coefs, intercepts) for est in estimators(kind, **params))
    # Overwrite ours again, item by item and in place: the network must see each write.
    ours.coefs_ = [np.zeros_like(c) for c in coefs]
    ours.coefs_[0] = coefs[0]
    ours.coefs_[1][...] = coefs[1]
    for _ in range(3):
        ours.partial_fit(X, y)
        theirs.partial_fit(X, y)
    assert_same_weights(ours, theirs)


@pytest.mark.parametrize("kind", ["multiclass", "regression"])
@pytest.mark.parametrize(
    "optimizer",
    [
        dict(solver="sgd", momentum=0.9, nesterovs_momentum=False),
        dict(solver="sgd", momentum=0.8, nesterovs_momentum=True),
        dict(solver="adam", beta_1=0.85, beta_2=0.99, epsilon=1e-7),
    ],
)
def test_momentum_nesterov_adam_on_mini_batches_match_sklearn(kind, optimizer):
    X, y = make_problem(kind, seed=3)
    params = dict(
        hidden_layer_sizes=(6, 5),
        activation="relu",
        batch_size=7,
        shuffle=False,
        alpha=0.003,
        learning_rate_init=0.05,
        random_state=0,
        **optimizer,
    )
    coefs, intercepts = random_weights([N_FEATURES, 6, 5, n_outputs(kind)], seed=2)
    ours, theirs = (start_from(est, X, y, coefs, intercepts) for est in estimators(kind, **params))
    epochs = 5
    fit_more(ours, X, y, epochs)
    fit_more(theirs, X, y, epochs)
    assert ours.n_iter_ == theirs.n_iter_ == epochs
    assert_same_weights(ours, theirs)
    assert_same_losses(ours, theirs, kind, epochs, 0.003, coefs)


@pytest.mark.parametrize("kind", ["binary", "multiclass", "regression"])
def test_whole_runs_from_the_same_random_state_match_sklearn(kind):
    """Default solver (adam), shuffling, glorot initialisation, the stopping rule."""
    X, y = make_problem(kind, seed=4)
    params = dict(
        hidden_layer_sizes=(8,),
        activation="logistic",
        batch_size=16,
        learning_rate_init=0.02,
        tol=1e-3,
        n_iter_no_change=4,
        max_iter=300,
        random_state=7,
    )
    ours, theirs = estimators(kind, **params)
    ours.fit(X, y)
    theirs.fit(X, y)
    assert ours.n_iter_ == theirs.n_iter_ < 300  # stopped by the same rule at the same epoch
    # Over ~150 epochs rounding differences (summation order) may grow a little: 1e-8.
    assert_allclose(ours.loss_curve_, theirs.loss_curve_, rtol=1e-8)
    assert_same_weights(ours, theirs, rtol=1e-8, atol=1e-11)
    assert_allclose(
        ours.predict(X[:5]) if kind.startswith("regression") else ours.predict_proba(X[:5]),
        theirs.predict(X[:5]) if kind.startswith("regression") else theirs.predict_proba(X[:5]),
        rtol=1e-8,
    )
    assert ours.t_ == theirs.t_
    assert ours.best_loss_ == pytest.approx(theirs.best_loss_, rel=1e-8)


def test_l1_adds_l1_sign_over_n_to_the_gradient():
    X, y = make_problem("binary")
    coefs, intercepts = random_weights([N_FEATURES, 4, 1])
    runs = {}
    for l1 in (0.0, 0.3):
        est = MLPClassifier(
            hidden_layer_sizes=(4,),
            activation="tanh",
            solver="sgd",
            momentum=0.0,
            alpha=0.0,
            l1=l1,
            shuffle=False,
            learning_rate_init=0.1,
        )
        runs[l1] = fit_more(start_from(est, X, y, coefs, intercepts), X, y, 1)
    for W0, a, b in zip(coefs, runs[0.3].coefs_, runs[0.0].coefs_):
        assert_allclose(a - b, -0.1 * 0.3 * np.sign(W0) / N_SAMPLES, rtol=1e-8, atol=1e-14)
    for a, b in zip(runs[0.3].intercepts_, runs[0.0].intercepts_):  # biases are not penalised
        assert_allclose(a, b, rtol=1e-12)


# -- coefs_ / intercepts_ ----------------------------------------------------------------------
def test_coefs_are_views_in_sklearn_layout():
    X, y = make_problem("multiclass")
    est = MLPClassifier(hidden_layer_sizes=(5, 4), max_iter=3, random_state=0)
    with pytest.warns(ConvergenceWarning):
        est.fit(X, y)
    assert [W.shape for W in est.coefs_] == [(3, 5), (5, 4), (4, 3)]
    assert [b.shape for b in est.intercepts_] == [(5,), (4,), (3,)]
    assert all(np.shares_memory(W, est.network_.params) for W in est.coefs_)
    before = est.predict_proba(X)
    est.coefs_[2][...] = 0
    est.intercepts_[2][...] = [0.0, 5.0, 0.0]
    assert_array_equal(est.predict(X), np.full(N_SAMPLES, "b"))
    assert not np.allclose(est.predict_proba(X), before)


def test_assigning_coefs_checks_shapes_and_fitting():
    est = MLPRegressor(hidden_layer_sizes=(3,))
    assert not hasattr(est, "coefs_")
    with pytest.raises(NotFittedError):
        est.coefs_ = [np.zeros((2, 3)), np.zeros((3, 1))]
    X, y = make_problem("regression")
    with pytest.warns(ConvergenceWarning):
        est.set_params(max_iter=1).fit(X, y)
    with pytest.raises(ValueError, match="shape"):
        est.coefs_ = [np.zeros((2, 3)), np.zeros((3, 1))]
    with pytest.raises(ValueError, match="one per layer"):
        est.intercepts_ = [np.zeros(3)]
    with pytest.raises(ValueError, match="shape"):
        est.coefs_[1] = np.zeros(3)
    est.intercepts_ = [np.zeros(3), np.array([2.5])]
    est.coefs_ = [np.zeros((3, 3)), np.zeros((3, 1))]
    assert_allclose(est.predict(X), 2.5)


def test_pickle_and_deepcopy_keep_training_in_step():
    X, y = make_problem("multiclass")
    est = MLPClassifier(hidden_layer_sizes=(5,), solver="sgd", learning_rate_init=0.1, shuffle=False, random_state=0)
    est.partial_fit(X, y, classes=["a", "b", "c"])
    copies = [pickle.loads(pickle.dumps(est)), copy.deepcopy(est)]
    for _ in range(2):
        for e in [est, *copies]:
            e.partial_fit(X, y)
    for other in copies:
        assert_same_weights(other, est, rtol=0, atol=0)
        assert_array_equal(other.predict_proba(X), est.predict_proba(X))


# -- fit / partial_fit / warm_start rules ------------------------------------------------------
def test_max_iter_warns_and_partial_fit_does_not():
    X, y = make_problem("binary")
    est = MLPClassifier(hidden_layer_sizes=(3,), max_iter=2, random_state=0)
    with pytest.warns(ConvergenceWarning, match="Maximum iterations"):
        est.fit(X, y)
    assert est.n_iter_ == 2 and len(est.loss_curve_) == 2
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        est.partial_fit(X, y)
    assert est.n_iter_ == 1 and len(est.loss_curve_) == 3 and est.t_ == 3 * N_SAMPLES


def test_partial_fit_needs_classes_first_and_keeps_them():
    X, y = make_problem("multiclass")
    est = MLPClassifier(hidden_layer_sizes=(3,))
    with pytest.raises(ValueError, match="classes must be passed"):
        est.partial_fit(X, y)
    est.partial_fit(X[y != "c"], y[y != "c"], classes=["c", "a", "b"])
    assert_array_equal(est.classes_, ["a", "b", "c"])
    assert est.predict_proba(X).shape == (N_SAMPLES, 3)
    with pytest.raises(ValueError, match="not the same"):
        est.partial_fit(X, y, classes=["a", "b"])
    with pytest.raises(ValueError, match="classes not in"):
        est.partial_fit(X, np.where(y == "a", "z", y))


def test_warm_start_needs_the_same_classes_and_architecture():
    X, y = make_problem("multiclass")
    est = MLPClassifier(hidden_layer_sizes=(3,), max_iter=5, warm_start=True)
    with pytest.warns(ConvergenceWarning):
        est.fit(X, y)
    with pytest.raises(ValueError, match="same classes"):
        est.fit(X[y != "c"], y[y != "c"])
    with pytest.raises(ValueError, match="layer sizes"):
        est.set_params(hidden_layer_sizes=(4,)).fit(X, y)
    # A new activation keeps the weights (the layout is the same).
    weights = [W.copy() for W in est.coefs_]
    est.set_params(hidden_layer_sizes=(3,), activation="leaky_relu", max_iter=1, learning_rate_init=1e-12)
    with pytest.warns(ConvergenceWarning):
        est.fit(X, y)
    assert est.network_.hidden_activations == ("leaky_relu",)
    for a, b in zip(est.coefs_, weights):
        assert_allclose(a, b, atol=1e-9)


def test_multilabel_is_rejected_with_a_clear_message():
    X, _ = make_problem("binary")
    Y = (np.random.RandomState(0).rand(N_SAMPLES, 3) > 0.5).astype(int)
    with pytest.raises(ValueError, match="multi-label"):
        MLPClassifier().fit(X, Y)


def test_one_class_is_rejected():
    X, _ = make_problem("binary")
    for est in (MLPClassifier(), LogisticRegression(), Perceptron()):
        with pytest.raises(ValueError, match="1 class"):
            est.fit(X, np.ones(N_SAMPLES))


@pytest.mark.parametrize(
    "params, match",
    [
        (dict(activation="softsign"), "activation"),
        (dict(activation=("tanh", "relu")), "activation"),
        (dict(hidden_layer_sizes=(3, 0)), "hidden_layer_sizes"),
        (dict(solver="lbfgs"), "solver"),
        (dict(learning_rate_init=0.0), "learning_rate_init"),
        (dict(batch_size=0), "batch_size"),
        (dict(weight_init="zeros"), "weight_init"),
        (dict(dtype="float16"), "dtype"),
        (dict(momentum=1.5), "momentum"),
    ],
)
def test_invalid_parameters_raise_at_fit(params, match):
    X, y = make_problem("binary")
    est = MLPClassifier(**params)  # storing is not validating
    with pytest.raises(InvalidParameterError, match=match):
        est.fit(X, y)


def test_per_layer_activations_and_leaky_relu():
    X, y = make_problem("binary")
    est = MLPClassifier(
        hidden_layer_sizes=(6, 4),
        activation=("leaky_relu", "tanh"),
        weight_init="auto",
        max_iter=400,
        learning_rate_init=0.02,
        random_state=0,
    ).fit(X, y)
    assert est.network_.hidden_activations == ("leaky_relu", "tanh")
    assert est.score(X, y) > 0.9


def test_probabilities_and_scores():
    X, y = make_problem("multiclass")
    est = MLPClassifier(hidden_layer_sizes=(10,), learning_rate_init=0.05, max_iter=300, random_state=0).fit(X, y)
    proba = est.predict_proba(X)
    assert_allclose(proba.sum(axis=1), 1)
    assert_allclose(est.predict_log_proba(X), np.log(proba))
    assert_array_equal(est.predict(X), est.classes_[proba.argmax(axis=1)])
    assert est.score(X, y) > 0.9
    Xb, yb = make_problem("binary")
    binary = clone(est).fit(Xb, yb)
    assert binary.predict_proba(Xb).shape == (N_SAMPLES, 2)
    assert binary.coefs_[-1].shape == (10, 1) and binary.out_activation_ == "logistic"


@pytest.mark.parametrize("kind", ["binary", "multiclass"])
def test_probabilities_and_their_logs_match_sklearn_from_the_same_weights(kind):
    X, y = make_problem(kind)
    coefs, intercepts = random_weights([N_FEATURES, 5, n_outputs(kind)])
    params = dict(hidden_layer_sizes=(5,), activation="tanh", solver="sgd", random_state=0)
    ours, theirs = (start_from(est, X, y, coefs, intercepts) for est in estimators(kind, **params))
    assert_array_equal(ours.classes_, theirs.classes_)
    assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), rtol=RTOL, atol=ATOL)
    assert_allclose(ours.predict_log_proba(X), theirs.predict_log_proba(X), rtol=RTOL, atol=ATOL)
    assert ours.predict_log_proba(X).shape == (N_SAMPLES, 2 if kind == "binary" else 3)


def test_multi_output_regression():
    X, Y = make_problem("regression2")
    est = MLPRegressor(hidden_layer_sizes=(16,), learning_rate_init=0.03, max_iter=500, random_state=0).fit(X, Y)
    assert est.n_outputs_ == 2 and est.predict(X).shape == (N_SAMPLES, 2)
    assert est.score(X, Y) > 0.8
    single = MLPRegressor(hidden_layer_sizes=(4,), max_iter=2)
    with pytest.warns(ConvergenceWarning):
        single.fit(X, Y[:, 0])
    assert single.predict(X).shape == (N_SAMPLES,)


def test_float32_trains_in_single_precision_and_agrees_with_float64():
    X, y = make_problem("multiclass")
    runs = {}
    for dtype in ("float32", "float64"):
        est = MLPClassifier(
            hidden_layer_sizes=(6,),
            solver="sgd",
            learning_rate_init=0.1,
            shuffle=False,
            random_state=0,
            dtype=dtype,
            max_iter=5,
        )
        with pytest.warns(ConvergenceWarning):
            runs[dtype] = est.fit(X.astype(dtype), y)
    assert runs["float32"].network_.params.dtype == np.float32
    assert all(W.dtype == np.float32 for W in runs["float32"].coefs_)
    assert runs["float32"].predict_proba(X).dtype == np.float32
    assert_allclose(runs["float32"].predict_proba(X), runs["float64"].predict_proba(X), rtol=1e-4, atol=1e-5)


def test_not_an_array_inputs():
    """The NotAnArray half of scikit-learn's data-not-an-array checks (the pandas half
    is skipped there when pandas is not installed)."""
    X, y = make_problem("binary")
    for est in (
        Perceptron(max_iter=5),
        LogisticRegression(max_iter=5),
        MLPClassifier(hidden_layer_sizes=(3,), max_iter=5),
    ):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            check_estimators_data_not_an_array(type(est).__name__, est, X, y, "NotAnArray")
    Xr, yr = make_problem("regression")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        check_estimators_data_not_an_array("MLPRegressor", MLPRegressor((3,), max_iter=5), Xr, yr, "NotAnArray")


# -- logistic regression -----------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["binary", "multiclass"])
def test_logistic_regression_is_the_network_without_hidden_layer(kind):
    """Zero start, then the same gradient steps as scikit-learn's MLP with no hidden layer."""
    X, y = make_problem(kind)
    k = n_outputs(kind)
    ours = LogisticRegression(batch_size=10, shuffle=False, alpha=0.01, max_iter=6)
    with pytest.warns(ConvergenceWarning):
        ours.fit(X, y)
    theirs = sk_nn.MLPClassifier(
        hidden_layer_sizes=(),
        solver="sgd",
        momentum=0.0,
        batch_size=10,
        shuffle=False,
        alpha=0.01,
        learning_rate_init=0.1,
        random_state=0,
    )
    start_from(theirs, X, y, [np.zeros((N_FEATURES, k))], [np.zeros(k)])
    fit_more(theirs, X, y, 6)
    assert_same_weights(ours, theirs)
    assert_allclose(ours.loss_curve_, theirs.loss_curve_[-6:], rtol=RTOL)
    assert ours.coef_.shape == (k, N_FEATURES) and ours.intercept_.shape == (k,)
    assert_array_equal(ours.coef_, ours.coefs_[0].T)
    scores = ours.decision_function(X)
    assert scores.shape == ((N_SAMPLES,) if k == 1 else (N_SAMPLES, k))
    if k == 1:
        assert_allclose(ours.predict_proba(X)[:, 1], 1 / (1 + np.exp(-scores)), rtol=1e-12)
        assert_array_equal(ours.predict(X), ours.classes_[(scores > 0).astype(int)])
    else:
        assert_array_equal(ours.predict(X), ours.classes_[scores.argmax(axis=1)])


@pytest.mark.parametrize("kind", ["binary", "multiclass"])
def test_logistic_regression_reaches_sklearns_optimum(kind):
    """alpha = 1 / C: the same penalised loss, so the same minimiser."""
    X, y = make_problem(kind, seed=2)
    ours = LogisticRegression(
        solver="adam", alpha=1.0, learning_rate_init=0.05, max_iter=3000, n_iter_no_change=np.inf, shuffle=False
    )
    with pytest.warns(ConvergenceWarning):
        ours.fit(X, y)
    theirs = sk_linear.LogisticRegression(C=1.0, tol=1e-12, max_iter=10_000).fit(X, y)
    assert_allclose(ours.coef_, theirs.coef_, atol=1e-5)
    # Softmax intercepts are defined up to a common shift.
    shift = np.mean if kind == "multiclass" else (lambda b: 0)
    assert_allclose(ours.intercept_ - shift(ours.intercept_), theirs.intercept_ - shift(theirs.intercept_), atol=1e-5)


def test_logistic_regression_coef_is_assignable():
    X, y = make_problem("binary")
    est = LogisticRegression(max_iter=1)
    with pytest.warns(ConvergenceWarning):
        est.fit(X, y)
    est.coef_ = [[1.0, 0.0, 0.0]]
    est.intercept_ = [-0.25]
    assert_allclose(est.decision_function(X), X[:, 0] - 0.25)
    assert_allclose(est.coefs_[0][:, 0], [1.0, 0.0, 0.0])


# -- perceptron --------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["binary", "multiclass"])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_perceptron_matches_sklearns(kind, fit_intercept):
    """scikit-learn's Perceptron is the same rule from zero weights (SGD on the perceptron
    loss, eta0=1, no penalty), one-vs-rest."""
    X, y = make_problem(kind, seed=6)
    params = dict(shuffle=False, tol=None, max_iter=7, fit_intercept=fit_intercept)
    ours = Perceptron(**params)
    theirs = sk_linear.Perceptron(**params)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        ours.fit(X, y)
        theirs.fit(X, y)
    assert_allclose(ours.coef_, theirs.coef_, rtol=RTOL)
    assert_allclose(ours.intercept_, theirs.intercept_, rtol=RTOL)
    assert_array_equal(ours.predict(X), theirs.predict(X))
    assert_allclose(ours.decision_function(X), theirs.decision_function(X), rtol=1e-9)
    if not fit_intercept:
        assert_array_equal(ours.intercept_, 0)


def test_perceptron_stops_after_an_epoch_without_update():
    rng = np.random.RandomState(0)
    X = rng.uniform(-1, 1, (60, 2))
    X = X[np.abs(X[:, 0] + X[:, 1]) > 0.2]  # a margin: linearly separable
    y = (X[:, 0] + X[:, 1] > 0).astype(int)
    est = Perceptron(random_state=0, tol=None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        est.fit(X, y)
    assert est.n_iter_ < 1000 and est.loss_curve_[-1] == 0 and est.score(X, y) == 1
    assert est.coef_.shape == (1, 2) and est.intercept_.shape == (1,)


def test_perceptron_on_xor_warns_or_stops_on_the_loss():
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    y = np.array([0, 0, 1, 1])
    with pytest.warns(ConvergenceWarning):
        Perceptron(tol=None, max_iter=50, shuffle=False).fit(X, y)
    est = Perceptron(tol=1e-3, n_iter_no_change=5, max_iter=1000, shuffle=False).fit(X, y)
    assert est.n_iter_ < 1000 and est.score(X, y) < 1


def test_perceptron_partial_fit_is_one_epoch():
    X, y = make_problem("multiclass", seed=6)
    a = Perceptron(shuffle=False)
    for _ in range(3):
        a.partial_fit(X, y, classes=np.unique(y))
    b = Perceptron(shuffle=False, tol=None, max_iter=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        b.fit(X, y)
    assert a.n_iter_ == 1 and a.t_ == 3 * N_SAMPLES
    assert_array_equal(a.coef_, b.coef_)
    assert a.coef_.shape == (3, N_FEATURES)


def test_exports_are_lazy():
    """``import model`` does not import the estimators (nor scikit-learn's estimator code)."""
    code = "import sys, model\nassert 'model.nn.estimators' not in sys.modules and 'sklearn.base' not in sys.modules\n"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    import model
    from model.nn import estimators

    assert model.MLPClassifier is estimators.MLPClassifier
    assert set(model.__all__) == set(estimators.__all__) <= set(dir(model))
    with pytest.raises(AttributeError):
        _ = model.NoSuchEstimator


@pytest.mark.parametrize(
    "labels",
    [
        np.array([3, 7, 7, 3, 3]),
        np.array(["b", "a", "b", "b", "a"]),
        np.array([True, False, False, True, True]),
        np.array([2, 0, 1, 1, 2, 0]),
        np.array(["cat", "dog", "emu", "dog"], dtype=object),
    ],
)
def test_targets_are_what_label_binarizer_gives(labels):
    from sklearn.preprocessing import LabelBinarizer

    from model.nn.estimator_base import _targets

    binarizer = LabelBinarizer().fit(labels)
    for y in (labels, labels[::-1], labels[:2]):  # all classes, or some of them (partial_fit's batches)
        expected = binarizer.transform(y).astype(np.float32)
        got = _targets(y, binarizer.classes_, np.float32)
        assert got.dtype == np.float32 and np.array_equal(got, expected)
