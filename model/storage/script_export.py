"""Export a training session as a standalone Python script that needs only NumPy.

    export_script(session, "experiment.py")
    text = script_text(session)                 # the same, as a string

The script rebuilds the experiment and trains it as the app does, from the
session's *initial* weights: the training and test points embedded as literal
arrays (the app's split), the network's layer sizes, activations and output
head, its initial weights, the optimizer (SGD, momentum, Nesterov or Adam with
the app's update formulas, see ``model.nn.optimizers``) or Rosenblatt's rule for
the perceptron, the L2/L1 penalties and the mini-batches, shuffled by the
same NumPy generator as the session's (``np.random.default_rng([seed, 1])``,
see ``TrainingSession._epoch_order``). Running it for the session's number of
epochs prints the session's training loss (``session.train_loss``; to
rounding, ~1e-12 relative in float64) provided the settings did not change
while the session trained (a learning rate changed mid-run, points edited, a
timeline branch are not replayed: the script runs the *current* settings from
epoch 0). It prints the loss every ``print_every`` epochs and, at the end,
``final train loss: <repr>``, the test loss and the accuracy (R²).

The arithmetic follows the core operation by operation (the activations
through their outputs, the clipped cross-entropy, a flat parameter vector, the
penalties on the weights only), in the
session's dtype. Numbers are written so they read back exactly (float32
weights as the float64 literals of their values).

Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from model.nn.param_layout import layer_views
from model.storage.safe_files import FilePath, atomic_write

if TYPE_CHECKING:
    from model.nn.network import Network
    from model.training.session import TrainingSession
    from model.training.specs import ModelSpec, TrainSpec

#: Python for each extra input feature of ``model.nn.features`` (X: the raw inputs).
FEATURE_CODE = {
    "x1^2": "X[:, 0] * X[:, 0]",
    "x2^2": "X[:, 1] * X[:, 1]",
    "x1*x2": "X[:, 0] * X[:, 1]",
    "sin_x1": "np.sin(X[:, 0])",
    "sin_x2": "np.sin(X[:, 1])",
}

#: Activation functions and their slopes (through the output a = f(z)), as in model.nn.activations.
ACTIVATION_CODE = {
    "identity": ("return z", "return np.ones_like(a)"),
    "logistic": (
        "return 0.5 * (1 + np.tanh(0.5 * z))  # the sigmoid 1 / (1 + exp(-z)), overflow-free",
        "return a * (1 - a)",
    ),
    "tanh": ("return np.tanh(z)", "return 1 - a * a"),
    "relu": ("return np.maximum(z, 0)", "return (a > 0).astype(DTYPE)"),
    "leaky_relu": ("return np.maximum(z, 0.01 * z)", "return np.where(a > 0, 1.0, 0.01).astype(DTYPE)"),
}

DEFAULT_EPOCHS = 1000  # for a session that has not trained yet


# ------------------------------------------------------------------------------------ literals
def _float(value: float) -> str:
    """A float literal that reads back as exactly the same number (float32 values included)."""
    number = float(value)
    if math.isnan(number):
        return "np.nan"
    if math.isinf(number):
        return "np.inf" if number > 0 else "-np.inf"
    return repr(number)


def _wrap(items: list[str], indent: str, width: int = 100) -> list[str]:
    """``items`` joined by ", " into lines of at most ``width`` characters."""
    lines, line = [], ""
    for item in items:
        piece = item if not line else ", " + item
        if line and len(indent) + len(line) + len(piece) + 1 > width:
            lines.append(indent + line + ",")
            line = item
        else:
            line += piece
    if line:
        lines.append(indent + line)
    return lines


def _vector(values: npt.ArrayLike, fmt: Callable[[Any], str] = _float) -> str:
    items = [fmt(v) for v in np.asarray(values).ravel().tolist()]
    if not items:
        return "np.array([])"
    if len(", ".join(items)) <= 80:
        return "np.array([" + ", ".join(items) + "])"
    return "np.array([\n" + "\n".join(_wrap(items, "    ")) + "\n])"


def _matrix(matrix: npt.ArrayLike, fmt: Callable[[Any], str] = _float) -> str:
    values = np.asarray(matrix)
    if values.shape[0] == 0:
        return f"np.empty((0, {values.shape[1]}))"
    rows = ["[" + ", ".join(fmt(v) for v in row) + "]" for row in values.tolist()]
    if max(len(row) for row in rows) <= 94:  # short rows (points): several to a line
        return "np.array([\n" + "\n".join(_wrap(rows, "    ")) + "\n])"
    lines = []  # long rows (a layer's weights): one row per block of lines
    for row in values.tolist():
        block = _wrap([fmt(v) for v in row], "     ")
        block[0] = "    [" + block[0][5:]
        block[-1] += "],"
        lines.extend(block)
    lines[-1] = lines[-1][:-1]
    return "np.array([\n" + "\n".join(lines) + "\n])"


def _int(value: float) -> str:
    return str(int(value))


# ------------------------------------------------------------------------------------ the script
def script_text(
    session: TrainingSession, epochs: int | None = None, print_every: int | None = None, title: str | None = None
) -> str:
    """The standalone script for ``session`` (see the module docstring) as a string.

    epochs : epochs the script trains (default: ``session.epoch``, or 1000 if it is 0)
    print_every : print the loss every this many epochs (default: about ten lines)
    title : a few words on the data for the script's docstring (e.g. "moons")
    """
    spec, t, ds = session.model_spec, session.train_spec, session.dataset
    perceptron = spec.kind == "perceptron"
    if perceptron and ds.task != "classification":
        raise ValueError("a perceptron classifies: it cannot train on regression data")
    for name in spec.features:
        if name not in FEATURE_CODE:
            raise ValueError(f"cannot export the input feature {name!r}")
    trained = int(session.epoch)
    epochs = (trained or DEFAULT_EPOCHS) if epochs is None else int(epochs)
    if print_every is None:
        print_every = max(1, epochs // 10)
    network = session.network
    sizes = list(network.layer_sizes)
    initial = getattr(session, "initial_params", None)
    if initial is None or initial.shape != network.params.shape:
        initial = _initial_params(session)
    initial = np.asarray(initial).astype(network.dtype)
    n_weights = int(network.n_weights)
    n_classes = int(ds.n_classes) if ds.task == "classification" else 1
    head = "perceptron" if perceptron else network.head.name  # binary | softmax | regression

    out: list[str] = []
    w = out.append
    # ---- header
    what = title or ("regression data" if ds.task == "regression" else f"{n_classes}-class data")
    w("#!/usr/bin/env python3")
    w(f'"""{spec.describe()} ({"-".join(map(str, sizes))}) trained on {what}: a Neural Playground experiment.')
    w("")
    w("Needs only NumPy. Run:  python " + "this_file.py")
    w("")
    w("It rebuilds the experiment as the app ran it: the same training and test points, the")
    w(
        "same "
        + (
            "perceptron, starting from zero weights, and Rosenblatt's rule"
            if perceptron
            else "network and initial weights, the same mini-batches and updates"
        )
        + ", shuffled by"
    )
    w("the same NumPy generator, default_rng([SEED, 1]). It prints the training loss every")
    w(
        "PRINT_EVERY epochs, then the final training loss"
        + (f": the app's, after {trained:,} epochs, was" if trained else ".")
        + (f"\n{_float(session.train_loss)} (when its settings did not change while it trained)." if trained else "")
    )
    w('"""')
    w("import numpy as np")
    w("")
    # ---- settings
    w("# ---------------------------------------------------------------------------- settings")
    w(f"DTYPE = np.{np.dtype(t.dtype).name}   # the precision the app trained in")
    w(f"EPOCHS = {epochs}")
    w(f"PRINT_EVERY = {int(print_every)}")
    w(f"SEED = {int(session.seed)}   # seeds the shuffling (the initial weights are below)")
    w(f"LEARNING_RATE = {_float(t.learning_rate)}")
    if not perceptron:
        w(f"OPTIMIZER = {t.optimizer!r}   # the update rule, written out below")
        if t.optimizer in ("momentum", "nesterov"):
            w(f"MOMENTUM = {_float(t.momentum)}")
        if t.optimizer == "adam":
            w(f"BETA_1, BETA_2, EPSILON = {_float(t.beta_1)}, {_float(t.beta_2)}, {_float(t.epsilon)}")
        w(f"BATCH_SIZE = {t.batch_size!r}   # samples per update; None: the whole training set")
        w(f"ALPHA = {_float(spec.alpha)}   # L2 penalty: 0.5 * ALPHA * sum(w**2) / n (weights only)")
        w(f"L1 = {_float(spec.l1)}   # L1 penalty: L1 * sum(|w|) / n (weights only)")
    w(
        f"SHUFFLE = {bool(t.shuffle)!r}   # reshuffle the training set every epoch"
        + ("" if perceptron else " (mini-batches only)")
    )
    w(f"TASK = {ds.task!r}")
    if ds.task == "classification":
        w(f"N_CLASSES = {n_classes}")
    w("")
    # ---- data
    w("# ---------------------------------------------------------------------------- data")
    label = "class index 0..N_CLASSES-1" if ds.task == "classification" else "target value"
    inputs = ", ".join(f"x{i + 1}" for i in range(ds.n_features))
    w(f"# The app's training and test points: inputs ({inputs}) and labels ({label}).")
    y_fmt = _int if ds.task == "classification" else _float
    w("X_TRAIN = " + _matrix(ds.train_X))
    w("Y_TRAIN = " + _vector(ds.train_y, y_fmt))
    w("X_TEST = " + _matrix(ds.test_X))
    w("Y_TEST = " + _vector(ds.test_y, y_fmt))
    w("")
    w("")
    w("def inputs(X):")
    if spec.features:
        names = ", ".join(spec.features)
        w(f'    """The model\'s inputs: the raw {inputs}, then the extra features {names}."""')
        w("    columns = [X]")
        for name in spec.features:
            w(f"    columns.append(({FEATURE_CODE[name]})[:, None])   # {name}")
        w("    return np.ascontiguousarray(np.hstack(columns), dtype=DTYPE)")
    else:
        w(f'    """The model\'s inputs: the raw {inputs}, in DTYPE."""')
        w("    return np.ascontiguousarray(X, dtype=DTYPE)")
    w("")
    w("")
    w("def targets(y):")
    if perceptron and n_classes <= 2:
        w('    """+1 for class 1, -1 for class 0: Rosenblatt\'s targets, one output."""')
        w("    return np.where(y == 1, 1.0, -1.0)[:, None].astype(DTYPE)")
    elif perceptron:
        w('    """+1 for the sample\'s class, -1 for the others: one output per class (one-vs-rest)."""')
        w("    return np.where(y[:, None] == np.arange(N_CLASSES)[None, :], 1.0, -1.0).astype(DTYPE)")
    elif head == "binary":
        w('    """1.0 for class 1, 0.0 for class 0: the target of the one sigmoid output."""')
        w("    return (y == 1).astype(DTYPE)[:, None]")
    elif head == "softmax":
        w('    """One-hot rows: the targets of the softmax outputs."""')
        w("    return (y[:, None] == np.arange(N_CLASSES)[None, :]).astype(DTYPE)")
    else:
        w('    """The target values as one output column."""')
        w("    return np.asarray(y, dtype=DTYPE)[:, None]")
    w("")
    w("")
    if perceptron:
        _perceptron_part(w, sizes, initial)
    else:
        _network_part(w, spec, t, network, sizes, initial, n_weights, head)
    return "\n".join(out) + "\n"


def _initial_params(session: TrainingSession) -> np.ndarray:
    """The weights a fresh session with the same data, specs and seed starts from."""
    from model.training.session import TrainingSession

    fresh = TrainingSession(session.dataset, session.model_spec, session.train_spec, seed=session.seed)
    return fresh.network.params.copy()


def _perceptron_part(w: Callable[[str], None], sizes: list[int], initial: np.ndarray) -> None:
    n_in, n_out = sizes
    W0 = initial[: n_in * n_out].reshape(n_in, n_out)
    b0 = initial[n_in * n_out :]
    w("# ---------------------------------------------------------------------------- the perceptron")
    w(
        f"# {n_in} inputs, {n_out} output{'s (one per class, one-vs-rest)' if n_out > 1 else ''}: "
        "score z = x @ W + b, class 1 where z >= 0" + (" (the largest score wins)" if n_out > 1 else "") + "."
    )
    if not W0.any() and not b0.any():
        w(f"W = np.zeros(({n_in}, {n_out}), dtype=DTYPE)   # Rosenblatt starts from zero weights")
        w(f"b = np.zeros({n_out}, dtype=DTYPE)")
    else:
        w("W = " + _matrix(W0) + ".astype(DTYPE)")
        w("b = " + _vector(b0) + ".astype(DTYPE)")
    w("")
    w("")
    w("def rule_epoch(X, T, order):")
    w('    """One pass of Rosenblatt\'s rule: a sample on the wrong side (or on the boundary) of an')
    w('    output moves that output\'s boundary toward it: w += lr * t * x, b += lr * t."""')
    w("    for i in order:")
    w("        x, t = X[i], T[i]")
    w("        score = x @ W + b")
    w("        wrong = t * score <= 0")
    w("        if wrong.any():")
    w("            step = LEARNING_RATE * t * wrong")
    w("            W[...] += np.outer(x, step)")
    w("            b[...] += step")
    w("")
    w("")
    w("def loss(X, T):")
    w('    """Mean perceptron loss max(0, -t * z): zero once every sample is on its side."""')
    w("    return float(np.maximum(0, -T * (X @ W + b)).sum() / X.shape[0])")
    w("")
    w("")
    w("def predict(X):")
    w("    scores = X @ W + b")
    w("    return (scores[:, 0] >= 0).astype(int) if scores.shape[1] == 1 else scores.argmax(axis=1)")
    w("")
    w("")
    w("# ---------------------------------------------------------------------------- training")
    w("X, T = inputs(X_TRAIN), targets(Y_TRAIN)")
    w("n = X.shape[0]")
    w("rng = np.random.default_rng([SEED, 1])   # the app's shuffling generator")
    w("for epoch in range(1, EPOCHS + 1):")
    w("    rule_epoch(X, T, rng.permutation(n) if SHUFFLE else range(n))")
    w("    epoch_loss = loss(X, T)")
    w("    if epoch % PRINT_EVERY == 0 or epoch == EPOCHS:")
    w('        print(f"epoch {epoch:7d}  loss {epoch_loss:.6g}")')
    w("")
    w("train_loss = loss(X, T)")
    w('print(f"final train loss: {train_loss!r}")')
    w('print(f"train accuracy: {np.mean(predict(X) == Y_TRAIN):.4f}")')
    w("if len(Y_TEST):")
    w("    X_t, T_t = inputs(X_TEST), targets(Y_TEST)")
    w('    print(f"test loss: {loss(X_t, T_t)!r}")')
    w('    print(f"test accuracy: {np.mean(predict(X_t) == Y_TEST):.4f}")')


def _network_part(
    w: Callable[[str], None],
    spec: ModelSpec,
    t: TrainSpec,
    network: Network,
    sizes: list[int],
    initial: np.ndarray,
    n_weights: int,
    head: str,
) -> None:
    hidden = list(network.hidden_activations)
    n_layers = len(sizes) - 1
    output_name = {"binary": "sigmoid", "softmax": "softmax", "regression": "identity"}[head]
    loss_name = {"binary": "binary cross-entropy", "softmax": "cross-entropy", "regression": "half the squared error"}[
        head
    ]
    w("# ---------------------------------------------------------------------------- the network")
    w(f"LAYER_SIZES = {sizes}   # inputs, hidden layers..., outputs")
    w(f"HIDDEN_ACTIVATIONS = {hidden}")
    w(f"# output: {output_name}, trained on the mean {loss_name}")
    w("")
    w("# The initial weights (fan_in x fan_out) and biases of every layer, as the app drew them.")
    for i, (W0, b0) in enumerate(layer_views(initial, sizes), start=1):
        w(f"W{i} = " + _matrix(W0))
        w(f"b{i} = " + _vector(b0))
    ws = ", ".join(f"W{i}.ravel()" for i in range(1, n_layers + 1))
    bs = ", ".join(f"b{i}" for i in range(1, n_layers + 1))
    w("")
    w("# One flat vector holds every parameter, all weights first, then all biases: the optimizer")
    w("# updates it in one go, and each layer's W and b are views into it. (The app keeps each")
    w("# layer's biases beside its weights, to add them inside the matrix product; same maths.)")
    w(f"params = np.concatenate([{ws}, {bs}]).astype(DTYPE)")
    w("grads = np.zeros_like(params)")
    w(f"N_WEIGHTS = {n_weights}   # params[:N_WEIGHTS] are the weights (penalised), the rest biases")
    w("")
    w("")
    w("def layer_views(vector):")
    w('    """[(W, b) of every layer] as views into a flat vector laid out like params."""')
    w("    views, w_at, b_at = [], 0, N_WEIGHTS")
    w("    for fan_in, fan_out in zip(LAYER_SIZES[:-1], LAYER_SIZES[1:]):")
    w("        views.append((vector[w_at:w_at + fan_in * fan_out].reshape(fan_in, fan_out),")
    w("                      vector[b_at:b_at + fan_out]))")
    w("        w_at += fan_in * fan_out")
    w("        b_at += fan_out")
    w("    return views")
    w("")
    w("")
    w("LAYERS, GRAD_LAYERS = layer_views(params), layer_views(grads)")
    w("")
    w("")
    w("# Activations, and their slopes f'(z) written through the output a = f(z).")
    for name in dict.fromkeys(hidden):
        function, slope = ACTIVATION_CODE[name]
        w(f"def {name}(z):")
        w(f"    {function}")
        w("")
        w("")
        w(f"def {name}_slope(a):")
        w(f"    {slope}")
        w("")
        w("")
    if head == "binary":
        w("def output(z):")
        w('    """Sigmoid: P(class 1)."""')
        w(f"    {ACTIVATION_CODE['logistic'][0]}")
    elif head == "softmax":
        w("def output(z):")
        w('    """Softmax: one probability per class (shifted by the row maximum: no overflow)."""')
        w("    e = np.exp(z - z.max(axis=1, keepdims=True))")
        w("    return e / e.sum(axis=1, keepdims=True)")
    else:
        w("def output(z):")
        w('    """Identity: the predicted value."""')
        w("    return z")
    w("")
    w("")
    w(f"FUNCTIONS = [{', '.join(hidden + ['output'])}]")
    w(f"SLOPES = [{', '.join(name + '_slope' for name in hidden)}]")
    w("")
    w("")
    w("def forward(X):")
    w('    """The outputs of every layer for inputs X of shape (n, LAYER_SIZES[0]): [X, ..., output],')
    w('    and the last layer\'s z (the logits)."""')
    w("    outputs = [X]")
    w("    for (W, b), f in zip(LAYERS, FUNCTIONS):")
    w("        z = outputs[-1] @ W + b")
    w("        outputs.append(f(z))")
    w("    return outputs, z")
    w("")
    w("")
    w("def data_loss(Y, P, logits):")
    if head == "binary":
        w('    """Mean binary cross-entropy -[y log p + (1-y) log(1-p)] = -log q, q the probability of')
        w("    the true class: 1 - q = |p - y|, so -log q = -log1p(-|p - y|). Scaling |p - y| by")
        w('    (1 - eps) keeps a confidently wrong sample\'s loss <= -log(eps), the dtype\'s epsilon."""')
        w("    scaled_miss = np.abs(P - Y) * (np.finfo(DTYPE).eps - 1)   # -(1 - eps) |p - y|")
        w("    return -float(np.log1p(scaled_miss).sum()) / P.shape[0]")
    elif head == "softmax":
        w('    """Mean cross-entropy of softmax(logits): log sum exp(z) - z_true, computed stably."""')
        w("    top = logits.max(axis=1, keepdims=True)")
        w("    log_sum_exp = np.log(np.exp(logits - top).sum(axis=1, keepdims=True)) + top")
        w("    return float((log_sum_exp.sum() - (logits * Y).sum()) / logits.shape[0])")
    else:
        w('    """Half the mean squared error."""')
        w("    diff = Y - P")
        w("    return float(0.5 * np.mean(diff * diff)) * Y.shape[1]")
    w("")
    w("")
    w("def penalty(n):")
    w('    """The L2 and L1 penalties of the weights (not the biases), scaled by the batch size n."""')
    w("    weights = params[:N_WEIGHTS]")
    w("    value = 0.0")
    w("    if ALPHA:")
    w("        value += 0.5 * ALPHA * float(np.dot(weights, weights)) / n")
    w("    if L1:")
    w("        value += L1 * float(np.abs(weights).sum()) / n")
    w("    return value")
    w("")
    w("")
    w("def loss_and_gradient(X, Y):")
    w('    """The mean loss on (X, Y); fills grads with its gradient by backpropagation."""')
    w("    n = X.shape[0]")
    w("    outputs, logits = forward(X)")
    w("    loss = data_loss(Y, outputs[-1], logits) + penalty(n)")
    w("    delta = outputs[-1] - Y   # dLoss/dz of the output layer, per sample (the canonical link)")
    w("    for i in range(len(LAYERS) - 1, -1, -1):")
    w("        W, _ = LAYERS[i]")
    w("        dW, db = GRAD_LAYERS[i]")
    w("        dW[...] = outputs[i].T @ delta   # summed over the samples; divided by n below")
    w("        db[...] = delta.sum(axis=0)")
    w("        if i > 0:")
    w("            delta = (delta @ W.T) * SLOPES[i - 1](outputs[i])")
    w("    grads[...] *= 1.0 / n")
    w("    weights, weight_grads = params[:N_WEIGHTS], grads[:N_WEIGHTS]")
    w("    if ALPHA:")
    w("        weight_grads += (ALPHA / n) * weights")
    w("    if L1:")
    w("        weight_grads += (L1 / n) * np.sign(weights)")
    w("    return loss")
    w("")
    w("")
    w("# ---------------------------------------------------------------------------- the optimizer")
    if t.optimizer == "adam":
        w("class Adam:")
        w('    """Adam with bias-corrected moments (scikit-learn\'s formulas):')
        w("    m = b1 m + (1 - b1) g,  v = b2 v + (1 - b2) g^2,")
        w('    params -= lr sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)."""')
        w("")
        w("    def __init__(self):")
        w("        self.m, self.v, self.t = np.zeros_like(params), np.zeros_like(params), 0")
        w("")
        w("    def step(self):")
        w("        self.t += 1")
        w("        self.m *= BETA_1")
        w("        self.m += (1 - BETA_1) * grads")
        w("        self.v *= BETA_2")
        w("        self.v += (1 - BETA_2) * (grads * grads)")
        w("        step_size = LEARNING_RATE * np.sqrt(1 - BETA_2 ** self.t) / (1 - BETA_1 ** self.t)")
        w("        update = self.m / (np.sqrt(self.v) + EPSILON)")
        w("        update *= step_size")
        w("        params[...] -= update")
        w("")
        w("")
        w("optimizer = Adam()")
    elif t.optimizer in ("momentum", "nesterov"):
        nesterov = t.optimizer == "nesterov"
        w("class Momentum:")
        if nesterov:
            w('    """Nesterov momentum: v = MOMENTUM v - lr g;  params += MOMENTUM v - lr g."""')
        else:
            w('    """Classical momentum: v = MOMENTUM v - lr g;  params += v."""')
        w("")
        w("    def __init__(self):")
        w("        self.velocity = np.zeros_like(params)")
        w("")
        w("    def step(self):")
        w("        lr_grads = grads * LEARNING_RATE")
        w("        self.velocity *= MOMENTUM")
        w("        self.velocity -= lr_grads")
        if nesterov:
            w("        params[...] += MOMENTUM * self.velocity")
            w("        params[...] -= lr_grads")
        else:
            w("        params[...] += self.velocity")
        w("")
        w("")
        w("optimizer = Momentum()")
    else:
        w("class GradientDescent:")
        w('    """Plain gradient descent: params -= lr * g."""')
        w("")
        w("    def step(self):")
        w("        params[...] -= grads * LEARNING_RATE")
        w("")
        w("")
        w("optimizer = GradientDescent()")
    w("")
    w("")
    w("def evaluate(X, Y, y):")
    w('    """(loss with penalties, accuracy or R²) at the current weights."""')
    w("    outputs, logits = forward(X)")
    w("    P = outputs[-1]")
    w("    loss = data_loss(Y, P, logits) + penalty(X.shape[0])")
    if head == "regression":
        w("    predicted = P[:, 0].astype(np.float64)")
        w("    ss_tot = float(np.sum((y - y.mean()) ** 2))")
        w("    ss_res = float(np.sum((y - predicted) ** 2))")
        w("    score = 1.0 - ss_res / ss_tot if ss_tot > 0 else float(ss_res == 0)")
    elif head == "binary":
        w("    score = float(np.mean((P[:, 0] >= 0.5).astype(int) == y))")
    else:
        w("    score = float(np.mean(P.argmax(axis=1) == y))")
    w("    return loss, score")
    w("")
    w("")
    w("# ---------------------------------------------------------------------------- training")
    w("X, Y = inputs(X_TRAIN), targets(Y_TRAIN)")
    w("n = X.shape[0]")
    w("rng = np.random.default_rng([SEED, 1])   # the app's shuffling generator")
    w("for epoch in range(1, EPOCHS + 1):")
    w("    if BATCH_SIZE is None or BATCH_SIZE >= n:   # the whole training set at once, in order")
    w("        epoch_loss = loss_and_gradient(X, Y)")
    w("        optimizer.step()")
    w("    else:   # mini-batches; the epoch's loss is their mean weighted by their sizes")
    w("        order = rng.permutation(n) if SHUFFLE else np.arange(n)")
    w("        total = 0.0")
    w("        for start in range(0, n, BATCH_SIZE):")
    w("            index = order[start:start + BATCH_SIZE]")
    w("            total += loss_and_gradient(X[index], Y[index]) * index.shape[0]")
    w("            optimizer.step()")
    w("        epoch_loss = total / n")
    w("    if not (np.isfinite(epoch_loss) and np.isfinite(params.sum())):")
    w('        print(f"epoch {epoch}: the loss became infinite: training diverged; "')
    w('              "try a smaller LEARNING_RATE")')
    w("        break")
    w("    if epoch % PRINT_EVERY == 0 or epoch == EPOCHS:")
    w('        print(f"epoch {epoch:7d}  loss {epoch_loss:.6g}")')
    w("")
    score = "R²" if head == "regression" else "accuracy"
    w("train_loss, train_score = evaluate(X, Y, Y_TRAIN)")
    w('print(f"final train loss: {train_loss!r}")')
    w(f'print(f"train {score}: {{train_score:.4f}}")')
    w("if len(Y_TEST):")
    w("    test_loss, test_score = evaluate(inputs(X_TEST), targets(Y_TEST), Y_TEST)")
    w('    print(f"test loss: {test_loss!r}")')
    w(f'    print(f"test {score}: {{test_score:.4f}}")')


def export_script(
    session: TrainingSession,
    path: FilePath,
    epochs: int | None = None,
    print_every: int | None = None,
    title: str | None = None,
) -> None:
    """Write ``script_text(session, ...)`` to ``path`` (UTF-8, atomically; see the module docstring)."""
    text = script_text(session, epochs, print_every, title)
    name = os.path.basename(os.fspath(path)) or "experiment.py"
    data = text.replace("python this_file.py", f"python {name}").encode("utf-8")
    atomic_write(path, lambda f: f.write(data))


__all__ = ["FEATURE_CODE", "export_script", "script_text"]
