"""The plot's score box is kept as a picture: a frame of the plot whose score did not change does not paint its
text again, and the box looks as when its text is painted with every frame."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QGraphicsItem

from gui.plot.boundary_view import BoundaryView
from gui.plot.score_overlay import ScoreOverlay
from gui.widgets.theme import DARK
from tests.gui.pixels import rgb
from tests.gui.plot.plot_helpers import centroid_grid, sample_dataset, snap


@pytest.fixture
def painted(monkeypatch) -> list:
    """One entry per paint of a score box made after this fixture (the class is patched before the view is built:
    an existing object keeps the method it was first painted with)."""
    calls: list = []
    paint = ScoreOverlay.paint
    monkeypatch.setattr(ScoreOverlay, "paint", lambda self, *args: (calls.append(1), paint(self, *args)))
    return calls


@pytest.fixture
def view(qtbot, painted):
    v = BoundaryView()
    qtbot.addWidget(v)
    v.resize(500, 500)
    v.show()
    qtbot.waitExposed(v)
    v.set_dataset(sample_dataset(3), 1)
    return v


def _frame(view, k: int, epoch: int = 10) -> None:
    """A new boundary image (the model moved), with the score of ``epoch``."""
    bounds, size = view.grid_request()
    grid, pred = centroid_grid(view.data_points.dataset, bounds, size)
    view.show_snapshot(snap(grid=np.roll(grid, k, axis=1), grid_bounds=bounds, predictions=pred, epoch=epoch))
    view.flush()


def test_plot_frames_with_the_same_score_do_not_paint_its_text_again(view, painted):
    _frame(view, 0)
    view.grab()
    assert painted  # drawn once into its picture
    painted.clear()
    for k in range(1, 4):
        _frame(view, 3 * k)
        view.grab()
    assert painted == []  # three frames of the plot, the box from its picture
    _frame(view, 12, epoch=11)  # the epoch line changed: painted again
    view.grab()
    assert painted == [1]


def test_the_score_box_kept_as_a_picture_looks_as_painted(view):
    """Pixel for pixel but for rounding: the box's see-through fill and its text are composed in the picture
    first, then over the plot, where they were composed over the plot one after the other (1 in 255 at most)."""

    def cached_and_painted():
        cached = rgb(view.grab()).astype(int)
        view._score.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        painted = rgb(view.grab()).astype(int)
        view._score.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        return cached, painted

    _frame(view, 0)
    cached, painted = cached_and_painted()
    assert view.score_text() and np.abs(cached - painted).max() <= 1
    view.grab()  # the picture, in the light theme
    view._score.set_theme(DARK)  # its colours changed: the picture is made again
    cached, painted = cached_and_painted()
    assert np.abs(cached - painted).max() <= 1
