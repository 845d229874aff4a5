"""The way into the lessons: the start page, the invitation to it, the user guide and the skipped files' warning.

``StartPageActions`` makes ``start_page_action`` and ``guide_action`` (for a Help menu) and ``error_button`` (for
the status bar: a warning, also on the start page, naming every lesson file that could not be read).

At start, a banner inside the window invites to the lessons (its button opens the start page), only when the
window uses the user's own settings (``invite_at_start=True``; tests pass their own QSettings) and the user has
not unticked "Offer the lessons when the app starts". Not a second window: the app opens ready to Play.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton

from gui.lessons.guide_dialog import GuideDialog
from gui.lessons.lessons_panel import StartPage

SHOW_AT_START_KEY = "lessons/show_start_page"
INVITATION_ACTION = "Open the lessons"
#: the invitation in a short window (large fonts on a small screen), where its whole text does not fit two lines
#: beside the button: the question, and the button says the rest
INVITATION_SHORT = "New here?"
_NUMBER_WORDS = "no one two three four five six seven eight nine ten eleven twelve".split()  # noqa: SIM905 (one line, not 13)


def _count(n: int, noun: str) -> str:
    """``3, "challenge"`` -> "three challenges" (digits from 13 on)."""
    number = _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else f"{n}"
    return f"{number} {noun}{'' if n == 1 else 's'}"


class StartPageActions(QObject):
    """Start page, invitation, user guide and the warning about skipped lesson files.

    ``owner`` is the window the start page and the guide belong to; ``lessons``, ``challenges`` and ``errors``
    are what ``model.teaching.lessons.load_all`` read; ``solved()`` the challenges met; ``open_lesson(id)`` and
    ``start_challenge(id)`` what a click on the start page does; ``settings`` (AppSettings) keeps whether to
    invite at start; ``notices`` says things; ``data_ready()`` is True once the window's first data arrived."""

    def __init__(
        self,
        *,
        owner,
        lessons: list,
        challenges: list,
        errors: list[str],
        solved: Callable[[], Any],
        open_lesson: Callable[[str], Any],
        start_challenge: Callable[[str], Any],
        settings,
        notices,
        data_ready: Callable[[], bool],
        invite_at_start: bool = False,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.owner = owner
        self.lessons = lessons
        self.challenges = challenges
        self.errors = errors
        self._solved = solved
        self._open_lesson = open_lesson
        self._start_challenge = start_challenge
        self.settings = settings
        self.notices = notices
        self._data_ready = data_ready
        self.start_page: StartPage | None = None
        self.guide: GuideDialog | None = None

        self.start_page_action = QAction("Start page\u2026", owner)
        self.start_page_action.setToolTip("Every lesson with its summary, and every challenge.")
        self.start_page_action.triggered.connect(self.show_start_page)
        self.guide_action = QAction("User guide", owner)
        self.guide_action.setToolTip("A short guide to the whole app.")
        self.guide_action.triggered.connect(self.show_guide)
        self._build_error_notice()
        if invite_at_start and self.show_at_start():
            # An invitation inside the window, not a second window over it: the app opens
            # ready to Play, and the start page is one click away.
            QTimer.singleShot(0, self._invite)

    def _build_error_notice(self) -> None:
        """A warning that stays in the status bar while some lesson files could not be used."""
        self.error_button = QToolButton()
        self.error_button.setObjectName("lessonErrors")
        self.error_button.setAutoRaise(True)
        # its colour and weight are style.qss's, in each theme's warning colour
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

    def show_at_start(self) -> bool:
        value = self.settings.load(SHOW_AT_START_KEY, True)
        return value is not False

    @Slot()
    def _invite(self) -> None:
        self.notices.invite(self.invitation_text(), INVITATION_ACTION, self.show_start_page, short=INVITATION_SHORT)

    def invitation_text(self) -> str:
        """The banner's words, counting the lessons and challenges that were read (a teacher adds files); short,
        as it takes its lines from the plot's height in a small window."""
        text = f"New here? {_count(len(self.lessons), 'short lesson').capitalize()}"
        if self.challenges:
            text += f" and {_count(len(self.challenges), 'challenge')}"
        return text + ", from one neuron to backpropagation and beyond."

    @Slot()
    def show_start_page(self) -> StartPage:
        if self.start_page is None:
            page = StartPage(self.owner)
            page.lessonRequested.connect(self._on_start_page_lesson)
            page.challengeRequested.connect(self._on_start_page_challenge)
            page.showAtStartChanged.connect(self._on_show_at_start_changed)
            self.start_page = page
        self.start_page.set_content(self.lessons, self.challenges, self.errors, self._solved())
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
        self._open_lesson(lesson_id)
        if self.start_page is not None:
            self.start_page.close()

    @Slot(str)
    def _on_start_page_challenge(self, challenge_id: str) -> None:
        self._start_challenge(challenge_id)
        if self.start_page is not None:
            self.start_page.close()

    @Slot()
    def show_guide(self) -> GuideDialog:
        if self.guide is None:
            self.guide = GuideDialog(self.owner)
        self.guide.show()
        self.guide.raise_()
        return self.guide


__all__ = ["SHOW_AT_START_KEY", "StartPageActions"]
