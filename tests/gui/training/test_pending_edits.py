"""PendingEdits: the newest edit of each kind, applied to a real session in a fixed order between two chunks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gui.training.pending_edits import PendingEdits
from model.data.generators import make
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


class Recording(TrainingSession):
    """A real session that also notes the order of the edits it is given (and can refuse a training spec)."""

    refuse_train_spec = False

    def set_model_spec(self, spec):
        self.calls = [*getattr(self, "calls", []), "model"]
        super().set_model_spec(spec)

    def set_train_spec(self, spec):
        self.calls = [*getattr(self, "calls", []), "train"]
        if self.refuse_train_spec:
            raise ValueError("refused")
        super().set_train_spec(spec)

    def set_dataset(self, dataset, version=None):
        self.calls = [*getattr(self, "calls", []), "data"]
        super().set_dataset(dataset, version)


@pytest.fixture
def session():
    s = Recording(make("blobs", n_samples=60, seed=1), ModelSpec(hidden_layer_sizes=(4,)), TrainSpec(), seed=0)
    s.calls = []
    s.step(3)
    return s


def test_only_the_newest_of_each_kind_is_applied_model_first_data_last(session):
    pending, fresh, data = PendingEdits(), [], []
    newer = make("blobs", n_samples=80, seed=2)
    pending.dataset = (make("blobs", n_samples=70, seed=3), 1)
    pending.train_spec = TrainSpec(learning_rate=0.5)
    pending.dataset = (newer, 2)  # a burst of edits: the last one counts
    pending.model_spec = ModelSpec(hidden_layer_sizes=(6,))
    pending.units_off = frozenset({(1, 0)})
    assert pending.apply(session, lambda: fresh.append(True), lambda ds, v: data.append((ds, v))) is True
    assert session.calls == ["model", "train", "data"]
    assert fresh == [True]  # a new architecture: fresh weights, epoch 0
    assert data == [(newer, 2)] and session.dataset is newer and session.data_version == 2
    assert session.units_off == frozenset({(1, 0)}) and session.train_spec.learning_rate == 0.5
    assert not pending.apply(session, lambda: fresh.append(True), lambda ds, v: None)  # nothing left
    assert session.calls == ["model", "train", "data"]


def test_new_penalties_keep_the_weights_so_the_pace_is_not_restarted(session):
    pending, fresh = PendingEdits(), []
    pending.model_spec = replace(session.model_spec, alpha=0.01)
    assert pending.apply(session, lambda: fresh.append(True), lambda ds, v: None)
    assert session.epoch == 3 and fresh == []


def test_an_edit_the_session_refuses_leaves_those_before_it_applied(session):
    pending = PendingEdits()
    pending.model_spec = ModelSpec(hidden_layer_sizes=(5,))
    pending.train_spec = TrainSpec(learning_rate=0.2)
    pending.dataset = (make("blobs", n_samples=50, seed=4), 7)
    session.refuse_train_spec = True
    with pytest.raises(ValueError, match="refused"):
        pending.apply(session, lambda: None, lambda ds, v: None)
    assert pending.changed and session.model_spec.hidden_layer_sizes == (5,)
    assert pending.dataset is not None  # not reached: it waits for the next chunk
    pending.clear()
    assert (pending.dataset, pending.model_spec, pending.train_spec, pending.units_off) == (None,) * 4


def test_data_the_network_no_longer_fits_restarts_the_pace_as_a_new_network_does(session):
    pending, fresh = PendingEdits(), []
    pending.dataset = (make("blobs", n_samples=60, seed=1, n_classes=3), 1)  # a third class: a new network
    assert pending.apply(session, lambda: fresh.append(True), lambda ds, v: None)
    assert session.epoch == 0 and fresh == [True]


def test_points_the_network_still_fits_keep_the_pace_the_run_reached(session):
    pending, fresh = PendingEdits(), []
    pending.dataset = (make("blobs", n_samples=70, seed=1), 1)  # more points, the same classes: the weights stay
    assert pending.apply(session, lambda: fresh.append(True), lambda ds, v: None)
    assert session.epoch == 3 and fresh == []
