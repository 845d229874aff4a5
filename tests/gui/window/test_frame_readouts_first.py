"""The numbers of the frame shown follow it on the very next ticks: after a new snapshot's plot, the curves, then
the readouts (epoch, scores), before any inspector's redraw waiting in the queue. Behind the inspectors' redraws,
each on a tick of its own at a slowed pace, the restored run's trained boundary stood for seconds under "epoch 0"
and the untrained scores."""

from __future__ import annotations

import time
from types import SimpleNamespace

from gui.widgets.draw_queue import DrawQueue
from gui.window.frame_clock import FrameClock


class _Drawn:
    """A plot, curves and readouts that note what they draw, in order, in ``drawn``."""

    def __init__(self, drawn: list, name: str):
        self._drawn, self._name = drawn, name

    def show_snapshot(self, snap) -> None:
        self._drawn.append((self._name, snap.epoch))

    def show_score(self, snap) -> None:
        self._drawn.append(("score", snap.epoch))

    def show_summary(self, snap) -> None:
        self._drawn.append(("summary", snap.epoch))


def test_the_readouts_of_a_frame_come_before_the_inspectors_redraws(qtbot):
    drawn: list = []
    queue = DrawQueue()
    clock = FrameClock(
        _Drawn(drawn, "plot"),
        _Drawn(drawn, "curves"),
        queue,
        lambda snap: drawn.append(("epoch", snap.epoch)),
        lambda: 1,
        lambda: False,  # paused: a restored run waits for Play
    )
    clock.take(SimpleNamespace(epoch=1000, data_version=1))
    now = time.perf_counter()
    for view in ("diagram", "probe", "hidden space"):  # their redraws, asked for when the snapshot came
        queue.want(view, lambda view=view: drawn.append((view, 1000)), now - 1.0)
    for _ in range(3):
        clock.tick()
    assert drawn == [("plot", 1000), ("curves", 1000), ("score", 1000), ("summary", 1000), ("epoch", 1000)]
    for _ in range(3):
        clock.tick()
    assert [name for name, _ in drawn[5:]] == ["diagram", "probe", "hidden space"]  # they still follow
