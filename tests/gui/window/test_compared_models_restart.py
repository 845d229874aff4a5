"""The training process dies while a compared model trains beside the main one: after Play the compared model is
back in the compare view with its name, colour and settings, from its last weights bit for bit, its curves behind
it, and it trains on beside the main model, on the same run (one row of the run table, its epochs growing)."""

from __future__ import annotations

import os

import numpy as np
import pytest

from tests.gui.files.test_files import snap, step
from tests.gui.window.test_process_restart import _kill_training


def _add_a_compared_model(qtbot, w):
    """Experiments ▸ Add the same model with 10× the learning rate; the compared model once listed."""
    qtbot.waitUntil(lambda: w.compare.ready, timeout=10000)
    w.experiments.side_by_side._on_add_fast()
    qtbot.waitUntil(lambda: len(w.compare.members) == 1, timeout=10000)
    return w.compare.members[0]


def _member_snap(w, session_id):
    return w.experiments._member_latest.get(session_id)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_compared_model_trains_on_from_its_last_weights_after_the_training_process_died(qtbot, window, dialogs):
    w = window
    before = _add_a_compared_model(qtbot, w)
    step(qtbot, w, 7)
    qtbot.waitUntil(lambda: getattr(_member_snap(w, before.session_id), "epoch", -1) == snap(w).epoch, timeout=10000)
    last, last_member = snap(w), _member_snap(w, before.session_id)
    table = w.experiments.runs.model.table
    qtbot.waitUntil(lambda: table.for_session(before.session_id) is not None, timeout=5000)
    member_run = table.for_session(before.session_id).run_id
    _kill_training(qtbot, w)
    assert f"and the compared model “{before.name}”" in w.banner.text()

    w.controls.play_action.trigger()
    message = w.statusBar().currentMessage()
    assert message.startswith(f"Run 1 resumed from epoch {last.epoch:,} (timeline back to epoch 0)."), message
    assert message.endswith(f"Compared model “{before.name}” back from epoch {last_member.epoch:,} too."), message
    qtbot.waitUntil(lambda: len(w.compare.members) == 1 and w.compare.members[0].session_id != before.session_id)
    again = w.compare.members[0]
    assert (again.name, again.colour, again.model_spec, again.train_spec, again.seed) == (
        before.name,
        before.colour,
        before.model_spec,
        before.train_spec,
        before.seed,
    )
    assert w.experiments.compare_view.panes[again.session_id].title.full_text.startswith(f"{before.name} — ")
    assert again.session_id in w.curves_view.runs
    qtbot.waitUntil(
        lambda: (
            w.controller.running
            and snap(w).epoch > last.epoch + 2
            and getattr(_member_snap(w, again.session_id), "epoch", -1) > last_member.epoch + 2
        ),
        timeout=30000,
    )
    w.controls.play_action.trigger()  # Pause
    qtbot.waitUntil(lambda: not w.controller.running, timeout=5000)
    # its run goes on: one row, training, its epochs past the death
    rows = [r for r in table if r.name == before.name]
    assert len(rows) == 1 and rows[0].run_id == member_run and rows[0].live, [(r.run_id, r.name) for r in table]
    qtbot.waitUntil(lambda: table.get(member_run).epochs > last_member.epoch + 2, timeout=5000)
    curves = _member_snap(w, again.session_id).curves
    assert curves["epoch"][0] == 1  # its curves from before the death are behind it

    # where it started again: exactly the weights of its last snapshot before the death
    with qtbot.waitSignal(w.compare.momentReady, timeout=10000) as shown:
        w.compare.request_moment(again.session_id, last_member.epoch)
    moment = shown.args[0]
    assert moment.session_id == again.session_id and moment.epoch == last_member.epoch
    np.testing.assert_array_equal(moment.params, last_member.params)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_saving_right_after_the_training_process_died_keeps_the_compared_model(qtbot, window, dialogs, tmp_path):
    from model.storage.session_files import open_session_file

    w = window
    before = _add_a_compared_model(qtbot, w)
    step(qtbot, w, 5)
    qtbot.waitUntil(lambda: getattr(_member_snap(w, before.session_id), "epoch", -1) == snap(w).epoch, timeout=10000)
    last_member = _member_snap(w, before.session_id)
    _kill_training(qtbot, w)

    path = tmp_path / "after.npz"
    assert w.file_actions.sessions.save_session(str(path))  # training starts again first, then the file is written
    (kept,) = open_session_file(path).members
    assert (kept.name, kept.colour, kept.epoch) == (before.name, before.colour, last_member.epoch)
    np.testing.assert_array_equal(kept.state.params, last_member.params)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_compared_model_outlives_a_second_death_before_the_new_process_listed_it(qtbot, window, dialogs):
    """Killed, Play, and the new process killed too before it had told the window anything: the next Play still
    gives the compared model back (it was kept only as the dead process's, and the new one never listed it), and
    the main model and the compared one go on with their runs: the same rows of the run table, training on."""
    import multiprocessing
    import signal

    w = window
    before = _add_a_compared_model(qtbot, w)
    step(qtbot, w, 3)
    table = w.experiments.runs.model.table
    qtbot.waitUntil(lambda: len(table) == 2, timeout=5000)
    _kill_training(qtbot, w)

    def kill_the_new_process():
        for child in multiprocessing.active_children():
            os.kill(child.pid, signal.SIGKILL)

    w.compare.groupReplaced.connect(kill_the_new_process)
    w.controls.play_action.trigger()
    qtbot.waitUntil(lambda: w.process_restart.died, timeout=20000)
    w.compare.groupReplaced.disconnect(kill_the_new_process)
    assert f"the compared model “{before.name}”" in w.banner.text()
    (pane,) = w.experiments.compare_view.panes.values()  # shown again while no process runs, as it was kept
    assert pane.title.full_text.startswith(f"{before.name} — ")
    qtbot.waitUntil(lambda: getattr(pane.view.snapshot(), "epoch", -1) == 3, timeout=5000)  # its last weights

    w.controls.play_action.trigger()
    assert f"Compared model “{before.name}” back from epoch 3 too." in w.statusBar().currentMessage()
    qtbot.waitUntil(lambda: len(w.compare.members) == 1, timeout=20000)
    again = w.compare.members[0]
    assert (again.colour, again.model_spec, again.train_spec, again.seed) == (
        before.colour,
        before.model_spec,
        before.train_spec,
        before.seed,
    )
    qtbot.waitUntil(lambda: [r.epochs > 4 for r in table if r.live] == [True, True], timeout=30000)
    w.controls.play_action.trigger()  # Pause
    qtbot.waitUntil(lambda: not w.controller.running, timeout=5000)
    # the main model's run and the compared model's went on: "Run 1" and its own, training, nothing else
    assert [(r.run_id, r.name, r.live) for r in table] == [(1, "Run 1", True), (2, before.name, True)]
