"""The window's copy of the compared models: after the training process died and training restarted, each is asked
for again in the new process, from its last snapshot; a second death before its first new snapshot still finds
its weights; while no process runs, the recovery file keeps them; a session file opened instead brings its own
models, none of the old ones."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal

from gui.window.kept_members import KeptMembers, given_back_sentence
from model.data.generators import make
from model.training.contract import ResumedRun
from model.training.group_contract import Member
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

MODEL, TRAIN = ModelSpec(hidden_layer_sizes=(5,)), TrainSpec(learning_rate=0.1)


class Manager(QObject):
    """The CompareManager's signals."""

    membersChanged = Signal(object)
    memberSnapshot = Signal(object)
    groupReplaced = Signal()


def _snapshot(epochs: int, seed: int):
    session = TrainingSession(make("moons", 60, 0.1, seed=0), MODEL, TRAIN, seed=seed)
    session.step(epochs)
    return session.snapshot()


def _kept_with_two_models():
    manager = Manager()
    kept = KeptMembers(manager)
    fast, slow = _snapshot(6, 1), _snapshot(6, 2)
    members = [
        Member(fast.session_id, "Run 2", "#009e73", MODEL, TRAIN, 1, ""),
        Member(slow.session_id, "slow", "#0072b2", MODEL, TRAIN, 2, "slow"),
    ]
    manager.membersChanged.emit(members)
    manager.memberSnapshot.emit(fast)
    manager.memberSnapshot.emit(slow)
    return manager, kept, members, (fast, slow)


def _asked(requests):
    """Each request as (the model it adds, where it starts, the run it goes on with)."""
    return [(Member(0, "", r.colour, r.model_spec, r.train_spec, r.seed, r.name), r.start, r.run) for r in requests]


def test_after_a_restart_each_compared_model_is_asked_for_again_from_its_last_snapshot():
    manager, kept, members, snaps = _kept_with_two_models()
    kept.hold()  # the process died
    manager.membersChanged.emit([])  # what the new process says before the models are back
    run = ResumedRun(2, "Run 2", 6, 0.5)
    asked = _asked(kept.requests({members[0].session_id: run}))  # handed to the new process with the session
    assert kept.give_back() == [("Run 2", 6), ("slow", 6)]
    manager.groupReplaced.emit()
    expected = [m._replace(session_id=0, name="") for m in members]
    assert [(member, run) for member, _, run in asked] == [(expected[0], run), (expected[1], None)]
    for (_, start, _), snap in zip(asked, snaps, strict=True):
        np.testing.assert_array_equal(start.params, snap.params)
        assert start.epoch == snap.epoch and list(start.curves["epoch"]) == list(snap.curves["epoch"])

    # the new process lists them under new ids; it dies again before their first snapshot
    again = [m._replace(session_id=m.session_id + 100) for m in members]
    manager.membersChanged.emit(again)
    kept.hold()
    asked = _asked(kept.requests({}))
    kept.give_back()
    manager.groupReplaced.emit()
    assert [member.colour for member, _, _ in asked] == [m.colour for m in again]
    np.testing.assert_array_equal(asked[0][1].params, snaps[0].params)


def test_while_no_process_runs_the_compared_models_are_kept_from_their_last_snapshots():
    _, kept, _, snaps = _kept_with_two_models()
    kept.hold()
    saved = kept.saved(make("moons", 60, 0.1, seed=0))
    assert [(s.name, s.colour, s.label, s.seed, s.epoch) for s in saved] == [
        ("Run 2", "#009e73", "", 1, 6),
        ("slow", "#0072b2", "slow", 2, 6),
    ]
    for kept_model, snap in zip(saved, snaps, strict=True):
        np.testing.assert_array_equal(kept_model.state.params, snap.params)


def test_a_session_file_opened_brings_none_of_the_old_models_back():
    manager, kept, _, _ = _kept_with_two_models()
    manager.membersChanged.emit([])
    manager.groupReplaced.emit()
    assert kept.members == [] and kept.requests({}) == ()


def test_the_status_bar_names_the_models_given_back():
    assert given_back_sentence([]) == ""
    assert given_back_sentence([("Run 2", 1200)]) == "Compared model “Run 2” back from epoch 1,200 too."
    assert given_back_sentence([("Run 2", 40), ("slow", 40), ("fast", 40)]) == (
        "Compared models “Run 2”, “slow” and “fast” back from epoch 40 too."
    )
    assert given_back_sentence([("Run 2", 40), ("slow", None)]) == (
        "Compared models back: “Run 2” from epoch 40, “slow” from its start."
    )
