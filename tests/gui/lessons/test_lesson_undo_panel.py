"""Undo and redo of opening a lesson leave the Lesson panel saying the truth: the lesson open shows its text, is not
called closed, and is the one the next start opens again."""

from __future__ import annotations


def test_undo_and_redo_of_a_lesson_show_the_lesson_open_and_remember_it(make_window, qtbot):
    w = make_window(dataset="moons", seed=0)
    actions = w.lesson_actions
    panel = actions.lesson_panel
    w.file_actions.sessions.confirm_discard = lambda reason: "discard"
    first, second = actions.lesson("logistic-blobs"), actions.lesson("softmax")

    def shown() -> tuple:
        return (
            panel.lesson.id,
            panel.closed_label.isVisibleTo(panel),
            actions.current.id if actions.current else None,
            actions.settings.load("lessons/open", None),
            actions.settings.load("lessons/current", None),
        )

    actions.open_lesson(first.id)
    actions.open_lesson(second.id)
    assert shown()[0] == second.id and shown()[2] == second.id
    w.controls.undo_action.trigger()  # back to the first lesson, open: its text, not the second's
    assert shown() == (first.id, False, first.id, True, first.id)
    assert panel.title_label.text() == first.title
    w.controls.redo_action.trigger()
    assert shown() == (second.id, False, second.id, True, second.id)
    w.controls.undo_action.trigger()
    w.controls.undo_action.trigger()  # before any lesson: the panel may show the text, said to be closed
    assert actions.current is None and actions.settings.load("lessons/open", None) is False
    assert panel.closed_label.isVisibleTo(panel)
    w.controls.redo_action.trigger()  # the first lesson again, open
    assert shown() == (first.id, False, first.id, True, first.id)
