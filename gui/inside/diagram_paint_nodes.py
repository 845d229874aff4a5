"""Painting the network diagram's nodes: each unit a square with its map (or a disc filled with one colour when
there is no room for a map), rims for dL/dz in the backward pass, a frame round the selected or hovered node; a
hidden unit's switch at its top-right corner; a unit switched off greyed, dashed and crossed; the digits' inputs
as one image with the hovered pixel framed. ``paint_nodes(p, canvas)`` reads what to paint from the
``DiagramCanvas``.

The switch is a small disc with a power sign, light when the unit works and dark when it is off. While
``canvas.units_locked`` (a lesson fixes the network) it is greyed, with a padlock in place of the sign, and does not
grow under the mouse. Nodes smaller than ``MIN_SWITCH_NODE_PX`` show their switch only under the mouse (or when off).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen

from gui.inside.diagram_paint_lines import blend

MIN_SWITCH_NODE_PX = 12  # smaller hidden nodes show their switch only under the mouse


def paint_nodes(p: QPainter, canvas) -> None:
    s = canvas.node_px
    half = s / 2
    ink = canvas.palette().text().color()  # dark on the light theme's base, light on the dark one's
    base = canvas.palette().base().color()
    outline = QPen(blend(base, ink, 0.75), 1.0)
    ratio = p.device().devicePixelRatioF() if p.device() is not None else 1.0
    image_rect = canvas.image_rect
    hover = canvas.hover
    if image_rect is not None:
        _paint_input_image(p, canvas, outline, ink)
    for k, pos in enumerate(canvas.positions):
        if k == 0 and image_rect is not None:
            continue
        for u, (x, y) in enumerate(pos):
            rect = QRectF(x - half, y - half, s, s)
            image = canvas.images.get((k, u))
            if (k, u) in canvas.off:
                _paint_off_node(p, canvas, rect, ink)
            elif image is not None:
                p.drawImage(rect, image)
                p.setPen(outline)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(rect)
            else:
                p.setPen(outline if s >= 6 else Qt.PenStyle.NoPen)
                p.setBrush(QBrush(canvas.node_fill.get((k, u), QColor(200, 200, 200))))
                p.drawEllipse(rect)
            rim = canvas.rims.get((k, u))
            if rim is not None:
                color, width = rim
                p.setPen(QPen(color, width))
                p.setBrush(Qt.BrushStyle.NoBrush)
                g = width / 2 + 1
                p.drawRect(rect.adjusted(-g, -g, g, g))
            hovered = bool(hover) and hover[1:3] == (k, u) and hover[0] in ("node", "switch")
            if canvas.selected == (k, u) or (hovered and hover[0] == "node"):
                p.setPen(QPen(ink, 2.5 if canvas.selected == (k, u) else 1.5))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(rect.adjusted(-3, -3, 3, 3))
            if canvas.is_hidden(k) and (s >= MIN_SWITCH_NODE_PX or hovered or (k, u) in canvas.off):
                _paint_switch(p, canvas, k, u, ink, base, ratio, hovered and hover[0] == "switch")


def _paint_off_node(p: QPainter, canvas, rect: QRectF, ink: QColor) -> None:
    """A switched-off unit: greyed, its outline dashed, crossed."""
    base = canvas.palette().base().color()
    pen = QPen(blend(base, ink, 0.55), 1.0)
    pen.setStyle(Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.setBrush(QBrush(blend(base, ink, 0.12)))
    p.drawRect(rect)
    p.setPen(QPen(blend(base, ink, 0.6), 1.5))
    inset = rect.adjusted(rect.width() * 0.22, rect.height() * 0.22, -rect.width() * 0.22, -rect.height() * 0.22)
    p.drawLine(inset.topLeft(), inset.bottomRight())
    p.drawLine(inset.topRight(), inset.bottomLeft())


#: each look of a switch drawn once and then stamped: drawn in place, the antialiased disc, arc and round-capped
#: stroke of every hidden unit's switch cost ~0.1 ms each, half the paint of a 2-16-16-1 diagram (the longest turn
#: of the window's event loop while training)
_SWITCH_SPRITES: dict[tuple, QImage] = {}
_MAX_SPRITES = 64  # looks: radii, on/off, hovered, locked, theme colours, screens; more only after a change


def _paint_switch(p: QPainter, canvas, k: int, u: int, ink: QColor, base: QColor, ratio: float, hovered: bool) -> None:
    """The unit's switch: a small disc with a power sign, light when the unit works, dark when it is off (``base``:
    the theme's background; ``ratio``: the screen's pixel ratio)."""
    off = (k, u) in canvas.off
    locked = bool(canvas.units_locked)
    hovered = hovered and not locked  # a locked switch does not grow under the mouse
    r = canvas.switch_radius + (1.0 if hovered else 0.0)
    key = (r, off, hovered, locked, base.rgba(), ink.rgba(), ratio)
    sprite = _SWITCH_SPRITES.get(key)
    if sprite is None:
        if len(_SWITCH_SPRITES) >= _MAX_SPRITES:
            _SWITCH_SPRITES.clear()
        sprite = _SWITCH_SPRITES[key] = _switch_sprite(r, off, hovered, locked, base, ink, ratio)
    c = canvas.switch_center(k, u)
    half = sprite.width() / ratio / 2
    p.drawImage(QPointF(round(c.x() - half), round(c.y() - half)), sprite)  # whole pixels: a plain copy


def _switch_sprite(r: float, off: bool, hovered: bool, locked: bool, base: QColor, ink: QColor, ratio: float) -> QImage:
    """A switch of radius ``r`` drawn at the middle of a transparent image (``ratio``: the screen's pixel ratio)."""
    size = 2 * math.ceil(r + 2)
    image = QImage(math.ceil(size * ratio), math.ceil(size * ratio), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    try:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        _draw_switch(p, QPointF(size / 2, size / 2), r, off, hovered, locked, base, ink)
    finally:
        p.end()
    return image


def _draw_switch(
    p: QPainter, c: QPointF, r: float, off: bool, hovered: bool, locked: bool, base: QColor, ink: QColor
) -> None:
    if locked:
        _draw_locked_switch(p, c, r, off, base, ink)
        return
    p.setPen(QPen(ink if hovered else blend(base, ink, 0.7), 1.5 if hovered else 1.0))
    p.setBrush(QBrush(blend(base, ink, 0.75) if off else base))
    p.drawEllipse(c, r, r)
    glyph = QPen(base if off else blend(base, ink, 0.8), max(1.0, r / 4))
    glyph.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(glyph)
    p.setBrush(Qt.BrushStyle.NoBrush)
    g = r * 0.55
    p.drawArc(QRectF(c.x() - g, c.y() - g, 2 * g, 2 * g), 120 * 16, 300 * 16)  # ⏻: an open ring
    p.drawLine(QPointF(c.x(), c.y() - g * 1.2), QPointF(c.x(), c.y() - g * 0.1))  # and its stroke


def _draw_locked_switch(p: QPainter, c: QPointF, r: float, off: bool, base: QColor, ink: QColor) -> None:
    """A switch a lesson locks: greyed (its rim and fill fainter than a working one's), a padlock in place of its
    power sign, so that it reads as locked rather than as a plain white dot."""
    grey = blend(base, ink, 0.45)
    p.setPen(QPen(grey, 1.0))
    p.setBrush(QBrush(blend(base, ink, 0.3) if off else blend(base, ink, 0.08)))
    p.drawEllipse(c, r, r)
    lock = blend(base, ink, 0.75)
    body = QRectF(c.x() - r * 0.5, c.y() - r * 0.1, r * 1.0, r * 0.65)
    shackle = QPen(lock, max(1.0, r / 5))
    p.setPen(shackle)
    p.setBrush(Qt.BrushStyle.NoBrush)
    s = r * 0.3  # the shackle's radius: an arch over the body
    p.drawArc(QRectF(c.x() - s, body.top() - s * 1.2, 2 * s, 2 * s), 0, 180 * 16)
    p.drawLine(QPointF(c.x() - s, body.top() - s * 0.2), QPointF(c.x() - s, body.top()))
    p.drawLine(QPointF(c.x() + s, body.top() - s * 0.2), QPointF(c.x() + s, body.top()))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(lock))
    p.drawRoundedRect(body, r * 0.12, r * 0.12)


def _paint_input_image(p: QPainter, canvas, outline: QPen, ink: QColor) -> None:
    rect = canvas.image_rect
    hover = canvas.hover
    p.save()
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
    p.drawImage(rect, canvas.input_image)
    p.setPen(outline)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(rect)
    if hover and hover[:2] == ("node", 0):
        x, y = canvas.positions[0][hover[2]]
        px = rect.width() / canvas.input_shape[1]
        p.setPen(QPen(ink, 1.5))
        p.drawRect(QRectF(x - px / 2, y - px / 2, px, px))
    p.restore()
