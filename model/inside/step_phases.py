"""One training step taken apart into its phases, with the numbers a slow-motion view shows.

``step_phases`` gets what the trainer's next update uses (the network, the batch, the penalties and the
optimizer) and a point to show, and returns a ``StepPhases``: for the shown point, layer by layer, the input
``x``, ``z = x·W + b`` and ``a = f(z)`` (forward), its loss, then ``dL/da`` and ``δ = dL/dz`` from the output
back (backward); for the batch, the mean gradient ``dL/dW`` the update uses, and the weights after the
optimizer's real update of that batch. It works on copies: neither the network nor the optimizer changes.

The shown point is the probed point (with its label) when there is one, else the first sample of the batch;
``StepPhases.shown`` says which. Its forward and backward numbers are that one point's; the gradient and the
update are the batch's (the mean over its samples, penalties included), because that is what training applies.

The session (``TrainingSession.slow_step``) computes the phases of the first update of its next epoch and then
takes that epoch, exactly as a normal step does, and fills in ``params_after_step``: with full-batch training
the epoch is that one update; with mini-batches the epoch goes on with the other batches.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from model.nn.features import feature_labels
from model.nn.network import Network
from model.nn.optimizers import SGD, Adam
from model.nn.param_layout import layer_blocks
from model.training.contract import StepResult
from model.training.session import TrainingSession

PROBED_POINT = "the probed point"
FIRST_SAMPLE = "the first sample of the batch"


@dataclass(frozen=True, eq=False)
class LayerPhase:
    """One layer's part of the step (index 1 = the first hidden layer ... L = the output layer).

    For the shown point: ``x`` (fan_in,) the layer's input, ``z`` and ``a`` (fan_out,) its pre-activation and
    activation, ``da`` = dL/da (NaN for a softmax output, whose units are coupled) and ``dz`` = δ = dL/dz.
    For the batch: ``W`` (fan_in, fan_out) and ``b`` (fan_out,) before the update, ``dW`` and ``db`` the mean
    gradient the update uses (with penalties), ``W_after`` and ``b_after`` the weights after it.
    """

    index: int
    activation: str
    x: np.ndarray
    z: np.ndarray
    a: np.ndarray
    da: np.ndarray
    dz: np.ndarray
    W: np.ndarray
    b: np.ndarray
    dW: np.ndarray
    db: np.ndarray
    W_after: np.ndarray
    b_after: np.ndarray

    def featured(self) -> tuple[int, int]:
        """(i, j) of the weight a caption writes out: j the unit whose bias gradient is largest, i the input
        whose weight into j has the largest gradient (the lines that move most)."""
        j = int(np.argmax(np.abs(np.nan_to_num(self.db)))) if self.db.size else 0
        column = np.abs(np.nan_to_num(self.dW[:, j])) if self.dW.size else np.zeros(1)
        return int(np.argmax(column)), j


@dataclass(frozen=True, eq=False)
class StepPhases:
    """The phases of one training step: forward, loss, backward, update.

    layers : tuple of LayerPhase, hidden layers then the output layer
    shown : ``PROBED_POINT`` or ``FIRST_SAMPLE``, whose forward and backward numbers are shown
    point : (n_raw,) the shown point's raw coordinates; label : its class index or target value
    inputs : (n_inputs,) the network's input for it (raw plus extra features); input_labels : their names
    target : (n_outputs,) the label encoded like the output; output : (n_outputs,) the network's output
    point_loss : float, the shown point's loss (no penalty); loss_name : the network's loss
    task : "classification" | "regression"
    batch_size : samples in the batch the update uses; n_train : training samples; n_updates : updates in the
        epoch (1 for full-batch training)
    batch_loss : the batch's mean loss with penalties (what training minimises); alpha, l1 : the penalties
    optimizer : "sgd" | "momentum" | "nesterov" | "adam"; learning_rate; hyper : its other settings
        (momentum; beta_1, beta_2, epsilon) and for Adam the step count t after the update
    state_before, state_after : the optimizer's state (velocity; m, v) around the update, flat like params
    params_before, grads, params_after_batch : flat (n_params,) weights, batch gradient, weights after the update
    params_after_step : the session's weights after the whole step (the epoch), or None before it was taken
    epoch_before, epoch_after : the epoch count around the step
    diverged, message : the step's divergence report (the last good weights were restored)
    class_names : the dataset's names of its classes, as the captions say them ("0".."9" on digits); () in regression
    """

    layers: tuple[LayerPhase, ...]
    shown: str
    point: np.ndarray
    label: float
    inputs: np.ndarray
    input_labels: tuple[str, ...]
    target: np.ndarray
    output: np.ndarray
    point_loss: float
    loss_name: str
    task: str
    batch_size: int
    n_train: int
    n_updates: int
    batch_loss: float
    alpha: float
    l1: float
    optimizer: str
    learning_rate: float
    hyper: Mapping[str, float]
    state_before: Mapping[str, np.ndarray | None]
    state_after: Mapping[str, np.ndarray | None]
    params_before: np.ndarray
    grads: np.ndarray
    params_after_batch: np.ndarray
    params_after_step: np.ndarray | None = None
    epoch_before: int = 0
    epoch_after: int = 0
    diverged: bool = False
    message: str = ""
    class_names: tuple[str, ...] = ()

    @property
    def layer_sizes(self) -> tuple[int, ...]:
        return (self.layers[0].W.shape[0], *(layer.W.shape[1] for layer in self.layers))

    def taken(self, params_after_step: npt.ArrayLike, epoch_after: int, diverged: bool, message: str) -> StepPhases:
        """These phases with the session's step taken: its weights afterwards, epoch and divergence report."""
        return replace(
            self,
            params_after_step=_frozen(params_after_step),
            epoch_after=int(epoch_after),
            diverged=bool(diverged),
            message=str(message),
        )


@dataclass(frozen=True)
class SlowStepRefused:
    """Why no slow step was taken (the perceptron has no gradient, no training points...)."""

    reason: str


def _frozen(array: npt.ArrayLike | None) -> np.ndarray:
    copied = np.array(array, dtype=np.float64, copy=True)
    copied.setflags(write=False)
    return copied


def _state(optimizer: SGD | Adam) -> dict[str, np.ndarray | None]:
    return {key: None if value is None else _frozen(value) for key, value in optimizer.state().items() if key != "t"}


def _hyper(optimizer: SGD | Adam) -> dict[str, float]:
    if isinstance(optimizer, Adam):
        return {
            "beta_1": optimizer.beta_1,
            "beta_2": optimizer.beta_2,
            "epsilon": optimizer.epsilon,
            "t": float(optimizer.t),
        }
    return {"momentum": optimizer.momentum}


def _optimizer_name(optimizer: SGD | Adam) -> str:
    if isinstance(optimizer, Adam):
        return "adam"
    if optimizer.momentum == 0.0:
        return "sgd"
    return "nesterov" if optimizer.nesterov else "momentum"


def step_phases(
    network: Network,
    X: np.ndarray,
    Y: np.ndarray,
    optimizer: SGD | Adam,
    shown_inputs: np.ndarray,
    shown_target: np.ndarray,
    *,
    alpha: float = 0.0,
    l1: float = 0.0,
    shown: str = FIRST_SAMPLE,
    point: npt.ArrayLike = (),
    label: float = math.nan,
    input_labels: tuple[str, ...] = (),
    n_train: int | None = None,
    n_updates: int = 1,
    class_names: tuple[str, ...] = (),
) -> StepPhases:
    """The phases of the update of ``network`` by ``optimizer`` on the batch (X, Y), shown for one point.

    X : (n, n_inputs) and Y : (n, n_outputs), the batch encoded as the network reads it (its dtype);
    shown_inputs : (n_inputs,) and shown_target : (n_outputs,), the shown point encoded likewise;
    point, label, input_labels, class_names : the shown point and the classes as people read them. ``network`` and
    ``optimizer`` are copied, not changed (a copy of the network keeps whatever it carries, such as units switched off).
    """
    if X.shape[0] == 0:
        raise ValueError("the batch has no samples")
    net = copy.deepcopy(network)
    params_before = net.params.copy()
    batch_loss = net.batch_loss_and_gradient(net.prepare(X, Y), alpha, l1)
    grads = net.grads.copy()
    opt = copy.deepcopy(optimizer)
    state_before = _state(opt)
    after = params_before.copy()
    opt.step(after, grads.copy())

    # The shown point's own forward and backward pass, at the weights before the update (no penalty: its loss).
    Xs = np.asarray(shown_inputs, dtype=net.dtype).reshape(1, -1)
    Ys = np.asarray(shown_target, dtype=net.dtype).reshape(1, -1)
    point_loss = net.loss_and_gradient(Xs, Ys)
    before_net = copy.deepcopy(network)
    after_net = copy.deepcopy(network)
    after_net.set_params(after)
    layers = []
    n_layers = len(net.layers)
    blocks = layer_blocks(net.layer_sizes)
    for k, layer in enumerate(net.layers):
        z = layer.z
        assert z is not None  # loss_and_gradient keeps every layer's z
        dz = layer.db.astype(np.float64)  # for one sample dL/db is dL/dz
        if layer.activation_name == "softmax":
            da = np.full(layer.fan_out, np.nan)
        elif k == n_layers - 1:
            da = _output_da(net.head.loss_name, layer.a[0].astype(np.float64), Ys[0].astype(np.float64))
        else:
            above = net.layers[k + 1]
            da = above.db.astype(np.float64) @ above.W.T.astype(np.float64)
        dWb = grads[blocks[k].block].reshape(layer.fan_in + 1, layer.fan_out)
        layers.append(
            LayerPhase(
                index=k + 1,
                activation=layer.activation_name,
                x=_frozen(layer.x[0]),
                z=_frozen(z[0]),
                a=_frozen(layer.a[0]),
                da=_frozen(da),
                dz=_frozen(dz),
                W=_frozen(before_net.layers[k].W),
                b=_frozen(before_net.layers[k].b),
                dW=_frozen(dWb[: layer.fan_in]),
                db=_frozen(dWb[layer.fan_in]),
                W_after=_frozen(after_net.layers[k].W),
                b_after=_frozen(after_net.layers[k].b),
            )
        )
    return StepPhases(
        layers=tuple(layers),
        shown=shown,
        point=_frozen(np.asarray(point, dtype=np.float64).reshape(-1)),
        label=float(label),
        inputs=_frozen(Xs[0]),
        input_labels=tuple(input_labels),
        target=_frozen(Ys[0]),
        output=_frozen(net.layers[-1].a[0]),
        point_loss=float(point_loss),
        loss_name=net.head.loss_name,
        task=net.task,
        batch_size=int(X.shape[0]),
        n_train=int(X.shape[0] if n_train is None else n_train),
        n_updates=int(n_updates),
        batch_loss=float(batch_loss),
        alpha=float(alpha),
        l1=float(l1),
        optimizer=_optimizer_name(opt),
        learning_rate=float(opt.learning_rate),
        hyper=_hyper(opt),
        state_before=state_before,
        state_after=_state(opt),
        params_before=_frozen(params_before),
        grads=_frozen(grads),
        params_after_batch=_frozen(after),
        class_names=tuple(str(name) for name in class_names),
    )


def take_slow_step(
    session: TrainingSession,
    step: Callable[[int], StepResult] | None = None,
    point: Sequence[float] | None = None,
    label: float | None = None,
) -> StepPhases | SlowStepRefused:
    """Take ``session``'s next step (one epoch) and return its phases.

    The phases are those of the epoch's first update (the whole epoch in full-batch training), computed from
    the session's own weights, next batch, penalties and optimizer before anything moves; then ``step(1)``
    takes the step exactly as a normal step does (``step`` defaults to ``session.step``; a group passes its
    own, which steps its other models too). ``point`` and ``label``: the probed point shown (None: the first
    sample of the batch). Refused, with a reason, for the perceptron and without training points.
    """
    if session.model_spec.kind == "perceptron":
        return SlowStepRefused(
            "The perceptron learns by Rosenblatt's rule, not by gradients: its lesson (View ▸ Perceptron "
            "lesson) walks through one update."
        )
    X_train, Y_train = session.encoded_training_set()
    if X_train.shape[0] == 0:
        return SlowStepRefused("Add some points to train on.")
    rows = session.next_update_rows()
    ds = session.dataset
    n_raw = ds.n_features
    shown, shown_point, shown_label = FIRST_SAMPLE, ds.train_X[rows[0]], ds.train_y[rows[0]]
    if point is not None and label is not None and len(point) == n_raw:
        shown, shown_point, shown_label = PROBED_POINT, np.asarray(point, dtype=np.float64), label
    shown_X, shown_Y = session.encode(shown_point, [shown_label])
    spec, train_spec = session.model_spec, session.train_spec
    size = train_spec.batch_size
    n = X_train.shape[0]
    n_updates = 1 if size is None or size >= n else -(-n // size)
    phases = step_phases(
        session.network,
        X_train[rows],
        Y_train[rows],
        session.optimizer,
        shown_X[0],
        shown_Y[0],
        alpha=spec.alpha,
        l1=spec.l1,
        shown=shown,
        point=shown_point,
        label=float(shown_label),
        input_labels=tuple(feature_labels(n_raw, spec.features)),
        n_train=n,
        n_updates=n_updates,
        class_names=tuple(ds.class_names) if ds.task == "classification" else (),
    )
    epoch_before = session.epoch
    result = (step or session.step)(1)
    return replace(phases, epoch_before=epoch_before).taken(
        session.network.params, session.epoch, result.diverged, result.message
    )


def _output_da(loss_name: str, a: np.ndarray, target: np.ndarray) -> np.ndarray:
    """dL/da at the output: ŷ − y for the squared error, −y/p + (1−y)/(1−p) for binary cross-entropy."""
    if loss_name == "squared_error":
        return a - target
    eps = np.finfo(np.float64).eps
    p = np.clip(a, eps, 1 - eps)
    return -target / p + (1 - target) / (1 - p)


def state_value(state: Mapping[str, Any], key: str, index: int) -> float:
    """One parameter's entry of an optimizer state array (0 when the state is not made yet)."""
    array = state.get(key)
    return 0.0 if array is None else float(array[index])


__all__ = [
    "FIRST_SAMPLE",
    "PROBED_POINT",
    "LayerPhase",
    "SlowStepRefused",
    "StepPhases",
    "state_value",
    "step_phases",
    "take_slow_step",
]
