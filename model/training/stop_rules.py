"""When learning is over, going wrong, or running away: rules read from the losses of a run as it trains.

``LearningWatch.observe(epoch, train_loss, test_loss)`` is called with each new measurement (the window calls it
with every snapshot while training runs) and returns at most one ``Verdict``:

- ``"diverging"``: the training loss has grown to ``DIVERGE_FACTOR`` times its value at the run's start, or to
  ``DIVERGE_FACTOR`` times the lowest it had reached and stayed there for ``DIVERGE_EPOCHS`` epochs. A loss that
  overflows to NaN is caught by the session; one that stays finite (plain SGD at rate 100 on the spiral climbs
  from 1.1 to 14, then 180) only shows here. Not for the perceptron (``divergence_watched``). A run that learned
  down to 0.0006 and then had its rate raised, its loss bouncing between 1 and 4, is 1000 times worse than it was,
  though below its start (0.585 on the moons): the second rule catches it. It counts from the lowest loss, but
  never from below ``LEARNT_SHARE`` of the start: near zero, a loss multiplies by ten on nothing (an Adam step or a
  mini-batch lifts 1e-6 to 1e-3, or even 0.0006 to 1.5 on the circles, and falls back within a few epochs), so it
  must also stay up, as a run gone wrong does, not come back as a bump does. The verdict compares with the
  lowest loss the run had reached, the one on the curve just before it blew up: a run that learned down to 0.006
  and then had its rate raised did not grow "from 0.585", its loss at the start.
- ``"plateau"``: the training loss (a perceptron's share of training points it gets wrong: ``mistakes``) has not
  improved on its best by a visible amount for as many epochs again as
  it took to get there (at least ``MIN_PATIENCE``, at most ``MAX_PATIENCE``). "Visible" is 1 % of the best or
  0.1 % of the loss at the start, whichever is larger: a loss creeping from 1e-6 to 1e-7 changes nothing one can
  see. Measuring patience in epochs since the start keeps the rule fair to both a 200-epoch and a 100 000-epoch
  run.
- ``"overfitting"``: the test loss has risen ``OVERFIT_RISE`` above its best and stayed there for as many epochs
  as it took to reach that best (at least ``MIN_PATIENCE``), while the training loss is no higher than it was at
  that best (give or take ``OVERFIT_RISE``): the model goes on fitting its training points and loses the others.
  Both losses rising is a run going wrong (too large a learning rate), not overfitting, and "more points or an L2
  rate" would be the wrong advice. Said once per run.

Each verdict is given once; after a plateau the count starts again, so a run resumed by hand is paused again only
after another long stretch without progress. An epoch lower than the last one means a new run (Reset, a new
model): everything starts again. Pure Python, no Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

DIVERGE_FACTOR = 10.0
#: A loss below this share of the start is learnt: the lowest loss counts as at least this much (its noise is not
#: divergence). Adam's mini-batch bumps on the moons and circles reach 5-36 times 3 % of the start.
LEARNT_SHARE = 0.03
#: How long a loss must stay ``DIVERGE_FACTOR`` times above the lowest (but below that times the start) to be
#: diverging: Adam's and mini-batches' bumps fall back within about 10 epochs (at most 48 seen from 1 % of the start).
DIVERGE_EPOCHS = 100
MIN_PATIENCE = 500  # epochs
MAX_PATIENCE = 100_000
REL_TOL = 0.01
ABS_TOL = 0.001  # share of the loss at the start
OVERFIT_RISE = 0.15  # share of the best test loss (and at least ABS_TOL of the start loss)


@dataclass(frozen=True)
class Verdict:
    """kind: "diverging" | "plateau" | "overfitting"; epoch: when it was found; message: what was seen, in a few
    words (the status bar's width is short); best / now: the loss values it compares (the train loss, the test
    loss for overfitting); since: the epoch of the best value."""

    kind: str
    epoch: int
    message: str
    best: float
    now: float
    since: int


def _finite(x: float | None) -> float | None:
    """`x` as a float when it is a finite number, else None."""
    try:
        value = float(x)  # type: ignore[arg-type]  # None and non-numbers are answered below
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _patience(since: int) -> int:
    return int(min(MAX_PATIENCE, max(MIN_PATIENCE, since)))


def divergence_watched(model_kind: str) -> bool:
    """Whether a growing training loss means the learning rate is too large for this kind of model. Not for the
    perceptron: its loss, max(0, -y·(w·x + b)), is measured in the size of its weights, which start at zero (a
    loss of exactly 0) and grow by every update, and from zero weights its decisions do not depend on the
    learning rate at all; "the loss grew tenfold, try a smaller rate" was said of it after its first epoch."""
    return model_kind != "perceptron"


class LearningWatch:
    """Follows one run's losses; ``plateau``, ``overfitting`` and ``divergence`` switch those three rules."""

    def __init__(self, plateau: bool = True, overfitting: bool = True, divergence: bool = True, mistakes: bool = False):
        self.plateau = plateau
        self.overfitting = overfitting
        self.divergence = divergence
        #: what ``observe`` is given and its verdicts speak of: the shares of points the model gets wrong, not losses
        #: (a perceptron: its loss starts at 0 with its zero weights and grows with them, so it says nothing of
        #: progress, and the plateau rule said "no progress since epoch 0 (loss 0)")
        self.mistakes = mistakes
        self.reset()

    def reset(self) -> None:
        self._last_epoch = -1
        self._start = math.nan  # the training loss at the first measurement of the run (NaN: none yet)
        self._best = math.inf
        self._best_epoch = 0
        self._lowest = math.inf  # the lowest training loss of the run (``_best`` moves only by a visible step)
        self._lowest_epoch = 0
        self._counted_from = 0  # patience counts from here (moved on after a plateau verdict)
        self._best_test = math.inf
        self._best_test_epoch = 0
        self._train_at_best_test = math.inf  # the training loss when the test loss was at its best
        self._warned_overfitting = False
        self._warned_diverging = False
        self._risen_since: int | None = None  # the first epoch of the present stretch far above the lowest loss

    def observe(
        self, epoch: int, train_loss: float, test_loss: float | None = None, start_loss: float | None = None
    ) -> Verdict | None:
        """`start_loss`: the run's training loss at its start when known (say, from its history), for a watch
        that first sees a run some epochs in: a run that diverges in its first chunk is then still caught."""
        epoch = int(epoch)
        if epoch < self._last_epoch:
            self.reset()
        self._last_epoch = epoch
        loss = _finite(train_loss)
        if loss is None:
            return None  # a NaN loss is the session's to report
        if math.isnan(self._start):
            start = _finite(start_loss)
            self._start = max(abs(start if start is not None else loss), 1e-12)
            self._best, self._best_epoch, self._counted_from = loss, epoch, epoch
        if loss < self._lowest:
            self._lowest, self._lowest_epoch = loss, epoch
        verdict = self._diverging(epoch, loss)
        if verdict is None and self.plateau:
            verdict = self._plateau(epoch, loss)
        elif self._improved(loss):
            self._best, self._best_epoch = loss, epoch
        test = _finite(test_loss)
        if test is not None:
            if test < self._best_test:
                self._best_test, self._best_test_epoch, self._train_at_best_test = test, epoch, loss
            if verdict is None and self.overfitting and not self._warned_overfitting:
                verdict = self._overfit(epoch, test, loss)
        return verdict

    # ------------------------------------------------------------------ the rules
    def _improved(self, loss: float) -> bool:
        return self._best - loss > max(REL_TOL * self._best, ABS_TOL * self._start)

    def _diverging(self, epoch: int, loss: float) -> Verdict | None:
        if not self.divergence or self._warned_diverging:
            return None
        lowest = min(self._lowest, self._start)  # a watch that joined late knows the start from the run's history
        since = self._lowest_epoch if self._lowest <= self._start else 0
        stayed = ""
        if loss <= DIVERGE_FACTOR * self._start:
            bound = DIVERGE_FACTOR * max(lowest, LEARNT_SHARE * self._start)
            if loss <= bound:
                self._risen_since = None
                return None
            if self._risen_since is None:
                self._risen_since = epoch
            if epoch - self._risen_since < DIVERGE_EPOCHS:
                return None
            stayed = f" (over {bound:.3g} since epoch {self._risen_since})"
        self._warned_diverging = True
        return Verdict(
            "diverging",
            epoch,
            f"training loss up from {lowest:.3g} at epoch {since} to {loss:.3g} by epoch {epoch}{stayed}",
            lowest,
            loss,
            since,
        )

    def _plateau(self, epoch: int, loss: float) -> Verdict | None:
        if self._improved(loss):
            self._best, self._best_epoch = loss, epoch
            return None
        since = max(self._best_epoch, self._counted_from)
        if epoch - since < _patience(since):
            return None
        self._counted_from = epoch
        if self.mistakes:
            said = (
                f"{self._best * 100:.0f} % of the training points still wrong since epoch {self._best_epoch}"
                if self._best > 0
                else f"every training point right since epoch {self._best_epoch}"
            )
        else:
            said = f"no progress since epoch {self._best_epoch} (loss {self._best:.3g})"
        return Verdict(
            "plateau",
            epoch,
            said,
            self._best,
            loss,
            self._best_epoch,
        )

    def _overfit(self, epoch: int, test: float, loss: float) -> Verdict | None:
        best = self._best_test
        if test - best <= max(OVERFIT_RISE * best, ABS_TOL * self._start):
            return None
        at_best = self._train_at_best_test
        if loss - at_best > max(OVERFIT_RISE * at_best, ABS_TOL * self._start):
            return None  # the training loss rose as well (beyond a mini-batch's jitter): not overfitting
        if epoch - self._best_test_epoch < _patience(self._best_test_epoch):
            return None
        self._warned_overfitting = True
        return Verdict(
            "overfitting",
            epoch,
            f"test loss up from {best:.3g} (epoch {self._best_test_epoch}) to {test:.3g}",
            best,
            test,
            self._best_test_epoch,
        )


__all__ = ["LearningWatch", "Verdict", "divergence_watched"]
