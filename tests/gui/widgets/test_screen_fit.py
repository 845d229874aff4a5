"""A window's first size is no larger than its screen: on a 1024×700 screen the main window (1360×860), the guide
(760 px tall) and the start page (720) opened past its bottom edge, their buttons there out of reach."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QWidget

from gui.widgets.screen_fit import FRAME_PX


class _SmallScreen:
    def availableGeometry(self) -> QRect:
        return QRect(0, 0, 1024, 700)


def test_the_guide_and_the_start_page_open_within_a_small_screen(qtbot, monkeypatch):
    from gui.lessons.guide_dialog import GuideDialog
    from gui.lessons.lessons_panel import StartPage

    monkeypatch.setattr(QWidget, "screen", lambda self: _SmallScreen())
    for dialog in (GuideDialog(), StartPage()):
        qtbot.addWidget(dialog)
        assert dialog.width() <= 1024 and dialog.height() <= 700 - FRAME_PX, (type(dialog).__name__, dialog.size())


def test_the_main_window_opens_within_its_screen_at_the_first_start(qtbot, tmp_path):
    from gui.main_window import MainWindow

    window = MainWindow(settings=QSettings(str(tmp_path / "fresh.ini"), QSettings.IniFormat))  # nothing stored
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()  # the tests' offscreen screen (tests/gui/desktop_screen.json)
    try:
        assert window.width() <= available.width() and window.height() <= available.height() - FRAME_PX
        assert (window.width(), window.height()) == (
            min(1360, available.width()),
            min(860, available.height() - FRAME_PX),
        )
    finally:
        window.file_actions.sessions.confirm_discard = lambda reason: "discard"
        window.close()
