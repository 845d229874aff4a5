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
    stamp: int = 0  # the file's modification time (ns) when listed: another file may take its name later

    @classmethod
    def read(cls, path: str, name: str) -> KeptSession:
        stamp = os.stat(path).st_mtime_ns
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp / 1e9))
        try:
            opened = open_session_file(path)
        except (OSError, ValueError):  # damaged: still listed, so that it can be discarded
            return cls(path, name, when, None, None, stamp=stamp)
        session = opened.session
        return cls(path, name, when, int(session.epoch), int(session.dataset.n_samples), len(opened.members), stamp)

    def still_there(self, kept_paths) -> bool:
        """The file listed is still kept under its path: an autosave written while the list was open moves the
        offered work aside and writes this run's own under its name, which Restore or Discard must not take."""
        try:
            return self.path in kept_paths and os.stat(self.path).st_mtime_ns == self.stamp
        except OSError:
            return False

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
        self.changed_note = QLabel()
        self.changed_note.setWordWrap(True)
        self.changed_note.hide()
        layout.addWidget(self.changed_note)
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
        """The session chosen, if it is still kept as listed; else the list is read again (and says why)."""
        item = self.list.currentItem()
        kept = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if kept is not None and not kept.still_there({path for path, _ in self.sessions.kept_work()}):
            self.refill()
            self.changed_note.setText("The list changed while it was open (unsaved work was kept since): choose again.")
            self.changed_note.show()
            return None
        return kept

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
