"""The probe's "Output and loss" table reads whole in a 1024×700 window's dock (its text ~205 px wide): the rows'
names wrap, the values stay in view. The loss's row, its name on one line, needed 283 px: its value was past the
edge, a sideways scroll away."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument

from gui.inside.probe_html import output_html, probe_html
from model.data.generators import make
from model.inside.probe import probe
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

DOCK_TEXT_WIDTH = 205  # px: the probe's text in a 1024×700 window's dock, less its scroll bar


@pytest.mark.parametrize(
    ("data", "spec"),
    [
        ("blobs", ModelSpec(kind="logistic")),
        ("blobs", ModelSpec(hidden_layer_sizes=(8,))),
        ("blobs", ModelSpec(kind="perceptron")),
        ("sine", ModelSpec(hidden_layer_sizes=(8,))),
    ],
    ids=["logistic", "mlp", "perceptron", "regression"],
)
def test_the_output_and_loss_fit_a_small_screens_dock(qtbot, data, spec):
    session = TrainingSession(make(data, 60, 0.1, seed=0), spec, TrainSpec(), seed=0)
    session.step(3)
    point, label = ((1.0,), 0.5) if data == "sine" else ((1.0, -1.0), 1)
    p = probe(session.snapshot((-6.0, 6.0, -6.0, 6.0), 10), point, label)
    style = probe_html(p).split("<h4>")[0]  # the panel's style sheet: monospace, cells on one line unless told
    doc = QTextDocument()
    doc.setHtml(style + output_html(p))
    doc.setTextWidth(DOCK_TEXT_WIDTH)
    assert doc.idealWidth() <= DOCK_TEXT_WIDTH, f"the table needs {doc.idealWidth():.0f} px"
    text = doc.toPlainText().replace("\u00a0", " ")
    assert "loss" in text and ("p(class 1)" in text or "ŷ" in text or "decision" in text)
    if "p(class 1)" in text:
        assert f"p(class {p.label + 1}), the label" in text
