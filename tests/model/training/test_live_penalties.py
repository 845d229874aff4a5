"""A new L2 or L1 rate applies to the next epoch, like a new learning rate: the weights, the epoch count and the
run go on; any other model edit still starts from fresh weights."""

import numpy as np

from model.data.generators import make
from model.training.group_contract import RunFinished
from model.training.session import TrainingSession
from model.training.session_group import SessionGroup
from model.training.specs import ModelSpec, replace


def trained(alpha=0.0):
    session = TrainingSession(make("moons", n_samples=120, noise=0.1, seed=0), ModelSpec(alpha=alpha), seed=0)
    session.step(50)
    return session


def test_a_new_l2_or_l1_rate_keeps_the_weights_and_the_epoch():
    session = trained()
    params = session.snapshot().params.copy()
    loss = session.train_loss
    session.set_model_spec(replace(session.model_spec, alpha=5.0))
    assert session.epoch == 50
    np.testing.assert_array_equal(session.snapshot().params, params)
    assert session.train_loss > loss  # the shown loss carries the new penalty at once
    session.set_model_spec(replace(session.model_spec, l1=1.0))
    assert session.epoch == 50 and session.model_spec.l1 == 1.0
    session.step(10)
    assert session.epoch == 60
    assert not np.array_equal(session.snapshot().params, params)


def test_another_architecture_still_starts_afresh():
    session = trained()
    session.set_model_spec(replace(session.model_spec, hidden_layer_sizes=(4,), alpha=5.0))
    assert session.epoch == 0


def test_the_only_penalties_differ_rule():
    spec = ModelSpec()
    assert spec.only_penalties_differ(replace(spec, alpha=0.1))
    assert spec.only_penalties_differ(replace(spec, l1=0.1))
    assert not spec.only_penalties_differ(spec)
    assert not spec.only_penalties_differ(replace(spec, activation="relu", alpha=0.1))


def test_a_group_keeps_the_same_run_for_a_new_penalty():
    events = []
    primary = TrainingSession(make("moons", n_samples=120, noise=0.1, seed=0), ModelSpec(), seed=0)
    group = SessionGroup(primary, subscribers=[events.append])
    group.step(30)
    run_id = group.run_id(primary.session_id)
    group.set_model_spec(replace(primary.model_spec, alpha=1.0))
    assert primary.epoch == 30 and group.run_id(primary.session_id) == run_id
    assert not any(isinstance(e, RunFinished) for e in events)
    group.set_model_spec(replace(primary.model_spec, hidden_layer_sizes=(3,)))
    assert primary.epoch == 0 and group.run_id(primary.session_id) != run_id
