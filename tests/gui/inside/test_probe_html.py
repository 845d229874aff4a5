"""The probe's tables: a wide layer lists its first units and its strongest, every unit when asked, and a weight
matrix too large to print whole shows its largest gradients."""

from __future__ import annotations

import re

import numpy as np

from gui.inside.probe_html import MAX_MATRIX_ENTRIES, MAX_UNITS, probe_html
from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.inside.probe import probe
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

WIDE = 16  # a hidden layer wider than MAX_UNITS, whose 2x16 and 16x1 weight matrices print whole


def _probe(hidden):
    X, y = make_dataset("xor", 40, 0.05, seed=2)
    spec = ModelSpec(kind="mlp", hidden_layer_sizes=hidden, activation="tanh")
    session = TrainingSession(Dataset.from_arrays(X, y, seed=0), spec, TrainSpec(dtype="float64"), seed=0)
    session.step(3)
    return probe(session.snapshot((-6.0, 6.0, -6.0, 6.0), 10), (1.5, -2.0), 1)


def _unit_rows(html_text: str, layer: int) -> list[int]:
    """The unit numbers listed in hidden layer ``layer``'s table."""
    table = html_text.split(f"hidden layer {layer} ")[1].split("</table>")[0]
    return [int(n) for n in re.findall(r"<tr><td>(\d+)</td>", table)]


def test_a_wide_layer_lists_its_first_units_and_its_strongest_and_says_how_many_more():
    p = _probe((WIDE,))
    text = probe_html(p)
    units = _unit_rows(text, 1)
    assert len(units) == MAX_UNITS
    assert units[: MAX_UNITS // 2] == list(range(1, MAX_UNITS // 2 + 1))
    strongest = int(np.argmax(np.abs(p.layers[0].dz))) + 1
    assert strongest in units
    assert f"{WIDE - MAX_UNITS} more units" in text


def test_every_unit_lists_the_whole_layer():
    text = probe_html(_probe((WIDE,)), every_unit=True)
    assert _unit_rows(text, 1) == list(range(1, WIDE + 1))
    assert "more units" not in text


def test_a_weight_matrix_prints_whole_while_small_and_as_its_largest_gradients_when_large():
    small = probe_html(_probe((WIDE,)))  # 2 x 16 and 16 x 1 weights
    assert "largest |dL/dW|" not in small and "<b>layer 1</b> (2×16 weights)<table>" in small
    wide = MAX_MATRIX_ENTRIES // 2 + 1  # 2 x 25 weights: more than MAX_MATRIX_ENTRIES
    p = _probe((wide,))
    text = probe_html(p)
    assert f"<b>layer 1</b> (2×{wide} weights), the 8 largest |dL/dW|" in text
    table = text.split(f"(2×{wide} weights)")[1].split("</table>")[0]
    dW = p.layers[0].dW
    i, j = np.unravel_index(int(np.argmax(np.abs(dW))), dW.shape)
    assert table.count("<tr><td>") == 8
    assert f"<tr><td>{p.input_labels[i]}</td><td>h1.{j + 1}</td>" in table  # the largest is among them
