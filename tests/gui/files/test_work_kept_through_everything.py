"""Work is kept however the person goes on: restored work survives a kill before the next autosave; New, Open, a
lesson and Reset ask before throwing away more than a minute of training; compared models added while paused are
kept; the offer to restore stays through Play and Reset, and File > Restore Unsaved Work lists every session kept
(restore or discard any); a training process killed while it writes the autosave costs nothing and says nothing."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal

import pytest

from gui.files.recovery import RESTORE_WORDS
from model.storage.session_files import open_session_file
from model.teaching.lessons import load_all
from tests.gui.files.test_files import add_point, snap, step
from tests.gui.files.test_work_kept import _close, _open_window

LESSONS, _, _ = load_all()


def _as_after_a_kill(tmp_path, name: str) -> str:
    """The profile as a kill leaves it on the disk (the settings and the recovery files), in a folder of its own:
    the settings file of the next start."""
    folder = tmp_path / name
    folder.mkdir()
    for kept in tmp_path.glob("*.npz"):
        shutil.copy(kept, folder / kept.name)
    return str(shutil.copy(tmp_path / "settings.ini", folder / "settings.ini"))


def _restore_from_banner(qtbot, w) -> None:
    qtbot.waitUntil(lambda: "unsaved" in w.banner.text(), timeout=5000)
    with qtbot.waitSignal(w.file_actions.sessions.openFinished, timeout=10000):
        w.banner.action_button.click()  # "Restore it"


def _train_for(qtbot, w, seconds: float, now: list[float]) -> None:
    """Play, ``seconds`` on the training clock (``now`` stands in for the wall clock), Pause."""
    w.file_actions.sessions.training_time.clock = lambda: now[0]
    w.controller.play()
    qtbot.waitUntil(lambda: w.controller.running, timeout=5000)
    qtbot.waitUntil(lambda: snap(w).epoch > 0, timeout=10000)
    now[0] += seconds
    w.controller.pause()
    qtbot.waitUntil(lambda: not w.controller.running, timeout=5000)


def test_restored_work_is_still_offered_after_a_kill_before_the_next_autosave(qtbot, window, tmp_path):
    w = window
    step(qtbot, w, 7)
    add_point(w, 0.3, -0.4)
    ini, points = w.settings.q.fileName(), w.dataset
    w.close()

    again = _open_window(qtbot, ini)
    _restore_from_banner(qtbot, again)
    qtbot.waitUntil(lambda: snap(again).epoch == 7, timeout=5000)
    assert again.dataset.same_as(points)
    # killed now, seconds after restoring (no autosave yet): the next start offers the same work again
    after_a_kill = _as_after_a_kill(tmp_path, "after-a-kill")
    third = _open_window(qtbot, after_a_kill)
    _restore_from_banner(qtbot, third)
    qtbot.waitUntil(lambda: snap(third).epoch == 7, timeout=5000)
    assert third.dataset.same_as(points)
    _close(third)
    # the restored work is this run's autosave now: a save drops it, nothing stale is offered after
    assert again.file_actions.sessions.save_session(tmp_path / "saved.npz")
    assert not (tmp_path / "unsaved-session.npz").exists()
    _close(again)


@pytest.mark.parametrize("doing", ["new", "open", "lesson", "reset"])
def test_more_than_a_minute_of_training_is_asked_about_before_it_is_lost(qtbot, window, dialogs, tmp_path, doing):
    w = window
    sessions = w.file_actions.sessions
    other = tmp_path / "other.npz"
    assert sessions.save_session(other)
    asked = []
    sessions.confirm_discard = lambda reason: asked.append(reason) or "cancel"
    now = [1000.0]
    _train_for(qtbot, w, 90.0, now)
    trained = snap(w).epoch

    def do() -> None:
        if doing == "new":
            w.controls.new_action.trigger()
        elif doing == "open":
            dialogs.open_paths.append(str(other))
            w.file_actions.open_session_action.trigger()
        elif doing == "lesson":
            w.lesson_actions.open_lesson(LESSONS[0].id)
        else:
            w.controls.reset_action.trigger()

    do()
    assert asked == [doing]  # Cancel: the training is still there, nothing replaced it
    qtbot.wait(300)
    assert snap(w).epoch == trained and w.windowTitle().startswith("other.npz")

    sessions.confirm_discard = lambda reason: asked.append(reason) or "save"
    if doing == "open":
        with qtbot.waitSignal(sessions.openFinished, timeout=10000):
            do()  # Save: the training is in the file, then the file opens
    else:
        do()  # Save: the training is in the file, then it goes
    assert open_session_file(other).session.epoch == trained

    sessions.confirm_discard = lambda reason: asked.append(reason) or "cancel"
    asked.clear()
    if doing == "new":  # New removed every point: new ones to train on, saved
        w.data_panel.generate_button.click()
        assert sessions.save_session(other)
    qtbot.waitUntil(lambda: snap(w).data_version == w.document.version, timeout=5000)
    _train_for(qtbot, w, 30.0, now)  # half a minute of trying things out: let go without a question
    do()
    assert asked == []


@pytest.mark.parametrize("how", ["added", "branched"])
def test_a_compared_model_added_while_paused_is_kept_and_restored(qtbot, window, tmp_path, monkeypatch, how):
    w = window
    ini = w.settings.q.fileName()
    if how == "added":  # nothing trained, no point edited: only the model added
        w.experiments.side_by_side.add_copy_action.trigger()
    else:  # trained and saved; then a branch from epoch 3 of the timeline, its settings left as they are
        step(qtbot, w, 6)
        assert w.file_actions.sessions.save_session(tmp_path / "saved.npz")
        monkeypatch.setattr("gui.experiments.experiments.SettingsDialog.exec", lambda self: 1)
        w.experiments.timeline.branchRequested.emit(w.compare.primary_id, 3)
    qtbot.waitUntil(lambda: len(w.compare.members) == 1, timeout=10000)
    name = w.compare.members[0].name
    assert w.file_actions.sessions.autosave()  # kept against a kill too
    w.close()
    kept = open_session_file(tmp_path / "unsaved-session.npz")
    assert [m.name for m in kept.members] == [name]

    again = _open_window(qtbot, ini)
    _restore_from_banner(qtbot, again)
    qtbot.waitUntil(lambda: [m.name for m in again.compare.members] == [name], timeout=20000)
    _close(again)


def test_the_offer_stays_through_play_and_every_kept_session_can_be_restored_or_discarded(qtbot, window, tmp_path):
    w = window
    step(qtbot, w, 9)
    add_point(w, 0.6, 0.1)
    ini, older_points = w.settings.q.fileName(), w.dataset
    w.close()
    second = _open_window(qtbot, ini)  # the offer not taken: this start's work is kept beside the older one
    qtbot.waitUntil(lambda: "unsaved" in second.banner.text(), timeout=5000)
    step(qtbot, second, 4)
    add_point(second, -0.5, 0.5)
    newer_points = second.dataset
    second.close()

    w = _open_window(qtbot, ini)
    qtbot.waitUntil(lambda: "1 older unsaved session kept too" in w.banner.text(), timeout=5000)
    assert RESTORE_WORDS in w.banner.text()
    w.controls.play_action.trigger()  # Play, Pause, Generate: the offer stays
    qtbot.waitUntil(lambda: w.controller.running, timeout=5000)
    w.controls.play_action.trigger()
    w.controls.reset_action.trigger()
    w.data_panel.generate_button.click()
    assert "unsaved" in w.banner.text()

    w.file_actions.update_restore_action()
    action = w.file_actions.restore_kept_action
    assert action.isEnabled() and action.text() == RESTORE_WORDS
    action.trigger()
    dialog = w.file_actions.kept_dialog
    assert dialog is not None and dialog.isVisible()
    listed = dialog.shown()
    assert [(k.epoch, k.points) for k in listed] == [(4, newer_points.n_samples), (9, older_points.n_samples)]
    assert all(k.name == "Untitled" for k in listed)

    w.file_actions.sessions.confirm_discard = lambda reason: "discard"
    dialog.list.setCurrentRow(1)
    with qtbot.waitSignal(w.file_actions.sessions.openFinished, timeout=10000):
        dialog.restore_button.click()  # the older one
    qtbot.waitUntil(lambda: snap(w).epoch == 9, timeout=5000)
    assert w.dataset.same_as(older_points)
    assert "unsaved" in w.banner.text()  # the newer one is still offered

    action.trigger()
    dialog = w.file_actions.kept_dialog
    assert [k.epoch for k in dialog.shown()] == [4]  # the restored one is this run's work now
    questions = []
    dialog.confirm_discard = lambda text: questions.append(text) or True
    dialog.discard_button.click()
    assert questions and "cannot be restored" in questions[0]
    assert dialog.shown() == [] and "unsaved" not in w.banner.text()
    dialog.close()
    w.file_actions.update_restore_action()
    assert not action.isEnabled()
    _close(w)
    # the restored older work was kept as this run's autosave, and the close kept it (still unsaved)
    kept = open_session_file(tmp_path / "unsaved-session.npz")
    assert kept.session.epoch == 9 and kept.session.dataset.same_as(older_points)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_training_process_killed_during_an_autosave_costs_nothing_and_says_nothing(qtbot, window, tmp_path):
    w = window
    step(qtbot, w, 5)
    w.controller.play()
    qtbot.waitUntil(lambda: snap(w).epoch > 8, timeout=10000)
    add_point(w, 0.2, 0.2)
    points = w.dataset
    children = [p for p in multiprocessing.active_children() if "first" not in p.name.lower()]
    assert children
    for child in children:
        os.kill(child.pid, signal.SIGKILL)
    assert w.file_actions.sessions.autosave()  # asked of the training thread before the window heard of the death
    recovery = tmp_path / "unsaved-session.npz"
    qtbot.waitUntil(lambda: "stopped unexpectedly" in w.banner.text(), timeout=10000)
    qtbot.waitUntil(recovery.exists, timeout=10000)
    qtbot.wait(300)
    assert "could not be kept" not in w.banner.text() and "perform" not in w.banner.text()
    assert open_session_file(recovery).session.dataset.same_as(points)


def test_a_reset_the_person_cancels_leaves_the_timeline_at_the_moment_shown(qtbot, window):
    w = window
    sessions = w.file_actions.sessions
    sessions.confirm_discard = lambda reason: "cancel"
    _train_for(qtbot, w, 90.0, [1000.0])
    timeline = w.experiments.timeline
    timeline.scrub_to(0)  # looking back at the start
    qtbot.waitUntil(lambda: timeline.scrubbing, timeout=5000)
    w.controls.reset_action.trigger()  # R, then Cancel: the training is kept, and so is the moment looked at
    qtbot.wait(200)
    assert timeline.scrubbing
    sessions.confirm_discard = lambda reason: "discard"
    w.controls.reset_action.trigger()  # a Reset that goes ahead returns to the present
    qtbot.waitUntil(lambda: not timeline.scrubbing and snap(w).epoch == 0, timeout=5000)


def _reopened_with_work_offered(qtbot, w, epochs: int):
    """``w`` trained ``epochs`` and given a point, closed with that work unsaved; the next window, offering it."""
    step(qtbot, w, epochs)
    add_point(w, 0.6, 0.1)
    ini = w.settings.q.fileName()
    w.close()
    again = _open_window(qtbot, ini)
    qtbot.waitUntil(lambda: "unsaved" in again.banner.text(), timeout=5000)
    return again


def test_restore_it_then_cancel_keeps_the_offer_in_the_banner(qtbot, window):
    again = _reopened_with_work_offered(qtbot, window, 5)
    add_point(again, -0.3, 0.1)  # work of this run: Restore asks first
    again.file_actions.sessions.confirm_discard = lambda reason: "cancel"
    again.banner.action_button.click()  # "Restore it", then Cancel
    qtbot.wait(100)
    assert again.banner.isVisible() and "unsaved" in again.banner.text()
    _close(again)


@pytest.mark.parametrize("doing", ["restore", "discard"])
def test_a_list_opened_before_an_autosave_never_takes_this_runs_own_work_for_the_listed(qtbot, window, tmp_path, doing):
    """The list stays open while training goes on; the minute's autosave moves the offered work aside and writes
    this run's own under its name. Restore or Discard of the entry listed must not act on that file."""
    w = _reopened_with_work_offered(qtbot, window, 9)
    w.file_actions.update_restore_action()
    w.file_actions.restore_kept_action.trigger()
    dialog = w.file_actions.kept_dialog
    assert [k.epoch for k in dialog.shown()] == [9]
    step(qtbot, w, 3)
    add_point(w, -0.5, 0.5)
    assert w.file_actions.sessions.autosave()
    own = w.file_actions.sessions.recovery_path()
    qtbot.waitUntil(lambda: os.path.exists(own) and open_session_file(own).session.epoch == 3, timeout=10000)
    before = sorted(p.name for p in tmp_path.glob("*.npz"))
    w.file_actions.sessions.confirm_discard = lambda reason: "discard"
    dialog.confirm_discard = lambda text: True
    (dialog.restore_button if doing == "restore" else dialog.discard_button).click()
    qtbot.wait(300)
    assert sorted(p.name for p in tmp_path.glob("*.npz")) == before  # nothing taken, nothing deleted
    assert snap(w).epoch == 3
    assert "changed" in dialog.changed_note.text()
    assert [k.epoch for k in dialog.shown()] == [9]  # listed again, under its new name
    dialog.close()
    _close(w)
