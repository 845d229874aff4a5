"""Compare, rewind, and see the loss landscape: the experiment views and what they ask of training.

``Experiments`` builds

- a "Compare models" dock: up to three more models training beside the main one on the same data,
  each in its own boundary view (linked zoom/pan, same data edits), each with its own colour in the
  shared loss/accuracy chart, each with its own editable settings; Play/Pause/Step/Reset act on all
  (the training thread steps every model in turn: see ``model.training.session_group``);
- a timeline bar (bottom): scrub back through any model's training, "Branch from here…";
- a "Loss landscape" dock: the loss on a plane through the present weights with the path on it;
- a "Runs" dock: every run, sortable, CSV export, double-click to restore;
- an "Experiments" menu with those actions and the docks' toggles.

The main window creates the ``CompareManager`` before its ``TrainingController`` (whose worker builds
the group through ``CompareManager.session_factory``), then ``Experiments``, with the objects it needs: the
manager and the controller, the data document, the panels (the main model's settings), the plot and the
curves, the dock layout, the notices, and ``show_primary(snap)``, which shows a snapshot as the main model's
state everywhere (the timeline shows a past moment that way). The window puts ``menu`` in its menu bar.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from gui.experiments.compare_view import CompareView
from gui.experiments.landscape_view import LandscapeView
from gui.experiments.member_frames import MemberFrames
from gui.experiments.model_settings import SettingsDialog
from gui.experiments.run_table import RunTableView
from gui.experiments.side_by_side import SideBySide
from gui.experiments.timeline_bar import TimelineBar
from model.training.group_contract import RunEvent, RunRenamed

LANDSCAPE_FOLLOW_MS = 1000


class Experiments(QObject):
    """Creates the compare/timeline/landscape/runs views and connects them to the manager and the controller."""

    def __init__(self, *, manager, controller, document, panels, plot, curves, docks, notices, show_primary):
        super().__init__(docks.owner)
        self.manager = manager
        self.controller = controller
        self.document = document
        self.panels = panels
        self.curves = curves
        self.docks = docks
        self.notices = notices
        self._show_primary = show_primary
        self.compare_view = CompareView()
        self.compare_view.attach(plot)
        self.timeline = TimelineBar()
        self.landscape = LandscapeView()
        self.runs = RunTableView()
        self._info: dict = {}
        self._member_latest: dict = {}  # session id -> newest live snapshot of an extra model
        self._moment = None  # the past moment shown (a Snapshot) while scrubbing
        self._moment_specs = None
        self._model_spec = panels.model.model_spec()  # the model the present is of (a new one leaves the past)
        self._curve_runs: set[int] = set()  # the curves-view runs of the extra models
        self._going_on: set[int] = set()  # run ids the next group goes on with (training restarted)
        self._unconfirmed: set[int] = set()  # of those, the runs the new group has not announced yet

        self.compare_dock = docks.new_dock(
            "compareDock", "Compare", self.compare_view, Qt.RightDockWidgetArea, full_title="Compare models"
        )
        self.runs_dock = docks.new_dock("runsDock", "Runs", self.runs, Qt.BottomDockWidgetArea)
        # beside the plot, where the inside views are: a surface wants height as much as width, and a band under
        # the plot left it ~170 px at every window size (its chart scrolled out of sight or squeezed to a strip)
        self.landscape_dock = docks.new_dock(
            "landscapeDock", "Landscape", self.landscape, Qt.RightDockWidgetArea, full_title="Loss landscape"
        )
        self.timeline_toolbar = QToolBar("Timeline")
        self.timeline_toolbar.setObjectName("timelineBar")
        self.timeline_toolbar.setMovable(False)
        self.timeline_toolbar.addWidget(self.timeline)
        docks.add_toolbar(self.timeline_toolbar, Qt.BottomToolBarArea)

        self.side_by_side = SideBySide(
            manager=manager,
            panels=panels,
            document=document,
            compare_dock=self.compare_dock,
            docks=docks,
            notices=notices,
        )
        self.member_frames = MemberFrames(
            self.compare_view,
            curves,
            self.compare_dock.isVisible,
            lambda: controller.running,
            parent=self,
        )

        self._follow = QTimer(self)
        self._follow.setInterval(LANDSCAPE_FOLLOW_MS)
        self._follow.timeout.connect(self._on_follow_tick)

        self._build_actions()
        self._connect(plot)
        self._timeline_models: list = []
        self._show_run_names()
        self.manager.set_grid_request(plot.grid_request())

    # ------------------------------------------------------------------ construction
    def _build_actions(self) -> None:
        w = self.docks.owner
        self.branch_action = QAction("Branch from here…", w)
        self.branch_action.setShortcut(QKeySequence("Ctrl+B"))
        self.branch_action.setToolTip("A new run from the moment shown on the timeline, with other settings.")
        menu = QMenu("E&xperiments", w)
        for a in self.side_by_side.add_actions():
            menu.addAction(a)
        menu.addSeparator()
        menu.addAction(self.branch_action)
        menu.addSeparator()
        for dock, text in (
            (self.compare_dock, "Compare models"),
            (self.landscape_dock, "Loss landscape"),
            (self.runs_dock, "Run table"),
        ):
            toggle = dock.toggleViewAction()
            toggle.setText(text)
            menu.addAction(toggle)
        timeline_toggle = self.timeline_toolbar.toggleViewAction()
        timeline_toggle.setText("Timeline")
        timeline_toggle.setStatusTip("Shows or hides the timeline, to go back through training and branch from it.")
        menu.addAction(timeline_toggle)
        self.menu = menu
        #: actions whose shortcuts work in the whole window, even with the menu bar hidden
        self.shortcut_actions = [self.side_by_side.add_copy_action, self.branch_action]

    def _connect(self, plot) -> None:
        m, c = self.manager, self.controller
        m.membersChanged.connect(self._on_members_changed)
        m.memberSnapshot.connect(self._on_member_snapshot)
        m.runInfo.connect(self._on_run_info)
        m.runEvent.connect(self._on_run_event)
        m.momentReady.connect(self._on_moment)
        m.landscapeReady.connect(self.landscape.set_landscape)
        m.message.connect(self._on_message)
        m.groupReplaced.connect(self._on_group_replaced)
        m.memberWaiting.connect(self._on_member_waiting)
        m.runsEnded.connect(self._on_runs_ended)
        m.runsBack.connect(self._on_runs_back)
        c.snapshotReady.connect(self._on_primary_snapshot)  # after the window's own slot: see _on_primary_snapshot
        c.runningChanged.connect(self._on_running_changed)
        self.document.datasetChanged.connect(self._on_data_changed)  # after the views have the new data
        self.panels.model.modelSpecChanged.connect(self._on_model_changed)  # an edit, its undo or redo, a fresh start
        plot.gridRequestChanged.connect(m.set_grid_request)

        self.branch_action.triggered.connect(self._on_branch_action)
        self.compare_view.settingsRequested.connect(self.side_by_side.edit_settings)
        self.compare_view.removeRequested.connect(self.side_by_side.remove)
        self.timeline.momentRequested.connect(self._on_moment_requested)
        self.timeline.liveRequested.connect(self._on_live)
        self.timeline.branchRequested.connect(self._on_branch_requested)
        self.landscape.recomputeRequested.connect(self._on_landscape_requested)
        self.landscape_dock.visibilityChanged.connect(self._on_landscape_visible)
        self.landscape_dock.toggleViewAction().triggered.connect(self._on_landscape_asked)
        self.runs.restoreRequested.connect(self._on_restore)
        self.runs.followRequested.connect(self._on_follow_run)

    def _end_unconfirmed_runs(self) -> None:
        """The new group has announced its runs: those it was to go on with and did not (it could not take one
        up) have ended."""
        unconfirmed, self._unconfirmed = self._unconfirmed, set()
        ended = [r for r in self.runs.model.table if r.live and r.run_id in unconfirmed]
        for record in ended:
            self._end(record)
        if ended:
            self.runs.model.layoutChanged.emit()

    @Slot(object)
    def _on_members_changed(self, members) -> None:
        # The new group lists its models after announcing its runs; the models kept while its process is dead
        # (``CompareManager.held``) announce nothing: the runs it never took up go on with the next restart.
        if not self.manager.held:
            self._end_unconfirmed_runs()
        cv = self.curves
        wanted = {sid for sid, *_ in members}
        for sid in self._curve_runs - wanted:  # only the runs added here (the main model's is the view's own)
            cv.remove_run(sid)
        for member in members:
            cv.add_run(member.session_id, member.colour, member.name)
        self._curve_runs = set(wanted)
        for sid in list(self._member_latest):
            if sid not in wanted:
                del self._member_latest[sid]
        self.member_frames.keep_only(wanted)
        self.compare_view.set_members(members)
        self._show_run_names()
        if members and not self.compare_dock.isVisible():
            self.side_by_side.show_compare()

    @Slot(int)
    def _on_member_waiting(self, session_id: int) -> None:
        """A compared model whose last weights are not its own any more (a new architecture while no process ran,
        see ``CompareManager.memberWaiting``): its pane and its curves start empty, as they will train."""
        self._member_latest.pop(session_id, None)
        self.member_frames.keep_only({m.session_id for m in self.manager.members} - {session_id})
        self.compare_view.show_waiting(session_id)
        if session_id in self._curve_runs:
            self.curves.remove_run(session_id)
            self.curves.add_run(session_id, self.manager.colour_of(session_id), self.manager.name_of(session_id))

    @Slot(object)
    def _on_runs_ended(self, session_ids) -> None:
        """Runs that ended while the process is dead (``CompareManager.runsEnded``): listed as finished (``_end``;
        the dead process took what a restore needs)."""
        ended = [record for record in self.runs.model.table if record.live and record.session_id in session_ids]
        for record in ended:
            self._end(record)
        if ended:
            self.runs.model.layoutChanged.emit()

    @Slot(object)
    def _on_runs_back(self, runs) -> None:
        """Compared models an undo gave back while the process is dead (``CompareManager.runsBack``: session id ->
        run number): each one's finished row trains again, as the group's ``RunLive`` would have made it."""
        table = self.runs.model.table
        back = [(record, sid) for sid, run_id in runs.items() if (record := table.get(run_id)) and not record.live]
        for record, sid in back:
            record.session_id = sid
        if back:
            self.runs.model.layoutChanged.emit()

    # ------------------------------------------------------------------ live snapshots
    @Slot(object)
    def _on_primary_snapshot(self, snap) -> None:
        """Connected after the window's slot: while the main model's past is shown, the moment wins."""
        sid = getattr(snap, "session_id", None)
        if sid is not None:  # the slider offers only the moments its timeline has
            self.timeline.note_first_moment(sid, snap.first_moment)
        if self.timeline.scrubbing and self._moment is not None and self._moment.session_id == sid:
            # after every other slot of this snapshot (the window's, the inside views'): the moment wins
            QTimer.singleShot(0, self._reshow_moment)
        else:  # shown with the window's other readouts (show_present), counted from now
            self.timeline.note_live_epoch(sid, snap.epoch)
        self.landscape.show_snapshot(snap)
        self.runs.model.update_live(snap, self._info.get(sid))

    def show_present(self, snap) -> None:
        """The main model's snapshot the window's readouts show now: the timeline's present is theirs (one epoch
        in every number of a frame; see ``gui.window.frame_clock``)."""
        if not self.timeline.scrubbing:
            self.timeline.show_present(snap.session_id, snap.epoch)

    @Slot()
    def _reshow_moment(self) -> None:
        if self.timeline.scrubbing and self._moment is not None and self._moment.session_id == self.manager.primary_id:
            self._show_primary(self._moment)

    @Slot(object)
    def _on_member_snapshot(self, snap) -> None:
        sid = snap.session_id
        self._member_latest[sid] = snap
        self.timeline.note_first_moment(sid, snap.first_moment)
        self.runs.model.update_live(snap, self._info.get(sid))
        self.landscape.show_snapshot(snap)
        if self.timeline.scrubbing and self.timeline.session_id == sid:
            return  # its past is shown
        self.timeline.set_live_epoch(sid, snap.epoch)
        self.member_frames.take(snap)

    @Slot(object)
    def _on_run_info(self, info) -> None:
        self._info = dict(info)
        self._show_run_names()

    def _show_run_names(self) -> None:
        """Every run by the one name the group gave it (the run table's): the main model's in the timeline, and
        in the chart's legend beside other runs (alone, its lines need no name); the extra models' names come
        with the members (their panes, legend entries and timeline entries)."""
        primary = self.side_by_side.primary()
        info = self._info.get(primary)
        name = info.name if info is not None else ""
        members = self.manager.members
        main_run = self.curves.run()
        if main_run is not None:
            main_run.set_name(name if members else "")
        models = [(primary, f"{name} (main model)" if name else "Main model")]
        models += [(sid, member_name) for sid, member_name, *_ in members]
        if models != self._timeline_models:
            self._timeline_models = models
            self.timeline.set_models(models)

    @Slot(object)
    def _on_run_event(self, event: RunEvent) -> None:
        """A run is live or finished: its row shows the record (which says which); a finished run renamed (a
        lesson's model took its label back) shows its new name."""
        if isinstance(event, RunRenamed):
            self.runs.model.rename(event.run_id, event.name)
            return
        record = event.record
        self._unconfirmed.discard(record.run_id)
        self.runs.model.upsert(record)

    def runs_go_on(self, run_ids) -> None:
        """The next group goes on with these runs (training restarted after its process died, ``ProcessRestart``):
        their rows stay "training" while it starts. A group that died before announcing its runs has no say in
        them any more (its models' list, emptied as the new group comes, would otherwise end them)."""
        self._going_on = set(run_ids)
        self._unconfirmed = set()

    @Slot()
    def _on_group_replaced(self) -> None:
        """A new group trains (a session file was opened, training restarted after its process died): the runs
        that were training have ended (their scores stay listed; one that never trained leaves the table, as when
        a reset ends it), but for those the new group goes on with (``runs_go_on``): they stay training, unless its
        announcement (before the models it lists) leaves one out."""
        going_on, self._going_on = self._going_on, set()
        for record in [r for r in self.runs.model.table if r.live]:
            if record.run_id in going_on:
                self._unconfirmed.add(record.run_id)
            else:
                self._end(record)
        self.runs.model.layoutChanged.emit()
        self._moment = None
        if self.timeline.scrubbing:
            self.timeline.go_live()
        self.landscape.clear()

    def _end(self, record) -> None:
        """``record``'s run has ended with its session: its scores stay listed, unless it never trained (it leaves
        the table, as when a reset ends it). The caller tells the table's view (``layoutChanged``)."""
        never_trained = not record.stays_listed
        record.session_id = None
        if never_trained:
            record.trained = False
            self.runs.model.upsert(record)  # removes its row

    @Slot(str)
    def _on_message(self, text: str) -> None:
        if text:
            self.notices.status(text, 10000)

    # ------------------------------------------------------------------ timeline
    @Slot(int, int)
    def _on_moment_requested(self, session_id: int, epoch: int) -> None:
        # the timeline's moments are the training process's: while it is dead, say so rather than show nothing
        if self.manager.refused_while_dead("to look back on the timeline"):
            self.timeline.go_live()  # the slider and its label back at the present the views still show
            return
        if self.controller.running:
            self.controller.pause()  # looking back pauses training, like a video
        self.manager.request_moment(session_id, epoch)

    @Slot(object, object)
    def _on_moment(self, snap, specs) -> None:
        if not self.timeline.scrubbing or snap.session_id != self.timeline.session_id:
            return
        self._moment, self._moment_specs = snap, specs
        self.timeline.show_moment(snap.epoch)
        if snap.session_id == self.manager.primary_id:
            self._show_primary(snap)
        else:
            self.compare_view.show_snapshot(snap)
            self.curves.show_snapshot(snap)
        self.landscape.show_snapshot(snap)

    @Slot()
    def _on_live(self) -> None:
        moment, self._moment = self._moment, None
        if moment is None:
            return
        if moment.session_id == self.manager.primary_id:
            latest = self.controller.latest_snapshot
            if latest is not None:
                self._show_primary(latest)
        else:
            latest = self._member_latest.get(moment.session_id)
            if latest is not None:
                self.compare_view.show_snapshot(latest)
                self.curves.show_snapshot(latest)

    @Slot()
    def leave_past(self) -> None:
        """Back to the present (Step, Reset, a lesson act on it): the timeline stops showing a past moment."""
        if self.timeline.scrubbing:
            self.timeline.go_live()
            self._on_live()

    @Slot(object)
    def _on_data_changed(self, _dataset) -> None:
        """An edit of the data (or its undo) acts on the present, as Step does: while a past moment is shown, the
        timeline goes back to the present, and the status bar says why (the plot shows the new points at once)."""
        self._back_to_present("the data changed")

    @Slot(object)
    def _on_model_changed(self, spec) -> None:
        """A model edit (or its undo or redo, which may bring a trained network back) acts on the present as an edit
        of the data does: the past moment shown was of the other model's run."""
        if spec == self._model_spec:
            return  # the panel shown again as it was (a change asked about and cancelled)
        self._model_spec = spec
        self._back_to_present("the model changed")

    def _back_to_present(self, why: str) -> None:
        if self.timeline.scrubbing:
            shown = self.timeline.shown_epoch
            self.leave_past()
            self.notices.status(f"Back to the present: {why} while epoch {shown:,} was shown.", 6000)

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        if running and self.timeline.scrubbing:
            self.timeline.go_live()
            self._on_live()
        if running and self.landscape_dock.isVisible() and self.landscape.follow:
            self._follow.start()
        elif not running:
            self._follow.stop()

    @Slot()
    def _on_branch_action(self) -> None:
        sid = self.timeline.session_id
        if sid is not None:
            self.timeline.branchRequested.emit(sid, self.timeline.shown_epoch)

    @Slot(int, int)
    def _on_branch_requested(self, session_id: int, epoch: int) -> None:
        if self.side_by_side.full("to branch") or self.manager.refused_while_dead("to branch from the timeline"):
            return
        if self.controller.running:
            self.controller.pause()
        scrubbed = (
            self.timeline.scrubbing
            and self._moment is not None
            and self._moment_specs is not None
            and self._moment.session_id == session_id
        )
        model_spec, train_spec = self._moment_specs if scrubbed else self.side_by_side.specs_of(session_id)
        dialog = SettingsDialog(
            f"Branch from epoch {epoch:,}",
            model_spec,
            train_spec,
            keep_shape=True,
            note=f"A new run starts from the weights of epoch {epoch:,} and trains beside "
            "the old one. Unchanged settings repeat the old run exactly.",
            parent=self.docks.owner,
        )
        if not dialog.exec():
            return
        new_model, new_train = dialog.editor.model_spec(), dialog.editor.train_spec()
        self.manager.branch(
            session_id,
            epoch,
            None if new_model == model_spec else new_model,
            None if new_train == train_spec else new_train,
        )
        self.side_by_side.edited.emit()  # a model beside the main one: work a save keeps, even before it trains
        self.timeline.go_live()
        self._on_live()
        self.side_by_side.show_compare()

    # ------------------------------------------------------------------ landscape
    def _landscape_session(self) -> int:
        sid = self.timeline.session_id
        return sid if sid is not None else self.side_by_side.primary()

    @Slot(str, int, int)
    def _on_landscape_requested(self, mode: str, size: int, seed: int) -> None:
        if self.manager.refused_while_dead("to compute the loss landscape"):  # it is computed there
            return
        self.manager.request_landscape(self._landscape_session(), mode, size, seed)

    @Slot(bool)
    def _on_landscape_asked(self, shown: bool) -> None:
        """Asked for while models are compared: the landscape stands under their panes when the column beside the
        plot holds both (a person comparing optimizers looks at both at once); else it stays a tab in front."""
        compare, land = self.compare_dock, self.landscape_dock
        if not shown or not self.manager.members or not compare.isVisible() or compare.isFloating():
            return
        if self.docks.area_of(compare) != self.docks.area_of(land):
            return
        compare.raise_()
        if not self.docks.stack_under_if_room(compare, land):
            land.raise_()

    @Slot(bool)
    def _on_landscape_visible(self, visible: bool) -> None:
        if visible:
            self._on_landscape_requested(self.landscape.mode, self.landscape.grid_size, self.landscape.seed)
            if self.controller.running and self.landscape.follow:
                self._follow.start()
        else:
            self._follow.stop()

    @Slot()
    def _on_follow_tick(self) -> None:
        if self.landscape_dock.isVisible() and self.landscape.follow and self.controller.running:
            self._on_landscape_requested(self.landscape.mode, self.landscape.grid_size, self.landscape.seed)

    # ------------------------------------------------------------------ runs
    @Slot(object)
    def _on_restore(self, record) -> None:
        if self.side_by_side.full("to restore a run") or self.manager.refused_while_dead("to restore a run"):
            return
        self.manager.restore(record)
        self.side_by_side.edited.emit()  # a model beside the main one again: work a save keeps
        self.side_by_side.show_compare()

    @Slot(int)
    def _on_follow_run(self, session_id: int) -> None:
        index = self.timeline.model_box.findData(session_id)
        if index >= 0:
            self.timeline.model_box.setCurrentIndex(index)
