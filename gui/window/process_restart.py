"""When the training process dies (killed, out of memory): say so in words, keep the points and the last
snapshot, and offer to start training again from the last weights the window has, going on with the run under way.

The window keeps every point (the document is the GUI's) and the newest snapshot (its weights, epoch and
curves). "Restart training" builds a session in this process from the data, the panels' settings and that
snapshot, and hands it to the training thread as an opened session file is handed (a new child process
adopts it); Play, Reset, model edits and Save work again from there. The timeline the dead process held is
given back from the moments the window kept of it (``KeptTimeline``): the person can still go back to an epoch
trained before the death, and the status bar says how far back. Play, Step, Reset and Save do the same
first (``revive``): with no process they would do nothing, or fail to save the person's work.

The models compared beside the main one come back too (``KeptMembers``), each from its last snapshot under its
name and colour, going on with its run as the main model does; the status bar names them. Those the person
removed, edited or added while no process ran come back as they were left.

The run under way when the process died goes on (``goes_on``), however many times in a row the process dies
(one that dies before the window heard of its runs leaves them to the next restart): the same row of the run
table, its epochs growing, at the pace it had reached (a run sped up under Watch is not watched from its slow start
again), unless the settings the training starts again with make it another story (another architecture or task,
weights that could not be carried over); then a new run starts, as a model edit starts one, at the pace's start.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, Slot

from gui.window.kept_members import given_back_sentence
from model.storage.session_files import save_session
from model.storage.session_runs import SavedRun
from model.training.contract import ResumedRun, SessionProcessEnded, TrainingFailure
from model.training.fresh_start import new_architecture
from model.training.runs import RunRecord, RunTable
from model.training.session import TrainingSession
from model.training.snapshot_moments import carry_timeline, describes
from model.training.snapshot_start import SnapshotStart
from model.training.specs import ModelSpec, TrainSpec


class ProcessRestart(QObject):
    """Routes the controller's ``failed`` reports: a dead training process gets an offer to restart,
    any other error the notices' usual message."""

    def __init__(self, controller, document, panels, notices, kept, members, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.document = document
        self.panels = panels
        self.notices = notices
        self.kept = kept  # KeptTimeline: the moments of the main model the window was shown
        #: The window's run table (set once the run table is built): the run under way is found there.
        self.runs: RunTable | None = None
        #: Told the run ids the new process goes on with (set with ``runs``): their rows stay "training".
        self.runs_go_on: Callable[[set[int]], None] | None = None
        self.members = members  # KeptMembers: the compared models and their last snapshots
        members.main_settings = self.main_settings  # a model added while no process runs may copy the main one
        members.main_run_name = self.main_run_name  # nor may it be called as the main model's run is
        members.edited.connect(self._on_members_edited)
        self.died = False
        self._ended = ""  # how the dead process ended
        #: The runs the last restart went on with (run ids): the main model's (None) and each compared model's by the
        #: session id it was kept under (``_went_on_with``).
        self._went_on: dict[int | None, int] = {}

    @Slot(object)
    def on_failed(self, failure: TrainingFailure) -> None:
        if not isinstance(failure, SessionProcessEnded):
            self.notices.show_failure(failure)
            return
        self.died = True
        self.members.hold()
        self._ended = failure.summary or "it ended"
        self.notices.invite(self._offer(), "Restart training", self.restart)

    def _offer(self) -> str:
        """The banner's words: how the process ended and what is kept (the compared models as they are now)."""
        snap = self.controller.latest_snapshot
        kept = f"the weights of epoch {int(snap.epoch):,}" if snap is not None else "the settings"
        compared = self.members.members
        if len(compared) == 1:
            kept += f" and the compared model “{compared[0].name}”"
        elif compared:
            kept += f" and the {len(compared)} compared models"
        return f"The training process stopped unexpectedly ({self._ended}). Your points are kept, and {kept}."

    @Slot()
    def _on_members_edited(self) -> None:
        """The person removed, edited or added a compared model while no process runs: the banner says what is
        kept now."""
        if self.died:
            self.notices.reword(self._offer(), self.restart)

    def main_settings(self) -> tuple[ModelSpec, TrainSpec, int]:
        """The main model's settings and seed as training starts again with them: the panels'."""
        seed = int(self.panels.data.params().get("seed", 0))
        return self.panels.model.model_spec(), self.panels.training.train_spec(), seed

    def main_run_name(self) -> str:
        """The name of the main model's run under way ("" for none): a restart goes on with it, and the recovery
        file keeps it."""
        run = self.run_under_way()
        return run.name if run is not None else ""

    def rebuilt_session(self) -> TrainingSession:
        """A session from the data, the panels' settings and the last snapshot's weights, epoch and curves (the
        optimizer's memory starts afresh), with a timeline of the moments the window kept before it. Raises
        ValueError or TypeError when the settings make no session."""
        model_spec, train_spec, seed = self.main_settings()
        session = TrainingSession(self.document.dataset, model_spec, train_spec, seed=seed)
        snap = self.controller.latest_snapshot
        start = SnapshotStart.of(snap) if snap is not None else None
        if start is not None and start.fits(session) and self._of_model(snap, model_spec):
            start.resume(session)  # the optimizer's memory starts afresh
            carry_timeline(session, self.kept.timeline)
        return session

    def _of_model(self, snap, model_spec: ModelSpec) -> bool:
        """Whether the last snapshot's weights are of ``model_spec`` (the panel's): not after an edit (or its undo)
        to another architecture made while no process ran, of the same shape (tanh for relu), whose network starts
        from fresh weights; the run under way says what a snapshot cannot (the weight init)."""
        if not describes(snap, self.document.dataset, model_spec):
            return False
        run = self.run_under_way()
        return run is None or run.model_spec is None or not new_architecture(run.model_spec, model_spec)

    def run_under_way(self) -> RunRecord | None:
        """The run the last snapshot was of, if the run table still lists it as training."""
        snap = self.controller.latest_snapshot
        if self.runs is None or snap is None or snap.session_id is None:
            return None
        return self.runs.for_session(int(snap.session_id)) or self._went_on_with(None)

    def _went_on_with(self, session_id: int | None) -> RunRecord | None:
        """The run the last restart went on with for the main model (None) or the compared model that was
        ``session_id``, if the run table still lists it as training: the process it restarted in died before the
        window heard all of it (its snapshot may come before the run it took up under its own session)."""
        run_id = self._went_on.get(session_id)
        run = self.runs.get(run_id) if self.runs is not None and run_id is not None else None
        return run if run is not None and run.live else None

    def member_runs(self) -> dict[int, ResumedRun]:
        """The run each compared model was on, by its session id, as it goes on from its last snapshot (one whose
        snapshot never came, or that the run table does not list as training, starts a new run); one an undo gave
        back while no process ran goes on from the state its run's record kept."""
        runs: dict[int, ResumedRun] = {}
        if self.runs is None:
            return runs
        for member in self.members.members:
            sid = member.session_id
            run = self.runs.for_session(sid) or self._went_on_with(sid)
            epoch = self.members.epoch_of(sid)
            if run is not None and epoch is not None:
                runs[sid] = ResumedRun(run.run_id, run.name, epoch, run.wall_time, run.parent_id, run.branch_epoch)
        return runs

    def goes_on(self, run: RunRecord, session: TrainingSession) -> bool:
        """Whether ``session`` (``rebuilt_session``) goes on with ``run``: its weights were carried over (it
        stands at the last snapshot's epoch), with the same architecture and task. An edit of the architecture
        made since, or data of another shape, makes it a new run, as it would have with the process alive; new
        L2/L1 rates or training settings go on with the run."""
        snap = self.controller.latest_snapshot
        carried = (
            snap is not None
            and np.shape(snap.params) == session.network.params.shape
            and session.epoch == int(snap.epoch)
        )
        same_model = run.model_spec == session.model_spec or run.model_spec.only_penalties_differ(session.model_spec)
        return carried and same_model and run.task == session.task

    def keep(self, path: str, view: dict, runs: tuple[SavedRun, ...] = ()) -> None:
        """While the process is dead: writes what the window has (``rebuilt_session`` and the compared models
        from their last snapshots, the run table's finished ``runs``) to ``path``, here, so that the autosave keeps
        the work done since the death too (there is no session to ask)."""
        saved = self.members.saved(self.document.dataset)
        # the main run's name too: opened again, the main model's run is called as it was
        save_session(self.rebuilt_session(), path, view, saved, self.main_run_name(), runs)

    def superseded(self) -> None:
        """A session opened from a file now trains in a new process: nothing of the dead one is to be restarted
        (a later Play, Save or autosave would otherwise put a rebuilt session in the place of the file's), and
        the runs a restart went on with are not its runs."""
        self.died = False
        self._went_on = {}

    def revive(self) -> bool:
        """Before a request only a training session can answer (Play, Step, Reset, Save): start training again if
        the process died. False when it could not start (the person was told why)."""
        return not self.died or self.restart()

    @Slot()
    def restart(self) -> bool:
        """Start training again: a new session from the data, the panels and the last snapshot's weights."""
        try:
            session = self.rebuilt_session()
        except (ValueError, TypeError) as exc:
            self.notices.warn(f"Training could not start again: {exc}")
            return False
        first = session.timeline.first if session.timeline is not None else None
        run = self.run_under_way()
        resumed = run is not None and self.goes_on(run, session)
        self.kept.continue_in_next_session()
        main_run = (
            ResumedRun(run.run_id, run.name, session.epoch, run.wall_time) if run is not None and resumed else None
        )
        kept_models = self.members.members
        members = self.members.requests(self.member_runs())  # back before anything else reaches the process
        self._went_on = {m.session_id: r.run.run_id for m, r in zip(kept_models, members, strict=True) if r.run}
        if main_run is not None:
            self._went_on[None] = main_run.run_id
        if self.runs_go_on is not None:
            self.runs_go_on({r.run_id for r in (main_run, *(m.run for m in members)) if r is not None})
        # the run under way goes on at the pace it had reached: the person had watched its start already
        pace = self.controller.latest_pace if main_run is not None else None
        self.controller.replace_session(session, self.document.version, main_run, members=members, pace=pace)
        compared = given_back_sentence(self.members.give_back())
        self.died = False
        self.notices.dismiss()
        recovered_from = first.epoch if first is not None and first.epoch < session.epoch else None
        said = restart_sentence(run.name if run is not None else None, resumed, session.epoch, recovered_from, compared)
        self.notices.status(said, 10000 if compared else 8000)
        return True


def restart_sentence(run: str | None, resumed: bool, epoch: int, recovered_from: int | None, compared: str) -> str:
    """What the status bar says once training restarted: the run under way (``run``, its name) resumed at ``epoch``
    or a new run begun, how far back the timeline was recovered (None: not at all), then ``compared`` (the compared
    models given back, see ``given_back_sentence``), before which the rest is said shorter so that their names fit."""
    short = bool(compared)
    if run is not None and resumed:
        head = f"{run} resumed from epoch {epoch:,}" + ("" if short else " (training restarted from its last weights)")
    elif run is not None:
        head = (
            f"Training restarted as a new run ({run}'s model or data changed)"
            if short
            else f"Training restarted as a new run ({run} cannot go on: the model or the data changed)"
        )
    else:
        head = f"Training restarted from {'' if short else 'the weights of '}epoch {epoch:,}"
    if short:
        timeline = f"timeline back to epoch {recovered_from:,}" if recovered_from is not None else "new timeline"
        return f"{head} ({timeline}). {compared}"
    if recovered_from is not None:
        return f"{head}; the timeline was recovered back to epoch {recovered_from:,} (the moments the window drew)."
    return f"{head}; the timeline starts again here."
