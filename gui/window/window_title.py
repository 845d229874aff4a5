"""The window's title, file path and modified mark ("[*]"): they follow the session file and the undo stack."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget


class WindowTitle(QObject):
    """Gives ``window`` the title and file path the sessions say (``show``, for their ``titleChanged``), and the
    modified mark while ``undo_stack`` is not clean."""

    def __init__(self, window: QWidget, undo_stack: QUndoStack, parent: QObject | None = None):
        super().__init__(parent)
        self._window = window
        self._undo_stack = undo_stack
        undo_stack.cleanChanged.connect(self._on_clean_changed)

    @Slot(str, str)
    def show(self, title: str, path: str) -> None:
        self._window.setWindowTitle(title)
        self._window.setWindowFilePath(path)
        self._window.setWindowModified(not self._undo_stack.isClean())

    @Slot(bool)
    def _on_clean_changed(self, clean: bool) -> None:
        if shiboken6.isValid(self._window):  # the undo stack also says so while the window is being deleted
            self._window.setWindowModified(not clean)

    def stop(self) -> None:
        """No more following the undo stack: it says "clean" again while the window's children are deleted."""
        try:
            self._undo_stack.cleanChanged.disconnect(self._on_clean_changed)
        except (RuntimeError, TypeError):
            pass
