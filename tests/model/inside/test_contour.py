"""Contouring: the decision boundary is drawn where the model's output crosses the level, from known fields."""

from __future__ import annotations

import numpy as np

from model.inside.contour import contour_segments, decision_boundary_segments


def cell_centres(bounds, rows, cols):
    """The (x, y) of every cell centre of a row-major grid over bounds, as a snapshot's grid is laid out."""
    xmin, xmax, ymin, ymax = bounds
    xs = xmin + (np.arange(cols) + 0.5) * (xmax - xmin) / cols
    ys = ymin + (np.arange(rows) + 0.5) * (ymax - ymin) / rows
    return np.meshgrid(xs, ys)


def test_a_circles_distance_gives_a_closed_contour_at_the_radius():
    bounds = (-3.0, 3.0, -3.0, 3.0)
    gx, gy = cell_centres(bounds, 150, 150)
    seg = contour_segments(np.hypot(gx - 0.5, gy + 0.25), 2.0, bounds)  # off-centre: rows and columns matter
    assert seg.shape[0] > 100 and seg.shape[0] % 2 == 0
    r = np.hypot(seg[:, 0] - 0.5, seg[:, 1] + 0.25)
    assert np.allclose(r, 2.0, atol=0.01)
    # all the way round: every 5° of the circle has a piece of the contour
    angle = np.degrees(np.arctan2(seg[:, 1] + 0.25, seg[:, 0] - 0.5))
    assert np.unique(np.floor((angle + 180) / 5)).size == 72
    # every segment is short (one cell), so the pieces join up into the circle instead of cutting across it
    lengths = np.hypot(*(seg[0::2] - seg[1::2]).T)
    assert lengths.max() <= np.hypot(6 / 150, 6 / 150) + 1e-9


def test_a_linear_field_on_a_wide_grid_crosses_where_the_line_is():
    bounds = (-4.0, 6.0, 1.0, 3.0)  # not square, not centred, 40 rows by 90 columns
    gx, gy = cell_centres(bounds, 40, 90)
    seg = contour_segments(0.3 * gx - 0.6 * gy, 0.0, bounds)  # zero on y = x / 2
    assert seg.shape[0] > 0
    assert np.allclose(seg[:, 1], seg[:, 0] / 2, atol=1e-9)  # linear interpolation is exact on a plane
    inside = seg[:, 1]
    assert inside.min() >= 1.0 and inside.max() <= 3.0


def test_a_sigmoid_output_crosses_one_half_at_its_boundary():
    bounds = (-5.0, 3.0, -2.0, 4.0)
    gx, _ = cell_centres(bounds, 120, 120)
    p = 1 / (1 + np.exp(-(gx - 1.0) * 3))  # P(class 2) crosses 0.5 at x = 1
    seg = decision_boundary_segments(p.astype(np.float32), bounds)
    assert np.allclose(seg[:, 0], 1.0, atol=1e-3)
    assert seg[:, 1].min() < -1.9 and seg[:, 1].max() > 3.9  # the whole height of the grid
    # the same model as a (G, G, 2) probability grid: the same boundary
    two = decision_boundary_segments(np.stack([1 - p, p], axis=-1), bounds)
    assert np.allclose(np.sort(two, axis=0), np.sort(seg, axis=0), atol=1e-5)


def test_three_classes_are_bounded_between_their_regions():
    bounds = (-3.0, 3.0, -3.0, 3.0)
    gx, _ = cell_centres(bounds, 90, 90)
    # three classes split by x < -1, -1 <= x < 1, x >= 1
    logits = np.stack([-((gx + 2) ** 2), -(gx**2), -((gx - 2) ** 2)], axis=-1) * 3
    P = np.exp(logits - logits.max(-1, keepdims=True))
    P /= P.sum(-1, keepdims=True)
    seg = decision_boundary_segments(P, bounds)
    xs = np.unique(np.round(seg[:, 0], 1))
    assert set(xs.tolist()) == {-1.0, 1.0}


def test_saddles_nans_and_tiny_grids_are_safe():
    f = np.array([[1.0, 0.0], [0.0, 1.0]])
    seg = contour_segments(f, 0.5, (0, 2, 0, 2))
    assert seg.shape == (4, 2)  # two segments through the saddle cell
    # the centre (mean 0.5 + tiny) is above: the high corners join, the two cuts go around the low corners
    seg = contour_segments(np.array([[1.0, 0.0], [0.0, 1.01]]), 0.5, (0, 2, 0, 2)).reshape(-1, 2, 2)
    mids = seg.mean(axis=1)
    assert sorted(map(tuple, np.round(mids, 2))) == [(0.75, 1.25), (1.25, 0.75)]
    f = np.array([[1.0, np.nan, 0.0], [1.0, 0.0, 0.0], [1, 1, 0]])
    seg = contour_segments(f, 0.5, (0, 3, 0, 3))
    assert seg.shape[0] > 0 and np.isfinite(seg).all()
    assert contour_segments(np.zeros((1, 5)), 0.5, (0, 1, 0, 1)).shape == (0, 2)
    assert contour_segments(np.zeros((4, 4)), 0.5, (0, 1, 0, 1)).shape == (0, 2)  # never crosses
    assert decision_boundary_segments(np.zeros(5), (0, 1, 0, 1)).shape == (0, 2)
