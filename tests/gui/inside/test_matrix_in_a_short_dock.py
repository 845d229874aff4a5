"""On a small screen (1024×700) with the test images and the run table open beside the confusion matrix, its dock
is too short for the whole view: it shows the matrix's cells, its switches a scroll away above."""

from __future__ import annotations

from PySide6.QtCore import QRect


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
    qtbot.waitUntil(lambda: view.isVisible() and view.snapshot is w.controller.latest_snapshot, timeout=5000)
    view.flush()
    qtbot.wait(300)
    scroll = w.confusion.dock.widget()
    assert scroll.viewport().height() < view.height(), "the column has room for the whole view: nothing to check"
    grid = view.grid
    rows = [k for k in range(10) if _seen(grid, grid.cell_rect(k, 0), scroll)]
    assert rows[:4] == [0, 1, 2, 3], f"only the rows {rows} of the matrix are in view"
    assert scroll.verticalScrollBar().maximum() > 0  # the switches above are a scroll away
