"""The rings of misclassified points while most points are wrong: before training, nearly every point of the digits
is wrong, and a dark ring on each made one black mass where the ten classes should be. The rings fade while many
points are wrong and are not drawn while most are (``gui.plot.rings``); the legend's entry is greyed then,
and its tooltip says why; once the mistakes are a minority the rings are back, on exactly the wrong points."""

from __future__ import annotations

import numpy as np
import pytest

from gui.plot.point_markers import POINT_SIZE
from gui.plot.points_legend import LEGEND_COLOURS
from gui.plot.rings import LEGEND_TIP, RINGS_FULL_UP_TO, RINGS_NONE_FROM, ring_ink
from gui.widgets import colors
from model.data import real_datasets
from model.data.dataset import Dataset
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.gui.pixels import DARK, BoundaryPicture, distance, hex_rgb, rgb
from tests.gui.plot.plot_helpers import snap

RING_RADIUS = (POINT_SIZE + 9) / 2


@pytest.fixture(scope="module")
def digits_run():
    """The digits and a 64-16-10 network on them: untrained (~5 % right) and trained for 80 epochs (~97 % right)."""
    ds = real_datasets.load("digits")

    def network(epochs: int) -> TrainingSession:
        spec = TrainSpec(optimizer="adam", learning_rate=0.01)
        session = TrainingSession(ds, ModelSpec(hidden_layer_sizes=(16,)), spec, seed=0)
        session.step(epochs)
        return session

    return ds, network(0), network(80)


def shown(qtbot, view, session) -> tuple[BoundaryPicture, np.ndarray]:
    """The ``session``'s snapshot drawn as a person sees it (the boundary on the grid the view asks for, the rings
    whole), the plot's picture, and which points the model gets wrong."""
    bounds, size = view.grid_request()
    snapshot = session.snapshot(bounds, size)
    view.show_snapshot(snapshot)
    view.flush()
    qtbot.waitUntil(lambda: not view.data_points.rings_layer.drawing_in_parts(), timeout=3000)
    pic = BoundaryPicture(view, overlays=[view._score])
    return pic, np.asarray(snapshot.predictions) != np.asarray(view.dataset().y)


def ink_and_colour_near_points(pic: BoundaryPicture, n_classes: int) -> tuple[float, float]:
    """Of the pixels the markers and their rings reach (outside the legend and the other boxes): the share drawn in
    ink (black: the rings, the markers' thin outline) and the share in one of the classes' colours."""
    near = ~pic.away_from_points(RING_RADIUS + 2) & pic.usable
    pixels = pic.img[near]
    ink = (pixels.max(axis=-1) < DARK).mean()
    coloured = np.zeros(len(pixels), dtype=bool)
    for k in range(n_classes):
        coloured |= distance(pixels, hex_rgb(colors.class_color(k))) < 40
    return float(ink), float(coloured.mean())


def greyed(view) -> bool:
    """Whether the legend's last entry (the ring's) is written in the greyed ink."""
    _sample, label = view.data_points.legend.items[-1]
    assert label.text == "misclassified"
    return label.opts["color"] == LEGEND_COLOURS[False][4]


@pytest.mark.shots
def test_digits_before_training_show_their_classes_not_a_mass_of_rings(boundary_view, qtbot, shot, digits_run):
    view = boundary_view
    ds, untrained, _trained = digits_run
    view.resize(560, 440)  # about the plot of a 1024×700 window
    view.set_dataset(ds, 0)
    pic, wrong = shown(qtbot, view, untrained)
    shot(view, "digits_epoch0_rings.png")
    assert wrong.mean() > 0.9  # an untrained network: nearly every point is wrong
    ink, coloured = ink_and_colour_near_points(pic, ds.n_classes)
    # with a ring on every wrong point, 80 % of these pixels were black and 4 % in a class's colour (now: ~18 % ink,
    # the markers' outlines and the test points' dark edges, and ~47 % in the classes' colours)
    assert coloured > 0.35 and ink < 0.3, f"{coloured:.0%} in the classes' colours, {ink:.0%} ink"
    # the legend still names the ring, greyed as what is not drawn now, and its tooltip says why
    assert greyed(view)
    assert "rings fade" in view.data_points.legend.toolTip()
    # which points are wrong is still known (the rings are there, not drawn)
    assert np.array_equal(view.misclassified_mask(), wrong)


@pytest.mark.shots
def test_digits_once_trained_ring_exactly_the_points_still_wrong(boundary_view, qtbot, shot, digits_run):
    view = boundary_view
    ds, untrained, trained = digits_run
    view.resize(560, 440)
    view.set_dataset(ds, 0)
    shown(qtbot, view, untrained)
    pic, wrong = shown(qtbot, view, trained)
    shot(view, "digits_trained_rings.png")
    assert 0 < wrong.mean() < RINGS_FULL_UP_TO  # a good accuracy, some mistakes left
    assert not greyed(view)
    ringed = view.data_points.rings.points()
    assert sorted(map(tuple, ringed)) == sorted(map(tuple, ds.plot_points()[wrong]))
    # every wrong point the person can see whole (not under the legend or the score) wears a full dark ring
    reach = int(RING_RADIUS) + 2
    whole = [pic.usable[r - reach : r + reach + 1, c - reach : c + reach + 1].all() for c, r in pic.points.astype(int)]
    looked_at = np.flatnonzero(wrong & np.array(whole))
    assert looked_at.size >= 10
    darkness = [pic.ring_darkness(i, RING_RADIUS) for i in looked_at]
    assert min(darkness) > 0.8, f"a wrong point's ring is {min(darkness):.0%} dark"
    # and nothing else: what the rings add to the picture lies around the wrong points only
    view.data_points.rings_layer.hide()
    without = rgb(view.grab())
    view.data_points.rings_layer.show()
    added = (np.abs(pic.img.astype(int) - without).max(axis=-1) > 30) & pic.usable
    rows, cols = np.nonzero(added)
    wrong_px = pic.points[wrong]
    nearest = np.hypot(cols[:, None] + 0.5 - wrong_px[:, 0], rows[:, None] + 0.5 - wrong_px[:, 1]).min(axis=1)
    assert added.sum() > 50 * looked_at.size and nearest.max() <= RING_RADIUS + 4  # the halo's edge, antialiased


def test_the_rings_fade_as_the_share_of_wrong_points_grows(boundary_view, qtbot):
    """Full ink up to a quarter wrong, none from half wrong, between them in proportion; the legend's entry greyed
    whenever they are not in full ink, at the width it has in full (a wider legend would hide points)."""
    view = boundary_view
    assert ring_ink(0.0) == ring_ink(RINGS_FULL_UP_TO) == 1.0
    assert ring_ink(RINGS_NONE_FROM) == ring_ink(0.9) == 0.0
    assert ring_ink((RINGS_FULL_UP_TO + RINGS_NONE_FROM) / 2) == pytest.approx(0.5)
    rng = np.random.default_rng(1)
    n = 80
    X = rng.normal(size=(n, 2))
    y = np.arange(n) % 2
    ds = Dataset.from_arrays(X, y, test_fraction=0.25, seed=0, n_classes=2)
    view.set_dataset(ds, 1)
    layer, points = view.data_points.rings_layer, view.data_points
    width = points.legend.boundingRect().width()
    for n_wrong, ink in ((10, 1.0), (30, ring_ink(30 / n)), (60, 0.0), (4, 1.0)):
        pred = y.copy()
        pred[:n_wrong] = 1 - pred[:n_wrong]
        view.show_snapshot(_snapshot(pred))
        view.flush()
        assert layer.opacity() == pytest.approx(ink), n_wrong
        assert len(points.rings.points()) == n_wrong  # which points are wrong never changes with the ink
        assert greyed(view) == (ink < 1.0), n_wrong
        assert points.legend.boundingRect().width() == pytest.approx(width, abs=0.5)
    # with the test points hidden, the share is of the training points shown
    pred = y.copy()
    test = np.asarray(ds.is_test, dtype=bool)
    pred[test] = 1 - pred[test]  # every test point wrong: a quarter of all, none of the training points
    pred[np.flatnonzero(~test)[:6]] = 1 - pred[np.flatnonzero(~test)[:6]]
    view.show_snapshot(_snapshot(pred))
    view.flush()
    assert layer.opacity() == pytest.approx(ring_ink((test.sum() + 6) / n))
    view.set_show_test(False)
    assert layer.opacity() == pytest.approx(ring_ink(6 / (~test).sum())) == 1.0
    assert points.legend.toolTip().startswith(LEGEND_TIP)  # then how to move it or hide it


def _snapshot(pred):
    return snap(predictions=pred, data_version=1, epoch=3)
