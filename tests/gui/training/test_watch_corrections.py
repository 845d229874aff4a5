"""A perceptron played at Watch: the plot gets its first epoch correction by correction, and what it learns is what
it learns unpaced."""

from __future__ import annotations

import itertools

import numpy as np

from gui.training.training_controller import TrainingController
from model.data.generators import make
from model.nn.perceptron_rule import encode_sign_targets
from model.training.contract import ResumedRun
from model.training.pace import WATCH_START, PaceReached
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

GRID = ((-3.0, 3.0, -3.0, 3.0), 40)


def one_correction(before: np.ndarray, after: np.ndarray, X: np.ndarray, T: np.ndarray, rate: float) -> bool:
    """Whether ``after`` is ``before`` moved by the rule on one training sample it got wrong (W then b, flat)."""
    d, k = X.shape[1], T.shape[1]
    W, b = before[: d * k].reshape(d, k), before[d * k :]
    for x, t in zip(X, T):
        wrong = t * (x @ W + b) <= 0
        if wrong.any():
            step = rate * t * wrong
            moved = np.concatenate([(W + np.outer(x, step)).ravel(), b + step])
            if np.allclose(moved, after, rtol=0, atol=1e-5):
                return True
    return False


def test_a_perceptron_at_watch_shows_its_first_epoch_correction_by_correction(qtbot):
    data = make("blobs", n_samples=200, noise=0.1, seed=0, n_classes=3)  # ~10 corrections in its first epoch
    model, train = ModelSpec(kind="perceptron"), TrainSpec(learning_rate=1.0)
    c = TrainingController(data, model, train, seed=0)
    snaps = []
    c.snapshotReady.connect(snaps.append)
    try:
        qtbot.waitUntil(lambda: c.latest_snapshot is not None, timeout=20000)
        c.set_grid_request(GRID)
        c.set_pace("watch")
        c.play()

        def within_first_epoch():
            return [s for s in snaps if s.epoch == 0 and s.epoch_progress is not None]

        def shown():
            """The weights the plot showed within the first epoch, each different from the one before."""
            kept = []
            for s in within_first_epoch():
                if not kept or not np.array_equal(s.params, kept[-1]):
                    kept.append(s.params)
            return kept

        qtbot.waitUntil(lambda: len(shown()) >= 5 or (bool(snaps) and snaps[-1].epoch >= 1), timeout=15000)
        c.pause()
        qtbot.waitUntil(lambda: not c.running, timeout=3000)

        within = within_first_epoch()
        assert len(shown()) >= 5, f"{len(shown())} boundaries within the first epoch"
        shown_params = shown()
        grids = {s.grid.tobytes() for s in within if s.grid is not None}
        assert len(grids) >= 4  # the boundary drawn moves, not only the numbers
        X = data.train_X.astype(np.float32)
        T = encode_sign_targets(data.train_y, 3).astype(np.float32)
        assert all(one_correction(a, b, X, T, 1.0) for a, b in itertools.pairwise(shown_params))
        done, of = within[-1].epoch_progress
        assert 0 < done < of == data.n_train
        assert len(snaps[0].curves.get("epoch", [])) == len(within[-1].curves.get("epoch", [])) == 0  # no epoch yet

        # paused anywhere (perhaps within an epoch): Step ends that epoch, and the weights are those of as many
        # epochs trained at once
        with qtbot.waitSignal(c.snapshotReady, timeout=5000):
            c.step(1)
        last = c.latest_snapshot
        assert last.epoch_progress is None
        unpaced = TrainingSession(data, model, train, seed=0)
        unpaced.step(last.epoch)
        np.testing.assert_array_equal(last.params, unpaced.network.params)
    finally:
        assert c.shutdown()


def _moves_within_epochs_at_watch(qtbot, pace: PaceReached | None) -> list:
    """The snapshots within an epoch, each after a move of the line, of a perceptron on XOR (its rule never settles
    there) that goes on at Watch from its first epoch, at ``pace`` (None: Watch from its start)."""
    data = make("xor", n_samples=200, noise=0.1, seed=0)
    session = TrainingSession(data, ModelSpec(kind="perceptron"), TrainSpec(learning_rate=1.0), seed=0)
    session.step(1)
    c = TrainingController(data, ModelSpec(kind="perceptron"), TrainSpec(learning_rate=1.0), seed=0)
    snaps = []
    try:
        qtbot.waitUntil(lambda: c.latest_snapshot is not None, timeout=20000)
        c.set_pace("watch")
        c.replace_session(session, 1, ResumedRun(1, "run 1", epoch=1, wall_time=0.05), pace=pace)
        qtbot.waitUntil(lambda: c.latest_snapshot.epoch == 1, timeout=10000)
        c.snapshotReady.connect(snaps.append)
        c.play()

        def moves():
            return [
                s
                for before, s in itertools.pairwise(snaps)
                if s.epoch_progress is not None and not np.array_equal(s.params, before.params)
            ]

        qtbot.waitUntil(lambda: len(moves()) >= 3, timeout=10000)
        c.pause()
        qtbot.waitUntil(lambda: not c.running, timeout=3000)
    finally:
        assert c.shutdown()
    return moves()


def test_the_corrected_point_is_named_while_corrections_come_one_by_one_and_not_once_they_come_faster(qtbot):
    watched = _moves_within_epochs_at_watch(qtbot, None)  # 4 corrections a second: each its own frames
    assert watched and all(s.last_corrected is not None for s in watched)
    # a run left after Watch had sped up (20 -> 160 epochs a second: its corrections 32 a second) comes back: a
    # frame holds several corrections, and naming the latest would single out one of them
    fast = _moves_within_epochs_at_watch(qtbot, PaceReached("watch", 8 * WATCH_START))
    assert fast and all(s.last_corrected is None for s in fast)
