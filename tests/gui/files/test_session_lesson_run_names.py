"""A session whose run table holds a lesson's compared runs, opened again, lists every run under a name of its own:
a run of the file named as a run the table already lists is called "η 0.001 (2)", as the app names two live runs
that clash, so that a person reading the table (or the legend, or the compare panes) can tell them apart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from model.teaching.lessons import load_all
from tests.gui.files.test_files import open_and_wait, snap, step

pytestmark = pytest.mark.fresh_profile

LESSON = next(lesson for lesson in load_all()[0] if lesson.id == "learning-rate")  # two learning rates beside


def _names(w) -> list[str]:
    """The run table's Name column, as the person reads it."""
    proxy = w.experiments.runs.proxy
    headers = [proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(proxy.columnCount())]
    name = headers.index("Name")
    return [str(proxy.data(proxy.index(row, name))) for row in range(proxy.rowCount())]


def test_a_lessons_runs_opened_again_are_each_listed_under_a_name_of_their_own(make_window, qtbot, tmp_path):
    w = make_window(size=(1024, 700), dataset="moons", seed=0)
    sessions = w.file_actions.sessions
    sessions.confirm_discard = lambda reason: "discard"
    w.lesson_actions.open_lesson(LESSON.id)
    labels = sorted(run["label"] for run in LESSON.compare)
    qtbot.waitUntil(lambda: sorted(m.name for m in w.compare.members) == labels, timeout=10000)
    step(qtbot, w, 3)
    path = tmp_path / "lesson.npz"
    assert sessions.save_session(path)
    step(qtbot, w, 2)  # the window's runs go on past what the file keeps

    assert open_and_wait(qtbot, sessions, path, ask=False)
    qtbot.waitUntil(lambda: len(w.compare.members) == 2 and snap(w).epoch == 3, timeout=10000)
    step(qtbot, w, 1)
    qtbot.waitUntil(lambda: len(_names(w)) == 6, timeout=10000)  # the window's three runs, then the file's
    assert len(set(_names(w))) == 6, _names(w)
    assert sorted(m.name for m in w.compare.members) == sorted(f"{label} (2)" for label in labels)
