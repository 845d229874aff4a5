"""The axes of the training curves: compact epoch ticks whose labels never collide, and a view box whose y range
steps to round values (so a live curve's axis does not creep with every frame).

While a run grows, the epoch axes are drawn for the next step of their range ahead of time, on a turn of the event
loop of their own (``EpochAxis``): at the step, the paint that moved both plots' ranges also drew both epoch axes
again (~2 ms each of a turn of ~10 ms, the window's longest while training on 100 000 points)."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPicture

#: the least room between two epoch labels, in pixels
LABEL_GAP_PX = 8


class EpochAxis(pg.AxisItem):
    """Epoch ticks written compactly (20k, 1.5M), and spaced so that their labels do not collide: pyqtgraph
    picks the major spacing from the axis' length alone, and on a narrow plot (the accuracy curve, ~110
    pixels at the default window size) labels such as 200, 400 and 600 ran into each other.

    After its range moves, the axis draws the picture of the range its view will take at the next step (see
    ``SteppedViewBox.next_x_range``) on a zero timer, and keeps it: a paint at that range replays it instead of
    drawing the axis again. The picture is drawn by pyqtgraph's own code from the same range and geometry, so it is
    the same; a range that was not foreseen is drawn as before. The picture of the range just taken is kept beside
    the next one's until it is painted: the curves take their range in the draw tick, and the zero timer that draws
    the next step's picture can fire before the paint of the step."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # (what it was drawn for, the picture): the present range's and the next one's (a key holds pens: no dict)
        self._ahead: list[tuple[tuple, QPicture]] = []
        self._ahead_timer = QTimer()
        self._ahead_timer.setSingleShot(True)
        self._ahead_timer.setInterval(0)
        self._ahead_timer.setObjectName("EpochAxis.ahead")  # named in bench.late_turns
        self._ahead_timer.timeout.connect(self._draw_ahead)
        self.ahead_used = 0  # paints that replayed a picture drawn ahead (for the tests and the bench)

    def setRange(self, mn, mx):
        super().setRange(mn, mx)
        timer = getattr(self, "_ahead_timer", None)  # pyqtgraph sets a first range before __init__ is through
        if timer is not None:
            timer.start()  # the next step's picture, on a turn after this one's paint

    def paint(self, p, opt, widget):
        if self.picture is None:
            present = self._picture_key(self.range)
            picture = next((picture for key, picture in self._ahead if key == present), None)
            if picture is not None:
                self.picture = picture
                self.ahead_used += 1
        super().paint(p, opt, widget)

    def _picture_key(self, value_range) -> tuple:
        """What the picture depends on: the range, the axis' size, the log mode and the look."""
        size = self.geometry().size()
        font = self.style["tickFont"]
        return (
            float(value_range[0]),
            float(value_range[1]),
            size.width(),
            size.height(),
            self.logMode,
            self._tickSpacing,
            self._tickLevels,
            None if font is None else font.key(),
            self.pen(),
            self.textPen(),
            self.style["tickLength"],
            self.style["showValues"],
        )

    @Slot()
    def _draw_ahead(self) -> None:
        view = self.linkedView()
        ahead = view.next_x_range() if isinstance(view, SteppedViewBox) and self.orientation == "bottom" else None
        if ahead is None or self.scene() is None:
            self._ahead.clear()
            return
        now = list(self.range)  # type: ignore[has-type]  # pyqtgraph leaves it without a type
        present, coming = self._picture_key(now), self._picture_key(ahead)
        self._ahead = [(key, picture) for key, picture in self._ahead if key in (present, coming)]
        if any(key == coming for key, _ in self._ahead):
            return  # drawn already
        self.range = [ahead[0], ahead[1]]
        try:
            picture = QPicture()
            painter = QPainter(picture)
            try:  # as pyqtgraph's AxisItem.paint draws it
                if self.style["tickFont"]:
                    painter.setFont(self.style["tickFont"])
                specs = self.generateDrawSpecs(painter)
                if specs is not None:
                    self.drawPicture(painter, *specs)
            finally:
                painter.end()
            self._ahead.append((coming, picture))
        finally:
            self.range = now

    def tickSpacing(self, minVal, maxVal, size):
        levels = super().tickSpacing(minVal, maxVal, size)
        span = abs(maxVal - minVal)
        if self.logMode or not levels or self._tickSpacing is not None or span == 0 or size <= 0:
            return levels
        # epochs are whole: before the first epoch (0 to 1) the axis read 0.2, 0.4, 0.6, 0.8
        levels = [(spacing, offset) for spacing, offset in levels if spacing >= 1] or [(1.0, 0.0)]
        major = levels[0][0]
        largest = math.floor(max(abs(minVal), abs(maxVal)) / major) * major  # the longest label's tick
        font = self.style["tickFont"] or QFont()
        widest = QFontMetrics(font).horizontalAdvance(self.tickStrings([largest], 1.0, major)[0]) + LABEL_GAP_PX
        if span / major * widest <= size:
            return levels
        while span / major * widest > size:
            major = _next_nice(major)
        return [(major, 0.0), (major / 2, 0.0)] if major >= 2 else [(major, 0.0)]

    def tickStrings(self, values, scale, spacing):
        if self.logMode:  # values are log10(epoch): a label at each decade, none between
            return [self._compact(10.0 ** round(v)) if abs(v - round(v)) < 1e-6 else "" for v in values]
        return [self._compact(v * scale) for v in values]

    @staticmethod
    def _compact(v: float) -> str:
        a = abs(v)
        if a >= 1e6:
            return f"{v / 1e6:g}M"
        if a >= 1e3:
            return f"{v / 1e3:g}k"
        return f"{v:g}"


def _next_nice(spacing: float) -> float:
    """The tick spacing after ``spacing`` among 1, 2, 5 × 10^k."""
    exponent = math.floor(math.log10(spacing) + 1e-9)
    mantissa = spacing / 10.0**exponent
    for step in (2.0, 5.0, 10.0):
        if step > mantissa * (1 + 1e-9):
            return step * 10.0**exponent
    return 20.0 * 10.0**exponent


#: auto-range ends on the next of these × 10^k: a range that moves every frame makes pyqtgraph lay out and
#: render the axes again and repaint all of both plots (~5 ms a frame); in steps of at most a third, it
#: moves ten times a decade and the curves always use at least three quarters of the width
RANGE_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def ceil_step(value: float) -> float:
    """The smallest of RANGE_STEPS × 10^k that is ≥ ``value`` (> 0)."""
    exponent = math.floor(math.log10(value))
    for _ in range(2):  # log10 may round a power of ten down: a second decade settles it
        scale = 10.0**exponent
        for step in RANGE_STEPS:
            if step * scale >= value * (1 - 1e-12):
                return step * scale
        exponent += 1
    return value


class SteppedViewBox(pg.ViewBox):
    """A ViewBox whose auto-range moves in steps (see RANGE_STEPS). x (epochs) spans from 0 to the step
    above the last epoch. With ``step_y``, y (the loss, ≥ 0) spans from 0 to the step above the largest
    value, or whole decades when ``log_y`` (the loss drawn as log10). Everything else about auto-range is
    pyqtgraph's: a pan or a zoom turns it off, the menu's "View all" turns it back on."""

    def __init__(self, step_y: bool, **kwargs):
        super().__init__(**kwargs)
        self.step_y = step_y
        self.log_y = False
        self.log_x = False
        self._x_step: float | None = None  # the end of the data's x range, stepped, at the last auto-range

    def next_x_range(self) -> tuple[float, float] | None:
        """The x range this view will show at the next step of a growing run (linear epochs, auto-range on; a view
        whose x follows another's: that one's, as pyqtgraph's link copies it), computed as pyqtgraph's
        ``updateAutoRange`` will compute it; None when no step is foreseen."""
        leader = self.linkedView(pg.ViewBox.XAxis)
        if isinstance(leader, SteppedViewBox):
            ahead = leader.next_x_range()
            return None if ahead is None else (ahead[0], ahead[0] + (ahead[1] - ahead[0]))  # viewRect's left, right
        if self.state["autoRange"][0] is False or self.log_x or self._x_step is None:
            return None
        step = ceil_step(self._x_step * (1 + 1e-9))
        low, high = 0.0, step
        margin = (high - low) * self.suggestPadding(0)
        return (low - margin, high + margin)

    def childrenBounds(self, frac=None, orthoRange=(None, None), items=None):
        bounds = super().childrenBounds(frac=frac, orthoRange=orthoRange, items=items)
        # The steps follow the data itself: pyqtgraph's bounds include the pens' width in pixels, which would
        # put 300 epochs in a range of 400.
        x, y = self._data_extent(0, items), self._data_extent(1, items)
        if x is not None and self.log_x:  # log10 of the epochs: whole decades from epoch 1 (a run's start, which
            # the downsampled points may leave out)
            bounds[0] = [0.0, max(1.0, math.ceil(x[1]))]
        elif x is not None and x[0] >= 0 and x[1] > 0:
            bounds[0] = [0.0, ceil_step(x[1])]
            self._x_step = bounds[0][1]
        if self.step_y and y is not None:
            if self.log_y:
                lo, hi = math.floor(y[0]), math.ceil(y[1])
                bounds[1] = [lo, hi if hi > lo else lo + 1]
            elif y[0] >= 0 and y[1] > 0:
                bounds[1] = [0.0, ceil_step(y[1])]
        return bounds

    def _data_extent(self, axis: int, items=None):
        """(low, high) of the visible items' data along ``axis`` (0: x, 1: y), or None."""
        low = high = None
        for item in self.addedItems if items is None else items:
            if not item.isVisible() or not hasattr(item, "dataBounds"):
                continue
            r = item.dataBounds(axis)
            if r is None or r[0] is None or r[1] is None or not (math.isfinite(r[0]) and math.isfinite(r[1])):
                continue
            low = r[0] if low is None else min(low, r[0])
            high = r[1] if high is None else max(high, r[1])
        return None if low is None else (low, high)
