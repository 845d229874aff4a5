"""On a small screen (1024×700) with the test images and the run table open beside the confusion matrix, its dock
is too short for the whole view: it shows the matrix's cells, its switches a scroll away above."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect


def _seen(widget, rect: QRect, scroll) -> bool:
    top_left = widget.mapTo(scroll.viewport(), rect.topLeft())
    return scroll.viewport().rect().contains(QRect(top_left, rect.size()))


def test_a_crowded_column_still_shows_the_confusion_matrix(make_window, qtbot):
    w = make_window(size=(1024, 700), dataset="digits", seed=0)
    actions = (
        w.confusion.view_action,
        w.digit_views.docks["test_images"].toggleViewAction(),
        w.experiments.runs_dock.toggleViewAction(),
    )
    for action in actions:
        if not action.isChecked():
            action.trigger()
    view = w.confusion.view
    qtbot.waitUntil(lambda: view.isVisible() and view.snapshot is w.controller.latest_snapshot, timeout=15000)
    view.flush()
    scroll = w.confusion.dock.widget()
    grid = view.grid

    def rows_seen() -> list[int]:
        return [k for k in range(10) if _seen(grid, grid.cell_rect(k, 0), scroll)]

    def short() -> bool:
        return scroll.viewport().height() < view.height()

    # the other docks of the column take their share, the caption above the matrix takes its lines once the results
    # are shown: the dock then scrolls to the matrix (in up to 15 s: a loaded machine took more than 5)
    try:
        qtbot.waitUntil(lambda: short() and rows_seen()[:4] == [0, 1, 2, 3], timeout=15000)
    except qtbot.TimeoutError:
        assert short(), "the column has room for the whole view: nothing to check"
        top = grid.mapTo(scroll.widget(), QPoint(0, 0)).y()
        pytest.fail(
            f"only the rows {rows_seen()} of the matrix are in view (the dock shows {scroll.viewport().height()} px "
            f"from {scroll.verticalScrollBar().value()}, the matrix starts at {top})"
        )
    assert scroll.verticalScrollBar().maximum() > 0  # the switches above are a scroll away
