"""The window's copy of the compared models: after the training process died and training restarted, each is asked
for again in the new process, from its last snapshot; a second death before its first new snapshot still finds
its weights; while no process runs, the recovery file keeps them; a session file opened instead brings its own
models, none of the old ones."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal

from gui.window.kept_members import RESTARTING, KeptMembers, given_back_sentence
from model.data.generators import make
from model.storage.session_members import check_members
from model.training.contract import ResumedRun
from model.training.group_contract import Member
from model.training.requests import ListMembers
from model.training.runs import record_from_session
from model.training.session import TrainingSession
from model.training.session_group import SessionGroup
from model.training.specs import ModelSpec, TrainSpec

MODEL, TRAIN = ModelSpec(hidden_layer_sizes=(5,)), TrainSpec(learning_rate=0.1)


class Manager(QObject):
    """The CompareManager's signals, its next run's id, the runs its run table lists, the grid its members'
    snapshots are made on, and where it sends the edits made while no process runs."""

    membersChanged = Signal(object)
    memberSnapshot = Signal(object)
    groupReplaced = Signal()
    runEvent = Signal(object)  # a RunRenamed: the run table's row renamed

    def __init__(self):
        super().__init__()
        self.next_run_id = 4
        self.names_listed = dict
        self.member_grid = None
        self.keeper = None

    def hold_edits(self, keeper):
        self.keeper = keeper


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


def test_edits_while_no_process_runs_change_what_the_next_process_gets():
    """Removed: not asked for again. New training settings: the same weights and run. A new architecture: fresh
    weights from its seed at epoch 0, on a new run numbered after every run told ("Run 4") and called so. New L2
    rates alone: the same weights on a new run. Added: from its settings, on the run after that."""
    manager, kept, (fast, slow), _ = _kept_with_two_models()
    kept.hold()
    assert manager.keeper is kept  # the compare view's edits come here now
    wider = ModelSpec(hidden_layer_sizes=(7,))
    assert kept.set_model_spec(fast.session_id, wider) == ""
    assert kept.set_model_spec(fast.session_id, ModelSpec(hidden_layer_sizes=(7,), alpha=0.01)) == ""
    kept.set_train_spec(slow.session_id, TrainSpec(learning_rate=0.02))
    assert kept.waiting() == {fast.session_id}
    kept.main_settings = lambda: (MODEL, TRAIN, 9)
    assert kept.add(None, None, None, "#cc79a7", "") == "“Run 5” starts training when training starts again."
    added = kept.members[2]
    assert kept.remove(slow.session_id) == ""
    assert [(m.name, m.colour, m.model_spec, m.train_spec, m.seed) for m in kept.members] == [
        ("Run 4", "#009e73", ModelSpec(hidden_layer_sizes=(7,), alpha=0.01), TRAIN, 1),  # still its first new run
        ("Run 5", "#cc79a7", MODEL, TRAIN, 9),
    ]
    asked = kept.requests({fast.session_id: ResumedRun(2, "Run 2", 6, 0.5)})
    assert [(r.start, r.run, r.run_name) for r in asked] == [
        (None, ResumedRun(4, "Run 4", 0, 0.0), "Run 4"),
        (None, ResumedRun(5, "Run 5", 0, 0.0), "Run 5"),
    ]
    dataset = make("moons", 60, 0.1, seed=0)
    fresh = TrainingSession(dataset, kept.members[0].model_spec, TRAIN, seed=1)
    saved = kept.saved(dataset)
    assert [(s.name, s.epoch) for s in saved] == [("Run 4", 0), ("Run 5", 0)]
    np.testing.assert_array_equal(saved[0].state.params, fresh.network.params)  # as the process draws them
    said = given_back_sentence(kept.give_back())
    assert said == "Compared models back: “Run 4” from its start, “Run 5” from its start."
    assert added.session_id not in {m.session_id for m in (fast, slow)}  # a model no process has: its own id


def test_new_training_settings_or_penalties_while_no_process_runs_keep_the_weights():
    _, kept, (fast, slow), snaps = _kept_with_two_models()
    kept.hold()
    kept.set_train_spec(fast.session_id, TrainSpec(learning_rate=0.02))
    kept.set_model_spec(slow.session_id, ModelSpec(hidden_layer_sizes=(5,), alpha=0.1))
    runs = {fast.session_id: ResumedRun(2, "Run 2", 6, 0.5), slow.session_id: ResumedRun(3, "slow", 6, 0.5)}
    first, second = kept.requests(runs)
    assert (first.train_spec, first.run) == (TrainSpec(learning_rate=0.02), runs[fast.session_id])  # its run goes on
    assert (second.model_spec.alpha, second.run) == (0.1, ResumedRun(4, "slow", 6, 0.0))  # a new run, its label
    for request, snap in zip((first, second), snaps, strict=True):
        np.testing.assert_array_equal(request.start.params, snap.params)
    assert kept.waiting() == set()


def test_an_edit_while_training_starts_again_is_refused_in_words():
    _, kept, members, _ = _kept_with_two_models()
    kept.hold()
    kept.requests({})
    kept.give_back()  # the new process is being started with these
    assert kept.remove(members[0].session_id) == RESTARTING
    assert kept.set_model_spec(members[0].session_id, ModelSpec(hidden_layer_sizes=(2,))) == RESTARTING
    assert kept.members == members


def test_two_models_in_one_colour_each_keep_their_own_weights_over_a_restart_and_a_second_death():
    manager = Manager()
    kept = KeptMembers(manager)
    slow, fast = _snapshot(6, 1), _snapshot(9, 2)
    members = [  # a file written before each model got a colour of its own could bring such twins back
        Member(slow.session_id, "η 0.001", "#e69f00", MODEL, TRAIN, 1, "η 0.001"),
        Member(fast.session_id, "η 8", "#e69f00", MODEL, TRAIN, 2, "η 8"),
    ]
    manager.membersChanged.emit(members)
    manager.memberSnapshot.emit(slow)
    manager.memberSnapshot.emit(fast)
    kept.hold()  # the process died
    kept.requests({})
    kept.give_back()
    manager.groupReplaced.emit()
    # the new process lists them in the order given, under new ids, then dies before their first snapshots
    manager.membersChanged.emit([m._replace(session_id=m.session_id + 100) for m in members])
    kept.hold()
    asked = kept.requests({})
    assert [(r.name, r.start.epoch) for r in asked] == [("η 0.001", 6), ("η 8", 9)]
    assert np.array_equal(asked[0].start.params, slow.params)
    assert np.array_equal(asked[1].start.params, fast.params)


def test_a_model_added_while_no_process_runs_is_named_on_one_line_and_unlike_the_others():
    _, kept, _, _ = _kept_with_two_models()
    kept.hold()
    kept.main_settings = lambda: (MODEL, TRAIN, 9)
    assert kept.add(None, None, None, "#cc79a7", "slow\nand\tsteady") == (
        "“slow and steady” starts training when training starts again."
    )
    kept.remove(kept.members[-1].session_id)
    kept.add(None, None, None, "#cc79a7", " slow ")  # a lesson label another model has, blanks around it
    added = kept.members[-1]
    assert (added.name, added.label) == ("slow (2)", "slow")
    saved = kept.saved(make("moons", 60, 0.1, seed=0))
    assert [m.name for m in saved] == ["Run 2", "slow", "slow (2)"]


def test_a_new_architecture_while_no_process_runs_names_the_run_as_the_live_group_would():
    """Two models added under one label are "lr 0.1" and "lr 0.1 (2)", one labelled as the main model's run is "Run 1
    (2)"; each given a new architecture, the live group names its new run by its label, told apart from the other
    models, and takes it from the runs that ended (the run table lists them on, renamed "lr 0.1 (1)"). The window's
    copy, given the same edits while no process runs, names them alike: never two models under one name, nor one
    under the main run's or a run listed, so that a Save and the recovery file keep them."""
    dataset = make("moons", 60, 0.1, seed=0)
    group = SessionGroup(TrainingSession(dataset, MODEL, TRAIN, seed=0))
    for label in ("lr 0.1", "lr 0.1", "Run 1"):
        group.add_member(name=label)
    group.step(2)
    told = list(ListMembers().apply(group).members)
    assert [m.name for m in told] == ["lr 0.1", "lr 0.1 (2)", "Run 1 (2)"]

    manager = Manager()
    manager.next_run_id = 5  # after the group's four runs
    listed = {info.run_id: info.name for info in group.run_info().values()}  # all trained: the table keeps them
    manager.names_listed = lambda: listed
    manager.runEvent.connect(lambda renamed: listed.__setitem__(renamed.run_id, renamed.name))  # the run table
    kept = KeptMembers(manager)
    kept.main_run_name = lambda: "Run 1"  # the main model's run, as the run table lists it
    manager.membersChanged.emit(told)
    kept.hold()  # the process died
    for index, names in zip(
        (1, 2, 0),
        (
            ("lr 0.1", "lr 0.1 (3)", "Run 1 (2)"),
            ("lr 0.1", "lr 0.1 (3)", "Run 1 (3)"),
            ("lr 0.1", "lr 0.1 (3)", "Run 1 (3)"),  # its label, taken from its run that ended, now "lr 0.1 (1)"
        ),
        strict=True,
    ):
        wider = ModelSpec(hidden_layer_sizes=(7 + index,))
        group.set_member_model_spec(told[index].session_id, wider)
        kept.set_model_spec(told[index].session_id, wider)
        live = [m.name for m in ListMembers().apply(group).members]
        assert [m.name for m in kept.members] == live == list(names)
    assert sorted(n for n in listed.values() if n.startswith("lr")) == ["lr 0.1 (1)", "lr 0.1 (2)"]
    check_members(kept.saved(dataset), "Run 1")  # raises when a session file would be refused


def test_a_model_added_while_no_process_runs_is_not_called_as_the_main_models_run():
    _, kept, _, _ = _kept_with_two_models()
    kept.hold()
    kept.main_settings = lambda: (MODEL, TRAIN, 9)
    kept.main_run_name = lambda: "fast"
    assert kept.add(None, None, None, "#cc79a7", "fast") == "“fast (2)” starts training when training starts again."
    assert kept.add(None, None, None, "#d55e00", "slow") == "“slow (2)” starts training when training starts again."
    check_members(kept.saved(make("moons", 60, 0.1, seed=0)), "fast")


def test_a_model_an_undo_gives_back_while_no_process_runs_goes_on_from_its_runs_end_on_that_run():
    """A lesson opened while the process was alive, undone once it died: the model comes back with the whole state
    its run's record kept (not from its settings), and its run's row trains again; the next process gets it so."""
    _manager, kept, members, _ = _kept_with_two_models()
    kept.hold()
    kept.remove(members[0].session_id)
    session = TrainingSession(make("moons", 60, 0.1, seed=0), MODEL, TRAIN, seed=1)
    session.step(9)
    record = record_from_session(session, 2, "Run 2", wall_time=1.5, keep_payload=True, colour="#009e73")
    record.session_id = None
    said = kept.bring_back(members[0], record)
    assert said == "“Run 2” is back at epoch 9; it trains on when training starts again."
    back = kept.members[-1]
    assert (back.name, back.colour, back.model_spec, back.seed) == ("Run 2", "#009e73", MODEL, 1)
    assert back.session_id not in kept.waiting() and kept.runs_back() == {back.session_id: 2}
    _, start, run = _asked(kept.requests({back.session_id: ResumedRun(2, "Run 2", 9, 1.5)}))[-1]
    np.testing.assert_array_equal(start.params, session.network.params)
    assert start.epoch == 9 and run == ResumedRun(2, "Run 2", 9, 1.5)
    assert kept.give_back()[-1] == ("Run 2", 9)
