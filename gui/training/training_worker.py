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

The worker is one state machine (running or not), and every slot here changes that state between two chunks.
Its parts of their own: the life cycle and the loop of chunks (``training_loop``, which this class extends with
the GUI's requests), the edits waiting for the next chunk (``pending_edits``), the chunk sizes, limits and
snapshot spacing (``chunk_pacer``), and what the GUI thread hands it (``worker_requests``).
"""

from __future__ import annotations

import time

from PySide6.QtCore import Slot

from gui.training.session_process import SessionProcessDied
from gui.training.training_loop import TrainingLoop
from gui.training.worker_requests import GridRequest, SaveOrder, parse_grid_request
from model.inside.step_phases import StepPhases
from model.training.contract import Diverged, ResumedRun
from model.training.pace import PaceReached
from model.training.requests import ResumeRun, SlowStep
from model.training.session import TrainingSession


class TrainingWorker(TrainingLoop):
    """Lives in a QThread. All public slots are meant to be called through queued signals; what it says goes
    out on ``events`` (a GUI-thread object)."""

    # ------------------------------------------------------------------ requests (queued from the GUI)
    @Slot()
    def play(self) -> None:
        if self.session is None or self._stop_flag:
            return
        self._settle_in_flight()
        self._apply_pending()
        limit = self._pacer.epoch_limit_reached(self.session.epoch)
        if limit is not None:
            self._emit_snapshot()
            self._events.stopped.emit(limit)
            return
        if self.session.epoch == 0:
            self._restart_pace()
        else:  # a long run goes on at the pace it had reached
            self._pacer.pace.resume(time.perf_counter())
        self._set_running(True)
        self._schedule()

    @Slot()
    def pause(self) -> None:
        if self.session is None:
            return
        self._settle_in_flight()  # the chunk under way (the one sent ahead was held back if not started)
        self._apply_pending()
        self._set_running(False, snapshot=True)

    @Slot(int)
    def step_epochs(self, n: int) -> None:
        if self.session is None or self._stop_flag:
            return
        self._settle_in_flight()
        self._set_running(False)
        self._apply_pending()
        if self._has_training_points() and n > 0:
            self._train(int(n))
        self._emit_snapshot()

    @Slot()
    def reset(self) -> None:
        if self.session is None:
            return
        self._settle_in_flight()
        self._apply_pending()
        try:
            self.session.reset()
        except Exception:
            self._fail()
        self._restart_pace()
        self._emit_snapshot()

    @Slot(object, int)
    def set_dataset(self, dataset, version: int) -> None:
        self._pending.dataset = (dataset, int(version))
        self._schedule()

    @Slot(object)
    def set_model_spec(self, spec) -> None:
        self._pending.model_spec = spec
        self._schedule()

    @Slot(object)
    def set_train_spec(self, spec) -> None:
        self._pending.train_spec = spec
        self._schedule()

    @Slot(object)
    def set_units_off(self, units) -> None:
        """The hidden units to switch off (all others on), applied after a model spec that came before it."""
        self._pending.units_off = frozenset(units)
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
            self._pacer.pace.set_pace(key, time.perf_counter())
        except ValueError:
            return
        if self._timer is not None and self._running:
            self._timer.setInterval(self._pacer.tick_interval_ms())

    @Slot(object, object)
    def set_limits(self, max_epochs, target_loss) -> None:
        self._pacer.set_limits(max_epochs, target_loss)

    @Slot(object, object)
    def single_point_step(self, point: tuple[float, ...], label) -> None:
        """Pauses, applies one gradient-descent step from that point, sends a snapshot."""
        if self.session is None or self._stop_flag:
            return
        self._settle_in_flight()
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
        self._settle_in_flight()
        self._set_running(False)
        self._apply_pending()
        try:
            with self._one_blas_thread():
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
        self._settle_in_flight()
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
            if self.session is None and self.process_ended:  # a save can be kept without the process: say so
                raise SessionProcessDied("the training process ended before the session could be written")
            if self.session is None:
                raise RuntimeError("there is no training session (it could not start)")
            self._settle_in_flight()
            if self._apply_pending():
                self._emit_snapshot()
            session = self.session  # settling the last chunk finds a dead process and drops the session
            if session is None:
                raise SessionProcessDied("the training process ended before the session could be written")
            epoch = int(session.perform(order.request))
        except Exception as exc:
            order.answer.set_exception(exc)
        else:
            order.answer.set_result(epoch)

    @Slot(object, int, object)
    def resume_run(self, record, version: int, pace: PaceReached | None = None) -> None:
        """Puts the session back where its finished run ``record`` ended (``ResumeRun``), after the edits waiting
        (the undone edit, which started the pace afresh); training going on goes on from there, at ``pace`` (the
        pace the run had reached when it was left; None: afresh), and a snapshot shows it at once."""
        if self.session is None or self._stop_flag:
            return
        self._settle_in_flight()
        self._apply_pending()
        session = self.session
        if session is None:
            return
        try:
            resumed = session.perform(ResumeRun(record, int(version)))
        except Exception:
            self._fail()
            return
        if resumed and pace is not None:
            self._pacer.pace.go_on(pace, time.perf_counter())
            if self._timer is not None and self._running:
                self._timer.setInterval(self._pacer.tick_interval_ms())
        self._emit_snapshot()

    @Slot(object, int, object, object, object)
    def replace_session(
        self,
        loaded: TrainingSession,
        version: int,
        run: ResumedRun | None = None,
        members: tuple = (),
        pace: PaceReached | None = None,
    ) -> None:
        """Adopts a TrainingSession loaded from a file (nothing else holds it), as data version `version`.
        Training pauses; edits queued before this request are dropped (the loaded session supersedes them).
        The factory decides how (``SessionFactory.adopt``): the loaded session itself, or a new session (a
        group in a child process) given its history and training state, going on with ``run`` if given, at
        ``pace`` (the pace that run had reached before its process died; None: afresh), with ``members``
        (``AddMember`` requests: the compared models of a session file) beside it."""
        if self._stop_flag:
            return
        self._set_running(False)
        self._pending.clear()
        self._settle_in_flight()  # the old session's last chunk: its reply is handled, not lost
        try:
            new = self._factory.adopt(loaded, version, run, members)
        except Exception:
            self._fail()
            return
        old, self.session = self.session, new
        self.process_ended = False
        self._watch_process(new)  # before the old one closes: its end is no death to report
        if old is not None and old is not new:
            old.close()
        self._limiter = self._blas_limiter(new)
        self._dataset, self._data_version = loaded.dataset, int(version)
        self._pacer.forget_chunk_size()
        if run is not None and pace is not None:  # a run that goes on is not watched from its start again
            self._pacer.pace.go_on(pace, time.perf_counter())
        else:
            self._restart_pace()
        self._emit_snapshot()
