"""On a small screen (1024×700) with the run table open under the confusion matrix, its dock is short: the class
scores' table still shows every class's row, the dock scrolling to them, never a header over an empty box with a
scroll bar of its own inside the dock's."""

from __future__ import annotations


def test_the_class_scores_keep_their_rows_in_a_short_dock(make_window, qtbot):
    w = make_window(size=(1024, 700))
    for action in (w.confusion.view_action, w.experiments.runs_dock.toggleViewAction()):
        if not action.isChecked():
            action.trigger()
    view = w.confusion.view
    qtbot.waitUntil(lambda: view.isVisible() and view.snapshot is w.controller.latest_snapshot, timeout=5000)
    view.flush()
    table, scroll = view.table, w.confusion.dock.widget()
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=5000)
    qtbot.wait(50)
    assert scroll.viewport().height() < view.height()  # the dock is short: the view scrolls in it
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    assert table.viewport().height() >= rows, f"{table.viewport().height()} px for rows of {rows} px"
    assert table.verticalScrollBar().maximum() == 0  # one scroll bar, the dock's
