"""A session saved with a model compared beside the main one keeps it: opened in a new window, the compared model
is listed under its name and colour with its settings, its weights are those saved bit for bit, and trained on,
both models equal the run that never stopped. A damaged compared model refuses the file and changes nothing; the
unsaved work restored after the window closed brings the compared model back too."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from gui.main_window import MainWindow, apply_style
from model.storage.session_files import open_session_file
from tests.gui.files.test_files import open_and_wait, snap, step
from tests.model.storage.archive_edit import rewrite_archive


def _new_window(qtbot, ini):
    apply_style(QApplication.instance())
    w = MainWindow(settings=QSettings(str(ini), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.data_ready and snap(w) is not None and w.compare.ready, timeout=30000)
    return w


def _close(w):
    w.file_actions.sessions.confirm_discard = lambda reason: "discard"
    w.close()
    assert not w.controller.is_alive


def _member_snap(w, session_id):
    return w.experiments._member_latest.get(session_id)


def _member_at(qtbot, w, epoch):
    """The one compared model of ``w`` and its snapshot, once one of ``epoch`` has come."""
    qtbot.waitUntil(lambda: len(w.compare.members) == 1, timeout=10000)
    member = w.compare.members[0]
    qtbot.waitUntil(lambda: getattr(_member_snap(w, member.session_id), "epoch", -1) == epoch, timeout=10000)
    return member, _member_snap(w, member.session_id)


def _with_a_compared_model(qtbot, w, epochs):
    qtbot.waitUntil(lambda: w.compare.ready, timeout=10000)
    w.experiments.side_by_side._on_add_fast()  # Experiments ▸ the same model with 10× the learning rate
    qtbot.waitUntil(lambda: len(w.compare.members) == 1, timeout=10000)
    step(qtbot, w, epochs)
    return _member_at(qtbot, w, snap(w).epoch)


def test_a_compared_model_saved_is_listed_again_in_a_new_window_and_trains_on_bit_for_bit(
    qtbot, window, dialogs, tmp_path
):
    w = window
    saved, saved_snap = _with_a_compared_model(qtbot, w, 8)
    epoch = snap(w).epoch
    path = tmp_path / "compared.npz"
    dialogs.save_paths.append(str(path))
    w.file_actions.save_session_as_action.trigger()
    (kept,) = open_session_file(path).members
    assert (kept.name, kept.colour, kept.epoch) == (saved.name, saved.colour, epoch)
    np.testing.assert_array_equal(kept.state.params, saved_snap.params)

    other = _new_window(qtbot, tmp_path / "other.ini")
    try:
        assert open_and_wait(qtbot, other.file_actions.sessions, path)
        opened = f"Opened compared.npz at epoch {epoch:,} with the compared model “{saved.name}”."
        qtbot.waitUntil(lambda: other.statusBar().currentMessage() == opened, timeout=5000)  # once it is shown
        again, again_snap = _member_at(qtbot, other, epoch)
        assert (again.name, again.colour, again.model_spec, again.train_spec, again.seed) == (
            saved.name,
            saved.colour,
            saved.model_spec,
            saved.train_spec,
            saved.seed,
        )
        assert again.train_spec.learning_rate != w.training_panel.train_spec().learning_rate
        assert other.experiments.compare_view.panes[again.session_id].title.full_text.startswith(f"{saved.name} — ")
        np.testing.assert_array_equal(again_snap.params, saved_snap.params)
        main_run = other.compare.name_of(other.compare.primary_id)
        assert main_run and main_run != saved.name  # the main model's new run is not called as the compared one

        # both windows train 12 more epochs: the reopened one is the run that never stopped
        step(qtbot, w, 12)
        step(qtbot, other, 12)
        _, never_stopped = _member_at(qtbot, w, epoch + 12)
        _, reopened = _member_at(qtbot, other, epoch + 12)
        np.testing.assert_array_equal(snap(other).params, snap(w).params)
        np.testing.assert_array_equal(reopened.params, never_stopped.params)
        np.testing.assert_array_equal(reopened.curves["train_loss"], never_stopped.curves["train_loss"])
    finally:
        _close(other)


def test_a_damaged_compared_model_refuses_the_file_and_changes_nothing(qtbot, window, dialogs, tmp_path):
    w = window
    before, _ = _with_a_compared_model(qtbot, w, 3)
    good = tmp_path / "good.npz"
    dialogs.save_paths.append(str(good))
    w.file_actions.save_session_as_action.trigger()
    bad = tmp_path / "bad.npz"
    rewrite_archive(good, bad, edit_meta=lambda m: m["members"][0]["model_spec"].update(activation="wobbly"))
    step(qtbot, w, 2)
    dataset, epoch, title = w.dataset, snap(w).epoch, w.windowTitle()

    assert not open_and_wait(qtbot, w.file_actions.sessions, bad)
    text = dialogs.messages[-1][2]
    assert "bad.npz" in text and f"compared model 1 (“{before.name}”)" in text and "wobbly" in text
    assert w.dataset is dataset and w.windowTitle() == title and snap(w).epoch == epoch
    assert [m.session_id for m in w.compare.members] == [before.session_id]


def test_the_unsaved_work_restored_brings_the_compared_model_back(qtbot, window, dialogs, tmp_path):
    w = window
    saved, saved_snap = _with_a_compared_model(qtbot, w, 6)
    epoch, ini = snap(w).epoch, w.settings.q.fileName()
    # the every-minute autosave (what a killed window leaves) keeps the compared model
    assert w.file_actions.sessions.autosave()
    written = w.file_actions.sessions._autosave_pending  # resolved in the training thread once written
    kept = tmp_path / "unsaved-session.npz"
    qtbot.waitUntil(written.done, timeout=10000)
    (autosaved,) = open_session_file(kept).members
    assert autosaved.name == saved.name and autosaved.epoch == epoch
    np.testing.assert_array_equal(autosaved.state.params, saved_snap.params)
    w.close()  # closing keeps the same work in the same file

    again = _new_window(qtbot, ini)
    try:
        qtbot.waitUntil(lambda: again.banner.isVisible() and "unsaved" in again.banner.text(), timeout=5000)
        again.banner.action_button.click()  # "Restore it"
        member, member_snap = _member_at(qtbot, again, epoch)
        assert (member.name, member.colour, member.train_spec) == (saved.name, saved.colour, saved.train_spec)
        np.testing.assert_array_equal(member_snap.params, saved_snap.params)
        restored = (
            f"Restored the unsaved work of the last session, at epoch {epoch:,} with the compared model “{saved.name}”."
        )
        qtbot.waitUntil(lambda: again.statusBar().currentMessage() == restored, timeout=5000)
    finally:
        _close(again)
