"""A lesson opened from a file is the one the next start shows again (not the built-in lesson opened before it),
open on its data (a lesson of drawn points on those points), and Restart lesson sets it up; a file gone since leaves
the Lesson panel empty."""

from __future__ import annotations

import numpy as np

from model.teaching.lessons import load_all
from tests.gui.lessons.test_save_lesson import draw_points, open_through_menu, save_through_dialog

LESSONS, _, _ = load_all()


def test_the_next_start_shows_the_lesson_file_opened_last(make_window, qtbot, monkeypatch, tmp_path):
    """A lesson whose points a teacher drew (File ▸ Save as lesson: a CSV of them beside it) opened last is open
    again, its locks back, on its own points; after the person generated other points it is closed, as a built-in
    lesson is."""
    w = make_window()
    w.lesson_actions.open_lesson(LESSONS[1].id)
    drawn = draw_points(w, qtbot)
    path = tmp_path / "mine.toml"
    save_through_dialog(w, qtbot, monkeypatch, path, title="My own lesson", locks=("pace",))
    open_through_menu(w, monkeypatch, path)
    assert w.lesson_actions.lesson_panel.title_label.text() == "My own lesson" and w.document.source.kind == "file"
    w.close()

    again = make_window()
    la = again.lesson_actions
    assert la.lesson_panel.lesson is not None and la.lesson_panel.title_label.text() == "My own lesson"
    assert la.current is la.lesson_panel.lesson and la.close_lesson_action.isEnabled()  # open again, on its data
    assert la.lesson_panel.closed_label.isHidden() and not again.training_panel.pace.isEnabled()  # locked again
    assert np.array_equal(again.dataset.X, drawn.X) and np.array_equal(again.dataset.y, drawn.y)
    qtbot.waitUntil(lambda: again.controller.latest_snapshot.data_version == again.document.version)
    assert len(again.controller.latest_snapshot.predictions) == drawn.n_samples  # what trains is on them too
    assert not again.undo_stack.canUndo()  # nothing to undo: the points are the lesson's, as it was left
    la.lesson_panel.restartRequested.emit()
    assert la.current is not None and la.current.title == "My own lesson" and la.close_lesson_action.isEnabled()
    again.data_panel.seed.setValue(again.data_panel.seed.value() + 1)  # the person's own points instead
    again.data_panel.generate_button.click()
    qtbot.waitUntil(lambda: again.document.source.kind == "generated")
    again.close()

    third = make_window()
    la = third.lesson_actions
    assert la.lesson_panel.title_label.text() == "My own lesson" and la.current is None
    assert not la.lesson_panel.closed_label.isHidden() and third.training_panel.pace.isEnabled()
    assert third.dataset.n_samples != drawn.n_samples
    third.close()

    path.unlink()
    fourth = make_window()
    assert fourth.lesson_actions.lesson_panel.lesson is None
