"""A lesson open when the app was killed is open again at the next start and shows itself: its Lesson panel and the
views it lists, whether the window's layout was kept with the last minute's autosave (the person's arrangement
then, a view they closed stays closed) or not at all (a layout kept before the lesson was opened, or none)."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QSettings

from tests.gui.conftest import _shown_window

LESSON = "backpropagation"  # its views: the probe and the network diagram


def _a_minute_passes(w) -> None:
    """What the autosave's minute keeps against a kill (the timer's tick, without waiting a minute for it)."""
    w.file_actions.sessions.autosave_timer.timeout.emit()


def _profile_after_a_kill(w, tmp_path, name: str) -> str:
    """The settings file as a kill leaves it on the disk now (nothing more is written at a kill), in a folder of
    its own: the settings file of the next start."""
    w.settings.sync()
    folder = tmp_path / name
    folder.mkdir()
    return str(shutil.copy(w.settings.q.fileName(), folder / "settings.ini"))


def _start(qtbot, ini: str):
    again = _shown_window(qtbot, ini)
    qtbot.addWidget(again)
    return again


def _lesson_shown(w) -> bool:
    la = w.lesson_actions
    return (
        la.current is not None
        and la.current.id == LESSON
        and la.lesson_dock.isVisible()
        and la.lesson_panel.closed_label.isHidden()
        and w.inside_views.docks["probe"].isVisible()
    )


def _close(w) -> None:
    w.file_actions.sessions.confirm_discard = lambda reason: "discard"
    w.close()
    assert not w.controller.is_alive


def test_a_lesson_open_a_minute_before_a_kill_shows_its_panel_and_views_again(qtbot, make_window, tmp_path):
    w = make_window()
    assert w.lesson_actions.open_lesson(LESSON)
    assert _lesson_shown(w)
    _a_minute_passes(w)
    again = _start(qtbot, _profile_after_a_kill(w, tmp_path, "killed"))
    try:
        qtbot.waitUntil(lambda: _lesson_shown(again), timeout=5000)
        assert again.lesson_actions.lesson_panel.title_label.text() == w.lesson_actions.lesson_panel.title_label.text()
    finally:
        _close(again)


def test_the_layout_kept_with_the_autosave_is_the_persons_own(qtbot, make_window, tmp_path):
    w = make_window()
    assert w.lesson_actions.open_lesson(LESSON)
    diagram = w.inside_views.docks["diagram"]
    assert diagram.isVisible()
    diagram.close()  # the person closes one of the lesson's views
    _a_minute_passes(w)
    again = _start(qtbot, _profile_after_a_kill(w, tmp_path, "killed"))
    try:
        qtbot.waitUntil(lambda: _lesson_shown(again), timeout=5000)
        qtbot.wait(100)  # nothing more comes to show the view the person closed
        assert not again.inside_views.docks["diagram"].isVisible()
    finally:
        _close(again)


def test_a_lesson_still_open_shows_itself_when_the_kept_layout_does_not_show_it(qtbot, make_window, ini, tmp_path):
    first = make_window()
    _close(first)  # a layout kept without a lesson
    w = make_window()
    assert w.lesson_actions.open_lesson(LESSON)
    _close(w)  # then a clean close with the lesson open, whose layout is lost (as a kill loses it)
    q = QSettings(ini, QSettings.Format.IniFormat)
    assert q.value("settings/lessons/open") == "true"
    q.remove("window/state")
    q.sync()
    del q
    again = _start(qtbot, ini)
    try:
        qtbot.waitUntil(lambda: _lesson_shown(again), timeout=5000)
        assert again.inside_views.docks["diagram"].isVisible()
    finally:
        _close(again)
