"""File ▸ Open lesson… and File ▸ Save as lesson…: the two menu entries and what they ask.

Open lesson… asks for a lesson or challenge file from anywhere (a teacher's) and hands its path on
(``LessonActions.open_lesson_file``, which the command line uses too). Save as lesson… reads what is on the screen
(``gui.lessons.save_lesson_dialog.screen_draft``) and opens the dialog that writes it, filled from the lesson open
(so that a teacher who changes something and saves again keeps its text, locks and goal); the status bar then names
the files written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from gui.lessons.save_lesson_dialog import LESSON_FILTER, SaveLessonDialog, saved_files_text, screen_draft


class LessonFileActions(QObject):
    """``open_file_action`` and ``save_as_action``; ``open_file(path)`` opens a chosen file; ``panels``,
    ``document``, ``views`` (``LessonViews``) and ``controller`` are what a lesson is saved from; ``current()`` is
    the lesson or challenge open (its title, text, locks and goal fill the dialog) and ``read_from_file(item)``
    whether it came from a file of the teacher's (the file dialog then starts at that file); ``points_saved(version)``
    is told the document's version whose points a lesson now keeps in its CSV; ``compared()`` lists the models
    compared side by side (``Member``s), saved as the lesson's side-by-side runs."""

    def __init__(
        self,
        *,
        owner,
        panels,
        document,
        views,
        controller,
        notices,
        open_file: Callable[[str], Any],
        current: Callable[[], Any] = lambda: None,
        read_from_file: Callable[[Any], bool] = lambda _item: False,
        points_saved: Callable[[int], None] = lambda _version: None,
        compared: Callable[[], Any] = lambda: (),
        parent=None,
    ):
        super().__init__(parent)
        self._compared = compared
        self._points_saved = points_saved
        self._version_shown = -1  # the data version the dialog open was made from
        self._current = current
        self._read_from_file = read_from_file
        self.owner = owner
        self.panels = panels
        self.document = document
        self.views = views
        self.controller = controller
        self.notices = notices
        self._open_file = open_file
        self.open_file_action = QAction("Open lesson\u2026", owner)
        self.open_file_action.setToolTip("Opens a lesson or challenge file, e.g. one a teacher saved.")
        self.open_file_action.triggered.connect(self._on_open_file)
        self.save_as_action = QAction("Save as lesson\u2026", owner)
        self.save_as_action.setToolTip(
            "Makes a lesson or a challenge from what is on the screen: data, model, training, views, with your "
            "text, a goal and the controls students may not change."
        )
        self.save_as_action.triggered.connect(self.show_save_dialog)

    @Slot()
    def _on_open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.owner, "Open lesson", "", LESSON_FILTER)
        if path:
            self._open_file(path)

    @Slot()
    def show_save_dialog(self) -> SaveLessonDialog:
        base = screen_draft(
            panels=self.panels,
            dataset=self.document.dataset,
            views=self.views,
            units_off=getattr(self.controller.latest_snapshot, "units_off", frozenset()),
            compared=self._compared(),
        )
        dialog = SaveLessonDialog(base, self.owner, view_words=self.views.words)
        self._version_shown = self.document.version
        current = self._current()
        if current is not None:
            dialog.start_from(current, str(current.path) if self._read_from_file(current) else "")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._on_lesson_saved)
        dialog.open()
        return dialog

    @Slot()
    def _on_lesson_saved(self) -> None:
        dialog = self.sender()
        if isinstance(dialog, SaveLessonDialog) and dialog.saved_path:
            self.notices.status(saved_files_text(dialog.saved_path, dialog.base.points is not None), 8000)
            if dialog.base.points is not None:
                self._points_saved(self._version_shown)


__all__ = ["LessonFileActions"]
