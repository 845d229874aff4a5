"""Loss functions and their gradients with respect to the output layer.

Each loss is the *mean over samples*, as scikit-learn's MLP defines it. Targets
are encoded like the network's output:

- binary classification: ``y`` of shape (n_samples, 1) holding 0 or 1, output ``p = σ(z)``;
- several classes: ``Y`` one-hot of shape (n_samples, n_classes), output ``P = softmax(z)``;
- regression: ``y`` of shape (n_samples, n_outputs), output ``z`` itself.

Each pairs an output activation with the loss whose gradient with respect to the
output pre-activation ``z`` is simply ``output - y`` (the "canonical link"): that
is why ``output_delta`` is one function for all three.
"""

from __future__ import annotations

from typing import NamedTuple, TypeAlias

import numpy as np

from model.nn.activations import constant

#: What ``binary_cross_entropy_delta`` reads the targets through: (sign, clip_sign, ones).
BinaryTargets: TypeAlias = tuple[np.ndarray, np.ndarray, np.ndarray]


def binary_cross_entropy(y_true: np.ndarray, y_prob: np.ndarray, work: np.ndarray | None = None) -> float:
    """Mean binary cross-entropy -[y log p + (1-y) log(1-p)].

    Parameters
    ----------
    y_true : ndarray of shape (n_samples, 1) with values in {0, 1}
    y_prob : ndarray of shape (n_samples, 1), predicted P(class 1)
    work : optional ndarray like ``y_prob`` to compute in (training reuses one)

    A confidently wrong prediction costs a large but finite loss: at most
    -log(eps) with the dtype's machine epsilon, as scikit-learn's clipping of p
    to [eps, 1 - eps] gives.
    """
    # For y in {0, 1}, |p - y| = 1 - q where q is the probability given to the true
    # class, and a sample's loss is -log q = -log1p(-|p - y|); log1p keeps the small
    # losses of good predictions exact. Scaling |p - y| by (1 - eps) makes that
    # -log(q + eps·|p - y|) <= -log(eps): the clip, folded into the negation.
    eps = np.finfo(y_prob.dtype).eps
    miss = np.subtract(y_prob, y_true, out=work)
    np.abs(miss, out=miss)
    np.multiply(miss, constant(eps - 1, y_prob.dtype), out=miss)
    np.log1p(miss, out=miss)
    return -float(miss.sum()) / y_prob.shape[0]


#: ``binary_cross_entropy_delta`` fills its ``out`` with this multiple of dL/dz = σ(z) - y.
BINARY_DELTA_FACTOR = -2.0


def binary_targets(y_true: np.ndarray) -> BinaryTargets:
    """What ``binary_cross_entropy_delta`` reads the targets through, computed once per dataset.

    y_true : ndarray of shape (n_samples, 1) with values in {0, 1}
    Returns (sign, clip_sign, ones), each of shape (n_samples, 1) in y_true's dtype:
    sign = 1 - 2y (+1 for class 0, -1 for class 1), clip_sign = (1 - eps)/2 · sign,
    and ones, to sum the samples' losses as one dot product (twice as fast as ``sum``).
    """
    dtype = y_true.dtype
    sign = np.subtract(constant(1.0, dtype), y_true * constant(2.0, dtype))
    eps = np.finfo(dtype).eps
    return sign, sign * constant((1 - eps) / 2, dtype), np.ones_like(sign)


def binary_cross_entropy_delta(z: np.ndarray, targets: BinaryTargets, out: np.ndarray, work: np.ndarray) -> float:
    """Mean binary cross-entropy of p = σ(z), and ``out`` = -2·(p - y), from the logits alone.

    Parameters
    ----------
    z : ndarray of shape (n_samples, 1), the output pre-activations (logits)
    targets : ``binary_targets(y)`` of the true labels y
    out, work : ndarrays like z; ``out`` receives BINARY_DELTA_FACTOR · dL/dz

    σ(z) = (1 + tanh(z/2)) / 2, so -2(p - y) = tanh(-z/2) - (1 - 2y): three NumPy
    calls, no exp, no overflow, and no probabilities needed. The factor -2 is
    left in (the network folds it into the one scaling of the gradient vector).
    A sample's loss is -log q with q the probability of its true class, and
    1 - q = |p - y| = |out|/2 = -sign·out/2, so -log q = -log1p(-|p - y|), which
    keeps the small losses of good predictions exact. The (1 - eps) in clip_sign
    bounds a confidently wrong sample's loss by -log(eps), as scikit-learn's
    clipping of p to [eps, 1 - eps] does.
    """
    sign, clip_sign, ones = targets
    np.multiply(z, constant(-0.5, z.dtype), out=out)
    np.tanh(out, out=out)
    out -= sign
    np.multiply(out, clip_sign, out=work)
    np.log1p(work, out=work)
    return -float(np.vdot(ones, work)) / z.shape[0]


def softmax_cross_entropy_delta(logits: np.ndarray, y_true: np.ndarray, out: np.ndarray) -> float:
    """Mean categorical cross-entropy of softmax(logits), and ``out`` = softmax(logits) - y_true.

    Parameters
    ----------
    logits : ndarray of shape (n_samples, n_classes), the output pre-activations z
    y_true : ndarray of shape (n_samples, n_classes), one-hot
    out : ndarray like ``logits``; receives dL/dz per sample (un-averaged, as ``output_delta`` gives)

    -log softmax(z)_k = log Σ_j exp(z_j) - z_k, computed after subtracting the row maximum (the
    stable log-sum-exp), so it neither overflows nor underflows. The loss and the gradient share
    their work: one row maximum, one exp, one row sum (the loss and the probabilities computed
    apart would take each twice, ~40 % of a digits epoch's element-wise work). With s = z - max(z)
    per row and S = Σ_j exp(s_j), a sample's loss is log S - s_k for its class k, read from s
    before the exp overwrites it; the probabilities are exp(s) / S.
    """
    # The ufuncs' own reductions: ``ndarray.max``/``sum`` add a Python wrapper each, a few percent of a
    # mini-batch's step.
    np.subtract(logits, np.maximum.reduce(logits, axis=1, keepdims=True), out=out)
    true_class_logits = _sum_of_products(out, y_true)
    np.exp(out, out=out)
    row_sums = np.add.reduce(out, axis=1, keepdims=True)
    out /= row_sums
    out -= y_true
    log_row_sums = np.log(row_sums, out=row_sums)
    return (float(np.add.reduce(log_row_sums, axis=None)) - true_class_logits) / logits.shape[0]


def _sum_of_products(a: np.ndarray, b: np.ndarray) -> float:
    """Σ a·b over every element of two arrays of one shape, without a product array.

    Column-major arrays (the network's work arrays) are C-contiguous transposed, and ``np.vdot``
    of those is one BLAS call; a strided one (a mini-batch's rows) goes through einsum.
    """
    if a.T.flags.c_contiguous and b.T.flags.c_contiguous:
        return float(np.vdot(a.T, b.T))
    return float(np.einsum("ij,ij->", a, b))


def squared_error(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Half the mean squared error, ½·mean((y - ŷ)²), averaged over outputs (scikit-learn's)."""
    diff = y_true - y_pred
    return float(0.5 * np.mean(diff * diff))


def perceptron_loss(y_sign: np.ndarray, z: np.ndarray) -> float:
    """Mean perceptron loss max(0, -y·z).

    Parameters
    ----------
    y_sign : ndarray of shape (n_samples, n_outputs) with values in {-1, +1}
    z : ndarray of shape (n_samples, n_outputs), the raw scores w·x + b

    Zero for a correctly classified sample, however close to the boundary; this
    is why the perceptron stops moving as soon as the data are separated.
    """
    return float(np.maximum(0, -y_sign * z).sum() / z.shape[0])


def perceptron_loss_gradient(y_sign: np.ndarray, z: np.ndarray) -> np.ndarray:
    """d/dz of the summed perceptron loss: -y where y·z <= 0, else 0 (Rosenblatt's convention at 0)."""
    return np.where(y_sign * z <= 0, -y_sign, 0).astype(z.dtype)


def output_delta(y_true: np.ndarray, output: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """dL/dz of the output layer per sample, for a canonical pair: ``output - y``.

    Parameters
    ----------
    y_true : ndarray of shape (n_samples, n_outputs)
    output : ndarray of shape (n_samples, n_outputs), σ(z), softmax(z) or z

    Returns the un-averaged delta; dividing by n_samples happens once, on the
    flat gradient vector.
    """
    return np.subtract(output, y_true, out=out)


class Head(NamedTuple):
    """An output activation and the loss it is trained with."""

    name: str
    output_activation: str
    loss_name: str


HEADS = {
    "binary": Head("binary", "logistic", "binary_cross_entropy"),
    "softmax": Head("softmax", "softmax", "softmax_cross_entropy"),
    "regression": Head("regression", "identity", "squared_error"),
}


def head_for(task: str, n_outputs: int) -> Head:
    """The output head a task needs: sigmoid + BCE for two classes, softmax + CE
    for more, identity + squared error for regression."""
    if task == "regression":
        return HEADS["regression"]
    if task != "classification":
        raise ValueError(f"unknown task {task!r}; use 'classification' or 'regression'")
    return HEADS["binary"] if n_outputs == 1 else HEADS["softmax"]
