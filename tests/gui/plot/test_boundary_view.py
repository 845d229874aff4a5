"""BoundaryView: real mouse events place/remove/move points where intended; snapshots draw the boundary."""

from __future__ import annotations

import time
import types

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gui.plot.boundary_view import BoundaryView, contour_segments, decision_boundary_segments
from gui.widgets import colors
from model.data.dataset import Dataset
from tests.paths import ARTIFACTS

LEFT, RIGHT, MIDDLE = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton, Qt.MouseButton.MiddleButton
NOMOD = Qt.KeyboardModifier.NoModifier


# ---------------------------------------------------------------------------------------------- helpers
@pytest.fixture
def view(boundary_view):
    return boundary_view


def wpos(view, x, y):
    """Viewport pixel of data point (x, y)."""
    return view.mapFromScene(view.vb.mapViewToScene(QPointF(x, y)))


def px_tol(view):
    """One screen pixel in data units (both axes)."""
    pw, ph = view.vb.viewPixelSize()
    return max(pw, ph)


def click(view, x, y, button=LEFT, mods=NOMOD):
    QTest.mouseClick(view.viewport(), button, mods, wpos(view, x, y))


def move(widget, pos, buttons, mods=NOMOD):
    # QTest.mouseMove on a QWidget does not carry the pressed buttons (Qt 6), so send the event ourselves.
    lp = QPointF(pos)
    ev = QMouseEvent(
        QEvent.Type.MouseMove, lp, lp, QPointF(widget.mapToGlobal(pos)), Qt.MouseButton.NoButton, buttons, mods
    )
    QApplication.sendEvent(widget, ev)


def drag(qtbot, view, path, button=LEFT, mods=NOMOD):
    """Press at path[0], move through path[1:] (12 ms apart: pyqtgraph rate-limits moves), release at path[-1].

    Screen positions are computed up front, as a hand would move: a pan shifts the data under the mouse.
    """
    vp = view.viewport()
    screen = [wpos(view, x, y) for x, y in path]
    QTest.mousePress(vp, button, mods, screen[0])
    for pos in screen[1:]:
        qtbot.wait(12)
        move(vp, pos, button, mods)
    qtbot.wait(12)
    QTest.mouseRelease(vp, button, mods, screen[-1])


def sample_dataset(n_classes=3, n=60, seed=0, test_fraction=0.25):
    rng = np.random.default_rng(seed)
    centres = np.array([[-3.0, 2.0], [3.0, 2.0], [0.0, -3.0], [-3, -3], [3, -3]])[:n_classes]
    y = np.arange(n) % n_classes
    X = centres[y] + rng.normal(0, 0.8, size=(n, 2))
    return Dataset.from_arrays(X, y, test_fraction=test_fraction, seed=seed, n_classes=n_classes)


def centroid_grid(ds, bounds, size):
    """A (G, G, K) softmax of negative distances to the class centres, plus predictions for ds."""
    xmin, xmax, ymin, ymax = bounds
    xs = xmin + (np.arange(size) + 0.5) * (xmax - xmin) / size
    ys = ymin + (np.arange(size) + 0.5) * (ymax - ymin) / size
    gx, gy = np.meshgrid(xs, ys)
    C = np.array([ds.X[ds.y == k].mean(axis=0) for k in range(ds.n_classes)])
    d = -((gx[..., None] - C[:, 0]) ** 2 + (gy[..., None] - C[:, 1]) ** 2) / 4.0
    P = np.exp(d - d.max(axis=-1, keepdims=True))
    P /= P.sum(axis=-1, keepdims=True)
    dp = -((ds.X[:, None, 0] - C[:, 0]) ** 2 + (ds.X[:, None, 1] - C[:, 1]) ** 2)
    return P.astype(np.float32), dp.argmax(axis=1)


def snap(**kw):
    base = dict(
        epoch=10,
        train_loss=0.3,
        test_loss=0.35,
        train_score=0.9,
        test_score=0.875,
        task="classification",
        diverged=False,
        curves={},
        grid=None,
        grid_bounds=None,
        predictions=None,
        data_version=0,
        session_id=0,
    )
    base.update(kw)
    return types.SimpleNamespace(**base)


# ---------------------------------------------------------------------------------------------- mouse
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
    assert len(view._stroke_item.data) == 0  # the provisional markers are gone after release


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


# ---------------------------------------------------------------------------------------------- grid request
def test_grid_request_follows_view_and_is_debounced(view, qtbot):
    bounds, size = view.grid_request()
    (x0, x1), (y0, y1) = view.vb.viewRange()
    assert bounds == (x0, x1, y0, y1)
    assert 100 <= size <= 300
    got = []
    view.gridRequestChanged.connect(got.append)
    for k in range(5):  # a burst of range changes gives one request
        view.vb.setRange(xRange=(-2 - k * 0.1, 2), yRange=(-2, 2), padding=0)
    qtbot.waitUntil(lambda: len(got) >= 1, timeout=1000)
    qtbot.wait(100)
    assert len(got) == 1
    (b, s) = got[0]
    (x0, x1), (y0, y1) = view.vb.viewRange()
    assert b == pytest.approx((x0, x1, y0, y1))
    view.resize(900, 900)
    qtbot.waitUntil(lambda: len(got) >= 2, timeout=1000)
    assert got[-1][1] > s  # a bigger widget asks for a finer grid
    assert got[-1][1] <= 300


# ---------------------------------------------------------------------------------------------- snapshots
def test_two_class_snapshot_draws_image_with_rect_and_contour(view, qtbot):
    X = np.array([[-2.0, 0.0], [2.0, 0.0], [-1.0, 1.0], [1.5, -1.0]])
    ds = Dataset.from_arrays(X, np.array([0, 1, 0, 1]), test_fraction=0.0)
    view.set_dataset(ds, 4)
    bounds, G = (-5.0, 3.0, -2.0, 4.0), 120
    xs = bounds[0] + (np.arange(G) + 0.5) * (bounds[1] - bounds[0]) / G
    grid = np.tile(1 / (1 + np.exp(-(xs - 1.0) * 3)), (G, 1)).astype(np.float32)  # boundary at x = 1
    view.show_snapshot(snap(grid=grid, grid_bounds=bounds, predictions=np.array([0, 0, 0, 1]), data_version=4))
    view.flush()
    img = view._image
    assert img.image.shape == (G, G, 4) and img.image.dtype == np.uint8
    assert np.array_equal(img.image, colors.binary_image(grid))
    r = img.mapRectToParent(img.boundingRect())  # in data coordinates
    assert (r.left(), r.top(), r.width(), r.height()) == pytest.approx((-5.0, -2.0, 8.0, 6.0))
    cx, cy = view._contour.getData()
    assert cx is not None and len(cx) > 0
    assert np.allclose(cx, 1.0, atol=(bounds[1] - bounds[0]) / G)
    assert cy.min() < -1.9 and cy.max() > 3.9
    # the colours: class 1's side (orange) on the left, class 2's (sky blue) on the right
    left, right = img.image[G // 2, 2, :3].astype(int), img.image[G // 2, -3, :3].astype(int)
    assert left[0] > left[2] and right[2] > right[0]
    # point 1 (class 2 at x=2) is predicted class 1: exactly one ring
    assert view.misclassified_mask().tolist() == [False, True, False, False]
    assert view.score_text().splitlines()[0] == "test accuracy 87.5 %"


def test_three_class_snapshot_rings_and_versions(view, qtbot):
    ds = sample_dataset(3)
    view.set_dataset(ds, 2)
    bounds, G = view.grid_request()
    grid, pred = centroid_grid(ds, bounds, G)
    pred = pred.copy()
    pred[:4] = (ds.y[:4] + 1) % 3  # four wrong
    view.show_snapshot(snap(grid=grid, grid_bounds=bounds, predictions=pred, data_version=2))
    view.flush()
    assert view._image.image.shape == (G, G, 4)
    assert np.array_equal(view._image.image, colors.multiclass_image(grid))
    cx, _ = view._contour.getData()
    assert cx is not None and len(cx) > 10
    mask = view.misclassified_mask()
    assert mask is not None and np.array_equal(mask, pred != ds.y)
    assert len(view._mis_rings.points()) == int(mask.sum())
    # a snapshot trained on another version of the data: no rings
    view.show_snapshot(snap(grid=grid, grid_bounds=bounds, predictions=pred, data_version=1))
    view.flush()
    assert view.misclassified_mask() is None and len(view._mis_rings.points()) == 0
    # hiding test points hides their rings too
    view.show_snapshot(snap(grid=grid, grid_bounds=bounds, predictions=pred, data_version=2))
    view.flush()
    view.set_show_test(False)
    assert np.array_equal(view.misclassified_mask(), (pred != ds.y) & ~ds.is_test)
    assert all(not item.isVisible() for key, item in view._groups.items() if key[2])
    assert "accuracy 87.5 %" in view.score_text()


def test_snapshots_are_coalesced_and_drawn_on_the_event_loop(view, qtbot):
    ds = sample_dataset(2)
    view.set_dataset(ds, 1)
    bounds = (-6.0, 6.0, -6.0, 6.0)
    for k in range(5):
        view.show_snapshot(snap(grid=np.full((100, 100), k / 4, np.float32), grid_bounds=bounds, epoch=k))
    qtbot.waitUntil(lambda: view._snapshot_drawn, timeout=1000)
    assert np.array_equal(view._image.image, colors.binary_image(np.full((100, 100), 1.0, np.float32)))
    assert "epoch 4" in view.score_text()


def test_set_dataset_redraws_only_changed_groups(view, qtbot, monkeypatch):
    ds = sample_dataset(3)
    view.set_dataset(ds, 1)
    calls = []
    for key, item in view._groups.items():
        monkeypatch.setattr(item, "setData", lambda *a, _k=key, **kw: calls.append(_k))
    ds2 = ds.with_points(np.array([[0.5, 0.5]]), np.array([1]), np.array([False]))
    view.set_dataset(ds2, 2)
    assert calls == [("c", 1, False)]
    calls.clear()
    view.show_snapshot(snap(grid=np.full((100, 100), 0.5, np.float32), grid_bounds=(-6, 6, -6, 6)))
    view.flush()
    assert calls == []  # a boundary update never touches the points


def test_test_points_are_hollow_and_train_points_filled(view, qtbot):
    view.set_dataset(sample_dataset(3), 1)
    for (kind, k, test), item in view._groups.items():
        brush = item.opts["brush"]
        if test:
            assert brush is None or brush.style() == Qt.BrushStyle.NoBrush
        else:
            assert brush.color().name().lower() == colors.class_color(k).lower()
        assert item.opts["symbol"] == colors.class_symbol(k)


def test_regression_curve_mode(view, qtbot):
    x = np.linspace(-5, 5, 40)
    ds = Dataset.from_arrays(x[:, None], 4 * np.sin(x / 2), task="regression", test_fraction=0.25)
    view.set_dataset(ds, 1)
    assert not view._image.isVisible() and view._curve.isVisible()
    bounds, G = view.grid_request()
    curve = np.linspace(-1, 1, G).astype(np.float32)
    view.show_snapshot(snap(task="regression", grid=curve, grid_bounds=bounds, train_score=0.8, test_score=0.7))
    view.flush()
    cx, cy = view._curve.getData()
    assert len(cx) == G
    assert cx[0] == pytest.approx(bounds[0] + 0.5 * (bounds[1] - bounds[0]) / G)
    assert np.allclose(cy, curve)
    assert "R²" in view.score_text()
    # an explicit curve wins over the grid
    view.show_snapshot(snap(task="regression", grid=curve, grid_bounds=bounds, curve_x=[0, 1, 2], curve_y=[3, 2, 1]))
    view.flush()
    assert view._curve.getData()[1].tolist() == [3, 2, 1]
    # clicking in regression adds (x, target)
    got = []
    view.addPointsRequested.connect(got.append)
    click(view, 1.0, 2.0)
    assert np.allclose(got[0], [[1.0, 2.0]], atol=px_tol(view))


def test_regression_surface_mode_uses_neutral_colormap(view, qtbot):
    rng = np.random.default_rng(1)
    X = rng.uniform(-5, 5, size=(50, 2))
    ds = Dataset.from_arrays(X, X @ [0.6, 0.4], task="regression")
    view.set_dataset(ds, 1)
    bounds = (-6.0, 6.0, -6.0, 6.0)
    grid = np.zeros((100, 100), np.float32)
    view.show_snapshot(snap(task="regression", grid=grid, grid_bounds=bounds))
    view.flush()
    lo, hi = float(ds.y.min()), float(ds.y.max())
    assert np.array_equal(view._image.image, colors.scalar_image(grid, lo, hi, "regression"))
    assert view._contour.getData()[0] is None or len(view._contour.getData()[0]) == 0


def test_heatmap_override_and_back(view, qtbot):
    ds = sample_dataset(2)
    view.set_dataset(ds, 1)
    bounds = (-6.0, 6.0, -6.0, 6.0)
    grid = np.full((100, 100), 0.9, np.float32)
    view.show_snapshot(snap(grid=grid, grid_bounds=bounds))
    view.flush()
    heat = np.tile(np.linspace(-1, 1, 100, dtype=np.float32), (100, 1))
    view.show_heatmap_override(heat)
    assert view.heatmap_override_active()
    assert np.array_equal(view._image.image, colors.scalar_image(heat, -1, 1, "diverging"))
    assert not view._contour.isVisible()
    view.show_snapshot(snap(grid=grid, grid_bounds=bounds))  # training goes on underneath
    view.flush()
    assert np.array_equal(view._image.image, colors.scalar_image(heat, -1, 1, "diverging"))
    view.show_heatmap_override(None)
    assert not view.heatmap_override_active()
    assert np.array_equal(view._image.image, colors.binary_image(grid))
    assert view._contour.isVisible()


def test_clear_snapshot(view, qtbot):
    ds = sample_dataset(2)
    view.set_dataset(ds, 1)
    view.show_snapshot(snap(grid=np.full((100, 100), 0.2, np.float32), grid_bounds=(-6, 6, -6, 6)))
    view.flush()
    view.clear_snapshot()
    assert view._image.image is None and view.score_text() == ""


# ---------------------------------------------------------------------------------------------- contour
def test_contour_segments_of_a_circle():
    G = 150
    bounds = (-3.0, 3.0, -3.0, 3.0)
    c = bounds[0] + (np.arange(G) + 0.5) * 6.0 / G
    gx, gy = np.meshgrid(c, c)
    seg = contour_segments(np.hypot(gx, gy), 2.0, bounds)
    assert seg.shape[0] > 100 and seg.shape[0] % 2 == 0
    assert np.allclose(np.hypot(seg[:, 0], seg[:, 1]), 2.0, atol=0.01)


def test_contour_saddle_and_nan_are_safe():
    f = np.array([[1.0, 0.0], [0.0, 1.0]])
    seg = contour_segments(f, 0.5, (0, 2, 0, 2))
    assert seg.shape == (4, 2)  # two segments through the saddle cell
    f = np.array([[1.0, np.nan, 0.0], [1.0, 0.0, 0.0], [1, 1, 0]])
    seg = contour_segments(f, 0.5, (0, 3, 0, 3))
    assert np.isfinite(seg).all()
    assert contour_segments(np.zeros((1, 5)), 0.5, (0, 1, 0, 1)).shape == (0, 2)


def test_multiclass_boundary_lies_between_regions():
    G = 90
    bounds = (-3.0, 3.0, -3.0, 3.0)
    c = bounds[0] + (np.arange(G) + 0.5) * 6.0 / G
    gx, gy = np.meshgrid(c, c)
    # three classes split by x < -1, -1 <= x < 1, x >= 1
    logits = np.stack([-((gx + 2) ** 2), -(gx**2), -((gx - 2) ** 2)], axis=-1) * 3
    P = np.exp(logits - logits.max(-1, keepdims=True))
    P /= P.sum(-1, keepdims=True)
    seg = decision_boundary_segments(P, bounds)
    xs = np.unique(np.round(seg[:, 0], 1))
    assert set(xs.tolist()) <= {-1.0, 1.0}


# ---------------------------------------------------------------------------------------------- drawing
def test_survives_thousands_of_image_repaints(qtbot):
    """Guards the PySide6 6.12 + pyqtgraph 0.14 `bool_dealloc` abort after ~1 000-3 000 ImageItem repaints."""
    v = BoundaryView()
    qtbot.addWidget(v)
    v.resize(240, 240)
    v.show()
    qtbot.waitExposed(v)
    v.set_dataset(sample_dataset(3, n=200), 1)
    pi = v.getPlotItem()
    pi.hideAxis("left")  # axis text dominates a frame's cost offscreen; this test is about the image
    pi.hideAxis("bottom")
    bounds, _ = v.grid_request()
    G = 100
    xs = np.linspace(-1, 1, G, dtype=np.float32)
    gx, gy = np.meshgrid(xs, xs)
    grids = [1 / (1 + np.exp(-(np.cos(a) * gx + np.sin(a) * gy) * 6)) for a in np.linspace(0, 2 * np.pi, 97)]
    t0 = time.perf_counter()
    n = 3000
    for i in range(n):
        v.show_snapshot(snap(grid=grids[i % len(grids)], grid_bounds=bounds, epoch=i))
        v.flush()
        v.grab()
        if time.perf_counter() - t0 > 120:  # ~10 s on an idle 2-core machine; only a hang gets here
            pytest.fail(f"too slow: {i} repaints in 120 s")
    assert v._image.image.shape == (G, G, 4)


def test_colour_images_are_fast():
    p = np.random.default_rng(0).random((200, 200)).astype(np.float32)
    P3 = np.random.default_rng(0).dirichlet([1, 1, 1], size=(200, 200)).astype(np.float32)
    for f, a in ((colors.binary_image, p), (colors.multiclass_image, P3)):
        f(a)
        best = min(_timed(f, a) for _ in range(15))
        assert best < 2e-3, f"{f.__name__}: {best * 1e3:.2f} ms"


def _timed(f, a):
    t = time.perf_counter()
    f(a)
    return time.perf_counter() - t


def test_screenshot_three_classes(view, qtbot):
    ARTIFACTS.mkdir(exist_ok=True)
    view.resize(560, 520)
    qtbot.wait(60)
    ds = sample_dataset(3, n=150, seed=3)
    view.set_dataset(ds, 1)
    bounds, G = view.grid_request()
    grid, pred = centroid_grid(ds, bounds, G)
    pred = pred.copy()
    pred[[0, 4, 8]] = (ds.y[[0, 4, 8]] + 1) % 3
    view.show_snapshot(
        snap(
            grid=grid,
            grid_bounds=bounds,
            predictions=pred,
            data_version=1,
            train_score=0.96,
            test_score=0.93,
            epoch=1234,
        )
    )
    view.flush()
    out = ARTIFACTS / "boundary_3class.png"
    assert view.grab().save(str(out))
    assert out.stat().st_size > 10_000


def test_screenshot_regression_curve(view, qtbot):
    ARTIFACTS.mkdir(exist_ok=True)
    rng = np.random.default_rng(2)
    x = rng.uniform(-5, 5, 60)
    ds = Dataset.from_arrays(x[:, None], 4 * np.sin(x * 0.9) + rng.normal(0, 0.4, 60), task="regression")
    view.set_dataset(ds, 1)
    view.fit_to_data()
    qtbot.wait(60)
    bounds, G = view.grid_request()
    xs = bounds[0] + (np.arange(G) + 0.5) * (bounds[1] - bounds[0]) / G
    view.show_snapshot(
        snap(
            task="regression",
            grid=(3.6 * np.sin(xs * 0.85)).astype(np.float32),
            grid_bounds=bounds,
            train_score=0.91,
            test_score=0.88,
        )
    )
    view.flush()
    assert view.grab().save(str(ARTIFACTS / "boundary_regression.png"))


def test_hover_marker_shows_current_class_and_cursor_position(view, qtbot):
    view.set_current_class(2)
    moved = []
    view.cursorMoved.connect(lambda x, y: moved.append((x, y)))
    qtbot.wait(15)
    move(view.viewport(), wpos(view, 2.0, -1.0), Qt.MouseButton.NoButton)
    assert view._ghost.isVisible()
    assert view._ghost.opts["symbol"] == colors.class_symbol(2)
    ((gx, gy),) = [(p.pos().x(), p.pos().y()) for p in view._ghost.points()]
    assert np.allclose((gx, gy), (2.0, -1.0), atol=px_tol(view))
    assert np.allclose(moved[-1], (2.0, -1.0), atol=px_tol(view))


def test_middle_click_resets_the_view(view, qtbot):
    view.vb.setRange(xRange=(20, 30), yRange=(20, 30), padding=0)
    QTest.mouseClick(view.viewport(), MIDDLE, NOMOD, view.viewport().rect().center())
    (x0, x1), (y0, y1) = view.vb.viewRange()
    assert min(x0, y0) == pytest.approx(-6.0, abs=0.6) and max(x1, y1) == pytest.approx(6.0, abs=0.6)
