"""Why training paused by itself (no progress, a limit reached) and the overfitting warning are said above the plot,
which presenter mode keeps, and stay said after leaving it: presenter mode hides the status bar, where they were the
only words, and a Play button that turned back with nothing said looked like a crash."""

import pytest

from model.training.contract import EpochLimitReached
from model.training.stop_rules import Verdict

pytestmark = pytest.mark.fresh_profile  # the app's own pace and stop rules


def test_a_plateau_pause_in_presenter_mode_is_said_on_screen_and_still_after_leaving_it(qtbot, make_window):
    w = make_window(size=(1280, 720))
    w.data_panel.set_params({**w.data_panel.params(), "name": "circles"})
    w.data_panel.generate_button.click()
    w.model_panel.kind.setCurrentIndex(w.model_panel.kind.findData("logistic"))  # it cannot learn circles
    w.training_panel.set_pace("max")
    w.training_panel.warn_overfitting.setChecked(False)
    w.presenter.presenter_action.trigger()
    try:
        assert not w.statusBar().isVisible()
        w.controls.play_action.trigger()
        qtbot.waitUntil(lambda: not w.controller.running and w.learning_monitor.last_verdict is not None, timeout=20000)
        assert w.learning_monitor.last_verdict.kind == "plateau"
        assert w.banner.isVisible() and "no progress since epoch" in w.banner.text()
        assert "Space (Play) to go on" in w.banner.text()
    finally:
        w.presenter.presenter_action.trigger()
    assert w.banner.isVisible() and "no progress since epoch" in w.banner.text()
    w.controls.play_action.trigger()  # going on takes the reason away: it no longer holds
    assert not w.banner.isVisible()
    w.controls.play_action.trigger()


def test_an_epoch_limit_and_an_overfitting_warning_are_said_above_the_plot(qtbot, make_window, monkeypatch):
    w = make_window()
    w.notices.show_stopped(EpochLimitReached(200))  # what training reports when it stops at the limit
    assert w.banner.isVisible() and "epoch limit (200)" in w.banner.text()
    # the rule is the model's (tests/model/training/test_stop_rules.py); here, what the window does with its verdict
    overfitting = Verdict("overfitting", 900, "test loss up from 0.2 (epoch 90) to 0.4", 0.2, 0.4, 90)
    monkeypatch.setattr(w.learning_monitor.watch, "observe", lambda *args: overfitting)
    w.controls.play_action.trigger()
    qtbot.waitUntil(lambda: "Overfitting" in w.banner.text(), timeout=5000)
    assert w.controller.running  # a warning, not a pause
    w.controls.play_action.trigger()
