"""Activation functions and their derivatives.

Every activation is a pair of small functions:

``f(z, out=None) -> a``
    The activation of the pre-activations ``z`` (any shape, usually
    ``(n_samples, n_units)``). ``out`` may be ``z`` itself to work in place.

``f_derivative(a, out=None) -> f'(z)``
    The derivative expressed through the *output* ``a = f(z)``, as
    scikit-learn does: backpropagation keeps the activations of the forward
    pass, so it never needs ``z`` again.

They write into ``out`` when it is given, so the training loop can reuse
preallocated arrays (the cost of a small network is the number of NumPy calls,
not the arithmetic).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

#: Slope of leaky ReLU for negative inputs.
LEAKY_SLOPE = 0.01


@functools.lru_cache(maxsize=256)
def constant(value: float, dtype: npt.DTypeLike) -> np.ndarray | float:
    """``value`` as a read-only 0-d array of a float ``dtype`` (other dtypes: ``value`` itself).

    ``np.multiply(x, 0.5, out=x)`` converts the Python float on every call, which
    costs ~0.3 µs, as much as multiplying a few hundred numbers; with a ready 0-d
    array of x's dtype (the dtype must match, or NumPy computes in the wider one)
    that cost is gone. Cached: the same few constants recur every epoch.
    """
    if np.dtype(dtype).kind != "f":
        return value
    array = np.array(value, dtype=dtype)
    array.setflags(write=False)
    return array


def identity(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """f(z) = z."""
    if out is None:
        return np.array(z, copy=True)
    if out is not z:
        np.copyto(out, z)
    return out


def identity_derivative(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """f'(z) = 1."""
    if out is None:
        return np.ones_like(a)
    out.fill(1)
    return out


def logistic(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Sigmoid σ(z) = 1 / (1 + exp(-z)).

    Computed as ``0.5 * (1 + tanh(z / 2))``, the same function, which never
    overflows and never warns, even for |z| = 1e4 (exp(1e4) would be inf).
    """
    half, one = constant(0.5, z.dtype), constant(1.0, z.dtype)
    out = np.multiply(z, half, out=out)
    np.tanh(out, out=out)
    out += one
    out *= half
    return out


def logistic_derivative(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """σ'(z) = σ(z) (1 - σ(z)) = a (1 - a). ``out`` may be ``a`` itself."""
    # (1 - a) goes to a temporary: writing it into out first would clobber a when out is a.
    return np.multiply(a, 1 - a, out=out)


#: Hyperbolic tangent. NumPy's ufunc already is ``f(z, out=None)``: used as it is, it saves a
#: Python call per layer and epoch.
tanh = np.tanh


def tanh_derivative(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """tanh'(z) = 1 - tanh(z)² = 1 - a²."""
    out = np.multiply(a, a, out=out)
    np.subtract(constant(1.0, a.dtype), out, out=out)
    return out


def relu(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """max(0, z)."""
    return np.maximum(z, 0, out=out)


def relu_derivative(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """1 where z > 0 (equivalently a > 0), else 0 (the subgradient at 0 is taken as 0)."""
    if out is None:
        out = np.empty_like(a)
    np.greater(a, 0, out=out)
    return out


def leaky_relu(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """z for z > 0, LEAKY_SLOPE·z otherwise: a small slope keeps 'dead' units learning."""
    # max(z, s·z) equals leaky ReLU for 0 < s < 1.
    scaled = np.multiply(z, LEAKY_SLOPE)
    return np.maximum(z, scaled, out=out)


def leaky_relu_derivative(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """1 where a > 0 (a has the sign of z), else LEAKY_SLOPE."""
    if out is None:
        out = np.empty_like(a)
    np.greater(a, 0, out=out)
    out *= 1 - LEAKY_SLOPE
    out += LEAKY_SLOPE
    return out


def step(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Heaviside step: 1 where z >= 0, else 0 (the perceptron's decision)."""
    if out is None:
        out = np.empty_like(z, dtype=np.result_type(z, np.float32))
    np.greater_equal(z, 0, out=out)
    return out


def step_derivative(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """0 almost everywhere: why a perceptron cannot be trained by backpropagation
    and uses Rosenblatt's rule instead (see ``model.nn.perceptron_rule``)."""
    if out is None:
        return np.zeros_like(a)
    out.fill(0)
    return out


def sign(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """+1 where z >= 0, else -1: the perceptron's output in Rosenblatt's ±1 convention."""
    out = step(z, out=out)
    out *= 2
    out -= 1
    return out


def softmax(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Row-wise softmax of z of shape (n_samples, n_classes), shifted by the row max
    so that exp never overflows."""
    out = np.subtract(z, z.max(axis=1, keepdims=True), out=out)
    np.exp(out, out=out)
    out /= out.sum(axis=1, keepdims=True)
    return out


class Activation(NamedTuple):
    """A named activation with its derivative (through its output)."""

    name: str
    #: ``f(z, out=None)``: the activation of z, into ``out`` when given.
    function: Callable[..., np.ndarray]
    #: ``f'(a, out=None)``: the derivative, computed from the activation's output a.
    derivative: Callable[..., np.ndarray]
    #: True when f'(z) is identically 1, so backpropagation can skip the multiply.
    is_identity: bool = False


ACTIVATIONS: dict[str, Activation] = {
    "identity": Activation("identity", identity, identity_derivative, True),
    "logistic": Activation("logistic", logistic, logistic_derivative),
    "tanh": Activation("tanh", tanh, tanh_derivative),
    "relu": Activation("relu", relu, relu_derivative),
    "leaky_relu": Activation("leaky_relu", leaky_relu, leaky_relu_derivative),
    "step": Activation("step", step, step_derivative),
}

#: Activations a hidden layer may use (the step has no useful gradient).
HIDDEN_ACTIVATIONS = ("identity", "logistic", "tanh", "relu", "leaky_relu")


def get_activation(name: str) -> Activation:
    """Look an activation up by name, with a message listing the valid names."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"unknown activation {name!r}; choose one of {', '.join(ACTIVATIONS)}") from None
