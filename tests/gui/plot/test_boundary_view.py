"""BoundaryView: snapshots draw the boundary image, its contour, the fitted curve, rings and score; the grid
request follows the view; what a person sees on screen (pixels of the grab) matches the model and the data."""

from __future__ import annotations

import time

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gui.plot.boundary_view import BoundaryView
from gui.plot.point_markers import POINT_SIZE
from gui.widgets import colors
from model.data.dataset import Dataset
from tests.gui.pixels import PlotPixels, check_boundary_view, distance, hex_rgb, rgb
from tests.gui.plot.plot_helpers import (
    centroid_grid,
    click,
    px_tol,
    sample_dataset,
    snap,
)


@pytest.fixture
def view(boundary_view):
    return boundary_view


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
    img = view.model_layers.image
    assert img.image.shape == (G, G, 4) and img.image.dtype == np.uint8
    assert np.array_equal(img.image, colors.binary_image(grid))
    r = img.mapRectToParent(img.boundingRect())  # in data coordinates
    assert (r.left(), r.top(), r.width(), r.height()) == pytest.approx((-5.0, -2.0, 8.0, 6.0))
    cx, cy = view.model_layers.contour.getData()
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
    assert view.model_layers.image.image.shape == (G, G, 4)
    assert np.array_equal(view.model_layers.image.image, colors.multiclass_image(grid))
    cx, _ = view.model_layers.contour.getData()
    assert cx is not None and len(cx) > 10
    mask = view.misclassified_mask()
    assert mask is not None and np.array_equal(mask, pred != ds.y)
    assert len(view.data_points.rings.points()) == int(mask.sum())
    # a snapshot trained on another version of the data: no rings
    view.show_snapshot(snap(grid=grid, grid_bounds=bounds, predictions=pred, data_version=1))
    view.flush()
    assert view.misclassified_mask() is None and len(view.data_points.rings.points()) == 0
    # hiding test points hides their rings too
    view.show_snapshot(snap(grid=grid, grid_bounds=bounds, predictions=pred, data_version=2))
    view.flush()
    view.set_show_test(False)
    assert np.array_equal(view.misclassified_mask(), (pred != ds.y) & ~ds.is_test)
    assert all(not item.isVisible() for key, item in view.data_points.groups.items() if key[2])
    assert "accuracy 87.5 %" in view.score_text()


def test_snapshots_are_coalesced_and_drawn_on_the_event_loop(view, qtbot):
    ds = sample_dataset(2)
    view.set_dataset(ds, 1)
    bounds = (-6.0, 6.0, -6.0, 6.0)
    for k in range(5):
        view.show_snapshot(snap(grid=np.full((100, 100), k / 4, np.float32), grid_bounds=bounds, epoch=k))
    qtbot.waitUntil(lambda: view._snapshot_drawn, timeout=1000)
    assert np.array_equal(view.model_layers.image.image, colors.binary_image(np.full((100, 100), 1.0, np.float32)))
    assert "epoch 4" in view.score_text()


def test_set_dataset_redraws_only_changed_groups(view, qtbot, monkeypatch):
    ds = sample_dataset(3)
    view.set_dataset(ds, 1)
    calls = []
    for key, item in view.data_points.groups.items():
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
    for (_kind, k, test), item in view.data_points.groups.items():
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
    assert not view.model_layers.image.isVisible() and view.model_layers.curve.isVisible()
    bounds, G = view.grid_request()
    curve = np.linspace(-1, 1, G).astype(np.float32)
    view.show_snapshot(snap(task="regression", grid=curve, grid_bounds=bounds, train_score=0.8, test_score=0.7))
    view.flush()
    cx, cy = view.model_layers.curve.getData()
    assert len(cx) == G
    assert cx[0] == pytest.approx(bounds[0] + 0.5 * (bounds[1] - bounds[0]) / G)
    assert np.allclose(cy, curve)
    assert "R²" in view.score_text()
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
    assert np.array_equal(view.model_layers.image.image, colors.scalar_image(grid, lo, hi, "regression"))
    assert view.model_layers.contour.getData()[0] is None or len(view.model_layers.contour.getData()[0]) == 0


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
    assert np.array_equal(view.model_layers.image.image, colors.scalar_image(heat, -1, 1, "diverging"))
    assert not view.model_layers.contour.isVisible()
    view.show_snapshot(snap(grid=grid, grid_bounds=bounds))  # training goes on underneath
    view.flush()
    assert np.array_equal(view.model_layers.image.image, colors.scalar_image(heat, -1, 1, "diverging"))
    view.show_heatmap_override(None)
    assert not view.heatmap_override_active()
    assert np.array_equal(view.model_layers.image.image, colors.binary_image(grid))
    assert view.model_layers.contour.isVisible()


def test_clear_snapshot(view, qtbot):
    ds = sample_dataset(2)
    view.set_dataset(ds, 1)
    view.show_snapshot(snap(grid=np.full((100, 100), 0.2, np.float32), grid_bounds=(-6, 6, -6, 6)))
    view.flush()
    view.clear_snapshot()
    assert view.model_layers.image.image is None and view.score_text() == ""


# ---------------------------------------------------------------------------------------------- drawing
def test_survives_thousands_of_image_repaints(qtbot):
    """Guards the PySide6 6.12 + pyqtgraph 0.14 `bool_dealloc` abort after ~1 000-3 000 ImageItem repaints."""
    v = BoundaryView()
    qtbot.addWidget(v)
    v.resize(120, 120)  # each repaint is the same calls at any size: a small view spends less time on pixels
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
    assert v.model_layers.image.image.shape == (G, G, 4)


def test_colour_images_shade_each_cell_toward_its_predicted_class_by_how_sure_the_model_is():
    """The 200² images the boundary shows (how fast they are made: bench/drawing.py): each cell takes the colour of
    the class predicted there, from near white where the model cannot tell to ``DEFAULT_STRENGTH`` of the class
    colour where it is sure; a NaN cell (a diverged model) is grey."""
    white, strength = np.array(colors.NEAR_WHITE, dtype=np.float64), colors.DEFAULT_STRENGTH
    class_rgb = colors.CLASS_RGB.astype(np.float64)
    rng = np.random.default_rng(0)
    p = rng.random((200, 200)).astype(np.float32)
    P3 = rng.dirichlet([1, 1, 1], size=(200, 200)).astype(np.float32)
    P3[0, 0] = 1 / 3  # the model cannot tell: near white
    p[1, 1], P3[1, 1] = np.nan, np.nan
    surety_binary = np.abs(2 * p.astype(np.float64) - 1)  # 0 at p = 0.5, 1 at p = 0 or 1
    surety_multi = (P3.max(axis=2).astype(np.float64) - 1 / 3) / (1 - 1 / 3)
    for image, predicted, surety in (
        (colors.binary_image(p), (p >= 0.5).astype(int), surety_binary),
        (colors.multiclass_image(P3), np.nan_to_num(P3).argmax(axis=2), surety_multi),
    ):
        assert image.shape == (200, 200, 4) and image.dtype == np.uint8
        expected = white + (class_rgb[predicted] - white) * (strength * surety)[..., None]
        finite = np.isfinite(surety)
        # within the colour tables' 256 steps and the rounding to whole numbers
        assert np.abs(image[..., :3][finite] - expected[finite]).max() <= 2
        assert (image[..., 3] == 255).all()
        assert tuple(image[1, 1]) == colors.NAN_RGBA
    assert np.abs(colors.multiclass_image(P3)[0, 0, :3] - white).max() <= 1


@pytest.mark.shots
def test_three_classes_as_a_person_sees_them(view, qtbot, shot):
    """The shading is each predicted class's colour, the line runs where the prediction changes, the points
    show their class colours, and exactly the points the model gets wrong wear a ring."""
    view.resize(560, 520)
    qtbot.wait(60)
    ds = sample_dataset(3, n=150, seed=3)
    view.set_dataset(ds, 1)
    bounds, G = view.grid_request()
    grid, pred = centroid_grid(ds, bounds, G)
    pred = pred.copy()
    wrong = [0, 4, 8]
    pred[wrong] = (ds.y[wrong] + 1) % 3
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
    pic = check_boundary_view(view, shot(view, "boundary_3class.png"), overlays=[view._score])
    ring_radius = (POINT_SIZE + 9) / 2
    isolated = set(pic.isolated_train_points(min_px=2 * ring_radius + 4, clear_px=ring_radius + 1).tolist())
    ringed = [i for i in wrong if i in isolated]
    plain = [i for i in isolated if pred[i] == ds.y[i]]
    assert ringed and len(plain) >= 5
    assert min(pic.ring_darkness(i, ring_radius) for i in ringed) > 0.8
    assert max(pic.ring_darkness(i, ring_radius) for i in plain) < 0.3


@pytest.mark.shots
def test_the_fitted_curve_runs_through_the_models_predictions(view, qtbot, shot):
    rng = np.random.default_rng(2)
    x = rng.uniform(-5, 5, 60)
    ds = Dataset.from_arrays(x[:, None], 4 * np.sin(x * 0.9) + rng.normal(0, 0.4, 60), task="regression")
    view.set_dataset(ds, 1)
    view.fit_to_data()
    qtbot.wait(60)
    bounds, G = view.grid_request()

    def model(x):
        return 3.6 * np.sin(x * 0.85)

    xs = bounds[0] + (np.arange(G) + 0.5) * (bounds[1] - bounds[0]) / G
    view.show_snapshot(
        snap(
            task="regression", grid=model(xs).astype(np.float32), grid_bounds=bounds, train_score=0.91, test_score=0.88
        )
    )
    view.flush()
    img = rgb(shot(view, "boundary_regression.png"))
    px = PlotPixels(view, view.vb)
    c0, r0, c1, r1 = px.area
    curve = distance(img, hex_rgb(colors.CLASS_COLORS[5])) < 60
    cols = np.arange(c0 + 20, c1 - 20, 4)
    drawn, on_model = 0, 0
    for c in cols:
        rows = np.flatnonzero(curve[r0:r1, c]) + r0
        if rows.size:
            drawn += 1
            x_data, _ = px.to_data(np.array([c]), np.array([0]))
            expected_row = px.to_pixels([[x_data[0], model(x_data[0])]])[0, 1]
            on_model += abs(rows.mean() - expected_row) <= 3
    assert drawn >= 0.9 * cols.size, f"the curve shows in {drawn} of {cols.size} columns"
    assert on_model >= 0.9 * drawn, f"the curve follows the model in {on_model} of {drawn} columns"
    # the data points are drawn, in the regression colour, where their (x, target) is
    centres = np.floor(px.to_pixels(ds.plot_points())).astype(int)
    inside = (centres[:, 0] > c0) & (centres[:, 0] < c1) & (centres[:, 1] > r0) & (centres[:, 1] < r1)
    seen = [
        distance(img[r - 1 : r + 2, c - 1 : c + 2], hex_rgb(colors.REGRESSION_POINT)).min() < 60
        for c, r in centres[inside]
    ]
    assert np.mean(seen) > 0.8
