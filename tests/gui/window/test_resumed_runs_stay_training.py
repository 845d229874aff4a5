"""Training restarted after its process died: the rows of the runs that go on (the main model's, a compared
model's) say "training" all along, never "finished" while the new process starts; a run that does not go on
ends."""

from __future__ import annotations

import os

import pytest

from gui.experiments.run_table import RunTableModel
from model.training.runs import HEADERS
from tests.gui.files.test_files import step
from tests.gui.window.test_compared_models_restart import _add_a_compared_model
from tests.gui.window.test_process_restart import _kill_training

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
STATUS = HEADERS.index("Status")


def _statuses(model: RunTableModel) -> dict[str, str]:
    """What the run table's Status column says, by run name."""
    return {model.table[row].name: model.data(model.index(row, STATUS)) for row in range(model.rowCount())}


def test_the_runs_that_go_on_never_show_finished_during_a_restart(qtbot, window, dialogs):
    w = window
    before = _add_a_compared_model(qtbot, w)
    step(qtbot, w, 3)
    model = w.experiments.runs.model
    qtbot.waitUntil(lambda: _statuses(model) == {"Run 1": "training", before.name: "training"}, timeout=5000)
    _kill_training(qtbot, w)

    seen = []
    watch = lambda *_: seen.append(_statuses(model))  # noqa: E731 - a probe on every change the table tells
    for signal in (model.layoutChanged, model.dataChanged, model.rowsInserted, model.rowsRemoved):
        signal.connect(watch)
    w.compare.groupReplaced.connect(watch)  # after the window's own slot
    w.controls.play_action.trigger()
    qtbot.waitUntil(lambda: len(w.compare.members) == 1 and w.compare.members[0].session_id != before.session_id)
    w.controls.play_action.trigger()  # Pause
    qtbot.waitUntil(lambda: not w.controller.running, timeout=5000)
    assert seen and all(s == {"Run 1": "training", before.name: "training"} for s in seen), seen
