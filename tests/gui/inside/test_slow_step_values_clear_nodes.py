"""Step slowly writes the shown point's values beside the nodes (δ = … in the backward pass): no value's card
lies over a node map (nor within 2 px of one), at the sizes the diagram has in a default window and in a 1024×700
one, and the values are still there to read (a column too narrow for "δ = 0.0534" drops the symbol, then a digit,
then shrinks)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from gui.inside.diagram_canvas import DiagramCanvas
from gui.inside.slow_step_overlay import SlowStepOverlay
from gui.inside.slow_step_text import Phase, phase_list
from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.inside.step_phases import take_slow_step
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


@pytest.fixture(scope="module")
def phases():
    X, y = make_dataset("moons", 60, 0.1, seed=1, n_classes=2)
    ds = Dataset.from_arrays(X, y, task="classification", seed=0)
    session = TrainingSession(ds, ModelSpec(hidden_layer_sizes=(8, 8)), TrainSpec(dtype="float64"), seed=0)
    session.step(1)
    return take_slow_step(session)


def _node_rects(canvas) -> list[QRectF]:
    side = canvas.node_px
    return [QRectF(x - side / 2, y - side / 2, side, side) for pos in canvas.positions for x, y in pos]


# the diagram's canvas in a default window (1360×860: 405×355) and in a 1024×700 one, and sizes around them
@pytest.mark.parametrize("size", [(405, 355), (300, 260), (260, 230), (340, 300), (480, 420)])
def test_no_value_card_covers_a_node_map(qtbot, phases, size):
    canvas = DiagramCanvas()
    qtbot.addWidget(canvas)
    canvas.sizes = phases.layer_sizes
    canvas.labels = [["x₁", "x₂"]]
    canvas.resize(*size)
    canvas.layout_nodes()
    overlay = SlowStepOverlay(phases)
    nodes = _node_rects(canvas)
    for phase in phase_list(phases):
        overlay.phase = phase
        cards = overlay.value_cards(canvas)
        for rect, text, _font in cards:
            covered = [node for node in nodes if node.adjusted(-2, -2, 2, 2).intersects(rect)]
            assert not covered, f"{phase}: {text!r} at {rect} covers node maps at {covered}"
            assert rect.right() <= canvas.width(), f"{phase}: {text!r} leaves the diagram"
        if (
            phase == Phase("backward", 1) and size[0] >= 300
        ):  # h1's δ, before h2's node maps (a smaller one may leave them out)
            assert len(cards) >= 8, f"{size}: only {[t for _, t, _ in cards]} of the values shown"
