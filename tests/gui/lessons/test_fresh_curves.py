"""After another lesson or other data the empty loss curves start afresh: their axes are those of a window that has
not trained yet (epochs and loss 0 to 1), not the last run's hundreds of epochs and its loss range, until the new
run's first epochs arrive."""

from __future__ import annotations

FRESH = 1.5  # the most an empty chart's epoch or loss axis may reach (a new window's: 0 to 1)


def trained(qtbot, w, epochs: int) -> None:
    start = w.controller.latest_snapshot.epoch
    w.controller.step(epochs)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch >= start + epochs, timeout=20000)
    qtbot.waitUntil(lambda: w.curves_view.loss_plot.vb.viewRange()[0][1] > 2 * FRESH, timeout=5000)


def check_fresh(qtbot, w, after: str) -> None:
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch == 0, timeout=10000)
    qtbot.wait(400)  # the curves draw the new run's first snapshot
    (_, x1), (_, y1) = w.curves_view.loss_plot.vb.viewRange()
    assert x1 <= FRESH and y1 <= FRESH, (
        f"after {after} the empty loss chart still spans epochs to {x1:.0f}, loss {y1:g}"
    )
    (_, sx1), _ = w.curves_view.score_plot.vb.viewRange()
    assert sx1 <= FRESH, f"after {after} the empty score chart still spans epochs to {sx1:.0f}"


def test_the_curves_start_afresh_after_another_lesson_and_other_data(make_window, qtbot):
    w = make_window(size=(1024, 700))
    w.lesson_actions.open_lesson("regression")
    trained(qtbot, w, 200)
    w.lesson_actions.open_lesson("logistic-blobs")
    check_fresh(qtbot, w, "the next lesson")
    trained(qtbot, w, 100)
    x1 = w.curves_view.loss_plot.vb.viewRange()[0][1]
    assert x1 >= 100, f"the new run's 100 epochs are drawn on an axis to {x1:.0f}"
    w.lesson_actions.leave_lesson()
    panel = w.data_panel
    panel.generator.setCurrentIndex(panel.generator.findData("sine"))
    panel.generator.activated.emit(panel.generator.currentIndex())  # picked in the list: generated at once
    check_fresh(qtbot, w, "other data (a regression: the network starts afresh)")
