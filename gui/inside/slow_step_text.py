"""The slow step's phases and their captions: what happens in each, with the formulas written out in numbers.

A step plays as: the forward pass layer by layer, the loss, the backward pass from the output back layer by
layer, the update. ``phase_list`` lists them for a ``model.inside.step_phases.StepPhases``; ``phase_title``
names one and ``phase_caption`` explains it (rich text) with the numbers of the shown point (the probed point,
or the batch's first sample: the caption says which) and, for the gradient and the update, of the batch.
Every formula is kept whole where the label wraps (``gui.widgets.unbroken_text``): a long chain of equalities
wraps only before an "=". Pure Python: the player (``gui.inside.slow_step``) puts the text in labels.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np

from gui.inside.inspect_common import fmt
from gui.widgets.unbroken_text import formula, unbroken
from model.data.class_words import class_word
from model.inside.step_phases import LayerPhase, StepPhases, state_value
from model.nn.activations import get_activation
from model.nn.param_layout import layer_blocks

MAX_TERMS = 3  # a sum w·x + … writes out this many terms, then "…"


@dataclass(frozen=True)
class Phase:
    """One phase: ``kind`` "forward" | "loss" | "backward" | "update"; ``layer`` 1..L for forward and backward."""

    kind: str
    layer: int = 0


def phase_list(phases: StepPhases) -> list[Phase]:
    n = len(phases.layers)
    return (
        [Phase("forward", k) for k in range(1, n + 1)]
        + [Phase("loss")]
        + [Phase("backward", k) for k in range(n, 0, -1)]
        + [Phase("update")]
    )


# ---------------------------------------------------------------------------------------------- names
def layer_name(phases: StepPhases, k: int) -> str:
    return "the output layer" if k == len(phases.layers) else f"hidden layer h{k}"


def unit_name(phases: StepPhases, k: int, u: int) -> str:
    """As the diagram names them: an input's label, h1.2, output (or output 2)."""
    if k == 0:
        labels = phases.input_labels
        return labels[u] if u < len(labels) else f"x{u + 1}"
    if k == len(phases.layers):
        return "output" if phases.layers[-1].a.size == 1 else f"output {u + 1}"
    return f"h{k}.{u + 1}"


def _n(value: float) -> str:
    """A number inside a formula: negative ones in parentheses."""
    text = fmt(value, 3)
    return f"({text})" if text.startswith("−") else text


def _class_name(phases: StepPhases, k: int) -> str:
    """Class ``k`` by the dataset's name for it (digits: "class 4" is the digit 4), escaped for the rich text."""
    return html.escape(class_word(phases.class_names, k))


def shown_text(phases: StepPhases) -> str:
    point = ", ".join(fmt(v, 3) for v in phases.point)
    if phases.task == "regression":
        label = f"target {fmt(phases.label, 3)}"
    else:
        label = _class_name(phases, int(phases.label))
    return f"{phases.shown} ({point}), {label}"


def phase_title(phases: StepPhases, phase: Phase) -> str:
    if phase.kind == "forward":
        return f"Forward pass: {layer_name(phases, phase.layer).removeprefix('the ')}"
    if phase.kind == "loss":
        return "The loss"
    if phase.kind == "backward":
        return f"Backward pass: {layer_name(phases, phase.layer).removeprefix('the ')}"
    return "The update"


# ---------------------------------------------------------------------------------------------- formulas
def _weighted_sum(layer: LayerPhase, j: int) -> str:
    x, w = layer.x, layer.W[:, j]
    terms = [f"{_n(w[i])}·{_n(x[i])}" for i in range(min(len(x), MAX_TERMS))]
    if len(x) > MAX_TERMS:
        terms.append("…")
    return " + ".join(terms) + f" + {_n(layer.b[j])}"


def _activation_formula(layer: LayerPhase, j: int, output: bool) -> str:
    """f(z) of unit j as the registry writes it, with its number (a softmax: the whole layer's numbers)."""
    z, a = layer.z[j], layer.a[j]
    activation = get_activation(layer.activation)
    lhs = "p" if output and activation.probability else ("ŷ" if output else "a")
    if not activation.elementwise:
        values = ", ".join(unbroken(fmt(v, 3)) for v in layer.a)
        return formula(f"{lhs} = {activation.formula}") + f" = ({values})"
    at = f" = {activation.formula_at.format(z=fmt(z, 3))}" if activation.formula_at else ""
    return formula(f"{lhs} = {activation.formula}{at} = {fmt(a)}")


def _forward(phases: StepPhases, k: int) -> str:
    layer = phases.layers[k - 1]
    output = k == len(phases.layers)
    _, j = layer.featured()
    what = "the output" if output else "each unit"
    act = get_activation(layer.activation).applied_name
    values = ", ".join(unbroken(fmt(v, 3)) for v in layer.a[:8])
    z_chain = formula(f"z = w·x + b = {_weighted_sum(layer, j)} = {fmt(layer.z[j])}") + (
        " …" if layer.a.size > 8 else ""
    )
    return (
        f"In {layer_name(phases, k)}, {what} adds up its inputs times their weights plus its bias (z), then "
        f"applies {act}. Numbers for {shown_text(phases)}:<br>"
        f"<b>{unit_name(phases, k, j)}</b>: {z_chain}<br>"
        f"{_activation_formula(layer, j, output)}<br>"
        f"<small>all of {layer_name(phases, k)}: {unbroken('a =')} ({values})</small>"
    )


def _loss(phases: StepPhases) -> str:
    out = phases.output
    y = phases.label
    if phases.loss_name == "binary_cross_entropy":
        p_label, p_text = (out[0], "p") if int(y) == 1 else (1 - out[0], "(1 − p)")
        label = _class_name(phases, int(y))
        chain = f"L = −log p({label}) = −log {p_text} = −log {fmt(p_label)} = {fmt(phases.point_loss)}"
    elif phases.loss_name == "softmax_cross_entropy":
        p = out[int(y)]
        chain = f"L = −log p({_class_name(phases, int(y))}) = −log {fmt(p)} = {fmt(phases.point_loss)}"
    else:
        chain = f"L = ½(ŷ − y)² = ½({_n(out[0])} − {_n(y)})² = {fmt(phases.point_loss)}"
    penalty = []
    if phases.alpha:
        penalty.append(f"the L2 penalty {unbroken(f'½·{fmt(phases.alpha)}·Σw²/n')}")
    if phases.l1:
        penalty.append(f"the L1 penalty {unbroken(f'{fmt(phases.l1)}·Σ|w|/n')}")
    plus = f" plus {' and '.join(penalty)}" if penalty else ""
    return (
        f"The loss says how wrong the output is. For {shown_text(phases)}:<br><b>{formula(chain)}</b><br>"
        f"Averaged over the {phases.batch_size} samples of the batch{plus}: "
        f"<b>{formula(f'L = {fmt(phases.batch_loss)}')}</b>, the number training lowers."
    )


def _derivative(layer: LayerPhase, j: int) -> tuple[str, float]:
    """f′(z) of unit j as a formula and its value."""
    activation = get_activation(layer.activation)
    a = np.array([layer.a[j]], dtype=np.float64)
    return activation.derivative_formula, float(activation.derivative(a)[0])


def _backward(phases: StepPhases, k: int) -> str:
    layer = phases.layers[k - 1]
    output = k == len(phases.layers)
    i, j = layer.featured()
    unit = unit_name(phases, k, j)
    if output:
        yhat, y = phases.output[j], phases.target[j]
        symbol = "ŷ" if phases.loss_name == "squared_error" else "p"
        delta = formula(f"δ = ∂L/∂z = {symbol} − y = {_n(yhat)} − {_n(y)} = {fmt(layer.dz[j])}")
        how = (
            f"The error starts at the output: for its loss, {unbroken('∂L/∂z')} is simply the output minus the target."
        )
    else:
        rule, value = _derivative(layer, j)
        delta = (
            f"{unbroken('∂L/∂a = Σ w·δ')} (from the layer above) {formula(f'= {fmt(layer.da[j])}')}<br>"
            + formula(f"δ = ∂L/∂z = ∂L/∂a · f′(z) = {_n(layer.da[j])} · {_n(value)} = {fmt(layer.dz[j])}")
            + f"  <small>({formula(f'f′(z) = {rule}')})</small>"
        )
        how = "The error flows back along the weights, then through the activation's slope."
    source = unit_name(phases, k - 1, i)
    point_grad = layer.dz[j] * layer.x[i]
    penalty = " and the penalty's share" if (phases.alpha or phases.l1) else ""
    return (
        f"{how} For {shown_text(phases)}, at <b>{unit}</b>:<br>{delta}<br>"
        f"weight {unbroken(f'{source} → {unit}')}: "
        f"{formula(f'∂L/∂w = δ·a = {_n(layer.dz[j])} · {_n(layer.x[i])} = {fmt(point_grad)}')}<br>"
        f"The update uses the mean over the batch's {phases.batch_size} samples{penalty}: "
        f"<b>{formula(f'∂L/∂w = {fmt(layer.dW[i, j])}')}</b>, {formula(f'∂L/∂b = {fmt(layer.db[j])}')}. "
        f"<small>Lines: {unbroken('−∂L/∂w')} (blue: the weight will grow, orange: shrink).</small>"
    )


def moved_most(phases: StepPhases) -> tuple[int, int, int, int]:
    """(layer k, i, j, flat index) of the weight the update moves most."""
    blocks = layer_blocks(phases.layer_sizes)
    best = (1, 0, 0, 0)
    best_move = -1.0
    for k, layer in enumerate(phases.layers, 1):
        moves = np.abs(np.nan_to_num(layer.W_after - layer.W))
        i, j = np.unravel_index(int(np.argmax(moves)), moves.shape)
        if moves[i, j] > best_move:
            best_move = float(moves[i, j])
            best = (k, int(i), int(j), blocks[k - 1].weight_index(int(i), int(j)))
    return best


def _rule(phases: StepPhases, index: int) -> str:
    w0, g, w1 = phases.params_before[index], phases.grads[index], phases.params_after_batch[index]
    eta = phases.learning_rate
    if phases.optimizer == "sgd":
        return formula(f"w ← w − η·∂L/∂w = {_n(w0)} − {fmt(eta)}·{_n(g)} = <b>{fmt(w1, 6)}</b>")
    if phases.optimizer in ("momentum", "nesterov"):
        mu = phases.hyper["momentum"]
        v0 = state_value(phases.state_before, "velocity", index)
        v1 = state_value(phases.state_after, "velocity", index)
        velocity = formula(f"v ← μ·v − η·∂L/∂w = {fmt(mu)}·{_n(v0)} − {fmt(eta)}·{_n(g)} = {fmt(v1)}")
        if phases.optimizer == "momentum":
            return f"{velocity}<br>" + formula(f"w ← w + v = {_n(w0)} + {_n(v1)} = <b>{fmt(w1, 6)}</b>")
        return f"{velocity}<br>" + formula(f"w ← w + μ·v − η·∂L/∂w = <b>{fmt(w1, 6)}</b>") + " (Nesterov)"
    b1, b2, eps, t = (phases.hyper[key] for key in ("beta_1", "beta_2", "epsilon", "t"))
    m0, m1 = state_value(phases.state_before, "m", index), state_value(phases.state_after, "m", index)
    v0, v1 = state_value(phases.state_before, "v", index), state_value(phases.state_after, "v", index)
    return (
        formula(f"m ← β₁·m + (1 − β₁)·g = {fmt(b1)}·{_n(m0)} + {fmt(1 - b1)}·{_n(g)} = {fmt(m1)}")
        + "<br>"
        + formula(f"v ← β₂·v + (1 − β₂)·g² = {fmt(b2)}·{_n(v0)} + {fmt(1 - b2)}·{_n(g)}² = {fmt(v1)}")
        + "<br>"
        + formula("w ← w − η·√(1 − β₂<sup>t</sup>)/(1 − β₁<sup>t</sup>)·m/(√v + ε)")
        + f" with {unbroken(f't = {int(t)}')}, {unbroken(f'η = {fmt(eta)}')}, {unbroken(f'ε = {fmt(eps)}')}: "
        + unbroken(f"{_n(w0)} → <b>{fmt(w1, 6)}</b>")
    )


def _update(phases: StepPhases) -> str:
    k, i, j, index = moved_most(phases)
    name = unbroken(f"{unit_name(phases, k - 1, i)} → {unit_name(phases, k, j)}")
    names = {"sgd": "gradient descent", "momentum": "momentum", "nesterov": "Nesterov momentum", "adam": "Adam"}
    head = (
        f"Every weight and bias moves at once ({names[phases.optimizer]}, learning rate "
        f"{unbroken(f'η = {fmt(phases.learning_rate)}')}); the lines take their new width and colour, the halos show "
        f"which moved (blue: grew, orange: shrank). The weight that moves most, {name}:<br>{_rule(phases, index)}<br>"
    )
    if phases.n_updates > 1 and phases.params_after_step is not None:
        tail = (
            f"That was the first of this epoch's {phases.n_updates} mini-batches ({phases.batch_size} samples "
            f"each); the other {phases.n_updates - 1} were applied the same way, so after the epoch "
            f"{unbroken(f'w = {fmt(phases.params_after_step[index], 6)}')}."
        )
    else:
        tail = "Full-batch training: this one update is the whole epoch."
    done = f" Epoch {unbroken(f'{phases.epoch_before} → {phases.epoch_after}')}: the model has taken its step."
    if phases.diverged:
        done = f" <b>{phases.message}</b>"
    return head + tail + done


def phase_caption(phases: StepPhases, phase: Phase) -> str:
    if phase.kind == "forward":
        return _forward(phases, phase.layer)
    if phase.kind == "loss":
        return _loss(phases)
    if phase.kind == "backward":
        return _backward(phases, phase.layer)
    return _update(phases)
