"""Whether a Save may write over the file on disk: the window's file as it was when the window last opened or saved
it (``FileStamp``), and the question asked when it is no longer that, or when the person made it read-only.

* Another window or another program may have saved the same file since: its modification time, size or file
  (an atomic save puts a new file in its place) differ from the stamp taken when the window opened or saved it.
  Save then asks "Overwrite / Save As… / Cancel", as LibreOffice or VS Code do: nothing is written over the
  other version without the person's choice.
* A file the person made read-only (``model.storage.atomic_files.is_read_only``) is never written over: Save
  offers Save As… instead.

The answers are "overwrite", "save_as" or "cancel" ("overwrite" only for a changed file).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

HEADLESS_PLATFORMS = ("offscreen", "minimal")
CHANGED = "changed"
READ_ONLY = "read_only"


@dataclass(frozen=True)
class FileStamp:
    """What identifies one version of a file on disk."""

    device: int
    inode: int
    mtime_ns: int
    size: int


def stamp_of(path: str) -> FileStamp | None:
    """The stamp of the file at ``path`` now; None when there is none (deleted, moved away)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return FileStamp(info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size)


def question_text(why: str, path: str) -> str:
    """What the question says (plain text), naming the file."""
    name = os.path.basename(path)
    if why == CHANGED:
        return (
            f"\u201c{name}\u201d was changed on disk since this window opened or saved it (by another window or "
            "another program). "
            "Overwrite it with this window's session, or save this session as another file and keep both?"
        )
    return f"\u201c{name}\u201d is read-only: it cannot be saved over. Save this session as another file?"


def ask_write_over(parent: QWidget, why: str, path: str) -> str:
    """Asks the person (``why``: ``CHANGED`` or ``READ_ONLY``): "overwrite", "save_as" or "cancel". Nobody can
    answer on a headless platform: nothing is written over there ("cancel")."""
    if QGuiApplication.platformName() in HEADLESS_PLATFORMS:
        return "cancel"
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("File changed on disk" if why == CHANGED else "File is read-only")
    box.setTextFormat(Qt.TextFormat.PlainText)  # a file's name is shown as written
    box.setText(question_text(why, path))
    overwrite = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole) if why == CHANGED else None
    save_as = box.addButton("Save As\u2026", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if overwrite is not None and clicked is overwrite:
        return "overwrite"
    return "save_as" if clicked is save_as else "cancel"
