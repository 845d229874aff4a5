"""How fast training runs while a person watches: the pace choices and the clock that decides each chunk's size.

A network that trains flat out shows its finished boundary in the first frame: Adam learns the two moons in ~60
epochs, a thousandth of a second of work. A fixed slow rate shows the start well but then crawls through a long
run. The default pace, "Watch", does both: it starts at ``WATCH_START`` epochs a second (an epoch every frame or
two of the plot, which draws 20 to 40 frames a second) and holds that rate while the training loss is still falling
fast; once the loss falls by less than ``SLOW_IMPROVEMENT`` of its value at Play per second (the boundary hardly
moves any more), the rate doubles every ``DOUBLING_S`` seconds, up to ``WATCH_MAX`` (in practice as fast as the
machine goes). When the loss starts falling fast again (a plateau ends, say on the spiral), the rate halves every
``DOUBLING_S`` seconds back towards the start, so the interesting part is slow again.

The improvement is measured against the loss at Play, not against the current loss: near zero a loss that halves
every second still changes nothing one can see, while a relative measure would hold the pace there forever.

A model whose epoch is many updates one can see, the perceptron (its rule moves the line at every point it gets
wrong, and on separable data one epoch is all it needs), would show its end in Watch's first frame. So Watch also
counts the rule's corrections: ``WATCH_CORRECTIONS_START`` a second for the first ``CORRECTIONS_HOLD_S`` seconds
after Play, then twice as many every ``DOUBLING_S`` seconds, a chunk of training stopping within an epoch when they
are spent (``corrections_due``). Their speed-up follows the time shown, not the loss: within an epoch the rule's
criterion jumps at every correction, and on data no line separates (XOR, the moons) it never settles, so a
loss-driven rate would hold them slow for good. A model that trains whole epochs only ignores them, and once the
perceptron's epochs make no more corrections (it separated the data) only the epochs' pace is left.

The fixed paces run a constant number of epochs a second (whole epochs: they mean epochs), and "As fast as
possible" runs unpaced. Pure Python:
the training worker asks a ``PaceClock`` how many epochs are due before each chunk and tells it what happened.
A run that an edit left and its undo brings back goes on at the pace it had reached (``PaceReached``), not from
Watch's slow start again: its start was watched already.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

WATCH_START = 20.0  # epochs a second at Play: the default two moons bend for ~6 s (120 epochs) at 0.01
#: corrections a second at Play (the perceptron's): one every frame or few of the plot, each seen to move the line
WATCH_CORRECTIONS_START = 4.0
CORRECTIONS_HOLD_S = 2.0  # seconds of corrections at that rate before it starts doubling
#: corrections a second up to which each is a frame or more of its own, and the plot may ring the point each
#: corrected; faster, a frame holds several, ringing the latest singles out one of them, and chunks ending now
#: within an epoch, now at its end, made the ring come and go
RING_CORRECTIONS_MOST = 16.0
WATCH_MAX = 1e6  # epochs a second: far above what any model here reaches, so "no limit" in practice
DOUBLING_S = 1.5  # how many seconds of slow improvement double the rate (and of fast improvement halve it)
WINDOW_S = 0.5  # the improvement is measured over the last half second of losses
SLOW_IMPROVEMENT = 0.04  # loss fall per second, as a share of the loss at Play, below which the rate grows
FAST_IMPROVEMENT = 0.15  # above which it shrinks back towards the start


@dataclass(frozen=True)
class Pace:
    """One choice of the pace control.

    key : the name kept in settings and lesson files ("watch", "max" or a rate such as "30")
    label : the text of the control
    start : epochs a second at Play; 0 = as fast as possible
    adaptive : whether the rate follows the loss (see the module docstring) instead of staying at ``start``
    """

    key: str
    label: str
    start: float
    adaptive: bool = False

    @property
    def unpaced(self) -> bool:
        return self.start <= 0


#: From slowest to fastest (the order the "slower" and "faster" keys walk); "watch" sits where its start is.
PACES: tuple[Pace, ...] = (
    Pace("1", "1 epoch/s", 1.0),
    Pace("3", "3 epochs/s", 3.0),
    Pace("10", "10 epochs/s", 10.0),
    Pace("watch", "Watch (speeds up as learning slows)", WATCH_START, adaptive=True),
    Pace("100", "100 epochs/s", 100.0),
    Pace("300", "300 epochs/s", 300.0),
    Pace("1000", "1000 epochs/s", 1000.0),
    Pace("max", "As fast as possible", 0.0),
)
PACE_KEYS = tuple(p.key for p in PACES)
DEFAULT_PACE = "watch"


def pace_named(key: object) -> Pace:
    """The pace called `key` (a number such as 30 or 30.0 means "30"); ValueError names the choices."""
    if isinstance(key, float) and key.is_integer():
        key = int(key)
    if isinstance(key, int) and not isinstance(key, bool) and abs(key) < 10**9:  # a rate written as a number
        key = str(key)
    for pace in PACES:
        if pace.key == key:
            return pace
    raise ValueError(f"unknown pace {str(key)[:40]!r}; choose one of {', '.join(PACE_KEYS)}")


def faster(key: str) -> str:
    """The next faster pace (the fastest stays)."""
    i = PACE_KEYS.index(pace_named(key).key)
    return PACE_KEYS[min(i + 1, len(PACE_KEYS) - 1)]


def slower(key: str) -> str:
    """The next slower pace (the slowest stays)."""
    i = PACE_KEYS.index(pace_named(key).key)
    return PACE_KEYS[max(i - 1, 0)]


@dataclass(frozen=True)
class PaceReached:
    """How fast a run was going when it was left: the pace's ``key``, the ``rate`` it had reached (epochs a second)
    and ``loss0``, the loss an adaptive pace measures the improvement against (None: none yet)."""

    key: str
    rate: float
    loss0: float | None = None


class PaceClock:
    """Says how many epochs are due now under a pace, and adapts an adaptive pace's rate to the loss.

    ``restart(now)`` when training starts from epoch 0 or the pace changes, ``resume(now)`` at Play after a pause,
    ``go_on(reached, now)`` when a run left at ``reached()`` comes back; ``due(now, most)`` before
    each chunk: how many epochs the time since the last call earned, at most `most` (the chunk the machine can do
    in one go), so a stall never turns into a burst afterwards; ``record(now, loss)`` after each chunk. Times are
    seconds from any monotonic clock.
    """

    def __init__(self, pace: Pace | str = DEFAULT_PACE, now: float = 0.0):
        self.pace = pace if isinstance(pace, Pace) else pace_named(pace)
        self.restart(now)

    def restart(self, now: float) -> None:
        self.rate = self.pace.start
        self._last = now
        self._credit = 0.0
        self._corrections = 0.0
        self._shown_s = 0.0  # seconds this pace has run since Play from the start (its corrections' clock)
        self._loss0: float | None = None
        self._losses: deque[tuple[float, float]] = deque()
        self._adjusted = now

    def resume(self, now: float) -> None:
        """Play after a pause: the rate a run had reached is kept (a long run goes on at its pace), but nothing
        is owed for the pause and the loss window starts afresh."""
        self._last = self._adjusted = now
        self._credit = self._corrections = 0.0
        self._losses.clear()

    def reached(self) -> PaceReached:
        """How fast the run is going now, for when it is left and comes back (``go_on``)."""
        return PaceReached(self.pace.key, self.rate, self._loss0)

    def go_on(self, reached: PaceReached, now: float) -> None:
        """A run left at ``reached`` comes back: it goes on at that rate (as after a pause: nothing is owed, the loss
        window starts afresh), when it was under the pace chosen now; under another pace (the person chose another
        since), the pace now starts afresh."""
        self.restart(now)
        if reached.key != self.pace.key:
            return
        self.rate = min(WATCH_MAX, max(self.pace.start, float(reached.rate))) if self.pace.adaptive else self.rate
        self._loss0 = reached.loss0
        if self.rate > self.pace.start:  # its corrections go on about as fast as its epochs had got
            self._shown_s = CORRECTIONS_HOLD_S + DOUBLING_S * math.log2(self.rate / self.pace.start)

    def set_pace(self, pace: Pace | str, now: float) -> None:
        self.pace = pace if isinstance(pace, Pace) else pace_named(pace)
        self.restart(now)

    @property
    def unpaced(self) -> bool:
        return self.pace.unpaced

    def due(self, now: float, most: int) -> int:
        """Epochs to run now (0: wait; always `most` when unpaced)."""
        most = max(1, int(most))
        if self.unpaced:
            return most
        elapsed = max(0.0, now - self._last)
        self._credit += self.rate * elapsed
        self._last = now
        per_second = self.corrections_rate()
        if per_second is not None:  # what could not be done now is not owed: a tenth of a second's worth at most
            self._shown_s += elapsed
            self._corrections = min(self._corrections + per_second * elapsed, max(1.0, 0.1 * per_second))
        n = min(most, int(self._credit))
        self._credit = min(self._credit - n, most + 1.0)  # what could not be done now is not owed in a burst later
        return n

    def corrections_rate(self) -> float | None:
        """The perceptron's corrections a second under an adaptive pace now (None: a pace of whole epochs)."""
        if not self.pace.adaptive:
            return None
        doublings = min(40.0, max(0.0, self._shown_s - CORRECTIONS_HOLD_S) / DOUBLING_S)
        return WATCH_CORRECTIONS_START * 2.0**doublings

    def corrections_one_by_one(self) -> bool:
        """Whether the perceptron's corrections are shown one at a time now (at most ``RING_CORRECTIONS_MOST`` a
        second): from Play until they have sped up past it, once (their rate only grows since Play)."""
        rate = self.corrections_rate()
        return rate is not None and rate <= RING_CORRECTIONS_MOST

    def corrections_due(self) -> int | None:
        """Corrections a chunk sent now may make, earned by the time ``due`` last counted (taken: the next
        chunk's are earned afresh); None under a pace of whole epochs."""
        if self.corrections_rate() is None:
            return None
        k = int(self._corrections)
        self._corrections -= k
        return k

    def seconds_per_epoch(self) -> float:
        """How long one epoch takes at the current rate (0 when unpaced)."""
        return 0.0 if self.unpaced else 1.0 / self.rate

    def record(self, now: float, loss: float | None) -> None:
        """The training loss after a chunk; an adaptive pace changes its rate from the losses of the last
        ``WINDOW_S`` seconds. Non-finite losses are ignored."""
        if not self.pace.adaptive:
            return
        if loss is None or not math.isfinite(loss):
            return
        loss = float(loss)
        if self._loss0 is None:
            self._loss0 = max(abs(loss), 1e-12)
        self._losses.append((now, loss))
        while len(self._losses) > 2 and now - self._losses[1][0] >= WINDOW_S:
            self._losses.popleft()
        t_old, loss_old = self._losses[0]
        span = now - t_old
        if span < WINDOW_S:
            return
        dt = now - self._adjusted
        self._adjusted = now
        improvement = (loss_old - loss) / self._loss0 / span  # share of the loss at Play, per second
        if improvement < SLOW_IMPROVEMENT:
            self.rate = min(WATCH_MAX, self.rate * 2.0 ** (dt / DOUBLING_S))
        elif improvement > FAST_IMPROVEMENT:
            self.rate = max(self.pace.start, self.rate * 2.0 ** (-dt / DOUBLING_S))


__all__ = [
    "DEFAULT_PACE",
    "PACES",
    "PACE_KEYS",
    "RING_CORRECTIONS_MOST",
    "WATCH_CORRECTIONS_START",
    "Pace",
    "PaceClock",
    "PaceReached",
    "faster",
    "pace_named",
    "slower",
]
