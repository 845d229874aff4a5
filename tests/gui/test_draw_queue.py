"""DrawQueue and the main window's draw ticks: one thing drawn per tick, so no turn of the event loop paints
the plot together with an inspector or the rings of a large dataset."""
from __future__ import annotations

import time

from gui.draw_queue import DrawQueue


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
    draw = w._draw

    def tick():
        current.clear()
        draw()
        ticks.append(tuple(current))

    w._draw_timer.timeout.disconnect(w._draw)
    w._draw_timer.timeout.connect(tick)
    w.controller.play()
    try:
        qtbot.waitUntil(lambda: sum("diagram" in t for t in ticks) >= 5 and sum("plot" in t for t in ticks) >= 20,
                        timeout=20000)
    finally:
        w.controller.pause()
    assert all(len(t) <= 1 for t in ticks), [t for t in ticks if len(t) > 1]
    # paused: the last snapshot is drawn by the diagram too, on a tick of its own
    qtbot.waitUntil(lambda: diagram.snapshot is w.controller.latest_snapshot and not diagram._dirty, timeout=5000)
