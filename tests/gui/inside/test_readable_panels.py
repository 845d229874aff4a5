"""The inspectors read whole in a narrow dock: the probe's numbers never break across lines, and the network
health table shows its headers and cells whole (what does not fit has a tooltip)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtGui import QFontMetrics

from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

#: the width an inspector dock has beside the plot in the default window (its tab shares the right-hand column)
NARROW_DOCK = 300


def session(hidden=(5, 3), activation="tanh", epochs=200):
    X, y = make_dataset("xor", 120, 0.05, seed=2)
    s = TrainingSession(
        Dataset.from_arrays(X, y, seed=0),
        ModelSpec(hidden_layer_sizes=hidden, activation=activation),
        TrainSpec(optimizer="adam", learning_rate=0.03, dtype="float64"),
        seed=0,
    )
    s.step(epochs)
    return s


def numbers_broken(document) -> list[str]:
    """The numbers a laid-out document breaks across two lines (a line starting inside a run of characters
    that holds a digit)."""
    broken = []
    block = document.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for i in range(1, layout.lineCount() if layout is not None else 0):
            start = layout.lineAt(i).textStart()
            if 0 < start < len(text) and not text[start - 1].isspace() and not text[start].isspace():
                left = re.search(r"\S*$", text[:start]).group()
                right = re.match(r"\S*", text[start:]).group()
                if re.search(r"\d", left + right):
                    broken.append(f"{left}|{right}")
        block = block.next()
    return broken


@pytest.mark.parametrize("width", [NARROW_DOCK, 220])
def test_probe_numbers_never_break_across_lines(qtbot, width):
    from gui.inside.probe_panel import ProbePanel

    s = session()
    panel = ProbePanel()
    qtbot.addWidget(panel)
    panel.resize(width, 700)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_dataset_info("classification", 2)
    panel.show_snapshot(s.snapshot())
    panel.set_point((1.7, -2.2), 1)
    document = panel.browser.document()
    document.setTextWidth(panel.browser.viewport().width())  # laid out as shown
    assert "dL/dW" in document.toPlainText()
    assert numbers_broken(document) == []


def cut_texts(table) -> list[str]:
    """The header and cell texts of a table that do not fit their column (or, for row names, their header)."""
    cut = []
    header, rows = table.horizontalHeader(), table.verticalHeader()
    margin = 2 * header.style().pixelMetric(header.style().PixelMetric.PM_HeaderMargin)
    head_metrics, cell_metrics = QFontMetrics(header.font()), QFontMetrics(table.font())
    for row in range(table.rowCount()):
        item = table.verticalHeaderItem(row)
        if rows.width() < head_metrics.horizontalAdvance(item.text()) + margin:
            cut.append(item.text())
    for column in range(table.columnCount()):
        width = header.sectionSize(column)
        item = table.horizontalHeaderItem(column)
        if width < head_metrics.horizontalAdvance(item.text()) + margin:
            cut.append(item.text())
        for row in range(table.rowCount()):
            text = table.item(row, column).text()
            if width < cell_metrics.horizontalAdvance(text) + 6:
                cut.append(text)
    return cut


@pytest.mark.parametrize(
    "width, hidden", [(420, (6, 4)), (420, (16, 8)), (NARROW_DOCK, (6, 4)), (NARROW_DOCK, (8,) * 6)]
)
def test_network_health_reads_whole_in_a_narrow_dock(qtbot, width, hidden):
    """At the inspector docks' width beside the plot (about 420 pixels) a usual network's table fits; narrower, or
    deeper, it scrolls sideways: no header nor cell is ever cut."""
    from PySide6.QtWidgets import QApplication

    from gui.inside.health_panel import HealthPanel
    from gui.main_window import apply_style

    apply_style(QApplication.instance())  # measured in the app's own style
    s = session(hidden=hidden, activation="relu", epochs=20)
    panel = HealthPanel()
    qtbot.addWidget(panel)
    panel.resize(width, 560)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_dataset(s.dataset)
    panel.show_snapshot(s.snapshot())
    panel.flush()
    table = panel.table
    qtbot.wait(20)  # the columns take their contents' width when the table lays itself out
    assert table.columnCount() == len(hidden) + 1 and cut_texts(table) == []
    for row in range(table.rowCount()):  # what a measure is, a hover away
        assert table.verticalHeaderItem(row).toolTip()
    fits = table.horizontalHeader().length() <= table.viewport().width()
    assert fits == (table.horizontalScrollBar().maximum() == 0)
    if width >= 420 and len(hidden) <= 2:
        assert fits
    assert np.isfinite(panel.health[0].weight_grad_norm) and panel.cell(0, "activation") == f"ReLU ×{hidden[0]}"
