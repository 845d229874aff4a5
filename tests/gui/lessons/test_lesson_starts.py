"""Opening a lesson starts it afresh: the bias explorer at the lesson's starting values, not where the sliders were
left; hand-drawn data that is not saved is asked about first, with the question New and Open ask."""

from __future__ import annotations

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
    explorer = inside.explorer.explorer
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
