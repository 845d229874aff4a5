"""Every number drawn in one frame is of one snapshot: the toolbar's epoch, the status bar, the plot's score box,
the curves' summary line and the timeline show the same epoch after every draw tick, while training runs."""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtWidgets import QApplication


def epochs_shown(w) -> dict[str, int | None]:
    def first_number(text: str) -> int | None:
        found = re.search(r"\d[\d,]*", text)
        return None if found is None else int(found.group().replace(",", ""))

    score = [line for line in w.boundary_view.score_text().splitlines() if line.startswith("epoch")]
    return {
        "toolbar": first_number(w.controls.epoch_label.text()),
        "status bar": first_number(w.readouts.status_epoch.text()),
        "score box": first_number(score[0]) if score else None,
        "curves": first_number(w.curves_view.summary.text()),
        "timeline": first_number(w.experiments.timeline.label.text()),
    }


def test_every_readout_of_a_frame_shows_the_epoch_of_one_snapshot(make_window, qtbot):
    """Snapshots arrive as fast as training makes them (here: one before every draw tick, as a running model's
    do) and the clock draws them: after every tick, the frame's numbers all read one epoch."""
    w = make_window()
    w.frames.timer.timeout.disconnect(w.frames.tick)  # the test ticks the clock, then looks at the frame
    w.frames._is_running = lambda: True  # the curves and the numbers follow at their running pace
    first = w.controller.latest_snapshot
    frames, mixed = 0, []
    for k in range(1, 121):
        w.controller.snapshotReady.emit(replace(first, epoch=first.epoch + 7 * k))  # as the training thread does
        w.frames.tick()
        QApplication.processEvents()  # the plot's zero-delay redraw, the timeline's timer
        shown = epochs_shown(w)
        if None in shown.values():
            continue  # nothing drawn yet
        frames += 1
        if len(set(shown.values())) > 1:
            mixed.append(shown)
        if k % 10 == 0:
            qtbot.wait(110)  # time passes: the slower readouts catch up
    assert frames >= 60 and shown["toolbar"] >= first.epoch + 7 * 100  # and they follow the present
    assert mixed == [], f"{len(mixed)} of {frames} frames mixed epochs, e.g. {mixed[:3]}"


def test_a_run_named_while_it_trains_leaves_the_timeline_at_the_epoch_of_the_other_readouts(make_window, qtbot):
    """The run's name (in the timeline's list of models) may come while a newer snapshot than the readouts show
    waits for its tick: the timeline keeps the epoch the toolbar, the status bar and the plot show, then follows
    them."""
    w = make_window()
    # settled: the run has its name, the plot its boundary and the numbers are drawn (paused, no more snapshots)
    qtbot.waitUntil(
        lambda: (
            w.experiments.timeline.model_box.currentText().endswith("(main model)")
            and getattr(w.boundary_view.snapshot(), "grid", None) is not None
            and w.boundary_view.score_text() != ""
        ),
        timeout=10000,
    )
    w.frames.timer.timeout.disconnect(w.frames.tick)  # the test ticks the clock, then looks at the frame
    first = w.controller.latest_snapshot

    def draw(epoch: int) -> None:
        for _ in range(60):  # the plot, the curves, the numbers (and other queued redraws): a tick each
            if w.controller.latest_snapshot.epoch != epoch:  # not sent yet, or a late one of the session came after
                w.controller.snapshotReady.emit(replace(first, epoch=epoch))  # as the training thread does
            w.frames.tick()
            QApplication.processEvents()
            if epochs_shown(w)["toolbar"] == epoch:
                return

    draw(first.epoch + 7)
    assert set(epochs_shown(w).values()) == {first.epoch + 7}
    w.controller.snapshotReady.emit(replace(first, epoch=first.epoch + 14))  # not drawn yet
    sid = first.session_id
    info = dict(w.experiments._info)
    info[sid] = replace(info[sid], name="Spirals, wide")
    w.experiments.manager.runInfo.emit(info)  # as the training thread's bridge does
    assert w.experiments.timeline.model_box.currentText() == "Spirals, wide (main model)"
    assert set(epochs_shown(w).values()) == {first.epoch + 7}, epochs_shown(w)
    draw(first.epoch + 21)
    assert set(epochs_shown(w).values()) == {first.epoch + 21}
