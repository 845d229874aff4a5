"""The run table's finished runs outlive the window: a network trained and then left for another architecture (or
a Reset) is kept when the window closes, listed again when its work is restored at the next start (or its session
file opened elsewhere), and restoring it gives the network back bit for bit."""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from model.storage.session_files import open_session_file
from tests.gui.files.test_files import open_and_wait, snap, step
from tests.gui.files.test_session_compared_models import _close, _member_at, _new_window


def _finished(w) -> list[tuple[str, int, bool]]:
    return [(r.name, r.epochs, r.restorable) for r in w.experiments.runs.records_in_view_order() if not r.live]


def _restore_banner(qtbot, w, main_run: str) -> None:
    """Restores the unsaved work the banner offers, and waits for its main model to train on as ``main_run``."""
    qtbot.waitUntil(lambda: w.banner.isVisible() and "unsaved" in w.banner.text(), timeout=10000)
    with qtbot.waitSignal(w.file_actions.sessions.openFinished, timeout=10000):
        w.banner.action_button.click()  # "Restore it"
    qtbot.waitUntil(lambda: w.compare.name_of(w.compare.primary_id) == main_run, timeout=10000)


def _restore_run(qtbot, w, name: str, epoch: int) -> np.ndarray:
    """Restores the finished run ``name`` as a person does (the run table's Restore); answers its weights."""
    (record,) = [r for r in w.experiments.runs.records_in_view_order() if r.name == name and not r.live]
    w.experiments.runs.activate(record)
    _, member_snap = _member_at(qtbot, w, epoch)
    return np.array(member_snap.params)


def test_a_network_left_for_another_architecture_is_restorable_after_closing(qtbot, window):
    w = window
    step(qtbot, w, 37)
    trained = np.array(snap(w).params)
    w.panels.model._rows[0][1].setValue(16)  # Layer 1: 16 neurons, a new network (Run 1 is finished)
    qtbot.waitUntil(lambda: _finished(w) == [("Run 1", 37, True)], timeout=10000)
    ini = w.settings.q.fileName()
    _close(w)

    again = _new_window(qtbot, ini)
    try:
        _restore_banner(qtbot, again, "Run 2")
        assert _finished(again) == [("Run 1", 37, True)]
        assert again.panels.model.params()["layers"][0] == 16  # the main model is the new network
        np.testing.assert_array_equal(_restore_run(qtbot, again, "Run 1", 37), trained)
    finally:
        _close(again)


def test_a_run_ended_by_reset_is_unsaved_work_that_closing_keeps(qtbot, window):
    w = window
    step(qtbot, w, 9)
    trained = np.array(snap(w).params)
    w.controls.reset_action.trigger()  # under a minute of training: not asked about
    qtbot.waitUntil(lambda: _finished(w) == [("Run 1", 9, True)] and snap(w).epoch == 0, timeout=10000)
    assert w.file_actions.sessions.unsaved_work()  # the only thing trained is in the run table
    ini = w.settings.q.fileName()
    _close(w)

    again = _new_window(qtbot, ini)
    try:
        _restore_banner(qtbot, again, "Run 2")
        assert _finished(again) == [("Run 1", 9, True)]
        np.testing.assert_array_equal(_restore_run(qtbot, again, "Run 1", 9), trained)
    finally:
        _close(again)


def _saved_with_a_finished_run(qtbot, w, dialogs, path):
    """Run 1 trained 6 epochs and left for a new architecture, the new network trained 4, saved as ``path``."""
    step(qtbot, w, 6)
    w.panels.model._rows[0][1].setValue(5)
    # the new network's first snapshot too (the table may hear of Run 1's end first): steps count from its epoch 0
    qtbot.waitUntil(lambda: _finished(w) == [("Run 1", 6, True)] and snap(w).epoch == 0, timeout=10000)
    step(qtbot, w, 4)
    dialogs.save_paths.append(str(path))
    w.file_actions.save_session_as_action.trigger()
    return path


def test_a_saved_file_lists_its_runs_in_another_window_and_new_runs_number_on(qtbot, window, dialogs, tmp_path):
    w = window
    path = _saved_with_a_finished_run(qtbot, w, dialogs, tmp_path / "runs.npz")
    assert [(r.name, r.epochs, r.restorable) for r in open_session_file(path).runs] == [("Run 1", 6, True)]
    assert not w.file_actions.sessions.unsaved_work()  # saved: closing now keeps nothing more

    other = _new_window(qtbot, tmp_path / "other.ini")
    try:
        assert open_and_wait(qtbot, other.file_actions.sessions, path)
        qtbot.waitUntil(lambda: _finished(other) == [("Run 1", 6, True)], timeout=10000)
        qtbot.waitUntil(lambda: other.compare.name_of(other.compare.primary_id) == "Run 2", timeout=10000)
        # the file's model shown (its epoch 4): until then the last snapshot was the fresh window's, at epoch 0
        qtbot.waitUntil(lambda: snap(other) is not None and snap(other).epoch == 4, timeout=10000)
        assert not other.file_actions.sessions.unsaved_work()  # what the file holds is no unsaved work
        other.controls.reset_action.trigger()  # a new run: numbered on after both
        qtbot.waitUntil(lambda: other.compare.name_of(other.compare.primary_id) == "Run 3", timeout=10000)
        assert sorted(r.run_id for r in other.experiments.runs.model.table) == [1, 2, 3]
    finally:
        _close(other)


def test_a_run_no_file_holds_stays_unsaved_work_after_opening_another_file(qtbot, window, dialogs, tmp_path):
    w = window
    step(qtbot, w, 5)
    path = tmp_path / "five.npz"
    dialogs.save_paths.append(str(path))
    w.file_actions.save_session_as_action.trigger()
    step(qtbot, w, 3)
    w.controls.reset_action.trigger()  # Run 1, 8 epochs, is in the table and in no file
    qtbot.waitUntil(lambda: _finished(w) == [("Run 1", 8, True)], timeout=10000)

    assert open_and_wait(qtbot, w.file_actions.sessions, path)
    # the file's "Run 1" goes on as the next number free (the untouched Run 2 leaves the table)
    qtbot.waitUntil(lambda: w.compare.name_of(w.compare.primary_id) == "Run 2", timeout=10000)
    assert _finished(w)[0] == ("Run 1", 8, True)
    assert w.file_actions.sessions.unsaved_work()  # closing now keeps it


def test_the_same_file_opened_again_lists_each_of_its_runs_once(qtbot, window, dialogs, tmp_path):
    """Going back to the saved version (Open of the file, then Save) again and again: each of the file's runs stays
    one row, in the table and in the file; only the run each Open ends is new."""
    w = window
    path = _saved_with_a_finished_run(qtbot, w, dialogs, tmp_path / "again.npz")
    rows = [len(w.experiments.runs.model.table)]
    for _ in range(3):
        assert open_and_wait(qtbot, w.file_actions.sessions, path, ask=False)
        qtbot.waitUntil(lambda: ("Run 1", 6, True) in _finished(w), timeout=10000)
        w.file_actions.save_session_action.trigger()
        assert [row for row in _finished(w) if row[1] == 6] == [("Run 1", 6, True)]
        assert [(r.name, r.epochs) for r in open_session_file(path).runs].count(("Run 1", 6)) == 1
        rows.append(len(w.experiments.runs.model.table))
    assert all(b - a <= 1 for a, b in pairwise(rows)), rows
