"""A lesson's "Try this" step that needs a change of the model names the controls it takes, as the panel names them,
and doing what it says gives what the step speaks of: the regression lesson's single hidden neuron starts from two
layers of 16, so its step says to remove Layer 2 (the − beside it) and set Layer 1 to 1 neuron."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox, QToolButton


def step(text: str, number: int) -> str:
    """The words of step ``number`` of the "Try this" list of the lesson's shown text (one item a line)."""
    lines = text.split("Try this\n", 1)[1].splitlines()
    assert len(lines) >= number, f"no step {number} in {text!r}"
    return lines[number - 1]


def named(panel, kind, name: str):
    """The visible control of ``kind`` the panel names ``name`` (its accessible name), as a person finds it."""
    hits = [c for c in panel.findChildren(kind) if c.accessibleName() == name and c.isVisible()]
    assert len(hits) == 1, f"no single visible control {name!r} in the model panel"
    return hits[0]


def test_the_single_neuron_step_of_the_regression_lesson_says_how_and_gets_there(make_window, qtbot):
    w = make_window(size=(1024, 700))
    w.lesson_actions.open_lesson("regression")
    qtbot.wait(100)  # the lesson's rows of the model panel shown, the last ones gone, as before a person's click
    said = step(w.lesson_actions.lesson_panel.browser.toPlainText(), 4)
    assert "single hidden neuron" in said
    layers = w.model_panel.hidden_layers()
    assert len(layers) == 2, f"the lesson starts from {layers}"
    assert re.search(r"\bremove\b", said, re.I) and "Layer 2" in said, f"step 4 does not say to remove layer 2: {said}"
    assert "\u2212" in said, f"step 4 does not name the − button that removes a layer: {said}"
    assert re.search(r"Layer 1 to 1 neuron\b", said), f"step 4 does not say to set layer 1 to one neuron: {said}"
    qtbot.mouseClick(named(w.model_panel, QToolButton, "Remove layer 2"), Qt.MouseButton.LeftButton)
    named(w.model_panel, QSpinBox, "Neurons of layer 1").setValue(1)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.layer_sizes == (1, 1, 1), timeout=5000)  # x, one unit, ŷ
    assert w.controller.latest_snapshot.activations == ("tanh",)
