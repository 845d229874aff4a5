"""A compared model built again from its last snapshot (its training process died) is the same model: its weights
bit for bit, its epoch, units switched off and curves, its name and colour; it trains on from there, on the run it
was on (the same id, name and seconds trained), and a reset starts it as the original would have started."""

import numpy as np

from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.training.contract import ResumedRun
from model.training.group_contract import MemberSnapshots, RunFinished, RunLive
from model.training.requests import AddMember, ListMembers
from model.training.session import TrainingSession
from model.training.session_group import SessionGroup
from model.training.snapshot_start import SnapshotStart, finished_at
from model.training.specs import ModelSpec, TrainSpec

MLP = ModelSpec(hidden_layer_sizes=(6, 4))
SLOW, FAST = TrainSpec(learning_rate=0.03, batch_size=10), TrainSpec(learning_rate=0.3, batch_size=10)


def _data():
    X, y = make_dataset("moons", 80, 0.2, 0)
    return Dataset.from_arrays(X, y, test_fraction=0.25)


def _group_with_a_member(data):
    """A group whose member (its own seed, a label, a unit switched off) trained 12 epochs; its last snapshot."""
    group = SessionGroup(TrainingSession(data, MLP, SLOW, seed=5))
    seen: list = []
    group.subscribe(lambda event: seen.append(event) if isinstance(event, MemberSnapshots) else None)
    sid = group.perform(AddMember(MLP, FAST, seed=9, colour="#009e73", name="fast"))
    group.find(sid).set_units_off(frozenset({(1, 2)}))
    group.step(12)
    group.snapshot((-2.0, 2.0, -2.0, 2.0), 8)
    return group, seen[-1].snapshots[0]


def test_a_member_listed_says_what_builds_it_again():
    group, _ = _group_with_a_member(_data())
    (member,) = group.perform(ListMembers()).members
    assert (member.name, member.colour, member.seed, member.label) == ("fast", "#009e73", 9, "fast")
    assert (member.model_spec, member.train_spec) == (MLP, FAST)


def test_a_member_added_from_its_last_snapshot_is_the_same_model_and_trains_on():
    data = _data()
    old, last = _group_with_a_member(data)
    (member,) = old.perform(ListMembers()).members
    new = SessionGroup(TrainingSession(data, MLP, SLOW, seed=5))
    start = SnapshotStart.of(last)
    sid = new.perform(AddMember(member.model_spec, member.train_spec, member.seed, member.colour, member.label, start))
    rebuilt = new.find(sid)
    assert rebuilt is not None and rebuilt.epoch == 12 and rebuilt.seed == 9
    np.testing.assert_array_equal(rebuilt.network.params, last.params)
    assert rebuilt.units_off == frozenset({(1, 2)})
    assert list(rebuilt.history.arrays()["epoch"]) == list(last.curves["epoch"])
    (again,) = new.perform(ListMembers()).members
    assert (again.name, again.colour, again.label) == ("fast", "#009e73", "fast")
    new.step(3)
    assert rebuilt.epoch == 15 and not np.array_equal(rebuilt.network.params, last.params)
    assert rebuilt.history.arrays()["epoch"][-1] == 15
    new.reset()  # from the same seed as the original: the same first weights
    original = TrainingSession(data, MLP, FAST, seed=9)
    np.testing.assert_array_equal(rebuilt.network.params, original.network.params)


def test_a_member_built_again_goes_on_with_its_run_and_later_runs_count_on():
    data = _data()
    old = SessionGroup(TrainingSession(data, MLP, SLOW, seed=5))
    seen: list = []
    old.subscribe(seen.append)
    old.perform(AddMember(MLP, FAST))
    old.step(4)
    old.snapshot()
    (member,) = old.perform(ListMembers()).members
    assert member.name == "Run 2" and member.label == ""
    last = [e for e in seen if isinstance(e, MemberSnapshots)][-1].snapshots[0]

    new = SessionGroup(TrainingSession(data, MLP, SLOW, seed=5), first_run=3)
    heard: list = []
    new.subscribe(heard.append)
    run = ResumedRun(2, "Run 2", int(last.epoch), 1.5)
    sid = new.perform(
        AddMember(member.model_spec, member.train_spec, member.seed, member.colour, "", SnapshotStart.of(last), run)
    )
    info = new.run_info()[sid]
    assert (info.run_id, info.name, info.wall_time) == (2, "Run 2", 1.5)
    live = [e.record for e in heard if isinstance(e, RunLive)]
    assert (live[-1].run_id, live[-1].name, live[-1].epochs) == (2, "Run 2", 4)  # its row goes on
    # no run of its own was begun first, to be listed and dropped at once
    assert [e.record.run_id for e in heard if isinstance(e, RunFinished)] == []
    assert [record.run_id for record in live] == [2]  # its run only
    new.reset()  # a new run: numbered after those
    assert (new.run_info()[sid].run_id, new.run_info()[sid].name) == (4, "Run 4")


def test_a_member_that_cannot_stand_where_its_run_got_to_starts_a_new_one():
    data = _data()
    _, last = _group_with_a_member(data)
    new = SessionGroup(TrainingSession(data, MLP, SLOW, seed=5), first_run=3)
    run = ResumedRun(2, "fast", int(last.epoch) + 3, 0.5)  # the run had got further than the snapshot
    sid = new.perform(AddMember(MLP, FAST, 9, "#009e73", "fast", SnapshotStart.of(last), run))
    assert new.run_info()[sid].run_id != 2 and new.run_info()[sid].name == "fast"


def test_weights_of_another_network_are_left_out():
    data = _data()
    _, last = _group_with_a_member(data)
    new = SessionGroup(TrainingSession(data, MLP, SLOW, seed=5))
    wider = ModelSpec(hidden_layer_sizes=(8,))
    sid = new.perform(AddMember(wider, FAST, 9, "#009e73", "", SnapshotStart.of(last)))
    rebuilt = new.find(sid)
    assert rebuilt is not None and rebuilt.epoch == 0 and rebuilt.model_spec == wider


def test_a_branch_built_again_still_says_what_it_was_branched_from():
    data = _data()
    _, last = _group_with_a_member(data)
    new = SessionGroup(TrainingSession(data, MLP, SLOW, seed=5), first_run=4)
    heard: list = []
    new.subscribe(heard.append)
    run = ResumedRun(3, "Run 1 from epoch 5", int(last.epoch), 0.2, parent_id=1, branch_epoch=5)
    sid = new.perform(AddMember(MLP, FAST, 9, "#009e73", "", SnapshotStart.of(last), run))
    record = [e.record for e in heard if isinstance(e, RunLive)][-1]
    assert (record.run_id, record.name, record.parent_id, record.branch_epoch) == (3, "Run 1 from epoch 5", 1, 5)
    info = new.run_info()[sid]  # what the window keeps of it, to end its run itself should the process die
    assert (info.run_id, info.parent_id, info.branch_epoch) == (3, 1, 5)
    new.announce_runs()  # told again to a window listening late (a new process's): still a branch
    assert [(e.record.parent_id, e.record.branch_epoch) for e in heard if isinstance(e, RunLive)][-1] == (1, 5)
    new.remove_member(sid)  # ended (a lesson opened): its finished row still says where it was branched from
    ended = [e.record for e in heard if isinstance(e, RunFinished)][-1]
    assert (ended.run_id, ended.parent_id, ended.branch_epoch, ended.live) == (3, 1, 5, False)
    # ended by the window at its last snapshot (the process died before telling the end): a branch too
    settings, run_told = (MLP, FAST, 9), (3, "Run 1 from epoch 5", 0.2, "#009e73")
    at_snapshot = finished_at(last, data, 0, settings, run_told, (info.parent_id, info.branch_epoch))
    assert at_snapshot is not None and (at_snapshot.parent_id, at_snapshot.branch_epoch) == (1, 5)
