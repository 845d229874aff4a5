"""Undo of Generate gives back everything Generate changed: the points, the split the clicked points follow, and
the fields of the data panel; redo the generated ones again."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt


def _fields(w) -> tuple:
    p = w.data_panel.params()
    return p["name"], p["n_samples"], p["seed"], p["test_fraction"]


def _click_points(w, n: int) -> int:
    """How many of ``n`` points clicked on the plot go to the test set."""
    before = w.document.dataset
    w.edits.add_points(np.zeros((n, 2)))
    return int(w.document.dataset.is_test.sum() - before.is_test.sum())


def test_undo_of_generate_gives_back_the_split_and_the_fields(make_window, qtbot):
    w = make_window(dataset="moons", seed=0)
    first = w.document.dataset
    assert _fields(w) == ("moons", 200, 0, 0.2)

    w.data_panel.set_params({**w.data_panel.params(), "name": "xor", "n_samples": 300, "seed": 4})
    w.data_panel.test_fraction.setValue(50)
    qtbot.mouseClick(w.data_panel.generate_button, Qt.LeftButton)
    assert w.controls.undo_action.text() == "Undo Generate xor"
    assert w.document.test_fraction == 0.5

    w.controls.undo_action.trigger()
    assert w.document.dataset is first
    assert _fields(w) == ("moons", 200, 0, 0.2)  # the fields the points on the plot were made with
    assert w.data_panel.pending_hint.isHidden()  # nothing waits for Generate
    assert w.document.test_fraction == 0.2

    w.controls.redo_action.trigger()
    assert w.document.dataset.n_samples == 300
    assert _fields(w) == ("xor", 300, 4, 0.5)
    assert w.document.test_fraction == 0.5

    w.controls.undo_action.trigger()
    assert 50 <= _click_points(w, 500) <= 150  # one clicked point in five goes to test, as before Generate
