"""Activations against their definitions, derivatives against central differences (no Qt)."""

import warnings

import numpy as np
import pytest

from model.nn import activations as act
from model.nn.activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, LEAKY_SLOPE, get_activation

# Points away from 0, where relu / leaky relu / step have their kink.
_rng = np.random.default_rng(1234)
Z = _rng.uniform(-4.0, 4.0, size=(7, 5))
Z[np.abs(Z) < 0.05] += 0.1

DEFINITIONS = {
    "identity": lambda z: z,
    "logistic": lambda z: 1.0 / (1.0 + np.exp(-z)),
    "tanh": lambda z: (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z)),
    "relu": lambda z: np.where(z > 0, z, 0.0),
    "leaky_relu": lambda z: np.where(z > 0, z, LEAKY_SLOPE * z),
    "softplus": lambda z: np.log1p(np.exp(z)),
    "step": lambda z: np.where(z >= 0, 1.0, 0.0),
}


def test_registry_holds_every_activation():
    assert {name for name, a in ACTIVATIONS.items() if a.elementwise} == set(DEFINITIONS)
    assert set(HIDDEN_ACTIVATIONS) <= set(DEFINITIONS) and "step" not in HIDDEN_ACTIVATIONS
    # softmax, the multi-class output, is registered too but couples a layer's units: never hidden, no f'(z)
    assert not ACTIVATIONS["softmax"].elementwise and "softmax" not in HIDDEN_ACTIVATIONS
    with pytest.raises(TypeError, match="cross-entropy"):
        ACTIVATIONS["softmax"].derivative(np.ones((2, 3)))
    assert get_activation("tanh").function is act.tanh
    with pytest.raises(ValueError, match="unknown activation"):
        get_activation("swish")


@pytest.mark.parametrize("name", sorted(DEFINITIONS))
def test_activation_matches_definition(name):
    f = ACTIVATIONS[name].function
    # logistic is computed as 0.5(1 + tanh(z/2)): exact to ~1 ulp of 1 in absolute terms.
    np.testing.assert_allclose(f(Z), DEFINITIONS[name](Z), rtol=1e-12, atol=1e-15)


def test_step_is_one_at_zero_and_sign_is_pm1():
    z = np.array([-2.0, -1e-300, 0.0, 1e-300, 3.0])
    np.testing.assert_array_equal(act.step(z), [0, 0, 1, 1, 1])
    np.testing.assert_array_equal(act.sign(z), [-1, -1, 1, 1, 1])


@pytest.mark.parametrize("name", sorted(DEFINITIONS))
def test_derivative_matches_central_differences(name):
    """f'(z) given through a = f(z) equals (f(z+h) - f(z-h)) / 2h."""
    a = ACTIVATIONS[name]
    h = 1e-6
    numeric = (a.function(Z + h) - a.function(Z - h)) / (2 * h)
    analytic = a.derivative(a.function(Z))
    np.testing.assert_allclose(analytic, numeric, rtol=1e-7, atol=1e-9)


def test_is_identity_flag_only_on_identity():
    assert [n for n, a in ACTIVATIONS.items() if a.is_identity] == ["identity"]


@pytest.mark.parametrize("name", sorted(DEFINITIONS))
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_out_argument_in_place_and_separate(name, dtype):
    a = ACTIVATIONS[name]
    z = Z.astype(dtype)
    expected = a.function(z.copy())
    assert expected.dtype == dtype

    # A separate output buffer is filled and returned; z is left alone.
    buf = np.empty_like(z)
    z_before = z.copy()
    assert a.function(z, out=buf) is buf
    np.testing.assert_array_equal(buf, expected)
    np.testing.assert_array_equal(z, z_before)

    # out=z works in place.
    zz = z.copy()
    assert a.function(zz, out=zz) is zz
    np.testing.assert_array_equal(zz, expected)

    # Derivatives: into a separate buffer, and in place over the activations themselves.
    d_expected = a.derivative(expected.copy())
    assert d_expected.dtype == dtype
    dbuf = np.empty_like(z)
    assert a.derivative(expected, out=dbuf) is dbuf
    np.testing.assert_array_equal(dbuf, d_expected)
    aa = expected.copy()
    assert a.derivative(aa, out=aa) is aa
    np.testing.assert_array_equal(aa, d_expected)


def test_logistic_has_no_overflow_or_warning_for_huge_inputs():
    z = np.array([-1e4, -1000.0, -745.0, -40.0, 0.0, 40.0, 745.0, 1000.0, 1e4])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            for dtype in (np.float32, np.float64):
                p = act.logistic(z.astype(dtype))
                assert p.dtype == dtype
                assert np.all(np.isfinite(p)) and np.all((p >= 0) & (p <= 1))
                assert p[0] == 0.0 and p[-1] == 1.0 and p[4] == 0.5
                assert np.all(np.diff(p) >= 0)  # monotone
                d = act.logistic_derivative(p)
                assert np.all(np.isfinite(d)) and np.all(d >= 0)
                # Out-of-place and in-place agree.
                zz = z.astype(dtype)
                np.testing.assert_array_equal(act.logistic(zz, out=zz), p)


def test_softmax_rows_sum_to_one_for_huge_logits():
    Zs = np.array(
        [
            [1e4, -1e4, 0.0],
            [1e4, 1e4, 1e4],
            [-1e4, -1e4 + 1.0, -1e4],
            [300.0, 299.0, -5e3],
            [1e300, 1e300, 1e300 * 0.5],
            [0.0, 0.0, 0.0],
        ]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is fine
            P = act.softmax(Zs)
    assert np.all(np.isfinite(P)) and np.all(P >= 0)
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=0, atol=1e-15)
    np.testing.assert_array_equal(P[0], [1.0, 0.0, 0.0])
    np.testing.assert_allclose(P[1], 1 / 3, rtol=1e-15)
    e = np.exp([0.0, 1.0, 0.0])
    np.testing.assert_allclose(P[2], e / e.sum(), rtol=1e-15)
    np.testing.assert_allclose(P[3, :2], [1 / (1 + np.exp(-1)), 1 / (1 + np.exp(1))], rtol=1e-14)


def test_softmax_matches_naive_formula_and_works_in_place():
    z = _rng.normal(0.0, 3.0, size=(6, 4))
    naive = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(act.softmax(z), naive, rtol=1e-13)
    zz = z.copy()
    assert act.softmax(zz, out=zz) is zz
    np.testing.assert_allclose(zz, naive, rtol=1e-13)
    z32 = z.astype(np.float32)
    assert act.softmax(z32).dtype == np.float32


def test_softplus_has_no_overflow_and_keeps_its_small_values():
    """log(1 + e^z) for huge z is z (e^z alone would overflow), for very negative z the tiny e^z (log1p(e^z) of a
    naive 1 + e^z would round it to 0), and its slope σ(z), taken through a, keeps those tiny values too."""
    z = np.array([-1e4, -700.0, -40.0, 0.0, 40.0, 700.0, 1e4])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is fine
            for dtype in (np.float32, np.float64):
                a = act.softplus(z.astype(dtype))
                assert a.dtype == dtype and np.all(np.isfinite(a)) and np.all(a >= 0)
                assert a[-1] == 1e4 and a[3] == pytest.approx(np.log(2.0), rel=1e-6)
                slope = act.softplus_derivative(a)
                assert slope[0] == 0.0 and slope[3] == pytest.approx(0.5, rel=1e-6) and slope[-1] == 1.0
    a = act.softplus(np.array([-40.0, -700.0]))
    np.testing.assert_allclose(a, np.exp([-40.0, -700.0]), rtol=1e-12)
    np.testing.assert_allclose(act.softplus_derivative(a), np.exp([-40.0, -700.0]), rtol=1e-12)
