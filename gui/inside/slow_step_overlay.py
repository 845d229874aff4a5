"""What a slow step paints on the network diagram, phase by phase.

``NetworkDiagram.set_overlay`` hands the diagram to a ``SlowStepOverlay``: the diagram then draws the weights the
phase is about (those before the step, the gradients in the backward pass, the weights moving to their new
values in the update) and the overlay paints on top: dots travelling along the lines of the layer in play
(forward: from the inputs on; backward: from the output back), the shown point's values beside the nodes (a in
the forward pass, δ in the backward pass), the loss at the output, halos on the lines the update moved, and a
veil over the layers the phase has not reached. ``progress`` (0..1) is how far into its phase the step is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from gui.inside.inspect_common import fmt, sign_qcolor
from gui.inside.slow_step_text import Phase, moved_most
from model.inside.step_phases import StepPhases
from model.nn.param_layout import layer_views
from model.training.snapshot import frozen_copy

MAX_LABELLED_UNITS = 10  # a column with more units shows the value of its featured unit only
VALUE_GAP = 6.0  # px: a value's card keeps this far from the next column's nodes
MIN_VALUE_POINTS = 6.5  # a value beside a node shrinks to this size, at the least, to fit before the next column


class SlowStepOverlay:
    """The diagram's look in one phase of ``phases`` (a ``model.inside.step_phases.StepPhases``)."""

    def __init__(self, phases: StepPhases):
        self.phases = phases
        self.phase = Phase("forward", 1)
        self.progress = 0.0
        after = phases.params_after_step if phases.params_after_step is not None else phases.params_after_batch
        self._after = np.asarray(after, dtype=np.float64)
        self._W_after = [np.asarray(W) for W, _ in layer_views(self._after, phases.layer_sizes)]

    # -- what the diagram draws -----------------------------------------------------------------
    def fits(self, sizes) -> bool:
        return tuple(int(s) for s in sizes) == self.phases.layer_sizes

    def diagram_snapshot(self, snap):
        """``snap`` with the weights of this phase (before the step; after it in the update), so the node maps
        show the network the phase is about."""
        if snap is None or not self.fits(snap.layer_sizes):
            return snap
        params = self._after if self.phase.kind == "update" else self.phases.params_before
        return replace(snap, params=frozen_copy(np.asarray(params, dtype=snap.params.dtype)))

    def line_values(self) -> list[np.ndarray]:
        """What each layer's lines show in this phase: weights, or −∂L/∂w in the backward pass."""
        layers = self.phases.layers
        if self.phase.kind == "backward":
            return [-layer.dW if k >= self.phase.layer else layer.W for k, layer in enumerate(layers, 1)]
        if self.phase.kind == "update":
            t = float(np.clip(self.progress, 0.0, 1.0))
            return [layer.W + t * (W1 - layer.W) for layer, W1 in zip(layers, self._W_after)]
        return [layer.W for layer in layers]

    def style_lines(self, canvas) -> None:
        if not self.fits(canvas.sizes):
            return
        canvas.line_values = [np.array(v, dtype=np.float64) for v in self.line_values()]
        canvas.chevrons = self.phase.kind == "backward"

    # -- painting -------------------------------------------------------------------------------
    def paint_lines(self, p: QPainter, canvas) -> None:
        """After the lines, before the nodes: travelling dots, the update's halos."""
        if not self.fits(canvas.sizes) or not canvas.positions:
            return
        kind, k = self.phase.kind, self.phase.layer
        if kind == "update":
            self._paint_halos(p, canvas)
        elif kind in ("forward", "backward") and k - 1 < len(canvas.drawn):
            self._paint_dots(p, canvas, k, backward=kind == "backward")

    def _paint_dots(self, p: QPainter, canvas, k: int, backward: bool) -> None:
        pairs = canvas.drawn[k - 1]
        if not len(pairs) or self.progress >= 1.0:  # arrived: the values stand beside the nodes
            return
        layer = self.phases.layers[k - 1]
        pos = canvas.positions
        a, b = pos[k - 1][pairs[:, 0]], pos[k][pairs[:, 1]]
        if backward:
            values = -layer.dW[pairs[:, 0], pairs[:, 1]]
            a, b = b, a
        else:
            values = layer.x[pairs[:, 0]] * layer.W[pairs[:, 0], pairs[:, 1]]
        t = 0.5 - 0.5 * np.cos(np.pi * float(np.clip(self.progress, 0.0, 1.0)))  # eased
        where = a + t * (b - a)
        top = float(np.max(np.abs(values))) if values.size else 0.0
        p.save()
        p.setPen(QPen(canvas.palette().base().color(), 1.0))
        for (x, y), v in zip(where, values):
            r = 2.0 + (3.0 * abs(v) / top if top > 0 else 0.0)
            p.setBrush(QBrush(sign_qcolor(float(v))))
            p.drawEllipse(QPointF(float(x), float(y)), r, r)
        p.restore()

    def _paint_halos(self, p: QPainter, canvas) -> None:
        pos = canvas.positions
        moves = [W1 - layer.W for layer, W1 in zip(self.phases.layers, self._W_after)]
        top = max((float(np.max(np.abs(m))) for m in moves if m.size), default=0.0)
        if top <= 0:
            return
        p.save()
        for k, pairs in enumerate(canvas.drawn, 1):
            if not len(pairs) or k >= len(pos):
                continue
            delta = moves[k - 1][pairs[:, 0], pairs[:, 1]]
            a, b = pos[k - 1][pairs[:, 0]], pos[k][pairs[:, 1]]
            for s in np.flatnonzero(np.abs(delta) > 0.05 * top):
                rel = abs(float(delta[s])) / top
                pen = QPen(sign_qcolor(float(delta[s]), int(40 + 90 * rel)), 2.0 + 6.0 * rel)
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                p.setPen(pen)
                p.drawLine(QLineF(a[s, 0], a[s, 1], b[s, 0], b[s, 1]))
        p.restore()

    def paint_over(self, p: QPainter, canvas) -> None:
        """After everything: the veil, the featured unit and line, the values beside the nodes."""
        if not self.fits(canvas.sizes) or not canvas.positions:
            return
        self._paint_veil(p, canvas)
        self._paint_featured(p, canvas)
        self._paint_values(p, canvas)

    def _column_x(self, canvas, k: int) -> float:
        return float(canvas.positions[k][0, 0])

    def _paint_veil(self, p: QPainter, canvas) -> None:
        kind, k, n = self.phase.kind, self.phase.layer, len(self.phases.layers)
        half = canvas.node_px / 2 + 4
        veil = QColor(canvas.palette().base().color())
        veil.setAlpha(175)
        if kind == "forward" and k < n:
            left = self._column_x(canvas, k) + half
            p.fillRect(QRectF(left, 16, canvas.width() - left, canvas.height() - 16), veil)
        elif kind == "backward" and k >= 2:
            right = self._column_x(canvas, k - 1) - half
            p.fillRect(QRectF(0, 16, right, canvas.height() - 16), veil)

    def _paint_featured(self, p: QPainter, canvas) -> None:
        kind, k = self.phase.kind, self.phase.layer
        ink = canvas.palette().text().color()
        if kind == "update":
            k, i, j, _ = moved_most(self.phases)
        elif kind == "loss":
            k, i, j = len(self.phases.layers), None, int(np.argmax(np.abs(self.phases.layers[-1].dz)))
        else:
            i, j = self.phases.layers[k - 1].featured()
            i = None if kind == "forward" else i
        pos = canvas.positions
        p.save()
        if i is not None:
            pen = QPen(ink, 2.0, Qt.PenStyle.DashLine)
            p.setPen(pen)
            a, b = pos[k - 1][i], pos[k][j]
            p.drawLine(QLineF(a[0], a[1], b[0], b[1]))
        half = canvas.node_px / 2 + 4
        x, y = pos[k][j]
        p.setPen(QPen(ink, 2.5))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(QPointF(float(x), float(y)), half + 2, half + 2)
        p.restore()

    def _values(self) -> dict[int, tuple[str, np.ndarray]]:
        """Column -> (symbol, values) shown beside its nodes in this phase."""
        kind, k, layers = self.phase.kind, self.phase.layer, self.phases.layers
        shown: dict[int, tuple[str, np.ndarray]] = {}
        if kind == "forward":
            shown[0] = ("x", layers[0].x)
            for m in range(1, k + 1):
                shown[m] = ("a", layers[m - 1].a)
        elif kind == "loss":
            shown[0] = ("x", layers[0].x)
            for m in range(1, len(layers) + 1):
                shown[m] = ("a", layers[m - 1].a)
        elif kind == "backward":
            shown[k - 1] = ("x" if k == 1 else "a", layers[k - 1].x)
            for m in range(k, len(layers) + 1):
                shown[m] = ("δ", layers[m - 1].dz)
        return shown

    def value_font(self, canvas) -> QFont:
        font = QFont(canvas.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        return font

    def value_cards(self, canvas) -> list[tuple[QRectF, str, QFont]]:
        """The values beside the nodes, as (card rectangle, text, font): each card lies right of its node, in the
        room before the next column's nodes (the diagram's edge for the last column), VALUE_GAP px clear of them.
        A column whose cards are too wide for that room drops their symbol ("0.0534" for "δ = 0.0534"), then a
        digit ("0.053"), then takes a smaller font; a column whose values fit in no way leaves them to the
        caption, rather than draw them over the next layer's nodes. A column's cards all read alike."""
        shown = self._values()
        base = self.value_font(canvas)
        half = canvas.node_px / 2
        featured = {}
        if self.phase.kind in ("forward", "backward"):
            featured[self.phase.layer] = self.phases.layers[self.phase.layer - 1].featured()[1]
        cards = []
        for column, (symbol, values) in shown.items():
            units: Sequence[int] = range(len(values))
            if len(values) > MAX_LABELLED_UNITS:
                units = [featured.get(column, int(np.argmax(np.abs(values))))]
            if column + 1 < len(canvas.positions):
                right = float(canvas.positions[column + 1][0, 0]) - half - VALUE_GAP
            else:
                right = float(canvas.width()) - 1
            # the units' own x: the digits' inputs are an image's pixels, each at its own place
            lefts = {u: float(canvas.positions[column][u][0]) + half + 3 for u in units}
            named = column == self.phase.layer and self.phase.kind in ("forward", "backward")
            forms = [[fmt(values[u], 3) for u in units], [fmt(values[u], 2) for u in units]]
            if named:
                forms.insert(0, [f"{symbol} = {text}" for text in forms[0]])
            fitting = _fitting_texts(forms, base, right - max(lefts.values()))
            if fitting is None:
                continue
            texts, font = fitting
            metrics = QFontMetricsF(font)
            height = metrics.height() + 2
            for u, text in zip(units, texts):
                y = float(canvas.positions[column][u][1]) + half - 6
                width = metrics.horizontalAdvance(text) + 6
                cards.append((QRectF(lefts[u], y - height / 2, width, height), text, font))
        return cards

    def _paint_values(self, p: QPainter, canvas) -> None:
        cards = self.value_cards(canvas)
        if not cards and self.phase.kind != "loss":
            return
        p.save()
        ink = canvas.palette().text().color()
        card = QColor(canvas.palette().base().color())
        card.setAlpha(225)
        for rect, text, font in cards:
            p.setFont(font)
            self._draw_card(p, rect, text, card, ink)
        if self.phase.kind == "loss":
            half = canvas.node_px / 2
            x, y = canvas.positions[-1][0]
            text = f"L = {fmt(self.phases.point_loss, 3)}"
            bold = self.value_font(canvas)
            bold.setBold(True)
            p.setFont(bold)
            metrics = p.fontMetrics()
            width = metrics.horizontalAdvance(text) + 6
            self._card(p, metrics, QPointF(float(x) - width / 2, float(y) + half + 12), text, card, ink)
        p.restore()

    @staticmethod
    def _card(p: QPainter, metrics, at: QPointF, text: str, card: QColor, ink: QColor) -> None:
        """``text`` on a rounded card whose left edge is at ``at`` (kept inside the diagram)."""
        width, height = metrics.horizontalAdvance(text) + 6, metrics.height() + 2
        rect = QRectF(at.x(), at.y() - height / 2, width, height)
        device = p.device()
        if device is not None and rect.right() > device.width():  # keep it inside the diagram
            rect.moveRight(device.width() - 1)
        SlowStepOverlay._draw_card(p, rect, text, card, ink)

    @staticmethod
    def _draw_card(p: QPainter, rect: QRectF, text: str, card: QColor, ink: QColor) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(card))
        p.drawRoundedRect(rect, 3, 3)
        p.setPen(ink)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def _fitting_texts(forms: list[list[str]], base: QFont, room: float) -> tuple[list[str], QFont] | None:
    """The first of ``forms`` (a column's texts, written one way) whose every text fits ``room`` px on its card,
    in ``base`` or a smaller font down to MIN_VALUE_POINTS, with that font; None when none fits."""
    size = base.pointSizeF()
    while True:
        font = QFont(base)
        font.setPointSizeF(size)
        metrics = QFontMetricsF(font)
        for texts in forms:
            if max(metrics.horizontalAdvance(text) for text in texts) + 6 <= room:
                return texts, font
        if size <= MIN_VALUE_POINTS:
            return None
        size = max(MIN_VALUE_POINTS, size - 0.5)
