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

Two pieces are also timed alone (they were timed asserts in the tests once; the tests now check what they draw):
the loss and accuracy curves holding 100 000 raw epochs (a ``CurvesView`` of 800×300, the run growing by 1 000
epochs a frame; target ≤ 100 ms a frame) and the boundary's colour images of a 200² grid (``binary_image`` and
``multiclass_image`` of three classes; target ≤ 2 ms each).
"""

from __future__ import annotations

import statistics
import time
import types

import numpy as np

from bench.app import Unavailable, Window, dataset, model_spec, process_for, train_spec
from bench.common import table

POINTS = (1000, 10_000, 100_000)
CURVE_EPOCHS = 10_000
LONG_RUN_EPOCHS = 100_000  # the curves timed alone
LONG_RUN_TARGET_MS = 100.0
COLOUR_GRID = 200  # the colour images timed alone
COLOUR_IMAGE_TARGET_MS = 2.0


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
        pieces = [
            _piece_row(
                f"loss and accuracy curves, {LONG_RUN_EPOCHS:_} epochs".replace("_", " "),
                _long_run_frames(frames),
                LONG_RUN_TARGET_MS,
            )
        ]
        for name, times in _colour_images(frames * 2).items():
            pieces.append(_piece_row(f"`{name}`, {COLOUR_GRID}² grid", times, COLOUR_IMAGE_TARGET_MS))
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
            "",
            f"Pieces alone, milliseconds, median (min–max) of {frames} frames (the images: {frames * 2} calls):",
            "",
            table(["piece", "ms", "target"], pieces),
        ]
    )


def _long_run_frames(frames: int) -> list[float]:
    """ms per frame of a ``CurvesView`` (800×300, linear epoch axis) handed a run of 100 000 epochs that grows by
    1 000 epochs a frame, and painted."""
    from gui.plot.curves_view import CurvesView

    view = CurvesView()
    view.resize(800, 300)
    view.set_log_epochs(False)
    view.show()
    process_for(0.2)
    curves = _falling_curves(LONG_RUN_EPOCHS + 1000 * frames)
    times = []
    try:
        for k in range(-1, frames):  # the first frame (k = -1) draws the run's 100 000 epochs afresh: a warm-up
            n = LONG_RUN_EPOCHS + 1000 * (k + 1)
            snap = _curves_snapshot({key: values[:n] for key, values in curves.items()})
            t0 = time.perf_counter()
            view.show_snapshot(snap)
            view.grab()
            if k >= 0:
                times.append((time.perf_counter() - t0) * 1e3)
    finally:
        view.close()
    return times


def _falling_curves(n: int) -> dict[str, np.ndarray]:
    """A run's curves of n epochs: losses falling like a network's with some noise, scores rising."""
    epoch = np.arange(1, n + 1, dtype=np.float64)
    train_loss = 0.65 * np.exp(-epoch / (n / 8)) + 0.04 + 0.004 * np.random.default_rng(0).random(n)
    score = 1 - 0.5 * np.exp(-epoch / (n / 10))
    return dict(
        epoch=epoch,
        train_loss=train_loss,
        test_loss=train_loss * 1.15 + 0.02,
        train_score=score,
        test_score=score - 0.02,
    )


def _curves_snapshot(curves: dict[str, np.ndarray]) -> types.SimpleNamespace:
    """What ``CurvesView.show_snapshot`` reads of a snapshot."""
    last = {key: float(values[-1]) for key, values in curves.items()}
    return types.SimpleNamespace(
        curves=curves, task="classification", epoch=int(last.pop("epoch")), session_id=0, **last
    )


def _colour_images(calls: int) -> dict[str, list[float]]:
    """ms per call of the boundary's colour images of a 200² grid, two classes and three."""
    from gui.widgets import colors

    rng = np.random.default_rng(0)
    p = rng.random((COLOUR_GRID, COLOUR_GRID)).astype(np.float32)
    probabilities = rng.dirichlet([1, 1, 1], size=(COLOUR_GRID, COLOUR_GRID)).astype(np.float32)
    times: dict[str, list[float]] = {}
    for f, grid in ((colors.binary_image, p), (colors.multiclass_image, probabilities)):
        f(grid)  # warm-up: the colour table is made once
        times[f.__name__] = []
        for _ in range(calls):
            t0 = time.perf_counter()
            f(grid)
            times[f.__name__].append((time.perf_counter() - t0) * 1e3)
    return times


def _piece_row(name: str, times: list[float], target_ms: float) -> list[str]:
    met = "✅" if statistics.median(times) <= target_ms else "❌"
    return [name, _cell_fine(times), f"{met} ≤ {target_ms:g} ms"]


def _cell_fine(values) -> str:
    return f"**{statistics.median(values):.2f}** ({min(values):.2f}–{max(values):.2f})"


def _cell(values) -> str:
    return f"**{statistics.median(values):.1f}** ({min(values):.1f}–{max(values):.1f})"
