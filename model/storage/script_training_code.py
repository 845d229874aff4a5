"""The training part of the exported NumPy script: Rosenblatt's rule, or the network's passes and optimizer.

``model.storage.script_export`` writes the data and the set-up; the code here writes the rest of the script, the
activations (through their outputs), the forward and backward passes, the penalties, the mini-batches and the
SGD/momentum/Nesterov/Adam update, operation by operation as the core does them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from model.nn.activations import get_activation
from model.nn.param_layout import layer_views
from model.nn.units_off import names
from model.storage.script_literals import _matrix, _vector

if TYPE_CHECKING:
    from model.nn.network import Network
    from model.training.specs import ModelSpec, TrainSpec


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
    if initial.any():
        w("# The initial weights (fan_in x fan_out) and biases of every layer, as the app drew them.")
    else:
        w("# The initial weights (fan_in x fan_out) and biases: all zero, where the app starts logistic regression")
        w("# (its loss is convex, so it needs no random start: p = 0.5 everywhere until it learns).")
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
        activation = get_activation(name)
        w(f"def {name}(z):")
        w(f"    {activation.script_function}")
        w("")
        w("")
        w(f"def {name}_slope(a):")
        w(f"    {activation.script_slope}")
        w("")
        w("")
    if head == "binary":
        w("def output(z):")
        w('    """Sigmoid: P(class 1)."""')
        w(f"    {get_activation('logistic').script_function}")
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
    masked = bool(network.units_off)
    if masked:
        _units_off_part(w, network)
    w("def forward(X):")
    w('    """The outputs of every layer for inputs X of shape (n, LAYER_SIZES[0]): [X, ..., output],')
    w('    and the last layer\'s z (the logits)."""')
    w("    outputs = [X]")
    if masked:
        w("    for i, ((W, b), f) in enumerate(zip(LAYERS, FUNCTIONS)):")
        w("        z = outputs[-1] @ W + b")
        w("        outputs.append(f(z) * MASKS[i] if i < len(MASKS) else f(z))")
    else:
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
    w("    weights = params[:N_WEIGHTS]" + (" * PENALISED" if masked else ""))
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
    w("            delta = (delta @ W.T) * SLOPES[i - 1](outputs[i])" + (" * MASKS[i - 1]" if masked else ""))
    w("    grads[...] *= 1.0 / n")
    w("    weights, weight_grads = params[:N_WEIGHTS]" + (" * PENALISED" if masked else "") + ", grads[:N_WEIGHTS]")
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


def _units_off_part(w: Callable[[str], None], network: Network) -> None:
    """The hidden units switched off in the app: a mask multiplied after their activation."""
    units = sorted(network.units_off)
    w("# Hidden units switched off in the app (" + ", ".join(names(units)) + "): a mask multiplied after the")
    w("# activation holds their output at 0, so they get no gradient and pass none back; their incoming")
    w("# weights are not penalised either, so they stay as they are. (Switched off from epoch 0 here.)")
    w(f"UNITS_OFF = {[tuple(u) for u in units]}   # (hidden layer from 1, unit from 0)")
    w("MASKS = [np.ones(size, dtype=DTYPE) for size in LAYER_SIZES[1:-1]]")
    w("PENALISED = np.ones_like(params)   # 0 for the incoming weights of a switched-off unit")
    w("for layer, unit in UNITS_OFF:")
    w("    MASKS[layer - 1][unit] = 0")
    w("    layer_views(PENALISED)[layer - 1][0][:, unit] = 0")
    w("PENALISED = PENALISED[:N_WEIGHTS]")
    w("")
    w("")
