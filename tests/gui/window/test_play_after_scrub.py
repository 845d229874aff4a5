"""Play while the timeline shows a past moment: training goes on from the present (the timeline goes live), and
no frame drawn after Play shows the moment's numbers again."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def _ticks(w, n: int) -> None:
    for _ in range(n):
        w.frames.tick()
        QApplication.processEvents()


def test_the_first_readouts_after_play_are_the_presents_not_the_scrubbed_moments(make_window, qtbot):
    """Scrubbed back to epoch 20 of 120, the plot draws the moment and its curves and numbers are due on the
    coming ticks when Play is pressed (a quick person, or a busy machine). Every number drawn after Play is of
    epoch 120 or later: the moment's frame, still due, is not drawn over the present."""
    w = make_window(dataset="moons", seed=0)
    w.frames.timer.timeout.disconnect(w.frames.tick)  # the test ticks the clock, then looks at the frame
    w.controller.step(120)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch == 120, timeout=10000)
    _ticks(w, 10)
    assert w.controls.epoch_label.text() == "120"

    w.experiments.timeline.scrub_to(20)
    qtbot.waitUntil(lambda: w.experiments._moment is not None and w.experiments._moment.epoch == 20, timeout=10000)
    _ticks(w, 1)  # the plot shows epoch 20; its curves and numbers are to follow
    assert w.boundary_view.snapshot() is w.experiments._moment

    drawn: list[tuple[str, str, str]] = []
    w.frames.add_readout(
        lambda snap: drawn.append(
            (w.controls.epoch_label.text(), w.readouts.status_epoch.text(), w.readouts.status_loss.text())
        )
    )
    w.controls.play_action.trigger()
    qtbot.waitUntil(lambda: w.controller.running, timeout=5000)

    def two_frames_of_numbers() -> bool:  # while running, the numbers follow ~10 times a second
        _ticks(w, 3)
        return len(drawn) >= 2

    qtbot.waitUntil(two_frames_of_numbers, timeout=5000)
    w.controls.play_action.trigger()
    qtbot.waitUntil(lambda: not w.controller.running, timeout=5000)
    assert drawn, "no readouts drawn after Play"
    epochs = [int(toolbar.replace(",", "")) for toolbar, _, _ in drawn]
    assert min(epochs) >= 120, f"drawn after Play: {drawn[:3]}"
    assert not w.experiments.timeline.scrubbing
