"""The draw tick: the newest snapshot drawn on a timer, one thing per tick, at most about half the GUI thread.

Snapshots arrive faster than a screen can show them; ``FrameClock.take`` only keeps the newest, and each tick
of the timer draws one thing: the plot, the curves (10 times a second), the readouts, or a redraw waiting in the
``DrawQueue`` (an inspector, the rings of a large dataset), so that one turn of the event loop never paints two
of them; the plot gets at least every other tick.

The readouts are every number that says where training is: the toolbar's epoch and the status bar, the plot's
score box, the curves' summary line, and whatever else ``add_readout`` adds (the timeline). They are drawn
together, on one tick, from one snapshot (the one the curves just drew), so that no frame shows two epochs
(drawn each with its own view, the toolbar, the score box and the timeline read 185, 192 and 190 at once). That
tick is the one right after the curves', before the next frame and before any redraw waiting in the queue: behind
the inspectors' redraws (a tick each, the ticks slowed by a heavy frame), a run restored at epoch 1,000 showed its
trained boundary for seconds under the epoch and the scores of the untrained model shown before.
"""

from __future__ import annotations

import logging
import math
import time

from PySide6.QtCore import QObject, Qt, QTimer, Slot

log = logging.getLogger(__name__)

DRAW_INTERVAL_MS = 12  # ~80 ticks a second while the GUI thread keeps up: the plot gets at least every other one
CURVES_INTERVAL_S = 0.1  # a loss curve reads fine at 10 frames a second; the boundary gets the rest
MAX_DRAW_INTERVAL_MS = 100


class FrameClock(QObject):
    """Draws on ``plot`` (BoundaryView), ``curves`` (CurvesView) and ``show_readouts(snap)``; runs the jobs of
    ``draw_queue``. ``data_version()`` is the document's version (a snapshot of older data is not drawn, unless
    asked for with ``show_instead``),
    ``is_running()`` whether training runs (paused, the curves follow every frame). The plot's score and the
    curves' summary become readouts (drawn with ``show_readouts``)."""

    def __init__(self, plot, curves, draw_queue, show_readouts, data_version, is_running, parent=None):
        super().__init__(parent)
        self.plot = plot
        self.curves = curves
        self.draw_queue = draw_queue
        self._show_readouts = show_readouts
        self._more_readouts: list = []
        plot.score_apart = True
        curves.summary_apart = True
        self._data_version = data_version
        self._is_running = is_running
        self.latest = None  # the newest snapshot, drawn by the timer
        self._asked_for = None  # the snapshot last shown instead of the newest (drawn whatever its data)
        self._pending = False
        self._curves_drawn_at = -math.inf
        self._curves_due = None  # the snapshot the curves draw on the tick after the plot
        self._readouts_due = None
        self._last_tick = None
        self._plot_drew_last = False
        self._frame_cost = 0.0
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.PreciseTimer)
        self.timer.setInterval(DRAW_INTERVAL_MS)
        self.timer.timeout.connect(self.tick)

    def add_readout(self, show) -> None:
        """``show(snap)`` is called with the other readouts, with the same snapshot."""
        self._more_readouts.append(show)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    @Slot(object)
    def take(self, snap) -> None:
        """The newest snapshot of the main model: drawn on a coming tick (unless newer data came since)."""
        if not self._fits_data(snap):
            return  # trained on data that has been edited since: the next snapshot will fit the new data
        self.latest = snap
        self._pending = True

    def show_instead(self, snap) -> None:
        """``snap`` in place of what is shown (the timeline's past moment, or the present again after it): the
        curves and the numbers still due are the other line's and are not drawn; ``snap``'s follow its plot.
        It is drawn even when trained on data edited since: a moment before a point was added is the model as it
        was then, its scores those of the data it trained on (the plot's rings, of other points, wait for a
        snapshot of these)."""
        self._curves_due = self._readouts_due = None
        self._curves_drawn_at = -math.inf  # the curves follow on the tick after the plot, running or not
        self._asked_for = snap
        self.latest = snap
        self._pending = True

    def _fits_data(self, snap) -> bool:
        """Whether ``snap`` may be drawn: trained on the document's data as it is, or asked for (``show_instead``)."""
        return snap is self._asked_for or getattr(snap, "data_version", self._data_version()) == self._data_version()

    @Slot(bool)
    def running_changed(self, running: bool) -> None:
        if not running and self.latest is not None:  # the curves may lag by a frame: catch up
            self._curves_due = self.latest

    @Slot()
    def tick(self) -> None:
        """Draws one thing. Frames are spaced so that painting takes at most about half of the GUI thread's
        time (the rest stays free for the mouse and the keyboard)."""
        now = time.perf_counter()
        drew_last_time, self._last_tick = self._last_tick, None
        if drew_last_time is not None:
            # how late this tick is after a drawing tick: what painting that frame cost the event loop
            cost = max(0.0, now - drew_last_time - self.timer.interval() / 1000.0)
            self._frame_cost = 0.7 * self._frame_cost + 0.3 * cost
            interval = int(min(MAX_DRAW_INTERVAL_MS, max(DRAW_INTERVAL_MS, 1000 * self._frame_cost)))
            if interval != self.timer.interval():
                self.timer.setInterval(interval)
        plot_waits = self._pending and self.latest is not None
        plot_drew_last, self._plot_drew_last = self._plot_drew_last, False
        if self._curves_due is not None:
            snap, self._curves_due = self._curves_due, None
            self.curves.show_snapshot(snap)
            # the numbers follow at the curves' 10 frames a second (not the plot's 40), on the next tick
            self._readouts_due = snap
            self._last_tick = now
            return
        if self._readouts_due is not None:
            self.draw_readouts()
            self._last_tick = now
            return
        if plot_drew_last or not plot_waits:
            job = self.draw_queue.take(now)
            if job is not None:
                try:
                    job()
                except Exception:
                    log.exception("a queued redraw failed")
                self._last_tick = now
                return
        if not plot_waits:
            return
        self._plot_drew_last = True
        self._pending = False
        snap = self.latest
        if not self._fits_data(snap):
            return  # the data changed after it arrived
        self.plot.show_snapshot(snap)
        if now - self._curves_drawn_at >= CURVES_INTERVAL_S or not self._is_running():
            self._curves_due = snap
            self._curves_drawn_at = now
        self._last_tick = now

    @Slot()
    def draw_readouts(self) -> None:
        """Every number of the snapshot the curves drew last, all in this one turn of the event loop."""
        snap, self._readouts_due = self._readouts_due, None
        if snap is None or not self._fits_data(snap):
            return
        self.plot.show_score(snap)
        self.curves.show_summary(snap)
        self._show_readouts(snap)
        for show in self._more_readouts:
            show(snap)
