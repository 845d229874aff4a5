"""The training session in a child process: the proxy's round trips and callbacks, the worker driving it, the
child's death reported (never a hang), and shutdown leaving no process behind.

Each child process takes ~1 s to start, so the tests share few of them.
"""

from __future__ import annotations

import multiprocessing
import time

import numpy as np
import pytest

from gui.training.session_process import SESSION_ID_BLOCK, SessionProcessDied, SessionProxy, process_session_factory
from gui.training.training_controller import TrainingController
from model.data.generators import make
from model.training.session import TrainingSession
from model.training.session_server import run_command
from model.training.specs import ModelSpec, TrainSpec

GRID = ((-7.0, 7.0, -7.0, 7.0), 30)
MODEL = ModelSpec(hidden_layer_sizes=(4,))
TRAIN = TrainSpec(optimizer="adam", learning_rate=0.03, dtype="float64")


@pytest.fixture(scope="module")
def blobs():
    return make("blobs", n_samples=120, noise=0.1, seed=1, n_classes=2)


def test_proxy_round_trips_calls_attributes_errors_callbacks_and_commands(blobs, tmp_path):
    local = TrainingSession(blobs, MODEL, TRAIN, seed=3)
    group = SessionProxy("group", blobs, MODEL, TRAIN, 3, member_grid_cap=10, primary_colour="#0072b2")
    try:
        assert group.alive and group.epoch == 0
        assert group.session_id > SESSION_ID_BLOCK  # each child numbers its sessions from a block of its own
        events = []
        group.on_run = lambda event, record: events.append((event, record.run_id))
        group.on_snapshots = lambda snaps, info: events.append(
            ("snapshots", [s.session_id for s in snaps], sorted(info))
        )
        # a call and its answer; the epoch comes back with every reply; the same weights as here
        result = group.step(7)
        local.step(7)
        assert result.epochs_run == 7 and group.epoch == 7
        assert group.train_loss == pytest.approx(local.train_loss, rel=0, abs=0)
        assert group.data_version == 0 and group.task == "classification"
        # a command answered with a small value; the group's callback during it is replayed here, in order
        member = run_command(group, "add_member", None, None, None, colour="#009e73")
        assert member != group.session_id
        assert events == [("started", 2)]
        snap = group.snapshot(*GRID)
        np.testing.assert_array_equal(snap.params, local.snapshot(*GRID).params)
        assert events[-1] == ("snapshots", [member], sorted([group.session_id, member]))
        members, snaps, info = run_command(group, "members", None)
        assert [m[0] for m in members] == [member] and members[0][2] == "#009e73"
        assert snaps[0].grid.shape[-1] <= 10  # the members' grid cap, set in the child
        assert info[group.session_id]["colour"] == "#0072b2"
        # an exception in the child is raised here, with the child's traceback as its cause
        for _ in range(2):
            run_command(group, "add_member", None, None, None)
        with pytest.raises(ValueError, match="at most 4") as caught:
            run_command(group, "add_member", None, None, None)
        assert "session_group.py" in str(caught.value.__cause__)
        with pytest.raises(AttributeError):
            _ = group.no_such_thing
        with pytest.raises(AttributeError, match="explicit request"):
            group.colours = {}
        # a function that takes the session runs in the child: the file is written there
        path = tmp_path / "s.session"
        assert run_command(group, "save", "session", str(path), {}) == 7
        from model.storage.session_files import load_session

        loaded, _view = load_session(str(path))
        assert loaded.epoch == 7
        np.testing.assert_array_equal(loaded.network.params, local.network.params)
    finally:
        group.close()
    assert not group.alive
    with pytest.raises(SessionProcessDied):
        group.step(1)
    group.close()  # twice: nothing


def test_a_killed_child_fails_the_next_request_at_once(blobs):
    proxy = SessionProxy("session", blobs, MODEL, TRAIN, 0)
    try:
        proxy.kill()
        t0 = time.perf_counter()
        with pytest.raises(SessionProcessDied, match="ended"):
            proxy.step(1)
        assert time.perf_counter() - t0 < 2.0
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


def test_the_childs_death_is_reported_by_failed_and_training_stops(qtbot, blobs, tmp_path):
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
        assert "SessionProcessDied" in failures[0]
        # later requests are ignored (no new failure each time), a save says there is no session
        c.step(3)
        c.play()
        with pytest.raises(RuntimeError, match="no training session"):
            c.save_session(tmp_path / "x.session")
        qtbot.wait(100)
        assert len(failures) == 1 and not c.running
    finally:
        assert c.shutdown()
    assert multiprocessing.active_children() == []


def test_closing_while_the_child_starts_leaves_no_process(qtbot, blobs):
    c, _ = _controller(qtbot, blobs)
    assert c.shutdown()  # at once: the worker is still spawning the child
    for p in multiprocessing.active_children():
        p.join(2)
    assert multiprocessing.active_children() == []
