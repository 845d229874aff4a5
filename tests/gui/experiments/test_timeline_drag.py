"""A drag of the timeline on the digits, as the person does it in lesson 9: the slider asks for a moment at every
value it passes, but only the newest waiting one is computed; moments answered while the handle still moves are
shown on the way; and when the handle stops, the views show exactly the epoch under it."""

from __future__ import annotations

import pytest


@pytest.fixture
def digits_window(make_window, qtbot):
    w = make_window(dataset="digits", seed=0)
    w.controller.step(60)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch == 60, timeout=20000)
    bar = w.experiments.timeline
    qtbot.waitUntil(lambda: bar.slider.maximum() == 60, timeout=5000)
    return w


def _answers(w):
    """The epochs of the moments the training thread computes and sends back from now on (the newest asked for
    or not)."""
    answered = []
    w.compare._bridge.momentReady.connect(lambda snap, _specs, _id: answered.append(snap.epoch))
    return answered


def _shows(w, qtbot, epoch):
    """Wait until the plot, the readouts and the curves show the moment at ``epoch``."""
    qtbot.waitUntil(
        lambda: (
            (moment := w.experiments._moment) is not None
            and moment.epoch == epoch
            and w.boundary_view.snapshot() is moment
            and w.controls.epoch_label.text() == str(epoch)
        ),
        timeout=20000,
    )


def test_a_fast_drag_computes_only_the_newest_moments_and_ends_at_the_handle(digits_window, qtbot):
    w = digits_window
    bar = w.experiments.timeline
    answered = _answers(w)
    for value in range(59, 34, -1):  # 25 slider values, one per mouse move, faster than a moment is computed
        bar.slider.setValue(value)
    assert bar.label.text() == "epoch 35 of 60"
    _shows(w, qtbot, 35)
    qtbot.wait(300)  # anything still on its way
    assert answered[-1] == 35 and w.experiments._moment.epoch == 35
    assert len(answered) <= 3, f"the moments passed over were computed too: {answered}"
    assert "epoch 35 " in w.curves_view.summary.text()


def test_a_slow_drag_shows_the_moments_on_the_way(digits_window, qtbot):
    w = digits_window
    bar = w.experiments.timeline
    answered = _answers(w)
    shown = []
    w.compare.momentReady.connect(lambda snap, _specs: shown.append(snap.epoch))
    for value in (50, 40, 30):  # the handle rests a moment between moves: each is answered while it moves on
        bar.slider.setValue(value)
        qtbot.waitUntil(lambda v=value: bool(shown) and shown[-1] == v, timeout=20000)
    bar.slider.setValue(20)
    _shows(w, qtbot, 20)
    assert shown == [50, 40, 30, 20] and answered == shown
