"""The training process is killed mid-run: the window says so in words, keeps every point and the last
snapshot, restarts training from the last weights when asked, and Save works again."""

from __future__ import annotations

import multiprocessing
import os
import signal

import numpy as np
import pytest

from model.storage.session_files import load_session
from model.training.runs import HEADERS
from tests.gui.files.test_files import add_point, snap, step


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_killed_training_process_loses_nothing(qtbot, window, dialogs, tmp_path):
    w = window
    add_point(w, 0.3, 0.4)
    step(qtbot, w, 8)
    w.controller.play()
    qtbot.waitUntil(lambda: snap(w).epoch > 12, timeout=10000)
    children = multiprocessing.active_children()
    assert children, "the session trains in a child process"
    points, count = w.dataset, w.undo_stack.count()
    for child in children:
        os.kill(child.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: "stopped unexpectedly" in w.banner.text(), timeout=10000)
    last = snap(w)
    assert "SessionProcessDied" not in w.banner.text() and f"epoch {last.epoch:,}" in w.banner.text()
    assert w.dataset is points and w.undo_stack.count() == count  # every point kept

    w.banner.action_button.click()  # "Restart training"
    qtbot.waitUntil(lambda: snap(w) is not last and snap(w).epoch >= last.epoch, timeout=10000)
    np.testing.assert_array_equal(np.asarray(snap(w).params)[:3], np.asarray(last.params)[:3])
    w.controller.pause()
    step(qtbot, w, 2)  # training goes on from there
    saved = tmp_path / "after.npz"
    assert w.file_actions.sessions.save_session(saved)
    session, _ = load_session(saved)
    assert session.epoch >= last.epoch + 2 and session.dataset.n_samples == points.n_samples


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_training_process_killed_while_paused_is_said_at_once_and_nothing_is_lost(qtbot, window, dialogs, tmp_path):
    w = window
    add_point(w, 0.25, -0.3)
    step(qtbot, w, 6)
    last, points = snap(w), w.dataset
    assert not w.controller.running
    for child in multiprocessing.active_children():
        os.kill(child.pid, signal.SIGKILL)
    # no Play, no step, no edit: the window learns it from the process's end itself
    qtbot.waitUntil(lambda: "stopped unexpectedly" in w.banner.text(), timeout=3000)
    assert "killed by SIGKILL" in w.banner.text() and f"epoch {last.epoch:,}" in w.banner.text()
    assert w.dataset is points
    w.close()
    kept, _ = load_session(tmp_path / "unsaved-session.npz")
    assert kept.dataset.same_as(points) and kept.epoch == last.epoch


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_closing_after_the_training_process_died_keeps_the_points_and_the_weights(qtbot, window, dialogs, tmp_path):
    w = window
    add_point(w, -0.2, 0.7)
    step(qtbot, w, 5)
    last, points = snap(w), w.dataset
    for child in multiprocessing.active_children():
        os.kill(child.pid, signal.SIGKILL)
    w.controller.step(1)  # the next request finds the process gone
    qtbot.waitUntil(lambda: "stopped unexpectedly" in w.banner.text(), timeout=10000)
    w.close()
    kept, _ = load_session(tmp_path / "unsaved-session.npz")
    assert kept.dataset.same_as(points) and kept.epoch == last.epoch


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_work_done_after_the_training_process_died_is_autosaved_all_the_same(qtbot, window, dialogs, tmp_path):
    w = window
    step(qtbot, w, 6)
    last = snap(w)
    for child in multiprocessing.active_children():
        os.kill(child.pid, signal.SIGKILL)
    add_point(w, 0.1, 0.1)  # the edit finds the process gone
    qtbot.waitUntil(lambda: "stopped unexpectedly" in w.banner.text(), timeout=10000)
    add_point(w, -0.4, 0.2)  # more work while no process trains: a kill of the window now must not lose it
    points = w.dataset
    assert w.file_actions.sessions.autosave()
    kept, _ = load_session(tmp_path / "unsaved-session.npz")
    assert kept.dataset.same_as(points) and kept.epoch == last.epoch
    np.testing.assert_array_equal(kept.network.params, np.asarray(last.params, dtype=kept.network.params.dtype))
    assert "stopped unexpectedly" in w.banner.text()  # still offered: nothing was restarted behind the person


def _kill_training(qtbot, w):
    for child in multiprocessing.active_children():
        os.kill(child.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: "stopped unexpectedly" in w.banner.text(), timeout=10000)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_play_or_step_after_the_training_process_died_trains_on_from_the_last_weights(qtbot, window, dialogs):
    w = window
    add_point(w, 0.3, -0.2)
    step(qtbot, w, 5)
    last = snap(w)
    _kill_training(qtbot, w)
    w.controls.step_action.trigger()  # the person steps instead of clicking the banner's button
    qtbot.waitUntil(lambda: snap(w).epoch == last.epoch + 1, timeout=10000)
    w.controls.play_action.trigger()
    qtbot.waitUntil(lambda: w.controller.running and snap(w).epoch > last.epoch + 2, timeout=10000)
    w.controls.play_action.trigger()  # Pause
    qtbot.waitUntil(lambda: not w.controller.running, timeout=5000)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_save_after_the_training_process_died_writes_the_points_and_the_last_weights(qtbot, window, dialogs, tmp_path):
    w = window
    add_point(w, -0.3, 0.6)
    step(qtbot, w, 4)
    last, points = snap(w), w.dataset
    _kill_training(qtbot, w)
    saved = tmp_path / "saved-after-the-death.npz"
    assert w.file_actions.sessions.save_session(saved), dialogs.messages
    session, _ = load_session(saved)
    assert session.dataset.same_as(points) and session.epoch == last.epoch
    np.testing.assert_array_equal(session.network.params, np.asarray(last.params, dtype=session.network.params.dtype))
    assert w.windowTitle().startswith("saved-after-the-death.npz")


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_exporting_the_script_after_the_training_process_died_writes_it(qtbot, window, dialogs, tmp_path):
    w = window
    step(qtbot, w, 3)
    _kill_training(qtbot, w)
    script = tmp_path / "experiment.py"
    dialogs.save_paths.append(str(script))
    w.file_actions.export_script_action.trigger()
    assert script.is_file() and not dialogs.messages, dialogs.messages
    assert "import numpy" in script.read_text()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_the_timeline_before_the_training_process_died_can_still_be_scrubbed_after_play(qtbot, window, dialogs):
    """Killed mid-run, then Play: the person drags the timeline back to an epoch trained before the death and
    sees the weights of that epoch as they were, and training goes on."""
    w = window
    start = snap(w)
    step(qtbot, w, 3)
    early = snap(w)
    step(qtbot, w, 5)
    w.controller.play()
    qtbot.waitUntil(lambda: snap(w).epoch > 20, timeout=10000)
    _kill_training(qtbot, w)
    last = snap(w)

    w.controls.play_action.trigger()
    assert "timeline was recovered back to epoch 0" in w.statusBar().currentMessage()
    qtbot.waitUntil(lambda: w.controller.running and snap(w).epoch > last.epoch + 2, timeout=30000)
    w.controls.play_action.trigger()  # Pause
    qtbot.waitUntil(lambda: not w.controller.running, timeout=5000)

    w.experiments.timeline.scrub_to(early.epoch)
    qtbot.waitUntil(lambda: w.experiments._moment is not None, timeout=10000)
    moment = w.experiments._moment
    # a run past the timeline's ~2 000 moments is thinned (how far it ran depends on the machine's speed): epoch 3
    # may then be shown as the nearest moment kept before it, epoch 0, as the weights were then, bit for bit
    assert moment.epoch in (early.epoch, start.epoch), f"scrubbed to epoch {early.epoch}, shown {moment.epoch}"
    np.testing.assert_array_equal(moment.params, (early if moment.epoch == early.epoch else start).params)


def _rows(w) -> list[tuple[str, str, str]]:
    """The run table as the person reads it: each row's name, epochs and status, in the order shown."""
    view = w.experiments.runs
    column = {h: c for c, h in enumerate(HEADERS)}
    proxy = view.proxy
    return [
        tuple(proxy.index(r, column[h]).data() for h in ("Name", "Epochs", "Status")) for r in range(proxy.rowCount())
    ]


def _epochs(text: str) -> int:
    return int(text.replace(",", ""))


def _play_until(qtbot, w, epoch: int) -> None:
    w.controls.play_action.trigger()
    qtbot.waitUntil(lambda: w.controller.running and snap(w).epoch > epoch, timeout=30000)
    w.controls.play_action.trigger()  # Pause
    qtbot.waitUntil(lambda: not w.controller.running, timeout=5000)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_the_run_under_way_when_the_training_process_died_goes_on_after_play(qtbot, window, dialogs):
    """Killed mid-run, then Play: the run under way is the same row, its epochs growing past the death, still
    training; the run finished before stays as it was, and no row is added. A Reset after it numbers on."""
    w = window
    step(qtbot, w, 4)
    w.controller.reset()
    qtbot.waitUntil(lambda: snap(w).epoch == 0, timeout=10000)
    step(qtbot, w, 6)
    w.controller.play()
    qtbot.waitUntil(lambda: snap(w).epoch > 12, timeout=10000)
    _kill_training(qtbot, w)
    last = snap(w)
    qtbot.waitUntil(lambda: _rows(w)[-1][1] == f"{last.epoch:,}", timeout=5000)
    assert _rows(w) == [("Run 1", "4", "finished"), ("Run 2", f"{last.epoch:,}", "training")]

    w.controls.play_action.trigger()
    assert f"Run 2 resumed from epoch {last.epoch:,}" in w.statusBar().currentMessage()
    qtbot.waitUntil(lambda: w.controller.running and snap(w).epoch > last.epoch + 2, timeout=30000)
    w.controls.play_action.trigger()  # Pause
    qtbot.waitUntil(lambda: not w.controller.running, timeout=5000)
    qtbot.waitUntil(lambda: _epochs(_rows(w)[-1][1]) == snap(w).epoch, timeout=5000)
    rows = _rows(w)
    assert [(name, status) for name, _, status in rows] == [("Run 1", "finished"), ("Run 2", "training")]
    assert rows[0][1] == "4" and _epochs(rows[1][1]) > last.epoch + 2
    table = w.experiments.runs.model.table
    assert [r.run_id for r in table] == [1, 2] and table.get(1).restorable

    w.controller.reset()  # the run that went on ends; the next is Run 3 (no number was used by the restart)
    qtbot.waitUntil(lambda: len(_rows(w)) == 3, timeout=10000)
    rows = _rows(w)
    assert rows[1][0] == "Run 2" and rows[1][2] == "finished" and _epochs(rows[1][1]) > last.epoch + 2
    assert rows[2] == ("Run 3", "0", "training")


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_run_whose_model_was_changed_after_the_training_process_died_is_not_resumed(qtbot, window, dialogs):
    """The person adds a layer while no process trains, then Play: the run under way ends where it got to, and
    the new model trains as a new run, as a model edit starts one."""
    w = window
    step(qtbot, w, 6)
    _kill_training(qtbot, w)
    w.model_panel.add_layer_button.click()
    w.controls.play_action.trigger()
    assert "Training restarted as a new run (Run 1 cannot go on" in w.statusBar().currentMessage()
    qtbot.waitUntil(lambda: w.controller.running and snap(w).epoch > 2, timeout=30000)
    w.controls.play_action.trigger()  # Pause
    qtbot.waitUntil(lambda: not w.controller.running, timeout=5000)
    qtbot.waitUntil(lambda: _epochs(_rows(w)[-1][1]) == snap(w).epoch, timeout=5000)
    rows = _rows(w)
    assert rows[0] == ("Run 1", "6", "finished")
    assert rows[1][0] == "Run 2" and rows[1][2] == "training" and _epochs(rows[1][1]) > 2
    table = w.experiments.runs.model.table
    assert table.get(2).model_spec == w.model_panel.model_spec() != table.get(1).model_spec  # the layer added


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_run_that_had_finished_before_the_training_process_died_stays_finished_after_play(qtbot, window, dialogs):
    """Run 1 ended (Reset) and the process died before Run 2 trained: Play trains Run 2, the run the Reset
    started; Run 1 keeps its epochs and stays finished, and no third row appears."""
    w = window
    step(qtbot, w, 4)
    w.controller.reset()
    qtbot.waitUntil(lambda: snap(w).epoch == 0, timeout=10000)
    qtbot.waitUntil(lambda: len(_rows(w)) == 2, timeout=10000)
    _kill_training(qtbot, w)
    _play_until(qtbot, w, 3)
    qtbot.waitUntil(lambda: _epochs(_rows(w)[-1][1]) == snap(w).epoch, timeout=5000)
    rows = _rows(w)
    assert rows[0] == ("Run 1", "4", "finished")
    assert rows[1][0] == "Run 2" and rows[1][2] == "training" and _epochs(rows[1][1]) > 3
    assert len(rows) == 2


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_file_opened_after_the_training_process_died_is_the_one_that_trains_on(qtbot, window, dialogs, tmp_path):
    """Killed, then a session file opened: the file's session trains on as saved; Play does not put a session
    rebuilt from the dead one's last snapshot in its place."""
    from tests.gui.files.test_files import open_and_wait

    w = window
    w.training_panel.optimizer.setCurrentIndex(w.training_panel.optimizer.findData("adam"))  # a memory to lose
    step(qtbot, w, 4)
    saved = tmp_path / "saved.npz"
    assert w.file_actions.sessions.save_session(saved)
    step(qtbot, w, 6)
    _kill_training(qtbot, w)
    assert open_and_wait(qtbot, w.file_actions.sessions, saved, ask=False)
    qtbot.waitUntil(lambda: snap(w).epoch == 4, timeout=10000)
    for epoch in (5, 6, 7):  # Step, as the person presses it: what only a training session answers
        w.controls.step_action.trigger()
        qtbot.waitUntil(lambda epoch=epoch: snap(w).epoch == epoch, timeout=10000)
    assert "resumed" not in w.statusBar().currentMessage()
    session, _ = load_session(saved)
    assert session.train_spec.optimizer == "adam"
    session.step(3)
    np.testing.assert_array_equal(np.asarray(snap(w).params), session.network.params)  # bit for bit


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_close_the_training_processs_death_comes_before_keeps_the_work_without_asking(
    qtbot, window, dialogs, tmp_path
):
    """A logout signals the training process and the window at once: the window's close begins before it hears of
    the death, and the recovery file the process was to write is written by the window, with no question (a
    question at a logout is never answered, and the work went with the killed app)."""
    w = window
    add_point(w, 0.3, -0.2)
    step(qtbot, w, 5)
    last = snap(w)
    for child in multiprocessing.active_children():
        os.kill(child.pid, signal.SIGKILL)
        child.join(timeout=10)  # dead, and the window not told yet: no event is handled until the close
    assert not w.process_restart.died
    assert w.file_actions.sessions.maybe_save("close")
    assert dialogs.questions == [] and dialogs.messages == []
    kept, _ = load_session(tmp_path / "unsaved-session.npz")
    assert kept.dataset.same_as(w.dataset) and kept.epoch == last.epoch
    np.testing.assert_array_equal(kept.network.params, np.asarray(last.params, dtype=kept.network.params.dtype))
