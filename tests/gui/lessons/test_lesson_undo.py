"""Opening a lesson is one step on the undo stack, named after the lesson: its undo gives back the points, the data
panel's fields, the model, the training settings and the pace the person had (the lesson's locks released, as Close
lesson does); redo opens the lesson again."""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.fresh_profile  # the pace a lesson sets and its undo gives back


def _settings(w) -> tuple:
    model, train = w.model_panel.model_spec(), w.training_panel.train_spec()
    return model.kind, model.hidden, train.learning_rate, w.training_panel.pace_key()


def test_undo_of_opening_a_lesson_gives_back_the_points_and_settings_the_person_had(make_window, qtbot):
    w = make_window(dataset="moons", seed=0)
    w.model_panel.add_layer_button.click()
    w.training_panel.learning_rate.setValue(0.3)
    w.training_panel.set_pace("10")
    w.edits.add_points(np.array([[0.3, 0.3]]))
    mine, my_points = _settings(w), w.document.dataset
    w.file_actions.sessions.confirm_discard = lambda reason: "discard"  # the points drawn are not kept

    w.lesson_actions.open_lesson("logistic-blobs")
    lesson = w.lesson_actions.lesson("logistic-blobs")
    opened = _settings(w)
    assert opened[0] == "logistic" and opened[3] == "watch"
    assert w.controls.undo_action.text() == f"Undo Open lesson {lesson.title}"

    w.controls.undo_action.trigger()
    assert w.document.dataset is my_points
    assert _settings(w) == mine
    assert w.data_panel.params()["name"] == "moons"
    assert w.lesson_actions.current is None and not w.lesson_actions.close_lesson_action.isEnabled()

    def trains_mine() -> bool:  # what trains is the person's model again
        snap = w.controller.latest_snapshot
        return (snap.model_kind, tuple(snap.layer_sizes[1:-1]), snap.learning_rate) == (*mine[:2], 0.3)

    qtbot.waitUntil(trains_mine, timeout=10000)

    w.controls.redo_action.trigger()
    assert _settings(w) == opened and w.data_panel.params()["name"] == "blobs"
    assert w.lesson_actions.current is lesson
