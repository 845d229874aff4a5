"""The status bar speaks of the run under way: why the last run paused is gone once a new run starts."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QStatusBar

from gui.window.messages import Banner, Notices
from model.training.contract import EpochLimitReached, TargetLossReached

PAUSED = "Paused: no progress since epoch 412 (loss 0.0712). Press Space (Play) to go on."


def test_a_new_run_takes_the_last_runs_message_away_but_not_other_news(qtbot):
    bar = QStatusBar()
    qtbot.addWidget(bar)
    notices = Notices(Banner(), bar, training_panel=None)
    notices.run_status(PAUSED, 0)
    assert bar.currentMessage() == PAUSED
    notices.new_run()
    assert bar.currentMessage() == ""
    notices.run_status(PAUSED, 0)
    notices.status("Saved the session at epoch 412 to moons.npz.", 0)  # news about a file, not about the run
    notices.new_run()
    assert bar.currentMessage().startswith("Saved the session")


def test_play_reset_a_new_model_and_new_data_each_start_a_new_run(qtbot, make_window):
    w = make_window()

    def paused_then(start) -> str:
        w.learning_monitor.status(PAUSED, 0)  # what the monitor writes when learning stopped
        assert w.statusBar().currentMessage() == PAUSED
        start()
        return w.statusBar().currentMessage()

    assert paused_then(w.controls.play_action.trigger) == ""  # Play again
    w.controls.play_action.trigger()  # pause: stopping says nothing of a new run
    assert paused_then(w.controls.reset_action.trigger) == ""
    assert paused_then(w.model_panel.add_layer_button.click) == ""
    assert paused_then(w.data_panel.generate_button.click) == ""


def test_training_paused_at_a_limit_says_which_limit_and_an_unknown_pause_is_refused(qtbot):
    bar = QStatusBar()
    qtbot.addWidget(bar)
    notices = Notices(Banner(), bar, training_panel=None)
    notices.show_stopped(EpochLimitReached(300))
    assert bar.currentMessage() == "Paused: reached the epoch limit (300)."
    notices.show_stopped(TargetLossReached(0.05))
    assert bar.currentMessage() == "Paused: the training loss reached the target (0.05)."
    with pytest.raises(TypeError):
        notices.show_stopped("max_epochs")  # a pause with no sentence of its own is not passed over in silence
