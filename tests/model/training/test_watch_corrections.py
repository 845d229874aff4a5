"""Watch shows the perceptron's first epoch correction by correction: the pace clock's corrections, a session's
chunks that stop within an epoch, and what they leave (the same weights as whole epochs, whole-epoch history rows,
a training state that goes on exactly)."""

import numpy as np
import pytest

from model.data.generators import make
from model.nn.perceptron_rule import encode_sign_targets
from model.training.pace import (
    CORRECTIONS_HOLD_S,
    DOUBLING_S,
    RING_CORRECTIONS_MOST,
    WATCH_CORRECTIONS_START,
    PaceClock,
    PaceReached,
)
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from model.training.timeline import Timeline

FRAME = 1 / 60


def perceptron(name="moons", seed=0, **data):
    return TrainingSession(make(name, seed=seed, **data), ModelSpec(kind="perceptron"), TrainSpec(), seed=seed)


def watch(session, seconds, key="watch"):
    """Trains ``session`` as the worker does under the pace ``key`` for ``seconds`` (a frame's clock); returns
    [(time, epoch, epoch_progress, params)] after every chunk."""
    clock, t, trace = PaceClock(key, 0.0), 0.0, []
    while t < seconds:
        t += FRAME
        n = clock.due(t, 100_000)
        if not n:
            continue
        result = session.step(n, clock.corrections_due())
        clock.record(t, result.loss if np.isfinite(result.loss) else None)
        snap = session.snapshot()
        trace.append((t, snap.epoch, snap.epoch_progress, snap.params))
    return trace


def moves(trace):
    """The times the weights changed."""
    return [t for (t, *_, p), (*_, before) in zip(trace[1:], trace) if not np.array_equal(p, before)]


def test_watch_earns_corrections_at_its_start_rate_then_doubles_and_fixed_paces_count_epochs_only():
    clock = PaceClock("watch", 0.0)
    earned = []
    for i in range(1, 121):  # two seconds of frames
        clock.due(i * FRAME, 100)
        earned.append(clock.corrections_due())
    assert sum(earned) == WATCH_CORRECTIONS_START * CORRECTIONS_HOLD_S and max(earned) == 1
    clock.due(CORRECTIONS_HOLD_S + DOUBLING_S, 100)
    assert clock.corrections_rate() == pytest.approx(2 * WATCH_CORRECTIONS_START)
    for key in ("10", "1000", "max"):
        fixed = PaceClock(key, 0.0)
        fixed.due(1.0, 100)
        assert fixed.corrections_due() is None and fixed.corrections_rate() is None


def test_corrections_are_one_by_one_from_play_until_they_pass_the_ring_rate_once_and_not_at_fixed_paces():
    clock = PaceClock("watch", 0.0)
    one_by_one = []
    for i in range(1, 12 * 60):  # twelve seconds of frames
        clock.due(i * FRAME, 100)
        one_by_one.append(clock.corrections_one_by_one())
    ended = one_by_one.index(False)
    assert all(one_by_one[:ended]) and not any(one_by_one[ended:])  # once: the rate only grows since Play
    assert clock.corrections_rate() > RING_CORRECTIONS_MOST
    # 4 a second for 2 s, then doubling every 1.5 s: 16 a second 3 s later
    assert (ended + 1) * FRAME == pytest.approx(CORRECTIONS_HOLD_S + 2 * DOUBLING_S, abs=2 * FRAME)
    clock.resume(20.0)  # Play after a pause: the run goes on as fast as it had got
    clock.due(20.0 + FRAME, 100)
    assert not clock.corrections_one_by_one()
    fast = PaceClock("watch", 0.0)
    fast.go_on(PaceReached("watch", 8 * 20.0), 0.0)  # a run left after Watch had sped up comes back
    fast.due(FRAME, 100)
    assert not fast.corrections_one_by_one()
    for key in ("10", "max"):
        fixed = PaceClock(key, 0.0)
        fixed.due(1.0, 100)
        assert not fixed.corrections_one_by_one()


def test_at_watch_the_first_epoch_on_the_moons_unfolds_one_correction_at_a_time_over_seconds():
    trace = watch(perceptron(), 2.5)
    first = [t for t, epoch, progress, _ in trace if epoch == 0 and progress is not None]
    assert first and first[0] < 0.1  # a chunk within the first epoch from the first frames on
    times = moves(trace)
    assert len(times) >= 8 and times[7] >= 1.75  # the line moves through 8 positions over about 2 s ...
    assert all(epoch == 0 for t, epoch, *_ in trace if t <= times[7])  # ... all within the first epoch


def test_a_fixed_pace_trains_whole_epochs_only():
    trace = watch(perceptron(), 1.0, key="10")
    assert [epoch for _, epoch, _, _ in trace] == list(range(1, len(trace) + 1))
    assert all(progress is None for _, _, progress, _ in trace)


def test_on_xor_where_the_rule_never_settles_watch_still_speeds_up():
    trace = watch(perceptron("xor"), 14.0)
    by_second = {int(t): epoch for t, epoch, *_ in trace}
    assert by_second[3] <= 1  # the start is watched correction by correction
    assert trace[-1][1] >= 20  # ~80 corrections an epoch: the doubling rate has left the start far behind


@pytest.mark.parametrize("shuffle", [True, False])
def test_epochs_in_parts_end_with_the_weights_of_whole_epochs(shuffle):
    whole, parts = (
        TrainingSession(make("xor", seed=2), ModelSpec(kind="perceptron"), TrainSpec(shuffle=shuffle), seed=4)
        for _ in range(2)
    )
    whole.step(3)
    budgets = iter([0, 1, 2, 0, 5, 1, 3] * 100)
    corrections = 0
    while parts.epoch < 3:
        result = parts.step(1, next(budgets))
        corrections += result.corrections
        assert result.corrections <= 5
    np.testing.assert_array_equal(parts.network.params, whole.network.params)
    assert corrections > 3 * 20  # xor: dozens of corrections an epoch
    assert len(parts.history) == 3  # a row for each whole epoch only
    np.testing.assert_array_equal(parts.history.thinned()["train_loss"], whole.history.thinned()["train_loss"])


def test_a_state_taken_within_an_epoch_goes_on_exactly_and_the_timeline_keeps_whole_epochs():
    reference = perceptron("moons", seed=1)
    reference.step(2)
    s = perceptron("moons", seed=1)
    s.timeline = Timeline()
    s.step(1, 3)
    s.step(1, 2)
    snap = s.snapshot()
    assert snap.epoch == 0 and snap.epoch_progress is not None and 0 < snap.epoch_progress[0] < s.dataset.n_train
    state = s.training_state()
    again = perceptron("moons", seed=1)
    again.restore_training_state(state)
    assert again.snapshot().epoch_progress == snap.epoch_progress
    for session in (s, again):
        session.step(2)  # the rest of the epoch under way counts as the first
        np.testing.assert_array_equal(session.network.params, reference.network.params)
        assert session.epoch == 2 and session.snapshot().epoch_progress is None
    assert [entry.epoch for entry in s.timeline] == [1, 2]  # no moment within an epoch
    assert all(entry.state["sample_position"] == 0 for entry in s.timeline)


def test_gradient_models_train_whole_epochs_whatever_the_corrections():
    s = TrainingSession(make("moons", seed=0), ModelSpec(kind="logistic"), TrainSpec(batch_size=16), seed=0)
    result = s.step(2, 0)
    assert result.epochs_run == 2 and result.corrections is None and s.snapshot().epoch_progress is None


def _wrong_before(params: np.ndarray, x: np.ndarray, t: np.ndarray) -> bool:
    """Whether the perceptron of ``params`` (W then b, flat) misclassifies x (targets ±1 ``t``) on some output."""
    d, k = x.shape[0], t.shape[0]
    W, b = params[: d * k].reshape(d, k), params[d * k :]
    return bool(np.any(t * (x @ W + b) <= 0))


def _moved_by_rule_on(before: np.ndarray, after: np.ndarray, x: np.ndarray, t: np.ndarray, rate: float) -> bool:
    d, k = x.shape[0], t.shape[0]
    W, b = before[: d * k].reshape(d, k), before[d * k :]
    step = rate * t * (t * (x @ W + b) <= 0)
    return np.allclose(np.concatenate([(W + np.outer(x, step)).ravel(), b + step]), after, rtol=0, atol=1e-5)


def test_each_snapshot_within_the_first_epoch_at_watch_names_the_sample_the_rule_just_corrected():
    data = make("blobs", n_samples=200, noise=0.1, seed=0, n_classes=3)
    s = TrainingSession(data, ModelSpec(kind="perceptron"), TrainSpec(learning_rate=1.0), seed=0)
    X = data.train_X.astype(np.float32)
    T = encode_sign_targets(data.train_y, 3).astype(np.float32)
    clock, t, before, checked = PaceClock("watch", 0.0), 0.0, s.snapshot(), 0
    assert before.last_corrected is None
    while t < 3.0:
        t += FRAME
        n = clock.due(t, 100_000)
        if not n:
            continue
        s.step(n, clock.corrections_due())
        snap = s.snapshot()
        if snap.epoch == 0 and not np.array_equal(snap.params, before.params):
            i = snap.last_corrected
            assert i is not None and 0 <= i < data.n_train
            assert _wrong_before(before.params, X[i], T[i])  # the rule corrected it: the previous line got it wrong
            assert _moved_by_rule_on(before.params, snap.params, X[i], T[i], 1.0)  # and the line moved for it
            checked += 1
        if snap.epoch_progress is None:
            assert snap.last_corrected is None  # at an epoch's end nothing within it is shown
        before = snap
    assert checked >= 5

    s.step(1)  # a whole epoch at once (a fixed pace, Watch sped up past the corrections)
    assert s.snapshot().last_corrected is None


def test_a_fixed_pace_a_reset_and_a_restored_state_mark_no_correction():
    fixed = perceptron("blobs", seed=0, n_classes=3)
    watch(fixed, 1.0, key="10")
    assert fixed.snapshot().last_corrected is None
    s = perceptron("blobs", seed=0, n_classes=3)
    s.step(1, 2)
    assert s.snapshot().last_corrected is not None
    state = s.training_state()
    again = perceptron("blobs", seed=0, n_classes=3)
    again.restore_training_state(state)  # a saved session or a moment of the timeline does not keep it
    assert again.snapshot().epoch_progress == s.snapshot().epoch_progress and again.snapshot().last_corrected is None
    s.perceptron_sample_step()  # the lesson rings its own sample
    assert s.snapshot().last_corrected is None
    s.step(1, 1)
    assert s.snapshot().last_corrected is not None
    s.reset()
    assert s.snapshot().last_corrected is None
