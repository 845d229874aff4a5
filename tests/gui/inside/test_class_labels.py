"""Class names cut to their room keep what tells the classes apart: wine's "cultivar 1/2/3" over narrow columns
read "c. 1", "c. 2", "c. 3" (or "1", "2", "3"), never three alike "cu…"; whole where they fit; whole on hover."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from gui.inside.class_labels import fitted_label, shorter_forms
from gui.inside.confusion_grid import ConfusionGrid
from model.data import real_datasets

WINE = ("cultivar 1", "cultivar 2", "cultivar 3")


def test_the_shorter_forms_keep_the_part_that_differs():
    assert shorter_forms("cultivar 2", WINE) == ["cultivar 2", "c. 2", "2"]
    assert shorter_forms("versicolor", ("setosa", "versicolor", "virginica")) == ["versicolor"]
    # words all names begin with, but one name has no word of its own after them: only those before it
    names = ("left hand", "left hand side", "left foot")
    assert shorter_forms("left hand side", names) == ["left hand side", "l. hand side", "hand side"]
    assert shorter_forms("0", tuple("0123456789")) == ["0"]


def test_a_label_is_the_longest_form_that_fits(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    fm = QFontMetrics(widget.font())
    whole = fm.horizontalAdvance("cultivar 1")
    assert fitted_label("cultivar 1", WINE, whole + 4, fm) == "cultivar 1"
    assert fitted_label("cultivar 1", WINE, fm.horizontalAdvance("c. 1") + 4, fm) == "c. 1"
    assert fitted_label("cultivar 1", WINE, fm.horizontalAdvance("1") + 1, fm) == "1"
    cut = fitted_label("versicolor", ("setosa", "versicolor", "virginica"), whole // 2, fm)
    assert cut.endswith("…") and fm.horizontalAdvance(cut) <= whole // 2


def test_the_wine_matrix_at_a_small_screen_tells_its_classes_apart(qtbot):
    wine = real_datasets.load("wine", seed=0)
    grid = ConfusionGrid()
    qtbot.addWidget(grid)
    counts = np.array([[12, 0, 0], [0, 12, 2], [0, 0, 10]])
    grid.set_matrix(counts, counts / counts.sum(axis=1, keepdims=True), wine.class_names)
    grid.resize(200, 190)  # as in the confusion dock beside the plot of a 1024×700 window
    grid.show()
    qtbot.waitExposed(grid)
    rows, columns = grid.shown_labels()
    assert rows == list(WINE)  # the rows have room for the whole names
    assert len(set(columns)) == 3 and all("…" not in c for c in columns), columns
    assert all(c.endswith(str(k + 1)) for k, c in enumerate(columns))
    left, top, size = grid._layout()
    assert grid.label_at(QPoint(left + size // 2, top - 4)) == "predicted class: cultivar 1"  # whole on hover
