"""A lesson invites edits ("add a few orange points inside the blue blob"): its points edited in it are still its
data. The lesson open when the app was closed (or killed) is open again at the next start, its locks back, once the
unsaved work is restored on its points as the person edited them; other data generated in it closes it, for a
built-in lesson and a teacher's lesson file, of generated points or of points drawn beside it."""

from __future__ import annotations

import numpy as np
import pytest

from model.teaching.lessons import load_all
from tests.gui.files.test_work_kept import _close, _open_window
from tests.gui.files.test_work_kept_through_everything import _as_after_a_kill, _restore_from_banner

LESSONS, _, _ = load_all()

LOCKED_LESSON = """kind = "lesson"
id = "edit-in-me"
title = "Edit in me"
locked = ["architecture", "optimizer", "pace"]
hidden = ["regularisation"]
text = "Add a few orange points inside the blue blob (key 1, then click there)."

[data]
dataset = "blobs"
n_samples = 120
noise = 0.15
seed = 1
{points}

[model]
kind = "logistic"

[train]
optimizer = "sgd"
learning_rate = 0.1
"""


def _add_points(w, qtbot) -> None:
    """Three orange points clicked inside the other blob, as the lesson asks."""
    before = w.dataset.n_samples
    w.controls.class_actions[0].trigger()
    w.boundary_view.addPointsRequested.emit(np.array([[0.1, 0.1], [0.15, 0.12], [0.12, 0.18]]))
    qtbot.waitUntil(lambda: w.dataset.n_samples == before + 3)


def _open(w, title: str) -> bool:
    """The lesson ``title`` is open: the panel says so and Close lesson is enabled."""
    la = w.lesson_actions
    return (
        la.current is not None
        and la.current is la.lesson_panel.lesson
        and la.lesson_panel.title_label.text() == title
        and la.lesson_panel.closed_label.isHidden()
        and la.close_lesson_action.isEnabled()
    )


def _closed(w, title: str) -> bool:
    """The lesson ``title`` is shown, said to be closed (Restart lesson sets it up), and nothing is locked."""
    la = w.lesson_actions
    return (
        la.current is None
        and la.lesson_panel.title_label.text() == title
        and not la.lesson_panel.closed_label.isHidden()
        and not la.close_lesson_action.isEnabled()
        and w.model_panel.kind.isEnabled()
        and w.training_panel.learning_rate.isEnabled()
        and w.training_panel.pace.isEnabled()
        and not w.model_panel.alpha.isHidden()
    )


def _locked(w) -> bool:
    return (
        not w.model_panel.kind.isEnabled()
        and not w.training_panel.learning_rate.isEnabled()
        and not w.training_panel.pace.isEnabled()
        and w.model_panel.alpha.isHidden()
    )


def test_a_built_in_lesson_edited_in_is_open_again_on_the_edited_points_until_other_data_is_generated(
    make_window, qtbot, tmp_path
):
    lesson = LESSONS[0]
    w = make_window()
    w.lesson_actions.open_lesson(lesson.id)
    _add_points(w, qtbot)
    edited = w.dataset
    ini = w.settings.q.fileName()
    _close(w)

    again = _open_window(qtbot, ini)
    _restore_from_banner(qtbot, again)
    assert again.dataset.same_as(edited) and _open(again, lesson.title)
    again.data_panel.seed.setValue(again.data_panel.seed.value() + 1)  # other points, generated in the lesson
    again.data_panel.generate_button.click()
    qtbot.waitUntil(lambda: again.document.source.seed == lesson.data.seed + 1)
    assert _open(again, lesson.title)  # inside the app the lesson leaves its data free
    _close(again)

    third = _open_window(qtbot, ini)
    assert _closed(third, lesson.title)
    _restore_from_banner(qtbot, third)
    assert third.document.source.seed == lesson.data.seed + 1 and _closed(third, lesson.title)
    _close(third)


@pytest.mark.parametrize("points", ["generated", "drawn beside it"])
def test_a_lesson_file_edited_in_is_open_again_with_its_locks_after_a_kill(qtbot, tmp_path, points):
    """Killed a moment after the autosave: the next start, on the same profile, is open on the lesson's points, and
    restores the edited ones with the lesson still open and its locks on."""
    folder = tmp_path / "lesson"
    folder.mkdir()
    entry = ""
    if points != "generated":
        rows = [f"{x:.3f},{y:.3f},{int(x > 0)}" for x, y in np.random.default_rng(2).uniform(-1, 1, size=(30, 2))]
        (folder / "drawn.csv").write_text("x1,x2,label\n" + "\n".join(rows) + "\n", encoding="utf-8")
        entry = 'file = "drawn.csv"'
    path = folder / "edit-in-me.toml"
    path.write_text(LOCKED_LESSON.format(points=entry), encoding="utf-8")
    w = _open_window(qtbot, str(tmp_path / "settings.ini"))
    assert w.lesson_actions.open_lesson_file(path) and _locked(w)
    _add_points(w, qtbot)
    edited = w.dataset
    assert w.document.source.kind == ("generated" if points == "generated" else "file")
    timer = w.file_actions.sessions.autosave_timer
    timer.setInterval(50)  # the minute's autosave, at once: the work and the panels' values
    qtbot.waitUntil((tmp_path / "unsaved-session.npz").is_file, timeout=10000)
    timer.stop()
    after_a_kill = _as_after_a_kill(tmp_path, "after-a-kill")

    again = _open_window(qtbot, after_a_kill)
    assert _open(again, "Edit in me") and _locked(again)  # on its own points, as generated or read again
    _restore_from_banner(qtbot, again)
    assert again.dataset.same_as(edited)
    assert _open(again, "Edit in me") and _locked(again)
    _close(again)
    _close(w)


def test_the_lesson_closed_at_the_start_opens_again_when_its_edited_points_are_restored(make_window, qtbot):
    """A field of the data panel changed and not generated: the first points of the next start are not the
    lesson's, so it is said to be closed; the unsaved work restored is its points as edited in it, and it is open
    again, as it was left."""
    lesson = LESSONS[0]
    w = make_window()
    w.lesson_actions.open_lesson(lesson.id)
    _add_points(w, qtbot)
    edited = w.dataset
    w.data_panel.seed.setValue(lesson.data.seed + 3)  # waits for Generate, which the person never pressed
    ini = w.settings.q.fileName()
    _close(w)

    again = _open_window(qtbot, ini)
    assert again.document.source.seed == lesson.data.seed + 3 and _closed(again, lesson.title)
    _restore_from_banner(qtbot, again)
    assert again.dataset.same_as(edited) and _open(again, lesson.title)
    _close(again)

    third = _open_window(qtbot, ini)  # the same again: the fields, as left, still wait for Generate
    assert _closed(third, lesson.title)
    _restore_from_banner(qtbot, third)
    assert third.dataset.same_as(edited) and _open(third, lesson.title)
    _close(third)
