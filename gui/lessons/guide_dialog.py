"""GuideDialog: the user guide, ``resources/guide.md``, in a QTextBrowser (non-modal).

Its links open in the desktop's viewer, a relative one on the file beside the guide wherever the app is installed
(the lessons' README in a wheel is deep in site-packages, not at the ``resources/lessons/README.md`` of a checkout).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from gui.lessons.lessons_panel import lesson_font
from gui.widgets.screen_fit import resize_within_screen
from model.resource_files import resource_path

GUIDE = resource_path("guide.md")


class GuideDialog(QDialog):
    """The short user guide (resources/guide.md), non-modal."""

    def __init__(self, parent: QWidget | None = None, path: Path = GUIDE):
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle("User guide \u2014 Neural Playground")
        self.setModal(False)
        resize_within_screen(self, 700, 760)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 8)
        self.path = Path(path)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)  # in place, a link would replace the guide with no way back
        self.browser.anchorClicked.connect(self._open_link)
        self.browser.setToolTip("The user guide; Help \u25b8 Keyboard shortcuts lists every key.")
        self.browser.document().setDefaultFont(lesson_font(11.0))
        self.browser.document().setDocumentMargin(12)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as error:
            text = f"The user guide could not be read ({error.strerror or error}): `{path}`."
        self.browser.setMarkdown(text)
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setToolTip("Closes the guide.")
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

    def text(self) -> str:
        return self.browser.toPlainText()

    def link_target(self, url: QUrl) -> QUrl:
        """What a link of the guide opens: a relative one is the file of that name beside the guide."""
        if url.isRelative() and url.path():
            return QUrl.fromLocalFile(str(self.path.parent / url.path()))
        return url

    @Slot(QUrl)
    def _open_link(self, url: QUrl) -> None:
        if url.isRelative() and not url.path() and url.fragment():
            self.browser.scrollToAnchor(url.fragment())
        else:
            QDesktopServices.openUrl(self.link_target(url))
