"""A file named on the command line opens once the window is on screen and active (``WhenShown``): it was opened
before the window had painted or been activated, which left it black for seconds, and a Space pressed meanwhile
reached a window whose shortcuts did not answer yet."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gui.window.when_shown import WhenShown


def test_the_work_waits_for_the_window_to_be_active(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    done = []
    WhenShown(window, lambda: done.append(window.isActiveWindow()), patience_ms=5000)
    qtbot.wait(200)
    assert done == []  # not on screen yet
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: done == [True], timeout=3000)
    qtbot.wait(100)
    assert done == [True]  # once


def test_a_window_that_never_becomes_active_gets_its_work_done_all_the_same(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    done = []
    WhenShown(window, lambda: done.append(True), patience_ms=300)
    qtbot.waitUntil(lambda: done == [True], timeout=3000)
