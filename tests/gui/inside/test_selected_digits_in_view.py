"""On a small screen (1024×700) the Test set dock is short: a click on a cell of the confusion matrix shows that
cell's digits where the person looks, not below a caption that fills the dock."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QScrollArea


def _seen(widget, rect: QRect, scroll: QScrollArea) -> bool:
    """Whether ``rect`` of ``widget`` lies wholly inside what ``scroll`` shows."""
    top_left = widget.mapTo(scroll.viewport(), rect.topLeft())
    return scroll.viewport().rect().contains(QRect(top_left, rect.size()))


def test_the_digits_of_a_clicked_cell_come_into_view(make_window, qtbot):
    w = make_window(size=(1024, 700), dataset="digits", seed=0)
    for action in (w.digit_views.docks["test_images"].toggleViewAction(), w.confusion.view_action):
        if not action.isChecked():
            action.trigger()
    w.experiments.runs_dock.toggleViewAction().trigger()  # the run table open too: the column is crowded
    target = w.controller.latest_snapshot.epoch + 30
    w.controller.step(30)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch == target, timeout=20000)
    view, grid = w.confusion.view, w.digit_views.test_images
    qtbot.waitUntil(lambda: view.isVisible() and view.snapshot is w.controller.latest_snapshot, timeout=5000)
    view.flush()
    outer = w.digit_views.docks["test_images"].widget()
    assert isinstance(outer, QScrollArea) and outer.viewport().height() < grid.minimumSizeHint().height() + 60

    counts = view.scores.counts
    off = np.argwhere((counts > 0) & ~np.eye(10, dtype=bool))
    true_class, predicted_class = (int(off[0][0]), int(off[0][1])) if len(off) else (3, 3)
    view.select_cell(true_class, predicted_class)
    qtbot.waitUntil(lambda: len(grid.selection) > 0 and len(grid.cells.images) == len(grid.selection), timeout=5000)
    first = grid.cells.image_rect(0).toAlignedRect()
    # once the caption's new text is laid out and the dock scrolled
    qtbot.waitUntil(
        lambda: _seen(grid.cells, first, outer) and _seen(grid.cells, first, grid.cells_scroll), timeout=3000
    )
    assert grid.caption.text().startswith(f"Epoch {w.controller.latest_snapshot.epoch}: the {len(grid.selection)}")
