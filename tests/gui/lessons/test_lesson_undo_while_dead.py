"""Undo of opening a lesson gives back the person's compared models as they were, weights and runs, also when the
training process died (the lesson opened after the death, or the undo made before training starts again): each pane
shows its model's boundary where its run ended at once, and a branch still says in the run table which run it was
branched from. It gives back a model the person added a moment before opening the lesson, which the compare view had
not listed yet."""

from __future__ import annotations

import multiprocessing
import os
import signal

import pytest

from model.training.runs import HEADERS
from tests.gui.lessons.test_lesson_undo_compared import LABELS, LESSON, _compare_mine, _live_rows, _panes

pytestmark = pytest.mark.fresh_profile


def _pictures(w) -> dict[str, int | None]:
    """Each pane's run name and the epoch of the model its boundary shows (None: no boundary)."""
    panes = w.experiments.compare_view.panes.values()
    return {p.title.full_text.split(" — ")[0]: getattr(p.view.snapshot(), "epoch", None) for p in panes}


def _branched_from(w) -> dict[str, str]:
    """The run table's "Branched from" column as the person reads it, by run name."""
    model = w.experiments.runs.model
    column = HEADERS.index("Branched from")
    return {r.name: model.data(model.index(row, column)) for row, r in enumerate(model.table)}


def _compare_mine_and_a_branch(w, qtbot) -> tuple[list, dict]:
    """A model of the person's beside the main one and a branch of the main one from epoch 3, both trained to epoch
    4 on their runs: their panes and run table rows."""
    qtbot.waitUntil(lambda: w.compare.ready, timeout=10000)
    w.experiments.side_by_side.add_fast_action.trigger()
    w.controller.step(3)
    qtbot.waitUntil(lambda: [e for _, e in _live_rows(w).values()] == [3], timeout=10000)
    w.compare.branch(w.compare.primary_id, 3)
    qtbot.waitUntil(lambda: len(_live_rows(w)) == 2, timeout=10000)
    w.controller.step(1)
    qtbot.waitUntil(lambda: sorted(_pictures(w).values()) == [4, 4], timeout=10000)
    w.file_actions.sessions.confirm_discard = lambda reason: "discard"
    return _panes(w), _live_rows(w)


def _kill_training(qtbot, w) -> None:
    for child in multiprocessing.active_children():
        os.kill(child.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: "stopped unexpectedly" in w.banner.text(), timeout=10000)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_undo_of_a_lesson_gives_back_the_compared_models_weights_and_runs_when_the_training_process_died(
    make_window, qtbot
):
    w = make_window(size=(1024, 700), dataset="moons", seed=0)
    panes, rows = _compare_mine(w, qtbot)  # two models of the person's, at epoch 4 on their runs

    # opened with the process alive, undone once it has died: back on their runs while no process trains
    w.lesson_actions.open_lesson(LESSON.id)
    qtbot.waitUntil(lambda: [name for name, _ in _panes(w)] == LABELS, timeout=10000)
    _kill_training(qtbot, w)
    w.controls.undo_action.trigger()
    assert _panes(w) == panes and _live_rows(w) == rows  # the run table lists their rows as training again
    # each shown as it was where its run ended (no process trains it: nothing else can draw it)
    qtbot.waitUntil(lambda: _pictures(w) == {name: 4 for name in rows}, timeout=2000)
    # training starts again: each goes on from its weights where its run ended (from its settings it would be a
    # new run, at epoch 1)
    w.controls.step_action.trigger()
    rows = {n: (run, 5) for n, (run, _) in rows.items()}
    qtbot.waitUntil(lambda: _live_rows(w) == rows, timeout=20000)
    # the new process lists its models just after it announced their runs: their panes follow a moment later
    qtbot.waitUntil(lambda: _panes(w) == panes, timeout=10000)

    # opened after the death (its Reset starts training again), undone at once: back on their runs, from epoch 5
    _kill_training(qtbot, w)
    w.lesson_actions.open_lesson(LESSON.id)
    qtbot.waitUntil(lambda: [name for name, _ in _panes(w)] == LABELS, timeout=20000)
    w.controls.undo_action.trigger()
    qtbot.waitUntil(lambda: _panes(w) == panes and _live_rows(w) == rows, timeout=20000)
    w.controller.step(1)
    qtbot.waitUntil(lambda: _live_rows(w) == {n: (run, 6) for n, (run, _) in rows.items()}, timeout=10000)

    # a model added a moment before the lesson opens, not listed yet, comes back with the undo from its settings
    w.experiments.side_by_side.add_fast_action.trigger()
    assert len(w.compare.members) == 2
    w.lesson_actions.open_lesson(LESSON.id)
    qtbot.waitUntil(lambda: [name for name, _ in _panes(w)] == LABELS, timeout=10000)
    w.controls.undo_action.trigger()
    qtbot.waitUntil(lambda: len(_panes(w)) == 3, timeout=10000)
    assert set(panes) < set(_panes(w))
    added = [m for m in w.compare.members if m.name not in rows]
    assert [m.train_spec.learning_rate for m in added] == [10 * w.training_panel.train_spec().learning_rate]
    assert added[0].model_spec == w.model_panel.model_spec()
    qtbot.wait(300)  # nothing more arrives: not twice
    assert len(w.compare.members) == 3


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_undo_gives_the_compared_models_back_from_their_last_snapshots_when_the_process_died_before_telling_their_end(
    make_window, qtbot
):
    # the lesson opened, and the process died before it told that the person's runs ended (a moment's window,
    # wider on a busy machine): the undo cannot wait for those ends, they end at the last snapshots the window kept
    w = make_window(size=(1024, 700), dataset="moons", seed=0)
    panes, rows = _compare_mine_and_a_branch(w, qtbot)
    branch = next(name for name in rows if name.endswith(" from epoch 3"))
    assert _branched_from(w)[branch] == "1 @ 3"  # the main model's run, "Run 1"
    lineage = _branched_from(w)
    compared = w.lesson_actions.setup.compared
    w.compare.runEvent.disconnect(compared._on_run_event)  # the ends, sent, never arrive
    w.lesson_actions.open_lesson(LESSON.id)
    qtbot.waitUntil(lambda: [name for name, _ in _panes(w)] == LABELS, timeout=10000)
    _kill_training(qtbot, w)
    w.controls.undo_action.trigger()
    assert _panes(w) == panes and _live_rows(w) == rows
    qtbot.waitUntil(lambda: _pictures(w) == {name: 4 for name in rows}, timeout=2000)  # as they were, at once
    assert {name: _branched_from(w)[name] for name in lineage} == lineage  # the branch still says from where
    w.controls.step_action.trigger()  # on their runs, from their weights: epoch 5, not a new run at epoch 1
    qtbot.waitUntil(lambda: _live_rows(w) == {n: (run, 5) for n, (run, _) in rows.items()}, timeout=20000)
    assert {name: _branched_from(w)[name] for name in lineage} == lineage  # and once training went on
