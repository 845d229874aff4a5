"""The key of a unit's map on the main plot: which unit it is, what its colours mean, and how to go back.

While a node of the network diagram is drawn large on the plot (``BoundaryView.show_heatmap_override``), the
plot's colours are that unit's output, no longer the classes: without a key a person saw brown and navy and could not
tell why, nor how to get the decision boundary back. The key names the unit as the diagram does, shows a colour bar
with the values at its ends as the map is scaled (``map_scale``), and says how to go back.

``map_scale`` is the scale itself: a unit whose activation is bounded on both sides keeps that range (tanh's −1 … +1
diverging, σ's and the step's 0 … 1), so its colours mean the same as training moves it; others are scaled by the
values shown (ReLU 0 … max, at least 0 … 1; signed values symmetric around 0, at least −1 … +1).

Drawn like the score box (``score_overlay``): painted text, the theme's box colours, kept as a pixmap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject

from gui.plot.score_overlay import box_fonts
from gui.widgets import colors
from gui.widgets.theme import LIGHT

PAD_X, PAD_Y = 7.0, 5.0
BAR_HEIGHT = 12.0
BAR_MIN_WIDTH = 120.0
FILL_ALPHA = 235  # as the score box: a point under it still shows
KEY_POINT_SIZE = 9.0  # at a desk; presenter mode scales it
UNBOUNDED = (-math.inf, math.inf)


@dataclass(frozen=True)
class MapScale:
    """The colour scale of a map: values from ``low`` to ``high`` through the colour map ``cmap`` of
    ``colors.scalar_image`` ("diverging" around 0, "sequential" from ``low`` up)."""

    low: float
    high: float
    cmap: str

    def image(self, values) -> np.ndarray:
        """``values`` in this scale's colours (RGBA)."""
        return colors.scalar_image(values, self.low, self.high, self.cmap)

    def ticks(self) -> list[float]:
        """The values the key writes under its bar: its ends, and 0 in the middle of a diverging one."""
        if self.cmap == "diverging":
            return [self.low, 0.0, self.high]
        return [self.low, self.high]


def map_scale(values, value_range: tuple[float, float] = UNBOUNDED) -> MapScale:
    """The scale a unit's map is drawn in, ``value_range`` being what its activation can give (see the module)."""
    low, high = (float(v) for v in value_range)
    if math.isfinite(low) and math.isfinite(high):
        return MapScale(low, high, "sequential" if low >= 0 else "diverging")
    grid = np.asarray(values, dtype=np.float32)
    finite = grid[np.isfinite(grid)]
    largest = float(finite.max()) if finite.size else 0.0
    if math.isfinite(low):
        return MapScale(low, max(low + 1.0, largest), "sequential")
    if finite.size and float(finite.min()) < 0:
        reach = max(1.0, float(np.abs(finite).max()))
        return MapScale(-reach, reach, "diverging")
    return MapScale(0.0, max(1.0, largest), "sequential")


def tick_text(value: float) -> str:
    """A value under the bar: "−1", "0", "+1", "0.5", "+3.7" (a sign on the positive end of a diverging bar
    reads as the opposite of the negative one)."""
    if value == 0:
        return "0"
    text = f"{abs(value):.2g}" if abs(value) < 10 else f"{abs(value):.0f}"
    return ("−" if value < 0 else "+") + text


@dataclass(frozen=True)
class UnitMapTitle:
    """What the key says about the map: the unit's ``name`` as the diagram names it ("unit h1.3", "output",
    "input x₁"), its ``activation`` ("tanh"; "" for an input) and what the plot shows once the map is gone
    (``back_to``: "the boundary")."""

    name: str
    activation: str = ""
    back_to: str = "the boundary"

    def heading(self) -> str:
        return f"{self.name} · {self.activation}" if self.activation else self.name

    def way_back(self) -> str:
        """One line: in a 1024×700 window the plot is ~200 px high, and the key's every line hides points."""
        return f"Esc or click it again: {self.back_to}"


class UnitMapKey(QGraphicsObject):
    """The key: a heading, the colour bar with its values, and the way back, in a box whose bottom-right corner is
    the item's position (it sits in the plot's bottom-right corner and grows up and to the left)."""

    def __init__(self, point_size: float = KEY_POINT_SIZE, parent=None):
        super().__init__(parent)
        self.title: UnitMapTitle | None = None
        self.shown_scale: MapScale | None = None
        self._bar = QImage()
        self._rect = QRectF()
        self.set_point_size(point_size)
        self.set_theme(LIGHT)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    # -- what it says ---------------------------------------------------------------------------------
    def show_key(self, title: UnitMapTitle, scale: MapScale) -> None:
        """Says ``title`` with the colour bar of ``scale`` (measured and painted again only when they change: the
        map is redrawn ten times a second while training)."""
        if title == self.title and scale == self.shown_scale:
            return
        if scale != self.shown_scale:
            ramp = np.linspace(scale.low, scale.high, 256, dtype=np.float32)[None, :]
            rgba = np.ascontiguousarray(scale.image(ramp))
            self._bar = QImage(rgba.data, rgba.shape[1], 1, rgba.shape[1] * 4, QImage.Format.Format_RGBA8888).copy()
        self.title, self.shown_scale = title, scale
        self._measure()

    def lines(self) -> list[str]:
        """The key's text, top to bottom (the bar's values as one line)."""
        if self.title is None or self.shown_scale is None:
            return []
        ticks = "  …  ".join(tick_text(v) for v in self.shown_scale.ticks())
        return [self.title.heading(), ticks, self.title.way_back()]

    # -- look -----------------------------------------------------------------------------------------
    def set_theme(self, now) -> None:
        """The box and its text in the colours of ``now`` (a ``gui.widgets.theme.Theme``), as the score box's."""
        fill = QColor(now.score_fill)
        fill.setAlpha(FILL_ALPHA)
        self._fill = QBrush(fill)
        self._border = QPen(QColor(now.score_border))
        self._text = QColor(now.score_text)
        self._soft = QColor(now.score_soft)
        self.update()

    def set_point_size(self, point_size: float) -> None:
        self._font, self._bold = box_fonts(point_size)
        self._small = QFont(self._font)
        self._small.setPointSizeF(point_size * 0.92)
        self._bar_height = BAR_HEIGHT * point_size / KEY_POINT_SIZE
        self._measure()

    # -- geometry -------------------------------------------------------------------------------------
    def _measure(self) -> None:
        text = self.lines()
        if not text:
            rect = QRectF()
        else:
            bold, small = QFontMetricsF(self._bold), QFontMetricsF(self._small)
            tick_widths = (
                [small.horizontalAdvance(tick_text(v)) for v in self.shown_scale.ticks()] if self.shown_scale else []
            )
            widest = max(
                bold.horizontalAdvance(text[0]),
                max(small.horizontalAdvance(line) for line in text[2:]),
                BAR_MIN_WIDTH * self._bar_height / BAR_HEIGHT,
                sum(tick_widths) + 24.0,
            )
            height = bold.height() + 3 + self._bar_height + 2 + small.height() + 3 + small.height()
            rect = QRectF(-widest - 2 * PAD_X, -height - 2 * PAD_Y, widest + 2 * PAD_X, height + 2 * PAD_Y)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.update()

    def bar_rect(self) -> QRectF:
        """The colour bar, in the item's coordinates (empty while the key says nothing)."""
        if self._rect.isEmpty():
            return QRectF()
        top = self._rect.top() + PAD_Y + QFontMetricsF(self._bold).height() + 3
        return QRectF(self._rect.left() + PAD_X, top, self._rect.width() - 2 * PAD_X, self._bar_height)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        text = self.lines()
        if not text or self.shown_scale is None:
            return
        painter.setPen(self._border)
        painter.setBrush(self._fill)
        painter.drawRect(self._rect)
        left, right = self._rect.left() + PAD_X, self._rect.right() - PAD_X
        bold, small = QFontMetricsF(self._bold), QFontMetricsF(self._small)
        y = self._rect.top() + PAD_Y
        painter.setFont(self._bold)
        painter.setPen(self._text)
        painter.drawText(QRectF(left, y, right - left, bold.height()), int(Qt.AlignmentFlag.AlignLeft), text[0])
        bar = self.bar_rect()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(bar, self._bar)
        painter.setPen(self._soft)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(bar.adjusted(-0.5, -0.5, 0.5, 0.5))
        # the values under the bar: its ends under its ends, 0 under the middle
        y = bar.bottom() + 2
        painter.setFont(self._small)
        painter.setPen(self._text)
        for value in self.shown_scale.ticks():
            label = tick_text(value)
            width = small.horizontalAdvance(label)
            at = (
                bar.left()
                + (value - self.shown_scale.low) / (self.shown_scale.high - self.shown_scale.low) * bar.width()
            )
            x = min(max(at - width / 2, bar.left()), bar.right() - width)
            painter.drawText(QPointF(x, y + small.ascent()), label)
        y += small.height() + 3
        painter.setPen(self._soft)
        for line in text[2:]:
            painter.drawText(QPointF(left, y + small.ascent()), line)
            y += small.height()
