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

``ACTIVATIONS`` is the one place that knows an activation: with its functions,
its name for people, the formulas Step slowly writes, the code the exports
write, and what the health check, the weight init and the unit maps need. The
rest of the app reads it (docs/architecture.md, "How to add an activation").
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

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


def softplus(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """log(1 + e^z): a smooth ReLU, never quite flat, whose slope is the sigmoid.

    NumPy's ``logaddexp(z, 0)`` is the same function, computed without overflow for large z (e^z would be inf)
    and without losing the small values of very negative z."""
    return np.logaddexp(z, constant(0.0, z.dtype), out=out)


def softplus_derivative(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """softplus′(z) = σ(z) = 1 − e^(−a), since e^(−a) = 1 / (1 + e^z); as −expm1(−a), exact for small a too."""
    out = np.negative(a, out=out)
    np.expm1(out, out=out)
    np.negative(out, out=out)
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


def _softmax_has_no_derivative(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """A softmax output layer is never taken back through f'(z): its loss gives dL/dz directly."""
    raise TypeError("softmax's dL/dz comes from its cross-entropy loss, not from f'(z)")


UNBOUNDED = (-np.inf, np.inf)


@dataclass(frozen=True)
class Activation:
    """Everything the app knows about one activation: the maths, the words and formulas people read, the code the
    exports write, and what the health checks, the weight init and the colour maps need. Every other place reads
    it from here (``ACTIVATIONS``), so a new activation is one entry (docs/architecture.md says how)."""

    #: the key session files, specs and the command line name it by
    name: str
    #: ``f(z, out=None)``: the activation of z, into ``out`` when given.
    function: Callable[..., np.ndarray]
    #: ``f'(a, out=None)``: the derivative, computed from the activation's output a.
    derivative: Callable[..., np.ndarray]
    #: the panels' word for it ("Leaky ReLU")
    display_name: str
    #: what a layer "applies", inside a sentence of Step slowly ("σ", "leaky ReLU")
    applied_name: str
    #: f(z) in rich text, as Step slowly and the tooltips write it: "max(0.01·z, z)"
    formula: str
    #: f′(z) in rich text, through a = f(z) where that is how it is computed: "1 − a²"
    derivative_formula: str
    #: the body of ``def name(z):`` in the exported NumPy script (DTYPE is the script's dtype)
    script_function: str
    #: the body of ``def name_slope(a):`` (f′ through the output a) in the exported NumPy script
    script_slope: str
    #: the ``torch.nn`` module of the PyTorch export ("nn.Tanh()"); empty for one never in a hidden layer
    torch_module: str
    #: (lowest, highest) value f can give: the unit maps' colour scale (a fixed scale when both are finite)
    output_range: tuple[float, float] = UNBOUNDED
    #: f(z) again with the number for z written in (``{z}``), when that says more than the value alone
    formula_at: str = ""
    #: its output is a probability (the output layer's value is then called p, not ŷ)
    probability: bool = False
    #: the health check's flat tails: an output outside (low, high) is saturated; None when it cannot saturate
    saturated_outside: tuple[float, float] | None = None
    #: a unit whose z ≤ 0 on every sample counts as dead (it gets no gradient through f′, or only a leak's)
    dies_below_zero: bool = False
    #: the weight init "auto" picks for the layer: "he" (suits ReLU-like units) or "glorot"
    auto_init: str = "glorot"
    #: Glorot's bound is sqrt(factor / (fan_in + fan_out)): 6 in general, 2 for σ (as scikit-learn)
    glorot_factor: float = 6.0
    #: a hidden layer may use it (the step has no useful gradient; softmax couples a layer's units)
    hidden: bool = True
    #: True when f'(z) is identically 1, so backpropagation can skip the multiply.
    is_identity: bool = False
    #: f acts on each unit alone (softmax does not: it divides by the layer's sum)
    elementwise: bool = True


SATURATION = 0.97  # |tanh| above, or σ within 0.03 of 0 or 1: f′ is below 0.06 there and learning crawls

#: Every activation a layer can have, by key, in the order the panels list the hidden ones.
ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation(
            "tanh",
            tanh,
            tanh_derivative,
            display_name="tanh",
            applied_name="tanh",
            formula="tanh(z)",
            formula_at="tanh({z})",
            derivative_formula="1 − a²",
            script_function="return np.tanh(z)",
            script_slope="return 1 - a * a",
            torch_module="nn.Tanh()",
            output_range=(-1.0, 1.0),
            saturated_outside=(-SATURATION, SATURATION),
        ),
        Activation(
            "relu",
            relu,
            relu_derivative,
            display_name="ReLU",
            applied_name="ReLU",
            formula="max(0, z)",
            derivative_formula="1 if z > 0 else 0",
            script_function="return np.maximum(z, 0)",
            script_slope="return (a > 0).astype(DTYPE)",
            torch_module="nn.ReLU()",
            output_range=(0.0, np.inf),
            dies_below_zero=True,
            auto_init="he",
        ),
        Activation(
            "leaky_relu",
            leaky_relu,
            leaky_relu_derivative,
            display_name="Leaky ReLU",
            applied_name="leaky ReLU",
            formula=f"max({LEAKY_SLOPE:g}·z, z)",
            derivative_formula=f"1 if z > 0 else {LEAKY_SLOPE:g}",
            script_function=f"return np.maximum(z, {LEAKY_SLOPE!r} * z)",
            script_slope=f"return np.where(a > 0, 1.0, {LEAKY_SLOPE!r}).astype(DTYPE)",
            torch_module=f"nn.LeakyReLU({LEAKY_SLOPE!r})",
            dies_below_zero=True,
            auto_init="he",
        ),
        Activation(
            "softplus",
            softplus,
            softplus_derivative,
            display_name="Softplus",
            applied_name="softplus",
            formula="log(1 + e<sup>z</sup>)",
            formula_at="log(1 + e<sup>{z}</sup>)",
            derivative_formula="1 − e<sup>−a</sup> = σ(z)",
            script_function="return np.logaddexp(z, 0)  # log(1 + exp(z)), overflow-free",
            script_slope="return -np.expm1(-a)  # 1 - exp(-a), the sigmoid of z",
            # torch's Softplus gives z itself past z = 20, where the two differ by less than 2e-9
            torch_module="nn.Softplus()",
            output_range=(0.0, np.inf),
            auto_init="he",
        ),
        Activation(
            "logistic",
            logistic,
            logistic_derivative,
            display_name="Sigmoid",
            applied_name="σ",
            formula="σ(z) = 1 / (1 + e<sup>−z</sup>)",
            derivative_formula="a·(1 − a)",
            script_function="return 0.5 * (1 + np.tanh(0.5 * z))  # the sigmoid 1 / (1 + exp(-z)), overflow-free",
            script_slope="return a * (1 - a)",
            torch_module="nn.Sigmoid()",
            output_range=(0.0, 1.0),
            probability=True,
            saturated_outside=(1 - SATURATION, SATURATION),
            glorot_factor=2.0,
        ),
        Activation(
            "identity",
            identity,
            identity_derivative,
            display_name="Linear",
            applied_name="nothing (a = z)",
            formula="z",
            derivative_formula="1",
            script_function="return z",
            script_slope="return np.ones_like(a)",
            torch_module="nn.Identity()",
            is_identity=True,
        ),
        Activation(
            "step",
            step,
            step_derivative,
            display_name="Step",
            applied_name="the step",
            formula="1 if z ≥ 0 else 0",
            derivative_formula="0",
            script_function="",
            script_slope="",
            torch_module="",
            output_range=(0.0, 1.0),
            hidden=False,
        ),
        Activation(
            "softmax",
            softmax,
            _softmax_has_no_derivative,
            display_name="Softmax",
            applied_name="softmax",
            formula="softmax(z)",
            derivative_formula="",
            script_function="",
            script_slope="",
            torch_module="",
            output_range=(0.0, 1.0),
            probability=True,
            hidden=False,
            elementwise=False,
        ),
    )
}

#: Activations a hidden layer may use, in the panels' order.
HIDDEN_ACTIVATIONS = tuple(name for name, a in ACTIVATIONS.items() if a.hidden)


def get_activation(name: str) -> Activation:
    """Look an activation up by name, with a message listing the valid names."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"unknown activation {name!r}; choose one of {', '.join(ACTIVATIONS)}") from None
