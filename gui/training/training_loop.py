"""The training worker's loop: its life in the training thread, and the chunks it trains and reports.

``TrainingLoop`` builds the session in the training thread (``start``, through the ``SessionFactory``) and drops
it on ``stop`` or when its child process dies (``failed`` then says so once, ``SessionProcessEnded``). The death
is noticed when a request finds the process gone, and, while no request is under way (paused), as soon as it
happens: a ``QSocketNotifier`` of this thread's event loop watches the process's sentinel (POSIX; no polling),
so the window says so at once, not at the next Play. While
running, a ``QTimer`` ticks: each tick applies the edits that arrived since the last chunk, trains the epochs
the ``ChunkPacer`` says are due (one ``TrainChunk``, which brings the snapshot after it when one is due: at
most ~60 a second, or something changed), and handles what the chunk did. A snapshot (after the pace it was
trained at, when that changed), a change of the running state and the reasons training stopped go out on the
``TrainingEvents`` it was given.
``gui.training.training_worker.TrainingWorker`` adds the GUI's requests.

One chunk ahead: a session in a child process (``Pacing.chunks_ahead``) gets the next chunk before the worker
waits for the last one's reply, so the child trains while that reply travels and this thread waits for its
turn of the interpreter lock. What could make the chunk sent ahead wrong is ruled out: it is sized for the
epoch the last chunk reaches (an epoch limit stops exactly there); it does nothing if the last chunk did not
reach that epoch (it diverged and went back, ``TrainChunk.expect``); no chunk goes ahead while a target loss is
set (whether it stops depends on the last chunk's loss); and a request from the GUI (``want_turn``, called by
the controller before it sends one) holds the chunk sent ahead back if it has not started, and keeps the next
from going ahead until the request ran: Pause, Step or an edit wait for the chunk under way, as before. After a
chunk that did nothing (held back, or training stopped), the one sent after it, which did nothing either, is
handled before the next is sent: that one goes on its own, from where the session is. Every chunk's reply is
handled, in order, before anything else is asked of the session (``_settle_in_flight``).
(Just over 400 lines: the life cycle, the chunks and the one sent ahead are one state machine of one thread.)
"""

from __future__ import annotations

import math
import os
import sys
import time
import traceback
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QObject, QSocketNotifier, QTimer, Slot
from threadpoolctl import ThreadpoolController

from gui.training.chunk_pacer import ChunkPacer
from gui.training.pending_edits import PendingEdits
from gui.training.request_turns import RequestTurns
from gui.training.session_process import SessionProcessDied
from gui.training.training_events import TrainingEvents
from gui.training.worker_requests import LocalSessionFactory
from model.data.dataset import Dataset
from model.training.contract import (
    AutoPause,
    ChunkDone,
    Diverged,
    Pending,
    SessionError,
    SessionFactory,
    SessionProcessEnded,
    StepResult,
    Trainable,
)
from model.training.pace import PaceReached
from model.training.requests import TrainChunk

IDLE_INTERVAL_MS = 30


@dataclass(frozen=True)
class SentChunk:
    """A chunk sent to the session whose reply is not handled yet: ``epochs`` it trains when all goes well, and
    the (epoch, data version) it then leaves the session at. That is counted when it is sent, not from the
    session's epoch later: a request made between two chunks in this thread (the compare view's) reads the replies
    before its own, so the session's epoch may already include this chunk's."""

    reply: Pending[ChunkDone]
    epochs: int
    reaches: tuple[int, int]


class TrainingLoop(QObject):
    """Lives in a QThread: the session, the running state and the timer; the slots of ``TrainingWorker``
    change them between two chunks."""

    def __init__(
        self,
        events: TrainingEvents,
        dataset,
        model_spec,
        train_spec,
        seed: int = 0,
        data_version: int = 0,
        session_factory: SessionFactory | None = None,
    ):
        super().__init__()  # parentless: it is moved to a thread
        self._events = events
        self._factory: SessionFactory = session_factory or LocalSessionFactory()
        self._init = (dataset, model_spec, train_spec, int(seed))
        self._dataset = dataset
        self._data_version = int(data_version)
        self.session: Trainable | None = None
        #: the session was dropped because its process ended (not because it could not start): a save asked of it
        #: can be kept by the window instead (``SessionProcessDied``)
        self.process_ended = False
        self._timer: QTimer | None = None
        self._limiter: ThreadpoolController | None = None
        self._running = False
        self._stop_flag = False  # set directly from the GUI thread by shutdown(); read between chunks
        self._grid_bounds: tuple[float, ...] | None = None
        self._grid_size = 0
        self._pacer = ChunkPacer(time.perf_counter())  # the window sets its pace; unpaced for scripts
        self._pace_told: PaceReached | None = None  # the pace last told with a snapshot
        self._pending = PendingEdits()
        self._death_watch: QSocketNotifier | None = None  # the session's child process, watched for its end
        self._in_flight: SentChunk | None = None  # the chunk sent ahead, its reply not handled yet
        self._stops_within_epochs = False  # the last chunk's reply counted corrections (a perceptron's)
        self.turns = RequestTurns()  # the GUI's requests asked for and run: no chunk goes ahead of one

    # ------------------------------------------------------------------ life cycle (worker thread)
    @Slot()
    def start(self) -> None:
        """Connected to QThread.started: builds the timer and the session inside the worker thread."""
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)
        try:
            dataset, model_spec, train_spec, seed = self._init
            self.session = self._factory.build(dataset, model_spec, train_spec, seed)
            if self.session.data_version != self._data_version:
                self.session.set_dataset(dataset, self._data_version)  # same sizes: the weights are kept
        except Exception:
            self._fail()
            return
        if self._stop_flag:  # closed while the session was being built (a child process takes ~1 s)
            self._drop_session()
            return
        self._limiter = self._blas_limiter(self.session)
        self._watch_process(self.session)
        self._emit_snapshot()

    @staticmethod
    def _blas_limiter(session: Trainable) -> ThreadpoolController | None:
        """One BLAS thread around each request, when the session computes in this thread (a child process
        limits its own)."""
        if not session.pacing.caller_limits_blas:
            return None
        try:
            return ThreadpoolController()
        except Exception:  # a BLAS threadpoolctl cannot drive: it keeps its own threads, training still works
            return None

    @Slot()
    def stop(self) -> None:
        """Stops training and ends the thread's event loop."""
        self._stop_flag = True
        self._set_running(False)
        if self._timer is not None:
            self._timer.stop()
        self._drop_session()  # a child process ends here (joined, else terminated)
        self.thread().quit()

    def kill_session(self) -> None:
        """Thread-safe: ends a session's child process at once (a request waiting for it then fails)."""
        session = self.session
        if session is not None:
            session.kill()

    def _drop_session(self) -> None:
        self._watch_process(None)  # its end, asked for here, is no death to report
        self._in_flight = None  # its reply goes with the session (a child's close reads it)
        session, self.session = self.session, None
        if session is not None:
            session.close()  # a child process ends here (joined, else terminated)

    def _watch_process(self, session: Trainable | None) -> None:
        """Watches the end of ``session``'s child process (None, or a session of this process: nothing to
        watch). The notifier's slot runs in this thread between two requests, so it never cuts one short."""
        if self._death_watch is not None:
            self._death_watch.setEnabled(False)
            self._death_watch.deleteLater()
            self._death_watch = None
        sentinel = None if session is None else session.sentinel
        if sentinel is None or os.name != "posix":  # elsewhere the next request notices it
            return
        self._death_watch = QSocketNotifier(sentinel, QSocketNotifier.Type.Read, self)
        self._death_watch.activated.connect(self._on_process_ended)

    @Slot()
    def _on_process_ended(self) -> None:
        """The watched child process ended while nothing was asked of it (paused): the snapshot asked here
        finds it gone and reports it as any request does (``_fail``: the same words, the work kept)."""
        self._watch_process(None)  # the sentinel stays readable: one report is enough
        if self.session is None or self._stop_flag:
            return
        self._set_running(False)
        self._emit_snapshot()

    def _fail(self) -> None:
        """Reports the exception being handled through `failed`; when it says the session's process died,
        training stops and the session is dropped (later requests are ignored rather than failing again)."""
        error, text = sys.exc_info()[1], traceback.format_exc()
        if not isinstance(error, SessionProcessDied):
            self._events.failed.emit(SessionError(text))
        else:
            self._events.failed.emit(SessionProcessEnded(error.exit_code, text))
            self._set_running(False)
            if self._timer is not None:
                self._timer.stop()
            self._drop_session()
            self.process_ended = True

    def request_stop(self) -> None:
        """Thread-safe: may be called from any thread; the current chunk ends and no new one starts."""
        self._stop_flag = True
        self.want_turn()

    def want_turn(self) -> None:
        """Thread-safe (the controller calls it before it sends a request): until that request has run, no
        chunk goes ahead, and the chunk sent ahead is skipped if it has not started (``RequestTurns``)."""
        self.turns.ask(self.session)

    def event(self, event: QEvent) -> bool:
        """Counts the queued slot calls (the GUI's requests) as they run: see ``want_turn``."""
        if event.type() != QEvent.Type.MetaCall:
            return super().event(event)
        try:
            return super().event(event)
        finally:
            self.turns.done()

    def _may_send_ahead(self, session: Trainable) -> bool:
        """Whether the next chunk may go before the last one's reply is handled (and, if so, the chunks sent
        ahead no longer held back)."""
        if session.pacing.chunks_ahead < 1 or self._pacer.target_loss is not None:
            return False
        if self._stops_within_epochs and self._pacer.pace.corrections_rate() is not None:
            return False  # where a chunk that may stop within an epoch leaves the session is not known ahead
        return self.turns.none_waiting(session)

    # ------------------------------------------------------------------ internals
    def _set_running(self, running: bool, snapshot: bool = False) -> None:
        """Changes the running state; with `snapshot`, the final snapshot is sent before runningChanged, so
        whoever learns that training paused already holds the snapshot of the epoch it paused at."""
        if running == self._running:
            return
        self._running = running
        if self._timer is not None:
            self._timer.setInterval(self._pacer.tick_interval_ms())
        if snapshot:
            self._emit_snapshot()
        self._events.runningChanged.emit(running)

    def _has_training_points(self) -> bool:
        return self._dataset is not None and len(self._dataset.train_y) > 0

    def _restart_pace(self) -> None:
        self._pacer.pace.restart(time.perf_counter())

    def _one_blas_thread(self) -> AbstractContextManager:
        """Around a request to a session computing in this thread: BLAS held to one thread."""
        return nullcontext() if self._limiter is None else self._limiter.limit(limits=1)

    def _schedule(self) -> None:
        if self._timer is not None and not self._timer.isActive() and not self._stop_flag:
            self._timer.start()

    def _apply_pending(self) -> bool:
        """Applies the edits that arrived since the last chunk. Returns True when something changed."""
        session = self.session
        if session is None or not self._pending.waiting:
            return False
        self._settle_in_flight()  # the edits apply after the chunk in flight, its reply handled first
        session = self.session
        if session is None:
            return False
        try:
            return self._pending.apply(session, self._restart_pace, self._adopt_data)
        except Exception:
            self._fail()
        return self._pending.changed

    def _adopt_data(self, dataset: Dataset, version: int) -> None:
        self._dataset, self._data_version = dataset, version

    @Slot()
    def _tick(self) -> None:
        timer = self._timer
        assert timer is not None  # the timer ticks only once start() made it
        if self._stop_flag or self.session is None:
            timer.stop()
            return
        changed = self._apply_pending()
        if not self._running or not self._has_training_points():
            self._settle_in_flight()
            if not self._running:
                timer.stop()
            else:  # nothing to learn from yet: wait for points
                timer.setInterval(IDLE_INTERVAL_MS)
            if changed:
                self._emit_snapshot()
            return
        timer.setInterval(self._pacer.tick_interval_ms())
        session = self.session
        assert session is not None  # _apply_pending drops it only with running False
        if self._in_flight is not None and not self._may_send_ahead(session):
            self._settle_in_flight()
            if not self._running or self.session is None:
                return
        n = self._epochs_due(session)
        earlier, self._in_flight = self._in_flight, None
        if n > 0:  # in flight before the earlier chunk is handled: what that asks of the session comes after it
            corrections = self._pacer.pace.corrections_due()
            self._in_flight = self._send_chunk(session, n, changed, earlier, max_updates=corrections)
        if earlier is not None and not self._settle(earlier):
            # it did nothing (held back for a request, or training stopped): the chunk sent after it expected the
            # epochs it would have trained, and does nothing either. Left in flight, each chunk after it would
            # expect those epochs too and do nothing, while training said it ran: the next one goes on its own.
            self._settle_in_flight()
        if self._in_flight is not None:
            if not (self._running and self.session is session and self._may_send_ahead(session)):
                self._settle_in_flight()  # else handled at the next tick, while the child trains the one after
        elif (
            self._running
            and self.session is not None
            and (changed or self._pacer.snapshot_due(time.perf_counter(), self.session.pacing))
        ):
            self._emit_snapshot()

    def _epochs_due(self, session: Trainable) -> int:
        # The limit first: a pace between two epochs has none due, which is not the limit reached.
        epoch = session.epoch if self._in_flight is None else self._in_flight.reaches[0]
        limit = self._pacer.epoch_limit_reached(epoch)
        if limit is not None:
            if self._in_flight is None:  # else the chunk in flight reaches it, and its reply says so
                self._auto_pause(limit)
            return 0
        return self._pacer.epochs_due(time.perf_counter(), epoch)

    def _send_chunk(
        self,
        session: Trainable,
        n: int,
        changed: bool,
        earlier: SentChunk | None,
        snapshot: bool = True,
        max_updates: int | None = None,
    ) -> SentChunk | None:
        """Sends a chunk of ``n`` epochs (after ``earlier``, whose reply is not handled yet, if any), with a
        snapshot when one is due or something ``changed`` (never without ``snapshot``); a perceptron stops within
        an epoch after ``max_updates`` corrections (None: whole epochs)."""
        now = time.perf_counter()
        grid = None
        if snapshot and (changed or self._pacer.snapshot_due(now, session.pacing)):
            grid = (self._grid_bounds, self._grid_size)
            self._pacer.snapshot_asked(now)
        # where the earlier chunk leaves the session when it trains all its epochs
        expect = None if earlier is None else earlier.reaches
        epoch, version = (session.epoch, session.data_version) if expect is None else expect
        try:
            with self._one_blas_thread():
                reply = session.send(TrainChunk(int(n), grid, expect, max_updates))
        except Exception:
            self._set_running(False)
            self._fail()
            return None
        return SentChunk(reply, int(n), (epoch + int(n), version))

    def _settle_in_flight(self) -> None:
        """Handles the reply of the chunk in flight, if any (before anything else is asked of the session)."""
        sent, self._in_flight = self._in_flight, None
        if sent is not None:
            self._settle(sent)

    def _settle(self, sent: SentChunk) -> bool:
        """Waits for a chunk's reply and handles it: its snapshot goes out, and a divergence or a limit stops
        training (as a chunk trained on its own did). Returns whether it trained."""
        session = self.session
        if session is None:  # dropped (its process died): the reply went with it
            return False
        try:
            with self._one_blas_thread():
                done = sent.reply.result()
        except Exception:
            self._set_running(False)
            self._fail()
            return False
        result = done.result
        if result is None:  # skipped: the chunk before it stopped training, or a request was waiting
            return False
        self._pacer.chunk_done(done.step_s, result.epochs_run, session.pacing)
        self._stops_within_epochs = result.corrections is not None
        if done.snapshot is not None:
            self._pacer.snapshot_cost(done.snapshot_s)
            self._tell_snapshot(done.snapshot)
        if result.diverged:
            self._stop_diverged(result, done.snapshot)
            return True
        why = self._pacer.stop_reason(time.perf_counter(), _last_train_loss(result), session.epoch)
        if why is not None:
            self._auto_pause(why)
        return True

    def _stop_diverged(self, result: StepResult, snap) -> None:
        session = self.session
        assert session is not None
        if snap is None:
            snap = self._emit_snapshot()
        self._set_running(False)
        if snap is not None:  # else the failed snapshot was reported
            # the epoch that failed; the weights are those of the one before
            self._events.diverged.emit(Diverged(session.epoch + 1, snap.learning_rate, result.message, snap))

    def _train(self, n: int) -> None:
        """``n`` epochs now, on their own (Step), and what they did handled (their snapshot is the caller's)."""
        session = self.session
        assert session is not None  # step_epochs only trains a session it holds
        self._settle_in_flight()
        if self.session is None:
            return
        sent = self._send_chunk(session, n, False, None, snapshot=False)
        if sent is not None:
            self._settle(sent)

    def _auto_pause(self, why: AutoPause) -> None:
        if self._running:
            self._set_running(False, snapshot=True)
            self._events.stopped.emit(why)

    def _emit_snapshot(self):
        self._settle_in_flight()  # first: the snapshots go out in the order of their epochs
        if self.session is None:  # dropped (its process died)
            return None
        t0 = time.perf_counter()
        try:
            with self._one_blas_thread():
                snap = self.session.snapshot(self._grid_bounds, self._grid_size)
        except Exception:
            self._fail()
            return None
        self._pacer.snapshot_taken(t0, time.perf_counter())
        self._tell_snapshot(snap)
        return snap

    def _tell_snapshot(self, snap) -> None:
        """``snap`` out, after the pace when it changed since the last one told: the window keeps the pace with a
        run an edit leaves, and gives it back when an undo brings the run back."""
        if snap.last_corrected is not None and not self._pacer.pace.corrections_one_by_one():
            snap = replace(snap, last_corrected=None)  # several corrections a frame: none to single out
        pace = self._pacer.pace.reached()
        if pace != self._pace_told:
            self._pace_told = pace
            self._events.paceReached.emit(pace)
        self._events.snapshotReady.emit(snap)


def _last_train_loss(result: StepResult) -> float | None:
    """The loss of the last epoch a step ran, if it ran one and the loss is a number."""
    loss = float(result.loss)
    return loss if math.isfinite(loss) else None
