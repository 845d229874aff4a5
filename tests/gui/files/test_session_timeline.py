"""After a session is opened (or its unsaved work restored), the timeline looks back no further than the moment it
was opened at (the file keeps the loss history, not the moments): the slider starts there, the label says the moment
the views show, and Branch from here branches from it; until it trains on, its handle stands at the present and the
label says the earlier moments were not kept."""

from __future__ import annotations

import numpy as np

import gui.experiments.experiments as experiments
from tests.gui.files.test_files import open_and_wait, snap, step
from tests.gui.files.test_session_compared_models import _close, _member_at, _new_window


def test_the_timeline_of_an_opened_session_starts_where_it_was_opened(qtbot, window, dialogs, tmp_path, monkeypatch):
    w = window
    step(qtbot, w, 30)
    path = tmp_path / "thirty.npz"
    dialogs.save_paths.append(str(path))
    w.file_actions.save_session_as_action.trigger()
    at_30 = np.array(snap(w).params)

    other = _new_window(qtbot, tmp_path / "other.ini")
    try:
        assert open_and_wait(qtbot, other.file_actions.sessions, path)
        qtbot.waitUntil(lambda: other.compare.name_of(other.compare.primary_id) == "Run 1", timeout=10000)
        bar = other.experiments.timeline
        qtbot.waitUntil(lambda: bar.label.text() == "epoch 30 (live; earlier moments not kept)", timeout=10000)
        assert not bar.slider.isEnabled()  # no moment before epoch 30 was kept
        assert bar.slider.value() == bar.slider.maximum() > bar.slider.minimum()  # its handle at the present
        step(qtbot, other, 10)
        qtbot.waitUntil(lambda: bar.label.text() == "epoch 40 (live)" and bar.slider.maximum() == 10, timeout=10000)
        bar.scrub_to(12)  # before the first moment: the slider's left end, epoch 30
        qtbot.waitUntil(lambda: getattr(other.experiments._moment, "epoch", None) == 30, timeout=10000)
        assert bar.slider.value() == 0 and bar.label.text() == "epoch 30 of 40"
        assert other.controller.latest_snapshot.epoch == 40  # the present is still 40: the views show epoch 30
        np.testing.assert_array_equal(other.experiments._moment.params, at_30)  # the moment shown, bit for bit
        monkeypatch.setattr(experiments.SettingsDialog, "exec", lambda self: 1)  # the dialog's OK, settings as shown
        bar.branch_button.click()
        member, _ = _member_at(qtbot, other, 30)
        assert member.name == "Run 1 from epoch 30"
    finally:
        _close(other)
