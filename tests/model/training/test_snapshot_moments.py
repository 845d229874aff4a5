"""Moments kept from snapshots outlive the session that made them: a session rebuilt at the last snapshot, and a
group that adopts it, show every kept epoch with its weights bit for bit, and a branch from one trains on."""

import numpy as np

from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.training.contract import ResumedRun
from model.training.requests import AdoptState
from model.training.runs import RunTable
from model.training.session import TrainingSession
from model.training.session_group import SessionGroup
from model.training.snapshot_moments import SnapshotMoment, carry_timeline, describes
from model.training.specs import ModelSpec, TrainSpec
from model.training.timeline import Timeline

MODEL = ModelSpec(hidden_layer_sizes=(5, 4))
TRAIN = TrainSpec(optimizer="adam", learning_rate=0.02, batch_size=16)


def _data() -> Dataset:
    X, y = make_dataset("moons", 80, 0.2, 0)
    return Dataset.from_arrays(X, y, test_fraction=0.25, seed=0)


def _kept_run(data: Dataset, chunks=(1, 2, 3, 5, 4)) -> tuple[Timeline, list]:
    """A session trained in chunks, a snapshot after each, recorded as the window records them."""
    session = TrainingSession(data, MODEL, TRAIN, seed=4)
    rng = np.random.default_rng(4).bit_generator.state
    kept, snaps = Timeline(), []
    for n in (0, *chunks):
        session.step(n) if n else None
        snap = session.snapshot()
        snaps.append(snap)
        moment = SnapshotMoment(snap, data, MODEL, TRAIN, rng)
        kept.restart(moment) if kept.last is None else kept.record(moment, snap.train_loss)
    return kept, snaps


def _rebuilt(data: Dataset, last) -> TrainingSession:
    """What the window rebuilds from the last snapshot when the training process died."""
    session = TrainingSession(data, MODEL, TRAIN, seed=4)
    state = session.training_state()
    state["params"], state["epoch"] = np.asarray(last.params), int(last.epoch)
    session.restore_training_state(state)
    return session


def test_a_rebuilt_session_adopted_by_a_new_group_shows_every_kept_epoch_bit_for_bit():
    data = _data()
    kept, snaps = _kept_run(data)
    rebuilt = _rebuilt(data, snaps[-1])
    assert carry_timeline(rebuilt, kept) == 0

    group = SessionGroup(TrainingSession(data, MODEL, TRAIN, seed=4))  # the new process's group, at epoch 0
    AdoptState(rebuilt, 7).apply(group)
    assert group.epoch == snaps[-1].epoch
    for snap in snaps:
        moment = group.moment(group.session_id, snap.epoch)
        assert moment is not None and moment.epoch == snap.epoch
        np.testing.assert_array_equal(moment.params, snap.params)
    group.step(3)  # the run goes on, and its new epochs are recorded after the kept ones
    assert group.primary.timeline.last.epoch == snaps[-1].epoch + 3
    assert group.primary.timeline.first.epoch == 0

    branch = group.branch(group.session_id, snaps[2].epoch)  # from a kept moment: its weights, a fresh optimizer
    np.testing.assert_array_equal(branch.network.params, snaps[2].params)
    branch.step(2)
    assert branch.epoch == snaps[2].epoch + 2 and np.all(np.isfinite(branch.network.params))


def test_a_group_adopting_the_run_under_way_goes_on_with_it_and_numbers_on_after_it():
    """The window's table lists Run 1 (finished) and Run 2 (under way when the process died); the new group,
    told to number on from 3, goes on with Run 2 where it got to: the same row, its seconds kept, its epochs
    growing; a Reset then starts Run 3 (the number the group first took is given back)."""
    data = _data()
    _kept, snaps = _kept_run(data)
    last = snaps[-1]
    table = RunTable()

    def listen(event):
        if getattr(event, "record", None) is not None:
            table.upsert(event.record)

    group = SessionGroup(TrainingSession(data, MODEL, TRAIN, seed=4), first_run=3)
    group.subscribe(listen)
    AdoptState(_rebuilt(data, last), 7, ResumedRun(2, "Run 2", int(last.epoch), 1.5)).apply(group)
    assert [(r.run_id, r.name, r.epochs, r.wall_time, r.live) for r in table] == [(2, "Run 2", last.epoch, 1.5, True)]
    group.step(4)
    info = group.run_info()[group.session_id]
    assert (info.run_id, info.name, info.wall_time > 1.5) == (2, "Run 2", True)
    group.reset()
    assert [(r.run_id, r.name, r.epochs, r.live) for r in table] == [
        (2, "Run 2", last.epoch + 4, False),
        (3, "Run 3", 0, True),
    ]


def test_a_group_adopting_a_session_that_is_not_where_the_run_had_got_to_starts_a_new_run():
    data = _data()
    _kept, snaps = _kept_run(data)
    group = SessionGroup(TrainingSession(data, MODEL, TRAIN, seed=4), first_run=3)
    AdoptState(_rebuilt(data, snaps[-1]), 7, ResumedRun(2, "Run 2", int(snaps[-1].epoch) + 5, 1.5)).apply(group)
    assert group.run_info()[group.session_id].run_id == 3  # a run resumes only where it had got to


def test_nothing_is_carried_from_a_past_of_another_network_or_of_no_earlier_epoch():
    data = _data()
    kept, _ = _kept_run(data)
    other = TrainingSession(data, ModelSpec(hidden_layer_sizes=(3,)), TRAIN, seed=4)
    other.step(20)
    assert carry_timeline(other, kept) is None and other.timeline is None
    at_start = TrainingSession(data, MODEL, TRAIN, seed=4)
    assert carry_timeline(at_start, kept) is None


def test_a_snapshot_is_described_by_the_settings_it_was_trained_with_only():
    data = _data()
    _, snaps = _kept_run(data, chunks=(2,))
    assert describes(snaps[-1], data, MODEL)
    assert not describes(snaps[-1], data, ModelSpec(hidden_layer_sizes=(5, 3)))
    assert not describes(snaps[-1], data, ModelSpec(hidden_layer_sizes=(5, 4), activation="relu"))
    assert not describes(snaps[-1], data, ModelSpec(kind="logistic"))
