"""The run table at the dock's default width: which run it is (number, name), how far it trained (epochs) and how
well (test and training score) are in sight without scrolling sideways, each header whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from model.training.runs import HEADERS

IN_SIGHT = ("Run", "Name", "Epochs", "Test score", "Train score")


@pytest.mark.parametrize("size", [(1400, 960), (1280, 820)])
def test_the_run_tables_first_columns_are_whole_at_the_docks_default_width(qtbot, make_window, size):
    w = make_window(size=size)
    w.experiments.runs_dock.show()
    table = w.experiments.runs
    qtbot.waitUntil(lambda: table.model.rowCount() >= 1 and table.view.isVisible(), timeout=10000)
    qtbot.wait(100)
    header = table.view.horizontalHeader()
    visible = table.view.viewport().width()
    metrics = header.fontMetrics()
    for name in IN_SIGHT:
        column = HEADERS.index(name)
        shown = table.model.headerData(column, header.orientation())
        left = header.sectionViewportPosition(column)
        assert left >= 0 and left + header.sectionSize(column) <= visible, (name, left, header.sectionSize(column))
        assert metrics.horizontalAdvance(shown) < header.sectionSize(column), name
        assert table.model.headerData(column, header.orientation(), Qt.ItemDataRole.ToolTipRole)  # the whole meaning
