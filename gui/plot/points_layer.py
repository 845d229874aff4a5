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

``SpriteScatter`` is a lighter member for many copies of one round symbol (the rings of misclassified
points): it keeps positions only, no per-point style.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from pyqtgraph import functions as fn
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Slot
from PySide6.QtGui import QImage, QPaintEngine, QPainter, QPainterPath, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsItem

PART_STAMPS = 2500  # sprites stamped in one turn when a large layer is drawn again in parts (~1 ms at 100 000 points)


class MemberScatter(pg.ScatterPlotItem):
    """A scatter whose every change (data, pen, symbol, size: pyqtgraph calls ``update()`` for each)
    tells its layer. Never takes clicks: a click on a point must reach the ViewBox."""

    layer: PointsLayer | None = None

    def update(self, *args):
        if self.layer is not None:
            self.layer.changed()
        super().update(*args)

    def mouseClickEvent(self, ev):
        ev.ignore()


class SpriteScatter(pg.GraphicsObject):
    """Many copies of one circle at data positions, drawn in passes: each pass a (pen, brush) over every
    point, so that a white halo lies under every dark ring. Of a ``PointsLayer`` only.

    ``ScatterPlotItem.setData`` keeps a style record per point, in Python (~1 µs a point and item): at
    100 000 points the thousands of rings of misclassified points made turns of 20-40 ms. ``setData`` here
    keeps the positions only, and ``paint`` stamps one pre-drawn sprite per point and pass with one
    ``drawPixmapFragments`` from a NumPy array, as pyqtgraph's own scatter paints (its ``PrimitiveArray``).
    Exported (PNG, SVG), the circles are vector shapes.

    size : the circle's diameter in pixels (pyqtgraph's ``size``); passes : [(pen, brush or None), ...]
    """

    layer: PointsLayer | None = None

    def __init__(self, size: float, passes):
        super().__init__()
        self._size = float(size)
        self._passes = [(fn.mkPen(pen), fn.mkBrush(brush) if brush is not None else None) for pen, brush in passes]
        self._xy = np.empty((2, 0))
        self._bounds = QRectF()
        self._sprites: tuple[float, list[QPixmap]] | None = None  # (device pixel ratio, one per pass)
        self._fragments = PrimitiveArray(QPainter.PixmapFragment, 10)

    def diameter(self) -> float:
        """The circles' diameter in pixels."""
        return self._size

    def set_style(self, size: float, passes) -> None:
        """Another diameter and other passes for every circle."""
        self._size = float(size)
        self._passes = [(fn.mkPen(pen), fn.mkBrush(brush) if brush is not None else None) for pen, brush in passes]
        self._sprites = None
        if self.layer is not None:
            self.layer.changed()
        self.update()

    def setData(self, x=(), y=()) -> None:
        """The circles' centres, in data coordinates (two sequences of equal length)."""
        xy = np.array([np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()])
        self.prepareGeometryChange()
        self._xy = xy
        if xy.shape[1]:
            (x0, y0), (x1, y1) = xy.min(axis=1), xy.max(axis=1)
            self._bounds = QRectF(x0, y0, x1 - x0, y1 - y0)
        else:
            self._bounds = QRectF()
        if self.layer is not None:
            self.layer.changed()
        self.update()

    def points(self) -> np.ndarray:
        """The centres, shape (n_points, 2) (a copy)."""
        return self._xy.T.copy()

    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)  # the centres' (the layer paints; the item has no contents)

    def _sprite_pixmaps(self, ratio: float) -> list[QPixmap]:
        if self._sprites is None or self._sprites[0] != ratio:
            pixmaps = []
            for pen, brush in self._passes:
                side = math.ceil((self._size + pen.widthF() + 2) * ratio)
                pixmap = QPixmap(side, side)
                pixmap.fill(Qt.GlobalColor.transparent)
                p = QPainter(pixmap)
                p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                p.scale(ratio, ratio)
                p.setPen(pen)
                p.setBrush(brush if brush is not None else Qt.BrushStyle.NoBrush)
                r = self._size / 2
                p.drawEllipse(QPointF(side / ratio / 2, side / ratio / 2), r, r)
                p.end()
                pixmaps.append(pixmap)
            self._sprites = (ratio, pixmaps)
        return self._sprites[1]

    def paint(self, painter: QPainter, option, widget=None) -> None:
        n = self._xy.shape[1]
        if not n:
            return
        centres = fn.transformCoordinates(painter.transform(), self._xy)  # device pixels, shape (2, n)
        painter.resetTransform()
        if self._exportOpts is not False:
            if painter.paintEngine().type() == QPaintEngine.Type.SVG:
                painter.setOpacity(self.opacity())  # pyqtgraph's SVG exporter paints an item alone, at full opacity
            r = self._size / 2 * self._exportOpts.get("resolutionScale", 1.0)
            for pen, brush in self._passes:
                path = QPainterPath()
                for cx, cy in centres.T:
                    path.addEllipse(QPointF(cx, cy), r, r)
                painter.setPen(pen)
                painter.setBrush(brush if brush is not None else Qt.BrushStyle.NoBrush)
                painter.drawPath(path)
            return
        ratio = widget.devicePixelRatioF() if widget is not None else painter.device().devicePixelRatioF()
        for index in range(len(self._passes)):
            self._stamp(painter, centres, index, ratio)

    def stamp_part(self, painter: QPainter, xy: np.ndarray, index: int, ratio: float) -> None:
        """Pass ``index`` over the centres ``xy`` (data coordinates, shape (2, k): a slice of what ``paint`` stamps),
        with ``painter``'s transform, as ``paint`` stamps them: a layer draws a large set in parts (``PointsLayer``)."""
        centres = fn.transformCoordinates(painter.transform(), xy)
        painter.resetTransform()
        self._stamp(painter, centres, index, ratio)

    def passes(self) -> int:
        return len(self._passes)

    def data(self) -> np.ndarray:
        """The centres, shape (2, n) (the array itself: ``setData`` replaces it, never changes it)."""
        return self._xy

    def _stamp(self, painter: QPainter, centres: np.ndarray, index: int, ratio: float) -> None:
        n = centres.shape[1]
        if not n:
            return
        pixmap = self._sprite_pixmaps(ratio)[index]
        side = pixmap.width()
        self._fragments.resize(n)
        fragments = self._fragments.ndarray()
        fragments[:, 0:2] = centres.T  # x, y: the centre of the target
        fragments[:, 2:6] = (0, 0, side, side)  # the source rectangle in the sprite
        fragments[:, 6:10] = (1 / ratio, 1 / ratio, 0.0, 1.0)  # scale x, y, rotation, opacity
        # (pointer, count, pixmap): the overload pyqtgraph's PrimitiveArray is made for, missing from PySide's stubs
        painter.drawPixmapFragments(*self._fragments.drawargs(), pixmap)  # type: ignore[call-arg]


class PointsLayer(pg.GraphicsObject):
    """Paints ``members`` (pixel-mode scatter items, siblings of the layer in the same parent) in the
    order of their z values, from one image cached per device transform and member state.

    Give the layer the same parent as its members and a z value where they should appear.

    A layer of ``SpriteScatter`` members only whose data changed while the view stayed still, and which has more
    than ``PART_STAMPS`` sprites to stamp, is drawn again in parts of ``PART_STAMPS`` on turns of the event loop of
    their own (a zero timer), the image drawn last staying shown until the new one is whole: at 100 000 points the
    rings of ~12 000 misclassified points took ~10 ms of one turn, a frame late each time they followed the
    training. The parts stamp, in the same order, what one paint stamps: the image is the same, a few turns
    later. A view that moves draws the image at once (the last one would stand in the wrong place)."""

    def __init__(self):
        super().__init__()
        self._members: list[MemberScatter | SpriteScatter] = []
        self._version = 0
        self._key = None
        self._image: QImage | None = None
        self.renders = 0  # how many times the image was drawn again (tests)
        self._job: _PartsJob | None = None
        self._job_timer = QTimer(self)
        self._job_timer.setSingleShot(True)
        self._job_timer.setInterval(0)
        self._job_timer.setObjectName("PointsLayer.part")  # named in bench.late_turns
        self._job_timer.timeout.connect(self._draw_part)

    def add(self, item: MemberScatter | SpriteScatter) -> None:
        item.layer = self
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        self._members.append(item)
        self.changed()

    def changed(self) -> None:
        """A member changed: draw the image again at the next paint."""
        self._version += 1
        self.update()

    def drawing_in_parts(self) -> bool:
        """Whether a new image is being drawn in parts (the one shown is the one drawn before)."""
        return self._job is not None

    # ------------------------------------------------------------------ QGraphicsItem
    def boundingRect(self) -> QRectF:
        vb = self.getViewBox()
        return QRectF() if vb is None else self.mapRectFromParent(vb.viewRect())

    def viewRangeChanged(self):
        self.prepareGeometryChange()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        shown = sorted((m for m in self._members if m.isVisible()), key=lambda m: m.zValue())
        if not shown:
            self._stop_job()
            self._image = self._key = None  # members shown again start from a blank image, not from this one
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
        place = (
            tuple(id(m) for m in shown),
            area.getRect(),
            transform.m11(),
            transform.m12(),
            transform.m21(),
            transform.m22(),
            transform.dx(),
            transform.dy(),
        )
        key = (self._version, place)
        image = self._image
        if key != self._key or image is None:
            if image is not None and self._key is not None and self._key[1] == place and self._in_parts(shown):
                self._start_job(key, shown, transform, area, widget)  # the image drawn last meanwhile
            else:
                self._stop_job()
                image = self._render(shown, transform, area, widget)
                self._key = key
        painter.save()
        painter.resetTransform()
        painter.drawImage(area.topLeft(), image)
        painter.restore()

    # ------------------------------------------------------------------ drawing in parts
    @staticmethod
    def _in_parts(shown) -> bool:
        if not all(isinstance(m, SpriteScatter) for m in shown):
            return False
        return sum(m.data().shape[1] * m.passes() for m in shown) > PART_STAMPS

    def _start_job(self, key, shown, transform: QTransform, area, widget) -> None:
        if self._job is not None:
            # under way: it ends, is shown, and the paint that follows starts on the newest data (starting over at
            # every change would show nothing new while the data change faster than the parts are drawn)
            return
        ratio = widget.devicePixelRatioF() if widget is not None else 1.0
        image = self._blank(area, ratio)
        local = transform * QTransform.fromTranslate(-area.x(), -area.y())
        # the members' data as they are now (setData replaces an array, never changes it)
        parts = [
            (member, member.data()[:, start : start + PART_STAMPS], index)
            for member in shown
            for index in range(member.passes())
            for start in range(0, member.data().shape[1], PART_STAMPS)
        ]
        self._job = _PartsJob(key, image, local, ratio, parts)
        self._job_timer.start()

    def _stop_job(self) -> None:
        self._job = None
        self._job_timer.stop()

    @Slot()
    def _draw_part(self) -> None:
        job = self._job
        if job is None:
            return
        member, xy, index = job.parts[job.done]
        p = QPainter(job.image)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setTransform(job.local)
            member.stamp_part(p, xy, index, job.ratio)
        finally:
            p.end()
        job.done += 1
        if job.done < len(job.parts):
            self._job_timer.start()
            return
        self._image, self._key = job.image, job.key
        self._job = None
        self.renders += 1
        self.update()

    @staticmethod
    def _blank(area, ratio: float) -> QImage:
        image = QImage(
            round(area.width() * ratio), round(area.height() * ratio), QImage.Format.Format_ARGB32_Premultiplied
        )
        image.setDevicePixelRatio(ratio)
        image.fill(0)
        return image

    def _render(self, shown, transform: QTransform, area, widget) -> QImage:
        ratio = widget.devicePixelRatioF() if widget is not None else 1.0
        image = self._blank(area, ratio)
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
        return image


@dataclass
class _PartsJob:
    """A layer's image being drawn in parts: ``parts[done:]`` are still to stamp into ``image``."""

    key: tuple
    image: QImage
    local: QTransform
    ratio: float
    parts: list
    done: int = 0
