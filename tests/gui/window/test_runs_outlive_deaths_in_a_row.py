"""The training process dies, training restarts, and the new process dies too before it sent anything (before it
announced its runs, or right after): however many times in a row, the main model's run and the compared model's
stay the same rows of the run table ("Run 1", "Run 2"), "training" while no process runs, and the next Play goes
on with them, their epochs growing; the recovery file written meanwhile keeps the main run's name."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal

import pytest

from gui.experiments.run_table import RunTableModel
from model.storage.session_files import open_session_file
from model.training.runs import HEADERS
from tests.gui.files.test_files import step
from tests.gui.window.test_compared_models_restart import _add_a_compared_model
from tests.gui.window.test_process_restart import _kill_training

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
STATUS = HEADERS.index("Status")


def _rows(model: RunTableModel) -> list[tuple[str, int, str]]:
    """The run table's rows as the person reads them: name, number and status."""
    return [
        (model.table[row].name, model.table[row].run_id, model.data(model.index(row, STATUS)))
        for row in range(model.rowCount())
    ]


def _play_and_kill_the_new_process(qtbot, w, signal_of_the_new_group) -> None:
    """Play (training restarts), and the new process killed as soon as ``signal_of_the_new_group`` says it is
    there: it dies before any snapshot of it reaches the window."""

    def kill_the_new_process(*_):
        for child in multiprocessing.active_children():
            with contextlib.suppress(ProcessLookupError):  # killed at the last signal and reaped since it was listed
                os.kill(child.pid, signal.SIGKILL)

    signal_of_the_new_group.connect(kill_the_new_process)
    try:
        w.controls.play_action.trigger()
        qtbot.waitUntil(lambda: w.process_restart.died, timeout=20000)
    finally:
        signal_of_the_new_group.disconnect(kill_the_new_process)


def test_the_runs_go_on_after_the_training_process_died_twice_in_a_row(qtbot, window, dialogs):
    w = window
    before = _add_a_compared_model(qtbot, w)
    step(qtbot, w, 3)
    model = w.experiments.runs.model
    going_on = [("Run 1", 1, "training"), (before.name, 2, "training")]
    qtbot.waitUntil(lambda: _rows(model) == going_on, timeout=5000)
    _kill_training(qtbot, w)

    # dies before it announced its runs, then as it announces them
    for new_group_is_there in (w.compare.groupReplaced, w.compare.runEvent):
        _play_and_kill_the_new_process(qtbot, w, new_group_is_there)
        qtbot.wait(200)  # whatever the dead process's last messages bring
        assert _rows(model) == going_on
        sessions = w.file_actions.sessions
        assert sessions.autosave()  # written by the window itself: no process runs
        assert open_session_file(sessions.recovery_path()).run_name == "Run 1"

    w.controls.play_action.trigger()
    assert w.statusBar().currentMessage().startswith("Run 1 resumed from epoch 3")
    qtbot.waitUntil(lambda: len(w.compare.members) == 1, timeout=20000)
    qtbot.waitUntil(lambda: [r.epochs > 5 for r in model.table if r.live] == [True, True], timeout=30000)
    w.controls.play_action.trigger()  # Pause
    qtbot.waitUntil(lambda: not w.controller.running, timeout=5000)
    assert _rows(model) == going_on
