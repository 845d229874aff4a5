"""The pace control: in the toolbar next to Play and Step, ] and [ walk it, it is remembered, and on a fresh profile
Play runs at a pace a person can follow instead of showing the finished boundary in the first frame."""

import time

import pytest
from PySide6.QtCore import Qt

from model.training.pace import WATCH_START

pytestmark = pytest.mark.fresh_profile  # the app's own pace and stop rules


def test_the_pace_sits_next_to_play_and_step_and_the_brackets_walk_it(qtbot, make_window):
    w = make_window()
    toolbar_widgets = [w.controls.toolbar.widgetForAction(a) for a in w.controls.toolbar.actions()]
    step_at = toolbar_widgets.index(w.controls.toolbar.widgetForAction(w.controls.step_action))
    assert toolbar_widgets[step_at + 1] is w.training_panel.pace
    assert w.training_panel.pace.isVisible()
    assert w.training_panel.pace_key() == "watch"  # a fresh profile
    w.boundary_view.setFocus()
    qtbot.keyClick(w.boundary_view, Qt.Key_BracketRight)
    assert w.training_panel.pace_key() == "100"
    qtbot.keyClick(w.boundary_view, Qt.Key_BracketLeft)
    qtbot.keyClick(w.boundary_view, Qt.Key_BracketLeft)
    assert w.training_panel.pace_key() == "10"
    from gui.window.menus import SHORTCUTS
    from gui.window.shortcuts_dialog import shortcut_rows

    assert any("]" in keys and "faster" in what.lower() for keys, what in shortcut_rows(w, SHORTCUTS))


def test_a_fresh_window_plays_at_a_pace_one_can_follow(qtbot, make_window):
    w = make_window()
    t0 = time.perf_counter()
    w.controls.play_action.trigger()
    qtbot.wait(1500)
    w.controls.play_action.trigger()
    qtbot.waitUntil(lambda: not w.controller.running, timeout=3000)
    elapsed = time.perf_counter() - t0
    epoch = w.controller.latest_snapshot.epoch
    # as fast as possible this is thousands of epochs; the watch pace holds its start rate while the loss
    # of the two moons still falls fast
    assert 10 <= epoch <= WATCH_START * elapsed + 5


def epochs_in(qtbot, w, ms: int) -> tuple[int, float]:
    """The epochs the plot shows going by in ``ms`` milliseconds, and the seconds that took."""
    start, t0 = w.controller.latest_snapshot.epoch, time.perf_counter()
    qtbot.wait(ms)
    return w.controller.latest_snapshot.epoch - start, time.perf_counter() - t0


def play_sped_up(qtbot, w):
    """Plays the window's network under Watch until its pace is far past the start (as a long run on the moons is
    once its boundary stops moving, ~16 s of Watch); returns that pace (``latest_pace``)."""
    w.training_panel.pause_on_plateau.setChecked(False)
    w.controls.play_action.trigger()
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch > 5, timeout=5000)
    pace = w.controller._worker._pacer.pace

    def sped_up_past_1000() -> bool:
        # held up until then: a loaded machine's slow epochs read as a fast-falling loss, and Watch halved the
        # rate every 1.5 s, so that a suite's busy end did not reach epoch 1000 in 5 s
        pace.rate = max(pace.rate, 5000.0)
        return w.controller.latest_snapshot.epoch > 1000

    qtbot.waitUntil(sped_up_past_1000, timeout=15000)
    left = w.controller.latest_pace
    # Watch may have eased the rate since (a loaded machine's slower epochs read as a faster-falling loss): what
    # counts is that it is far past the start
    assert left.key == "watch" and left.rate > 50 * WATCH_START
    return left


def test_new_data_is_watched_from_the_start_and_its_undo_goes_on_at_the_pace_the_trained_network_had(
    qtbot, make_window
):
    w = make_window()
    left = play_sped_up(qtbot, w)  # the pace the undo must give back
    params = w.data_panel.params()
    w.data_panel.set_params({**params, "name": "spiral", "n_classes": 3})  # a third class: the network starts afresh
    w.data_panel.generate_button.click()
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.data_version == w.document.version, timeout=5000)
    epochs, elapsed = epochs_in(qtbot, w, 1000)
    # the spiral's first epochs go at Watch's start rate (at most doubling as its loss falls slowly), not thousands
    assert epochs <= 2 * WATCH_START * elapsed + 10

    told: list = []  # (pace or None, snapshot or None) as the window hears them
    w.controller.paceReached.connect(lambda pace: told.append((pace, None)))
    w.controller.snapshotReady.connect(lambda snap: told.append((None, snap)))
    w.controls.undo_action.trigger()

    def back_at() -> int | None:
        """Where in ``told`` the trained network's first snapshot on the data given back is."""
        found = (
            i
            for i, (_, snap) in enumerate(told)
            if snap is not None and snap.epoch > 1000 and snap.data_version == w.document.version
        )
        return next(found, None)

    # waited for in ``told``, not in the controller's latest snapshot: the lambdas above run in the training thread,
    # which emits, and may append a moment after the GUI thread has taken the same snapshot from its queue
    qtbot.waitUntil(lambda: back_at() is not None, timeout=5000)
    back = back_at()
    assert [pace for pace, _ in told[:back] if pace is not None][-1] == left  # the pace it had, not the start
    epochs, elapsed = epochs_in(qtbot, w, 1000)
    assert epochs > 10 * WATCH_START * elapsed  # and the person sees it go on that fast

    w.controls.redo_action.trigger()  # the spiral's network, which had just started: slow again
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.data_version == w.document.version, timeout=5000)
    epochs, elapsed = epochs_in(qtbot, w, 1000)
    w.controls.play_action.trigger()
    assert epochs <= 2 * WATCH_START * elapsed + 10


def test_the_pace_is_remembered(qtbot, make_window):
    w = make_window()
    w.training_panel.set_pace("max")
    w.close()
    w2 = make_window()
    assert w2.training_panel.pace_key() == "max"


def test_a_lesson_sets_its_own_pace(qtbot, make_window):
    w = make_window()
    w.training_panel.set_pace("max")
    with qtbot.waitSignal(w.training_panel.paceChanged, timeout=2000) as blocker:
        w.lesson_actions.open_lesson("perceptron-xor")
    assert blocker.args == ["1"] and w.training_panel.pace_key() == "1"
    w.lesson_actions.open_lesson("logistic-blobs")
    assert w.training_panel.pace_key() == "watch"
