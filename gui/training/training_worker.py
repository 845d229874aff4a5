"""TrainingWorker: owns a TrainingSession and steps it in a background QThread.

The worker is created without a parent and moved to its thread by the TrainingController. Every request from
the GUI arrives as a queued slot call, so it runs between two chunks of training: a chunk is sized to take about
6 ms, which keeps the worker's event loop (and so Pause, Step, a new learning rate, an edited point) responsive.

Snapshots leave the worker at most ~60 times a second by the worker's own clock, and always right after a
request changed something (Step, Reset, new data, new settings, Pause), so the view updates while paused.

The session may live in a child process (``gui.training.session_process.SessionProxy``, what the main window's
factory makes): the worker then drives it through the proxy exactly as a local one, waits on the pipe while
the child trains, and closes the child when it stops. If the child dies, ``failed`` says so once and the
worker drops the session (requests are then ignored) instead of waiting for it.
"""

from __future__ import annotations

import math
import time
import traceback

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from gui.training.session_process import SessionProcessDied
from model.training.session_server import run_command

SNAPSHOT_INTERVAL_S = 1.0 / 60.0
# A snapshot with a fine boundary grid can cost ~10 ms; while training runs, snapshots are spaced so that they
# take at most ~1/4 of the worker's time (a big grid then updates ~30 times a second instead of 60).
SNAPSHOT_COST_FACTOR = 3.0
# A session in a child process: the worker's measure of a snapshot's cost also holds the reply's trip and its
# wait for this process' lock, so the same factor spends a larger share of the child's time on snapshots (at
# 100 000 points the GUI draws ~23 frames a second, fewer than the snapshots made with factor 3).
REMOTE_SNAPSHOT_COST_FACTOR = 4.0
CHUNK_TARGET_S = 0.006
# A session in a child process: every chunk is a round trip, and the worker thread needs this process'
# interpreter lock to read each reply, which can take up to a switch interval (5 ms) while the GUI thread
# paints; the child waits meanwhile. Longer chunks spread that wait (measured: 6 ms chunks kept ~60 % of the
# headless rate at 10 000 points, 20 ms ~72 %); requests still wait at most one chunk, ~20 ms.
REMOTE_CHUNK_TARGET_S = 0.02
MAX_CHUNK_EPOCHS = 100_000
IDLE_INTERVAL_MS = 30


def _default_session_factory(dataset, model_spec, train_spec, seed):
    from model.training.session import TrainingSession

    return TrainingSession(dataset, model_spec, train_spec, seed=seed)


def _is_remote(session) -> bool:
    """Whether `session` is a proxy of one in a child process."""
    return getattr(type(session), "remote_command", None) is not None


def _close_session(session) -> None:
    """Ends the child process of a proxied session (nothing for a local one)."""
    if _is_remote(session):
        session.close()


def _n_train(dataset) -> int:
    if dataset is None:
        return 0
    try:
        return len(dataset.train_y)
    except Exception:
        return 1


class TrainingWorker(QObject):
    """Lives in a QThread. All public slots are meant to be called through queued signals."""

    snapshotReady = Signal(object)  # model.training.snapshot.Snapshot
    runningChanged = Signal(bool)
    diverged = Signal(object)  # dict(epoch, learning_rate, message, snapshot)
    stopped = Signal(str)  # why training paused by itself: "max_epochs", "target_loss"
    failed = Signal(str)  # an exception from the session, as text

    def __init__(self, dataset, model_spec, train_spec, seed: int = 0, data_version: int = 0, session_factory=None):
        super().__init__()  # parentless: it is moved to a thread
        self._factory = session_factory or _default_session_factory
        self._init = (dataset, model_spec, train_spec, int(seed))
        self._dataset = dataset
        self._data_version = int(data_version)
        self.session = None
        self._timer: QTimer | None = None
        self._limiter = None
        self._running = False
        self._stop_flag = False  # set directly from the GUI thread by shutdown(); read between chunks
        self._grid_bounds = None
        self._grid_size = 0
        self._speed = 0.0  # epochs per second, 0 = as fast as possible
        self._max_epochs: int | None = None
        self._target_loss: float | None = None
        self._chunk = 1.0
        self._last_emit = -math.inf
        self._snapshot_cost = 0.0
        self._pending_dataset = None
        self._pending_model_spec = None
        self._pending_train_spec = None
        self._pace_t0 = 0.0
        self._pace_done = 0

    # ------------------------------------------------------------------ life cycle (worker thread)
    @Slot()
    def start(self) -> None:
        """Connected to QThread.started: builds the timer and the session inside the worker thread."""
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)
        try:
            dataset, model_spec, train_spec, seed = self._init
            self.session = self._factory(dataset, model_spec, train_spec, seed)
            if getattr(self.session, "data_version", self._data_version) != self._data_version:
                self.session.set_dataset(dataset, self._data_version)  # same sizes: the weights are kept
        except Exception:
            self._fail()
            return
        if self._stop_flag:  # closed while the session was being built (a child process takes ~1 s)
            self._drop_session()
            return
        try:
            if _is_remote(self.session):  # the child limits its own BLAS threads
                raise ImportError("no limiter needed")
            from threadpoolctl import ThreadpoolController

            self._limiter = ThreadpoolController()
        except Exception:
            self._limiter = None
        self._emit_snapshot()

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
        if _is_remote(session):
            session.kill()

    def _drop_session(self) -> None:
        session, self.session = self.session, None
        _close_session(session)

    def _fail(self) -> None:
        """Reports the exception being handled through `failed`; when it says the session's process died,
        training stops and the session is dropped (later requests are ignored rather than failing again)."""
        import sys

        self.failed.emit(traceback.format_exc())
        if isinstance(sys.exc_info()[1], SessionProcessDied):
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
            self.stopped.emit("max_epochs")
            return
        self._restart_pace()
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
    def set_grid_request(self, request) -> None:
        bounds, size = parse_grid_request(request)
        if (bounds, size) == (self._grid_bounds, self._grid_size):
            return
        self._grid_bounds, self._grid_size = bounds, size
        if not self._running and self.session is not None:
            self._emit_snapshot()

    @Slot(float)
    def set_speed(self, epochs_per_s: float) -> None:
        self._speed = max(0.0, float(epochs_per_s))
        self._restart_pace()
        if self._timer is not None and self._running:
            self._timer.setInterval(self._tick_interval_ms())

    @Slot(object, object)
    def set_limits(self, max_epochs, target_loss) -> None:
        self._max_epochs = int(max_epochs) if max_epochs else None
        self._target_loss = float(target_loss) if target_loss else None

    # One gradient step from one point, one perceptron sample
    pointStepped = Signal(object)  # (loss of the point before, after) of a single-point gradient step
    perceptronUpdated = Signal(object)  # model.nn.perceptron_rule.PerceptronUpdate

    @Slot(object)
    def single_point_step(self, request) -> None:
        """request = (point, label): pauses, applies one gradient-descent step from that point, sends a snapshot."""
        if self.session is None or self._stop_flag:
            return
        self._set_running(False)
        self._apply_pending()
        point, label = request
        try:
            result = self.session.single_point_step(point, label)
        except Exception:
            self._fail()
            return
        self.pointStepped.emit(result)
        self._emit_snapshot()

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
            self.perceptronUpdated.emit(update)
        self._emit_snapshot()

    # Save the session from this thread, adopt a loaded one
    @Slot(object)
    def save_session(self, request) -> None:
        """request = {"path", "view"}: writes the session (the primary one, when the session is a group) with
        model.storage.session_files.save_session, here in the training thread, after the requests queued before it.
        Fills request["epoch"] or request["error"] (the exception), then request["done"] = True. The controller
        calls this through a blocking queued connection, so the GUI reads the answer right after."""
        try:
            if self.session is None:
                raise RuntimeError("there is no training session (it failed to start)")
            if self._apply_pending():
                self._emit_snapshot()
            # in the session's own process when it has one (model.training.session_server.cmd_save)
            request["epoch"] = int(
                run_command(self.session, "save", request.get("kind"), request["path"], request.get("view") or {})
            )
        except Exception as exc:
            request["error"] = exc
        finally:
            request["done"] = True

    @Slot(object, int)
    def replace_session(self, session, version: int) -> None:
        """Adopts a TrainingSession loaded from a file (nothing else holds it), as data version `version`.
        Training pauses; edits queued before this request are dropped (the loaded session supersedes them).
        With a custom session factory (e.g. a SessionGroup) a new session is built by the factory and the
        loaded one's history and training state are put into it (its primary)."""
        if self._stop_flag:
            return
        self._set_running(False)
        self._pending_dataset = self._pending_model_spec = self._pending_train_spec = None
        try:
            if self._factory is _default_session_factory:
                new = session
                run_command(new, "adopt", None, version)
            else:  # a new session (a new child process, for a proxy), given the loaded one's history and state
                new = self._factory(session.dataset, session.model_spec, session.train_spec, session.seed)
                run_command(new, "adopt", session, version)
        except Exception:
            self._fail()
            return
        old, self.session = self.session, new
        if old is not new:
            _close_session(old)
        self._dataset, self._data_version = session.dataset, int(version)
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
        self.runningChanged.emit(running)

    def _tick_interval_ms(self) -> int:
        if self._speed > 0:
            return int(min(16, max(1, 1000.0 / self._speed)))
        return 0

    def _restart_pace(self) -> None:
        self._pace_t0 = time.perf_counter()
        self._pace_done = 0

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
                spec, self._pending_model_spec = self._pending_model_spec, None
                session.set_model_spec(spec)
                changed = True
            if self._pending_train_spec is not None:
                spec, self._pending_train_spec = self._pending_train_spec, None
                session.set_train_spec(spec)
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
        if self._stop_flag or self.session is None:
            self._timer.stop()
            return
        changed = self._apply_pending()
        if not self._running:
            self._timer.stop()
            if changed:
                self._emit_snapshot()
            return
        if _n_train(self._dataset) == 0:  # nothing to learn from yet: wait for points
            self._timer.setInterval(IDLE_INTERVAL_MS)
            if changed:
                self._emit_snapshot()
            return
        self._timer.setInterval(self._tick_interval_ms())
        n = self._epochs_due()
        if n > 0:
            self._train(n)
            self._pace_done += n
        if changed or (self._running and time.perf_counter() - self._last_emit >= self._snapshot_interval()):
            self._emit_snapshot()

    def _epochs_due(self) -> int:
        n = max(1, int(self._chunk))
        if self._speed > 0:
            owed = int(self._speed * (time.perf_counter() - self._pace_t0)) - self._pace_done
            if owed > 2 * n + 2:  # cannot keep up: do not try to catch up in a burst
                self._restart_pace()
                owed = n
            n = min(n, owed)
        if self._max_epochs is not None:
            n = min(n, self._max_epochs - self.session.epoch)
            if n <= 0:
                self._auto_pause("max_epochs")
                return 0
        return n

    def _train(self, n: int) -> None:
        session = self.session
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
            ideal = (REMOTE_CHUNK_TARGET_S if _is_remote(session) else CHUNK_TARGET_S) / per_epoch
            self._chunk = min(MAX_CHUNK_EPOCHS, max(1.0, 0.5 * self._chunk + 0.5 * ideal))
        if getattr(result, "diverged", False):
            snap = self._emit_snapshot()
            self._set_running(False)
            self.diverged.emit(
                {
                    "epoch": session.epoch + 1,  # the epoch that failed; the weights are those of the one before
                    "learning_rate": float(getattr(snap, "learning_rate", float("nan"))),
                    "message": str(getattr(result, "message", "") or ""),
                    "snapshot": snap,
                }
            )
            return
        if self._target_loss is not None:
            loss = _last_train_loss(session, result)
            if loss is not None and loss <= self._target_loss:
                self._auto_pause("target_loss")
                return
        if self._max_epochs is not None and session.epoch >= self._max_epochs:
            self._auto_pause("max_epochs")

    def _auto_pause(self, why: str) -> None:
        if self._running:
            self._set_running(False, snapshot=True)
            self.stopped.emit(why)

    def _snapshot_interval(self) -> float:
        factor = REMOTE_SNAPSHOT_COST_FACTOR if _is_remote(self.session) else SNAPSHOT_COST_FACTOR
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
        self.snapshotReady.emit(snap)
        return snap


def parse_grid_request(request):
    """(bounds, size) of a grid request from the boundary view (the worker's and the compare bridge's).
    Accepts (bounds, size), {"bounds":..., "size":...} or an object with .bounds/.size (None: no grid)."""
    if request is None:
        return None, 0
    if isinstance(request, dict):
        bounds, size = request.get("bounds"), request.get("size", 0)
    elif hasattr(request, "bounds"):
        bounds, size = request.bounds, getattr(request, "size", 0)
    else:
        bounds, size = request
    if bounds is None or not size:
        return None, 0
    return tuple(float(b) for b in bounds), int(size)


def _last_train_loss(session, result):
    loss = getattr(result, "loss", None)
    if loss is None:
        loss = getattr(session, "train_loss", None)
    try:
        loss = float(loss)
    except (TypeError, ValueError):
        return None
    return loss if math.isfinite(loss) else None
