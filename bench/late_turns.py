"""What kept the GUI thread busy when a timer fired late (a diagnostic, not a benchmark section).

    .venv/bin/python -m bench.late_turns [points] [seconds] [--items]

The real window trains and animates (as in the live section) while a 10 ms precise timer measures its own
lateness. Every event the GUI thread handles is timed (an override of ``QApplication.notify``: slower, so
its figures are for comparison, not for the tables). For each tick later than 4 ms it prints the events
that ran between the moment the tick was due and the moment it fired, with the widgets painted inside them:
the turn of the event loop that made it late. This is how the drawing changes of bench/README.md were found.
Then, for every kind of turn (the event and the widgets it painted), the GUI thread's CPU time: per second,
and the median, p90 and longest turn (CPU time, so that the figures hold on a busy machine).

With ``--items`` the paint of every graphics item class written in Python (pyqtgraph's and the app's) and
pyqtgraph's auto-range before a paint (``ViewBox.prepareForPaint``) are timed too, and the longest turns are
printed with what they spent in each: which item of a long paint to split or cache.
"""

from __future__ import annotations

import collections
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LATE_MS = 4.0
LONGEST_TURNS = 12  # printed with their items' CPU time (--items)


def main(points: int = 10_000, seconds: float = 4.0, items: bool = False) -> None:
    from PySide6.QtCore import QEventLoop, Qt, QThread, QTimer
    from PySide6.QtWidgets import QApplication

    depth, log, painted = [0], [], [[]]
    spent: dict = collections.defaultdict(float)  # item class -> CPU seconds, in the turn under way
    if items:
        _time_item_paints(spent)

    class TimedApplication(QApplication):
        def notify(self, receiver, event):
            if QThread.currentThread() is not self.thread():
                return super().notify(receiver, event)
            top = depth[0] == 0
            if top:
                painted[0] = []
                spent.clear()
            elif event.type() == event.Type.Paint:
                painted[0].append(_widget_name(receiver))
            depth[0] += 1
            start, cpu = time.perf_counter(), time.thread_time()
            try:
                return super().notify(receiver, event)
            finally:
                depth[0] -= 1
                if top:
                    name = f"{type(receiver).__name__}.{event.type().name}"
                    if event.type() == event.Type.Timer:
                        name = f"timer {receiver.objectName() or type(receiver).__name__}"
                    cpu = time.thread_time() - cpu
                    log.append((start, time.perf_counter(), name, tuple(painted[0]), cpu, dict(spent)))

    app = TimedApplication(["late_turns"])  # before the window: bench.app.Window uses the running one
    from bench.app import Window, dataset, process_for

    window = Window()
    w = window.w
    w.frames.timer.setObjectName("FrameClock.tick")
    w.boundary_view._draw_timer.setObjectName("BoundaryView.flush")
    window.set_data(dataset(points))
    late = []
    try:
        w.controller.play()
        process_for(1.0)
        log.clear()
        loop, timer = QEventLoop(), QTimer()
        timer.setObjectName("measure")
        timer.setTimerType(Qt.PreciseTimer)
        timer.setInterval(10)
        last = [time.perf_counter()]

        def tick():
            now = time.perf_counter()
            late.append((now, (now - last[0]) * 1e3 - 10.0))
            last[0] = now

        timer.timeout.connect(tick)
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        timer.start()
        loop.exec()
        timer.stop()
    finally:
        w.controller.pause()
        process_for(0.2)
        window.close()
    app.processEvents()
    ms = sorted(lateness for _, lateness in late)
    print(
        f"{points} points, {len(ms)} ticks: lateness p99 {ms[int(0.99 * len(ms))]:.1f} ms, max {ms[-1]:.1f} ms "
        f"(with every event timed)"
    )
    for now, lateness in late:
        if lateness <= LATE_MS:
            continue
        due = now - lateness / 1e3
        parts = []
        for start, end, name, inside, *_ in log:
            overlap = (min(end, now) - max(start, due)) * 1e3
            if overlap > 0.3 and name != "timer measure":
                parts.append(f"{name}{' ' + '/'.join(inside) if inside else ''} {overlap:.1f}")
        print(f"  {lateness:5.1f} ms late: " + "; ".join(parts))
    _print_turn_kinds(log, seconds)
    if items:
        _print_longest_turns(log)


def _time_item_paints(spent) -> None:
    """Wraps the ``paint`` of every graphics item class defined in Python, and ``ViewBox.prepareForPaint``, so
    that each adds its CPU time to ``spent`` under its class' name (the outermost call only: an override that
    calls its base's paint is counted once)."""
    import functools

    import pyqtgraph as pg
    from PySide6.QtWidgets import QGraphicsItem

    import gui.main_window  # noqa: F401 - the app's item classes exist once their modules are imported

    inside = [0]

    def timed(label, method):
        @functools.wraps(method)
        def wrapper(*args, **kwargs):
            if inside[0]:
                return method(*args, **kwargs)
            inside[0] += 1
            cpu = time.thread_time()
            try:
                return method(*args, **kwargs)
            finally:
                inside[0] -= 1
                spent[label] += time.thread_time() - cpu

        return wrapper

    todo, seen = [QGraphicsItem], set()
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
                if "paint" in sub.__dict__ and not sub.__module__.startswith("PySide6"):
                    sub.paint = timed(f"{sub.__name__}.paint", sub.__dict__["paint"])
    pg.ViewBox.prepareForPaint = timed("ViewBox.prepareForPaint", pg.ViewBox.prepareForPaint)


def _print_longest_turns(log) -> None:
    """The turns that took the most CPU, with the items timed inside them."""
    print(f"The {LONGEST_TURNS} longest turns (GUI thread's CPU) and the items timed in them (ms):")
    for _, _, name, inside, cpu, items in sorted(log, key=lambda entry: -entry[4])[:LONGEST_TURNS]:
        parts = ", ".join(f"{label} {ms * 1e3:.1f}" for label, ms in sorted(items.items(), key=lambda i: -i[1]))
        print(f"  {cpu * 1e3:5.2f} ms  {name}{' (painting ' + '/'.join(sorted(set(inside))) + ')' if inside else ''}")
        if parts:
            print(f"           {parts}")


def _widget_name(widget) -> str:
    """A widget's class; a bare QWidget (a graphics view's viewport) named after its parent's."""
    name = type(widget).__name__
    parent = widget.parent() if name == "QWidget" else None
    return f"{name} of {type(parent).__name__}" if parent is not None else name


def _print_turn_kinds(log, seconds: float) -> None:
    """The GUI thread's CPU time by kind of turn, the costliest first."""
    kinds = collections.defaultdict(list)
    for _, _, name, inside, cpu, _ in log:
        if name != "timer measure":
            kinds[(name, ", ".join(sorted(set(inside))))].append(cpu * 1e3)
    print(f"GUI thread's CPU time by kind of turn ({sum(map(sum, kinds.values())) / seconds:.0f} ms a second in all):")
    for (name, painted), ms in sorted(kinds.items(), key=lambda kind: -sum(kind[1]))[:12]:
        ms.sort()
        print(
            f"  {sum(ms) / seconds:5.1f} ms/s  {len(ms):4d} turns  median {statistics.median(ms):5.2f}  "
            f"p90 {ms[int(0.9 * len(ms))]:5.2f}  longest {ms[-1]:5.2f} ms  {name}"
            + (f" (painting {painted[:100]})" if painted else "")
        )


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(*(int(a) if i == 0 else float(a) for i, a in enumerate(numbers[:2])), items="--items" in sys.argv)
