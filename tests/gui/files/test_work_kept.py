"""Work is kept: a hostile session file changes nothing, an offered recovery that was not restored is
never overwritten, a damaged recovery is offered once then moved aside, and a recovery that cannot be
written at closing says so and offers Save As."""

from __future__ import annotations

import os
import signal

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from gui.main_window import MainWindow, apply_style
from model.data.generators import make
from model.storage.session_files import load_session, save_session
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.gui.files.test_files import add_point, open_and_wait, step
from tests.model.storage.archive_edit import rewrite_archive


def _open_window(qtbot, ini):
    apply_style(QApplication.instance())
    w = MainWindow(settings=QSettings(ini, QSettings.IniFormat))
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.data_ready and w.controller.latest_snapshot is not None, timeout=10000)
    return w


def _close(w):
    w.file_actions.sessions.confirm_discard = lambda reason: "discard"
    w.close()
    assert not w.controller.is_alive


def test_a_session_with_a_batch_size_over_int32_changes_nothing(qtbot, window, dialogs, tmp_path):
    w = window
    add_point(w)
    add_point(w, 0.2, 0.3)
    good = tmp_path / "good.npz"
    save_session(TrainingSession(make("moons", 30, seed=1), ModelSpec(), TrainSpec(batch_size=8)), good)
    bad = tmp_path / "huge-batch.npz"
    rewrite_archive(good, bad, edit_meta=lambda m: m["train_spec"].update(batch_size=3_000_000_000))
    before, count, title = w.dataset, w.undo_stack.count(), w.windowTitle()
    w.file_actions.sessions.confirm_discard = lambda reason: "discard"
    assert not open_and_wait(qtbot, w.file_actions.sessions, bad)
    assert dialogs.messages and "huge-batch.npz" in dialogs.messages[-1][2]
    assert "batch_size" in dialogs.messages[-1][2]
    assert w.dataset is before and w.undo_stack.count() == count and w.windowTitle() == title
    assert w.isWindowModified()


def test_an_offered_recovery_not_restored_is_never_overwritten(qtbot, window, dialogs, tmp_path):
    w = window
    step(qtbot, w, 7)
    add_point(w)
    ini = w.settings.q.fileName()
    w.close()
    kept = tmp_path / "unsaved-session.npz"
    first_epoch = load_session(kept)[0].epoch
    assert first_epoch >= 7

    again = _open_window(qtbot, ini)
    qtbot.waitUntil(lambda: "unsaved" in again.banner.text(), timeout=5000)
    step(qtbot, again, 2)  # a short run, the offer ignored
    add_point(again)
    again.close()

    saved = sorted(p.name for p in tmp_path.glob("unsaved-session*.npz"))
    assert len(saved) == 2, saved
    epochs = sorted(load_session(tmp_path / name)[0].epoch for name in saved)
    assert first_epoch in epochs  # the long run is still there

    third = _open_window(qtbot, ini)  # the newest is offered; the older one is said to be kept too
    qtbot.waitUntil(lambda: "older unsaved session" in third.banner.text(), timeout=5000)
    _close(third)


def test_a_damaged_recovery_is_offered_once_then_moved_aside(qtbot, window, dialogs, tmp_path):
    ini = window.settings.q.fileName()
    _close(window)
    recovery = tmp_path / "unsaved-session.npz"
    recovery.write_bytes(b"PK\x03\x04 damaged by a crash")
    w = _open_window(qtbot, ini)
    qtbot.waitUntil(lambda: "could not be read" in w.banner.text(), timeout=5000)
    assert not recovery.exists()
    moved = list(tmp_path.glob("unsaved-session-damaged-*.npz"))
    assert len(moved) == 1 and moved[0].read_bytes().startswith(b"PK")
    _close(w)
    again = _open_window(qtbot, ini)
    qtbot.wait(300)
    assert "unsaved" not in again.banner.text() and "could not be read" not in again.banner.text()
    _close(again)


@pytest.mark.parametrize("answer", ["save", "cancel"])
def test_a_recovery_that_cannot_be_written_at_closing_says_so_and_offers_save_as(
    qtbot, window, dialogs, tmp_path, answer
):
    w = window
    step(qtbot, w, 3)
    add_point(w)
    blocker = tmp_path / "unsaved-session.npz"
    blocker.mkdir()  # the recovery file cannot be written: a folder is in its way
    asked = []
    w.file_actions.sessions.confirm_recovery_failed = lambda message: asked.append(message) or answer
    elsewhere = tmp_path / "elsewhere.npz"
    dialogs.save_paths.append(str(elsewhere))
    w.close()
    assert asked and "unsaved-session.npz" in asked[0]
    if answer == "save":
        assert not w.isVisible() and load_session(elsewhere)[0].epoch >= 3
    else:
        assert w.isVisible() and not elsewhere.exists()
        os.rmdir(blocker)
        w.file_actions.sessions.confirm_recovery_failed = None


def test_unsaved_work_is_autosaved_while_the_window_is_open(qtbot, window, dialogs, tmp_path):
    w = window
    recovery = tmp_path / "unsaved-session.npz"
    step(qtbot, w, 6)
    add_point(w)
    w.file_actions.sessions.autosave_timer.setInterval(50)
    qtbot.waitUntil(recovery.exists, timeout=5000)  # a crash now would lose nothing but the last minute
    assert load_session(recovery)[0].epoch >= 6
    assert w.isVisible()
    saved = tmp_path / "saved.npz"
    assert w.file_actions.sessions.save_session(saved)
    assert not recovery.exists()  # saved: the autosave is stale, never offered
    w.file_actions.sessions.autosave_timer.stop()


def test_closing_with_everything_saved_leaves_no_stale_autosave(qtbot, window, dialogs, tmp_path):
    w = window
    recovery = tmp_path / "unsaved-session.npz"
    step(qtbot, w, 2)
    with qtbot.waitSignal(w.controller.saveDone, timeout=10000):
        assert w.file_actions.sessions.autosave()  # asked: the training thread writes it
    assert recovery.exists()
    assert w.file_actions.sessions.save_session(tmp_path / "saved.npz")
    w.close()
    assert not recovery.exists()


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, getattr(signal, "SIGHUP", signal.SIGTERM)])
def test_a_termination_signal_closes_like_the_window_and_the_next_start_offers_the_work(
    qtbot, window, dialogs, tmp_path, signum
):
    from gui.files.close_on_signals import CloseOnSignals

    w = window
    step(qtbot, w, 4)
    add_point(w)
    ini = w.settings.q.fileName()
    handler = CloseOnSignals(w)
    try:
        os.kill(os.getpid(), signum)
        qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)
    finally:
        handler.uninstall()
    assert handler.received == [signum]
    assert not w.controller.is_alive
    assert load_session(tmp_path / "unsaved-session.npz")[0].epoch >= 4
    again = _open_window(qtbot, ini)
    qtbot.waitUntil(lambda: "unsaved" in again.banner.text(), timeout=5000)
    _close(again)


def test_a_save_that_cannot_be_written_names_the_whole_path_and_loses_nothing(qtbot, window, dialogs, tmp_path):
    w = window
    step(qtbot, w, 3)
    add_point(w)
    before, epoch = w.dataset, w.controller.latest_snapshot.epoch
    (tmp_path / "a-file").write_text("not a folder")
    target = tmp_path / "a-file" / "session.npz"  # as a read-only or missing folder: the write fails
    assert not w.file_actions.sessions.save_session(target)
    kind, title, text = dialogs.messages[-1]
    assert (kind, title) == ("warning", "Could not save the session")
    assert str(target) in text and "Not a directory" in text  # which folder to change, and why
    assert w.isWindowModified() and w.windowTitle().startswith("Untitled[*]") and w.dataset is before
    ini = w.settings.q.fileName()
    w.close()  # nothing lost: the unsaved work is kept for the next start
    assert load_session(tmp_path / "unsaved-session.npz")[0].epoch >= epoch
    again = _open_window(qtbot, ini)
    qtbot.waitUntil(lambda: "unsaved" in again.banner.text(), timeout=5000)
    _close(again)


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
def test_a_hangup_ignored_at_start_stays_ignored(qtbot, window):
    from gui.files.close_on_signals import CloseOnSignals

    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as `nohup` starts the app
    try:
        handler = CloseOnSignals(window)
        try:
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
            assert signal.getsignal(signal.SIGTERM) == handler._on_signal
        finally:
            handler.uninstall()
    finally:
        signal.signal(signal.SIGHUP, previous)


def test_the_model_and_settings_chosen_are_kept_while_the_window_is_open(qtbot, window, tmp_path):
    import shutil

    w = window
    w.model_panel.add_layer_button.click()  # a model chosen, nothing trained nor edited yet
    layers = w.model_panel.params()["layers"]
    ini = w.settings.q.fileName()
    before = os.path.getmtime(ini) if os.path.exists(ini) else None
    w.file_actions.sessions.autosave_timer.setInterval(50)
    qtbot.waitUntil(lambda: os.path.exists(ini) and os.path.getmtime(ini) != before, timeout=5000)
    w.file_actions.sessions.autosave_timer.stop()
    # the window is killed now: the next start reads the profile as it is on the disk
    (tmp_path / "after-a-kill").mkdir()
    after_a_kill = shutil.copy(ini, tmp_path / "after-a-kill" / "settings.ini")
    again = _open_window(qtbot, str(after_a_kill))
    assert again.model_panel.params()["layers"] == layers
    _close(again)


def test_the_offer_restores_the_work_it_named_after_an_autosave_moved_it_aside(qtbot, window, dialogs, tmp_path):
    w = window
    step(qtbot, w, 7)
    add_point(w)
    ini = w.settings.q.fileName()
    w.close()
    offered = load_session(tmp_path / "unsaved-session.npz")[0]

    again = _open_window(qtbot, ini)
    qtbot.waitUntil(lambda: "unsaved" in again.banner.text(), timeout=5000)
    again.file_actions.sessions.confirm_discard = lambda reason: "discard"
    step(qtbot, again, 2)  # work of this run, autosaved while the offer is still shown
    with qtbot.waitSignal(again.controller.saveDone, timeout=10000):
        assert again.file_actions.sessions.autosave()
    assert again.banner.isVisible() and "unsaved" in again.banner.text()
    with qtbot.waitSignal(again.file_actions.sessions.openFinished, timeout=10000):
        again.banner.action_button.click()  # "Restore it": the last session's work, as the banner says
    qtbot.waitUntil(lambda: again.controller.latest_snapshot.epoch == offered.epoch, timeout=5000)
    assert again.dataset.same_as(offered.dataset)
    assert not list(tmp_path.glob("unsaved-session-2*.npz"))  # restored: not offered a second time
    _close(again)


def test_an_autosave_that_cannot_be_written_is_said_at_once_and_offers_save_as(qtbot, window, dialogs, tmp_path):
    w = window
    step(qtbot, w, 3)
    add_point(w)
    blocked = tmp_path / "unsaved-session.npz"
    blocked.mkdir()  # as a full disk or a read-only profile: the autosave cannot be written there
    with qtbot.waitSignal(w.controller.saveDone, timeout=10000):
        assert w.file_actions.sessions.autosave()
    qtbot.waitUntil(lambda: "could not be kept" in w.banner.text(), timeout=5000)
    assert str(blocked) in w.banner.text()  # which folder to see to
    points = w.dataset
    saved = tmp_path / "kept-by-hand.npz"
    dialogs.save_paths.append(str(saved))
    w.banner.action_button.click()  # "Save As…"
    assert load_session(saved)[0].dataset.same_as(points)
    assert w.windowTitle().startswith("kept-by-hand.npz")
    blocked.rmdir()


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")
def test_a_termination_signal_while_closing_asks_leaves_the_question_to_the_person(qtbot, window, dialogs, tmp_path):
    from gui.files.close_on_signals import CloseOnSignals

    w = window
    step(qtbot, w, 3)
    add_point(w)
    blocker = tmp_path / "unsaved-session.npz"
    blocker.mkdir()  # the recovery file cannot be written: closing asks what to do with the work
    closes = []
    close = w.close
    w.close = lambda: closes.append("close") or close()  # on a desktop (xcb) a second close hid the window
    # and its question: the app ended with the work unsaved; offscreen it only shows as this second close

    def answer(message):  # a logout's SIGTERM arrives while the person reads the question
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.wait(200)
        return "cancel"  # the person keeps the window, to save the work elsewhere

    w.file_actions.sessions.confirm_recovery_failed = answer
    handler = CloseOnSignals(w)
    try:
        w.close()
    finally:
        handler.uninstall()
        w.file_actions.sessions.confirm_recovery_failed = None
        del w.close
    assert handler.received == [signal.SIGTERM] and closes == ["close"]  # the question is the person's
    assert w.isVisible() and w.controller.is_alive
    assert w.file_actions.sessions.save_session(tmp_path / "elsewhere.npz")
    os.rmdir(blocker)
