"""TrainingController: the GUI thread's handle on the training thread.

It owns a QThread and the TrainingWorker moved into it, and turns plain method calls into queued requests
(so they run between two chunks of training). It is the worker's ``TrainingEvents``: the worker emits the
snapshots, running state, divergence, automatic pauses and failures on this object's signals from its own
thread, and views connect here; nothing re-emits them. The controller only keeps what it needs to answer
``running`` and ``latest_snapshot``. ``shutdown()`` ends the thread cleanly (flag, quit, wait); the worker
ends the session's child process, if it has one, before its thread ends.
"""

from __future__ import annotations

import logging
import os
import signal
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from gui.training.training_events import TrainingEvents
from gui.training.training_worker import TrainingWorker
from gui.training.worker_requests import GridRequest, SaveOrder
from model.training.contract import ResumedRun, SaveDone, SessionFactory, SessionProcessEnded, TrainingFailure
from model.training.pace import PaceReached
from model.training.requests import AddMember, SaveSession

log = logging.getLogger(__name__)

#: How long a save may take in the training thread before the GUI stops waiting (a chunk plus the write).
SAVE_TIMEOUT_S = 60.0

#: The exit codes of a child ended by a signal that a logout, a shutdown or Ctrl-C sends to the whole process
#: group: the app gets it too and closes (``gui.files.close_on_signals``), and the child's end is no failure then.
ENDED_WITH_THE_APP = frozenset(
    -s for s in (getattr(signal, "SIGTERM", None), signal.SIGINT, getattr(signal, "SIGHUP", None)) if s is not None
)
#: The application's property set to the signal that is ending the app (by ``CloseOnSignals``).
ENDING_ON_SIGNAL = "endingOnSignal"


def app_ending_on_signal() -> bool:
    app = QCoreApplication.instance()
    return app is not None and bool(app.property(ENDING_ON_SIGNAL))


class TrainingController(TrainingEvents):
    # requests, delivered to the worker through queued connections
    _playRequested = Signal()
    _pauseRequested = Signal()
    _stepRequested = Signal(int)
    _resetRequested = Signal()
    _datasetRequested = Signal(object, int)
    _modelSpecRequested = Signal(object)
    _trainSpecRequested = Signal(object)
    _unitsOffRequested = Signal(object)
    _gridRequested = Signal(object)
    _paceRequested = Signal(str)
    _limitsRequested = Signal(object, object)
    _pointStepRequested = Signal(object, object)
    _sampleStepRequested = Signal()
    _slowStepRequested = Signal(object, object)
    _saveSessionRequested = Signal(object)
    _replaceSessionRequested = Signal(object, int, object, object, object)
    _resumeRunRequested = Signal(object, int, object)
    _stopRequested = Signal()

    def __init__(
        self,
        dataset,
        model_spec,
        train_spec,
        seed: int = 0,
        data_version: int = 0,
        parent: QObject | None = None,
        session_factory: SessionFactory | None = None,
    ):
        super().__init__(parent)
        self._running = False
        self._latest = None
        self._latest_pace: PaceReached | None = None
        # Connected before anyone else: a view's slot already sees the state its signal brought.
        self.paceReached.connect(self._remember_pace)
        self.snapshotReady.connect(self._remember_snapshot)
        self.runningChanged.connect(self._remember_running)
        self.failed.connect(self._log_failure)
        self._thread: QThread | None = QThread()
        self._thread.setObjectName("TrainingThread")
        self._worker: TrainingWorker | None = TrainingWorker(
            self, dataset, model_spec, train_spec, seed=seed, data_version=data_version, session_factory=session_factory
        )
        self._worker.moveToThread(self._thread)

        w, t = self._worker, self._thread
        t.started.connect(w.start)
        t.finished.connect(w.deleteLater)
        self._playRequested.connect(w.play)
        self._pauseRequested.connect(w.pause)
        self._stepRequested.connect(w.step_epochs)
        self._resetRequested.connect(w.reset)
        self._datasetRequested.connect(w.set_dataset)
        self._modelSpecRequested.connect(w.set_model_spec)
        self._trainSpecRequested.connect(w.set_train_spec)
        self._unitsOffRequested.connect(w.set_units_off)
        self._gridRequested.connect(w.set_grid_request)
        self._paceRequested.connect(w.set_pace)
        self._limitsRequested.connect(w.set_limits)
        self._pointStepRequested.connect(w.single_point_step)
        self._sampleStepRequested.connect(w.perceptron_sample_step)
        self._slowStepRequested.connect(w.slow_step)
        self._saveSessionRequested.connect(w.save_session)
        self._replaceSessionRequested.connect(w.replace_session)
        self._resumeRunRequested.connect(w.resume_run)
        self._stopRequested.connect(w.stop)

        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        t.start()

    # ------------------------------------------------------------------ state
    @property
    def running(self) -> bool:
        return self._running

    @property
    def latest_snapshot(self):
        return self._latest

    @property
    def latest_pace(self) -> PaceReached | None:
        """How fast training went when ``latest_snapshot`` was made (None: not told yet)."""
        return self._latest_pace

    @property
    def is_alive(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    # ------------------------------------------------------------------ requests
    def _send(self, signal, *args) -> None:
        """Emits a request to the worker, which first learns that one is on its way (``TrainingLoop.want_turn``:
        no chunk goes ahead of it, so it waits for the chunk under way, as a chunk at a time did)."""
        worker = self._worker
        if worker is not None:
            worker.want_turn()
        signal.emit(*args)

    def play(self) -> None:
        self._send(self._playRequested)

    def pause(self) -> None:
        self._send(self._pauseRequested)

    def toggle(self) -> None:
        self.pause() if self._running else self.play()

    def step(self, n_epochs: int = 1) -> None:
        self._send(self._stepRequested, int(n_epochs))

    def reset(self) -> None:
        self._send(self._resetRequested)

    def set_dataset(self, dataset, version: int) -> None:
        self._send(self._datasetRequested, dataset, int(version))

    def set_model_spec(self, spec) -> None:
        self._send(self._modelSpecRequested, spec)

    def set_train_spec(self, spec) -> None:
        self._send(self._trainSpecRequested, spec)

    def set_units_off(self, units) -> None:
        """Exactly these hidden units switched off ((layer, unit) pairs, see ``model.nn.units_off``), all others on;
        training goes on (or, paused, a fresh snapshot shows the change)."""
        self._send(self._unitsOffRequested, frozenset((int(layer), int(unit)) for layer, unit in units))

    def set_grid_request(self, request: GridRequest) -> None:
        self._send(self._gridRequested, request)

    def set_pace(self, key: str) -> None:
        """A pace of ``model.training.pace.PACES`` by its key: "watch", "max" or a fixed rate such as "100"."""
        self._send(self._paceRequested, str(key))

    def set_limits(self, max_epochs, target_loss) -> None:
        self._send(self._limitsRequested, max_epochs, target_loss)

    def single_point_step(self, point, label) -> None:
        """One gradient-descent step from one point (training pauses); answered by pointStepped + a snapshot."""
        self._send(self._pointStepRequested, tuple(float(v) for v in point), label)

    def perceptron_sample_step(self) -> None:
        """The perceptron rule on the next training sample (training pauses); answered by perceptronUpdated."""
        self._send(self._sampleStepRequested)

    def slow_step(self, point=None, label=None) -> None:
        """The next step (one epoch) taken apart into its phases for the probed point (None: the batch's first
        sample); training pauses. Answered by slowStepped (``StepPhases`` or ``SlowStepRefused``) + a snapshot."""
        self._send(self._slowStepRequested, None if point is None else tuple(float(v) for v in point), label)

    def save_session(self, path, view: dict | None = None, kind: str = "session", runs: tuple = ()) -> int:
        """Writes the worker's session to `path` (model.storage.session_files format, or with kind="script" the
        experiment as a standalone NumPy script) in the training thread, after the requests already queued;
        blocks until written and returns the epoch saved. Raises what the save raised (OSError, TypeError for
        a bad view) or RuntimeError when the training thread is not running or does not answer. ``runs``: the run
        table's finished runs a session file keeps (``model.storage.session_runs.SavedRun``)."""
        if not self.is_alive or self._worker is None:
            raise RuntimeError("the training thread is not running")
        answer: Future = Future()
        order = SaveOrder(SaveSession(os.fspath(path), dict(view or {}), kind, tuple(runs)), answer)
        self._send(self._saveSessionRequested, order)
        try:
            return int(answer.result(timeout=SAVE_TIMEOUT_S))
        except FutureTimeout:
            answer.cancel()  # the worker skips it if it has not started
            raise RuntimeError("the training thread did not answer") from None

    def request_save(self, path, view: dict | None = None, runs: tuple = ()) -> Future:
        """Asks the training thread to write the session to `path` (as ``save_session``) without waiting: the
        GUI goes on, and ``saveDone`` brings a ``SaveDone`` when it is written or failed. The returned Future
        is for a caller that must later be sure the write has ended (it resolves in the training thread).
        Raises RuntimeError when the training thread is not running."""
        if not self.is_alive or self._worker is None:
            raise RuntimeError("the training thread is not running")
        path = os.fspath(path)
        answer: Future = Future()

        def report(done: Future) -> None:  # runs in the training thread: the signal is queued to the GUI
            if done.cancelled():
                return
            error = done.exception()
            try:
                self.saveDone.emit(SaveDone(path, None if error else int(done.result()), error))
            except RuntimeError:  # the controller is gone (the window closed): nobody waits for the reply
                pass

        answer.add_done_callback(report)
        self._send(
            self._saveSessionRequested, SaveOrder(SaveSession(path, dict(view or {}), "session", tuple(runs)), answer)
        )
        return answer

    def replace_session(
        self,
        session,
        data_version: int,
        run: ResumedRun | None = None,
        members: tuple[AddMember, ...] = (),
        pace: PaceReached | None = None,
    ) -> None:
        """Hands a TrainingSession loaded from a file to the worker (which pauses and continues from it); the
        caller must not touch `session` afterwards. Requests made before this one no longer apply. With ``run``
        (training restarted after its process died: the run under way; a session file opened: its main run under
        the number and name the run table gives it) that run goes on instead of a new one, at ``pace`` (the
        ``latest_pace`` it had reached; None: the pace starts afresh). ``members``: the compared models the file
        keeps, added beside it before anything else happens to the new session."""
        self._send(self._replaceSessionRequested, session, int(data_version), run, tuple(members), pace)

    def resume_run(self, record, data_version: int, pace: PaceReached | None = None) -> None:
        """The main model back where its finished run ``record`` (a ``RunRecord`` with what a restore needs) ended,
        going on with that run, as data version ``data_version``: after the requests queued before this one (the
        undone edit that had started it afresh); training under way goes on from there, at ``pace`` (the
        ``latest_pace`` the run had when it was left; None: the pace starts afresh). A run that no longer fits the
        model and data (``model.training.fresh_start.why_not_resumed``) leaves the session as it is."""
        self._send(self._resumeRunRequested, record, int(data_version), pace)

    @Slot()
    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stops the worker and its thread; returns True when the thread has ended. Safe to call twice."""
        thread, worker = self._thread, self._worker
        if thread is None:
            return True
        if worker is not None:
            worker.request_stop()  # a plain flag, read between chunks (and counted as a request: see _send)
            self._stopRequested.emit()  # the worker stops its timer and quits its own event loop
        ok = thread.wait(timeout_ms)
        if not ok:
            if worker is not None:
                worker.kill_session()  # a session's child process that does not answer: its request fails
            thread.quit()
            ok = thread.wait(timeout_ms)
        if not ok:
            log.error("the training thread did not stop within %.1f s", 2 * timeout_ms / 1000)
            return False
        self._thread = None
        self._worker = None  # deleted in its thread by QThread.finished -> deleteLater
        if self._running:  # at once: the worker's own "paused" is still queued
            self._running = False
            self.runningChanged.emit(False)
        return True

    # ------------------------------------------------------------------ what the controller keeps
    @Slot(object)
    def _remember_snapshot(self, snap) -> None:
        self._latest = snap

    @Slot(object)
    def _remember_pace(self, pace: PaceReached) -> None:
        self._latest_pace = pace

    @Slot(bool)
    def _remember_running(self, running: bool) -> None:
        self._running = running if self._thread is not None else False

    #: How long a child ended by such a signal waits to be logged: the app closing on the same signal ends first.
    ENDED_WITH_THE_APP_GRACE_MS = 3000

    @Slot(object)
    def _log_failure(self, failure: TrainingFailure) -> None:
        if isinstance(failure, SessionProcessEnded) and failure.exit_code in ENDED_WITH_THE_APP:
            # Logged only if the app is still open, and not ending on a signal, a moment later (the signal reaches
            # the app a little after the child): the child was killed alone, not with the whole process group.
            QTimer.singleShot(self.ENDED_WITH_THE_APP_GRACE_MS, self, lambda: self._log_unless_closed(failure))
            return
        log.error("training failed:\n%s", failure.traceback)

    def _log_unless_closed(self, failure: TrainingFailure) -> None:
        if self._thread is not None and not app_ending_on_signal():  # the app goes on: the child was ended alone
            log.error("training failed:\n%s", failure.traceback)
