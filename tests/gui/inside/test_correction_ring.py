"""A perceptron played at Watch: while its first epoch unfolds correction by correction, the plot rings the
training point whose mistake made the line's latest move (the lesson's orange ring of a misclassified sample); at a
fixed pace, after a Reset and at a moment of the timeline there is no ring."""

from __future__ import annotations

import itertools

import numpy as np
from PySide6.QtCore import QObject, Signal

from gui.inside.sample_ring import RING_SIZE, ring_pen
from gui.panels.data_commands import DataDocument
from gui.training.training_controller import TrainingController
from gui.widgets import theme
from model.data.generators import make
from model.nn.perceptron_rule import encode_sign_targets
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.gui.inside.standalone import inside_views_alone

GRID = ((-3.0, 3.0, -3.0, 3.0), 40)


class Controller(QObject):
    """The signals the inside views take from the training thread, emitted by the test."""

    snapshotReady = Signal(object)
    pointStepped = Signal(object)
    perceptronUpdated = Signal(object)
    latest_snapshot = None


def _ringed(inside):
    """The plot position of the correction's ring, None when there is none."""
    ring = inside.correction_ring.item
    if not ring.isVisible():
        return None
    xs, ys = ring.getData()
    assert len(xs) == 1
    return float(xs[0]), float(ys[0])


def _wrong(params: np.ndarray, x: np.ndarray, t: np.ndarray) -> bool:
    """Whether the perceptron of ``params`` (W then b, flat) gets x wrong on some output (targets ±1 ``t``)."""
    d, k = x.shape[0], t.shape[0]
    W, b = params[: d * k].reshape(d, k), params[d * k :]
    return bool(np.any(t * (x @ W + b) <= 0))


def test_at_watch_the_plot_rings_the_point_each_correction_moved_the_line_for_and_not_at_a_fixed_pace(qtbot):
    data = make("blobs", n_samples=200, noise=0.1, seed=0, n_classes=3)
    document = DataDocument(data)
    X = data.train_X.astype(np.float32)
    T = encode_sign_targets(data.train_y, 3).astype(np.float32)
    c = TrainingController(data, ModelSpec(kind="perceptron"), TrainSpec(learning_rate=1.0), seed=0)
    inside, window, _plot, _features = inside_views_alone(qtbot, c, document)
    seen = []  # (snapshot, the ring's position once the views took it)
    c.snapshotReady.connect(lambda snap: seen.append((snap, _ringed(inside))))  # after the views' own slot
    try:
        qtbot.waitUntil(lambda: c.latest_snapshot is not None, timeout=20000)
        c.set_grid_request(GRID)
        c.set_pace("watch")
        c.play()
        qtbot.waitUntil(lambda: bool(seen) and seen[-1][0].epoch >= 1, timeout=20000)
        c.pause()
        qtbot.waitUntil(lambda: not c.running, timeout=3000)

        moves = 0
        for (before, _), (snap, ringed) in itertools.pairwise(seen):
            if snap.epoch != 0 or np.array_equal(snap.params, before.params):
                continue
            moves += 1
            i = snap.last_corrected
            assert i is not None and ringed == (float(data.train_X[i, 0]), float(data.train_X[i, 1]))
            assert _wrong(before.params, X[i], T[i])  # the line before this move got the ringed point wrong
        assert moves >= 5, f"{moves} moves of the line within the first epoch"
        ring = inside.correction_ring.item
        assert ring.opts["size"] == RING_SIZE and ring.opts["pen"] == ring_pen(True, theme.current())  # the lesson's

        del seen[:]
        c.set_pace("10")  # whole epochs: no one correction is what moved the line
        c.play()
        qtbot.waitUntil(lambda: len(seen) >= 3, timeout=10000)
        c.pause()
        qtbot.waitUntil(lambda: not c.running, timeout=3000)
        assert all(snap.epoch_progress is None and ringed is None for snap, ringed in seen)
    finally:
        assert c.shutdown()
    window.close()


def test_a_reset_and_a_moment_of_the_timeline_take_the_ring_away(qtbot):
    data = make("blobs", n_samples=200, noise=0.1, seed=0, n_classes=3)
    document = DataDocument(data)
    session = TrainingSession(data, ModelSpec(kind="perceptron"), TrainSpec(learning_rate=1.0), seed=0)
    controller = Controller()
    inside, window, _plot, _features = inside_views_alone(qtbot, controller, document)
    session.step(1)
    moment = session.training_state()  # a whole epoch the timeline keeps
    session.step(1, 2)  # Watch's start: two corrections into the second epoch
    controller.snapshotReady.emit(session.snapshot())
    assert _ringed(inside) is not None
    viewer = TrainingSession(data, ModelSpec(kind="perceptron"), TrainSpec(learning_rate=1.0), seed=0)
    viewer.restore_training_state(moment)
    inside.show_snapshot(viewer.snapshot())  # scrubbed back (paused) to the end of the first epoch
    assert _ringed(inside) is None
    inside.show_snapshot(session.snapshot())  # back to the present
    assert _ringed(inside) is not None
    session.reset()
    controller.snapshotReady.emit(session.snapshot())
    assert _ringed(inside) is None
    window.close()
