"""The file dialogs and message boxes of the File menu, and the folder they start in (remembered).

They are the static ``QFileDialog`` / ``QMessageBox`` functions, so tests monkeypatch them.
"""

from __future__ import annotations

import html
import os

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gui.files.exporters import default_name
from model.storage.safe_files import FileFormatError

LAST_DIR_KEY = "last_dir"


def error_text(exc: BaseException, path: str) -> str:
    """The message for a box: DataFileError / SessionFileError already name the file, row and column.

    Returned as escaped rich text: a message box takes a tag in the first line for HTML, and the
    message quotes the file's own cells ('<img src=x>' is not a number), which must show as written.
    """
    return plain_text_box(error_words(exc, path))


def plain_text_box(text: str) -> str:
    """``text`` for a message box, shown as written (escaped rich text: see ``error_text``)."""
    return "<p>" + html.escape(text, quote=False).replace("\n", "<br>") + "</p>"


def error_words(exc: BaseException, path: str) -> str:
    """The same message as plain text (for the banner, which shows text as written)."""
    if isinstance(exc, FileFormatError):
        return str(exc)
    if isinstance(exc, OSError):
        # the whole path: what the person must change is often the folder (read-only, missing, full)
        return f"{path}: {exc.strerror or exc}"
    return f"{os.path.basename(path) or path}: {exc}"


class FileDialogs:
    """Dialogs centred on ``parent``; ``settings`` (AppSettings) remembers the last folder used."""

    def __init__(self, parent: QWidget, settings):
        self.parent = parent
        self.settings = settings

    def start_dir(self) -> str:
        d = self.settings.load(LAST_DIR_KEY, "")
        return d if isinstance(d, str) and os.path.isdir(d) else os.path.expanduser("~")

    def remember_dir(self, path) -> None:
        self.settings.save(LAST_DIR_KEY, os.path.dirname(os.path.abspath(path)))

    def ask_open(self, title: str, file_filter: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.parent, title, self.start_dir(), file_filter)
        return path or None

    def ask_save(self, title: str, suffix: str, file_filter: str, base: str) -> str | None:
        """A path to save to (``suffix`` added when the name has none), or None when cancelled.

        The dialog asked before replacing the name typed, not the name with ``suffix`` added: a file that
        name would replace is asked about here, and "No" goes back to the dialog."""
        suggestion = os.path.join(self.start_dir(), default_name(base, suffix))
        while True:
            path, _ = QFileDialog.getSaveFileName(self.parent, title, suggestion, file_filter)
            if not path:
                return None
            if os.path.splitext(path)[1]:
                return path
            path += suffix
            if not os.path.exists(path) or self._may_replace(path):
                return path
            suggestion = path

    def _may_replace(self, path: str) -> bool:
        answer = QMessageBox.question(
            self.parent,
            "Replace the file?",
            html.escape(
                f"{os.path.basename(path)} already exists in {os.path.dirname(path)}. Replace it?", quote=False
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def warn(self, title: str, exc: BaseException, path) -> None:
        QMessageBox.warning(self.parent, title, error_text(exc, os.fspath(path)))

    def inform(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def warn_text(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)
