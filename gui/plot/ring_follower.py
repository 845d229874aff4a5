"""Which points the plot rings as misclassified, and when the rings follow the newest snapshot.

The rings' look and their ink are ``rings``; the drawing is ``data_points.DataPoints``. This is the timing: on a
small dataset the rings follow every snapshot the plot draws; on a large one (``THROTTLE_POINTS``) finding the
wrong ones among 100 000 points and drawing thousands of rings again costs a few ms, so they follow at most every
``INTERVAL_S``, on a draw tick of their own (the window's ``DrawQueue``) rather than in the same turn as a frame,
or on a catch-up timer where there is no queue (a view on its own, in a test).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, QTimer, Slot

from gui.plot.data_points import DataPoints

THROTTLE_POINTS = 2000  # above this many points, the rings follow at most every INTERVAL_S
INTERVAL_S = 0.15


class RingFollower(QObject):
    """Rings the points ``points`` shows that the current model gets wrong.

    ``model_state()`` gives (snapshot, data version, regression) of the plot that owns it; ``legend_changed()`` is
    called when the rings' ink changed (the legend greys its entry while they fade).
    """

    def __init__(
        self,
        points: DataPoints,
        model_state: Callable[[], tuple[object, int | None, bool]],
        legend_changed: Callable[[], None],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._points = points
        self._model_state = model_state
        self._legend_changed = legend_changed
        self._mask: np.ndarray | None = None
        self._key: tuple[int, bool] | None = None
        self._time = -math.inf
        self._draw_queue = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.update)

    def set_draw_queue(self, queue) -> None:
        """Follow a large dataset on the window's draw ticks (a ``gui.widgets.draw_queue.DrawQueue``)."""
        self._draw_queue = queue

    def mask(self) -> np.ndarray | None:
        """Bool mask of the points ringed now (None when none are)."""
        return None if self._mask is None else self._mask.copy()

    def forget(self) -> None:
        """The next ``update`` draws the rings again even if the same points are wrong (the plot's mode changed)."""
        self._mask = None

    def update_soon(self) -> None:
        """A new snapshot was drawn: the rings follow now, or within ``INTERVAL_S`` on a large dataset."""
        ds = self._points.dataset
        if ds is None or ds.n_samples <= THROTTLE_POINTS:
            self.update()
            return
        if self._draw_queue is not None:  # on a draw tick of its own, not with this frame
            self._draw_queue.want(("rings", id(self)), self.update, self._time + INTERVAL_S)
            return
        wait = INTERVAL_S - (time.perf_counter() - self._time)
        if wait <= 0:
            self.update()
        elif not self._timer.isActive():
            self._timer.start(int(wait * 1000) + 1)

    @Slot()
    def update(self, force: bool = False) -> None:
        """Ring the points the newest snapshot gets wrong (``force``: draw them again even if they are the same)."""
        self._time = time.perf_counter()
        snapshot, version, regression = self._model_state()
        mask = None if regression else self._points.misclassified_by(snapshot, version)
        key = (id(self._points.dataset), self._points.show_test)
        if not force and key == self._key and _same_mask(mask, self._mask):
            return
        self._key, self._mask = key, mask
        if self._points.show_misclassified(mask):
            self._legend_changed()  # its words for the rings: faded while many points are wrong


def _same_mask(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return bool(np.array_equal(a, b))
