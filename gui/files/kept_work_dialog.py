"""File > Restore Unsaved Work…: every session's unsaved work kept beside the settings, to restore or discard.

The banner at a start offers the newest only; older work kept aside (a start whose offer was not taken, a second
window's file) is listed here too, each with when it was kept, its session's name, its epoch, its points and its
compared models. Restore opens it as an unsaved session (asking first about the work it would replace, as Open
does); Discard deletes it, after asking.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from model.storage.session_files import open_session_file


@dataclass(frozen=True)
class KeptSession:
    """One session's unsaved work as the list shows it: ``epoch`` and ``points`` are None when it cannot be read."""

    path: str
    name: str
    when: str
    epoch: int | None
    points: int | None
    compared: int = 0

    @classmethod
    def read(cls, path: str, name: str) -> KeptSession:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(os.path.getmtime(path)))
        try:
            opened = open_session_file(path)
        except (OSError, ValueError):  # damaged: still listed, so that it can be discarded
            return cls(path, name, when, None, None)
        session = opened.session
        return cls(path, name, when, int(session.epoch), int(session.dataset.n_samples), len(opened.members))

    def describe(self) -> str:
        """ "“moons.npz”, kept 2026-12-04 16:10: epoch 1,234, 200 points, 1 compared model"."""
        head = f"\u201c{self.name}\u201d, kept {self.when}"
        if self.epoch is None or self.points is None:
            return f"{head}: could not be read"
        compared = f", {self.compared} compared model{'s' if self.compared > 1 else ''}" if self.compared else ""
        return f"{head}: epoch {self.epoch:,}, {self.points:,} point{'s' if self.points != 1 else ''}{compared}"


class KeptWorkDialog(QDialog):
    """Lists ``sessions.kept_work()``; Restore (``sessions.restore_kept``) closes the dialog, Discard
    (``sessions.discard_kept``) asks first. ``confirm_discard`` (callable(text) -> bool) answers instead of the
    question in tests."""

    def __init__(self, sessions, parent: QWidget | None = None):
        super().__init__(parent)
        self.sessions = sessions
        self.confirm_discard: Callable[[str], bool] | None = None
        self.setWindowTitle("Restore Unsaved Work")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Work not saved when a session ended (closed, crashed or killed) is kept here. "
            "Restore one to go on with it, or discard what you no longer need."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.itemDoubleClicked.connect(self._on_restore)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton("Restore")
        self.discard_button = QPushButton("Discard\u2026")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.restore_button.clicked.connect(self._on_restore)
        self.discard_button.clicked.connect(self._on_discard)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 300)
        self.refill()

    def refill(self) -> None:
        self.list.clear()
        for path, name in self.sessions.kept_work():
            kept = KeptSession.read(path, name)
            item = QListWidgetItem(kept.describe())
            item.setData(Qt.ItemDataRole.UserRole, kept)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.restore_button.setEnabled(self.list.count() > 0)
        self.discard_button.setEnabled(self.list.count() > 0)

    def shown(self) -> list[KeptSession]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def _chosen(self) -> KeptSession | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    @Slot()
    def _on_restore(self) -> None:
        kept = self._chosen()
        if kept is not None and self.sessions.restore_kept(kept.path):
            self.accept()

    @Slot()
    def _on_discard(self) -> None:
        kept = self._chosen()
        if kept is None:
            return
        text = f"Discard the unsaved work of {kept.describe()}? It cannot be restored afterwards."
        if self.confirm_discard is not None:
            sure = self.confirm_discard(text)
        else:
            answer = QMessageBox.question(
                self,
                "Discard unsaved work",
                text,
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            sure = answer == QMessageBox.StandardButton.Discard
        if sure and self.sessions.discard_kept(kept.path):
            self.refill()
