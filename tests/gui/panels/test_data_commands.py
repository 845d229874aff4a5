"""Undo/redo of data edits restores the exact data; a stroke is one undo step."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QUndoStack

from gui.panels.data_commands import (
    AddPointsCommand,
    DataDocument,
    MovePointCommand,
    RemovePointCommand,
    RemovePointsCommand,
    ReplaceDatasetCommand,
)
from model.data.dataset import Dataset


def same(a: Dataset, b: Dataset) -> bool:
    return a.same_as(b)


@pytest.fixture
def doc(qapp):
    X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, -1.0], [-3.0, 2.5]])
    return DataDocument(Dataset.from_arrays(X, [0, 1, 0, 1], test_fraction=0.25), test_fraction=0.3, seed=5)


def test_add_undo_redo_restores_exact_data(doc, qapp):
    stack = QUndoStack()
    seen = []
    doc.datasetChanged.connect(seen.append)
    d0 = doc.dataset
    P = np.array([[0.5, 0.25], [0.75, 0.5], [1.0, 0.75]])
    stack.push(AddPointsCommand(doc, P, labels=2))
    d1 = doc.dataset
    assert d1.n_samples == 7 and np.array_equal(d1.X[4:], P) and d1.y[4:].tolist() == [2, 2, 2]
    assert d1.n_classes == 3
    assert stack.count() == 1 and stack.undoText() == "Add 3 points"
    stack.undo()
    assert doc.dataset is d0
    stack.redo()
    assert doc.dataset is d1 and same(doc.dataset, d1)
    assert [ds for ds in seen] == [d1, d0, d1]
    assert doc.version == 3  # monotonically increasing, also on undo


def test_test_split_of_clicked_points_comes_from_the_document_rng(qapp):
    a = DataDocument(Dataset.empty(), test_fraction=0.5, seed=11)
    b = DataDocument(Dataset.empty(), test_fraction=0.5, seed=11)
    P = np.random.default_rng(0).normal(size=(200, 2))
    ca, cb = AddPointsCommand(a, P, labels=0), AddPointsCommand(b, P, labels=0)
    ca.redo()
    cb.redo()
    assert np.array_equal(a.dataset.is_test, b.dataset.is_test)
    assert 0.35 < a.dataset.is_test.mean() < 0.65
    none = DataDocument(Dataset.empty(), test_fraction=0.0)
    AddPointsCommand(none, P[:20], labels=1).redo()
    assert not none.dataset.is_test.any()
    # redo after undo keeps the split drawn when the command was made
    stack = QUndoStack()
    stack.push(AddPointsCommand(a, P[:50], labels=1))
    split = a.dataset.is_test.copy()
    stack.undo()
    stack.redo()
    assert np.array_equal(a.dataset.is_test, split)
    with pytest.raises(ValueError):
        a.set_test_fraction(1.5)


def test_explicit_test_flags(doc):
    AddPointsCommand(doc, [[9.0, 9.0], [8.0, 8.0]], labels=[0, 1], is_test=[True, False]).redo()
    assert doc.dataset.is_test[-2:].tolist() == [True, False]


def test_remove_move_replace_round_trip(doc, qapp):
    stack = QUndoStack()
    history = [doc.dataset]
    stack.push(RemovePointCommand(doc, 1))
    history.append(doc.dataset)
    assert doc.dataset.n_samples == 3 and not np.any(np.all(doc.dataset.X == [1.0, 1.0], axis=1))
    stack.push(MovePointCommand(doc, 0, (4.0, -4.0)))
    history.append(doc.dataset)
    assert doc.dataset.X[0].tolist() == [4.0, -4.0]
    stack.push(RemovePointsCommand(doc, [2, 0, 2]))
    history.append(doc.dataset)
    assert doc.dataset.n_samples == 1
    new = Dataset.from_arrays(np.zeros((3, 2)) + 7, [0, 1, 1])
    stack.push(ReplaceDatasetCommand(doc, new, "Generate moons"))
    history.append(doc.dataset)
    assert doc.dataset is new and stack.undoText() == "Generate moons"
    for expected in reversed(history[:-1]):
        stack.undo()
        assert same(doc.dataset, expected)
    for expected in history[1:]:
        stack.redo()
        assert same(doc.dataset, expected)


def test_separate_moves_are_separate_steps(doc, qapp):
    stack = QUndoStack()
    d0 = doc.dataset
    stack.push(MovePointCommand(doc, 2, (0.0, 5.0)))
    stack.push(MovePointCommand(doc, 2, (1.0, 5.0)))
    assert stack.count() == 2
    stack.undo()
    assert doc.dataset.X[2].tolist() == [0.0, 5.0]
    stack.undo()
    assert same(doc.dataset, d0)


def test_regression_points_take_their_target_from_the_click(qapp):
    doc = DataDocument(Dataset.empty("regression"), test_fraction=0.0)
    AddPointsCommand(doc, [[1.0, 2.0], [3.0, -1.0]]).redo()
    ds = doc.dataset
    assert ds.X[:, 0].tolist() == [1.0, 3.0] and ds.y.tolist() == [2.0, -1.0]


def test_view_stroke_becomes_one_undo_step(qtbot):
    """The BoundaryView's single stroke request -> one AddPointsCommand -> one undo."""
    from gui.plot.boundary_view import BoundaryView

    view = BoundaryView()
    qtbot.addWidget(view)
    doc = DataDocument(Dataset.empty(), test_fraction=0.0)
    stack = QUndoStack()
    view.addPointsRequested.connect(lambda P: stack.push(AddPointsCommand(doc, P, labels=1)))
    doc.datasetChanged.connect(lambda ds: view.set_dataset(ds, doc.version))
    view.addPointsRequested.emit(np.array([[0.0, 0.0], [0.5, 0.0], [1.0, 0.0]]))
    assert stack.count() == 1 and doc.dataset.n_samples == 3
    assert len(view.data_points.group_data[("c", 1, False)]) == 3
    stack.undo()
    assert doc.dataset.n_samples == 0 and len(view.data_points.group_data[("c", 1, False)]) == 0
