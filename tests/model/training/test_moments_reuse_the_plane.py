"""A moment of the timeline on n-D data fits no new plane: the plane of the data (a PCA of a fixed data set) is the
same at every epoch, so the live session's is used, and older data's is fitted once for a whole scrub (no Qt)."""

from __future__ import annotations

import numpy as np
import pytest

import model.data.dataset as dataset_module
from model.data import real_datasets
from model.data.view_plane import ViewPlane
from model.training.session import TrainingSession
from model.training.session_group import SessionGroup
from model.training.specs import ModelSpec, TrainSpec

BOUNDS, SIZE = (-3.0, 3.0, -3.0, 3.0), 8


@pytest.fixture
def fits(monkeypatch):
    """The planes fitted from now on (each a call of ``fit_plane``)."""
    made = []
    fit = dataset_module.fit_plane

    def counted(plane, X_train, names):
        made.append(plane)
        return fit(plane, X_train, names)

    monkeypatch.setattr(dataset_module, "fit_plane", counted)
    return made


def _trained_group(data, epochs=4):
    group = SessionGroup(TrainingSession(data, ModelSpec("mlp", (6,)), TrainSpec(learning_rate=0.1), seed=3))
    group.step(epochs)
    group.snapshot(BOUNDS, SIZE)  # the live view draws the present: the live data's plane is fitted
    return group


def _grid_alone(data, group, epoch):
    """The grid of the moment at ``epoch`` made from scratch: a new session on ``data`` given that moment's state."""
    entry = group.entry(group.primary.session_id, epoch)
    viewer = TrainingSession(data, entry.model_spec, entry.train_spec, seed=3)
    viewer.restore_training_state(entry.state)
    return viewer.evaluate_grid(BOUNDS, SIZE)


def test_a_scrub_on_the_digits_fits_no_plane(fits):
    digits = real_datasets.load("digits", seed=0)
    group = _trained_group(digits)
    fits.clear()
    moments = [group.moment(group.primary.session_id, epoch, BOUNDS, SIZE) for epoch in (3, 2, 1, 0, 2)]
    assert fits == []
    assert [m.epoch for m in moments] == [3, 2, 1, 0, 2]
    for moment in moments[:4]:
        np.testing.assert_array_equal(moment.grid, _grid_alone(digits, group, moment.epoch))


def test_older_data_shown_on_the_plane_chosen_since_is_fitted_once_for_a_whole_scrub(fits):
    wine = real_datasets.load("wine", seed=0)
    group = _trained_group(wine, epochs=3)
    fewer = wine.without(range(0, 30))
    group.set_dataset(fewer)  # the points change: the moments before are of the older data
    group.step(2)
    plane = ViewPlane.of_features(3, 7)
    group.set_dataset(fewer.with_view_plane(plane))  # and now the plot shows another plane
    group.snapshot(BOUNDS, SIZE)
    fits.clear()
    moments = [group.moment(group.primary.session_id, epoch, BOUNDS, SIZE) for epoch in (3, 2, 1, 2, 3)]
    # each older data set on the plane shown now: once, for every moment of it (two: the moment at epoch 3 is of the
    # fewer points, those before of all)
    pasts = [group.entry(group.primary.session_id, epoch).dataset for epoch in (3, 2, 1)]
    assert pasts[0] is fewer and pasts[1] is pasts[2] is wine
    assert fits == [plane, plane]
    for moment in moments:
        past = group.entry(group.primary.session_id, moment.epoch).dataset
        np.testing.assert_array_equal(moment.grid, _grid_alone(past.with_view_plane(plane), group, moment.epoch))
