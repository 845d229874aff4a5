"""Lessons and challenges: the Lessons menu, the Lesson and Challenges docks, and what opening one does.

``LessonActions`` reads every lesson and challenge file (``model.teaching.lessons.load_all``) and makes

- a **Lessons** menu (``menu``, ``gui.lessons.lessons_menu``): every lesson (one click opens it), every challenge
  (one click starts it), the Lesson and Challenges docks' toggles, **Close lesson** and the start page;
- a **Lesson** dock (``gui.lessons.lessons_panel.LessonPanel``) and a **Challenges** dock
  (``gui.lessons.challenges_panel``), checked live on every snapshot;
- through its parts: ``start_page_action``, ``guide_action`` and ``error_button``
  (``gui.lessons.start_page_actions``), and for the File menu (``file_menu_items()``) **Open lesson…** and
  **Save as lesson…** (``gui.lessons.lesson_file_actions``); ``open_lesson_file`` opens a lesson or challenge
  file from anywhere (a teacher's, also given on the command line).

The window puts the menu and the actions in place and hands over the views a lesson may open as switches
(``gui.lessons.lesson_views``).

Opening a lesson, or starting a challenge, sets it up through the same controls a person uses
(``gui.lessons.lesson_setup``). A lesson then opens the views it lists (``model.teaching.lessons.VIEWS``), mapping
each name to the dock or window that shows it; a name whose view does not exist in this build is logged and
skipped. The other view docks are closed: a lesson shows exactly its views (the curves and the timeline, parts of
the main window, stay as they are).

A lesson's ``locked`` and ``hidden`` control groups are applied after its setup (``gui.lessons.lesson_locks``)
and hold until the lesson is closed: Lessons ▸ Close lesson, another lesson or challenge, or File ▸ Open data,
Open session (``leave_lesson``, which the window connects to the File menu's ``openingOther``), or unsaved work
restored on other points than the lesson's (``session_opened``). The lesson's points as the person edited them in
it (the lesson invites edits: "add a few orange points…") are still its own; a challenge's are not.

The next start shows the text of the lesson opened last (a built-in one by its id, one opened from a file by the
file's path, read again) in the Lesson panel. A lesson still open when the app was closed is open again, its locks
and hidden controls back, when the data on the plot is still its own (generated again with its settings, which the
data panel remembers, and for points a teacher drew, those of the CSV file beside the lesson, put back when the
panel's remembered settings are still the lesson's); otherwise, as after Close lesson, the panel says the lesson is
closed, and Restart lesson sets it up. The unsaved work of that run, restored (the banner's Restore it), decides
again: the lesson's points, or its points as the person edited them in it, keep the lesson open or open it again;
other points (another file, other data generated) close it. Nothing else is set up again: the panels' remembered
values are the lesson's, or what the person changed that the lesson left free. A lesson open again shows its panel
and its views: through the window's kept layout, or, when that layout was kept before the lesson was shown (the
app was killed within a minute of opening it), as opening it does.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QDockWidget, QMessageBox

from gui.lessons.challenges_panel import ChallengeBoard, ChallengesPanel, GeneratedData
from gui.lessons.lesson_file_actions import LessonFileActions
from gui.lessons.lesson_locks import LessonLocks
from gui.lessons.lesson_setup import LessonSetup
from gui.lessons.lesson_views import LessonViews
from gui.lessons.lessons_menu import build_lessons_menu
from gui.lessons.lessons_panel import LessonPanel
from gui.lessons.start_page_actions import StartPageActions
from model.teaching.lessons import LESSON_DIR, Challenge, Lesson, LessonError, load_all, load_file

log = logging.getLogger(__name__)

CURRENT_LESSON_KEY = "lessons/current"  # the lesson whose text the Lesson panel shows again at the next start
CURRENT_LESSON_FILE_KEY = "lessons/current_file"  # or the lesson file it was read from (File ▸ Open lesson…)
LESSON_OPEN_KEY = "lessons/open"  # True while that lesson is open (not closed, and no challenge started since)


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
        self.document = document
        self.views = LessonViews(views, docks)
        self.directory = directory if directory is not None else LESSON_DIR
        self.lessons, self.challenges, self.errors = load_all(self.directory)
        for message in self.errors:
            log.warning("lesson file skipped: %s", message)
        self.current = None  # the lesson (or challenge) whose setup was loaded last
        self._remembered = None  # the lesson open when the app was closed, until the first points are made
        # that lesson, when the first points were not its own: the unsaved work restored may be (``session_opened``)
        self._open_at_close = None
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
        self.setup = LessonSetup(
            panels=panels,
            controller=controller,
            manager=manager,
            document=document,
            undo_stack=undo_stack,
            reset=reset,
            go_live=go_live,
            views=self.views,
            current=lambda: self.current,
            maybe_save=maybe_save,
            parent=self,
        )
        self.files = LessonFileActions(
            owner=self.owner,
            panels=panels,
            document=document,
            views=self.views,
            controller=controller,
            notices=notices,
            open_file=self.open_lesson_file,
            current=lambda: self.current,
            read_from_file=lambda item: item in self.opened,
            points_saved=self.setup.note_points_in_lesson,
            compared=lambda: manager.members,
            parent=self,
        )
        self.welcome = StartPageActions(
            owner=self.owner,
            lessons=self.lessons,
            challenges=self.challenges,
            errors=self.errors,
            solved=self.board.solved,
            open_lesson=self.open_lesson,
            start_challenge=self.start_challenge,
            settings=settings,
            notices=notices,
            data_ready=data_ready,
            invite_at_start=start_page,
            parent=self,
        )
        self.start_page_action = self.welcome.start_page_action
        self.guide_action = self.welcome.guide_action
        self.error_button = self.welcome.error_button

        built = build_lessons_menu(
            self.owner,
            self.lessons,
            self.challenges,
            open_lesson=self.open_lesson,
            start_challenge=self.start_challenge,
            close_lesson=self.leave_lesson,
            docks=(self.lesson_dock, self.challenges_dock),
            start_page_action=self.start_page_action,
        )
        self.menu, self.close_lesson_action = built.menu, built.close_lesson_action
        self.lesson_actions, self.challenge_actions = built.lesson_actions, built.challenge_actions
        self._update_solved_marks()
        self.lesson_panel.previousRequested.connect(self._on_previous)
        self.lesson_panel.nextRequested.connect(self._on_next)
        self.lesson_panel.restartRequested.connect(self._on_restart)
        self.challenges_panel.startRequested.connect(self.start_challenge)
        self.board.bestImproved.connect(self._on_best_improved)
        self._show_remembered_lesson()

    # ================================================================== construction
    def _dock(self, name: str, title: str, widget, beside) -> QDockWidget:
        dock = self.docks.new_dock(name, title, widget, Qt.DockWidgetArea.LeftDockWidgetArea, visible=None)
        self.docks.tabify(beside, dock)  # a tab beside Settings, on the left
        dock.hide()
        return dock

    def _show_remembered_lesson(self) -> None:
        """The Lesson panel shows the text of the lesson shown when the app was closed (its data, model and
        training settings come back with the panels' own remembered values). Still open then, it is open again on
        its own data (``_reopen_on_its_data``)."""
        lesson = self.lesson(self.settings.load(CURRENT_LESSON_KEY, "") or "")
        if lesson is not None:
            self.lesson_panel.show_lesson(lesson, self.lessons.index(lesson), len(self.lessons))
        else:
            path = self.settings.load(CURRENT_LESSON_FILE_KEY, "")
            try:
                lesson = load_file(path) if isinstance(path, str) and path else None
            except LessonError as error:  # moved or changed since: the panel stays empty
                log.info("last lesson file not shown again: %s", error)
                return
            if lesson is None or isinstance(lesson, Challenge):
                return
            self.opened.append(lesson)  # so that Restart lesson sets it up
            self.lesson_panel.show_lesson(lesson, 0, 1)
        if self.settings.load(LESSON_OPEN_KEY, False) is not True:
            self.lesson_panel.set_open(False)
        elif self.document.version == 0 and self.document.dataset.n_samples == 0:
            self._remembered = lesson  # the first points are still being made (``_on_first_data``)
            self.document.datasetChanged.connect(self._on_first_data)
        else:
            self._reopen_on_its_data(lesson)

    @Slot(object)
    def _on_first_data(self, _dataset) -> None:
        self.document.datasetChanged.disconnect(self._on_first_data)
        lesson, self._remembered = self._remembered, None
        if lesson is not None and self.current is None and self.lesson_panel.lesson is lesson:
            self._reopen_on_its_data(lesson)  # unless another lesson or a challenge was opened meanwhile

    def _reopen_on_its_data(self, lesson) -> None:
        """The lesson open when the app was closed is open again, its locks and hidden controls in place, if the
        points on the plot are still its own; if they are not, the panel says it is closed until unsaved work
        restored on its points opens it again (``session_opened``).

        The window makes its first points from the data panel's fields, as the last run left them: a built-in
        lesson's own points when the person did not generate others. A lesson whose points a teacher drew (a CSV
        file beside it) sets the fields to its ``[data]`` settings, whose points are not its own: when the fields
        still say those settings, its points, read again with the lesson, take their place."""
        data = lesson.data
        if lesson.points is not None and data.fields_source().same_points(self.document.source):
            self.document.set_dataset(lesson.points, data.source(), data.test_fraction)
        if self._on_its_data(lesson):
            self._reopen(lesson)
        else:  # said to be closed; still open for the next start until the person leaves it or other work is restored
            self._open_at_close = lesson
            self.lesson_panel.set_open(False)

    def _reopen(self, lesson) -> None:
        """The lesson is open again as it was left: its locks and hidden controls, nothing set up again; its panel
        and its views are shown (``_show_reopened``)."""
        self.current = lesson
        self.close_lesson_action.setEnabled(True)
        if self.locks is not None:
            self.locks.apply(lesson.locked, lesson.hidden)
        self._set_open(lesson)
        # after the window has put back its remembered layout (it does so after the lessons are made)
        QTimer.singleShot(0, self, lambda: self._show_reopened(lesson))

    def _show_reopened(self, lesson: Lesson) -> None:
        """The lesson open again shows its panel and its views. A layout kept while the lesson was shown (its
        panel shown in it) is the person's own arrangement and stays; one kept before it was opened (the app was
        killed before the layout was kept again), or none, would show nothing of the lesson: its panel and views
        are shown as opening it shows them."""
        if self.current is not lesson or not self.lesson_dock.isHidden():
            return
        self.lesson_dock.show()
        self.lesson_dock.raise_()
        self.views.show_exactly(lesson.views, self.lesson_dock)

    def _on_its_data(self, item) -> bool:
        """Are the points on the plot the lesson's own, or its own as the person edited them in it? A challenge's,
        whose goal is met on its data as generated, only untouched."""
        source = self.document.source
        if isinstance(item, Challenge):
            return item.data.source().same_points(source)
        return source.made_from(item.data.source())

    @Slot(str, bool)
    def session_opened(self, _path: str, opened: bool) -> None:
        """A session (the unsaved work kept from the last run, too) replaced the data: the lesson or challenge
        stays open only on its own points (a lesson also on its points as edited in it). The lesson open when the
        app was closed, said to be closed at this start because its first points were not its own, is open again
        when the work restored is on its points, and closed for good on other points."""
        if not opened:
            return
        waiting, self._open_at_close = self._open_at_close, None
        item = self.current
        if item is None and waiting is not None and self.lesson_panel.lesson is waiting:
            if self._on_its_data(waiting):
                self._reopen(waiting)
            else:
                self._set_open(None)
        elif item is not None and not self._on_its_data(item):
            self.leave_lesson()

    def _set_open(self, lesson) -> None:
        """``lesson`` is the one open now (None: none is); the next start opens it again on its data."""
        self.settings.save(LESSON_OPEN_KEY, lesson is not None)
        self.lesson_panel.set_open(lesson is not None and self.lesson_panel.lesson is lesson)

    def _remember(self, lesson_id: str = "", path: str = "") -> None:
        """The lesson (a built-in one's id, or a file's path) whose text the next start shows again."""
        self.settings.save(CURRENT_LESSON_KEY, lesson_id)
        self.settings.save(CURRENT_LESSON_FILE_KEY, path)

    # ================================================================== start page, guide, files
    def show_at_start(self) -> bool:
        return self.welcome.show_at_start()

    def show_start_page(self):
        return self.welcome.show_start_page()

    def show_guide(self):
        return self.welcome.show_guide()

    @property
    def start_page(self):
        return self.welcome.start_page

    @property
    def guide(self):
        return self.welcome.guide

    def file_menu_items(self) -> list:
        """Open lesson…, Save as lesson… for the File menu (None: a separator)."""
        return [self.files.open_file_action, self.files.save_as_action, None]

    def show_save_dialog(self):
        return self.files.show_save_dialog()

    # ================================================================== lessons

    def lesson(self, lesson_id: str):
        return next((item for item in self.lessons if item.id == lesson_id), None)

    def challenge(self, challenge_id: str):
        found = (item for item in (*self.challenges, *self.opened) if item.id == challenge_id)
        return next((item for item in found if isinstance(item, Challenge)), None)

    def open_lesson_file(self, path) -> bool:
        """Opens a lesson or challenge file from anywhere; a file that cannot be used is said in a message
        naming it and what is wrong, and nothing changes. A built-in lesson's own file opens as that lesson of
        the course (its number, Previous and Next), a built-in challenge's as that challenge."""
        built_in = self._built_in(path)
        if isinstance(built_in, Challenge):
            self.start_challenge(built_in.id)
            return True
        if built_in is not None:
            return self.open_lesson(built_in.id)
        try:
            item = load_file(path)
        except LessonError as error:
            QMessageBox.warning(self.owner, "Could not open the lesson", str(error))
            return False
        if not isinstance(item, Challenge) and not self.setup.may_replace_data():
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
            self._remember(path=str(Path(path).resolve()))
        return True

    def _built_in(self, path):
        """The built-in lesson or challenge read from the file at ``path``, or None."""
        try:
            where = Path(path).resolve()
            built_in = (*self.lessons, *self.challenges)
            return next((item for item in built_in if Path(item.path).resolve() == where), None)
        except (OSError, RuntimeError, ValueError):
            return None

    def opened_challenges(self) -> list:
        return [item for item in self.opened if isinstance(item, Challenge)]

    @Slot()
    def leave_lesson(self) -> None:
        """Closes the lesson or challenge: every control it locked or hid is back as it was."""
        self._open_at_close = None
        if self.locks is not None:
            self.locks.release()
        if self.current is not None:
            self.board.activate(None)
            self.current = None
        self.close_lesson_action.setEnabled(False)
        self._set_open(None)

    def open_lesson(self, lesson_id: str) -> bool:
        """Opens a built-in lesson as the course's lesson of its number; False if none is opened (no such lesson,
        or the person kept their unsaved data)."""
        lesson = self.lesson(lesson_id)
        if lesson is None:
            log.warning("no lesson %r", lesson_id)
            return False
        if not self.setup.may_replace_data():
            return False
        self._open(lesson, self.lessons.index(lesson), len(self.lessons))
        self._remember(lesson_id=lesson.id)
        return True

    def _open(self, lesson, index: int, count: int) -> None:
        self.board.activate(None)
        self._apply_setup(lesson, compare=lesson.compare)
        self.lesson_panel.show_lesson(lesson, index, count)
        self._set_open(lesson)
        self.lesson_dock.show()
        self.lesson_dock.raise_()
        self.views.show_exactly(lesson.views, self.lesson_dock)
        number = f"Lesson {index + 1}: " if count > 1 else "Lesson: "
        # it asks for Play: the run that Play begins takes it away (it stood for seconds over the training it asked for)
        self.notices.run_status(f"{number}{lesson.title}. Press Play (Space) to train.", 8000)

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
        if not self.setup.may_replace_data():
            return
        self._apply_setup(challenge, compare=())
        self.challenges_dock.show()
        self.challenges_dock.raise_()
        if challenge.views:
            self.views.show_exactly(challenge.views, self.challenges_dock)
        self.notices.status(f"Challenge: {challenge.title}. Goal: {challenge.goal.describe()}.", 8000)

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
    def _apply_setup(self, item, compare=()) -> None:
        """Data, model and training settings of a lesson or challenge, through the panels; then its locks. One
        step on the undo stack, named after it: its undo gives back the points, the settings and the pace the
        person had, and the lesson open before (none: the locks released, as Close lesson does)."""
        if self.controller.running:
            self.controller.pause()
        stack, before = self.undo_stack, self.current
        kind = "Start challenge" if isinstance(item, Challenge) else "Open lesson"
        if stack is not None:
            stack.beginMacro(f"{kind} {item.title}")
        try:
            self.leave_lesson()  # the last lesson's locks go before its successor is set up through the controls
            self.setup.apply(item, compare)
            if stack is not None:
                stack.push(_LessonEntered(self._enter, before, item))
            else:
                self._enter(item)
        finally:
            if stack is not None:
                stack.endMacro()

    def _enter(self, item) -> None:
        """``item`` (a lesson or challenge, None: none) is the one open, its locks applied; a lesson's text in the
        panel, said to be open, and remembered for the next start (an undo or redo of opening one lands here too)."""
        self.leave_lesson()
        if item is None:
            return
        self.current = item
        self.close_lesson_action.setEnabled(True)
        if isinstance(item, Challenge):
            self.board.activate(item.id)
        else:
            if self.lesson_panel.lesson is not item:
                shown = self.lessons.index(item) if item in self.lessons else None
                self.lesson_panel.show_lesson(item, shown or 0, len(self.lessons) if shown is not None else 1)
            if item in self.lessons:
                self._remember(lesson_id=item.id)
            else:
                self._remember(path=str(Path(item.path).resolve()))
            self._set_open(item)
        if self.locks is not None:
            self.locks.apply(item.locked, item.hidden)

    # ================================================================== views
    def view_is_open(self, name: str) -> bool:
        return self.views.is_open(name)

    @property
    def missing_views(self) -> list[str]:
        """View names of the last lesson this build has no view for."""
        return self.views.missing


class _LessonEntered(QUndoCommand):
    """The lesson or challenge open: ``after`` once its setup is done, ``before`` again on undo."""

    def __init__(self, enter, before, after):
        super().__init__()
        self._enter, self.before, self.after = enter, before, after

    def redo(self) -> None:
        self._enter(self.after)

    def undo(self) -> None:
        self._enter(self.before)
