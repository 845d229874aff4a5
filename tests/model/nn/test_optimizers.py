"""Optimizers against scikit-learn's SGDOptimizer / AdamOptimizer, step for step (no Qt).

scikit-learn's optimizers work on a list of arrays (coefs_ then intercepts_); ours on one
flat vector. Both get the same numbers: the flat vector is the concatenation of the list.
"""

import numpy as np
import pytest
from sklearn.neural_network._stochastic_optimizers import AdamOptimizer, SGDOptimizer

from model.nn.optimizers import OPTIMIZERS, SGD, Adam, make_optimizer

SHAPES = [(2, 3), (3, 1), (3,), (1,)]  # like coefs_ + intercepts_ of a 2-3-1 network
N_STEPS = 12


def _flat(arrays):
    return np.concatenate([a.ravel() for a in arrays])


def _problem(seed=0):
    rng = np.random.default_rng(seed)
    params = [rng.normal(size=s) for s in SHAPES]
    grads = [[rng.normal(size=s) * (1 + k) for s in SHAPES] for k in range(N_STEPS)]
    return params, grads


def _ours(name, lr):
    return {
        "sgd": lambda: SGD(lr),
        "momentum": lambda: SGD(lr, momentum=0.9),
        "nesterov": lambda: SGD(lr, momentum=0.9, nesterov=True),
        "adam": lambda: Adam(lr, 0.9, 0.999, 1e-8),
    }[name]()


def _sklearn(name, params, lr):
    if name == "adam":
        return AdamOptimizer(params, learning_rate_init=lr, beta_1=0.9, beta_2=0.999, epsilon=1e-8)
    momentum = 0.0 if name == "sgd" else 0.9
    return SGDOptimizer(
        params, learning_rate_init=lr, lr_schedule="constant", momentum=momentum, nesterov=name == "nesterov"
    )


def _set_lr(name, sk, ours, lr):
    ours.learning_rate = lr
    if name == "adam":
        sk.learning_rate_init = lr  # Adam recomputes its step size from learning_rate_init
    else:
        sk.learning_rate = lr


@pytest.mark.parametrize("name", ["sgd", "momentum", "nesterov", "adam"])
def test_matches_sklearn_step_by_step(name):
    params, grads = _problem()
    sk_params = [p.copy() for p in params]
    sk = _sklearn(name, sk_params, 0.05)
    flat = _flat(params)
    ours = _ours(name, 0.05)
    for k, g in enumerate(grads):
        sk.update_params(sk_params, g)
        ours.step(flat, _flat(g))
        np.testing.assert_allclose(flat, _flat(sk_params), rtol=1e-13, atol=1e-15, err_msg=f"step {k + 1}")
    assert not np.allclose(flat, _flat(params))  # it did move


@pytest.mark.parametrize("name", ["sgd", "momentum", "nesterov", "adam"])
def test_learning_rate_change_applies_to_the_next_step(name):
    params, grads = _problem(1)
    sk_params = [p.copy() for p in params]
    sk = _sklearn(name, sk_params, 0.05)
    flat = _flat(params)
    ours = _ours(name, 0.05)
    rates = [0.05, 0.05, 0.2, 0.2, 0.01, 0.3, 0.3, 0.3, 0.05, 0.05, 0.05, 0.05]
    for k, (g, lr) in enumerate(zip(grads, rates)):
        before = flat.copy()
        _set_lr(name, sk, ours, lr)
        sk.update_params(sk_params, g)
        ours.step(flat, _flat(g))
        np.testing.assert_allclose(flat, _flat(sk_params), rtol=1e-13, atol=1e-15, err_msg=f"step {k + 1}")
        if name == "sgd":  # plain SGD: the step is exactly lr·grad
            np.testing.assert_allclose(before - flat, lr * _flat(g), rtol=1e-12)


@pytest.mark.parametrize("name", ["sgd", "momentum", "nesterov", "adam"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_state_round_trip_resumes_identically(name, dtype):
    params, grads = _problem(2)
    flat = _flat(params).astype(dtype)
    grads = [_flat(g).astype(dtype) for g in grads]
    first = _ours(name, 0.05)
    for g in grads[:5]:
        first.step(flat, g)
    saved_state, saved_params = first.state(), flat.copy()

    for g in grads[5:]:  # the original goes on...
        first.step(flat, g)
        # ...which must not change the saved state (it is a copy).
    resumed = _ours(name, 0.05)
    resumed.load_state(saved_state)
    resumed_params = saved_params.copy()
    for g in grads[5:]:
        resumed.step(resumed_params, g)
    assert resumed_params.dtype == dtype
    np.testing.assert_array_equal(resumed_params, flat)


@pytest.mark.parametrize("name", ["momentum", "nesterov", "adam"])
def test_without_state_the_run_differs(name):
    """The round trip is not vacuous: a fresh optimizer (no velocity / moments) goes elsewhere."""
    params, grads = _problem(3)
    a, b = _flat(params), _flat(params)
    opt = _ours(name, 0.05)
    for g in grads[:5]:
        opt.step(a, _flat(g))
    b[...] = a
    fresh = _ours(name, 0.05)
    for g in grads[5:]:
        opt.step(a, _flat(g))
        fresh.step(b, _flat(g))
    assert not np.allclose(a, b)


def test_reset_forgets_state():
    params, grads = _problem(4)
    for name in ("momentum", "adam"):
        opt = _ours(name, 0.1)
        p = _flat(params)
        opt.step(p, _flat(grads[0]))
        opt.reset()
        # After a reset the next step is the very first step of a fresh optimizer.
        fresh = _ours(name, 0.1)
        p2 = p.copy()
        opt.step(p, _flat(grads[1]))
        fresh.step(p2, _flat(grads[1]))
        np.testing.assert_array_equal(p, p2)


def test_first_adam_step_is_about_lr_times_sign():
    """With bias correction, the first Adam step is exactly lr·g / (|g| + eps/sqrt(1 - β2)),
    about lr·sign(g) whatever the gradient's scale."""
    g = np.array([3.0, -0.5, 1e-3])
    p = np.zeros(3)
    Adam(0.01).step(p, g)
    np.testing.assert_allclose(p, -0.01 * g / (np.abs(g) + 1e-8 / np.sqrt(1 - 0.999)), rtol=1e-12)
    np.testing.assert_allclose(p, -0.01 * np.sign(g), rtol=1e-3)


def test_make_optimizer():
    assert OPTIMIZERS == ("sgd", "momentum", "nesterov", "adam")
    sgd = make_optimizer("sgd", 0.1)
    assert isinstance(sgd, SGD) and sgd.momentum == 0 and sgd.learning_rate == 0.1
    mom = make_optimizer("momentum", 0.1, momentum=0.8)
    assert mom.momentum == 0.8 and not mom.nesterov
    assert make_optimizer("nesterov", 0.1).nesterov
    adam = make_optimizer("adam", 0.01, beta_1=0.8, beta_2=0.99, epsilon=1e-7)
    assert isinstance(adam, Adam) and (adam.beta_1, adam.beta_2, adam.epsilon) == (0.8, 0.99, 1e-7)
    with pytest.raises(ValueError, match="unknown optimizer"):
        make_optimizer("rmsprop", 0.1)
