"""The class-scores table under the confusion matrix in a narrow dock (a 1024×700 screen's 240 px, short under
other docks) writes each class's name whole, or shortened so that the names still differ, never cut by the cell
itself: iris' "versicolor" and "virginica", wine's "cultivar 1", "cultivar 2", "cultivar 3" (which cut from the
right all read "cultiv…"). The whole name is in the cell's tooltip and in the matrix's row of that class."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics

from gui.inside.class_labels import shorter_forms
from gui.inside.confusion_view import ConfusionView
from model.data import real_datasets
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.gui.inside.in_a_dock import shown_in_dock
from tests.gui.inside.test_confusion_fits_its_dock import settle


@pytest.mark.parametrize("name", ["iris", "wine"])
@pytest.mark.parametrize("size", [(240, 177), (240, 520), (420, 306)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_class_names_are_whole_or_told_apart(qtbot, name, size):
    ds = real_datasets.load(name)
    session = TrainingSession(ds, ModelSpec(hidden_layer_sizes=(8,)), TrainSpec(learning_rate=0.01), seed=0)
    session.step(2)
    view = ConfusionView()
    width = size[0]
    scroll = shown_in_dock(qtbot, view, "confusion", size)  # 177 px tall: the view scrolls, its bar takes width
    view.set_dataset(ds)
    view.show_snapshot(session.snapshot())
    view.flush()
    settle(qtbot, scroll)

    table, names = view.table, tuple(ds.class_names)
    shown = table.shown_names()
    assert len(set(shown)) == len(names), f"two classes read alike at {width} px: {shown}"
    metrics = QFontMetrics(table.font())
    room = table.horizontalHeader().sectionSize(0) - table.iconSize().width() - 12  # the marker and the margins
    for row, (whole, text) in enumerate(zip(names, shown, strict=True)):
        assert text in shorter_forms(whole, names) or (text.endswith("\u2026") and len(text) >= 4), text
        assert metrics.horizontalAdvance(text) <= room, f"{text!r} is cut by its cell ({room} px)"
        assert table.item(row, 0).toolTip() == whole
    if width >= 420:
        assert shown == names, f"a dock of {width} px has room for the whole names: {shown}"
