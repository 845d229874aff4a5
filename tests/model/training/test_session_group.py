"""Side by side: models trained in turn by one thread reach exactly what each reaches alone."""

import numpy as np
import pytest

from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.training.group_contract import MemberSnapshots, RunLive, RunRenamed
from model.training.runs import RunTable
from model.training.session import TrainingSession
from model.training.session_group import MAX_MODELS, SessionGroup
from model.training.specs import ModelSpec, TrainSpec


def _data(name="moons"):
    X, y = make_dataset(name, 80, 0.2, 0)
    return Dataset.from_arrays(X, y, test_fraction=0.25)


MLP = ModelSpec(hidden_layer_sizes=(6, 4))
SLOW, FAST = TrainSpec(learning_rate=0.03, batch_size=10), TrainSpec(learning_rate=0.3, batch_size=10)


def _group(**kw):
    events = []
    snaps = []

    def listen(event):
        if isinstance(event, MemberSnapshots):
            snaps.append((event.snapshots, event.run_info))
        elif isinstance(event, RunRenamed):
            events.append(("renamed", (event.run_id, event.name)))
        else:
            events.append(("started" if isinstance(event, RunLive) else "finished", event.record))

    group = SessionGroup(TrainingSession(_data(), MLP, SLOW, seed=5), subscribers=[listen], **kw)
    return group, events, snaps


def test_side_by_side_reaches_the_same_weights_as_alone():
    group, events, snaps = _group()
    fast = group.add_member(train_spec=FAST)
    perceptron = group.add_member(model_spec=ModelSpec(kind="perceptron"), seed=2)
    for chunk in (3, 17, 80):
        group.step(chunk)
    alone = {}
    for key, (model, train, seed) in {
        "slow": (MLP, SLOW, 5),
        "fast": (MLP, FAST, 5),
        "perceptron": (ModelSpec(kind="perceptron"), SLOW, 2),
    }.items():
        s = TrainingSession(_data(), model, train, seed=seed)
        s.step(100)
        alone[key] = s.network.params
    assert np.array_equal(group.primary.network.params, alone["slow"])
    assert np.array_equal(fast.network.params, alone["fast"])
    assert np.array_equal(perceptron.network.params, alone["perceptron"])
    assert not np.array_equal(alone["slow"], alone["fast"])
    # the group shows the primary's facts
    assert group.epoch == 100 and group.session_id == group.primary.session_id
    snap = group.snapshot((-2, 2, -2, 2), 8)
    assert snap.session_id == group.primary.session_id
    members, info = snaps[-1]
    assert [m.session_id for m in members] == [fast.session_id, perceptron.session_id]
    assert members[0].grid.shape == (8, 8)
    assert set(info) == {s.session_id for s in group.sessions}
    assert info[fast.session_id].wall_time > 0 and info[group.primary.session_id].primary
    assert [ev for ev, _ in events] == ["started"] * 3


def test_at_most_four_models():
    group, _, _ = _group()
    for _ in range(MAX_MODELS - 1):
        group.add_member()
    with pytest.raises(ValueError, match="at most 4"):
        group.add_member()


def test_reset_and_data_edits_act_on_all_and_end_runs():
    group, events, _ = _group()
    member = group.add_member(train_spec=FAST)
    group.step(20)
    events.clear()
    group.reset()
    assert group.primary.epoch == 0 and member.epoch == 0
    finished = [rec for ev, rec in events if ev == "finished"]
    assert len(finished) == 2 and all(r.restorable and r.epochs == 20 for r in finished)
    group.step(5)
    edited = group.primary.dataset.without([0])
    events.clear()
    group.set_dataset(edited, 7)
    assert member.dataset is edited and member.epoch == 5 and events == []  # weights kept, runs go on
    X, y = make_dataset("blobs", 60, 0.2, 0, n_classes=3)
    group.set_dataset(Dataset.from_arrays(X, y), 8)  # three classes: new networks, new runs
    assert [ev for ev, _ in events] == ["finished", "started"] * 2


def test_member_settings_are_their_own():
    group, _events, _ = _group()
    member = group.add_member()
    group.set_member_train_spec(member.session_id, FAST)
    assert member.train_spec == FAST and group.primary.train_spec == SLOW
    group.set_train_spec(TrainSpec(learning_rate=0.1))
    assert member.train_spec == FAST
    group.set_member_model_spec(member.session_id, ModelSpec(kind="logistic"))
    assert member.network.layer_sizes == (2, 1)
    group.remove_member(member.session_id)
    assert group.members == []


def test_moment_branch_landscape_restore():
    group, events, _ = _group()
    group.step(60)
    final = group.primary.network.params.copy()
    moment = group.moment(group.primary.session_id, 25, (-2, 2, -2, 2), 6)
    twin = TrainingSession(_data(), MLP, SLOW, seed=5)
    twin.step(25)
    assert moment.epoch == 25 and np.array_equal(moment.params, twin.network.params)
    assert moment.train_loss == twin.train_loss and moment.grid.shape == (6, 6)
    assert moment.curves["epoch"][-1] == 25
    child = group.branch(group.primary.session_id, 25)
    assert child in group.members and child.epoch == 25
    group.step(35)  # the primary goes to 95, the branch to 60
    assert np.array_equal(child.network.params, final)  # unchanged settings: bit for bit
    started = [rec for ev, rec in events if ev == "started"]
    assert started[-1].parent_id == started[0].run_id and started[-1].branch_epoch == 25
    land = group.landscape(child.session_id, "pca", size=5)
    assert land.center_loss == child.train_loss and land.session_id == child.session_id
    group.reset()
    record = next(rec for ev, rec in events if ev == "finished" and rec.run_id == started[0].run_id)
    restored = group.restore(record)
    assert restored.epoch == 95 and restored in group.members


def test_branch_from_the_present_of_a_long_run():
    group, _, _ = _group()
    group.primary.timeline.every = 64  # as after a long run: only every 64th epoch is recorded
    group.step(100)
    assert group.primary.timeline.last.epoch == 64
    child = group.branch(group.primary.session_id, 100)
    assert child.epoch == 100 and np.array_equal(child.network.params, group.primary.network.params)


def test_model_edits_before_any_training_leave_one_run_in_the_table():
    """Every architecture edit ends a run: one that never trained leaves no row, and its number and name go on
    with the next run (the table does not fill with 0-epoch runs, nor do the names climb with every edit)."""
    table = RunTable()
    group = SessionGroup(
        TrainingSession(_data(), MLP, SLOW, seed=5),
        subscribers=[lambda e: getattr(e, "record", None) and table.upsert(e.record)],
    )
    for hidden in ((7,), (8,), (9, 3)):
        group.set_model_spec(ModelSpec(hidden_layer_sizes=hidden))
    group.reset()
    assert [(r.run_id, r.name, r.live, r.model_spec.hidden) for r in table] == [(1, "Run 1", True, (9, 3))]
    group.step(10)
    group.set_model_spec(MLP)
    assert [(r.name, r.live, r.epochs) for r in table] == [("Run 1", False, 10), ("Run 2", True, 0)]
    member = group.add_member()
    group.set_member_model_spec(member.session_id, ModelSpec(kind="logistic"))
    assert [r.name for r in table] == ["Run 1", "Run 2", "Run 3"]
    group.remove_member(member.session_id)  # it never trained: its row goes with it
    assert [r.name for r in table] == ["Run 1", "Run 2"]
    group.step(3)
    child = group.branch(group.primary.session_id, 3)
    assert table.get(group.run_id(child.session_id)).name == "Run 2 from epoch 3"


def test_a_member_added_with_a_name_keeps_it_after_a_reset_and_others_count_on():
    group, events, _snaps = _group()
    slow = group.add_member(train_spec=SLOW, name="η 0.03")
    first = group.run_id(slow.session_id)
    copy = group.add_member()
    group.step(2)
    group.reset()  # every run ends, and a new one starts for each model
    names = {sid: info.name for sid, info in group.run_info().items()}
    assert names[slow.session_id] == "η 0.03"  # its label, as a lesson's text calls it
    assert ("renamed", (first, "η 0.03 (1)")) in events  # its run that ended (listed on) steps aside
    assert names[copy.session_id].startswith("Run ") and names[group.primary.session_id].startswith("Run ")
    group.remove_member(slow.session_id)
    again = group.add_member()
    group.reset()
    assert group.run_info()[again.session_id].name.startswith("Run ")  # the name went with its model


def test_a_run_listed_by_the_window_steps_aside_for_a_lessons_model_and_a_run_going_on_keeps_its_name():
    """The window lists runs of a group before this one (its process died, a file was opened): a lesson's model added
    under one of their names takes it (the lesson's text calls it so), the run listed is told apart, "(1)"; a
    second live model under the label is told apart from the first; a run going on in this group keeps its name."""
    from model.training.contract import ResumedRun

    group, events, _ = _group()
    group.keep_names({7: "η 0.03", 8: "Run 8"})
    added = group.add_member(train_spec=SLOW, name="η 0.03")
    assert group.run_info()[added.session_id].name == "η 0.03"
    assert ("renamed", (7, "η 0.03 (1)")) in events
    back = group.add_member(train_spec=SLOW, name="η 0.03")
    assert group.run_info()[back.session_id].name == "η 0.03 (2)"  # a live model has the label: told apart
    assert group.resume_run(ResumedRun(7, "η 0.03 (1)", 0, 0.0), back)
    assert group.run_info()[back.session_id].name == "η 0.03 (1)"
    assert [e for e in events if e[0] == "renamed"] == [("renamed", (7, "η 0.03 (1)"))]


def test_a_model_asked_for_in_another_models_colour_gets_the_first_free_one():
    group, _, _ = _group()
    first = group.add_member(train_spec=FAST, colour="#E69F00", name="η 0.001")
    second = group.add_member(train_spec=SLOW, colour="#e69f00", name="η 8")
    branched = group.branch(first.session_id, 0, colour="#E69F00")
    colours = [info.colour for sid, info in group.run_info().items() if sid != group.primary.session_id]
    assert colours == ["#E69F00", "#009E73", "#CC79A7"]
    group.remove_member(second.session_id)
    group.remove_member(branched.session_id)
    third = group.add_member(colour="#E69F00")  # the colours of the models removed are free again
    assert group.run_info()[third.session_id].colour == "#009E73"


def test_members_taken_away_and_brought_back_go_on_with_their_runs_bit_for_bit():
    """``RemoveMembers`` then ``BringBackMember`` (an edit replacing the compared models, undone): each model goes on
    with its run (same number, name, colour) as if never taken away; one brought back while the primary is on
    data of another shape keeps its own until the primary's data comes back."""
    from model.training.group_contract import Member
    from model.training.requests import BringBackMember, RemoveMembers

    group, events, _ = _group()
    fast = group.add_member(train_spec=FAST, name="fast", colour="#E69F00")
    twin = TrainingSession(_data(), MLP, FAST, seed=5)
    group.step(20)
    twin.step(20)
    member = Member(fast.session_id, "fast", "#E69F00", MLP, FAST, 5, "fast")
    assert RemoveMembers().apply(group) == 1 and group.members == []
    record = next(rec for ev, rec in events if ev == "finished" and rec.session_id is None and rec.name == "fast")
    data, blobs = group.primary.dataset, _data("blobs")
    group.set_dataset(Dataset.from_arrays(blobs.X, np.arange(len(blobs.X)) % 3))  # three classes: another shape
    back = group.find(BringBackMember(member, record).apply(group))
    assert back is not None and back.dataset.n_classes == 2 and back.epoch == 20
    group.set_dataset(data)  # the undo's data arrives
    group.step(10)
    twin.step(10)
    assert np.array_equal(back.network.params, twin.network.params)
    info = group.run_info()[back.session_id]
    assert (info.run_id, info.name, info.colour) == (record.run_id, "fast", "#E69F00")
