"""PointsLayer: several pixel-sized scatter items painted as one cached image.

Why: the boundary image under the points changes every frame, so every frame repaints the whole plot area.
Qt's per-item cache (DeviceCoordinateCache) kept each scatter from being drawn again, but each cached item
was still one plot-sized pixmap blended per frame: eight of them (classes, test halos, misclassified rings)
cost more than the boundary image itself. A layer draws its members once into one image, in the device
pixels it is shown in, and then blends that one image per frame until a member changes (data, style,
visibility) or the view moves (pan, zoom, resize).

The members stay ordinary scene items (their data, visibility and bounds work as before) with the
``ItemHasNoContents`` flag, so the scene never paints them itself; they must call ``changed()`` of their
layer when they change (``MemberScatter`` does). When pyqtgraph exports the scene (SVG, PNG at another
size), the members are painted as vector shapes: by the layer into a PNG, by pyqtgraph's SVG exporter itself
(which paints every item, whatever its flags) into an SVG.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter, QPaintEngine, QTransform
from PySide6.QtWidgets import QGraphicsItem


class MemberScatter(pg.ScatterPlotItem):
    """A scatter whose every change (data, pen, symbol, size: pyqtgraph calls ``update()`` for each)
    tells its layer. Never takes clicks: a click on a point must reach the ViewBox."""

    layer: "PointsLayer | None" = None

    def update(self, *args):
        if self.layer is not None:
            self.layer.changed()
        super().update(*args)

    def mouseClickEvent(self, ev):
        ev.ignore()


class PointsLayer(pg.GraphicsObject):
    """Paints ``members`` (pixel-mode scatter items, siblings of the layer in the same parent) in the
    order of their z values, from one image cached per device transform and member state.

    Give the layer the same parent as its members and a z value where they should appear."""

    def __init__(self):
        super().__init__()
        self._members: list[MemberScatter] = []
        self._version = 0
        self._key = None
        self._image: QImage | None = None
        self.renders = 0  # how many times the image was drawn again (tests)

    def add(self, item: MemberScatter) -> None:
        item.layer = self
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        self._members.append(item)
        self.changed()

    def changed(self) -> None:
        """A member changed: draw the image again at the next paint."""
        self._version += 1
        self.update()

    # ------------------------------------------------------------------ QGraphicsItem
    def boundingRect(self) -> QRectF:
        vb = self.getViewBox()
        return QRectF() if vb is None else self.mapRectFromParent(vb.viewRect())

    def viewRangeChanged(self):
        self.prepareGeometryChange()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        shown = sorted((m for m in self._members if m.isVisible()), key=lambda m: m.zValue())
        if not shown:
            return
        if self._exportOpts is not False:  # exporting: vector points, at the exporter's scale
            if painter.paintEngine().type() == QPaintEngine.Type.SVG:
                return  # pyqtgraph's SVG exporter paints every item itself, the members included
            for member in shown:
                painter.save()
                member.paint(painter, option, widget)
                painter.restore()
            return
        transform = painter.transform()
        area = transform.mapRect(self.boundingRect()).toAlignedRect()
        if area.isEmpty():
            return
        key = (self._version, tuple(id(m) for m in shown), area.getRect(), transform.m11(), transform.m12(),
               transform.m21(), transform.m22(), transform.dx(), transform.dy())
        if key != self._key or self._image is None:
            self._render(shown, transform, area, widget)
            self._key = key
        painter.save()
        painter.resetTransform()
        painter.drawImage(area.topLeft(), self._image)
        painter.restore()

    def _render(self, shown, transform: QTransform, area, widget) -> None:
        ratio = widget.devicePixelRatioF() if widget is not None else 1.0
        image = QImage(round(area.width() * ratio), round(area.height() * ratio),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(0)
        p = QPainter(image)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            local = transform * QTransform.fromTranslate(-area.x(), -area.y())
            for member in shown:
                p.save()
                p.setTransform(local)
                member.paint(p, None, widget)
                p.restore()
        finally:
            p.end()
        self._image = image
        self.renders += 1
