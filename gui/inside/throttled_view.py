"""ThrottledView: the base of the "inside the network" views, which draw the newest snapshot at their own pace.

Every inspector keeps only the newest snapshot it was given (snapshots are immutable copies) and redraws at most
``rate_hz`` times a second and only while it is visible: a flood of snapshots costs one pointer store each. In the
main window it redraws on a tick of the window's draw timer (``set_draw_queue``), elsewhere on a timer of its own.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


class ThrottledView(QWidget):
    """A QWidget holding the newest snapshot and redrawing it at most ``rate_hz`` per second when visible.

    Subclasses implement ``redraw(snapshot)``; ``show_snapshot`` is the cheap entry point for every
    snapshot. ``flush()`` redraws at once (tests, screenshots).
    """

    rate_hz = 15.0
    #: at most this share of the GUI thread's time goes to one view: a costly redraw comes less often
    max_busy = 0.2

    def __init__(self, parent=None):
        super().__init__(parent)
        self._snapshot = None
        self._dirty = False
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(int(1000 / self.rate_hz))
        self._redraw_timer.timeout.connect(self._on_redraw_timer)
        self.redraw_errors = 0
        self._cost = 0.0  # smoothed seconds per redraw (including the paint it causes)
        self._draw_queue = None  # the window's gui.widgets.draw_queue.DrawQueue, when it has one
        self._flushed_at = -1e9

    @property
    def snapshot(self):
        return self._snapshot

    @Slot(object)
    def show_snapshot(self, snapshot) -> None:
        self._snapshot = snapshot
        self.mark_dirty()

    def set_draw_queue(self, queue) -> None:
        """Redraw on the window's draw ticks (a ``gui.widgets.draw_queue.DrawQueue``), not on a timer of its own."""
        self._draw_queue = queue
        if self._redraw_timer.isActive():
            self._redraw_timer.stop()
            self._schedule()

    def mark_dirty(self) -> None:
        self._dirty = True
        if self.isVisible():
            self._schedule()

    def _schedule(self) -> None:
        if self._draw_queue is not None:
            not_before = max(time.perf_counter(), self._flushed_at + self._redraw_timer.interval() / 1000.0)
            self._draw_queue.want(self, self._on_redraw_timer, not_before)
        elif not self._redraw_timer.isActive():
            self._redraw_timer.start()

    @Slot()
    def _on_redraw_timer(self) -> None:
        if self._dirty and self.isVisible():
            try:
                self.flush()
            except Exception:
                self.redraw_errors += 1
                log.exception("%s could not draw a snapshot", type(self).__name__)

    def flush(self) -> None:
        """Redraw the newest snapshot now."""
        self._dirty = False
        t0 = self._flushed_at = time.perf_counter()
        self.redraw(self._snapshot)
        cost = time.perf_counter() - t0 + self.paint_cost()
        self._cost = cost if self._cost == 0 else 0.7 * self._cost + 0.3 * cost
        interval = max(1000.0 / self.rate_hz, 1000.0 * self._cost / self.max_busy)
        self._redraw_timer.setInterval(int(min(interval, 2000)))

    def paint_cost(self) -> float:
        """Seconds the last paint of this view took (views that paint themselves report it)."""
        return 0.0

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self._schedule()

    def redraw(self, snapshot) -> None:  # pragma: no cover - abstract
        raise NotImplementedError
