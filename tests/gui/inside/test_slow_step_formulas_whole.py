"""The slow step's captions wrap between formulas, never inside one: at every width of the caption, "∂L/∂w" and
"1 − a²" each stand on one line (Qt would otherwise break after the "/" or at the spaces)."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from gui.inside.slow_step_text import Phase, phase_caption
from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.inside.step_phases import take_slow_step
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.gui.text_lines import broken_inside, laid_out_lines

FORMULAS = ("∂L/∂w", "∂L/∂b", "∂L/∂a", "∂L/∂z", "1 − a²", "δ·a", "f′(z)")


def test_no_caption_formula_is_broken_across_lines(qtbot):
    X, y = make_dataset("moons", 50, 0.2, seed=4, n_classes=2)
    ds = Dataset.from_arrays(X, y, task="classification", seed=0)
    session = TrainingSession(ds, ModelSpec(hidden_layer_sizes=(8, 8)), TrainSpec(dtype="float64"), seed=1)
    session.step(2)
    phases = take_slow_step(session)
    label = QLabel()  # the caption's font
    qtbot.addWidget(label)
    for phase in (Phase("backward", 1), Phase("backward", 2), Phase("backward", 3)):
        html = phase_caption(phases, phase)
        for width in range(240, 640, 6):
            document = QTextDocument()
            document.setDefaultFont(label.font())
            document.setHtml(html)
            document.setTextWidth(width)
            lines = laid_out_lines(document)
            for formula in FORMULAS:
                assert not broken_inside(lines, formula), f"{formula!r} broken at {width} px: {lines}"
