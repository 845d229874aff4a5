"""The training session in a child process: the contract (``model.training.contract``) kept by the proxy as by
a local session, every request and group event round-tripped through a real child, the worker driving it, the
child's death reported as a typed event (never a hang), and shutdown leaving no process behind.

Each child process takes ~1 s to start, so the tests share few of them.
"""

from __future__ import annotations

import inspect
import multiprocessing
import os
import signal
import time
from dataclasses import replace

import numpy as np
import pytest

from gui.training.session_process import (
    SESSION_ID_BLOCK,
    GroupProxy,
    RemoteTraceback,
    SessionProcessDied,
    SessionProxy,
    process_session_factory,
)
from gui.training.training_controller import TrainingController
from model.data.generators import make
from model.inside.landscape import Landscape
from model.inside.step_phases import StepPhases
from model.nn.perceptron_rule import PerceptronUpdate
from model.storage.session_files import load_session
from model.training import requests
from model.training.contract import ChunkDone, SessionError, SessionProcessEnded, StepResult, Trainable
from model.training.group_contract import (
    Member,
    MembersAnswer,
    MemberSnapshots,
    Moment,
    RunFinished,
    RunLive,
    TrainableGroup,
)
from model.training.session import TrainingSession
from model.training.session_group import MAX_MODELS, SessionGroup
from model.training.session_server import make_group
from model.training.snapshot import Snapshot
from model.training.specs import ModelSpec, TrainSpec

GRID = ((-7.0, 7.0, -7.0, 7.0), 30)
MODEL = ModelSpec(hidden_layer_sizes=(4,))
TRAIN = TrainSpec(optimizer="adam", learning_rate=0.03, dtype="float64")


@pytest.fixture(scope="module")
def blobs():
    return make("blobs", n_samples=120, noise=0.1, seed=1, n_classes=2)


def _members_of(protocol) -> list[str]:
    return sorted(name for name in dir(protocol) if not name.startswith("_"))


def test_the_protocol_is_kept_by_the_local_session_the_group_and_both_proxies(blobs):
    """Every member of ``Trainable`` (``TrainableGroup``) exists on each, a fact as a value (a property, or an
    attribute of the instance), and each method takes the parameters the protocol names: the worker and the
    bridge cannot tell them apart."""
    local = TrainingSession(blobs, MODEL, TRAIN, seed=3)
    group = make_group(blobs, MODEL, TRAIN, 3)
    for cls, instance, protocol in (
        (TrainingSession, local, Trainable),
        (SessionGroup, group, TrainableGroup),
        (SessionProxy, None, Trainable),
        (GroupProxy, None, TrainableGroup),
    ):
        for name in _members_of(protocol):
            wanted = getattr(protocol, name)
            have = inspect.getattr_static(cls, name, None)
            if isinstance(wanted, property):
                assert isinstance(have, property) or (
                    have is None and instance is not None and not callable(getattr(instance, name))
                ), f"{cls.__name__}.{name} is not a value"
                continue
            assert callable(have), f"{cls.__name__} lacks {name}()"
            expected = list(inspect.signature(wanted).parameters)
            assert list(inspect.signature(have).parameters)[: len(expected)] == expected, (cls.__name__, name)
    assert isinstance(local, Trainable) and isinstance(group, TrainableGroup)
    assert {"perform", "step", "snapshot", "epoch"} <= set(_members_of(Trainable))
    assert "subscribe" in _members_of(TrainableGroup)


def test_every_request_and_group_event_round_trips_through_the_child(blobs, tmp_path):
    """The same requests, in the same order, to a group here and a group in a child process: the answers are
    equal (ids up to the child's block), their types are the contract's, and the events are the same."""
    here = make_group(blobs, MODEL, TRAIN, 3, member_grid_cap=10, primary_colour="#0072b2")
    there = GroupProxy(blobs, MODEL, TRAIN, 3, member_grid_cap=10, primary_colour="#0072b2")
    try:
        assert there.alive and there.epoch == 0 and there.data_version == 0
        assert there.session_id > SESSION_ID_BLOCK  # each child numbers its sessions from a block of its own
        events: dict = {"here": [], "there": []}
        here.subscribe(events["here"].append)
        there.subscribe(events["there"].append)

        def same_id(a, b):
            return a - here.session_id == b - there.session_id

        done = set()

        def ask(request, kind, request_there=None):
            """``request`` here, ``request_there`` (or the same) in the child; both answers of type ``kind``."""
            done.add(type(request).__name__)
            a, b = here.perform(request), there.perform(request_there or request)
            assert isinstance(a, kind) and isinstance(b, kind), (request, type(b))
            return a, b

        a, b = ask(requests.Step(7), StepResult)
        assert a == b and there.epoch == 7
        a, b = ask(requests.TakeSnapshot(*GRID), Snapshot)
        np.testing.assert_array_equal(a.params, b.params)
        np.testing.assert_array_equal(a.grid, b.grid)
        a, b = ask(requests.TrainChunk(3, GRID), ChunkDone)  # a chunk with its snapshot, in one request
        assert a.result == b.result and b.snapshot.epoch == there.epoch == 10
        np.testing.assert_array_equal(a.snapshot.grid, b.snapshot.grid)
        a, b = ask(requests.TrainChunk(2, None, (99, 0)), ChunkDone)  # not where it expected the session
        assert a.skipped and b.skipped and there.epoch == 10
        a, b = ask(requests.AddMember(colour="#009e73"), int)
        assert same_id(a, b)
        member_here, member_there = a, b
        a, b = ask(requests.ListMembers(GRID), MembersAnswer)
        assert [m.colour for m in a.members] == [m.colour for m in b.members] == ["#009e73"]
        assert b.snapshots[0].grid.shape[-1] <= 10  # the members' grid cap, set in the child
        assert b.run_info[there.session_id].colour == "#0072b2"
        fast, penalised = replace(TRAIN, learning_rate=0.3), replace(MODEL, alpha=0.01)
        ask(requests.SetMemberTrainSpec(member_here, fast), type(None), requests.SetMemberTrainSpec(member_there, fast))
        ask(
            requests.SetMemberModelSpec(member_here, penalised),
            type(None),
            requests.SetMemberModelSpec(member_there, penalised),
        )
        ask(requests.SetTrainSpec(replace(TRAIN, learning_rate=0.05)), type(None))
        a, b = ask(requests.SetUnitsOff(frozenset({(1, 0)})), frozenset)
        assert a == b == {(1, 0)}
        ask(requests.Step(5), StepResult)
        a, b = ask(requests.MomentAt(here.session_id, 4, GRID), Moment, requests.MomentAt(there.session_id, 4, GRID))
        np.testing.assert_array_equal(a.snapshot.params, b.snapshot.params)
        assert a.train_spec == b.train_spec == TRAIN
        a, b = ask(requests.SinglePointStep((1.0, 2.0), 1), tuple)
        assert a == b
        epoch = there.epoch
        a, b = ask(requests.SlowStep((1.0, 2.0), 1), StepPhases)  # the slow step is taken where the session is
        np.testing.assert_array_equal(a.params_after_step, b.params_after_step)
        np.testing.assert_array_equal(a.grads, b.grads)
        assert (b.epoch_before, b.epoch_after) == (epoch, epoch + 1) and there.epoch == epoch + 1
        slow = b
        a, b = ask(requests.TakeSnapshot(None, 0), Snapshot)
        np.testing.assert_array_equal(b.params, slow.params_after_step)  # the step shown is the step taken
        a, b = ask(requests.Branch(here.session_id, 4), int, requests.Branch(there.session_id, 4))
        assert same_id(a, b)
        a, b = ask(
            requests.ComputeLandscape(here.session_id, "random", 5, 0),
            Landscape,
            requests.ComputeLandscape(there.session_id, "random", 5, 0),
        )
        np.testing.assert_array_equal(a.values, b.values)
        ask(requests.RemoveMember(member_here), type(None), requests.RemoveMember(member_there))
        ask(requests.Reset(), type(None))  # every run finishes, new ones start
        finished = [e.record for e in events["there"] if isinstance(e, RunFinished)]
        main_run = next(r for r in finished if r.model_spec == MODEL and r.epochs == epoch + 1)
        a, b = ask(requests.ResumeRun(main_run, 0), bool)  # the main model back where its run ended (an undo)
        assert a is b is True and there.epoch == epoch + 1
        a, b = ask(requests.RestoreRun(finished[0], colour="#e69f00"), int)  # its own colour, as the window gives
        assert same_id(a, b)
        a, b = ask(requests.RemoveMembers(), int)  # a lesson opened: the branch and the restored run leave
        assert a == b == 2
        taken = [[e.record for e in events[where] if isinstance(e, RunFinished)][-1] for where in ("here", "there")]
        member = Member(0, taken[0].name, "#cc79a7", taken[0].model_spec, taken[0].train_spec, taken[0].seed)
        a, b = ask(  # and its undo: one back on its run
            requests.BringBackMember(member, taken[0]), int, requests.BringBackMember(member, taken[1])
        )
        assert same_id(a, b)
        ask(requests.AnnounceRuns(), type(None))
        ask(requests.SetDataset(blobs.without([0]), 5), type(None))
        assert there.data_version == 5
        ask(requests.SetModelSpec(ModelSpec(kind="perceptron")), type(None))
        a, b = ask(requests.PerceptronSampleStep(), PerceptronUpdate)
        np.testing.assert_array_equal(a.delta_W, b.delta_W)
        # files: written where the session lives; a loaded one adopted there
        path = tmp_path / "s.session"
        a, b = ask(requests.SaveSession(str(path)), int)
        loaded, _view = load_session(str(path))
        ask(requests.AdoptState(loaded, 9), type(None))
        assert there.data_version == 9 and there.epoch == loaded.epoch
        assert done == set(requests.__all__)  # a new request needs its round trip here

        kinds = [type(e) for e in events["there"]]
        assert kinds == [type(e) for e in events["here"]]
        assert {MemberSnapshots, RunLive, RunFinished} <= set(kinds)
        assert [e.record.run_id for e in events["there"] if not isinstance(e, MemberSnapshots)] == [
            e.record.run_id for e in events["here"] if not isinstance(e, MemberSnapshots)
        ]
        # an exception in the child is raised here, with the child's traceback as its cause
        for _ in range(MAX_MODELS - 1 - len(there.perform(requests.ListMembers()).members)):
            there.perform(requests.AddMember())
        with pytest.raises(ValueError, match="at most 4") as caught:
            there.perform(requests.AddMember())
        assert isinstance(caught.value.__cause__, RemoteTraceback)
        assert "session_group.py" in str(caught.value.__cause__)
        with pytest.raises(AttributeError):
            there.perform("not a request")
        assert there.step(1).epochs_run == 1  # the loop goes on
    finally:
        there.close()
    assert not there.alive
    with pytest.raises(SessionProcessDied):
        there.step(1)
    there.close()  # twice: nothing


def test_a_killed_child_fails_the_next_request_at_once(blobs):
    proxy = SessionProxy("session", blobs, MODEL, TRAIN, 0)
    try:
        proxy.kill()
        t0 = time.perf_counter()
        with pytest.raises(SessionProcessDied, match="ended") as caught:
            proxy.step(1)
        assert time.perf_counter() - t0 < 2.0
        assert caught.value.exit_code is not None and caught.value.exit_code < 0  # killed by a signal
    finally:
        proxy.close()
    assert multiprocessing.active_children() == []


def test_a_failing_build_is_raised_here_and_leaves_no_process(blobs):
    with pytest.raises(KeyError):
        SessionProxy("no such builder")
    assert multiprocessing.active_children() == []  # joined before the error reached us


def _controller(qtbot, ds):
    c = TrainingController(ds, MODEL, TRAIN, seed=0, session_factory=process_session_factory)
    snaps = []
    c.snapshotReady.connect(snaps.append)
    return c, snaps


def test_the_worker_trains_a_session_in_a_child_and_shutdown_ends_it(qtbot, blobs):
    c, snaps = _controller(qtbot, blobs)
    try:
        qtbot.waitUntil(lambda: bool(snaps), timeout=15000)  # the window's "no snapshot yet" meanwhile
        c.set_grid_request(GRID)
        c.step(5)
        qtbot.waitUntil(lambda: snaps[-1].epoch == 5, timeout=5000)
        with qtbot.waitSignal(c.runningChanged, timeout=5000):
            c.play()
        qtbot.waitUntil(lambda: snaps[-1].epoch > 20, timeout=10000)
        with qtbot.waitSignal(c.runningChanged, timeout=5000):
            c.pause()
        epoch = snaps[-1].epoch
        reference = TrainingSession(blobs, MODEL, TRAIN, seed=0)
        reference.step(epoch)
        np.testing.assert_array_equal(snaps[-1].params, reference.snapshot().params)  # bit for bit
        children = multiprocessing.active_children()
        assert len(children) == 1
    finally:
        assert c.shutdown()
    assert not children[0].is_alive()
    assert multiprocessing.active_children() == []


def test_a_loaded_session_is_served_in_a_child_as_it_is(qtbot, blobs, tmp_path):
    """replace_session with the process factory: the loaded session itself trains on, in a new child."""
    c, snaps = _controller(qtbot, blobs)
    try:
        qtbot.waitUntil(lambda: bool(snaps), timeout=15000)
        loaded = TrainingSession(blobs, MODEL, TRAIN, seed=4)
        loaded.step(12)
        reference = TrainingSession(blobs, MODEL, TRAIN, seed=4)
        reference.step(15)
        c.replace_session(loaded, 3)
        qtbot.waitUntil(lambda: snaps[-1].data_version == 3, timeout=15000)
        assert snaps[-1].epoch == 12
        c.step(3)
        qtbot.waitUntil(lambda: snaps[-1].epoch == 15, timeout=5000)
        np.testing.assert_array_equal(snaps[-1].params, reference.network.params)
        qtbot.waitUntil(lambda: len(multiprocessing.active_children()) == 1, timeout=5000)  # the old one ended
    finally:
        assert c.shutdown()
    assert multiprocessing.active_children() == []


def test_the_childs_death_is_reported_as_a_typed_event_and_training_stops(qtbot, blobs, tmp_path):
    c, snaps = _controller(qtbot, blobs)
    failures = []
    c.failed.connect(failures.append)
    try:
        qtbot.waitUntil(lambda: bool(snaps), timeout=15000)
        with qtbot.waitSignal(c.runningChanged, timeout=5000):
            c.play()
        qtbot.waitUntil(lambda: snaps[-1].epoch > 5, timeout=10000)
        (child,) = multiprocessing.active_children()
        with qtbot.waitSignal(c.runningChanged, timeout=5000) as stopped:
            child.kill()
        assert stopped.args == [False]
        qtbot.waitUntil(lambda: bool(failures), timeout=5000)
        (failure,) = failures
        assert isinstance(failure, SessionProcessEnded) and not isinstance(failure, SessionError)
        assert failure.exit_code == -9  # SIGKILL
        assert "killed by SIGKILL" in failure.summary and "SessionProcessDied" in failure.traceback
        # later requests are ignored (no new failure each time), a save says the process ended (the window keeps
        # the work itself then)
        c.step(3)
        c.play()
        with pytest.raises(SessionProcessDied, match="training process ended"):
            c.save_session(tmp_path / "x.session")
        qtbot.wait(100)
        assert len(failures) == 1 and not c.running
    finally:
        assert c.shutdown()
    assert multiprocessing.active_children() == []


def test_a_child_that_dies_while_paused_is_reported_at_once_without_a_request(qtbot, blobs, tmp_path):
    c, snaps = _controller(qtbot, blobs)
    failures = []
    c.failed.connect(failures.append)
    try:
        qtbot.waitUntil(lambda: bool(snaps), timeout=15000)
        c.step(4)
        qtbot.waitUntil(lambda: snaps[-1].epoch == 4, timeout=5000)
        assert not c.running
        (child,) = multiprocessing.active_children()
        child.kill()  # paused: nothing is asked of the child, which only its end can reveal
        qtbot.waitUntil(lambda: bool(failures), timeout=3000)
        (failure,) = failures
        assert isinstance(failure, SessionProcessEnded) and failure.exit_code == -9
        assert "killed by SIGKILL" in failure.summary
        qtbot.wait(200)
        assert len(failures) == 1 and not c.running  # reported once
        with pytest.raises(SessionProcessDied, match="training process ended"):
            c.save_session(tmp_path / "x.session")
    finally:
        assert c.shutdown()
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("app", ["closes", "got SIGTERM too", "goes on"])
def test_a_child_ended_with_the_app_by_sigterm_is_not_logged_as_a_failure(qtbot, blobs, caplog, monkeypatch, app):
    """A logout sends SIGTERM to the whole process group: the child dies as the window closes on the same signal,
    and stderr got a "training failed: ... SessionProcessDied (exit code -15)" traceback. It is logged only when the
    app goes on a moment later (the child was ended alone)."""
    from PySide6.QtWidgets import QWidget

    from gui.files.close_on_signals import CloseOnSignals

    monkeypatch.setattr(TrainingController, "ENDED_WITH_THE_APP_GRACE_MS", 300)
    c, snaps = _controller(qtbot, blobs)
    failures = []
    c.failed.connect(failures.append)
    window = QWidget()  # what CloseOnSignals closes
    qtbot.addWidget(window)
    handler = CloseOnSignals(window)
    try:
        qtbot.waitUntil(lambda: bool(snaps), timeout=15000)
        (child,) = multiprocessing.active_children()
        child.terminate()
        qtbot.waitUntil(lambda: bool(failures), timeout=3000)
        assert failures[0].exit_code == -15  # the window is told (it offers a restart); the log waits
        if app == "closes":
            assert c.shutdown()
        elif app == "got SIGTERM too":
            os.kill(os.getpid(), signal.SIGTERM)
            qtbot.waitUntil(lambda: handler.received == [signal.SIGTERM], timeout=3000)
        qtbot.wait(600)
    finally:
        handler.uninstall()
        assert c.shutdown()
    logged = [r for r in caplog.records if "training failed" in r.getMessage()]
    assert len(logged) == (1 if app == "goes on" else 0)


def test_a_child_closed_on_purpose_is_no_death_to_report(qtbot, blobs):
    """A session replaced by a loaded one, and the worker's own shutdown, end their child: nothing is reported."""
    c, snaps = _controller(qtbot, blobs)
    failures = []
    c.failed.connect(failures.append)
    try:
        qtbot.waitUntil(lambda: bool(snaps), timeout=15000)
        c.replace_session(TrainingSession(blobs, MODEL, TRAIN, seed=2), 5)
        qtbot.waitUntil(lambda: snaps[-1].data_version == 5, timeout=15000)
        qtbot.waitUntil(lambda: len(multiprocessing.active_children()) == 1, timeout=5000)  # the old one ended
        qtbot.wait(300)
        assert failures == []
    finally:
        assert c.shutdown()
    qtbot.wait(100)
    assert failures == [] and multiprocessing.active_children() == []


def test_closing_while_the_child_starts_leaves_no_process(qtbot, blobs):
    c, _ = _controller(qtbot, blobs)
    assert c.shutdown()  # at once: the worker is still spawning the child
    for p in multiprocessing.active_children():
        p.join(2)
    assert multiprocessing.active_children() == []
