"""Forward and backward pass of ONE point, layer by layer (the probe).

``probe(snapshot, x, label)`` rebuilds the network a snapshot describes and runs
the model's own ``Network.loss_and_gradient`` on the single sample ``x`` with its
target ``label``. It then reads, for every layer k (1 = first hidden layer):

- the layer's input ``x_k`` (the features for k = 1, the previous activations after),
- ``z_k = x_k·W_k + b_k`` and ``a_k = f(z_k)``,
- ``dL/dz_k`` (the "delta"; for one sample it is exactly the bias gradient),
- ``dL/dW_k = x_kᵀ·dL/dz_k`` and ``dL/db_k = dL/dz_k``,
- ``dL/da_k`` (what flows back into the activation).

The loss is the data loss of that one point (no L1/L2 penalty): binary
cross-entropy ``-log p(label)``, softmax cross-entropy, or ½(y − ŷ)² in regression.

The perceptron has no useful gradient (its step output is flat): its probe shows
the scores z = w·x + b, the ±1 decision, the perceptron loss max(0, −y·z) and
the sub-gradient −y·x of a misclassified sample, which is Rosenblatt's update
read backwards (w ← w − η·dL/dw = w + η·y·x).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from model.data.class_words import class_word
from model.nn.activations import step
from model.nn.features import expand, feature_labels
from model.nn.losses import perceptron_loss, perceptron_loss_gradient
from model.training.snapshot import Snapshot, frozen_copy, network_from_snapshot


@dataclass(frozen=True, eq=False)
class LayerProbe:
    """One layer's part of the forward and backward pass for one point.

    index : int, 1 for the first hidden layer ... L for the output layer
    activation : str, the layer's activation ("tanh", ..., "logistic", "softmax", "identity", "step")
    x : ndarray (fan_in,), the layer's input
    W : ndarray (fan_in, fan_out), b : ndarray (fan_out,), its parameters
    z : ndarray (fan_out,), x·W + b
    a : ndarray (fan_out,), f(z)
    da : ndarray (fan_out,), dL/da (NaN for a softmax output, whose units are coupled)
    dz : ndarray (fan_out,), dL/dz
    dW : ndarray (fan_in, fan_out), dL/dW
    db : ndarray (fan_out,), dL/db
    """

    index: int
    activation: str
    x: np.ndarray
    W: np.ndarray
    b: np.ndarray
    z: np.ndarray
    a: np.ndarray
    da: np.ndarray
    dz: np.ndarray
    dW: np.ndarray
    db: np.ndarray


@dataclass(frozen=True, eq=False)
class Probe:
    """The forward and backward pass of one point.

    point : ndarray (n_raw,), the raw input (x1, x2) or (x1,)
    inputs : ndarray (n_inputs,), the network's input (raw plus extra features)
    input_labels : tuple of str, e.g. ('x₁', 'x₂', 'x₁²')
    label : the class index (classification) or the target value (regression)
    target : ndarray (n_outputs,), the label encoded as the network's output
    layers : tuple of LayerProbe, hidden layers then the output layer
    output : ndarray (n_outputs,), the network's output (σ, softmax, value, or the step decision)
    probabilities : ndarray (n_classes,) or None, class probabilities (None in regression
        and for the perceptron, which has none)
    predicted : int or float, the predicted class or value
    loss : float, the loss of this point for its label (no penalty)
    grads : ndarray (n_params,), dL/dθ in the snapshot's flat layout (weights then biases)
    task, model_kind : as in the snapshot
    """

    point: np.ndarray
    inputs: np.ndarray
    input_labels: tuple[str, ...]
    label: float
    target: np.ndarray
    layers: tuple[LayerProbe, ...]
    output: np.ndarray
    probabilities: np.ndarray | None
    predicted: float
    loss: float
    grads: np.ndarray
    task: str
    model_kind: str

    def describe(self, class_names: Sequence[str] = ()) -> str:
        """A few plain lines: prediction and loss (for a status bar or a tooltip); classes by ``class_names``, the
        dataset's names (digits "0".."9": class index 4 is "class 4", not "class 5")."""
        if self.task == "regression":
            return f"ŷ = {self.predicted:.4g}, target {self.label:.4g}, loss ½(y−ŷ)² = {self.loss:.4g}"
        predicted, label = class_word(class_names, int(self.predicted)), class_word(class_names, int(self.label))
        head = f"predicted {predicted}, label {label}"
        if self.probabilities is not None:
            head += f", p(label) = {self.probabilities[int(self.label)]:.3f}"
        return head + f", loss = {self.loss:.4g}"


def n_raw_inputs(snapshot: Snapshot) -> int:
    """How many raw inputs (1 or 2) the snapshot's network reads before extra features."""
    return int(snapshot.layer_sizes[0]) - len(snapshot.features)


def encode_target(snapshot: Snapshot, label: float) -> np.ndarray:
    """The label encoded like the network's output: (n_outputs,) float64."""
    n_out = int(snapshot.layer_sizes[-1])
    if snapshot.model_kind == "perceptron":
        if n_out == 1:
            return np.array([1.0 if int(label) == 1 else -1.0])
        return np.where(np.arange(n_out) == int(label), 1.0, -1.0)
    if snapshot.task == "regression":
        return np.full(n_out, float(label))
    if n_out == 1:
        return np.array([1.0 if int(label) == 1 else 0.0])
    return (np.arange(n_out) == int(label)).astype(np.float64)


def encode_targets(snapshot: Snapshot, y: npt.ArrayLike) -> np.ndarray:
    """Labels (n,) encoded like the network's output: (n, n_outputs) float64 (vectorised ``encode_target``)."""
    y = np.asarray(y)
    n_out = int(snapshot.layer_sizes[-1])
    if snapshot.task == "regression" and snapshot.model_kind != "perceptron":
        return np.repeat(y.astype(np.float64)[:, None], n_out, axis=1)
    y = y.astype(np.int64)
    if n_out == 1:
        hit = (y == 1)[:, None]
    else:
        hit = y[:, None] == np.arange(n_out)[None, :]
    if snapshot.model_kind == "perceptron":
        return np.where(hit, 1.0, -1.0)
    return hit.astype(np.float64)


def _kept(z: np.ndarray | None) -> np.ndarray:
    """A layer's z after a forward pass that keeps it (the probe's does)."""
    assert z is not None
    return z


def _readonly(array: npt.ArrayLike) -> np.ndarray:
    return frozen_copy(np.asarray(array, dtype=np.float64))


def probe(snapshot: Snapshot, x: npt.ArrayLike, label: float, dtype: npt.DTypeLike = np.float64) -> Probe:
    """Forward and backward pass of the raw point ``x`` with target ``label``.

    Parameters
    ----------
    snapshot : Snapshot, whose parameters are probed
    x : array-like (n_raw,), the point (x1, x2) (or (x1,) for 1-D regression)
    label : int class index, or float target value in regression
    dtype : the float type of the computation (float64 by default, for exact numbers)
    """
    point = np.asarray(x, dtype=np.float64).reshape(-1)
    n_raw = n_raw_inputs(snapshot)
    if point.shape[0] != n_raw:
        raise ValueError(f"the network reads {n_raw} raw input(s), got a point of {point.shape[0]}")
    inputs = expand(point[None, :], snapshot.features, np.dtype(dtype))
    target = encode_target(snapshot, label)
    labels = tuple(feature_labels(n_raw, snapshot.features))
    if snapshot.model_kind == "perceptron":
        return _probe_perceptron(snapshot, point, inputs, target, label, labels, dtype)

    net = network_from_snapshot(snapshot, dtype)
    Y = target.astype(net.dtype)[None, :]
    loss = net.loss_and_gradient(inputs, Y)  # the model's own forward and backward pass (n = 1)
    layers = []
    n_layers = len(net.layers)
    for k, layer in enumerate(net.layers):
        # For one sample, dL/db = dL/dz: the bias gradient *is* the delta.
        dz = layer.db.astype(np.float64)
        if layer.activation_name == "softmax":
            da = np.full(layer.fan_out, np.nan)
        elif k == n_layers - 1:
            # dL/da of the output from its canonical loss, before f'(z) is applied
            da = _output_da(snapshot, layer.a[0].astype(np.float64), target)
        else:
            nxt = net.layers[k + 1]
            da = nxt.db.astype(np.float64) @ nxt.W.T.astype(np.float64)
        layers.append(
            LayerProbe(
                index=k + 1,
                activation=layer.activation_name,
                x=_readonly(layer.x[0]),
                W=_readonly(layer.W),
                b=_readonly(layer.b),
                z=_readonly(_kept(layer.z)[0]),
                a=_readonly(layer.a[0]),
                da=_readonly(da),
                dz=_readonly(dz),
                dW=_readonly(layer.dW),
                db=_readonly(layer.db),
            )
        )
    output = np.asarray(net.layers[-1].a[0], dtype=np.float64)
    if snapshot.task == "regression":
        probabilities, predicted = None, float(output[0])
    elif output.shape[0] == 1:
        probabilities = np.array([1.0 - output[0], output[0]])
        predicted = int(output[0] >= 0.5)
    else:
        probabilities, predicted = output.copy(), int(np.argmax(output))
    return Probe(
        point=_readonly(point),
        inputs=_readonly(inputs[0]),
        input_labels=labels,
        label=label,
        target=_readonly(target),
        layers=tuple(layers),
        output=_readonly(output),
        probabilities=None if probabilities is None else _readonly(probabilities),
        predicted=predicted,
        loss=float(loss),
        grads=_readonly(net.grads),
        task=snapshot.task,
        model_kind=snapshot.model_kind,
    )


def _output_da(snapshot: Snapshot, a: np.ndarray, target: np.ndarray) -> np.ndarray:
    """dL/da at the output: −y/p + (1−y)/(1−p) for BCE, ŷ − y for the squared error."""
    if snapshot.task == "regression":
        return a - target
    eps = np.finfo(np.float64).eps
    p = np.clip(a, eps, 1 - eps)
    return -target / p + (1 - target) / (1 - p)


def _probe_perceptron(
    snapshot: Snapshot,
    point: np.ndarray,
    inputs: np.ndarray,
    target: np.ndarray,
    label: float,
    labels: tuple[str, ...],
    dtype: npt.DTypeLike,
) -> Probe:
    ((W, b),) = snapshot.layer_params()
    W, b = W.astype(dtype), b.astype(dtype)
    x = inputs[0]
    z = x @ W + b
    decision = step(z)
    dz = perceptron_loss_gradient(target[None, :], z[None, :])[0].astype(np.float64)
    dW = np.outer(x, dz)
    n_weights = W.size
    grads = np.concatenate([dW.ravel(), dz])
    assert grads.shape[0] == n_weights + b.shape[0]
    if z.shape[0] == 1:
        predicted = int(z[0] >= 0)
    else:
        predicted = int(np.argmax(z))
    layer = LayerProbe(
        index=1,
        activation="step",
        x=_readonly(x),
        W=_readonly(W),
        b=_readonly(b),
        z=_readonly(z),
        a=_readonly(decision),
        da=_readonly(np.full(z.shape, np.nan)),
        dz=_readonly(dz),
        dW=_readonly(dW),
        db=_readonly(dz),
    )
    return Probe(
        point=_readonly(point),
        inputs=_readonly(x),
        input_labels=labels,
        label=label,
        target=_readonly(target),
        layers=(layer,),
        output=_readonly(decision),
        probabilities=None,
        predicted=predicted,
        loss=perceptron_loss(target[None, :], z[None, :]),
        grads=_readonly(grads),
        task=snapshot.task,
        model_kind="perceptron",
    )
