"""model.training.session_server's loop, driven here through a Pipe from a thread (no process, no Qt): replies, the
callbacks queued into them, errors, commands run locally and remotely alike."""

from __future__ import annotations

import multiprocessing
import threading

import numpy as np
import pytest

from model.data.generators import make
from model.training.session_server import CALLABLE, run_command, serve
from model.training.specs import ModelSpec, TrainSpec

MODEL = ModelSpec(hidden_layer_sizes=(3,))
TRAIN = TrainSpec(optimizer="sgd", learning_rate=0.1, dtype="float64")


@pytest.fixture
def served():
    ds = make("blobs", n_samples=60, noise=0.1, seed=2, n_classes=2)
    ours, theirs = multiprocessing.Pipe()
    thread = threading.Thread(
        target=serve, args=(theirs, "group", (ds, MODEL, TRAIN, 0), {"member_grid_cap": 8}), daemon=True
    )
    thread.start()

    def ask(*message):
        ours.send(message)
        return ours.recv()

    assert ours.recv() == ("ok", None, [], 0)  # built
    yield ask
    assert ask("close")[0] == "ok"
    thread.join(5)
    assert not thread.is_alive()


def test_replies_carry_values_events_and_the_epoch(served):
    ask = served
    assert ask("getattr", "step")[1] == CALLABLE
    primary = ask("getattr", "session_id")[1]
    status, result, events, epoch = ask("call", "step", (4,), {})
    assert status == "ok" and result.epochs_run == 4 and events == [] and epoch == 4
    assert ask("listen", "on_run", True)[0] == "ok"
    status, member, events, _ = ask("command", "add_member", (None, None, None), {"colour": "#fff"})
    assert status == "ok" and member != primary
    ((name, (event, record)),) = events
    assert (name, event, record.session_id) == ("on_run", "started", member)
    assert ask("listen", "on_snapshots", True)[0] == "ok"
    status, snap, events, _ = ask("call", "snapshot", ((-5.0, 5.0, -5.0, 5.0), 20), {})
    assert snap.session_id == primary and snap.grid.shape[-1] == 20
    ((name, (snaps, info)),) = events
    assert name == "on_snapshots" and [s.session_id for s in snaps] == [member] and snaps[0].grid.shape[-1] == 8
    assert set(info) == {primary, member}


def test_errors_come_back_with_their_traceback_and_the_loop_goes_on(served):
    ask = served
    status, error, text, _events, epoch = ask("command", "moment", (999, 0, None, 0), {})
    assert status == "error" and isinstance(error, KeyError) and "Traceback" in text and epoch == 0
    status, error, *_ = ask("listen", "colours", True)
    assert status == "error" and isinstance(error, AttributeError)
    status, error, *_ = ask(
        "nonsense",
    )
    assert status == "error" and isinstance(error, ValueError)
    assert ask("call", "step", (1,), {})[3] == 1


def test_run_command_runs_the_same_command_here():
    from model.training.session import TrainingSession
    from model.training.session_server import make_group

    ds = make("blobs", n_samples=60, noise=0.1, seed=2, n_classes=2)
    group = make_group(ds, MODEL, TRAIN, 0, member_grid_cap=8, primary_colour="#000")
    member = run_command(group, "add_member", None, None, None, colour="#fff")
    members, _snaps, info = run_command(group, "members", None)
    assert members[0][:3] == (member, info[member]["name"], "#fff")
    # adopt: the loaded session's history and state go into the primary, with the version
    other = TrainingSession(ds, MODEL, TRAIN, seed=0)
    other.step(6)
    run_command(group, "adopt", other, 7)
    assert group.primary.epoch == 6 and group.primary.data_version == 7 and len(group.primary.history) == 6
    np.testing.assert_array_equal(group.primary.network.params, other.network.params)
