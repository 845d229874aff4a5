"""Painting the network diagram's lines: every weight a line from unit i to unit j of the next layer, blue when
what it shows is positive and orange when negative (Okabe-Ito), in a few width buckets so each bucket is one
``drawLines`` call; the lines of a unit switched off thin, pale and dashed; chevrons pointing backward along the
lines in the backward pass; the hovered line dashed in the theme's ink. ``paint_lines(p, canvas)`` reads what
to paint from the ``DiagramCanvas``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

import numpy as np
from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF

from gui.inside.inspect_common import NEGATIVE, POSITIVE

WIDTH_LEVELS = 8  # line widths are bucketed so each bucket is one drawLines call
MAX_LINE_WIDTH = 5.0


def blend(background: QColor, color: QColor, t: float) -> QColor:
    """``color`` at strength t in [0, 1] over ``background``, as an opaque colour."""
    return QColor(
        int(background.red() + (color.red() - background.red()) * t),
        int(background.green() + (color.green() - background.green()) * t),
        int(background.blue() + (color.blue() - background.blue()) * t),
    )


def crowding(n_lines: int) -> float:
    """1 for a few lines, down to 0.3 for many: many lines in a small space are drawn thinner and paler, so the
    strongest still stand out."""
    return float(np.clip(np.sqrt(40.0 / max(n_lines, 1)), 0.3, 1.0))


def line_width(level: int, crowd: float, scale: float) -> float:
    """The pen width of width bucket ``level`` among lines of ``crowding`` ``crowd``, widened by ``scale``."""
    return (0.4 + crowd * MAX_LINE_WIDTH * (level + 0.5) / WIDTH_LEVELS) * scale


def paint_lines(p: QPainter, canvas) -> None:
    for _, draw in line_batches(canvas):
        draw(p)
    paint_hovered_line(p, canvas)


def line_batches(canvas) -> Iterator[tuple[int, Callable[[QPainter], None]]]:
    """The lines in the order they are painted, in batches of one pen: (number of lines, a function painting them).
    ``paint_lines`` paints them all at once; the canvas's picture (``gui.inside.diagram_picture``) a few batches
    per turn of the event loop. What to paint is read from ``canvas`` as the batches are taken."""
    background = canvas.palette().base().color()
    positions = canvas.positions
    for k, pairs in enumerate(canvas.drawn):
        if k + 1 >= len(positions) or not len(pairs):
            continue
        dim = faded(canvas, k, pairs)
        if dim.any():
            yield (
                int(dim.sum()),
                partial(_paint_faded, canvas=canvas, a=positions[k][pairs[dim, 0]], b=positions[k + 1][pairs[dim, 1]]),
            )
        values = canvas.line_values[k][pairs[:, 0], pairs[:, 1]]
        mags = np.abs(values)
        top = float(np.nanmax(mags)) if mags.size and np.isfinite(mags).any() else 0.0
        rel = np.nan_to_num(mags / top) if top > 0 else np.zeros_like(mags)
        level = np.minimum((rel * WIDTH_LEVELS).astype(int), WIDTH_LEVELS - 1)
        a, b = positions[k][pairs[:, 0]], positions[k + 1][pairs[:, 1]]
        ends = np.column_stack([a, b]).tolist()  # Python floats: a QLineF from them is ~4x cheaper than from NumPy's
        positive = values >= 0
        crowd = crowding(len(pairs))
        # Opaque colours blended toward the background, not alpha: translucent wide lines are 10-50x
        # slower to rasterise. Weak levels are drawn first, so strong lines lie on top.
        group = np.where(dim, -1, 2 * level + ~positive)  # level lv: 2 lv positive, 2 lv + 1 negative
        order = np.argsort(group, kind="stable")  # each group's lines in their own order, as drawn before
        bounds = np.searchsorted(group[order], np.arange(2 * WIDTH_LEVELS + 1))
        for g in range(2 * WIDTH_LEVELS):
            sel = order[bounds[g] : bounds[g + 1]]
            if not sel.size:
                continue
            lv, sign = divmod(g, 2)
            strength = (lv + 1) / WIDTH_LEVELS
            t = 0.15 + 0.85 * strength ** (1.0 / crowd) if crowd < 1 else 0.25 + 0.75 * strength
            color = blend(background, QColor(NEGATIVE if sign else POSITIVE), t)
            pen = QPen(color, line_width(lv, crowd, canvas.line_scale))
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            lines = [QLineF(*ends[s]) for s in sel.tolist()]
            chevrons = (a[sel], b[sel]) if canvas.chevrons and lv >= 2 else None
            yield len(lines), partial(_paint_batch, pen=pen, lines=lines, chevrons=chevrons, color=color)


def _paint_batch(
    p: QPainter, pen: QPen, lines: list[QLineF], chevrons: tuple[np.ndarray, np.ndarray] | None, color: QColor
) -> None:
    p.setPen(pen)
    p.drawLines(lines)
    if chevrons is not None:
        _paint_chevrons(p, chevrons[0], chevrons[1], color)


def paint_hovered_line(p: QPainter, canvas) -> None:
    """The hovered line, over the others: dashed in the theme's ink."""
    hover = canvas.hover
    if hover and hover[0] == "line":
        _, layer, i, j = hover
        a, b = canvas.positions[layer - 1][i], canvas.positions[layer][j]
        p.setPen(QPen(canvas.palette().text().color(), 2.0, Qt.PenStyle.DashLine))
        p.drawLine(QLineF(a[0], a[1], b[0], b[1]))


def faded(canvas, k: int, pairs: np.ndarray) -> np.ndarray:
    """Which of layer pair k's drawn lines touch a unit switched off (from layer k or into layer k + 1)."""
    off = canvas.off
    if not off:
        return np.zeros(len(pairs), dtype=bool)
    rows = np.array([(k, i) in off for i in range(canvas.sizes[k])], dtype=bool)
    cols = np.array([(k + 1, j) in off for j in range(canvas.sizes[k + 1])], dtype=bool)
    return rows[pairs[:, 0]] | cols[pairs[:, 1]]


def _paint_faded(p: QPainter, *, canvas, a: np.ndarray, b: np.ndarray) -> None:
    """Lines of a switched-off unit: thin, pale and dashed (they carry nothing now)."""
    pen = QPen(blend(canvas.palette().base().color(), canvas.palette().text().color(), 0.22), 0.8)
    pen.setStyle(Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.drawLines([QLineF(a[s, 0], a[s, 1], b[s, 0], b[s, 1]) for s in range(len(a))])


def _paint_chevrons(p: QPainter, a: np.ndarray, b: np.ndarray, color: QColor) -> None:
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
        p.drawPolygon(QPolygonF([QPointF(*tip), QPointF(*(base + size * 0.7 * v)), QPointF(*(base - size * 0.7 * v))]))
    p.restore()
