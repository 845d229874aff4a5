"""Edit gestures on the main plot: real mouse events place, paint, move, erase and probe points where intended,
and a view wired to a data document changes the data as a person expects, one undo step per gesture."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest

from gui.panels.data_commands import (
    AddPointsCommand,
    DataDocument,
    MovePointCommand,
    RemovePointCommand,
    RemovePointsCommand,
)
from gui.widgets import colors
from model.data.dataset import Dataset
from tests.gui.plot.plot_helpers import (
    MIDDLE,
    NOMOD,
    RIGHT,
    click,
    drag,
    move,
    px_tol,
    sample_dataset,
    wpos,
)


@pytest.fixture
def view(boundary_view):
    return boundary_view


@pytest.mark.parametrize("cls", [0, 1, 2, 5])
def test_click_adds_point_at_clicked_data_coordinates(view, qtbot, cls):
    view.set_current_class(cls)
    got = []
    view.addPointsRequested.connect(got.append)
    targets = [(1.0, 2.0), (-4.5, 3.25), (0.0, 0.0), (5.0, -5.0)]
    for x, y in targets:
        click(view, x, y)
    assert len(got) == len(targets)
    tol = px_tol(view)
    for P, (x, y) in zip(got, targets):
        assert P.shape == (1, 2)
        assert abs(P[0, 0] - x) <= tol and abs(P[0, 1] - y) <= tol


def test_click_after_zoom_and_pan_still_lands_on_target(view, qtbot):
    view.vb.setRange(xRange=(10, 12), yRange=(-1, 1), padding=0)
    qtbot.wait(20)
    got = []
    view.addPointsRequested.connect(got.append)
    click(view, 11.3, 0.4)
    tol = px_tol(view)
    assert abs(got[0][0, 0] - 11.3) <= tol and abs(got[0][0, 1] - 0.4) <= tol


def test_drag_paints_one_stroke_and_does_not_pan(view, qtbot):
    before = view.vb.viewRange()
    got = []
    view.addPointsRequested.connect(got.append)
    path = [(-3 + 0.5 * i, -3 + 0.3 * i) for i in range(10)]
    drag(qtbot, view, path)
    assert len(got) == 1, "a drag must be ONE request (one undo step)"
    P = got[0]
    assert P.shape[0] >= 5
    tol = px_tol(view)
    assert np.allclose(P[0], path[0], atol=tol)
    assert np.allclose(P[-1], path[-1], atol=tol)
    pw, ph = view.vb.viewPixelSize()
    steps = np.hypot(np.diff(P[:, 0]) / pw, np.diff(P[:, 1]) / ph)
    assert steps.min() >= 6.0 - 1e-6
    assert view.vb.viewRange() == before
    assert len(view.gestures.stroke_markers.data) == 0  # the provisional markers are gone after release


def test_slow_drag_spaces_points_at_least_six_pixels(view, qtbot):
    got = []
    view.addPointsRequested.connect(got.append)
    pw, _ = view.vb.viewPixelSize()
    path = [(0.0 + 2 * pw * i, 0.0) for i in range(12)]  # 2 px per move
    drag(qtbot, view, path)
    P = got[0]
    steps = np.diff(P[:, 0]) / pw
    assert len(P) >= 3 and steps.min() >= 6.0 - 1e-6


def test_right_click_requests_removal_of_nearest_point(view, qtbot):
    ds = sample_dataset()
    view.set_dataset(ds, 1)
    got = []
    view.removePointRequested.connect(lambda x, y: got.append((x, y)))
    pw, _ = view.vb.viewPixelSize()
    target = 7
    x, y = ds.X[target]
    click(view, x + 4 * pw, y - 3 * pw, button=RIGHT)  # 5 px off the point
    assert len(got) == 1
    assert ds.nearest(*got[0]) == target
    # far from every point: nothing
    click(view, 5.8, 5.8, button=RIGHT)
    assert len(got) == 1


def test_right_click_ignores_hidden_test_points(view, qtbot):
    ds = sample_dataset()
    view.set_dataset(ds, 1)
    view.set_show_test(False)
    got = []
    view.removePointRequested.connect(lambda x, y: got.append((x, y)))
    t = int(np.flatnonzero(ds.is_test)[0])
    click(view, *ds.X[t], button=RIGHT)
    assert all(ds.nearest(*p) != t for p in got)


def test_erase_tool_and_ctrl_click_remove(view, qtbot):
    ds = sample_dataset()
    view.set_dataset(ds, 1)
    got = []
    view.removePointRequested.connect(lambda x, y: got.append(ds.nearest(x, y)))
    added = []
    view.addPointsRequested.connect(added.append)
    click(view, *ds.X[3], mods=Qt.KeyboardModifier.ControlModifier)
    view.set_tool("erase")
    click(view, *ds.X[11])
    assert got == [3, 11]
    assert added == []


def test_erase_drag_emits_one_removal_of_touched_points(view, qtbot):
    X = np.array([[-2.0, 0.0], [-1.0, 0.0], [0.0, 0.0], [1.0, 0.0], [0.0, 4.0]])
    ds = Dataset.from_arrays(X, np.array([0, 1, 0, 1, 0]), test_fraction=0.0)
    view.set_dataset(ds, 1)
    view.set_tool("erase")
    got = []
    view.removePointsRequested.connect(got.append)
    drag(qtbot, view, [(-2.0 + 0.25 * i, 0.05) for i in range(13)])
    assert len(got) == 1
    assert sorted(got[0].tolist()) == [0, 1, 2, 3]


def test_probe_tool_and_alt_click(view, qtbot):
    got = []
    view.probeRequested.connect(lambda x, y: got.append((x, y)))
    added = []
    view.addPointsRequested.connect(added.append)
    click(view, 1.5, -2.0, mods=Qt.KeyboardModifier.AltModifier)
    view.set_tool("probe")
    click(view, -1.0, 1.0)
    tol = px_tol(view)
    assert len(got) == 2 and added == []
    assert np.allclose(got[0], (1.5, -2.0), atol=tol) and np.allclose(got[1], (-1.0, 1.0), atol=tol)
    with pytest.raises(ValueError):
        view.set_tool("lasso")


def test_shift_drag_moves_a_point(view, qtbot):
    ds = sample_dataset()
    view.set_dataset(ds, 1)
    got = []
    view.movePointRequested.connect(lambda i, x, y: got.append((i, x, y)))
    start = ds.X[5]
    end = (start[0] + 1.0, start[1] - 0.8)
    path = [tuple(start + (np.array(end) - start) * t) for t in np.linspace(0, 1, 6)]
    drag(qtbot, view, path, mods=Qt.KeyboardModifier.ShiftModifier)
    assert len(got) == 1
    i, x, y = got[0]
    assert i == 5 and np.allclose((x, y), end, atol=px_tol(view))


def test_right_drag_pans_without_removing(view, qtbot):
    view.set_dataset(sample_dataset(), 1)
    removed = []
    view.removePointRequested.connect(lambda x, y: removed.append((x, y)))
    (x0, x1), _ = view.vb.viewRange()
    drag(qtbot, view, [(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (3.0, 0.0)], button=RIGHT)
    (nx0, nx1), _ = view.vb.viewRange()
    assert nx0 == pytest.approx(x0 - 3.0, abs=0.1) and nx1 == pytest.approx(x1 - 3.0, abs=0.1)
    assert removed == []


def test_hover_marker_shows_current_class_and_cursor_position(view, qtbot):
    view.set_current_class(2)
    moved = []
    view.cursorMoved.connect(lambda x, y: moved.append((x, y)))
    qtbot.wait(15)
    move(view.viewport(), wpos(view, 2.0, -1.0), Qt.MouseButton.NoButton)
    assert view.gestures.hover_marker.isVisible()
    assert view.gestures.hover_marker.opts["symbol"] == colors.class_symbol(2)
    ((gx, gy),) = [(p.pos().x(), p.pos().y()) for p in view.gestures.hover_marker.points()]
    assert np.allclose((gx, gy), (2.0, -1.0), atol=px_tol(view))
    assert np.allclose(moved[-1], (2.0, -1.0), atol=px_tol(view))


def test_middle_click_resets_the_view(view, qtbot):
    view.vb.setRange(xRange=(20, 30), yRange=(20, 30), padding=0)
    QTest.mouseClick(view.viewport(), MIDDLE, NOMOD, view.viewport().rect().center())
    (x0, x1), (y0, y1) = view.vb.viewRange()
    assert min(x0, y0) == pytest.approx(-6.0, abs=0.6) and max(x1, y1) == pytest.approx(6.0, abs=0.6)


# ---------------------------------------------------------------------------------------------- the document
class Editor:
    """A BoundaryView wired to a DataDocument and an undo stack the way the main window wires them."""

    def __init__(self, view, dataset, current_class=0):
        self.view = view
        self.doc = DataDocument(dataset, test_fraction=0.0)
        self.stack = QUndoStack()
        self.current_class = current_class
        view.set_current_class(current_class)
        view.addPointsRequested.connect(self.add)
        view.removePointRequested.connect(self.remove_at)
        view.removePointsRequested.connect(self.remove)
        view.movePointRequested.connect(self.move)
        self.doc.datasetChanged.connect(lambda ds: view.set_dataset(ds, self.doc.version))
        view.set_dataset(dataset, self.doc.version)

    def add(self, P):
        self.stack.push(AddPointsCommand(self.doc, P, self.current_class))

    def remove_at(self, x, y):
        self.stack.push(RemovePointCommand(self.doc, self.doc.dataset.nearest(x, y)))

    def remove(self, indices):
        self.stack.push(RemovePointsCommand(self.doc, indices))

    def move(self, index, x, y):
        self.stack.push(MovePointCommand(self.doc, index, (x, y)))


def four_points():
    X = np.array([[-2.0, 0.0], [-1.0, 0.0], [0.0, 0.0], [1.0, 0.0]])
    return Dataset.from_arrays(X, np.array([0, 1, 0, 1]), test_fraction=0.0)


def test_clicks_add_points_of_the_current_class_where_clicked(view, qtbot):
    ed = Editor(view, Dataset.empty(), current_class=2)
    click(view, 1.0, 2.0)
    click(view, -3.0, -4.0)
    ds = ed.doc.dataset
    assert ds.n_samples == 2 and ds.y.tolist() == [2, 2]
    assert np.allclose(ds.X, [[1.0, 2.0], [-3.0, -4.0]], atol=px_tol(view))
    assert ed.stack.count() == 2
    assert len(view.data_points.group_data[("c", 2, False)]) == 2  # and the view shows them


def test_a_painted_stroke_is_one_undo_step(view, qtbot):
    ed = Editor(view, four_points(), current_class=1)
    drag(qtbot, view, [(-4 + 0.4 * i, 3.0) for i in range(10)])
    ds = ed.doc.dataset
    assert ds.n_samples > 4 + 4 and ed.stack.count() == 1
    new = ds.X[4:]
    assert np.allclose(new[:, 1], 3.0, atol=px_tol(view)) and (ds.y[4:] == 1).all()
    ed.stack.undo()
    assert ed.doc.dataset.n_samples == 4
    assert len(view.data_points.group_data[("c", 1, False)]) == 2


def test_shift_drag_moves_the_point_and_undo_puts_it_back(view, qtbot):
    ed = Editor(view, four_points())
    drag(qtbot, view, [(0.0, 0.0), (0.5, 1.0), (1.0, 2.0), (1.5, 3.0)], mods=Qt.KeyboardModifier.ShiftModifier)
    ds = ed.doc.dataset
    assert ds.n_samples == 4 and ed.stack.count() == 1
    assert np.allclose(ds.X[2], (1.5, 3.0), atol=px_tol(view)) and ds.y[2] == 0
    assert np.array_equal(np.delete(ds.X, 2, axis=0), np.delete(four_points().X, 2, axis=0))  # the others stay
    ed.stack.undo()
    assert np.array_equal(ed.doc.dataset.X, four_points().X)


def test_erasing_removes_the_touched_points_only(view, qtbot):
    ed = Editor(view, four_points())
    click(view, -1.0, 0.0, button=RIGHT)  # right click: the point under the mouse
    assert ed.doc.dataset.X[:, 0].tolist() == [-2.0, 0.0, 1.0]
    view.set_tool("erase")
    drag(qtbot, view, [(-0.2 + 0.1 * i, 0.0) for i in range(14)])  # over 0 and 1, not -2
    assert ed.doc.dataset.X[:, 0].tolist() == [-2.0] and ed.stack.count() == 2
    ed.stack.undo()
    assert ed.doc.dataset.X[:, 0].tolist() == [-2.0, 0.0, 1.0]


def test_probing_and_panning_leave_the_data_alone(view, qtbot):
    ed = Editor(view, four_points())
    probed = []
    view.probeRequested.connect(lambda x, y: probed.append((x, y)))
    click(view, 0.0, 0.0, mods=Qt.KeyboardModifier.AltModifier)
    drag(qtbot, view, [(0.0, 1.0), (1.0, 1.0), (2.0, 1.0)], button=RIGHT)
    drag(qtbot, view, [(0.0, 1.0), (1.0, 1.0), (2.0, 1.0)], button=MIDDLE)
    assert len(probed) == 1 and ed.stack.count() == 0
    assert np.array_equal(ed.doc.dataset.X, four_points().X)
