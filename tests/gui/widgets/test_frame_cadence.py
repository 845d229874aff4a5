"""How often things are drawn: the main window's draw ticks draw one thing each (DrawQueue), so no turn of
the event loop paints the plot together with an inspector or the rings of a large dataset; the timeline
follows the present at a reading rate, not at the snapshots' rate."""

from __future__ import annotations

import time

from gui.widgets.draw_queue import DrawQueue
from tests.gui.plot.plot_helpers import snap


def test_jobs_run_once_in_the_order_they_became_due():
    q = DrawQueue()
    ran = []
    now = time.perf_counter()
    q.want("late", lambda: ran.append("late"), now + 10.0)
    q.want("b", lambda: ran.append("b"), now - 1.0)
    q.want("a", lambda: ran.append("a"), now - 2.0)
    q.want("a", lambda: ran.append("a again"), now - 0.5)  # asked again: still one job, at the earlier time
    assert len(q) == 3 and q.pending("a")
    while (job := q.take(now)) is not None:
        job()
    assert ran == ["a again", "b"] and q.pending("late") and not q.pending("a")
    q.forget("late")
    assert q.take(now + 20.0) is None and len(q) == 0


def test_window_draws_one_thing_per_tick_and_the_inspectors_still_follow(make_window, qtbot):
    w = make_window()
    diagram = w.inside_views.diagram
    w.inside_views.docks["diagram"].raise_()
    qtbot.waitUntil(diagram.isVisible, timeout=3000)
    ticks, current = [], []
    plot_show, diagram_flush, curves_show = w.boundary_view.show_snapshot, diagram.flush, w.curves_view.show_snapshot

    def record(name, f):
        def wrapped(*a, **k):
            current.append(name)
            return f(*a, **k)

        return wrapped

    w.boundary_view.show_snapshot = record("plot", plot_show)
    diagram.flush = record("diagram", diagram_flush)
    w.curves_view.show_snapshot = record("curves", curves_show)
    draw = w.frames.tick

    def tick():
        current.clear()
        draw()
        ticks.append(tuple(current))

    w.frames.timer.timeout.disconnect(w.frames.tick)
    w.frames.timer.timeout.connect(tick)
    w.controller.play()
    try:
        qtbot.waitUntil(
            lambda: sum("diagram" in t for t in ticks) >= 5 and sum("plot" in t for t in ticks) >= 20, timeout=20000
        )
    finally:
        w.controller.pause()
    assert all(len(t) <= 1 for t in ticks), [t for t in ticks if len(t) > 1]
    # paused: the last snapshot is drawn by the diagram too, on a tick of its own
    qtbot.waitUntil(lambda: diagram.snapshot is w.controller.latest_snapshot and not diagram._dirty, timeout=5000)


def test_timeline_follows_the_present_ten_times_a_second_and_scrubs_by_what_it_shows(qtbot):
    from gui.experiments.timeline_bar import SYNC_INTERVAL_S, TimelineBar

    bar = TimelineBar()
    qtbot.addWidget(bar)
    bar.set_models([(7, "Main model")])
    ranges = []
    set_range = bar.slider.setRange
    bar.slider.setRange = lambda lo, hi: (ranges.append(hi), set_range(lo, hi))
    start = time.perf_counter()
    for epoch in range(1, 301):  # 300 snapshots in a burst (well under SYNC_INTERVAL_S)
        bar.set_live_epoch(7, epoch)
    burst = time.perf_counter() - start
    assert len(ranges) <= 1 + int(burst / SYNC_INTERVAL_S) + 1  # the first at once, then at most one per interval
    qtbot.waitUntil(lambda: bar.slider.maximum() == 300 and bar.label.text() == "epoch 300 (live)", timeout=2000)
    for epoch in range(301, 311):
        bar.set_live_epoch(7, epoch)
    moments = []
    bar.momentRequested.connect(lambda sid, epoch: moments.append(epoch))
    bar.scrub_to(150)  # lagging or not, the slider is brought to the present first: epoch 150 exactly
    assert bar.slider.maximum() == 310 and moments == [150]


def test_a_frame_of_the_plot_does_not_draw_its_axes_again(qtbot, monkeypatch):
    import numpy as np
    import pyqtgraph as pg

    from gui.plot.boundary_view import BoundaryView

    painted = []
    paint = pg.AxisItem.paint

    def counting(self, *a):
        painted.append(self.orientation)
        return paint(self, *a)

    monkeypatch.setattr(pg.AxisItem, "paint", counting)  # before the view exists: PySide binds it then
    view = BoundaryView()
    qtbot.addWidget(view)
    view.resize(500, 500)
    view.show()
    qtbot.waitExposed(view)
    view.grab()
    assert {"left", "bottom"} <= set(painted)
    painted.clear()
    grid = np.linspace(0, 1, 100 * 100, dtype=np.float32).reshape(100, 100)
    for k in range(5):  # five frames of a changing boundary
        view.show_snapshot(
            snap(epoch=k, test_loss=0.3, test_score=0.9, grid=(grid + k / 10) % 1, grid_bounds=(-6, 6, -6, 6))
        )
        view.flush()
        view.grab()  # the whole view painted, as a repaint of the window paints it
    assert painted == []  # the boundary image changed five times; the axes came from their pixmaps
    view.vb.translateBy(x=1.0)  # the view moved: the axes are drawn again
    qtbot.waitUntil(lambda: "bottom" in painted, timeout=2000)


def test_a_failing_queued_redraw_is_logged_and_the_window_draws_on(make_window, qtbot, caplog):
    w = make_window()
    ran = []

    def broken():
        raise RuntimeError("a view that cannot draw")

    w.draw_queue.want("broken", broken)
    w.draw_queue.want("after", lambda: ran.append(True), time.perf_counter() + 0.05)
    qtbot.waitUntil(lambda: bool(ran), timeout=3000)
    assert "a queued redraw failed" in caplog.text and "a view that cannot draw" in caplog.text
