"""The plot's legend never hides a point: it sits in the corner of the plot where no shown point is (top left when
that one is free), and finds another when the data or the view change. Where no corner is free (the blobs and the
circles on a 1024×700 window's plot) it is narrow, so that it hides few points, and they show through it; over
dense data (the digits) it is all but opaque, so that its words read."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from gui.panels.data_panel import DEFAULTS, build_dataset
from gui.plot.legend_place import OPAQUE, OVER_MANY, SEE_THROUGH
from gui.plot.point_markers import POINT_SIZE
from model.data.dataset import Dataset
from tests.gui.pixels import rgb


def hidden_points(view) -> list[tuple[float, float]]:
    """The shown points whose marker (with its ring) reaches under the legend, as the person sees the plot."""
    legend = view.data_points.legend
    assert legend.isVisible()
    box = legend.sceneBoundingRect()
    reach = (POINT_SIZE + 9) / 2
    box = box.adjusted(-reach, -reach, reach, reach)
    xy = view.data_points.xy
    return [(x, y) for x, y in xy if box.contains(view.vb.mapViewToScene(QPointF(x, y)))]


def settled(qtbot, view) -> None:
    """The view has rested: a new axis label resizes the view box on a later turn, which fits and places again."""

    def state():
        return (view.vb.viewRange(), view.vb.boundingRect().size().toTuple(), view.framing.legend_corner)

    def still() -> bool:
        before = state()
        qtbot.wait(150)
        return not view.framing.legend_timer.isActive() and state() == before

    qtbot.waitUntil(still, timeout=5000)


def test_on_the_default_data_the_legend_hides_no_point(qtbot, boundary_view):
    boundary_view.set_dataset(build_dataset(DEFAULTS), 1)
    settled(qtbot, boundary_view)
    assert hidden_points(boundary_view) == []
    assert boundary_view.framing.legend_corner == "top left"  # the two moons leave it free: where a person looks first


def test_points_in_the_top_left_corner_send_the_legend_to_a_free_one(qtbot, boundary_view):
    rng = np.random.default_rng(0)
    corner = rng.uniform([-5.8, 3.2], [-2.5, 5.8], size=(60, 2))  # where the legend stood
    middle = rng.normal(0.0, 1.0, size=(60, 2))
    X = np.vstack([corner, middle])
    y = np.repeat([0, 1], 60)
    boundary_view.set_dataset(Dataset.from_arrays(X, y), 1)
    settled(qtbot, boundary_view)
    assert hidden_points(boundary_view) == []
    assert boundary_view.framing.legend_corner != "top left"

    # the view moved so that the points fill the bottom left: the legend moves on once the view rests
    boundary_view.vb.setRange(xRange=(-5.8, 6.0), yRange=(3.0, 14.0), padding=0)
    settled(qtbot, boundary_view)
    assert hidden_points(boundary_view) == []


def test_fitted_real_data_leave_the_legend_a_free_corner_and_the_caption_stands_under_the_view(qtbot, boundary_view):
    """Real data are fitted to the plot (their points fill it): the fit leaves a corner free for the legend, and
    the caption naming the plane is under the view, covering none of it."""
    ds = build_dataset({**DEFAULTS, "name": "iris"})
    boundary_view.set_dataset(ds, 1)
    settled(qtbot, boundary_view)
    assert hidden_points(boundary_view) == []
    assert boundary_view.data_points.legend.brush().color().alpha() == OPAQUE
    row = boundary_view.plane_caption.row
    assert row.isVisible() and row.sceneBoundingRect().top() >= boundary_view.vb.sceneBoundingRect().bottom()


def legend_words_readable(view) -> list[str]:
    """The legend's words (as a person reads them on the grab) that have points showing through around them: among
    the pixels of a word's line that are not its letters, fewer than 90 % light (the box's white)."""
    image = rgb(view.grab()).astype(np.float64)
    luminance = image @ [0.299, 0.587, 0.114]
    unreadable = []
    for _sample, label in view.data_points.legend.items:
        r = view.mapFromScene(label.sceneBoundingRect()).boundingRect()
        patch = luminance[r.top() : r.bottom(), r.left() : r.right()]
        letters = patch < 90
        assert letters.any(), f"{label.text!r} is not drawn over the points"
        light = (patch >= 200).sum() / max(1, (~letters).sum())
        if light < 0.9:
            unreadable.append(label.text)
    return unreadable


def test_where_no_corner_is_free_for_dense_data_the_legend_stays_readable(qtbot, boundary_view):
    """The digits zoomed into (their points fill the plot to its corners): the legend takes the emptiest corner,
    over hundreds of points in ten colours. See-through, its words drowned in them; it is all but opaque there, and
    every word reads on its white."""
    boundary_view.resize(432, 325)  # a 1024×700 window's plot, its score shown as there
    boundary_view.show_score(SimpleNamespace(task="classification", test_score=0.5, train_score=0.5, epoch=3))
    boundary_view.set_dataset(build_dataset({**DEFAULTS, "name": "digits"}), 1)
    settled(qtbot, boundary_view)
    boundary_view.vb.setRange(xRange=(-1.5, 1.5), yRange=(-1.0, 1.0), padding=0)  # the middle of the cloud
    settled(qtbot, boundary_view)
    legend = boundary_view.data_points.legend
    assert len(hidden_points(boundary_view)) > 100  # no corner is free (else the test shows nothing)
    assert legend.brush().color().alpha() == OVER_MANY
    assert legend_words_readable(boundary_view) == []
    boundary_view.resize(500, 500)
    boundary_view.set_dataset(build_dataset(DEFAULTS), 2)  # two moons: the legend hides nothing, opaque again
    boundary_view.reset_view()
    settled(qtbot, boundary_view)
    assert hidden_points(boundary_view) == [] and legend.brush().color().alpha() == OPAQUE


def test_the_digits_legend_keeps_to_the_bottom_and_the_points_fill_the_plot(qtbot, boundary_view):
    """On a 1024×700 window's plot, fitted while the score was still short (before the first test score), the
    digits' points were pushed into the bottom right to leave the top left free for the legend, which the whole
    score then hid: a small cloud and no legend. The legend keeps to a bottom corner, clear of the points and of
    the score, and the points fill most of the plot (the fit shrinks them to leave a corner free for the legend,
    ``legend_place.fit_clear_of``)."""
    boundary_view.resize(432, 325)
    boundary_view.show_score(SimpleNamespace(task="classification", test_score=float("nan"), train_score=0.1, epoch=0))
    boundary_view.set_dataset(build_dataset({**DEFAULTS, "name": "digits"}), 1)
    settled(qtbot, boundary_view)
    boundary_view.show_score(SimpleNamespace(task="classification", test_score=0.972, train_score=0.986, epoch=35))
    settled(qtbot, boundary_view)
    legend = boundary_view.data_points.legend
    assert legend.isVisible() and boundary_view.framing.legend_corner.startswith("bottom")
    xy = boundary_view.data_points.xy
    (x0, x1), (y0, y1) = boundary_view.vb.viewRange()
    span = xy.max(axis=0) - xy.min(axis=0)
    assert max(span[0] / (x1 - x0), span[1] / (y1 - y0)) >= 0.7, "the points do not fill the plot"
    assert hidden_points(boundary_view) == []
    assert not legend.sceneBoundingRect().intersects(boundary_view._score.sceneBoundingRect())


@pytest.mark.parametrize("name", ["iris", "wine"])
def test_points_fitted_before_the_score_shows_stay_clear_of_it(qtbot, boundary_view, name):
    """A new dataset is fitted before its first snapshot's score shows (the plot has none yet): the fit keeps the
    room the whole score takes, so none of the points it fitted ends under it a moment later."""
    boundary_view.resize(432, 325)
    boundary_view.set_dataset(build_dataset({**DEFAULTS, "name": name}), 1)
    settled(qtbot, boundary_view)
    boundary_view.show_score(SimpleNamespace(task="classification", test_score=0.233, train_score=0.242, epoch=0))
    settled(qtbot, boundary_view)
    score = boundary_view._score.sceneBoundingRect()
    reach = (POINT_SIZE + 9) / 2
    score = score.adjusted(-reach, -reach, reach, reach)
    xy = boundary_view.data_points.xy
    under = [(x, y) for x, y in xy if score.contains(boundary_view.vb.mapViewToScene(QPointF(x, y)))]
    assert under == [], f"{len(under)} points under the score"


# Measured on a plot of 430×300 px (about a 1024×700 window's): the legend hid 7 of the blobs' and 24 of the
# circles' points when its rows read "hollow: test" and "ring: misclassified"; 1 and 12 with the shorter words.
@pytest.mark.parametrize(("name", "at_most"), [("blobs", 2), ("circles", 14)])
def test_where_no_corner_is_free_the_narrow_legend_hides_few_points(qtbot, boundary_view, name, at_most):
    boundary_view.resize(430, 300)
    boundary_view.set_dataset(build_dataset({**DEFAULTS, "name": name}), 1)
    settled(qtbot, boundary_view)
    hidden = hidden_points(boundary_view)
    assert len(hidden) <= at_most, f"{len(hidden)} points under the legend in the {boundary_view.framing.legend_corner}"
    legend = boundary_view.data_points.legend
    if hidden:  # the few points show through it
        assert legend.brush().color().alpha() == SEE_THROUGH
    labels = [label.text for _sample, label in legend.items]
    assert labels[-2:] == ["test points", "misclassified"]  # what the hollow marker and the ring mean, still said


# On a 1024×700 window's plot (432×325 px), with the score top right: the legend finds a corner free of the irises'
# and the wines' points (it stood top left over 38 of the wines' when the caption took a bottom corner).
@pytest.mark.parametrize("name", ["iris", "wine"])
def test_on_a_small_screens_plot_the_legend_of_real_data_hides_no_point(qtbot, boundary_view, name):
    boundary_view.resize(432, 325)
    boundary_view.show_score(SimpleNamespace(task="classification", test_score=0.944, train_score=1.0, epoch=279))
    boundary_view.set_dataset(build_dataset({**DEFAULTS, "name": name}), 1)
    settled(qtbot, boundary_view)
    assert hidden_points(boundary_view) == [], f"the legend stands in the {boundary_view.framing.legend_corner}"
    legend, score = boundary_view.data_points.legend, boundary_view._score
    assert not legend.sceneBoundingRect().intersects(score.sceneBoundingRect())
