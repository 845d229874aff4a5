"""Hidden units switched off in a training session: through the typed request, in a group and in the child
process's loop, kept by the timeline, by saved files (range-checked on reading) and by a new architecture
when they still fit (no Qt)."""

from __future__ import annotations

import multiprocessing
import threading
from dataclasses import replace

import numpy as np
import pytest

from model.data.generators import make
from model.nn.param_layout import layer_views
from model.storage.session_files import SessionFileError, load_session, save_session
from model.training import requests
from model.training.session import TrainingSession
from model.training.session_group import SessionGroup
from model.training.session_server import Close, serve
from model.training.snapshot import network_from_snapshot
from model.training.specs import ModelSpec, TrainSpec
from tests.model.storage.archive_edit import rewrite_archive

MODEL = ModelSpec(hidden_layer_sizes=(5, 4), activation="tanh")
BOUNDS = (-3.0, 3.0, -3.0, 3.0)


def _session(optimizer="sgd", alpha=0.0, batch_size=None, dtype="float64"):
    ds = make("moons", 80, seed=2)
    train = TrainSpec(optimizer=optimizer, learning_rate=0.05, batch_size=batch_size, dtype=dtype)
    return TrainingSession(ds, replace(MODEL, alpha=alpha), train, seed=3)


def _incoming(params, sizes, layer, unit):
    W, b = layer_views(params, sizes)[layer - 1]
    return np.append(W[:, unit], b[unit])


@pytest.mark.parametrize(
    "optimizer,alpha,batch_size", [("sgd", 0.0, None), ("momentum", 0.01, 16), ("adam", 0.01, 10), ("nesterov", 0, 20)]
)
def test_training_with_a_unit_off_leaves_its_incoming_weights_unchanged(optimizer, alpha, batch_size):
    s = _session(optimizer, alpha, batch_size)
    s.step(5)  # the optimizer has momentum for every weight by now
    assert s.perform(requests.SetUnitsOff(frozenset({(1, 2)}))) == {(1, 2)}
    held = _incoming(s.network.params, s.network.layer_sizes, 1, 2).copy()
    other = _incoming(s.network.params, s.network.layer_sizes, 1, 1).copy()
    s.step(20)
    assert np.array_equal(_incoming(s.network.params, s.network.layer_sizes, 1, 2), held)
    assert not np.array_equal(_incoming(s.network.params, s.network.layer_sizes, 1, 1), other)
    assert s.epoch == 25  # the run goes on


def test_the_snapshot_predicts_as_a_network_with_that_unit_zeroed():
    s = _session()
    s.step(30)
    before = s.snapshot(BOUNDS, 12)
    s.set_units_off({(2, 1)})
    snap = s.snapshot(BOUNDS, 12)
    assert snap.units_off == {(2, 1)} and snap.epoch == before.epoch
    # the same weights with that unit's outgoing weights zeroed: what the unit adds is gone
    params = np.array(before.params)
    layer_views(params, before.layer_sizes)[2][0][1, :] = 0
    zeroed = replace(before, params=params)
    X = s.dataset.X
    expected = network_from_snapshot(zeroed).predict_output(X)[:, 0]
    assert np.allclose(s.predict_output(X), expected, rtol=0, atol=1e-6)  # shown as float32
    assert np.array_equal(snap.predictions, (expected >= 0.5).astype(np.int64))
    grid = network_from_snapshot(zeroed).predict_output(
        np.column_stack([g.ravel() for g in np.meshgrid(*(np.linspace(-3, 3, 12, endpoint=False) + 0.25,) * 2)])
    )[:, 0]
    assert np.allclose(snap.grid.ravel(), grid, atol=1e-6)
    assert snap.train_loss != before.train_loss  # the loss follows at once
    # the inspectors' network from the snapshot has the unit off too
    assert np.all(network_from_snapshot(snap).hidden_outputs(X)[1][:, 1] == 0)
    # and back on: exactly the earlier model
    s.set_units_off(frozenset())
    assert np.array_equal(s.snapshot(BOUNDS, 12).grid, before.grid)


def test_a_new_architecture_keeps_the_units_that_fit_and_says_which_not():
    s = _session()
    s.set_units_off({(1, 4), (2, 0), (2, 3)})
    s.set_model_spec(replace(MODEL, hidden_layer_sizes=(6, 3)))
    assert s.units_off == {(1, 4), (2, 0)}
    assert "h2.4" in s.message and "Switched on again" in s.message
    assert s.snapshot().units_off == {(1, 4), (2, 0)}
    s.set_model_spec(replace(MODEL, kind="logistic"))
    assert s.units_off == frozenset()
    # a request for units this architecture lacks switches off those it has
    s.set_model_spec(MODEL)
    assert s.set_units_off({(1, 0), (3, 0)}) == {(1, 0)}


def test_reset_and_another_precision_keep_the_mask():
    s = _session(dtype="float32")
    s.set_units_off({(1, 0)})
    s.reset()
    assert s.network.units_off == {(1, 0)}
    s.set_train_spec(replace(s.train_spec, dtype="float64"))
    assert s.network.units_off == {(1, 0)} and s.snapshot().units_off == {(1, 0)}


def test_the_group_switches_the_primarys_units_and_a_copy_follows():
    group = SessionGroup(_session())
    assert group.perform(requests.SetUnitsOff(frozenset({(1, 1)}))) == {(1, 1)}
    assert group.primary.units_off == {(1, 1)}
    copy = group.add_member()
    other = group.add_member(model_spec=MODEL)
    assert copy.units_off == {(1, 1)} and other.units_off == frozenset()
    group.step(3)
    assert group.snapshot().units_off == {(1, 1)}


def test_the_timeline_and_a_branch_keep_the_mask():
    group = SessionGroup(_session())
    s = group.primary
    s.step(5)
    group.set_units_off({(2, 2)})
    s.step(5)
    sid = s.session_id
    assert group.moment(sid, 10).units_off == {(2, 2)}
    assert group.moment(sid, 4).units_off == frozenset()  # before it was switched off
    child = group.branch(sid, 10)
    assert child.units_off == {(2, 2)}
    child.step(2)
    s.step(2)
    assert np.array_equal(child.network.params, s.network.params)


def test_the_child_process_loop_answers_the_request():
    ds = make("moons", 60, seed=2)
    ours, theirs = multiprocessing.Pipe()
    train = TrainSpec(dtype="float64")
    thread = threading.Thread(target=serve, args=(theirs, "group", (ds, MODEL, train, 0)), daemon=True)
    thread.start()
    assert ours.recv().error is None
    ours.send(requests.SetUnitsOff(frozenset({(1, 3)})))
    reply = ours.recv()
    assert reply.error is None and reply.value == {(1, 3)}
    ours.send(requests.TakeSnapshot(None, 0))
    assert ours.recv().value.units_off == {(1, 3)}
    ours.send(Close())
    ours.recv()
    thread.join(5)


def test_a_saved_session_keeps_its_units_off_and_continues_bit_for_bit(tmp_path):
    s = _session("adam", 0.01, 16)
    s.step(4)
    s.set_units_off({(1, 0), (2, 3)})
    s.step(3)
    save_session(s, tmp_path / "s.npz")
    loaded, _ = load_session(tmp_path / "s.npz")
    assert loaded.units_off == {(1, 0), (2, 3)} and loaded.snapshot().units_off == {(1, 0), (2, 3)}
    s.step(5)
    loaded.step(5)
    assert np.array_equal(loaded.network.params, s.network.params)


@pytest.mark.parametrize(
    "saved,message",
    [
        ([[3, 0]], "invalid switched-off unit"),
        ([[1, 5]], "invalid switched-off unit"),
        ([[0, 0]], "invalid switched-off unit"),
        ([[1, -1]], "invalid switched-off unit"),
        ([[1, 0.5]], "invalid switched-off unit"),
        ([[1]], "invalid switched-off unit"),
        ("h1.1", "malformed list of switched-off units"),
        ([[1, 0]] * 10, "malformed list of switched-off units"),
    ],
)
def test_switched_off_units_in_a_file_are_range_checked(tmp_path, saved, message):
    s = _session()
    save_session(s, tmp_path / "s.npz")

    def edit(meta):
        meta["units_off"] = saved

    rewrite_archive(tmp_path / "s.npz", tmp_path / "bad.npz", edit)
    with pytest.raises(SessionFileError) as info:
        load_session(tmp_path / "bad.npz")
    assert message in str(info.value)
