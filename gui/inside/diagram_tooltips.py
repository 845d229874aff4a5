"""The network diagram's tooltips: what a line or a node is and carries, in words and numbers.

A line: its weight, what the drawn digit sends along it (on the digits), the full-batch gradient dL/dw now, and
the probed point's dL/dw = x·dL/dz. A node: its name (an input's full feature name), bias and activation, the
range of its output over the plot, the probed point's values, and what a click does; a hidden unit's switch: its
state and what a click does, or why the lesson refuses it. ``describe(facts, item)`` is the whole text, given
the ``TipFacts`` the diagram gathers.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from gui.inside.diagram_node_maps import activation_names
from gui.inside.inspect_common import fmt
from model.nn.activations import get_activation
from model.nn.param_layout import layer_blocks
from model.nn.units_off import unit_name as hidden_unit_name


@dataclass(frozen=True)
class TipFacts:
    """What the tooltips read: the snapshot drawn, the inputs' labels, the units shown switched off, whether the
    lesson locks the switches (and why), the node maps (or None), a probe of this network (or None), the drawn
    digit's values per layer (or None), and the full-batch gradient (asked for only by a line's tooltip)."""

    snap: Any
    labels: Sequence[str]
    off: frozenset
    locked: bool
    locked_tip: str
    maps: Any
    probe: Any
    digit_values: Any
    gradients: Callable[[], Any]


def unit_name(snap, labels: Sequence[str], layer: int, unit: int) -> str:
    """ "input <its label>", "h1 unit 3"-like names of hidden units, "output" or "output 2"."""
    if layer == 0:
        return f"input {labels[unit] if unit < len(labels) else unit + 1}"
    if layer == len(snap.layer_sizes) - 1:
        return f"output {unit + 1}" if snap.layer_sizes[-1] > 1 else "output"
    return hidden_unit_name((layer, unit))


def describe(facts: TipFacts, item) -> str:
    """The tooltip text for ("line", layer, i, j), ("node", layer, unit) or ("switch", layer, unit)."""
    if item[0] == "line":
        _, layer, i, j = item
        return _describe_line(facts, layer, i, j)
    kind, layer, unit = item
    return _describe_node(facts, kind, layer, unit)


def _describe_line(facts: TipFacts, layer: int, i: int, j: int) -> str:
    snap = facts.snap
    w = float(snap.layer_params()[layer - 1][0][i, j])
    src = unit_name(snap, facts.labels, layer - 1, i)
    dst = unit_name(snap, facts.labels, layer, j)
    lines = [f"<b>weight {src} → {dst}</b>", f"w = {fmt(w)}"]
    if facts.digit_values is not None and layer - 1 < len(facts.digit_values):
        a = float(facts.digit_values[layer - 1][i])
        lines.append(f"drawn digit: {fmt(a)} × w = {fmt(a * w)} sent along it")
    grads = facts.gradients()
    if grads is not None:
        g = float(grads[layer_blocks(snap.layer_sizes)[layer - 1].weight_index(i, j)])
        lines.append(f"dL/dw = {fmt(g)} (mean over the training set, now)")
    if facts.probe is not None:
        lp = facts.probe.layers[layer - 1]
        lines.append(f"probed point: dL/dw = {fmt(lp.dW[i, j])} = x·dL/dz = {fmt(lp.x[i])} × {fmt(lp.dz[j])}")
    return "<br>".join(lines)


def _describe_node(facts: TipFacts, kind: str, layer: int, unit: int) -> str:
    snap = facts.snap
    name = unit_name(snap, facts.labels, layer, unit)
    off = (layer, unit) in facts.off
    if kind == "switch" and facts.locked:
        state = "switched off" if off else "on"
        return f"<b>{name}</b>: {state}; its switch is locked.<br>{html.escape(facts.locked_tip)}"
    if kind == "switch":
        if off:
            return f"<b>{name}</b>: switched off — click to switch on"
        return f"<b>{name}</b>: click to switch it off (its output held at 0 while training goes on)"
    if off and not facts.locked:
        return f"<b>{name}</b>: switched off — click to switch on<br>its output is held at 0; its weights wait"
    lines = [f"<b>{name}</b>"]
    if layer == 0:
        lines.append("an input: it passes its value on unchanged")
    else:
        b = float(snap.layer_params()[layer - 1][1][unit])
        lines.append(f"bias b = {fmt(b)}")
        activation = get_activation(activation_names(snap)[layer])
        lines.append(f"activation: {activation.display_name}, a = {activation.formula}")
    if facts.maps is not None and layer < len(facts.maps.ranges):
        lo, hi = facts.maps.ranges[layer][unit]
        lines.append(f"output over the plot: {fmt(lo, 3)} … {fmt(hi, 3)}")
    if facts.probe is not None:
        if layer == 0:
            lines.append(f"probed point: x = {fmt(facts.probe.inputs[unit])}")
        else:
            lp = facts.probe.layers[layer - 1]
            lines.append(f"probed point: z = {fmt(lp.z[unit])}, a = {fmt(lp.a[unit])}, dL/dz = {fmt(lp.dz[unit])}")
    lines.append("<i>click: show its map on the plot</i>")
    if off:
        lines.insert(1, "switched off: its output is held at 0; its weights wait")
    if 0 < layer < len(snap.layer_sizes) - 1 and not facts.locked:
        lines.append("<i>click the switch at its corner: switch it off</i>")
    return "<br>".join(lines)
