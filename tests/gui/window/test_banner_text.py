"""The banner quotes names from files (a recovered session's name, a damaged file's problem): shown as text."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui.window.messages import Banner


def test_the_banner_shows_markup_as_written(qtbot):
    banner = Banner()
    qtbot.addWidget(banner)
    banner.show_message("The last session (\u201c<img src=x>.npz\u201d) closed with unsaved work.", "Restore it")
    assert banner.label.textFormat() == Qt.PlainText
    assert "<img src=x>.npz" in banner.text()
