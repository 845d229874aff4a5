"""The Lessons menu: every lesson and every challenge (one click opens it), the Lesson and Challenges docks'
toggles, Close lesson and the start page.

``build_lessons_menu`` makes it; ``LessonActions`` (``gui.lessons.lesson_actions``) says what each entry does and
marks the challenges met.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu, QWidget


@dataclass(frozen=True)
class LessonsMenu:
    """The menu and its entries: by lesson id, by challenge id, and Close lesson (off until a lesson is open)."""

    menu: QMenu
    lesson_actions: dict[str, QAction]
    challenge_actions: dict[str, QAction]
    close_lesson_action: QAction


def build_lessons_menu(
    owner: QWidget,
    lessons: Sequence[Any],
    challenges: Sequence[Any],
    *,
    open_lesson: Callable[[str], Any],
    start_challenge: Callable[[str], Any],
    close_lesson: Callable[[], Any],
    docks: tuple[QDockWidget, QDockWidget],
    start_page_action: QAction,
) -> LessonsMenu:
    """The Lessons menu of ``lessons`` (numbered, the first nine with a mnemonic) and ``challenges``; ``docks``
    are the Lesson and Challenges docks, whose toggles it lists."""
    menu = QMenu("&Lessons", owner)
    menu.setToolTipsVisible(True)
    lesson_actions: dict[str, QAction] = {}
    challenge_actions: dict[str, QAction] = {}
    for k, lesson in enumerate(lessons):
        a = QAction(f"&{k + 1}. {lesson.title}" if k < 9 else f"{k + 1}. {lesson.title}", owner)
        a.setToolTip(lesson.summary or lesson.title)
        a.setData(lesson.id)
        a.triggered.connect(lambda _checked=False, lesson_id=lesson.id: open_lesson(lesson_id))
        menu.addAction(a)
        lesson_actions[lesson.id] = a
    if not lessons:
        menu.addAction("No lessons found").setEnabled(False)
    menu.addSection("Challenges")
    for challenge in challenges:
        a = QAction(challenge.title, owner)
        a.setToolTip(challenge.text)
        a.setData(challenge.id)
        a.triggered.connect(lambda _checked=False, challenge_id=challenge.id: start_challenge(challenge_id))
        menu.addAction(a)
        challenge_actions[challenge.id] = a
    menu.addSeparator()
    for dock, text in zip(docks, ("Lesson panel", "Challenges panel")):
        toggle = dock.toggleViewAction()
        toggle.setText(text)
        menu.addAction(toggle)
    close_action = QAction("Close lesson", owner)
    close_action.setToolTip("Leaves the lesson or challenge: every control it locked or hid is back.")
    close_action.setEnabled(False)
    close_action.triggered.connect(lambda _checked=False: close_lesson())
    menu.addAction(close_action)
    menu.addAction(start_page_action)
    return LessonsMenu(menu, lesson_actions, challenge_actions, close_action)


__all__ = ["LessonsMenu", "build_lessons_menu"]
