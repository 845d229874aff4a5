"""The numbers of the present: the toolbar's epoch and the status bar's position, epoch, loss, score and rate."""

from __future__ import annotations

import math
import time
from collections import deque

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QStatusBar

from gui.widgets.steady_label import SteadyLabel
from gui.window.message_room import MessageRoom
from gui.window.readout_strip import ReadoutStrip


class Readouts(QObject):
    """Adds its labels to ``status_bar``; ``epoch_label`` is the toolbar's; ``is_running()`` says whether
    training runs (not running, the rate reads "paused", or "ready" before the first epoch); ``clock()`` gives the
    seconds the rate is measured in."""

    def __init__(
        self, status_bar: QStatusBar, epoch_label: SteadyLabel, is_running, parent=None, clock=time.perf_counter
    ):
        super().__init__(parent)
        self.epoch_label = epoch_label
        self._is_running = is_running
        self._clock = clock
        # (when, epochs trained counting the part of one under way): the perceptron at Watch goes through its first
        # epoch sample by sample, and a count of whole epochs alone would read 0 a second all that while
        self._rate_samples: deque[tuple[float, float]] = deque(maxlen=120)
        self._samples_per_epoch = 0  # known while the perceptron shows where it is within an epoch
        self._moved = False  # the run has gone forward since it started: until then its rate is not 0 but unknown
        status_bar.setSizeGripEnabled(True)
        # one strip that gives way where room is short: the cursor position hides first, then the words go and the
        # numbers stay (see ReadoutStrip); a Readout's fixed width grows four characters at a time
        self.strip = ReadoutStrip()
        strip = self.strip
        self.status_position = strip.add("The mouse position on the plot, in data coordinates.", "", optional=True)
        self.status_epoch = strip.add(
            "Epochs trained so far (and, while the perceptron is partway through one, the samples of it done).",
            "epoch 0",
            "0",
        )
        self.status_loss = strip.add(
            "Loss on the training points (and on the held-out test points).", "loss \u2014", "\u2014"
        )
        self.status_score = strip.add(
            "Share of points classified correctly (R\u00b2 for regression), train / test.", "accuracy \u2014", "\u2014"
        )
        self._epoch = 0
        self.status_rate = strip.add(
            "How many epochs the model trains per second (samples a second while fewer than one epoch a second"
            " goes by, as the perceptron's first epochs at Watch).",
            self._idle_text(),
        )
        status_bar.addPermanentWidget(strip)
        self.message_room = MessageRoom(status_bar, strip, parent=self)  # a passing message is read whole

    def show(self, snap) -> None:
        """The numbers of ``snap`` (and the rate of the epochs shown lately)."""
        epoch = int(snap.epoch)
        self._epoch = epoch
        self.epoch_label.setText(f"{epoch:,}")
        progress = snap.epoch_progress  # the perceptron partway through an epoch: where in it
        if progress is None:
            self.strip.set_text(self.status_epoch, f"epoch {epoch:,}", f"{epoch:,}")
        else:
            done, of = progress
            self.strip.set_text(
                self.status_epoch, f"epoch {epoch:,} + sample {done:,}/{of:,}", f"{epoch:,} ({done:,}/{of:,})"
            )
            self._samples_per_epoch = of
        trained = epoch + (progress[0] / progress[1] if progress is not None and progress[1] > 0 else 0.0)
        now = self._clock()
        if self._rate_samples and trained < self._rate_samples[-1][1]:
            self._rate_samples.clear()
        elif self._rate_samples and trained > self._rate_samples[-1][1]:
            self._moved = True
        self._rate_samples.append((now, trained))
        while len(self._rate_samples) > 2 and now - self._rate_samples[0][0] > 1.0:
            self._rate_samples.popleft()
        losses = f"{_fmt(snap.train_loss)} / {_fmt(snap.test_loss)}"
        self.strip.set_text(self.status_loss, f"loss {losses}", losses)
        if snap.task == "regression":  # short, R² stays: its numbers would read like the losses'
            score = f"R\u00b2 {_fmt(snap.train_score, 3)} / {_fmt(snap.test_score, 3)}"
            self.strip.set_text(self.status_score, score)
        else:
            scores = f"{_pct(snap.train_score)} / {_pct(snap.test_score)}"
            self.strip.set_text(self.status_score, f"accuracy {scores}", scores)
        self._update_rate()

    def restart_rate(self) -> None:
        """The epochs from now on are another run's (Reset, another model): the rate starts again."""
        self._rate_samples.clear()
        self._samples_per_epoch = 0
        self._moved = False

    def _update_rate(self) -> None:
        if not self._is_running():
            self.strip.set_text(self.status_rate, self._idle_text())
            return
        s = self._rate_samples
        if len(s) >= 2 and s[-1][0] > s[0][0] and self._moved:  # else "starting…" stays
            rate = (s[-1][1] - s[0][1]) / (s[-1][0] - s[0][0])
            if rate < 1 and self._samples_per_epoch:  # "0 epochs/s" while samples go by: count the samples
                samples = rate * self._samples_per_epoch
                self.strip.set_text(self.status_rate, f"{samples:,.0f} samples/s", f"{samples:,.0f} smp/s")
            else:
                self.strip.set_text(self.status_rate, f"{rate:,.0f} epochs/s", f"{rate:,.0f}/s")

    @Slot(bool)
    def running_changed(self, running: bool) -> None:
        self._rate_samples.clear()
        self._samples_per_epoch = 0
        self._moved = False
        self.strip.set_text(self.status_rate, "starting\u2026" if running else self._idle_text())

    def _idle_text(self) -> str:
        """Not training: "paused" once it has trained; before the first epoch nothing was paused. Short: at 1024 px
        with a larger desktop font the status bar has no room to spare ("ready to Play" widened the window)."""
        return "paused" if self._epoch > 0 else "ready"

    @Slot(float, float)
    def cursor_moved(self, x: float, y: float) -> None:
        self.strip.set_text(self.status_position, f"({x:+.2f}, {y:+.2f})")


def _fmt(value, digits: int = 4) -> str:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "\u2014"
    if not math.isfinite(v):
        return "\u2014"
    return f"{v:.{digits}f}"


def _pct(value) -> str:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "\u2014"
    return "\u2014" if not math.isfinite(v) else f"{100 * v:.1f}%"
