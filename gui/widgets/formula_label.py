"""A selectable label of text with formulas kept whole (``unbroken_text``), copied as the person reads it.

The word joiners that keep "∂L/∂w" on one line are invisible on screen but were copied with a selection: pasted into
Python or a search box, the formula matched nothing typed by hand. QLabel copies through a text control of its own
that cannot be asked for other text, so Ctrl+C and the context menu's Copy are answered here.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QKeySequence, QTextDocument
from PySide6.QtWidgets import QLabel, QMenu

from gui.widgets.unbroken_text import plain


class FormulaLabel(QLabel):
    """A QLabel whose selected text is copied without word joiners and with ordinary spaces."""

    def copy_selection(self) -> None:
        if self.hasSelectedText():
            QGuiApplication.clipboard().setText(plain(self.selectedText()))

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Copy) and self.hasSelectedText():
            self.copy_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:
        menu = QMenu(self)
        copy = menu.addAction("&Copy", self.copy_selection)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setEnabled(self.hasSelectedText())
        menu.addAction("Select &All", self.select_all)
        menu.exec(event.globalPos())

    def select_all(self) -> None:
        shown = QTextDocument()
        shown.setHtml(self.text())  # selection counts the characters shown, not the markup
        self.setSelection(0, len(shown.toPlainText()))
