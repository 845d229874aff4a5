"""MainWindow: builds the window's parts and the features, and hands each feature only what it needs.

The parts (``gui.window``): the controls and toolbar, the menus, the banner and status messages, the readouts,
the draw tick, data edits, the data flow, the training requests. The features: files (``gui.files``), experiments
(``gui.experiments``), the inside views (``gui.inside``) and the lessons (``gui.lessons``). A feature gets the
training controller, the data document, the panels, the views, a ``ViewState``, a ``DockLayout`` and
``Notices``, never the window; the window puts the menus and actions they bring in place.

Just over ~400 lines because it is one idea: the one place where the window's parts and features are built and wired
together (each of them is a file of its own).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow, QWidget

from gui.app_identity import app_icon
from gui.experiments.compare import CompareManager
from gui.experiments.experiments import Experiments
from gui.files.file_actions import FileActions
from gui.files.finished_runs import FinishedRuns
from gui.files.settings import AppSettings
from gui.inside.inside_features import build_inside_features
from gui.lessons.lesson_actions import LessonActions
from gui.lessons.lesson_views import lesson_views
from gui.panels.data_commands import DataDocument
from gui.panels.data_panel import DataPanel, build_dataset, generated_source
from gui.panels.model_panel import ModelPanel
from gui.panels.settings_panels import SettingsPanels
from gui.panels.training_panel import TrainingPanel
from gui.plot.boundary_view import BoundaryView
from gui.plot.curves_view import CurvesView
from gui.training.learning_monitor import LearningMonitor
from gui.training.training_controller import TrainingController
from gui.widgets.accessibility import give_status_tips
from gui.widgets.draw_queue import DrawQueue
from gui.widgets.screen_fit import resize_within_screen
from gui.widgets.style import ThemeMenu, apply_style
from gui.widgets.typed_numbers import CommitTypedNumbers
from gui.window.controls import Controls
from gui.window.data_edits import DataEdits
from gui.window.data_flow import DataFlow
from gui.window.docks import DockLayout
from gui.window.focus_chain import order_plot_then_settings
from gui.window.frame_clock import FrameClock
from gui.window.fresh_starts import FreshStarts
from gui.window.initial_data import InitialData
from gui.window.kept_members import KeptMembers
from gui.window.kept_timeline import KeptTimeline
from gui.window.layout import build_layout
from gui.window.layout_reset import LayoutReset
from gui.window.menus import build_menus, insert_into, show_about, show_shortcuts
from gui.window.message_bar import MessageBar
from gui.window.messages import Banner, Notices
from gui.window.model_edits import ModelEdits
from gui.window.presenter import PresenterMode
from gui.window.process_restart import ProcessRestart
from gui.window.readouts import Readouts
from gui.window.stand_in_data import stand_in
from gui.window.training_edits import TrainingEdits
from gui.window.training_requests import TrainingRequests
from gui.window.view_state import ViewState
from gui.window.window_place import WindowPlaces
from gui.window.window_title import WindowTitle
from model.training.contract import Diverged


def _sklearn_loaded() -> bool:
    return "sklearn" in sys.modules


class MainWindow(QMainWindow):
    """The whole app. `settings` (a QSettings) lets tests keep their own ini file."""

    def __init__(
        self,
        dataset: str | None = None,
        seed: int | None = None,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        lesson_dir=None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Neural Playground")
        self.setWindowIcon(app_icon())
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks)
        self.settings = AppSettings(settings)
        self._closed = False
        self.closing = False  # closeEvent is deciding what becomes of the unsaved work (it may be asking)

        # ---------------------------------------------------------- panels and their remembered values
        self.data_panel = DataPanel()
        self.model_panel = ModelPanel()
        self.training_panel = TrainingPanel()
        self.panels = SettingsPanels(self.data_panel, self.model_panel, self.training_panel)
        self.panels.restore(self.settings, dataset, seed)

        # ---------------------------------------------------------- data, undo, views, training
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        params = self.data_panel.params()
        self._initial_data = InitialData(self)  # it keeps the dataset for the DataFlow connected below
        if _sklearn_loaded():
            ds = build_dataset(params)
        else:
            # Importing scikit-learn takes a second or more: the window opens at once on an empty plot and the
            # first dataset arrives from a child process a moment later (see InitialData).
            ds = stand_in(params, self.data_panel.task())  # with the classes on their way
            self._initial_data.start(params)
        first_source = generated_source(params)  # the first data's, generated here or in the background
        self.document = DataDocument(
            ds,
            test_fraction=params["test_fraction"],
            seed=params["seed"],
            parent=self,
            source=first_source if ds.n_samples else None,
        )
        self.draw_queue = DrawQueue()  # views' redraws that wait for a draw tick of their own (see FrameClock)
        self.boundary_view = BoundaryView()
        self.boundary_view.set_draw_queue(self.draw_queue)
        self.curves_view = CurvesView()
        self.model_panel.set_task(ds.task)
        # the worker trains a SessionGroup (models side by side, timelines), built by the compare manager
        self.compare = CompareManager(self)
        self.controller = TrainingController(
            ds,
            self.model_panel.model_spec(),
            self.training_panel.train_spec(),
            seed=int(params["seed"]),
            data_version=self.document.version,
            parent=self,
            session_factory=self.compare.session_factory,
        )
        self.controller.set_pace(self.training_panel.pace_key())
        self.controller.set_limits(*self.training_panel.limits())

        # ---------------------------------------------------------- the window's own parts
        self.controls = Controls(
            self, self.undo_stack, self.boundary_view, self.data_panel.show_test, self.training_panel.pace, parent=self
        )
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.controls.toolbar)
        self.banner = Banner()
        self.panel_dock, self.splitter, self.plot_room = build_layout(
            self, self.panels, self.banner, self.boundary_view, self.curves_view
        )
        self.theme_menu = ThemeMenu(self.settings, parent=self)
        self.menus = build_menus(
            self.menuBar(), self.controls, self.panel_dock.toggleViewAction(), self.theme_menu.menu
        )
        self.setStatusBar(MessageBar(self))  # a message longer than its room ends in "…", whole when hovered
        self.notices = Notices(self.banner, self.statusBar(), self.training_panel, parent=self)
        self.readouts = Readouts(
            self.statusBar(), self.controls.epoch_label, lambda: self.controller.running, parent=self
        )
        self.frames = FrameClock(
            self.boundary_view,
            self.curves_view,
            self.draw_queue,
            self.readouts.show,
            lambda: self.document.version,
            lambda: self.controller.running,
            parent=self,
        )
        self.edits = DataEdits(
            self.document,
            self.undo_stack,
            self.controls.current_class,
            self.notices,
            parent=self,
            fields=self.data_panel,
        )
        self.view_state = ViewState(self.controls, self.boundary_view, self.curves_view, parent=self)
        # before the presenter's own slot: the curves' least height is let go before it sizes them
        self.view_state.presenterChanged.connect(self.plot_room.stand_aside)
        desk_only = (self.statusBar(), self.curves_view.log_check, self.curves_view.log_epochs_check)
        self.presenter = PresenterMode(
            self, self.view_state, self.controls.toolbar, self.splitter, desk_only=desk_only, parent=self
        )
        insert_into(self.menus.view, (*self.presenter.actions(), None), before=self.menus.view.actions()[0])
        legend = self.boundary_view.legend_hand  # drag the plot's legend, hide it (View > Plot legend, remembered)
        after_test = self.menus.view.actions().index(self.controls.show_test_action) + 1
        insert_into(self.menus.view, [legend.show_action], before=self.menus.view.actions()[after_test])
        legend.follow(self.document)
        legend.remember(self.settings)
        self.docks = DockLayout(self)
        self._connect(first_source)

        # ---------------------------------------------------------- features (after the window's own slots)
        self._build_features(lesson_dir, start_page=settings is None)

        self.boundary_view.set_show_test(params["show_test"])
        self.data_flow.show_first()
        self.controller.set_grid_request(self.boundary_view.grid_request())
        self.frames.start()

        resize_within_screen(self, 1360, 860)
        # a new window's layout, kept before the remembered one is restored: View ▸ Reset layout puts it back
        self.layout_reset = LayoutReset(self, self.splitter, self.plot_room)
        self.view_state.presenterChanged.connect(self.layout_reset.presenter_changed)
        view_actions = self.menus.view.actions()
        after_curves = view_actions[view_actions.index(self.controls.curves_toggle) + 1]
        insert_into(self.menus.view, [self.layout_reset.action], before=after_curves)
        self.places = WindowPlaces(self.settings, self.file_actions.sessions.recovery_slot)
        if self.settings.restore_window(self):  # the remembered place: another window may sit there already
            self.places.open_apart(self)
        splitter = self.settings.load("splitter")
        if isinstance(splitter, str):
            self.splitter.restoreState(QByteArray.fromBase64(splitter.encode()))

    # ================================================================== construction
    def _connect(self, first_source) -> None:
        c, k = self.controller, self.controls
        c.snapshotReady.connect(self.frames.take)
        c.runningChanged.connect(self.readouts.running_changed)
        c.runningChanged.connect(self.frames.running_changed)
        c.diverged.connect(self._on_diverged)
        c.stopped.connect(self.notices.show_stopped)
        self.kept_timeline = KeptTimeline(c, self.document, self.panels, parent=self)
        self.kept_members = KeptMembers(self.compare, parent=self)
        self.process_restart = ProcessRestart(
            c, self.document, self.panels, self.notices, self.kept_timeline, self.kept_members, parent=self
        )
        c.failed.connect(self.process_restart.on_failed)  # a dead training process is offered a restart

        self.requests = TrainingRequests(
            c, k, self.panels, self.boundary_view, self.notices, self.readouts, self.process_restart.revive, parent=self
        )
        # pauses when learning stops, warns of overfitting, reports a loss that grew tenfold like a NaN one
        self.learning_monitor = LearningMonitor(
            c, self.training_panel, self.notices.run_notice, self._on_diverged, self
        )
        k.new_action.triggered.connect(self._on_new)
        k.clear_action.triggered.connect(self.edits.clear)
        k.quit_action.triggered.connect(self.close)
        k.curves_toggle.toggled.connect(self.curves_view.setVisible)
        k.shortcuts_action.triggered.connect(self._on_show_shortcuts)
        k.about_action.triggered.connect(self._on_about)

        self.data_panel.generateRequested.connect(self.edits.generate)
        self.data_panel.clearRequested.connect(self.edits.clear)
        self.data_panel.plane_control.planeChosen.connect(self.edits.show_plane)
        self.data_panel.plane_control.twoOnlyChosen.connect(self.edits.keep_shown_plane)

        self.data_flow = DataFlow(
            document=self.document,
            initial_data=self._initial_data,
            first_source=first_source,
            plot=self.boundary_view,
            data_panel=self.data_panel,
            model_panel=self.model_panel,
            controls=self.controls,
            controller=c,
            notices=self.notices,
            status_bar=self.statusBar(),
            parent=self,
        )
        self.title = WindowTitle(self, self.undo_stack, parent=self)
        v = self.boundary_view
        v.addPointsRequested.connect(self.edits.add_points)
        v.removePointRequested.connect(self.edits.remove_point)
        v.removePointsRequested.connect(self.edits.remove_points)
        v.movePointRequested.connect(self.edits.move_point)
        v.cursorMoved.connect(self.readouts.cursor_moved)

    def _build_features(self, lesson_dir, start_page: bool) -> None:
        # Compare models, timeline, loss landscape, run table
        self.experiments = Experiments(
            manager=self.compare,
            controller=self.controller,
            document=self.document,
            panels=self.panels,
            plot=self.boundary_view,
            curves=self.curves_view,
            docks=self.docks,
            notices=self.notices,
            show_primary=self._show_primary,
        )
        self.menuBar().insertMenu(self.menus.help.menuAction(), self.experiments.menu)
        self.process_restart.runs = self.experiments.runs.model.table  # a restart goes on with the run under way
        self.process_restart.runs_go_on = self.experiments.runs_go_on  # whose row says "training" all along
        self.compare.names_listed = self.experiments.runs.model.table.names_kept  # no new run is called so
        self.frames.add_readout(self.experiments.show_present)  # the timeline's epoch is the readouts' one
        self.addActions(self.experiments.shortcut_actions)
        self.controls.step_action.triggered.connect(self.experiments.leave_past)  # Step and Reset: the present
        self.requests.resetting.connect(self.experiments.leave_past)  # not when the person kept the training

        # Diagram, probe, hidden space, health, perceptron lesson docks; Step slowly; confusion matrix; digits
        self.inside_views, self.slow_step, self.confusion, self.digit_views = build_inside_features(
            controller=self.controller,
            document=self.document,
            plot=self.boundary_view,
            draw_queue=self.draw_queue,
            docks=self.docks,
            current_class=self.view_state.current_class,
            features_box=self.model_panel.features_box,
            status=self.notices.status,
            parent=self,
        )
        self.controls.add_tool(self.inside_views.probe_tool_action, "probe")
        # the loss landscape opens as a tab of the views beside the plot, in front and the whole column tall
        self.docks.tabify(self.inside_views.docks["diagram"], self.experiments.landscape_dock)
        self.inside_views.docks["diagram"].raise_()
        self.view_state.follow_look(self.inside_views.diagram.set_look)
        self.controls.slow_step_action.triggered.connect(self.experiments.leave_past)
        self.controls.slow_step_action.triggered.connect(self.slow_step.start)
        self.menus.edit.addAction(self.inside_views.probe_tool_action)
        self.menus.view.addSeparator()
        insert_into(self.menus.view, self.inside_views.view_actions())
        insert_into(self.menus.view, [self.confusion.view_action], before=self.inside_views.explorer_action)
        insert_into(self.menus.view, [None, *self.digit_views.view_actions()])

        # Open/save data and sessions, recent files, exports
        self.file_actions = FileActions(
            parent=self,
            document=self.document,
            undo_stack=self.undo_stack,
            controller=self.controller,
            panels=self.panels,
            plot=self.boundary_view,
            curves=self.curves_view,
            view_state=self.view_state,
            settings=self.settings,
            notices=self.notices,
        )
        insert_into(self.menus.file, self.file_actions.menu_items(), before=self.controls.quit_action)
        self.file_actions.sessions.dead_training = self.process_restart  # keeps the work while no process can
        self.frames.add_readout(self.file_actions.sessions.said_when_shown.shown)  # "Opened … at epoch N" with N
        self.requests.may_reset = self.file_actions.sessions.may_reset  # more than a minute of training is asked about
        # an edit that starts the network afresh asks as Reset does, says so, and its undo brings the network back
        self.fresh_starts = FreshStarts(
            self.controller,
            self.experiments.runs.model.table,
            self.document,
            self.model_panel.model_spec,
            self.file_actions.sessions.training_time,
            self.notices,
            parent=self,
        )
        self.fresh_starts.may_discard = self.file_actions.sessions.may_reset
        self.fresh_starts.stopped = lambda: self.process_restart.died
        # a run an undo wants back may still be "training" until the worker says the edit ended it
        self.experiments.runs.model.dataChanged.connect(self.fresh_starts.runs_changed)
        self.experiments.runs.model.layoutChanged.connect(self.fresh_starts.runs_changed)
        self.edits.fresh_starts = self.fresh_starts
        self.model_edits = ModelEdits(self.model_panel, self.undo_stack, self.fresh_starts, parent=self)
        # a training setting changed is unsaved work, undone like a model change
        self.training_edits = TrainingEdits(self.training_panel, self.undo_stack, parent=self)
        # a number typed into a setting is taken before Play, Step, Save, a menu... runs: what it shows is what trains
        self.typed_numbers = CommitTypedNumbers(self)
        self.experiments.side_by_side.edited.connect(self.file_actions.sessions.note_compared_edit)
        self.menus.file.aboutToShow.connect(self.file_actions.update_restore_action)
        self.file_actions.sessions.runs = self.experiments.runs.model.table  # a file's main run keeps its name
        # a session file keeps the finished runs, and lists them again when opened (new runs are numbered after them)
        finished_runs = FinishedRuns(self.experiments.runs.model, self._runs_listed_up_to)
        self.compare.groupReplaced.connect(finished_runs.group_replaced)  # after the old group's rows have ended
        self.file_actions.sessions.finished_runs = finished_runs
        self.file_actions.sessions.titleChanged.connect(self.title.show)
        self.file_actions.sessions.update_title()

        # Lessons menu, Lesson and Challenges docks, start page (only with the user's own settings, never
        # with the QSettings a test passes), Help > Start page / User guide
        self.lesson_actions = LessonActions(
            docks=self.docks,
            settings_dock=self.panel_dock,
            settings=self.settings,
            panels=self.panels,
            controller=self.controller,
            manager=self.compare,
            document=self.document,
            notices=self.notices,
            data_ready=lambda: self.data_ready,
            reset=self.controls.reset_action.trigger,
            go_live=self.experiments.leave_past,
            views=lesson_views(
                self.inside_views, self.experiments, self.controls.curves_toggle, self.curves_view, self.digit_views
            ),
            maybe_save=self.file_actions.sessions.maybe_save,
            undo_stack=self.undo_stack,
            controls=self.controls,
            edits=self.edits,
            directory=lesson_dir,
            start_page=start_page,
        )
        self.menuBar().insertMenu(self.menus.help.menuAction(), self.lesson_actions.menu)
        insert_into(
            self.menus.file, self.lesson_actions.file_menu_items(), before=self.file_actions.export_menu.menuAction()
        )
        self.file_actions.openingOther.connect(self.lesson_actions.leave_lesson)  # other data or a session: no lesson
        self.file_actions.sessions.openFinished.connect(self.lesson_actions.session_opened)  # unsaved work restored
        locks = self.lesson_actions.locks  # what a lesson's locks reach outside the settings panels
        if locks is not None:
            locks.follow("architecture", self.inside_views.diagram.set_units_locked)
            locks.follow("optimizer", self.notices.set_rate_locked)
        first_help = self.menus.help.actions()[0]
        insert_into(
            self.menus.help, (self.lesson_actions.start_page_action, self.lesson_actions.guide_action), first_help
        )
        self.statusBar().addPermanentWidget(self.lesson_actions.error_button)
        give_status_tips(self)  # every action is built by now: a highlighted menu item says what it does
        order_plot_then_settings(
            self.boundary_view,
            [self.data_panel, self.model_panel, self.training_panel],
            then=self.controls.toolbar_keys.stops(),
        )
        # Settings that cannot be written are said (after the lessons' invitation, below an offer of unsaved work)
        QTimer.singleShot(0, self._watch_settings_writing)
        # Unsaved work kept when the window last closed: offered back (after, so above, the lessons' invitation)
        QTimer.singleShot(0, self.file_actions.sessions.offer_recovery)
        # with the autosave, the panels' values and the layout: a killed window's next start shows the model and
        # settings chosen, and the docks (a lesson's too) as they were a minute before at most
        self.file_actions.sessions.autosave_timer.timeout.connect(self._keep_against_a_kill)

    # ================================================================== data
    @property
    def dataset(self):
        return self.document.dataset

    @property
    def data_ready(self) -> bool:
        """False only while the first dataset is still being generated in the background."""
        return self.data_flow.first_data_ready

    @Slot()
    def _on_new(self) -> None:
        sessions = self.file_actions.sessions
        if not sessions.maybe_save("new"):  # unsaved changes?
            return
        sessions.forget_path()  # a new document has no file yet
        self.edits.clear()
        self.controller.reset()

    # ================================================================== from the worker
    def _runs_listed_up_to(self, number: int) -> None:
        """The run table lists runs up to ``number`` (a session file's finished runs): the next group's runs are
        numbered on after them (the training thread reads the plain int when it builds it)."""
        self.compare.next_run_id = max(self.compare.next_run_id, int(number) + 1)

    def _show_primary(self, snap) -> None:
        """Shows ``snap`` as the main model's state: the plot, the curves, the readouts and the inside views
        (the timeline shows a past moment this way, and the present again after it)."""
        self.frames.show_instead(snap)
        self.inside_views.show_snapshot(snap)
        self.confusion.show_snapshot(snap)
        self.digit_views.show_snapshot(snap)

    @Slot(object)
    def _on_diverged(self, info: Diverged) -> None:
        self.notices.show_divergence(info)
        self.frames.take(info.snapshot)

    # ================================================================== help
    @Slot()
    def _on_show_shortcuts(self) -> None:
        show_shortcuts(self)

    @Slot()
    def _on_about(self) -> None:
        show_about(self)

    # ================================================================== life cycle
    @Slot()
    def _keep_against_a_kill(self) -> None:
        self.panels.keep(self.settings)
        if not self.presenter.active:  # presenter mode's layout is a projector's, not the one to come back to
            self._keep_layout()
        self.settings.sync()

    def _keep_layout(self) -> None:
        self.settings.save("splitter", bytes(self.splitter.saveState().toBase64().data()).decode())
        fit = self.plot_room.window_fit
        self.settings.save_window(self, *(fit.remembered_state() if fit is not None else (None, None)))

    @Slot()
    def _watch_settings_writing(self) -> None:
        self.settings.watch_writing(self.notices.warn)

    def save_settings(self) -> None:
        self.panels.keep(self.settings)
        self._keep_layout()
        self.settings.sync()

    def setVisible(self, visible: bool) -> None:
        if visible and not self.isVisible() and self.plot_room.window_fit is not None:
            self.plot_room.window_fit.fit()  # no larger than its screen from the start
        super().setVisible(visible)

    def closeEvent(self, event) -> None:
        # Ask about unsaved changes first (Cancel keeps the window open)
        if not self._closed and hasattr(self, "file_actions"):
            if self.process_restart.died:  # the recovery file is written by a training session: start one
                self.process_restart.restart()
            self.closing = True  # a question asked here is answered by the person (CloseOnSignals waits)
            try:
                kept = self.file_actions.sessions.maybe_save("close")
            finally:
                self.closing = False
            if not kept:
                event.ignore()
                return
            self.file_actions.shutdown()
            self.title.stop()
        if not self._closed:
            self._closed = True
            self.data_flow.stop()
            self.presenter.leave()  # the layout kept for the next start is the normal one
            self.frames.stop()
            try:
                self.save_settings()
                self.places.forget()  # the place it opened at is free for the next window
            finally:
                self.controller.shutdown()
        super().closeEvent(event)


__all__ = ["MainWindow", "apply_style"]
