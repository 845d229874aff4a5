"""Shared pieces of the "inside the network" views.

Every inspector keeps only the newest snapshot it was given (snapshots are
immutable copies) and redraws at most ``rate_hz`` times a second and only while
it is visible: a flood of snapshots costs one pointer store each. In the main
window it redraws on a tick of the window's draw timer (``set_draw_queue``),
elsewhere on a timer of its own.
"""

from __future__ import annotations

import logging
import time

import numpy as np
from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget

from gui.widgets import colors

log = logging.getLogger(__name__)

#: Okabe-Ito colours for signed quantities: blue for positive, orange for negative.
POSITIVE = "#0072B2"
NEGATIVE = "#E69F00"
POSITIVE_RGB = (0x00, 0x72, 0xB2)
NEGATIVE_RGB = (0xE6, 0x9F, 0x00)


def sign_qcolor(value: float, alpha: int = 255) -> QColor:
    """The colour of a signed value: ``POSITIVE`` for zero and up, ``NEGATIVE`` below."""
    c = QColor(POSITIVE if value >= 0 else NEGATIVE)
    c.setAlpha(int(alpha))
    return c


def fmt(value, digits: int = 4) -> str:
    """A number for people: 4 significant digits, a real minus sign, 'NaN' spelled out."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not np.isfinite(v):
        return "NaN" if np.isnan(v) else ("∞" if v > 0 else "−∞")
    v += 0.0  # no "−0"
    text = f"{v:.{digits}g}"
    return text.replace("-", "−")


def rgba_to_qimage(rgba: np.ndarray, flip_rows: bool = True) -> QImage:
    """(H, W, 4) uint8 -> an owning QImage. Grids are row-major with row 0 at ymin (the bottom),
    an image's row 0 is its top: ``flip_rows`` turns one into the other."""
    if flip_rows:
        rgba = rgba[::-1]
    rgba = np.ascontiguousarray(rgba, dtype=np.uint8)
    h, w = rgba.shape[:2]
    image = QImage(rgba.data, w, h, 4 * w, QImage.Format.Format_RGBA8888)
    # An owning copy (the NumPy buffer may go) in the raster engine's own format: drawn
    # as RGBA8888 it would be converted again on every paint (~0.5 ms per thumbnail).
    return image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)


def unit_map_rgba(
    values: np.ndarray, activation: str, task: str = "classification", unit=None, n_outputs: int = 1
) -> np.ndarray:
    """A unit's map (G, G) -> RGBA, scaled by what the activation can give.

    An output unit of a classifier (``unit`` given) uses the class colours, like the main plot: P(class 2)
    on the class-1/class-2 map for one output, P(class k) from white to class k's colour for several.
    Others use the neutral maps: tanh in [−1, 1] and signed values on a diverging map, σ in [0, 1] and
    ReLU in [0, max] on a sequential one.
    """
    values = np.asarray(values, dtype=np.float32)
    finite = values[np.isfinite(values)]
    if unit is not None and task == "classification":
        if n_outputs == 1:
            return colors.binary_image(values)
        lut = colors.multiclass_lut(int(n_outputs))[int(unit)]
        rgba = lut[colors.lut_index(values, 0.0, 1.0)]
        return np.ascontiguousarray(rgba).view(np.uint8).reshape(values.shape + (4,))
    if activation in ("logistic", "softmax", "step"):
        return colors.scalar_image(values, 0.0, 1.0, "sequential")
    if activation == "tanh":
        return colors.scalar_image(values, -1.0, 1.0, "diverging")
    if activation == "relu":
        hi = float(finite.max()) if finite.size else 1.0
        return colors.scalar_image(values, 0.0, hi if hi > 0 else 1.0, "sequential")
    # inputs, identity, leaky ReLU: symmetric around 0
    lim = float(np.abs(finite).max()) if finite.size else 1.0
    lim = lim if lim > 0 else 1.0
    return colors.scalar_image(values, -lim, lim, "diverging")


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
