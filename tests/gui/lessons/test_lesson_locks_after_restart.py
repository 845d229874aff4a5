"""A teacher's lesson still open when the app was closed is open again at the next start (the same settings file),
its locks and hidden controls back and Close lesson enabled, while the data on the plot is its own; closed, or on
other data, the Lesson panel says it is closed (nothing locked) and Restart lesson sets it up again."""

from __future__ import annotations

import pytest

LOCKED_LESSON = """kind = "lesson"
id = "locked-test"
title = "Locked test"
locked = ["data", "optimizer", "pace"]
hidden = ["regularisation"]
text = "Do not change the data."

[data]
dataset = "moons"
n_samples = 200
seed = 3

[model]
kind = "mlp"
hidden_layer_sizes = [8]

[train]
optimizer = "sgd"
learning_rate = 0.1
"""


@pytest.fixture
def lesson_file(tmp_path):
    path = tmp_path / "locked.toml"
    path.write_text(LOCKED_LESSON, encoding="utf-8")
    return path


def _locked(w) -> bool:
    """What the lesson locks is locked, what it hides hidden, and it can be closed."""
    la = w.lesson_actions
    return (
        not w.data_panel.generate_button.isEnabled()
        and not w.controls.new_action.isEnabled()
        and not w.training_panel.learning_rate.isEnabled()
        and not w.training_panel.pace.isEnabled()
        and w.model_panel.alpha.isHidden()
        and la.close_lesson_action.isEnabled()
    )


def _free(w) -> bool:
    """Nothing locked or hidden, and no lesson to close."""
    la = w.lesson_actions
    return (
        w.data_panel.generate_button.isEnabled()
        and w.training_panel.learning_rate.isEnabled()
        and w.training_panel.pace.isEnabled()
        and not w.model_panel.alpha.isHidden()
        and not la.close_lesson_action.isEnabled()
    )


def test_a_lessons_locks_hold_after_a_restart_until_it_is_closed(make_window, lesson_file):
    w = make_window()
    assert w.lesson_actions.open_lesson_file(lesson_file)
    assert _locked(w)
    w.close()

    again = make_window()
    la = again.lesson_actions
    assert la.lesson_panel.title_label.text() == "Locked test" and la.current is la.lesson_panel.lesson
    assert _locked(again) and la.lesson_panel.closed_label.isHidden()
    la.close_lesson_action.trigger()
    assert _free(again) and la.lesson_panel.closed_label.isVisible()
    assert "Restart lesson" in la.lesson_panel.closed_label.text()
    again.close()

    third = make_window()  # closed before the app was: shown, said to be closed, nothing locked
    la = third.lesson_actions
    assert la.lesson_panel.title_label.text() == "Locked test" and la.current is None
    assert _free(third) and la.lesson_panel.closed_label.isVisible()
    la.lesson_panel.restart_button.click()
    assert _locked(third) and la.lesson_panel.closed_label.isHidden()


def test_a_lesson_open_on_other_data_at_the_restart_says_it_is_closed(make_window, tmp_path):
    """A lesson that leaves the data free: other points generated while it is open, then the app closed. The next
    start does not lock the learning rate over data that is not the lesson's."""
    path = tmp_path / "rate-locked.toml"
    path.write_text(LOCKED_LESSON.replace('["data", "optimizer", "pace"]', '["optimizer"]'), encoding="utf-8")
    w = make_window()
    la = w.lesson_actions
    assert la.open_lesson_file(path)
    w.data_panel.set_params({**w.data_panel.params(), "seed": 4})
    w.data_panel.generate_button.click()  # moons with another seed: the lesson stays open
    assert la.current is not None and not w.training_panel.learning_rate.isEnabled()
    w.close()

    again = make_window()
    la = again.lesson_actions
    assert again.document.source.seed == 4 and la.lesson_panel.title_label.text() == "Locked test"
    assert la.current is None and _free(again) and la.lesson_panel.closed_label.isVisible()


def test_unsaved_work_on_other_data_restored_closes_the_lesson(make_window, qtbot, lesson_file, tmp_path):
    """Restoring the unsaved work kept from a run (File ▸ Restore Unsaved Work…, or the banner at the start) opens a
    session: on other points than the lesson's, the lesson is closed, as File ▸ Open session closes it."""
    w = make_window()
    sessions = w.file_actions.sessions
    w.data_panel.set_params({**w.data_panel.params(), "name": "circles"})
    w.data_panel.generate_button.click()
    kept = tmp_path / "kept.npz"
    assert sessions.save_session(kept)
    la = w.lesson_actions
    assert la.open_lesson_file(lesson_file) and _locked(w)
    with qtbot.waitSignal(sessions.openFinished, timeout=15000) as opened:
        assert sessions.restore_kept(str(kept))
    assert opened.args == [str(kept), True] and w.document.source.generator == "circles"
    assert la.current is None and _free(w) and la.lesson_panel.closed_label.isVisible()
