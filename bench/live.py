"""Section 5: live training, the real window animating while its worker thread trains.

For N points: the window trains (Play, as fast as possible) for a few seconds
while a 10 ms precise timer in the GUI thread records how late each of its
ticks comes (event-loop lateness: what a click or a key would wait). Measured:
epochs per second live (from the snapshots' epoch counter, wall time), frames
drawn per second (boundary images), and the same session's epochs per second
headless (``TrainingSession.step`` in ~6 ms chunks as the worker runs them,
one BLAS thread, no window), so "live / headless" is what the animation costs
the training. The same again with the window's draw timer stopped (snapshots
still made, not drawn) separates the cost of the training link itself (the
session trains in a child process; the worker thread that forwards its chunks
and snapshots needs the GUI process' interpreter lock for each reply, and
keeps one chunk ahead so that the child trains meanwhile) from that of
drawing. Wall time throughout.
"""

from __future__ import annotations

import statistics
import time

from bench.app import Unavailable, Window, dataset, model_spec, process_for, train_spec
from bench.common import fmt_rate, table

POINTS = (1000, 10_000, 100_000)
TIMER_MS = 10
CHUNK_S = 0.006


def headless_rate(n: int, seconds: float) -> float:
    """Epochs per second (wall) of the session alone, stepped in ~6 ms chunks."""
    from model.training.session import TrainingSession

    session = TrainingSession(dataset(n), model_spec(), train_spec(), seed=0)
    session.step(2)
    chunk, done = 1, 0
    start = time.perf_counter()
    while (now := time.perf_counter()) - start < seconds:
        t0 = now
        session.step(chunk)
        done += chunk
        per_epoch = (time.perf_counter() - t0) / chunk
        chunk = max(1, int(0.5 * chunk + 0.5 * CHUNK_S / per_epoch))
    return done / (time.perf_counter() - start)


def _run_loop(seconds: float, on_tick) -> None:
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    loop = QEventLoop()
    timer = QTimer()
    timer.setTimerType(Qt.PreciseTimer)
    timer.setInterval(TIMER_MS)
    timer.timeout.connect(on_tick)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    timer.start()
    loop.exec()
    timer.stop()


def live_once(window, n: int, seconds: float, drawing: bool = True, training: bool = True) -> dict:
    """Epochs/s, frames/s and event-loop lateness over ``seconds`` of the window training
    (or paused), drawing as usual (or with its draw timer stopped)."""
    w = window.w
    if window.snapshot().data_version != w.document.version or len(w.document.dataset.y) != n:
        window.set_data(dataset(n))
    drawn = [0]
    draw_grid = w.boundary_view._draw_grid

    def counting_draw_grid(*args, **kwargs):
        drawn[0] += 1
        return draw_grid(*args, **kwargs)

    w.boundary_view._draw_grid = counting_draw_grid
    if not drawing:
        w.frames.timer.stop()
    try:
        if training:
            w.controller.play()
        process_for(1.0)  # warm-up: chunk size settles, first frames drawn
        gaps, last = [], [time.perf_counter()]

        def tick():
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        e0, f0, t0 = window.snapshot().epoch, drawn[0], time.perf_counter()
        last[0] = t0
        _run_loop(seconds, tick)
        e1, f1, t1 = window.snapshot().epoch, drawn[0], time.perf_counter()
    finally:
        w.controller.pause()
        process_for(0.2)
        w.boundary_view._draw_grid = draw_grid
        w.frames.timer.start()
    late = sorted(max(0.0, g * 1e3 - TIMER_MS) for g in gaps)
    return {
        "rate": (e1 - e0) / (t1 - t0),
        "fps": (f1 - f0) / (t1 - t0),
        "p99": late[min(len(late) - 1, int(0.99 * len(late)))],
        "max": late[-1],
        "ticks": len(gaps),
    }


def run(trials: int, quick: bool, log=print) -> str:
    title = "### Live training: the real window animating (wall time)"
    seconds = 2.0 if quick else 4.0
    try:
        window = Window()
    except Unavailable as error:
        return f"{title}\n\n{error}: main window not available."
    rows = []
    try:
        idle = live_once(window, POINTS[0], seconds, training=False)
        for n in POINTS:
            before = headless_rate(n, seconds / 2)
            live = live_once(window, n, seconds)
            quiet = live_once(window, n, seconds, drawing=False)
            after = headless_rate(n, seconds / 2)
            headless = statistics.mean([before, after])
            log(
                f"  [live] {n} points: {live['rate']:.0f} epochs/s live, {quiet['rate']:.0f} not "
                f"drawing, {headless:.0f} headless, {live['fps']:.0f} fps, lateness p99 "
                f"{live['p99']:.1f} ms"
            )
            rows.append(
                [
                    f"{n:,}".replace(",", " "),
                    f"{fmt_rate(headless)}/s",
                    f"{fmt_rate(live['rate'])}/s: **{live['rate'] / headless:.0%}**",
                    f"{fmt_rate(quiet['rate'])}/s: {quiet['rate'] / headless:.0%}",
                    f"{live['fps']:.0f}",
                    f"**{live['p99']:.1f}** / {live['max']:.1f}",
                    f"{quiet['p99']:.1f} / {quiet['max']:.1f}",
                ]
            )
    finally:
        window.close()
    return "\n".join(
        [
            title,
            "",
            f'2-16-16-1 tanh, full-batch SGD (lr 0.1), float32, speed "as fast as possible"; '
            f"{seconds:g} s per measurement. Lateness: how late a {TIMER_MS} ms timer in the GUI thread "
            f"fires (what a click or a key would wait); paused and idle it is "
            f"{idle['p99']:.1f} ms (p99) / {idle['max']:.1f} ms (max).",
            "",
            table(
                [
                    "points",
                    "epochs/s headless",
                    "live, drawing: epochs/s, share of headless",
                    "live, draw timer stopped",
                    "frames/s drawn",
                    "lateness p99 / max (ms), drawing",
                    "lateness p99 / max (ms), not drawing",
                ],
                rows,
            ),
        ]
    )
