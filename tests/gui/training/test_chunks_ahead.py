"""One chunk ahead: the worker sends a session in a child process its next chunk before it handles the last
one's reply. What that must not change: the replies are answered in order, a chunk sent ahead does nothing
when the one before stopped training (or a request of the GUI waits), the same seed gives the same weights
as headless, an epoch limit stops exactly there, Pause leaves a consistent state, a divergence is reported
once, the GUI's requests are all counted (else no chunk would ever go ahead again), and a request made between
two chunks in the training thread (the compare view's), which reads their replies first, does not stop training.

Each child process takes ~1 s to start, so the tests share few of them.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Q_ARG, QCoreApplication, QEvent, QMetaObject, Qt

from gui.training.session_process import ProcessSessionFactory, SessionProxy
from gui.training.training_controller import TrainingController
from model.data.generators import make
from model.training.contract import ChunkDone, Diverged, EpochLimitReached
from model.training.requests import TrainChunk
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

GRID = ((-7.0, 7.0, -7.0, 7.0), 20)
MODEL = ModelSpec(hidden_layer_sizes=(8,))
TRAIN = TrainSpec(optimizer="sgd", learning_rate=0.05, dtype="float64")


@pytest.fixture(scope="module")
def blobs():
    return make("blobs", n_samples=160, noise=0.1, seed=2, n_classes=2)


class AheadCountingProxy(SessionProxy):
    """A proxy that keeps the most requests it had waiting for their replies at once, and its chunks' answers."""

    def __init__(self, *args, **kwargs):
        self.most_waiting = 0
        super().__init__(*args, **kwargs)

    def send(self, request):
        pending = super().send(request)
        self.most_waiting = max(self.most_waiting, len(self._waiting))
        return pending


class ProxyFactory(ProcessSessionFactory):
    """Builds its sessions as ``proxy_type`` (a ProcessSession that counts or interposes), keeping them in ``made``."""

    def __init__(self, proxy_type=AheadCountingProxy):
        self.proxy_type = proxy_type
        self.made: list = []

    def build(self, dataset, model_spec, train_spec, seed):
        proxy = self.proxy_type("session", dataset, model_spec, train_spec, seed)
        self.made.append(proxy)
        return proxy


def test_replies_come_in_order_and_a_chunk_sent_ahead_is_skipped_when_it_must_not_run(blobs):
    """The same requests sent ahead to a session here (applied at once) and in a child: the same answers."""
    here = TrainingSession(blobs, MODEL, TRAIN, seed=1)
    there = SessionProxy("session", blobs, MODEL, TRAIN, 1)
    try:
        for session in (here, there):
            first = session.send(TrainChunk(3))
            ahead = session.send(TrainChunk(2, GRID, expect=(3, 0)))  # where the first leaves the session
            snap = session.snapshot()  # a request after them reads their replies first, in order
            assert snap.epoch == session.epoch == 5
            done = first.result()
            assert isinstance(done, ChunkDone) and done.result.epochs_run == 3 and done.snapshot is None
            assert ahead.result().snapshot.epoch == 5 and ahead.result().snapshot.grid.shape == (20, 20)
            wrong = session.send(TrainChunk(4, None, expect=(99, 0)))  # the chunk before did not get there
            assert wrong.result().skipped and session.epoch == 5
        np.testing.assert_array_equal(here.snapshot().params, there.snapshot().params)

        there.hold(True)  # a request of the GUI waits: a chunk sent ahead that has not started does nothing
        held = there.send(TrainChunk(2, None, expect=(5, 0)))
        alone = there.send(TrainChunk(1))  # one on its own (not sent ahead) is never held back
        assert held.result().skipped and alone.result().result.epochs_run == 1 and there.epoch == 6
        there.hold(False)
        assert there.send(TrainChunk(1, None, expect=(6, 0))).result().result.epochs_run == 1
        here.hold(True)  # nothing to hold back here: a chunk sent is applied at once
        assert not here.send(TrainChunk(1, None, expect=(5, 0))).result().skipped
    finally:
        there.close()
    assert multiprocessing.active_children() == []


def _start(qtbot, ds, factory, model=MODEL, train=TRAIN, seed=0):
    c = TrainingController(ds, model, train, seed=seed, session_factory=factory)
    snaps = []
    c.snapshotReady.connect(snaps.append)
    qtbot.waitUntil(lambda: bool(snaps) or c.latest_snapshot is not None, timeout=20000)
    return c, snaps


def test_an_epoch_limit_stops_exactly_there_with_the_weights_of_headless_training(qtbot, blobs):
    """The same seed, 400 epochs: in a child with chunks ahead, in the worker's own thread (one chunk at a time)
    and headless, bit for bit; and chunks did go ahead."""
    factory = ProxyFactory()
    results = {}
    for name, made_by in (("ahead", factory), ("one at a time", None)):
        c, snaps = _start(qtbot, blobs, made_by, seed=5)
        try:
            c.set_grid_request(GRID)
            c.set_limits(400, None)
            with qtbot.waitSignal(c.stopped, timeout=20000) as stopped:
                c.play()
            assert stopped.args == [EpochLimitReached(400)]
            qtbot.waitUntil(lambda c=c, snaps=snaps: not c.running and snaps[-1].epoch == 400, timeout=5000)
            qtbot.wait(100)
            assert snaps[-1].epoch == 400  # nothing trained past the limit
            results[name] = snaps[-1]
            epochs = [s.epoch for s in snaps]
            assert epochs == sorted(epochs)  # snapshots in the order of their epochs
        finally:
            assert c.shutdown()
    assert factory.made[0].most_waiting == 2  # a chunk went while the reply of the one before was on its way
    headless = TrainingSession(blobs, MODEL, TRAIN, seed=5)
    headless.step(400)
    np.testing.assert_array_equal(results["ahead"].params, headless.network.params)
    np.testing.assert_array_equal(results["one at a time"].params, headless.network.params)
    assert len(results["ahead"].curves["epoch"]) == 400  # every epoch recorded once
    assert multiprocessing.active_children() == []


def test_pause_leaves_a_consistent_state_and_every_request_is_counted(qtbot, blobs):
    """Paused while chunks go ahead: the last snapshot is the session's state (weights of headless training to
    its epoch, its history up to that epoch) and nothing trains after. The GUI's requests all ran and were counted,
    so chunks go ahead again after them."""
    factory = ProxyFactory()
    c, snaps = _start(qtbot, blobs, factory, seed=7)
    try:
        c.set_grid_request(GRID)
        for _ in range(3):
            with qtbot.waitSignal(c.runningChanged, timeout=5000):
                c.play()
            qtbot.waitUntil(lambda: snaps[-1].epoch > 50 + (snaps[0].epoch if snaps else 0), timeout=10000)
            c.set_pace("max")
            c.set_limits(None, None)
            with qtbot.waitSignal(c.runningChanged, timeout=5000) as paused:
                c.pause()
            assert paused.args == [False]
            paused_at = snaps[-1].epoch
            qtbot.wait(100)
            assert snaps[-1].epoch == paused_at and not c.running
        proxy = factory.made[0]
        assert proxy.epoch == paused_at
        headless = TrainingSession(blobs, MODEL, TRAIN, seed=7)
        headless.step(paused_at)
        np.testing.assert_array_equal(snaps[-1].params, headless.network.params)
        rows = snaps[-1].curves["epoch"]  # thinned to a few thousand rows, in order, up to the epoch paused at
        assert rows[-1] == paused_at and np.all(np.diff(rows) > 0)
        turns = c._worker.turns
        assert turns.asked == turns.ran > 10  # every request counted as asked and as run
        proxy.most_waiting = 0
        c.play()
        qtbot.waitUntil(lambda: proxy.most_waiting == 2, timeout=5000)  # chunks go ahead again
    finally:
        assert c.shutdown()
    assert multiprocessing.active_children() == []


class TurnAskedAsAChunkGoesAhead(AheadCountingProxy):
    """Its third chunk sent ahead reaches the child while a request of the GUI is on its way (``ask``, called just
    before: the plot's new grid as its view changes while training runs), and the request runs once the child
    has answered that chunk (``run``): the chunk is held back for sure (``held``, its answer)."""

    def __init__(self, *args, **kwargs):
        self.ask = self.run = None
        self.sent_ahead = 0
        self.held = None
        super().__init__(*args, **kwargs)

    def send(self, request):
        ahead = isinstance(request, TrainChunk) and request.expect is not None
        self.sent_ahead += ahead
        if not (ahead and self.sent_ahead == 3 and self.ask is not None and self.run is not None):
            return super().send(request)
        self.ask()
        pending = super().send(request)
        self.held = pending.result()  # read now (after the reply before it): the child has answered it
        self.run()
        return pending


def test_training_goes_on_after_a_chunk_sent_ahead_was_held_back_for_a_request(qtbot, blobs):
    """The chunk held back does nothing; the chunks after it are not held, and train from where the session is.
    (The one sent after the held one expected the epochs that one would have trained, and so did each one after:
    every chunk did nothing, for as long as no other request came, while the window said training ran: a restart
    whose banner went away moved the plot, whose new grid held a chunk back.)"""
    factory = ProxyFactory(TurnAskedAsAChunkGoesAhead)
    c, snaps = _start(qtbot, blobs, factory, seed=4)
    worker, proxy = c._worker, factory.made[0]

    def ask():  # what ``TrainingController.set_pace`` does: the turn asked for, the request queued
        worker.want_turn()
        QMetaObject.invokeMethod(worker, "set_pace", Qt.ConnectionType.QueuedConnection, Q_ARG(str, "max"))

    proxy.ask = ask
    proxy.run = lambda: QCoreApplication.sendPostedEvents(worker, QEvent.Type.MetaCall)  # before the next chunk
    try:
        c.set_grid_request(GRID)
        c.play()
        # no epoch limit: a chunk sized past one is not sent, which would end such a run of chunks that do nothing
        qtbot.waitUntil(lambda: snaps[-1].epoch >= 400, timeout=10000)
        with qtbot.waitSignal(c.runningChanged, timeout=5000):
            c.pause()
        paused_at = snaps[-1].epoch
    finally:
        assert c.shutdown()
    assert proxy.held.skipped and proxy.sent_ahead > 3  # held back, and chunks went ahead again after it
    headless = TrainingSession(blobs, MODEL, TRAIN, seed=4)
    headless.step(paused_at)
    np.testing.assert_array_equal(snaps[-1].params, headless.network.params)


def test_a_divergence_with_a_chunk_ahead_is_reported_once_and_nothing_trains_after(qtbot, blobs):
    factory = ProxyFactory()
    c, snaps = _start(
        qtbot, blobs, factory, model=replace(MODEL, activation="relu"), train=replace(TRAIN, learning_rate=1e12)
    )
    reports = []
    c.diverged.connect(reports.append)
    try:
        with qtbot.waitSignal(c.diverged, timeout=10000):
            c.play()
        qtbot.waitUntil(lambda: not c.running, timeout=5000)
        epoch = snaps[-1].epoch
        qtbot.wait(150)
        (info,) = reports
        assert isinstance(info, Diverged) and info.epoch == info.snapshot.epoch + 1
        assert np.all(np.isfinite(snaps[-1].params)) and snaps[-1].epoch == epoch == factory.made[0].epoch
    finally:
        assert c.shutdown()


class ReadingAheadProxy(AheadCountingProxy):
    """After some chunks sent ahead, a request of its own in the same thread (as the compare view's bridge makes
    between two chunks: a model added, a moment of the timeline): it reads the replies of the chunks before it."""

    def __init__(self, *args, **kwargs):
        self.chunks_ahead = 0
        self.read_ahead = 0
        super().__init__(*args, **kwargs)

    def send(self, request):
        pending = super().send(request)
        if isinstance(request, TrainChunk) and len(self._waiting) == 2:
            self.chunks_ahead += 1
            if self.chunks_ahead % 2 == 1:
                self.snapshot()
                self.read_ahead += 1
        return pending


def test_a_request_between_two_chunks_that_reads_their_replies_does_not_stop_training(qtbot, blobs):
    """The chunk sent ahead expects the session where the chunk before it leaves it, whoever read that one's
    reply first: training goes on to the limit, with the weights of headless training."""
    factory = ProxyFactory(ReadingAheadProxy)
    c, snaps = _start(qtbot, blobs, factory, seed=3)
    try:
        c.set_grid_request(GRID)
        c.set_limits(300, None)
        with qtbot.waitSignal(c.stopped, timeout=20000) as stopped:
            c.play()
        assert stopped.args == [EpochLimitReached(300)]
        qtbot.waitUntil(lambda: not c.running and snaps[-1].epoch == 300, timeout=5000)
        assert factory.made[0].read_ahead > 0  # a request did read the reply of a chunk sent ahead
    finally:
        assert c.shutdown()
    headless = TrainingSession(blobs, MODEL, TRAIN, seed=3)
    headless.step(300)
    np.testing.assert_array_equal(snaps[-1].params, headless.network.params)
