"""ChunkPacer: the chunk size the worker learns, the limits, and the snapshots' spacing (plain Python)."""

from __future__ import annotations

from gui.training.chunk_pacer import MAX_CHUNK_EPOCHS, SNAPSHOT_INTERVAL_S, ChunkPacer
from model.training.contract import CHILD_PROCESS, IN_PROCESS, EpochLimitReached, TargetLossReached


def test_the_chunk_moves_halfway_to_the_size_that_takes_the_target_time():
    pacer = ChunkPacer(now=0.0)  # unpaced: every epoch of the chunk is due at once
    assert pacer.epochs_due(now=0.0, epoch=0) == 1
    # 10 epochs took 1 ms: 0.1 ms an epoch, so 60 epochs would take the 6 ms target; halfway from 1
    pacer.chunk_done(seconds=0.001, epochs=10, pacing=IN_PROCESS)
    assert pacer.epochs_due(now=0.0, epoch=0) == int(0.5 * 1 + 0.5 * IN_PROCESS.chunk_target_s / 1e-4)
    for _ in range(60):  # very fast epochs: the chunk grows to its cap, no further
        pacer.chunk_done(seconds=1e-9, epochs=1000, pacing=IN_PROCESS)
    assert pacer.epochs_due(now=0.0, epoch=0) == MAX_CHUNK_EPOCHS
    pacer.forget_chunk_size()
    assert pacer.epochs_due(now=0.0, epoch=0) == 1


def test_a_limit_caps_the_chunk_and_says_why_training_stops():
    pacer = ChunkPacer(now=0.0)
    pacer.set_limits(max_epochs=10, target_loss=0.5)
    pacer.chunk_done(seconds=1e-6, epochs=1000, pacing=IN_PROCESS)
    assert pacer.epochs_due(now=0.0, epoch=7) == 3 and pacer.epoch_limit_reached(7) is None
    assert pacer.stop_reason(now=0.0, loss=0.6, epoch=7) is None
    assert pacer.stop_reason(now=0.0, loss=None, epoch=7) is None  # a loss that is no number reaches no target
    assert pacer.stop_reason(now=0.0, loss=0.5, epoch=7) == TargetLossReached(0.5)
    assert pacer.stop_reason(now=0.0, loss=0.6, epoch=10) == EpochLimitReached(10) == pacer.epoch_limit_reached(10)
    pacer.set_limits(0, None)  # the panel's "no limit"
    assert pacer.max_epochs is None and pacer.target_loss is None and pacer.epoch_limit_reached(10**9) is None


def test_under_a_pace_the_epochs_follow_the_clock_and_the_timer_waits_about_an_epoch():
    pacer = ChunkPacer(now=0.0)
    assert pacer.tick_interval_ms() == 0  # unpaced
    pacer.pace.set_pace("10", 0.0)
    assert pacer.tick_interval_ms() == 16  # an epoch is 100 ms: the timer still looks every 16 ms
    pacer.set_limits(5, None)
    pacer.chunk_done(seconds=1e-6, epochs=1000, pacing=IN_PROCESS)
    assert pacer.epochs_due(now=0.05, epoch=0) == 0  # half an epoch earned: none due, and no limit reached
    assert pacer.epochs_due(now=0.25, epoch=0) == 2


def test_snapshots_are_spaced_by_their_cost():
    pacer = ChunkPacer(now=0.0)
    assert pacer.snapshot_due(now=0.0, pacing=IN_PROCESS)  # none sent yet
    pacer.snapshot_taken(started=1.0, ended=1.001)  # cheap: the 60-a-second spacing applies
    assert not pacer.snapshot_due(now=1.001 + 0.5 * SNAPSHOT_INTERVAL_S, pacing=IN_PROCESS)
    assert pacer.snapshot_due(now=1.001 + SNAPSHOT_INTERVAL_S + 1e-9, pacing=IN_PROCESS)
    pacer = ChunkPacer(now=0.0)
    pacer.snapshot_taken(started=1.0, ended=1.1)  # 100 ms: spaced by the pacing's factor x that
    spacing = CHILD_PROCESS.snapshot_cost_factor * 0.1
    assert not pacer.snapshot_due(now=1.1 + 0.95 * spacing, pacing=CHILD_PROCESS)
    assert pacer.snapshot_due(now=1.1 + 1.05 * spacing, pacing=CHILD_PROCESS)
