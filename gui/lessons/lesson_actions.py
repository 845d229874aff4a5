"""Lessons, challenges and help: what opening a lesson or starting a challenge does.

``LessonActions`` reads every lesson and challenge file (``model.teaching.lessons.load_all``) and makes

- a **Lessons** menu (``menu``): every lesson (one click opens it), every challenge (one click starts it), the
  Lesson and Challenges docks' toggles and the start page;
- a **Lesson** dock (``gui.lessons.lessons_panel.LessonPanel``) and a **Challenges** dock
  (``gui.lessons.challenges_panel``), checked live on every snapshot;
- ``start_page_action`` and ``guide_action``, for a Help menu;
- ``error_button``, for the status bar: a warning (also on the start page) naming every lesson file that could
  not be read;
- for the File menu (``file_menu_items()``): **Open lesson…**, a lesson or challenge file from anywhere (a teacher's,
  also given on the command line: ``open_lesson_file``), and **Save as lesson…** (``gui.lessons.save_lesson_dialog``);
  **Close lesson** in the Lessons menu.

The window puts the menu and the actions in place and hands over the views a lesson may open as switches
(``gui.lessons.lesson_views``).

Opening a lesson, or starting a challenge, goes through the same controls a person uses: the data panel's
parameters and its Generate button (one undo step), the model and training panels (``set_model_spec`` /
``set_train_spec``, which emit their specs to the training thread), then Reset. A lesson then opens the
views it lists (``model.teaching.lessons.VIEWS``), mapping each name to the dock or window that shows it; a name
whose view does not exist in this build is logged and skipped. The other view docks are closed: a lesson
shows exactly its views (the curves and the timeline, parts of the main window, stay as they are).

At start, a banner inside the window invites to the lessons (its button opens the start page), only when the
window uses the user's own settings (``start_page=True``; tests pass their own QSettings) and the user has not
unticked "Offer the lessons when the app starts". Not a second window: the app opens ready to Play.

A lesson's ``locked`` and ``hidden`` control groups are applied after its setup (``gui.lessons.lesson_locks``)
and hold until the lesson is closed: Lessons ▸ Close lesson, another lesson or challenge, or File ▸ Open data,
Open session (``leave_lesson``, which the window connects to the File menu's ``openingOther``).

One file over ~400 lines because it is one class, ``LessonActions``: starting, stepping and leaving a
lesson or challenge share the window's state it saves and restores.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMenu, QMessageBox, QToolButton

from gui.lessons.challenges_panel import ChallengeBoard, ChallengesPanel, GeneratedData
from gui.lessons.help_dialogs import GuideDialog
from gui.lessons.lesson_locks import LessonLocks
from gui.lessons.lesson_views import LessonViews
from gui.lessons.lessons_panel import LessonPanel, StartPage
from gui.lessons.save_lesson_dialog import LESSON_FILTER, SaveLessonDialog, saved_files_text, screen_draft
from gui.panels.data_commands import ReplaceDatasetCommand
from model.data.data_source import DataSource
from model.data.generators import DATASETS
from model.teaching.lessons import LESSON_DIR, Challenge, LessonError, load_all, load_file
from model.training.specs import ModelSpec, TrainSpec

log = logging.getLogger(__name__)

SHOW_AT_START_KEY = "lessons/show_start_page"
CURRENT_LESSON_KEY = "lessons/current"  # the lesson whose text the Lesson panel shows again at the next start


class LessonActions(QObject):
    """Lessons menu, Lesson and Challenges docks, start page and user guide.

    What it works through: ``docks`` (the window's DockLayout; ``settings_dock`` is the dock the lesson docks
    go beside), ``settings`` (AppSettings), ``panels`` (SettingsPanels: a lesson sets them up as a person
    would), ``controller``, ``manager`` (the CompareManager: a lesson's models side by side), ``document`` (the
    data and where it came from), ``notices``, ``data_ready()``, ``reset()`` (the window's Reset), ``go_live()``
    (the timeline back to the present), ``views`` (name -> switch) and ``maybe_save(reason)`` (the question New
    and Open ask about unsaved data: True to go on), asked before a lesson replaces points a generator cannot
    make again; ``undo_stack``, ``controls`` and ``edits`` (the window's actions and DataEdits) are what a lesson's
    locks reach (and its own points are pushed on the undo stack)."""

    def __init__(
        self,
        *,
        docks,
        settings_dock,
        settings,
        panels,
        controller,
        manager,
        document,
        notices,
        data_ready,
        reset,
        go_live,
        views: dict,
        maybe_save=None,
        undo_stack=None,
        controls=None,
        edits=None,
        directory=None,
        start_page: bool = False,
    ):
        super().__init__(docks.owner)
        self.owner = docks.owner
        self.docks = docks
        self.settings = settings
        self.panels = panels
        self.controller = controller
        self.manager = manager
        self.notices = notices
        self._data_ready = data_ready
        self._reset = reset
        self._go_live = go_live
        self._maybe_save = maybe_save
        self.document = document
        self.views = LessonViews(views, docks)
        self.directory = directory if directory is not None else LESSON_DIR
        self.lessons, self.challenges, self.errors = load_all(self.directory)
        for message in self.errors:
            log.warning("lesson file skipped: %s", message)
        self.current = None  # the lesson (or challenge) whose setup was loaded last
        self.start_page: StartPage | None = None
        self._members_leaving = False  # extra models were asked to leave when a lesson was set up
        self.guide: GuideDialog | None = None
        self.document = document
        self.undo_stack = undo_stack
        self.opened: list = []  # lessons and challenges opened from a file (File ▸ Open lesson, the command line)
        self.locks = (
            LessonLocks(panels=panels, controls=controls, edits=edits, undo_stack=undo_stack, parent=self)
            if controls is not None and edits is not None and undo_stack is not None
            else None
        )

        self.generated = GeneratedData(document, parent=self)
        self.lesson_panel = LessonPanel()
        self.lesson_dock = self._dock("lessonDock", "Lesson", self.lesson_panel, settings_dock)
        self.challenges_panel = ChallengesPanel()
        self.challenges_panel.set_challenges(self.challenges)
        self.challenges_dock = self._dock("challengesDock", "Challenges", self.challenges_panel, settings_dock)
        self.board = ChallengeBoard(
            controller=controller,
            document=document,
            settings=settings,
            model_panel=panels.model,
            challenges=self.challenges,
            panel=self.challenges_panel,
            generated=self.generated,
            parent=self,
        )

        self._build_menus()
        self._build_error_notice()
        self.lesson_panel.previousRequested.connect(self._on_previous)
        self.lesson_panel.nextRequested.connect(self._on_next)
        self.lesson_panel.restartRequested.connect(self._on_restart)
        self.challenges_panel.startRequested.connect(self.start_challenge)
        self.board.bestImproved.connect(self._on_best_improved)
        manager.membersChanged.connect(self._on_members_changed)  # after the experiments' own slot
        self._show_remembered_lesson()
        if start_page and self.show_at_start():
            # An invitation inside the window, not a second window over it: the app opens
            # ready to Play, and the start page is one click away.
            QTimer.singleShot(0, self._invite)

    # ================================================================== construction
    def _dock(self, name: str, title: str, widget, beside) -> QDockWidget:
        dock = self.docks.new_dock(name, title, widget, Qt.DockWidgetArea.LeftDockWidgetArea, visible=None)
        self.docks.tabify(beside, dock)  # a tab beside Settings, on the left
        dock.hide()
        return dock

    def _build_menus(self) -> None:
        w = self.owner
        menu = QMenu("&Lessons", w)
        menu.setToolTipsVisible(True)
        self.lesson_actions: dict[str, QAction] = {}
        self.challenge_actions: dict[str, QAction] = {}
        for k, lesson in enumerate(self.lessons):
            a = QAction(f"&{k + 1}. {lesson.title}" if k < 9 else f"{k + 1}. {lesson.title}", w)
            a.setToolTip(lesson.summary or lesson.title)
            a.setData(lesson.id)
            a.triggered.connect(self._on_lesson_action)
            menu.addAction(a)
            self.lesson_actions[lesson.id] = a
        if not self.lessons:
            menu.addAction("No lessons found").setEnabled(False)
        menu.addSection("Challenges")
        for challenge in self.challenges:
            a = QAction(challenge.title, w)
            a.setToolTip(challenge.text)
            a.setData(challenge.id)
            a.triggered.connect(self._on_challenge_action)
            menu.addAction(a)
            self.challenge_actions[challenge.id] = a
        self._update_solved_marks()
        menu.addSeparator()
        toggle = self.lesson_dock.toggleViewAction()
        toggle.setText("Lesson panel")
        menu.addAction(toggle)
        toggle = self.challenges_dock.toggleViewAction()
        toggle.setText("Challenges panel")
        menu.addAction(toggle)
        self.close_lesson_action = QAction("Close lesson", w)
        self.close_lesson_action.setToolTip("Leaves the lesson or challenge: every control it locked or hid is back.")
        self.close_lesson_action.setEnabled(False)
        self.close_lesson_action.triggered.connect(self.leave_lesson)
        menu.addAction(self.close_lesson_action)
        self.open_file_action = QAction("Open lesson\u2026", w)
        self.open_file_action.setToolTip("Opens a lesson or challenge file, e.g. one a teacher saved.")
        self.open_file_action.triggered.connect(self._on_open_file)
        self.save_as_action = QAction("Save as lesson\u2026", w)
        self.save_as_action.setToolTip(
            "Makes a lesson or a challenge from what is on the screen: data, model, training, views, with your "
            "text, a goal and the controls students may not change."
        )
        self.save_as_action.triggered.connect(self.show_save_dialog)
        self.start_page_action = QAction("Start page\u2026", w)
        self.start_page_action.setToolTip("Every lesson with its summary, and every challenge.")
        self.start_page_action.triggered.connect(self.show_start_page)
        menu.addAction(self.start_page_action)
        self.menu = menu
        self.guide_action = QAction("User guide", w)
        self.guide_action.setToolTip("A short guide to the whole app.")
        self.guide_action.triggered.connect(self.show_guide)

    def _build_error_notice(self) -> None:
        """A warning that stays in the status bar while some lesson files could not be used."""
        self.error_button = QToolButton()
        self.error_button.setObjectName("lessonErrors")
        self.error_button.setAutoRaise(True)
        self.error_button.setStyleSheet("QToolButton#lessonErrors { color: #8a4b00; font-weight: 600; }")
        self.error_button.clicked.connect(self.show_start_page)
        if self.errors:
            n = len(self.errors)
            self.error_button.setText(f"\u26a0 {n} lesson file{'s' if n > 1 else ''} skipped")
            self.error_button.setToolTip("Click for the start page.\n" + "\n".join(self.errors))
            # after the window's own start-up messages ("Generating\u2026")
            QTimer.singleShot(0, self._show_error_message)
        else:
            self.error_button.setToolTip("Problems reading lesson files are shown here.")
            self.error_button.hide()

    @Slot()
    def _show_error_message(self) -> None:
        if not self._data_ready():  # the window clears the status bar when its first data arrives
            QTimer.singleShot(100, self._show_error_message)
            return
        if self.errors:
            more = f" (and {len(self.errors) - 1} more: see the start page)" if len(self.errors) > 1 else ""
            self.notices.status(f"Lesson file skipped: {self.errors[0]}{more}", 30000)

    def _show_remembered_lesson(self) -> None:
        """The Lesson panel shows the text of the lesson open when the app was closed (its data, model and
        training settings come back with the panels' own remembered values); nothing is set up again."""
        lesson = self.lesson(self.settings.load(CURRENT_LESSON_KEY, "") or "")
        if lesson is not None:
            self.lesson_panel.show_lesson(lesson, self.lessons.index(lesson), len(self.lessons))

    # ================================================================== start page, guide
    def show_at_start(self) -> bool:
        value = self.settings.load(SHOW_AT_START_KEY, True)
        return value is not False

    @Slot()
    def _invite(self) -> None:
        self.notices.invite(
            "New here? Eight short lessons lead from a single neuron to backpropagation, "
            "and three challenges test what you learned.",
            "Open the lessons",
            self.show_start_page,
        )

    @Slot()
    def show_start_page(self) -> StartPage:
        if self.start_page is None:
            page = StartPage(self.owner)
            page.lessonRequested.connect(self._on_start_page_lesson)
            page.challengeRequested.connect(self._on_start_page_challenge)
            page.showAtStartChanged.connect(self._on_show_at_start_changed)
            self.start_page = page
        self.start_page.set_content(self.lessons, self.challenges, self.errors, self.board.solved())
        self.start_page.show_at_start.blockSignals(True)
        self.start_page.show_at_start.setChecked(self.show_at_start())
        self.start_page.show_at_start.blockSignals(False)
        self.start_page.show()
        self.start_page.raise_()
        self.start_page.activateWindow()
        return self.start_page

    @Slot(bool)
    def _on_show_at_start_changed(self, show: bool) -> None:
        self.settings.save(SHOW_AT_START_KEY, bool(show))
        self.settings.sync()

    @Slot(str)
    def _on_start_page_lesson(self, lesson_id: str) -> None:
        self.open_lesson(lesson_id)
        if self.start_page is not None:
            self.start_page.close()

    @Slot(str)
    def _on_start_page_challenge(self, challenge_id: str) -> None:
        self.start_challenge(challenge_id)
        if self.start_page is not None:
            self.start_page.close()

    @Slot()
    def show_guide(self) -> GuideDialog:
        if self.guide is None:
            self.guide = GuideDialog(self.owner)
        self.guide.show()
        self.guide.raise_()
        return self.guide

    # ================================================================== lessons
    def file_menu_items(self) -> list:
        """Open lesson…, Save as lesson… for the File menu (None: a separator)."""
        return [self.open_file_action, self.save_as_action, None]

    def lesson(self, lesson_id: str):
        return next((item for item in self.lessons if item.id == lesson_id), None)

    def challenge(self, challenge_id: str):
        found = (item for item in (*self.challenges, *self.opened) if item.id == challenge_id)
        return next((item for item in found if isinstance(item, Challenge)), None)

    @Slot()
    def _on_open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.owner, "Open lesson", "", LESSON_FILTER)
        if path:
            self.open_lesson_file(path)

    def open_lesson_file(self, path) -> bool:
        """Opens a lesson or challenge file from anywhere; a file that cannot be used is said in a message
        naming it and what is wrong, and nothing changes."""
        try:
            item = load_file(path)
        except LessonError as error:
            QMessageBox.warning(self.owner, "Could not open the lesson", str(error))
            return False
        if not isinstance(item, Challenge) and not self._may_replace_data():
            return False  # a challenge asks in start_challenge
        self.opened = [o for o in self.opened if o.id != item.id] + [item]
        if isinstance(item, Challenge):
            if item.id not in self.board.challenges:
                self.challenges_panel.set_challenges([*self.challenges, *self.opened_challenges()])
                for cid, card in self.challenges_panel.cards.items():
                    card.set_best(self.board.best(cid))
            self.board.challenges[item.id] = item
            self.start_challenge(item.id)
        else:
            self._open(item, 0, 1)
        return True

    def opened_challenges(self) -> list:
        return [item for item in self.opened if isinstance(item, Challenge)]

    @Slot()
    def leave_lesson(self) -> None:
        """Closes the lesson or challenge: every control it locked or hid is back as it was."""
        if self.locks is not None:
            self.locks.release()
        if self.current is not None:
            self.board.activate(None)
            self.current = None
        self.close_lesson_action.setEnabled(False)

    @Slot()
    def show_save_dialog(self) -> SaveLessonDialog:
        base = screen_draft(
            panels=self.panels,
            dataset=self.document.dataset,
            views=self.views,
            units_off=getattr(self.controller.latest_snapshot, "units_off", frozenset()),
        )
        dialog = SaveLessonDialog(base, self.owner)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._on_lesson_saved)
        dialog.open()
        return dialog

    @Slot()
    def _on_lesson_saved(self) -> None:
        dialog = self.sender()
        if isinstance(dialog, SaveLessonDialog) and dialog.saved_path:
            self.notices.status(saved_files_text(dialog.saved_path, dialog.base.points is not None), 8000)

    def open_lesson(self, lesson_id: str) -> None:
        lesson = self.lesson(lesson_id)
        if lesson is None:
            log.warning("no lesson %r", lesson_id)
            return
        if not self._may_replace_data():
            return
        self._open(lesson, self.lessons.index(lesson), len(self.lessons))
        self.settings.save(CURRENT_LESSON_KEY, lesson.id)

    def _open(self, lesson, index: int, count: int) -> None:
        self.board.activate(None)
        self._apply_setup(lesson, compare=lesson.compare)
        self.lesson_panel.show_lesson(lesson, index, count)
        self.lesson_dock.show()
        self.lesson_dock.raise_()
        self.views.show_exactly(lesson.views, self.lesson_dock)
        number = f"Lesson {index + 1}: " if count > 1 else "Lesson: "
        self.notices.status(f"{number}{lesson.title}. Press Play (Space) to train.", 8000)

    @Slot()
    def _on_lesson_action(self) -> None:
        action = self.sender()
        assert isinstance(action, QAction)  # the lesson's menu entry
        self.open_lesson(str(action.data()))

    @Slot()
    def _on_previous(self) -> None:
        self._open_relative(-1)

    @Slot()
    def _on_next(self) -> None:
        self._open_relative(+1)

    def _open_relative(self, step: int) -> None:
        lesson = self.lesson_panel.lesson
        if lesson is None or lesson not in self.lessons:
            return
        index = self.lessons.index(lesson) + step
        if 0 <= index < len(self.lessons):
            self.open_lesson(self.lessons[index].id)

    @Slot()
    def _on_restart(self) -> None:
        lesson = self.lesson_panel.lesson
        if lesson in self.opened:
            self._open(lesson, 0, 1)
        elif lesson is not None:
            self.open_lesson(lesson.id)

    # ================================================================== challenges
    @Slot(str)
    def start_challenge(self, challenge_id: str) -> None:
        challenge = self.challenge(challenge_id)
        if challenge is None:
            log.warning("no challenge %r", challenge_id)
            return
        if not self._may_replace_data():
            return
        self._apply_setup(challenge, compare=())
        self.board.activate(challenge.id)
        self.challenges_dock.show()
        self.challenges_dock.raise_()
        if challenge.views:
            self.views.show_exactly(challenge.views, self.challenges_dock)
        self.notices.status(f"Challenge: {challenge.title}. Goal: {challenge.goal.describe()}.", 8000)

    @Slot()
    def _on_challenge_action(self) -> None:
        action = self.sender()
        assert isinstance(action, QAction)  # the challenge's menu entry
        self.start_challenge(str(action.data()))

    @Slot(str, float)
    def _on_best_improved(self, challenge_id: str, _value: float) -> None:
        self._update_solved_marks()
        challenge = self.challenge(challenge_id)
        if challenge is not None:
            self.notices.status(f"\u2713 Challenge met: {challenge.title} \u2014 new best kept.", 8000)

    def _update_solved_marks(self) -> None:
        solved = self.board.solved()
        for cid, action in self.challenge_actions.items():
            challenge = self.challenge(cid)
            action.setText(("\u2713 " if cid in solved else "") + challenge.title)

    # ================================================================== setting a lesson up
    def _may_replace_data(self) -> bool:
        """A lesson replaces the points: points drawn, edited or opened and not saved are asked about first,
        with the question New and Open ask (Save / Discard / Cancel). Points a generator makes again, as they
        are, go without asking (the next lesson would otherwise ask after every lesson)."""
        doc = self.document
        if self._maybe_save is None or doc.dataset.n_samples == 0 or doc.source.generator is not None:
            return True
        return bool(self._maybe_save("lesson"))

    def _apply_setup(self, item, compare=()) -> None:
        """Data, model and training settings of a lesson or challenge, through the panels; then Reset."""
        if self.controller.running:
            self.controller.pause()
        self.leave_lesson()  # the last lesson's locks go before its successor is set up through the controls
        self._go_live()
        self._remove_extra_models()

        d = item.data
        generated = DATASETS.get(d.dataset)  # None: a real data set (its own points; noise does not apply)
        noise = d.noise if d.noise is not None or generated is None else generated.default_noise
        params = {
            **self.panels.data.params(),
            "name": d.dataset,
            "n_samples": d.n_samples,
            "noise": noise,
            "n_classes": d.classes,
            "seed": d.seed,
            "test_fraction": d.test_fraction,
        }
        self.panels.data.set_params(params)
        if item.points is not None:  # drawn by a teacher: the points of the file beside the lesson, one undo step
            self.document.set_test_fraction(d.test_fraction)
            command = ReplaceDatasetCommand(
                self.document, item.points, f"Open lesson {item.title}", source=DataSource.from_file(d.file or "")
            )
            if self.undo_stack is not None:
                self.undo_stack.push(command)
            else:
                command.redo()
        else:
            self.panels.data.generate_button.click()  # the window generates it: one undo step, like a person's click

        self.panels.model.set_model_spec(item.model)
        self.controller.set_units_off(item.units_off)  # after the model: its units (none listed: all on)
        self.panels.training.set_train_spec(item.train)
        self.panels.training.set_pace(item.pace)
        for run in compare:
            self._add_compare_run(item, run)
        self._reset()
        self.current = item
        self.close_lesson_action.setEnabled(True)
        if self.locks is not None:
            self.locks.apply(item.locked, item.hidden)

    def _add_compare_run(self, lesson, run: dict) -> None:
        model_spec = ModelSpec.from_dict({**lesson.model.to_dict(), **run.get("model", {})})
        train_spec = TrainSpec.from_dict({**lesson.train.to_dict(), **run.get("train", {})})
        self.manager.add_model(model_spec, train_spec)

    def _remove_extra_models(self) -> None:
        members = list(self.manager.members)
        for member in members:
            self.manager.remove_model(member[0])
        self._members_leaving = bool(members)

    @Slot(object)
    def _on_members_changed(self, members) -> None:
        """The compare view shows itself while models remain; once the lesson's removals are done and the
        lesson does not list it, it closes again."""
        if not self._members_leaving or members:
            return
        self._members_leaving = False
        views = getattr(self.current, "views", ())
        if "compare" not in views and not getattr(self.current, "compare", ()):
            self.views.close("compare")

    # ================================================================== views
    def view_is_open(self, name: str) -> bool:
        return self.views.is_open(name)

    @property
    def missing_views(self) -> list[str]:
        """View names of the last lesson this build has no view for."""
        return self.views.missing
