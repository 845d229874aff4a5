"""The probe panel's tables fit its dock at the width a 1600 px wide window gives it (its text 404 px wide): every
column of a layer's units (z, a, dL/da, dL/dz, dL/db) and of a small weight matrix shows without a sideways
scroll. They needed 587 px: dL/dz and dL/db were behind the scroll bar."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument, QTextTable

from gui.inside.probe_html import probe_html
from gui.inside.probe_panel import ProbePanel
from model.data.generators import make
from model.inside.probe import probe
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

DOCK_TEXT_WIDTH = 396  # px: the probe's text in a 1600 px wide window's dock (404), less a few for other fonts


@pytest.mark.parametrize("hidden", [(8, 8), (4, 3), (16,)])
def test_every_column_of_the_probe_tables_shows_in_the_dock(qtbot, hidden):
    session = TrainingSession(make("moons", 60, 0.1, seed=0), ModelSpec(hidden_layer_sizes=hidden), TrainSpec(), seed=0)
    session.step(3)
    p = probe(session.snapshot((-6.0, 6.0, -6.0, 6.0), 10), (0.5, 0.2), 0)
    panel = ProbePanel()  # the browser's font
    qtbot.addWidget(panel)
    doc = QTextDocument()
    doc.setDefaultFont(panel.browser.font())
    doc.setHtml(probe_html(p))
    doc.setTextWidth(DOCK_TEXT_WIDTH)
    layout = doc.documentLayout()
    tables = [frame for frame in doc.rootFrame().childFrames() if isinstance(frame, QTextTable)]
    assert len(tables) >= 5  # inputs, a table per layer, the output, the weights' gradients
    for table in tables:
        width = layout.frameBoundingRect(table).right()
        assert width <= DOCK_TEXT_WIDTH, f"a {table.columns()}-column table reaches {width:.0f} px"
    text = doc.toPlainText()
    for header in ("unit", "dL/da", "dL/dz", "dL/db"):
        assert header in text
