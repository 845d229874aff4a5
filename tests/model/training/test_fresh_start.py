"""A point of a new class or a new architecture starts the main network afresh; undoing the edit can put it back
where its finished run ended, going on with that run, bit for bit, as long as the run fits the model and data."""

import numpy as np

from model.data.generators import make
from model.training.fresh_start import new_architecture, new_shape, shape_words, why_not_resumed
from model.training.group_contract import RunFinished, RunLive
from model.training.requests import ResumeRun
from model.training.session import TrainingSession
from model.training.session_group import SessionGroup
from model.training.specs import ModelSpec, replace

MOONS = make("moons", n_samples=120, noise=0.1, seed=0)
THIRD_CLASS = MOONS.with_points([[0.0, 3.0]], 2)


def _trained_group(epochs: int = 40):
    events: list = []
    group = SessionGroup(TrainingSession(MOONS, ModelSpec(), seed=0), subscribers=[events.append])
    group.step(epochs)
    return group, events


def _finished(events) -> list:
    return [e.record for e in events if isinstance(e, RunFinished)]


def test_what_starts_afresh_and_how_it_is_said():
    assert new_shape(MOONS, THIRD_CLASS) and shape_words(MOONS, THIRD_CLASS) == "for 3 classes"
    assert shape_words(THIRD_CLASS, MOONS) == "for 2 classes"
    assert not new_shape(MOONS, MOONS.with_points([[0.0, 3.0]], 1))  # one more point of a class it has
    spec = ModelSpec()
    assert new_architecture(spec, replace(spec, activation="relu"))
    assert not new_architecture(spec, replace(spec, alpha=0.1)) and not new_architecture(spec, spec)


def test_undoing_a_new_class_puts_the_trained_network_back_on_its_run_and_it_trains_on_as_before():
    group, events = _trained_group()
    primary = group.primary
    run_id, params = group.run_id(primary.session_id), primary.network.params.copy()
    twin, _ = _trained_group()  # the same run never interrupted
    group.set_dataset(THIRD_CLASS, 1)
    assert primary.epoch == 0
    (record,) = _finished(events)
    assert record.run_id == run_id and record.epochs == 40 and record.restorable

    group.set_dataset(MOONS, 2)  # the undo
    events.clear()
    assert group.perform(ResumeRun(record, 2)) is True
    assert primary.epoch == 40 and primary.data_version == 2
    np.testing.assert_array_equal(primary.network.params, params)
    assert group.run_id(primary.session_id) == run_id  # the same run, not a new one
    assert any(isinstance(e, RunLive) and e.record.run_id == run_id for e in events)
    # the fresh run started by the undo never trained: it leaves the table
    assert [(r.trained, r.run_id != run_id) for r in _finished(events)] == [(False, True)]
    group.step(10)
    twin.step(10)
    np.testing.assert_array_equal(primary.network.params, twin.primary.network.params)
    assert len(primary.history) == 50


def test_a_run_that_no_longer_fits_is_not_put_back():
    group, events = _trained_group()
    group.set_model_spec(replace(group.primary.model_spec, activation="relu"))
    (record,) = _finished(events)
    assert why_not_resumed(record, MOONS, group.primary.model_spec) == "it was trained with another model"
    assert group.perform(ResumeRun(record, 0)) is False and group.primary.epoch == 0
    assert why_not_resumed(record, THIRD_CLASS, record.model_spec) == "it was trained on data of another shape"
    record.drop_payload()
    assert why_not_resumed(record, MOONS, record.model_spec) == "only its scores were kept"
