"""Opening a lesson starts it afresh: the bias explorer at the lesson's starting values, not where the sliders were
left; hand-drawn data that is not saved is asked about first, with the question New and Open ask."""

from __future__ import annotations

import numpy as np
import pytest

from gui.inside.bias_explorer import START_B, START_W
from model.teaching.lessons import load_all

LESSONS, _, _ = load_all()


@pytest.fixture
def window(make_window):
    return make_window(size=(1360, 860))


def test_the_bias_lesson_opens_the_explorer_at_its_starting_values(window, qtbot):
    la, inside = window.lesson_actions, window.inside_views
    la.open_lesson("bias")
    assert inside.explorer_open()
    explorer = inside.explorer
    assert (explorer.w, explorer.b) == (START_W, START_B)
    explorer.set_values(-2.5, 3.0)  # a person plays with the sliders and hides a curve
    explorer.toggles["tanh"].setChecked(False)
    la.open_lesson(LESSONS[0].id)
    assert not inside.explorer_open()
    la.open_lesson("bias")
    assert inside.explorer_open()
    assert (explorer.w, explorer.b) == (START_W, START_B)
    assert all(box.isChecked() for box in explorer.toggles.values())
    assert "threshold x* = −b/w = 0" in explorer.formula.text()


def test_a_lesson_asks_before_replacing_unsaved_hand_drawn_points(window, qtbot):
    w, la = window, window.lesson_actions
    asked = []
    answer = ["cancel"]
    w.file_actions.sessions.confirm_discard = lambda reason: asked.append(reason) or answer[0]  # the New/Open question
    w.edits.clear()
    w.boundary_view.addPointsRequested.emit(np.array([[1.0, 1.0], [2.0, -2.0], [-1.0, 3.0]]))
    drawn = w.document.dataset
    lesson = LESSONS[0]
    la.open_lesson(lesson.id)
    assert asked == ["lesson"]  # Cancel: nothing happens, the points stay, no lesson opens
    assert w.document.dataset is drawn and la.lesson_panel.lesson is None and la.current is None

    answer[0] = "discard"  # asked again, and this time the drawn points go
    la.open_lesson(lesson.id)
    assert asked == ["lesson", "lesson"]
    assert w.document.dataset is not drawn and w.document.dataset.n_samples == lesson.data.n_samples
    assert la.lesson_panel.lesson == lesson
    la.open_lesson(LESSONS[1].id)  # the lesson's own generated points: nothing to lose, nothing asked
    assert asked == ["lesson", "lesson"] and la.lesson_panel.lesson == LESSONS[1]


def test_the_lessons_press_play_line_goes_when_play_is_pressed(window, qtbot):
    w = window
    w.lesson_actions.open_lesson(LESSONS[0].id)
    assert "Press Play (Space) to train" in w.statusBar().currentMessage()
    w.controls.play_action.trigger()
    qtbot.waitUntil(lambda: w.controller.running, timeout=5000)
    assert "Press Play" not in w.statusBar().currentMessage()  # not over the training it asked for
    w.controls.play_action.trigger()
