"""The training thread through its GUI-side handle: play, pause, step, reset, live settings, divergence, shutdown.

Every wait is on a condition (qtbot.waitUntil / waitSignal), never a sleep.
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
import pytest

from gui.training.training_controller import TrainingController
from model.data.generators import make
from model.training.contract import Diverged, EpochLimitReached, TargetLossReached
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

GRID = ((-7.0, 7.0, -7.0, 7.0), 40)


class Recorder:
    """Keeps every snapshot the controller forwards (the tests look at the newest).

    It connects after the controller started its thread, which may already have sent the first snapshot: that
    one is the controller's remembered ``latest_snapshot`` (its own slot is connected before the thread starts).
    """

    def __init__(self, controller):
        self.controller = controller
        self.snaps = []
        controller.snapshotReady.connect(self.snaps.append)

    @property
    def last(self):
        return self.snaps[-1] if self.snaps else self.controller.latest_snapshot


@pytest.fixture
def blobs():
    return make("blobs", n_samples=200, noise=0.1, seed=1, n_classes=2)


@pytest.fixture
def start(qtbot):
    made = []

    def _start(ds, model=None, train=None, seed=0):
        c = TrainingController(
            ds, model or ModelSpec(), train or TrainSpec(optimizer="adam", learning_rate=0.03), seed=seed
        )
        rec = Recorder(c)
        made.append(c)
        # a wait, not a speed test: the first snapshot takes seconds on a loaded machine
        qtbot.waitUntil(lambda: rec.last is not None, timeout=20000)
        return c, rec

    yield _start
    for c in made:
        assert c.shutdown()


def test_play_learns_blobs_pause_stops_step_advances_one_reset_returns_to_zero(qtbot, start, blobs):
    c, rec = start(blobs)
    first = rec.last
    assert first.epoch == 0
    c.set_grid_request(GRID)
    with qtbot.waitSignal(c.runningChanged, timeout=2000):
        c.play()
    assert c.running
    qtbot.waitUntil(lambda: rec.last.epoch > 0 and rec.last.train_score >= 0.95, timeout=10000)
    assert rec.last.grid is not None and rec.last.grid.shape == (40, 40)

    with qtbot.waitSignal(c.runningChanged, timeout=2000) as blocker:
        c.pause()
    assert blocker.args == [False] and not c.running
    qtbot.waitUntil(lambda: len(rec.snaps) > 0, timeout=1000)
    paused_at = rec.last.epoch
    n = len(rec.snaps)
    qtbot.wait(150)  # the event loop runs: nothing may train while paused
    assert rec.last.epoch == paused_at
    assert len(rec.snaps) == n

    with qtbot.waitSignal(c.snapshotReady, timeout=2000):
        c.step(1)
    assert rec.last.epoch == paused_at + 1
    with qtbot.waitSignal(c.snapshotReady, timeout=2000):
        c.step(1)
    assert rec.last.epoch == paused_at + 2
    assert not c.running

    trained = rec.last.params
    with qtbot.waitSignal(c.snapshotReady, timeout=2000):
        c.reset()
    assert rec.last.epoch == 0
    assert not np.array_equal(rec.last.params, trained)
    np.testing.assert_array_equal(rec.last.params, first.params)  # same seed: the same fresh weights
    assert len(rec.last.curves.get("epoch", [])) == 0


def test_snapshots_are_rate_limited_and_immutable(qtbot, start, blobs):
    c, rec = start(blobs)
    c.set_grid_request(GRID)
    c.play()
    qtbot.waitUntil(lambda: rec.last.epoch > 0, timeout=5000)
    n0, t0 = len(rec.snaps), time.perf_counter()
    qtbot.wait(500)
    rate = (len(rec.snaps) - n0) / (time.perf_counter() - t0)
    assert 5 < rate <= 75
    snap = rec.last
    assert not snap.params.flags.writeable
    assert snap.predictions is not None and not snap.predictions.flags.writeable
    epochs = [s.epoch for s in rec.snaps]
    assert epochs == sorted(epochs)


def test_new_learning_rate_is_used_by_the_very_next_epoch(qtbot, start, blobs):
    spec, train = ModelSpec(hidden_layer_sizes=(6,)), TrainSpec(optimizer="sgd", learning_rate=0.03)
    c, rec = start(blobs, spec, train, seed=3)
    c.step(5)
    qtbot.waitUntil(lambda: rec.last.epoch == 5, timeout=10000)
    new = replace(train, learning_rate=0.7)
    c.set_train_spec(new)
    c.step(1)  # any snapshot the new settings bring is of epoch 5: wait for the step's own
    qtbot.waitUntil(lambda: rec.last.epoch == 6, timeout=10000)
    assert rec.last.learning_rate == 0.7

    reference = TrainingSession(blobs, spec, train, seed=3)
    reference.step(5)
    reference.set_train_spec(new)
    reference.step(1)
    np.testing.assert_array_equal(rec.last.params, reference.network.params)


def test_learning_rate_change_while_running_applies_without_reset(qtbot, start, blobs):
    train = TrainSpec(optimizer="sgd", learning_rate=0.01)
    c, rec = start(blobs, ModelSpec(), train)
    c.play()
    qtbot.waitUntil(lambda: rec.last.epoch > 50, timeout=5000)
    before = rec.last.epoch
    c.set_train_spec(replace(train, learning_rate=0.3))
    qtbot.waitUntil(lambda: rec.last.learning_rate == 0.3, timeout=2000)
    assert rec.last.epoch >= before  # no reset: the epoch counter went on
    assert c.running


def test_huge_learning_rate_diverges_pauses_and_keeps_finite_weights(qtbot, start, blobs):
    c, rec = start(blobs, ModelSpec(activation="relu"), TrainSpec(optimizer="sgd", learning_rate=1e12))
    with qtbot.waitSignal(c.diverged, timeout=5000) as blocker:
        c.play()
    info = blocker.args[0]
    assert isinstance(info, Diverged)
    assert info.learning_rate == 1e12
    assert "diverged" in info.message
    qtbot.waitUntil(lambda: not c.running, timeout=2000)
    snap = info.snapshot
    assert snap.diverged and np.all(np.isfinite(snap.params))
    assert info.epoch == snap.epoch + 1  # the epoch that failed; the weights are those of the one before
    epoch = rec.last.epoch
    qtbot.wait(100)
    assert rec.last.epoch == epoch  # it paused by itself


def test_epoch_limit_pauses_exactly_there(qtbot, start, blobs):
    c, rec = start(blobs)
    c.set_limits(300, None)
    with qtbot.waitSignal(c.stopped, timeout=5000) as blocker:
        c.play()
    assert blocker.args == [EpochLimitReached(300)]
    qtbot.waitUntil(lambda: not c.running and rec.last.epoch == 300, timeout=2000)


def test_an_epoch_limit_under_a_pace_trains_up_to_it(qtbot, start, blobs):
    """Ten epochs a second: the worker ticks every 16 ms, so most ticks have no epoch due yet (the first one
    after Play, too). That is no limit reached: training goes on to the limit."""
    c, rec = start(blobs)
    c.set_pace("10")
    c.set_limits(3, None)
    with qtbot.waitSignal(c.stopped, timeout=5000) as blocker:
        c.play()
    assert blocker.args == [EpochLimitReached(3)]
    qtbot.waitUntil(lambda: not c.running, timeout=2000)
    assert rec.last.epoch == 3


def test_target_loss_pauses(qtbot, start, blobs):
    c, rec = start(blobs)
    c.set_limits(None, 0.05)
    with qtbot.waitSignal(c.stopped, timeout=10000) as blocker:
        c.play()
    assert blocker.args == [TargetLossReached(0.05)]
    qtbot.waitUntil(lambda: not c.running, timeout=2000)
    assert rec.last.train_loss <= 0.05


def test_a_fixed_pace_paces_the_epochs(qtbot, start, blobs):
    c, rec = start(blobs)
    c.set_pace("100")
    c.play()
    qtbot.waitUntil(lambda: rec.last.epoch >= 5, timeout=3000)
    e0, t0 = rec.last.epoch, time.perf_counter()
    qtbot.wait(500)
    rate = (rec.last.epoch - e0) / (time.perf_counter() - t0)
    assert 40 < rate < 160


def test_the_watch_pace_starts_at_its_start_rate(qtbot, start, blobs):
    from model.training.pace import WATCH_START

    c, rec = start(blobs)
    c.set_pace("watch")
    t0 = time.perf_counter()
    c.play()
    qtbot.wait(1000)
    c.pause()
    qtbot.waitUntil(lambda: not c.running, timeout=2000)
    elapsed = time.perf_counter() - t0
    assert 0.5 * WATCH_START <= rec.last.epoch <= WATCH_START * elapsed + 3


def test_data_edit_while_running_reaches_the_worker(qtbot, start, blobs):
    c, rec = start(blobs)
    c.play()
    qtbot.waitUntil(lambda: rec.last.epoch > 10, timeout=5000)
    bigger = blobs.with_points(np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([0, 1]))
    c.set_dataset(bigger, 7)
    qtbot.waitUntil(lambda: rec.last.data_version == 7, timeout=2000)
    assert rec.last.predictions.shape == (blobs.n_samples + 2,)
    assert rec.last.epoch > 10  # the weights were kept
    empty = blobs.without(np.arange(blobs.n_samples))
    c.set_dataset(empty, 8)
    qtbot.waitUntil(lambda: rec.last.data_version == 8, timeout=2000)
    assert c.running  # waits for points instead of failing


def test_shutdown_while_training_ends_the_thread(qtbot, blobs):
    c = TrainingController(blobs, ModelSpec(), TrainSpec())
    c.play()
    qtbot.waitUntil(lambda: c.running, timeout=3000)
    thread = c._thread
    assert c.shutdown(timeout_ms=3000)
    assert not thread.isRunning()
    assert c.shutdown()  # twice is harmless
    c.play()  # requests after shutdown go nowhere and do not raise
