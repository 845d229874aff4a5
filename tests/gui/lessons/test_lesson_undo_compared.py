"""Undo of opening a lesson, or of starting a challenge, gives back the models the person compared (the Compare
view's panes: name and colour; the run table: the same rows training on from the epoch they had reached) and takes
the lesson's runs away; redo does the reverse. Undo and Redo pressed in a row, faster than training answers, end on
the same models."""

from __future__ import annotations

import pytest

from model.teaching.lessons import load_all

pytestmark = pytest.mark.fresh_profile

LESSON = next(lesson for lesson in load_all()[0] if lesson.id == "learning-rate")  # two learning rates beside
LABELS = sorted(run["label"] for run in LESSON.compare)


def _panes(w) -> list[tuple[str, str]]:
    """The Compare view's panes, as a person reads them: each run's name and the colour of its chip."""
    panes = w.experiments.compare_view.panes.values()
    return sorted((pane.title.full_text.split(" — ")[0], pane.chip.styleSheet().split(";")[0]) for pane in panes)


def _live_rows(w) -> dict[str, tuple[int, int]]:
    """The run table's rows still training, but the main model's: name -> (run number, epochs)."""
    main = w.controller.latest_snapshot.session_id
    table = w.experiments.runs.model.table
    return {r.name: (r.run_id, r.epochs) for r in table if r.live and r.session_id != main}


def _compare_mine(w, qtbot) -> tuple[list, dict]:
    """Two models of the person's own beside the main one, trained 4 epochs: their panes and run table rows."""
    side = w.experiments.side_by_side
    side.add_fast_action.trigger()
    side.add_slow_action.trigger()
    qtbot.waitUntil(lambda: len(w.experiments.compare_view.panes) == 2, timeout=10000)
    w.controller.step(4)
    qtbot.waitUntil(lambda: [e for _, e in _live_rows(w).values()] == [4, 4], timeout=10000)
    w.file_actions.sessions.confirm_discard = lambda reason: "discard"
    return _panes(w), _live_rows(w)


def test_undo_of_opening_a_lesson_or_starting_a_challenge_gives_back_the_compared_models_on_their_runs(
    make_window, qtbot
):
    w = make_window(dataset="moons", seed=0)
    panes, rows = _compare_mine(w, qtbot)
    assert len(set(panes)) == 2 and len({colour for _, colour in panes}) == 2

    w.lesson_actions.open_lesson(LESSON.id)
    qtbot.waitUntil(lambda: [name for name, _ in _panes(w)] == LABELS, timeout=10000)
    assert set(_live_rows(w)) == set(LABELS)  # the person's rows finished, kept in the table

    w.controls.undo_action.trigger()
    qtbot.waitUntil(lambda: _panes(w) == panes and _live_rows(w) == rows, timeout=10000)
    w.controller.step(1)  # each goes on with its run: the same row, from epoch 4
    rows = {name: (run, 5) for name, (run, _) in rows.items()}
    qtbot.waitUntil(lambda: _live_rows(w) == rows, timeout=10000)

    w.controls.redo_action.trigger()
    qtbot.waitUntil(lambda: [name for name, _ in _panes(w)] == LABELS, timeout=10000)
    qtbot.waitUntil(lambda: set(_live_rows(w)) == set(LABELS), timeout=10000)
    finished = {r.name: r.epochs for r in w.experiments.runs.model.table if not r.live}
    assert all(finished.get(name) == 5 for name in rows), finished
    w.controls.undo_action.trigger()
    qtbot.waitUntil(lambda: _panes(w) == panes and _live_rows(w) == rows, timeout=10000)

    # a challenge shares the code; Undo and Redo pressed in a row, before the group has told the runs' ends
    ended: list[int] = []  # the runs the run table is told finished from now on
    w.compare.runEvent.connect(lambda event: None if event.record.live else ended.append(event.record.run_id))
    challenge = w.lesson_actions.challenges[0]
    w.lesson_actions.start_challenge(challenge.id)
    assert w.controls.undo_action.text() == f"Undo Start challenge {challenge.title}"
    for _ in range(2):
        w.controls.undo_action.trigger()
        w.controls.redo_action.trigger()
    mine = {run for run, _ in rows.values()}
    qtbot.waitUntil(lambda: mine <= set(ended) and not _panes(w) and not _live_rows(w), timeout=10000)
    qtbot.wait(300)  # nothing more arrives: the undos' returns were called off by the redos
    assert not _panes(w) and not _live_rows(w)
    w.controls.undo_action.trigger()
    w.controls.redo_action.trigger()
    w.controls.undo_action.trigger()
    qtbot.waitUntil(lambda: _panes(w) == panes and _live_rows(w) == rows, timeout=10000)
    qtbot.wait(300)  # nothing more arrives: no model twice
    assert _panes(w) == panes and _live_rows(w) == rows
    w.controller.step(1)  # on their runs, from epoch 5
    qtbot.waitUntil(lambda: _live_rows(w) == {n: (run, 6) for n, (run, _) in rows.items()}, timeout=10000)
