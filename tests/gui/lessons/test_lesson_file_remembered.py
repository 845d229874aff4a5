"""A lesson opened from a file is the one the next start shows again (not the built-in lesson opened before it),
open on its data, and Restart lesson sets it up; a file gone since leaves the Lesson panel empty."""

from __future__ import annotations

from model.teaching.lessons import load_all
from tests.gui.lessons.test_save_lesson import open_through_menu, save_through_dialog

LESSONS, _, _ = load_all()


def test_the_next_start_shows_the_lesson_file_opened_last(make_window, qtbot, monkeypatch, tmp_path):
    w = make_window()
    w.lesson_actions.open_lesson(LESSONS[1].id)
    path = tmp_path / "mine.toml"
    save_through_dialog(w, qtbot, monkeypatch, path, title="My own lesson")
    open_through_menu(w, monkeypatch, path)
    assert w.lesson_actions.lesson_panel.title_label.text() == "My own lesson"
    w.close()

    again = make_window()
    la = again.lesson_actions
    assert la.lesson_panel.lesson is not None and la.lesson_panel.title_label.text() == "My own lesson"
    assert la.current is la.lesson_panel.lesson and la.close_lesson_action.isEnabled()  # open again, on its data
    assert la.lesson_panel.closed_label.isHidden()
    la.lesson_panel.restartRequested.emit()
    assert la.current is not None and la.current.title == "My own lesson" and la.close_lesson_action.isEnabled()
    again.close()

    path.unlink()
    third = make_window()
    assert third.lesson_actions.lesson_panel.lesson is None
