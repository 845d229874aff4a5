"""The probe's forward and backward pass as HTML tables: what the probe panel shows of one point.

Forward: the inputs, then for every layer z = W·x + b and a = f(z) of each unit (z written out as its sum for a
layer of few inputs), then the output and the loss. Backward: dL/da, dL/dz and dL/db of each unit, and dL/dW of
every weight (in full while the matrix is small, else its largest entries). Numbers are coloured by their sign, in
the inks of the theme shown (``gui.widgets.theme.Theme``): the dark theme's on its dark text field.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import numpy as np

from gui.inside.inspect_common import fmt
from gui.widgets.theme import LIGHT, Theme
from model.data.class_words import class_word

MAX_MATRIX_ENTRIES = 48  # dL/dW shown in full up to this size, else its largest entries
MAX_TERMS = 4  # z written out as a sum up to this many inputs
MAX_UNITS = 10  # units listed per layer unless "every unit" is checked (a 32-unit layer is long)
TABLE_DIGITS = 3  # significant digits in the units' and the weights' tables: six columns fit a default dock


def signed(value, digits: int = 4, ink: Theme = LIGHT) -> str:
    """A number coloured by its sign (blue +, orange −) in ``ink``'s colours."""
    v = float(value)
    color = ink.positive_text if v > 0 else ink.negative_text if v < 0 else ink.zero_text
    return f"<span style='color:{color}'>{html.escape(fmt(v, digits))}</span>"


def probe_html(p, every_unit: bool = False, ink: Theme = LIGHT, class_names: Sequence[str] = ()) -> str:
    """The forward and backward pass of ``p`` (a ``model.inside.probe.Probe``) as HTML tables in ``ink``'s colours;
    ``every_unit``: every unit of a wide layer, not only the first few and the strongest; ``class_names``: the
    dataset's names of the classes, as the output rows say them."""
    parts = [
        "<style>table{border-collapse:collapse;margin-bottom:6px}"
        "td,th{padding:1px 2px;text-align:right;font-family:monospace;white-space:nowrap}"
        f"th{{background:{ink.table_header}}}h4{{margin:6px 0 2px 0}}</style>"
    ]
    parts.append("<h4>Forward pass</h4>")
    parts.append("<table><tr><th>input</th><th>value</th></tr>")
    for name, value in zip(p.input_labels, p.inputs):
        parts.append(f"<tr><td>{html.escape(name)}</td><td>{signed(value, ink=ink)}</td></tr>")
    parts.append("</table>")
    n_layers = len(p.layers)
    for lp in p.layers:
        last = lp.index == n_layers
        title = "output layer" if last else f"hidden layer {lp.index}"
        parts.append(f"<h4>{title} ({html.escape(lp.activation)}): z = W·x + b, a = f(z)</h4>")
        parts.append("<table><tr><th>unit</th><th>z</th><th>a</th><th>dL/da</th><th>dL/dz</th><th>dL/db</th></tr>")
        units = units_shown(lp, every_unit)
        for j in units:
            da = "—" if not np.isfinite(lp.da[j]) else signed(lp.da[j], TABLE_DIGITS, ink)
            cells = [signed(lp.z[j], TABLE_DIGITS, ink), signed(lp.a[j], TABLE_DIGITS, ink), da]
            cells += [signed(lp.dz[j], TABLE_DIGITS, ink), signed(lp.db[j], TABLE_DIGITS, ink)]
            parts.append(f"<tr><td>{j + 1}</td>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
            formula = z_formula(lp, j)
            if formula:
                parts.append(
                    f"<tr><td></td><td colspan=5 style='text-align:left;color:{ink.soft_text};white-space:normal'>"
                    f"z = {formula}</td></tr>"
                )
        if len(units) < lp.z.shape[0]:
            parts.append(
                f"<tr><td colspan=6 style='text-align:left;white-space:normal'><i>{lp.z.shape[0] - len(units)} more "
                f"units: tick “every unit”, or hover them on the diagram</i></td></tr>"
            )
        parts.append("</table>")
    parts.append(output_html(p, ink, class_names))
    parts.append("<h4>Backward pass: dL/dW of every weight</h4>")
    parts.append(
        "<p style='margin:0'>dL/dW<sub>ij</sub> = x<sub>i</sub> · dL/dz<sub>j</sub>: "
        "the input that reached the weight times the error of the unit it feeds. "
        "dL/dz of a hidden unit = Σ<sub>k</sub> W<sub>jk</sub>·dL/dz<sub>k</sub> · f′(z<sub>j</sub>).</p>"
    )
    for lp in p.layers:
        parts.append(dw_html(lp, p, n_layers, ink))
    return "".join(parts)


def units_shown(lp, every_unit: bool) -> list[int]:
    """All units of a narrow layer; of a wide one the first few and those with the largest |dL/dz|."""
    n = lp.z.shape[0]
    if n <= MAX_UNITS or every_unit:
        return list(range(n))
    first = list(range(MAX_UNITS // 2))
    strongest = [int(j) for j in np.argsort(np.abs(lp.dz))[::-1] if int(j) not in first]
    return sorted(first + strongest[: MAX_UNITS - len(first)])


def z_formula(lp, j: int) -> str:
    """z of unit ``j`` written out as its sum, for a layer of at most ``MAX_TERMS`` inputs ('' for more)."""
    x, w = lp.x, lp.W[:, j]
    if x.shape[0] <= MAX_TERMS:

        def par(v):
            text = fmt(v, 3)
            return f"({text})" if float(v) < 0 else text

        terms = " + ".join(f"{par(wi)}·{par(xi)}" for wi, xi in zip(w, x))
        return f"{terms} + {par(lp.b[j])} = {fmt(lp.z[j])}"
    return ""


def output_html(p, ink: Theme = LIGHT, class_names: Sequence[str] = ()) -> str:
    """The output and the loss of the point, as the model's kind computes them. The names of the rows read from the
    left and wrap, so that the values stay in view in a narrow dock (at 1024×700 the loss's row, its name on one
    line, pushed its value past the edge)."""
    parts = ["<h4>Output and loss</h4><table>"]
    if p.task == "regression":
        parts.append(
            _output_row("ŷ", signed(p.output[0], ink=ink))
            + _output_row("target y", signed(p.label, ink=ink))
            + _output_row("loss ½(y − ŷ)²", fmt(p.loss))
        )
    elif p.model_kind == "perceptron":
        parts.append(
            _output_row("score w·x + b", ", ".join(signed(v, ink=ink) for v in p.layers[0].z))
            + _output_row("decision", html.escape(class_word(class_names, int(p.predicted))))
            + _output_row("target (±1)", ", ".join(fmt(v) for v in p.target))
            + _output_row("perceptron loss max(0, −y·z)", fmt(p.loss))
        )
    else:
        for k, prob in enumerate(p.probabilities):
            mark = ", the label" if k == int(p.label) else ""
            parts.append(_output_row(f"p({_one_line(class_word(class_names, k))}){mark}", fmt(prob)))
        parts.append(_output_row(f"loss −log p({_one_line(class_word(class_names, int(p.label)))})", fmt(p.loss)))
        parts.append(_output_row("output dL/dz = p − y", ", ".join(signed(v, ink=ink) for v in p.layers[-1].dz)))
    parts.append("</table>")
    return "".join(parts)


def _one_line(name: str) -> str:
    """A class's name kept on one line ("class 1" does not break between its words)."""
    return name.replace(" ", "\u00a0")


def _output_row(name: str, value: str) -> str:
    """A row of the output table: its name (HTML-escaped) from the left, wrapping; ``value`` (HTML) on one line."""
    return f"<tr><td style='text-align:left;white-space:normal'>{html.escape(name)}</td><td>{value}</td></tr>"


def dw_html(lp, p, n_layers: int, ink: Theme = LIGHT) -> str:
    """dL/dW of layer ``lp``: the whole matrix while it is small, else its largest entries."""
    dW = lp.dW
    fan_in, fan_out = dW.shape
    src = list(p.input_labels) if lp.index == 1 else [f"h{lp.index - 1}.{i + 1}" for i in range(fan_in)]
    dst = ("output" if lp.index == n_layers else f"h{lp.index}") + ".{}"
    head = f"<b>layer {lp.index}</b> ({fan_in}×{fan_out} weights)"
    if dW.size <= MAX_MATRIX_ENTRIES:
        # the sources across when they are fewer than the units they feed: a column per unit of a wide layer
        # (2 inputs × 8 units) was wider than the dock
        names = [html.escape(name) for name in src]
        targets = [dst.format(j + 1) for j in range(fan_out)]
        corner, across, down, matrix = "from \\ to", targets, names, dW
        if fan_out > fan_in:
            corner, across, down, matrix = "to \\ from", names, targets, dW.T
        rows = [f"{head}<table><tr><th>{corner}</th>" + "".join(f"<th>{name}</th>" for name in across) + "</tr>"]
        for r, name in enumerate(down):
            rows.append(
                f"<tr><td>{name}</td>"
                + "".join(f"<td>{signed(v, TABLE_DIGITS, ink)}</td>" for v in matrix[r])
                + "</tr>"
            )
        rows.append("</table>")
        return "".join(rows)
    flat = np.abs(dW).ravel()
    top = np.argsort(flat)[::-1][:8]
    rows = [
        f"{head}, the 8 largest |dL/dW| (all are drawn on the diagram):<table>"
        "<tr><th>from</th><th>to</th><th>dL/dW</th></tr>"
    ]
    for index in top:
        i, j = divmod(int(index), fan_out)
        value = signed(dW[i, j], TABLE_DIGITS, ink)
        rows.append(f"<tr><td>{html.escape(src[i])}</td><td>{dst.format(j + 1)}</td><td>{value}</td></tr>")
    rows.append("</table>")
    return "".join(rows)
