"""The extra models drawn on their own clock: their panes at most ~15 times a second, their curves on every fourth
of those frames, and slower still when painting costs more (the GUI thread stays free for the main model)."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Slot

MEMBER_DRAW_MS = 66
MEMBER_DRAW_MAX_MS = 250
CURVES_EVERY = 4


class MemberFrames(QObject):
    """Draws the newest snapshot of each extra model in ``compare_view`` (while ``panes_visible()``) and in
    ``curves``; ``is_running()`` says whether training runs (paused, the curves follow every frame)."""

    def __init__(self, compare_view, curves, panes_visible, is_running, parent=None):
        super().__init__(parent)
        self.compare_view = compare_view
        self.curves = curves
        self._panes_visible = panes_visible
        self._is_running = is_running
        self._due: dict = {}  # session id -> snapshot whose pane waits to be drawn
        self._curves_due: dict = {}  # session id -> snapshot whose curves wait to be drawn
        self._draws = 0
        self._last_tick = None
        self._cost = 0.0
        self.timer = QTimer(self)
        self.timer.setInterval(MEMBER_DRAW_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def take(self, snap) -> None:
        """The newest snapshot of an extra model: drawn on a coming tick."""
        self._due[snap.session_id] = snap

    def keep_only(self, session_ids) -> None:
        """Forgets what waits to be drawn for models that left."""
        for store in (self._due, self._curves_due):
            for sid in list(store):
                if sid not in session_ids:
                    del store[sid]

    @Slot()
    def tick(self) -> None:
        """Draw the newest snapshot of each extra model: its pane every tick, its curves every fourth.

        The painting itself happens after this slot returns, so its cost shows up as this timer's
        lateness on the next tick: the interval follows it (like the main window's own frames), so
        drawing takes at most about a third of the GUI thread.
        """
        now = time.perf_counter()
        last, self._last_tick = self._last_tick, None
        if last is not None:
            late = max(0.0, now - last - self.timer.interval() / 1000.0)
            self._cost = 0.7 * self._cost + 0.3 * late
            interval = int(min(MEMBER_DRAW_MAX_MS, max(MEMBER_DRAW_MS, 3000 * self._cost)))
            if abs(interval - self.timer.interval()) > 4:
                self.timer.setInterval(interval)
        if not self._due and not self._curves_due:
            return
        self._draws += 1
        panes, self._due = self._due, {}
        self._curves_due.update(panes)
        if self._panes_visible():
            for snap in panes.values():
                self.compare_view.show_snapshot(snap)
            self.compare_view.flush()
        if self._draws % CURVES_EVERY == 0 or not self._is_running():
            curves, self._curves_due = self._curves_due, {}
            for snap in curves.values():
                self.curves.show_snapshot(snap)
        self._last_tick = time.perf_counter()
