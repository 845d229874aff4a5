import math

import pytest

from model.training.pace import (
    DEFAULT_PACE,
    PACE_KEYS,
    WATCH_START,
    PaceClock,
    PaceReached,
    faster,
    pace_named,
    slower,
)

FRAME = 1 / 60


def drive(clock, seconds, loss_of_epoch, most=100_000, frame=FRAME):
    """Runs the clock as the worker does; returns [(time, epoch, rate)] once per frame."""
    epoch, t, trace = 0, 0.0, []
    while t < seconds:
        t += frame
        n = clock.due(t, most)
        epoch += n
        if n:
            clock.record(t, loss_of_epoch(epoch))
        trace.append((t, epoch, clock.rate))
    return trace


def epoch_at(trace, t):
    return next(e for (time, e, _) in trace if time >= t)


def test_the_default_pace_is_watch_and_starts_near_one_epoch_per_frame():
    assert DEFAULT_PACE == "watch"
    pace = pace_named(DEFAULT_PACE)
    assert pace.adaptive and 20 <= pace.start <= 60


def test_watch_holds_its_start_rate_while_the_loss_falls_fast_then_speeds_up():
    # a loss that falls fast for ~150 epochs (5 s at the start rate) and then hardly moves
    trace = drive(PaceClock("watch"), 40.0, lambda e: 0.7 * math.exp(-e / 40) + 0.001)
    assert epoch_at(trace, 3.0) <= WATCH_START * 3.0 + 1  # the first seconds at the start rate
    assert epoch_at(trace, 3.0) >= WATCH_START * 3.0 - 2
    assert trace[-1][2] > 100 * WATCH_START  # the rate grew once learning slowed
    assert trace[-1][1] > 50_000  # so a long run still makes progress


def test_watch_grows_from_the_first_second_when_nothing_improves():
    trace = drive(PaceClock("watch"), 6.0, lambda e: 0.5)
    assert trace[-1][2] > 8 * WATCH_START


def test_watch_slows_down_again_when_a_plateau_ends():
    plateau_end = [None]

    def loss(e):  # flat, then a fast fall once 3000 epochs are done
        if e < 3000:
            return 1.0
        plateau_end[0] = plateau_end[0] or e
        return max(0.01, 1.0 - (e - 3000) / 20_000)

    clock = PaceClock("watch")
    trace = drive(clock, 30.0, loss, most=500)
    peak = max(r for (_, _, r) in trace)
    assert peak > 20 * WATCH_START
    assert min(r for (t, _, r) in trace if t > 20) < peak / 4


@pytest.mark.parametrize("key,rate", [("1", 1.0), ("10", 10.0), ("300", 300.0)])
def test_a_fixed_pace_runs_its_rate(key, rate):
    trace = drive(PaceClock(key), 10.0, lambda e: 1.0 / (e + 1))
    assert abs(trace[-1][1] - rate * 10.0) <= 2
    assert {r for (_, _, r) in trace} == {rate}


def test_as_fast_as_possible_runs_the_whole_chunk_every_time():
    clock = PaceClock("max")
    assert clock.unpaced
    assert [clock.due(t, 777) for t in (0.0, 0.0, 5.0)] == [777, 777, 777]


def test_a_stall_does_not_turn_into_a_burst():
    clock = PaceClock("100", now=0.0)
    assert clock.due(10.0, 50) == 50  # ten seconds owed 1000 epochs: only one chunk's worth runs
    assert clock.due(10.0, 50) <= 51


def test_restart_returns_to_the_start_rate():
    clock = PaceClock("watch")
    drive(clock, 6.0, lambda e: 0.5)
    assert clock.rate > WATCH_START
    clock.restart(100.0)
    assert clock.rate == WATCH_START and clock.due(100.0, 10) == 0


def test_non_finite_losses_are_ignored():
    clock = PaceClock("watch")
    for t in range(1, 100):
        clock.due(t * FRAME, 10)
        clock.record(t * FRAME, float("nan"))
    assert clock.rate == WATCH_START


def test_faster_and_slower_walk_the_choices_and_stop_at_the_ends():
    assert faster("10") == "watch" and slower("watch") == "10"
    assert faster("max") == "max" and slower("1") == "1"
    assert faster(slower("300")) == "300"
    assert PACE_KEYS[-1] == "max"


def test_pace_names_are_checked():
    assert pace_named(30.0 if "30" in PACE_KEYS else 10.0).key in PACE_KEYS
    assert pace_named(100).key == "100"
    with pytest.raises(ValueError, match="watch"):
        pace_named("fast-ish")
    with pytest.raises(ValueError):
        pace_named(float("nan"))


def test_resume_keeps_the_rate_a_long_run_reached_but_owes_nothing_for_the_pause():
    clock = PaceClock("watch")
    drive(clock, 6.0, lambda e: 0.5)
    rate = clock.rate
    clock.resume(1000.0)
    assert clock.rate == rate and clock.due(1000.0, 10**6) == 0
    assert clock.due(1000.5, 10**6) == int(rate * 0.5)


def test_a_run_brought_back_goes_on_at_the_rate_it_had_reached_not_from_the_start():
    clock = PaceClock("watch")
    drive(clock, 6.0, lambda e: 0.5)
    left = clock.reached()
    assert left.key == "watch" and left.rate > 8 * WATCH_START and left.loss0 == 0.5
    clock.restart(100.0)  # the edit's fresh network starts slow
    assert clock.rate == WATCH_START
    clock.go_on(left, 1000.0)
    assert clock.rate == left.rate and clock.reached() == left
    assert clock.due(1000.0, 10**6) == 0 and clock.due(1000.5, 10**6) == int(left.rate * 0.5)  # nothing owed


def test_a_run_left_under_another_pace_comes_back_under_the_pace_chosen_since():
    clock = PaceClock("100")
    clock.go_on(PaceReached("watch", 5000.0, 0.5), 0.0)
    assert clock.rate == 100.0 and clock.due(1.0, 10**6) == 100


def test_odd_values_are_refused_with_a_short_message():
    for value in (10**400, float("inf"), True, [30], "x" * 10_000):
        with pytest.raises(ValueError) as info:
            pace_named(value)
        assert len(str(info.value)) < 200
