"""TrainingWorker: owns a training session and steps it in a background QThread.

The worker is created without a parent and moved to its thread by the TrainingController. Every request from
the GUI arrives as a queued slot call, so it runs between two chunks of training: a chunk is sized to take about
the session's ``pacing.chunk_target_s``, which keeps the worker's event loop (and so Pause, Step, a new
learning rate, an edited point) responsive. Under a pace (``model.training.pace``: "Watch" by default in the
window, a fixed rate, or as fast as possible) a chunk is also no bigger than the epochs the pace's clock says are
due.

The session is anything that offers ``model.training.contract.Trainable``, made by a ``SessionFactory``: a
``TrainingSession`` here by default, or a proxy of one (or of a ``SessionGroup``) in a child process, what
the main window's factory makes. The worker drives them alike; only the session's ``pacing`` says how to pace
it. What the worker reports goes out on the ``TrainingEvents`` it was given (signals of a GUI-thread object,
emitted from here): snapshots at most ~60 times a second by the worker's own clock, and always right after a
request changed something (Step, Reset, new data, new settings, Pause), so the view updates while paused.
If the session's child process dies, ``failed`` says so once (``SessionProcessEnded``) and the worker drops
the session (requests are then ignored) instead of waiting for it.

One file over 400 lines: the worker is one state machine (running or not, pending requests, the pace's clock,
when a snapshot is due), and every slot here changes that state between two chunks.
"""

from __future__ import annotations

import math
import sys
import time
import traceback
from concurrent.futures import Future
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Slot
from threadpoolctl import ThreadpoolController

from gui.training.session_process import SessionProcessDied
from gui.training.training_events import TrainingEvents
from model.data.dataset import Dataset
from model.inside.step_phases import StepPhases
from model.training.contract import (
    Diverged,
    SessionError,
    SessionFactory,
    SessionProcessEnded,
    StepResult,
    Trainable,
)
from model.training.pace import PaceClock
from model.training.requests import AdoptState, SaveSession, SetUnitsOff, SlowStep
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

SNAPSHOT_INTERVAL_S = 1.0 / 60.0
MAX_CHUNK_EPOCHS = 100_000
IDLE_INTERVAL_MS = 30

#: What the boundary view asks for: (bounds = (xmin, xmax, ymin, ymax), cells a side), or None (no grid).
GridRequest = tuple[tuple[float, float, float, float], int] | None


class LocalSessionFactory:
    """The default ``SessionFactory``: a TrainingSession in the training thread; a loaded one is trained itself."""

    def build(self, dataset, model_spec, train_spec, seed) -> TrainingSession:
        return TrainingSession(dataset, model_spec, train_spec, seed=seed)

    def adopt(self, loaded: TrainingSession, version: int) -> TrainingSession:
        loaded.perform(AdoptState(None, version))
        return loaded


@dataclass(frozen=True, eq=False)
class SaveOrder:
    """A save for the training thread: ``request`` applied where the session lives; ``answer`` gets the
    epoch saved or the exception raised."""

    request: SaveSession
    answer: Future


def _n_train(dataset) -> int:
    return 0 if dataset is None else len(dataset.train_y)


class TrainingWorker(QObject):
    """Lives in a QThread. All public slots are meant to be called through queued signals; what it says goes
    out on ``events`` (a GUI-thread object)."""

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
        self._timer: QTimer | None = None
        self._limiter: ThreadpoolController | None = None
        self._running = False
        self._stop_flag = False  # set directly from the GUI thread by shutdown(); read between chunks
        self._grid_bounds: tuple[float, ...] | None = None
        self._grid_size = 0
        self._pace = PaceClock("max", time.perf_counter())  # the window sets its own; unpaced for scripts
        self._max_epochs: int | None = None
        self._target_loss: float | None = None
        self._chunk = 1.0
        self._last_emit = -math.inf
        self._snapshot_cost = 0.0
        self._pending_dataset: tuple[Dataset, int] | None = None
        self._pending_model_spec: ModelSpec | None = None
        self._pending_train_spec: TrainSpec | None = None
        self._pending_units_off: frozenset[tuple[int, int]] | None = None

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
        session, self.session = self.session, None
        if session is not None:
            session.close()  # a child process ends here (joined, else terminated)

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

    def request_stop(self) -> None:
        """Thread-safe: may be called from any thread; the current chunk ends and no new one starts."""
        self._stop_flag = True

    # ------------------------------------------------------------------ requests (queued from the GUI)
    @Slot()
    def play(self) -> None:
        if self.session is None or self._stop_flag:
            return
        self._apply_pending()
        if self._max_epochs is not None and self.session.epoch >= self._max_epochs:
            self._emit_snapshot()
            self._events.stopped.emit("max_epochs")
            return
        if self.session.epoch == 0:
            self._restart_pace()
        else:  # a long run goes on at the pace it had reached
            self._pace.resume(time.perf_counter())
        self._set_running(True)
        self._schedule()

    @Slot()
    def pause(self) -> None:
        if self.session is None:
            return
        self._apply_pending()
        self._set_running(False, snapshot=True)

    @Slot(int)
    def step_epochs(self, n: int) -> None:
        if self.session is None or self._stop_flag:
            return
        self._set_running(False)
        self._apply_pending()
        if _n_train(self._dataset) > 0 and n > 0:
            self._train(int(n))
        self._emit_snapshot()

    @Slot()
    def reset(self) -> None:
        if self.session is None:
            return
        self._apply_pending()
        try:
            self.session.reset()
        except Exception:
            self._fail()
        self._restart_pace()
        self._emit_snapshot()

    @Slot(object, int)
    def set_dataset(self, dataset, version: int) -> None:
        self._pending_dataset = (dataset, int(version))
        self._schedule()

    @Slot(object)
    def set_model_spec(self, spec) -> None:
        self._pending_model_spec = spec
        self._schedule()

    @Slot(object)
    def set_train_spec(self, spec) -> None:
        self._pending_train_spec = spec
        self._schedule()

    @Slot(object)
    def set_units_off(self, units) -> None:
        """The hidden units to switch off (all others on), applied after a model spec that came before it."""
        self._pending_units_off = frozenset(units)
        self._schedule()

    @Slot(object)
    def set_grid_request(self, request: GridRequest) -> None:
        bounds, size = parse_grid_request(request)
        if (bounds, size) == (self._grid_bounds, self._grid_size):
            return
        self._grid_bounds, self._grid_size = bounds, size
        if not self._running and self.session is not None:
            self._emit_snapshot()

    @Slot(str)
    def set_pace(self, key: str) -> None:
        """A pace of ``model.training.pace.PACES`` by its key (an unknown key is ignored)."""
        try:
            self._pace.set_pace(key, time.perf_counter())
        except ValueError:
            return
        if self._timer is not None and self._running:
            self._timer.setInterval(self._tick_interval_ms())

    @Slot(object, object)
    def set_limits(self, max_epochs, target_loss) -> None:
        self._max_epochs = int(max_epochs) if max_epochs else None
        self._target_loss = float(target_loss) if target_loss else None

    @Slot(object, object)
    def single_point_step(self, point: tuple[float, ...], label) -> None:
        """Pauses, applies one gradient-descent step from that point, sends a snapshot."""
        if self.session is None or self._stop_flag:
            return
        self._set_running(False)
        self._apply_pending()
        try:
            result = self.session.single_point_step(point, label)
        except Exception:
            self._fail()
            return
        self._events.pointStepped.emit(result)
        self._emit_snapshot()

    @Slot(object, object)
    def slow_step(self, point: tuple[float, ...] | None, label) -> None:
        """Pauses and takes the next step (one epoch) taken apart into its phases, shown for the probed point
        (None: the batch's first sample); sends the ``StepPhases`` (or why not) and a snapshot."""
        if self.session is None or self._stop_flag:
            return
        self._set_running(False)
        self._apply_pending()
        try:
            if self._limiter is not None:
                with self._limiter.limit(limits=1):
                    phases = self.session.perform(SlowStep(point, label))
            else:
                phases = self.session.perform(SlowStep(point, label))
        except Exception:
            self._fail()
            return
        snap = self._emit_snapshot()  # first: the views have the stepped model when the phases arrive
        self._events.slowStepped.emit(phases)
        if isinstance(phases, StepPhases) and phases.diverged and snap is not None:
            self._events.diverged.emit(Diverged(phases.epoch_after + 1, snap.learning_rate, phases.message, snap))

    @Slot()
    def perceptron_sample_step(self) -> None:
        """Pauses and applies the perceptron rule to the next training sample (ignored for other models)."""
        if self.session is None or self._stop_flag:
            return
        self._set_running(False)
        self._apply_pending()
        try:
            update = self.session.perceptron_sample_step()
        except ValueError:  # not a perceptron (any more): nothing to do
            return
        except Exception:
            self._fail()
            return
        if update is not None:
            self._events.perceptronUpdated.emit(update)
        self._emit_snapshot()

    # Save the session from this thread, adopt a loaded one
    @Slot(object)
    def save_session(self, order: SaveOrder) -> None:
        """Writes the session (the primary one, when the session is a group) where it lives, here in the
        training thread after the requests queued before it; ``order.answer`` gets the epoch saved or the
        exception."""
        if not order.answer.set_running_or_notify_cancel():  # the GUI stopped waiting
            return
        try:
            if self.session is None:
                raise RuntimeError("there is no training session (it failed to start)")
            if self._apply_pending():
                self._emit_snapshot()
            epoch = int(self.session.perform(order.request))
        except Exception as exc:
            order.answer.set_exception(exc)
        else:
            order.answer.set_result(epoch)

    @Slot(object, int)
    def replace_session(self, loaded: TrainingSession, version: int) -> None:
        """Adopts a TrainingSession loaded from a file (nothing else holds it), as data version `version`.
        Training pauses; edits queued before this request are dropped (the loaded session supersedes them).
        The factory decides how (``SessionFactory.adopt``): the loaded session itself, or a new session (a
        group in a child process) given its history and training state."""
        if self._stop_flag:
            return
        self._set_running(False)
        self._pending_dataset = self._pending_model_spec = self._pending_train_spec = None
        self._pending_units_off = None
        try:
            new = self._factory.adopt(loaded, version)
        except Exception:
            self._fail()
            return
        old, self.session = self.session, new
        if old is not None and old is not new:
            old.close()
        self._limiter = self._blas_limiter(new)
        self._dataset, self._data_version = loaded.dataset, int(version)
        self._chunk = 1.0
        self._restart_pace()
        self._emit_snapshot()

    # ------------------------------------------------------------------ internals
    def _set_running(self, running: bool, snapshot: bool = False) -> None:
        """Changes the running state; with `snapshot`, the final snapshot is sent before runningChanged, so
        whoever learns that training paused already holds the snapshot of the epoch it paused at."""
        if running == self._running:
            return
        self._running = running
        if self._timer is not None:
            self._timer.setInterval(self._tick_interval_ms())
        if snapshot:
            self._emit_snapshot()
        self._events.runningChanged.emit(running)

    def _tick_interval_ms(self) -> int:
        if self._pace.unpaced:
            return 0
        return int(min(16, max(1, 1000.0 * self._pace.seconds_per_epoch())))

    def _restart_pace(self) -> None:
        self._pace.restart(time.perf_counter())

    def _schedule(self) -> None:
        if self._timer is not None and not self._timer.isActive() and not self._stop_flag:
            self._timer.start()

    def _apply_pending(self) -> bool:
        """Applies the requests that arrived since the last chunk. Returns True when something changed."""
        session = self.session
        if session is None:
            return False
        changed = False
        try:
            if self._pending_model_spec is not None:
                model_spec, self._pending_model_spec = self._pending_model_spec, None
                session.set_model_spec(model_spec)
                if session.epoch == 0:  # fresh weights (new L2/L1 rates keep them): watched from the start
                    self._restart_pace()
                changed = True
            if self._pending_units_off is not None:
                units, self._pending_units_off = self._pending_units_off, None
                session.perform(SetUnitsOff(units))
                changed = True
            if self._pending_train_spec is not None:
                train_spec, self._pending_train_spec = self._pending_train_spec, None
                session.set_train_spec(train_spec)
                changed = True
            if self._pending_dataset is not None:
                (dataset, version), self._pending_dataset = self._pending_dataset, None
                session.set_dataset(dataset, version)
                self._dataset, self._data_version = dataset, version
                changed = True
        except Exception:
            self._fail()
        return changed

    @Slot()
    def _tick(self) -> None:
        timer = self._timer
        assert timer is not None  # the timer ticks only once start() made it
        if self._stop_flag or self.session is None:
            timer.stop()
            return
        changed = self._apply_pending()
        if not self._running:
            timer.stop()
            if changed:
                self._emit_snapshot()
            return
        if _n_train(self._dataset) == 0:  # nothing to learn from yet: wait for points
            timer.setInterval(IDLE_INTERVAL_MS)
            if changed:
                self._emit_snapshot()
            return
        timer.setInterval(self._tick_interval_ms())
        n = self._epochs_due(self.session)
        if n > 0:
            self._train(n)
        if changed or (self._running and time.perf_counter() - self._last_emit >= self._snapshot_interval()):
            self._emit_snapshot()

    def _epochs_due(self, session: Trainable) -> int:
        n = self._pace.due(time.perf_counter(), max(1, int(self._chunk)))
        if self._max_epochs is not None:
            n = min(n, self._max_epochs - session.epoch)
            if n <= 0:
                self._auto_pause("max_epochs")
                return 0
        return n

    def _train(self, n: int) -> None:
        session = self.session
        assert session is not None  # _tick and step_epochs only train a session they hold
        epoch0 = session.epoch
        t0 = time.perf_counter()
        try:
            if self._limiter is not None:
                with self._limiter.limit(limits=1):
                    result = session.step(n)
            else:
                result = session.step(n)
        except Exception:
            self._set_running(False)
            self._fail()
            return
        dt = time.perf_counter() - t0
        done = max(1, session.epoch - epoch0)
        per_epoch = dt / done
        if per_epoch > 0:
            ideal = session.pacing.chunk_target_s / per_epoch
            self._chunk = min(MAX_CHUNK_EPOCHS, max(1.0, 0.5 * self._chunk + 0.5 * ideal))
        if result.diverged:
            snap = self._emit_snapshot()
            self._set_running(False)
            if snap is not None:  # else the failed snapshot was reported
                # the epoch that failed; the weights are those of the one before
                self._events.diverged.emit(Diverged(session.epoch + 1, snap.learning_rate, result.message, snap))
            return
        loss = _last_train_loss(result)
        self._pace.record(time.perf_counter(), loss)
        if self._target_loss is not None and loss is not None and loss <= self._target_loss:
            self._auto_pause("target_loss")
            return
        if self._max_epochs is not None and session.epoch >= self._max_epochs:
            self._auto_pause("max_epochs")

    def _auto_pause(self, why: str) -> None:
        if self._running:
            self._set_running(False, snapshot=True)
            self._events.stopped.emit(why)

    def _snapshot_interval(self) -> float:
        factor = self.session.pacing.snapshot_cost_factor if self.session is not None else 0.0
        return max(SNAPSHOT_INTERVAL_S, factor * self._snapshot_cost)

    def _emit_snapshot(self):
        if self.session is None:  # dropped (its process died)
            return None
        t0 = time.perf_counter()
        try:
            if self._limiter is not None:
                with self._limiter.limit(limits=1):
                    snap = self.session.snapshot(self._grid_bounds, self._grid_size)
            else:
                snap = self.session.snapshot(self._grid_bounds, self._grid_size)
        except Exception:
            self._fail()
            return None
        self._last_emit = time.perf_counter()
        cost = self._last_emit - t0
        self._snapshot_cost = cost if self._snapshot_cost == 0 else 0.8 * self._snapshot_cost + 0.2 * cost
        self._events.snapshotReady.emit(snap)
        return snap


def parse_grid_request(request: GridRequest) -> tuple[tuple[float, ...] | None, int]:
    """(bounds, size) of a grid request from the boundary view (the worker's and the compare bridge's);
    (None, 0) for no grid."""
    if request is None:
        return None, 0
    bounds, size = request
    if bounds is None or not size:
        return None, 0
    return tuple(float(b) for b in bounds), int(size)


def _last_train_loss(result: StepResult) -> float | None:
    """The loss of the last epoch a step ran, if it ran one and the loss is a number."""
    loss = float(result.loss)
    return loss if math.isfinite(loss) else None
