"""The main plot's view after data of many features (drawn on a plane of their own scale) gives way to points of
their own: the view is theirs again, the default square for two features, the points' extent for a curve, not the
plane's range (after Breast cancer, whose principal components span -7 to 18, the sine curve was a thin scribble)."""

from __future__ import annotations

import pytest

from gui.plot.plot_framing import DEFAULT_RANGE
from model.data import real_datasets
from model.data.generators import make


def view_box(view) -> tuple[float, float, float, float]:
    (x0, x1), (y0, y1) = view.viewRange()
    return x0, x1, y0, y1


@pytest.mark.parametrize("then", ["sine", "blobs"])
def test_points_of_their_own_after_a_plane_get_their_own_view(boundary_view, qtbot, then):
    view = boundary_view
    view.set_dataset(real_datasets.load("breast_cancer", 0.2, 0), 1)
    plane = view_box(view)
    assert plane[1] - plane[0] > 20  # the principal components' range

    ds = make(then, seed=0)
    view.set_dataset(ds, 2)
    qtbot.wait(150)  # the fit made for a size that settles
    x0, x1, y0, y1 = view_box(view)
    xs, ys = ds.X[:, 0], (ds.y if then == "sine" else ds.X[:, 1])
    assert x0 <= xs.min() and xs.max() <= x1 and y0 <= ys.min() and ys.max() <= y1  # every point in sight
    if then == "sine":  # the curve fills the plot's width
        assert x1 - x0 < 1.5 * (xs.max() - xs.min())
    else:  # the default square (wider one way as the plot's shape asks)
        side = DEFAULT_RANGE[1] - DEFAULT_RANGE[0]
        assert min(x1 - x0, y1 - y0) == pytest.approx(side, rel=0.02)
