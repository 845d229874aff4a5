"""Section 4: drawing, milliseconds per frame of the real main window (offscreen Qt).

A frame is what the window does with a new snapshot, painted: the plot tick
(``FrameClock.tick`` hands the snapshot to the boundary view, which draws the
boundary image, the contour and the misclassified rings), the curves tick (the
loss and accuracy curves) and the readouts (epoch, loss, accuracy in the toolbar
and the status bar), each followed by a synchronous repaint of what it changed.
The window does the three on separate timer ticks; a "full frame" is all three. Snapshots are made
beforehand by a session trained for 10 000 epochs on 1 000 points (so the curves hold 10 000 epochs), then moved to
the data shown, one epoch apart from each other, with the boundary grid the
view asks for. Wall time (this is what the person waits for).
"""

from __future__ import annotations

import statistics
import time

from bench.app import Unavailable, Window, dataset, model_spec, process_for, train_spec
from bench.common import table

POINTS = (1000, 10_000, 100_000)
CURVE_EPOCHS = 10_000


def _snapshots(window, version, ds, session, count):
    bounds, size = window.w.boundary_view.grid_request()
    session.set_dataset(ds, version)
    snaps = []
    for _ in range(count):
        session.step(1)
        snaps.append(session.snapshot(bounds, size))
    return snaps, size


def _frame(window, snap):
    """(plot update, plot paint, curves tick) in ms for one snapshot, as the window's two draw
    ticks do it, each view painted at once."""
    w = window.w
    t0 = time.perf_counter()
    w.frames.take(snap)
    w.frames.tick()  # plot tick: the boundary view gets the snapshot
    w.boundary_view.flush()  # the view draws it (its zero-delay timer would, next turn)
    t1 = time.perf_counter()
    w.boundary_view.viewport().repaint()
    t2 = time.perf_counter()
    w.frames.tick()  # curves tick
    w.curves_view.repaint()
    w.frames.draw_readouts()  # readouts (a tick of their own in the window)
    for bar in (w.statusBar(), w.controls.toolbar):
        bar.repaint()
    t3 = time.perf_counter()
    return (t1 - t0) * 1e3, (t2 - t1) * 1e3, (t3 - t2) * 1e3


def run(trials: int, quick: bool, log=print) -> str:
    title = "### Drawing: the real main window, offscreen (wall time)"
    try:
        window = Window()
    except Unavailable as error:
        return f"{title}\n\n{error}: main window not available."
    try:
        from model.training.session import TrainingSession

        window.w.controller.pause()
        session = TrainingSession(dataset(1000), model_spec(), train_spec(), seed=0)
        session.step(CURVE_EPOCHS if not quick else CURVE_EPOCHS // 5)
        frames = 8 if quick else 25
        rows = []
        for n in POINTS:
            version = window.set_data(dataset(n))
            process_for(0.3)
            snaps, size = _snapshots(window, version, dataset(n), session, frames + 2)
            for snap in snaps[:2]:  # warm-up: first image, first curves, caches
                _frame(window, snap)
            update, paint, curves = zip(*(_frame(window, snap) for snap in snaps[2:]))
            full = [u + p + c for u, p, c in zip(update, paint, curves)]
            log(f"  [drawing] {n} points: full frame {statistics.median(full):.1f} ms")
            rows.append(
                [f"{n:,}".replace(",", " "), f"{size}²", _cell(update), _cell(paint), _cell(curves), _cell(full)]
            )
        epochs = session.epoch
    finally:
        window.close()
    return "\n".join(
        [
            title,
            "",
            f"Milliseconds per frame, median (min–max) of {frames} frames; the curves hold "
            f"{epochs:,} epochs; the boundary grid is the size the view requests at 1280×820.",
            "",
            table(
                [
                    "points",
                    "grid",
                    "plot tick: update (image, contour, rings)",
                    "plot tick: paint",
                    "curves and readouts (update + paint)",
                    "full frame",
                ],
                rows,
            ),
        ]
    )


def _cell(values) -> str:
    return f"**{statistics.median(values):.1f}** ({min(values):.1f}–{max(values):.1f})"
