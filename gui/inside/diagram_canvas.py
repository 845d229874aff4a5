"""The painted network diagram: nodes in columns, weights as lines in a few width buckets, chevrons for the
backward pass, captions; and hit-testing for hover and click. ``NetworkDiagram`` decides what it shows.

Every hidden unit has a small round switch at its top-right corner; a unit switched off is drawn greyed and
crossed, its lines faded. From the keyboard (the canvas takes the focus): the arrows pick a unit, Space clicks
its switch, Enter clicks the unit (these keys are the canvas's while it has the focus, not the window's).
While ``units_locked`` (a lesson fixes the network), the switches are drawn faded, without their power sign.

The whole diagram is one QWidget painting itself: no QGraphicsItem per line.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.inside.inspect_common import NEGATIVE, POSITIVE

MIN_THUMB_PX = 14  # smaller nodes are drawn as discs without a heat map
MAX_NODE_PX = 46
WIDTH_LEVELS = 8  # line widths are bucketed so each bucket is one drawLines call
MAX_LINE_WIDTH = 5.0
LABEL_ROOM_PX = 38.0  # the least room left of the input nodes for their labels
MIN_SWITCH_NODE_PX = 12  # smaller hidden nodes show their switch only under the mouse
_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_Return)


def _blend(background: QColor, color: QColor, t: float) -> QColor:
    """``color`` at strength t in [0, 1] over ``background``, as an opaque colour."""
    return QColor(
        int(background.red() + (color.red() - background.red()) * t),
        int(background.green() + (color.green() - background.green()) * t),
        int(background.blue() + (color.blue() - background.blue()) * t),
    )


def thumb_size(n_nodes: int) -> int:
    return 24 if n_nodes <= 80 else 16


class DiagramCanvas(QWidget):
    """The painted diagram. The owning ``NetworkDiagram`` feeds it arrays; it paints and hit-tests."""

    hovered = Signal(object)  # ("node", layer, unit) | ("switch", layer, unit) | ("line", layer, i, j) | None
    clicked = Signal(object)  # ("node", layer, unit) | ("switch", layer, unit)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Network diagram")
        self.setAccessibleDescription(
            "Arrows pick a unit; Space switches a hidden unit off or on; Enter shows its map."
        )
        self.setMinimumSize(150, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.sizes: tuple = ()
        self.labels: list[list[str]] = []
        self.weights: list[np.ndarray] = []  # per layer k = 1..L at index k-1: (fan_in, fan_out)
        self.line_values: list[np.ndarray] = []  # what the lines show (weights or −gradients)
        self.drawn: list[np.ndarray] = []  # (n_drawn, 2) int: (i, j) of the lines drawn per layer
        self.images: dict = {}  # (layer, unit) -> QImage
        self.node_fill: dict = {}  # (layer, unit) -> QColor (when no thumbnail)
        self.rims: dict = {}  # (layer, unit) -> (QColor, width)
        self.selected = None
        self.off: frozenset = frozenset()  # hidden (layer, unit) shown switched off
        self.input_image = None  # QImage: the inputs are one image's pixels (digits), drawn as that image
        self.input_shape = (8, 8)
        self._image_rect = None
        self.units_locked = False  # the switches are drawn disabled (NetworkDiagram refuses their clicks)
        self.chevrons = False
        self.note = ""
        self.short_note = ""  # the note said in fewer words, when the whole one is wider than the diagram
        self.line_scale = 1.0  # the weights' lines widen by this much (presenter mode)
        self.overlay = None  # a slow step's painting on top (gui.inside.slow_step_overlay), or None
        self._pos: list[np.ndarray] = []  # per layer (n, 2) node centres
        self._node_px = 20.0
        self._segments = None  # (n_lines, 4) x0 y0 x1 y1 of the drawn lines
        self._segment_ids: list = []  # (layer, i, j) per segment
        self._hover = None
        self.last_paint_cost = 0.0
        # A redraw computes what to draw; the paint follows on a later turn of the event loop, so that the
        # two (each 1-4 ms) never keep a click or a key waiting together.
        self._paint_timer = QTimer(self)
        self._paint_timer.setSingleShot(True)
        self._paint_timer.setInterval(0)
        self._paint_timer.timeout.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(420, 320)

    def update_soon(self) -> None:
        """Repaint on a later turn of the event loop than this one."""
        if not self._paint_timer.isActive():
            self._paint_timer.start()

    # -- geometry -------------------------------------------------------------------------------
    def layout_nodes(self) -> None:
        sizes = self.sizes
        if not sizes:
            self._pos = []
            return
        w, h = max(self.width(), 50), max(self.height(), 50)
        n_cols = len(sizes)
        top, bottom = 18.0, 8.0 + (14.0 if self.note else 0.0)  # captions above, a note below
        # drawn as an image, the inputs take no node column's height
        biggest = max(sizes[1:]) if self.images_the_inputs() and n_cols > 1 else max(sizes)
        # first guess of the node size, then margins that leave room for half a node and the input labels
        node = min(MAX_NODE_PX, 0.82 * (h - top - bottom) / biggest, 0.55 * w / max(n_cols, 2))
        left = node / 2 + (self._label_room(w) if node >= 10 else 4.0)
        right = node / 2 + 4.0
        col_gap = (w - left - right) / max(n_cols - 1, 1)
        self._node_px = float(max(min(node, 0.55 * col_gap), 3.0))
        pos = []
        for k, n in enumerate(sizes):
            x = left + k * col_gap if n_cols > 1 else w / 2
            pitch = (h - top - bottom) / n
            ys = top + pitch * (np.arange(n) + 0.5)
            pos.append(np.column_stack([np.full(n, x), ys]))
        self._image_rect = None
        if self.images_the_inputs():
            pos[0], self._image_rect = self._image_layout(w, h, top, bottom, col_gap, n_cols)
        self._pos = pos
        self._build_segments()

    def _label_room(self, w: float) -> float:
        """The width left of the input nodes for their labels: what the longest needs, within a quarter of the
        diagram (longer names are elided there; their tooltips say them in full)."""
        if not self.labels or self.images_the_inputs():
            return LABEL_ROOM_PX
        metrics = QFontMetrics(self.caption_font())
        widest = max((metrics.horizontalAdvance(label) for label in self.labels[0]), default=0) + 6
        return float(min(max(LABEL_ROOM_PX, widest), max(LABEL_ROOM_PX, 0.25 * w)))

    def input_label_texts(self) -> list[str]:
        """The input nodes' labels as painted: elided to the room beside their node ("" where there is none)."""
        if self._node_px < 10 or not self.labels or not self._pos or self._image_rect is not None:
            return []
        metrics = QFontMetrics(self.caption_font())
        texts = []
        for label, (x, _) in zip(self.labels[0], self._pos[0]):
            room = x - self._node_px / 2
            texts.append(metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(room - 1)) if room > 14 else "")
        return texts

    def images_the_inputs(self) -> bool:
        rows, cols = self.input_shape
        return self.input_image is not None and bool(self.sizes) and self.sizes[0] == rows * cols

    def _image_layout(self, w: float, h: float, top: float, bottom: float, col_gap: float, n_cols: int):
        """The inputs as one image in the first column: each input's position is its pixel's centre."""
        rows, cols = self.input_shape
        side = max(min(0.8 * (h - top - bottom), 0.75 * col_gap if n_cols > 1 else w, 150.0), 24.0)
        rect = QRectF(4.0, top + (h - top - bottom - side) / 2, side, side)
        r, c = np.divmod(np.arange(rows * cols), cols)
        xs = rect.left() + (c + 0.5) * side / cols
        ys = rect.top() + (r + 0.5) * side / rows
        return np.column_stack([xs, ys]), rect

    def _build_segments(self) -> None:
        segs: list[np.ndarray] = []
        ids: list[tuple[int, int, int]] = []
        for k, pairs in enumerate(self.drawn):
            if k + 1 >= len(self._pos) or not len(pairs):
                continue
            a, b = self._pos[k][pairs[:, 0]], self._pos[k + 1][pairs[:, 1]]
            segs.append(np.hstack([a, b]))
            ids.extend((k + 1, int(i), int(j)) for i, j in pairs)
        self._segments = np.vstack(segs) if segs else np.empty((0, 4))
        self._segment_ids = ids

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.layout_nodes()

    def node_center(self, layer: int, unit: int) -> QPointF:
        x, y = self._pos[layer][unit]
        return QPointF(float(x), float(y))

    @property
    def positions(self) -> list[np.ndarray]:
        """Per layer, the (n, 2) centres of its nodes."""
        return self._pos

    @property
    def node_px(self) -> float:
        return self._node_px

    def is_hidden(self, layer: int) -> bool:
        return 0 < layer < len(self.sizes) - 1

    @property
    def switch_radius(self) -> float:
        return float(np.clip(self._node_px * 0.2, 4.0, 7.0))

    def switch_center(self, layer: int, unit: int) -> QPointF:
        """The centre of a hidden unit's switch: its node's top-right corner."""
        x, y = self._pos[layer][unit]
        half = self._node_px / 2
        return QPointF(float(x + half), float(y - half))

    # -- painting -------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        t0 = time.perf_counter()
        self._paint(event)
        self.last_paint_cost = time.perf_counter() - t0

    def _paint(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.fillRect(self.rect(), self.palette().base())
        if not self._pos:
            p.setPen(self.palette().text().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No network yet")
            p.end()
            return
        self._paint_lines(p)
        if self.overlay is not None:
            self.overlay.paint_lines(p, self)
        self._paint_nodes(p)
        self._paint_captions(p)
        if self.overlay is not None:
            self.overlay.paint_over(p, self)
        p.end()

    def _paint_lines(self, p: QPainter) -> None:
        background = self.palette().base().color()
        for k, pairs in enumerate(self.drawn):
            if k + 1 >= len(self._pos) or not len(pairs):
                continue
            faded = self._faded(k, pairs)
            if faded.any():
                self._paint_faded(p, self._pos[k][pairs[faded, 0]], self._pos[k + 1][pairs[faded, 1]])
            values = self.line_values[k][pairs[:, 0], pairs[:, 1]]
            mags = np.abs(values)
            top = float(np.nanmax(mags)) if mags.size and np.isfinite(mags).any() else 0.0
            rel = np.nan_to_num(mags / top) if top > 0 else np.zeros_like(mags)
            level = np.minimum((rel * WIDTH_LEVELS).astype(int), WIDTH_LEVELS - 1)
            a, b = self._pos[k][pairs[:, 0]], self._pos[k + 1][pairs[:, 1]]
            positive = values >= 0
            # many lines in a small space: thinner and paler, so the strongest still stand out
            crowd = float(np.clip(np.sqrt(40.0 / max(len(pairs), 1)), 0.3, 1.0))
            # Opaque colours blended toward the background, not alpha: translucent wide lines are 10-50x
            # slower to rasterise. Weak levels are drawn first, so strong lines lie on top.
            for lv in range(WIDTH_LEVELS):
                strength = (lv + 1) / WIDTH_LEVELS
                t = 0.15 + 0.85 * strength ** (1.0 / crowd) if crowd < 1 else 0.25 + 0.75 * strength
                for sign in (True, False):
                    sel = np.flatnonzero((positive == sign) & (level == lv) & ~faded)
                    if not sel.size:
                        continue
                    color = _blend(background, QColor(POSITIVE if sign else NEGATIVE), t)
                    pen = QPen(color, (0.4 + crowd * MAX_LINE_WIDTH * (lv + 0.5) / WIDTH_LEVELS) * self.line_scale)
                    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                    p.setPen(pen)
                    p.drawLines([QLineF(a[s, 0], a[s, 1], b[s, 0], b[s, 1]) for s in sel])
                    if self.chevrons and lv >= 2:
                        self._paint_chevrons(p, a[sel], b[sel], color)
        if self._hover and self._hover[0] == "line":
            _, layer, i, j = self._hover
            a, b = self._pos[layer - 1][i], self._pos[layer][j]
            p.setPen(QPen(self.palette().text().color(), 2.0, Qt.PenStyle.DashLine))  # the theme's ink
            p.drawLine(QLineF(a[0], a[1], b[0], b[1]))

    def _faded(self, k: int, pairs: np.ndarray) -> np.ndarray:
        """Which of layer pair k's drawn lines touch a unit switched off (from layer k or into layer k + 1)."""
        if not self.off:
            return np.zeros(len(pairs), dtype=bool)
        rows = np.array([(k, i) in self.off for i in range(self.sizes[k])], dtype=bool)
        cols = np.array([(k + 1, j) in self.off for j in range(self.sizes[k + 1])], dtype=bool)
        return rows[pairs[:, 0]] | cols[pairs[:, 1]]

    def _paint_faded(self, p: QPainter, a: np.ndarray, b: np.ndarray) -> None:
        """Lines of a switched-off unit: thin, pale and dashed (they carry nothing now)."""
        pen = QPen(_blend(self.palette().base().color(), self.palette().text().color(), 0.22), 0.8)
        pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLines([QLineF(a[s, 0], a[s, 1], b[s, 0], b[s, 1]) for s in range(len(a))])

    def _paint_chevrons(self, p: QPainter, a: np.ndarray, b: np.ndarray, color: QColor) -> None:
        """A small arrowhead at each line's middle pointing from the later layer to the earlier one."""
        p.save()
        p.setBrush(QBrush(color))
        p.setPen(Qt.PenStyle.NoPen)
        mid = 0.5 * (a + b)
        d = a - b
        norm = np.hypot(d[:, 0], d[:, 1])
        norm[norm == 0] = 1
        d /= norm[:, None]
        n = np.column_stack([-d[:, 1], d[:, 0]])
        size = 5.0
        for m, u, v in zip(mid, d, n):
            tip = m + size * u
            base = m - size * 0.6 * u
            p.drawPolygon(
                QPolygonF([QPointF(*tip), QPointF(*(base + size * 0.7 * v)), QPointF(*(base - size * 0.7 * v))])
            )
        p.restore()

    def _paint_nodes(self, p: QPainter) -> None:
        s = self._node_px
        half = s / 2
        ink = self.palette().text().color()  # dark on the light theme's base, light on the dark one's
        outline = QPen(_blend(self.palette().base().color(), ink, 0.75), 1.0)
        if self._image_rect is not None:
            self._paint_input_image(p, outline, ink)
        for k, pos in enumerate(self._pos):
            if k == 0 and self._image_rect is not None:
                continue
            for u, (x, y) in enumerate(pos):
                rect = QRectF(x - half, y - half, s, s)
                image = self.images.get((k, u))
                if (k, u) in self.off:
                    self._paint_off_node(p, rect, ink)
                elif image is not None:
                    p.drawImage(rect, image)
                    p.setPen(outline)
                    p.setBrush(Qt.BrushStyle.NoBrush)
                    p.drawRect(rect)
                else:
                    p.setPen(outline if s >= 6 else Qt.PenStyle.NoPen)
                    p.setBrush(QBrush(self.node_fill.get((k, u), QColor(200, 200, 200))))
                    p.drawEllipse(rect)
                rim = self.rims.get((k, u))
                if rim is not None:
                    color, width = rim
                    p.setPen(QPen(color, width))
                    p.setBrush(Qt.BrushStyle.NoBrush)
                    g = width / 2 + 1
                    p.drawRect(rect.adjusted(-g, -g, g, g))
                hovered = bool(self._hover) and self._hover[1:3] == (k, u) and self._hover[0] in ("node", "switch")
                if self.selected == (k, u) or (hovered and self._hover[0] == "node"):
                    p.setPen(QPen(ink, 2.5 if self.selected == (k, u) else 1.5))
                    p.setBrush(Qt.BrushStyle.NoBrush)
                    p.drawRect(rect.adjusted(-3, -3, 3, 3))
                if self.is_hidden(k) and (s >= MIN_SWITCH_NODE_PX or hovered or (k, u) in self.off):
                    self._paint_switch(p, k, u, ink, hovered and self._hover[0] == "switch")

    def _paint_off_node(self, p: QPainter, rect: QRectF, ink: QColor) -> None:
        """A switched-off unit: greyed, its outline dashed, crossed."""
        base = self.palette().base().color()
        pen = QPen(_blend(base, ink, 0.55), 1.0)
        pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.setBrush(QBrush(_blend(base, ink, 0.12)))
        p.drawRect(rect)
        p.setPen(QPen(_blend(base, ink, 0.6), 1.5))
        inset = rect.adjusted(rect.width() * 0.22, rect.height() * 0.22, -rect.width() * 0.22, -rect.height() * 0.22)
        p.drawLine(inset.topLeft(), inset.bottomRight())
        p.drawLine(inset.topRight(), inset.bottomLeft())

    def _paint_switch(self, p: QPainter, k: int, u: int, ink: QColor, hovered: bool) -> None:
        """The unit's switch: a small disc with a power sign, light when the unit works, dark when it is off."""
        base = self.palette().base().color()
        off = (k, u) in self.off
        c = self.switch_center(k, u)
        if self.units_locked:  # disabled: a faint disc, no power sign, no growing under the mouse
            r = self.switch_radius
            pen = QPen(_blend(base, ink, 0.35), 1.0)
            pen.setStyle(Qt.PenStyle.DotLine)
            p.setPen(pen)
            p.setBrush(QBrush(_blend(base, ink, 0.3) if off else base))
            p.drawEllipse(c, r, r)
            return
        r = self.switch_radius + (1.0 if hovered else 0.0)
        p.setPen(QPen(ink if hovered else _blend(base, ink, 0.7), 1.5 if hovered else 1.0))
        p.setBrush(QBrush(_blend(base, ink, 0.75) if off else base))
        p.drawEllipse(c, r, r)
        glyph = QPen(base if off else _blend(base, ink, 0.8), max(1.0, r / 4))
        glyph.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(glyph)
        p.setBrush(Qt.BrushStyle.NoBrush)
        g = r * 0.55
        p.drawArc(QRectF(c.x() - g, c.y() - g, 2 * g, 2 * g), 120 * 16, 300 * 16)  # ⏻: an open ring
        p.drawLine(QPointF(c.x(), c.y() - g * 1.2), QPointF(c.x(), c.y() - g * 0.1))  # and its stroke

    def _paint_input_image(self, p: QPainter, outline: QPen, ink: QColor) -> None:
        rect = self._image_rect
        p.save()
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        p.drawImage(rect, self.input_image)
        p.setPen(outline)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(rect)
        if self._hover and self._hover[:2] == ("node", 0):
            x, y = self._pos[0][self._hover[2]]
            px = rect.width() / self.input_shape[1]
            p.setPen(QPen(ink, 1.5))
            p.drawRect(QRectF(x - px / 2, y - px / 2, px, px))
        p.restore()

    def caption_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        return font

    def shown_note(self) -> str:
        """The note as painted: in full when it fits the width, else in a few words (elided if even they do not)."""
        metrics = QFontMetrics(self.caption_font())
        room = self.width() - 8
        if metrics.horizontalAdvance(self.note) <= room or not self.short_note:
            return self.note
        return metrics.elidedText(self.short_note, Qt.TextElideMode.ElideRight, room)

    def _paint_captions(self, p: QPainter) -> None:
        p.setFont(self.caption_font())
        p.setPen(self.palette().text().color())
        n = len(self._pos)
        for k, pos in enumerate(self._pos):
            x = float(pos[0, 0])
            if k == 0 and self._image_rect is not None:
                x = float(self._image_rect.center().x())
                caption = "input image"
            elif k == 0:
                caption = "inputs"
            elif k == n - 1:
                caption = "output"
            else:
                caption = f"h{k}"
            left = min(max(x - 40, 0.0), self.width() - 80.0)
            p.drawText(QRectF(left, 0, 80, 16), Qt.AlignmentFlag.AlignCenter, caption)
        # input labels next to the input nodes when there is room
        for text, (x, y) in zip(self.input_label_texts(), self._pos[0]):
            p.drawText(
                QRectF(0, y - 8, max(x - self._node_px / 2 - 1, 1), 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
        if self.note:
            p.drawText(
                QRectF(4, self.height() - 16, self.width() - 8, 16),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.shown_note(),
            )

    # -- hit testing ----------------------------------------------------------------------------
    def item_at(self, x: float, y: float):
        """("switch", layer, unit), ("node", layer, unit), ("line", layer, i, j) or None under the widget position
        (x, y). A hidden unit's switch comes first: it lies over its node's corner."""
        if not self._pos:
            return None
        reach_switch, half = self.switch_radius + 1.5, self._node_px / 2
        for k in range(1, len(self._pos) - 1):
            pos = self._pos[k]
            d = np.hypot(pos[:, 0] + half - x, pos[:, 1] - half - y)
            u = int(np.argmin(d))
            if d[u] <= reach_switch:
                return ("switch", k, u)
        reach = self._node_px / 2 + 2
        if self._image_rect is not None and self._image_rect.contains(x, y):
            rows, cols = self.input_shape
            rect = self._image_rect
            r = min(int((y - rect.top()) / rect.height() * rows), rows - 1)
            c = min(int((x - rect.left()) / rect.width() * cols), cols - 1)
            return ("node", 0, r * cols + c)
        for k, pos in enumerate(self._pos):
            if k == 0 and self._image_rect is not None:
                continue
            if abs(pos[0, 0] - x) <= reach:
                d = np.abs(pos[:, 1] - y)
                u = int(np.argmin(d))
                if d[u] <= reach:
                    return ("node", k, u)
        segs = self._segments
        if segs is None or not len(segs):
            return None
        p0, p1 = segs[:, :2], segs[:, 2:]
        d = p1 - p0
        length2 = np.maximum((d * d).sum(axis=1), 1e-9)
        t = np.clip(((np.array([x, y]) - p0) * d).sum(axis=1) / length2, 0, 1)
        closest = p0 + t[:, None] * d
        dist = np.hypot(closest[:, 0] - x, closest[:, 1] - y)
        best = int(np.argmin(dist))
        if dist[best] <= 4.0:
            return ("line",) + self._segment_ids[best]
        return None

    def mouseMoveEvent(self, event) -> None:
        pos = event.position()
        item = self.item_at(pos.x(), pos.y())
        if item != self._hover:
            self._hover = item
            self.update()
        self.hovered.emit(item)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:
        if self._hover is not None:
            self._hover = None
            self.update()
        self.hovered.emit(None)
        super().leaveEvent(event)

    # -- keyboard -------------------------------------------------------------------------------
    def event(self, event) -> bool:
        # The diagram's keys are its own while it has the focus (Space would otherwise play, → step).
        if event.type() == QEvent.Type.ShortcutOverride and event.key() in _KEYS + (Qt.Key.Key_Enter,):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if not self._pos:
            super().keyPressEvent(event)
            return
        key = event.key()
        k, u = self._keyed_unit()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            k = min(max(k + (1 if key == Qt.Key.Key_Right else -1), 0), len(self._pos) - 1)
            u = min(u, len(self._pos[k]) - 1)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            u = min(max(u + (1 if key == Qt.Key.Key_Down else -1), 0), len(self._pos[k]) - 1)
        elif key == Qt.Key.Key_Space and self.is_hidden(k):
            self.clicked.emit(("switch", k, u))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.clicked.emit(("node", k, u))
        else:
            super().keyPressEvent(event)
            return
        self._hover = ("node", k, u)
        self.update()
        self.hovered.emit(self._hover)

    def _keyed_unit(self) -> tuple[int, int]:
        """The unit the keys act on: the one under the mouse or picked last, else the first hidden one."""
        if self._hover and self._hover[0] in ("node", "switch"):
            return self._hover[1], self._hover[2]
        return (1 if len(self._pos) > 2 else 0), 0

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            pos = event.position()
            item = self.item_at(pos.x(), pos.y())
            if item is not None and item[0] in ("node", "switch"):
                self.clicked.emit(item)
                event.accept()
                return
        super().mousePressEvent(event)
