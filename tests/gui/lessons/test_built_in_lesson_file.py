"""A built-in lesson's own file given as a file (the command line, File ▸ Open lesson…) opens as that lesson of the
course: "Lesson 3 of 10", Previous and Next enabled, Next going on to lesson 4; a copy of it elsewhere is a file of
the teacher's, a lesson of its own ("Lesson 1 of 1")."""

from __future__ import annotations

import shutil

from model.teaching.lessons import load_all

LESSONS, _, _ = load_all()


def test_a_built_in_lesson_file_opens_as_that_lesson_of_the_course(make_window, qtbot, tmp_path):
    w = make_window(size=(1024, 700))
    la, panel = w.lesson_actions, w.lesson_actions.lesson_panel
    third = LESSONS[2]
    assert la.open_lesson_file(str(third.path))
    assert panel.position_label.text() == f"Lesson 3 of {len(LESSONS)}" and panel.title_label.text() == third.title
    assert panel.previous_button.isEnabled() and panel.next_button.isEnabled()
    panel.next_button.click()
    assert la.current is not None and la.current.id == LESSONS[3].id

    copy = tmp_path / "copy.toml"
    shutil.copy2(third.path, copy)
    assert la.open_lesson_file(str(copy))
    assert panel.position_label.text() == "Lesson 1 of 1" and not panel.next_button.isEnabled()
