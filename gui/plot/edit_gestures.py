"""Edit gestures: what the mouse does on the main plot, as requests to edit the data.

In the "add" tool: a click adds a point of the current class; press-drag paints a stroke of points (one request,
so one undo step); Shift-drag moves the point under the cursor; Ctrl-click (or the "erase" tool, where a drag
erases every point it touches, again as one request) and right click remove the nearest point; Alt-click (or the
"probe" tool) probes a point, and keeps probing while dragging. Right- or middle-drag pans, the wheel zooms, a
middle click resets the view.

The gestures never edit data themselves: they emit requests, and whoever owns the data (the main window, with
its undo stack) turns them into commands and shows the result. While a gesture is under way its provisional
markers (the stroke's points, the point being moved, the points an erase stroke will take) are drawn here.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QPainter, QPen, QPixmap

from gui.plot.data_points import DataPoints, put
from gui.plot.point_markers import POINT_SIZE, group_style

STROKE_SPACING_PX = 6.0  # painted points are at least this far apart on screen
PICK_RADIUS_PX = 12.0  # erase / move / right-click find a point within this distance
TOOLS = ("add", "erase", "probe")

MOUSE_HELP = (
    "Click: add a point of the current class · drag: paint points · Shift-drag: move a point · "
    "right-click or Ctrl-click: remove the nearest point · Alt-click: probe · "
    "right/middle-drag: pan · wheel: zoom · middle-click: reset the view"
)


class EditViewBox(pg.ViewBox):
    """A ViewBox whose left button edits data instead of panning; right/middle drag pans, wheel zooms."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.gestures: EditGestures | None = None  # set once the plot around this box is built
        self.setMenuEnabled(False)  # right click removes a point instead

    def mouseClickEvent(self, ev):
        if self.gestures is not None and self.gestures.on_click(ev):
            ev.accept()
        else:
            ev.ignore()

    def mouseDragEvent(self, ev, axis=None):
        if axis is None and self.gestures is not None and ev.button() == Qt.MouseButton.LeftButton:
            self.gestures.on_left_drag(ev)
            ev.accept()
            return
        if ev.button() in (Qt.MouseButton.RightButton, Qt.MouseButton.MiddleButton, Qt.MouseButton.LeftButton):
            ev.accept()
            self._pan(ev, axis)
        else:
            ev.ignore()

    def _pan(self, ev, axis):
        dif = (ev.pos() - ev.lastPos()) * -1
        mask = [1.0, 1.0] if axis is None else [float(axis == 0), float(axis == 1)]
        tr = pg.functions.invertQTransform(self.childGroup.transform())
        d = tr.map(pg.Point(dif.x() * mask[0], dif.y() * mask[1])) - tr.map(pg.Point(0, 0))
        self._resetTarget()
        self.translateBy(x=d.x() if mask[0] else None, y=d.y() if mask[1] else None)
        self.sigRangeChangedManually.emit(self.state["mouseEnabled"])

    def hoverEvent(self, ev):
        if self.gestures is not None:
            self.gestures.on_hover(ev)


class PassiveScatter(pg.ScatterPlotItem):
    """A scatter that never takes clicks: clicking on a point must reach the ViewBox (add / remove / probe)."""

    def mouseClickEvent(self, ev):
        ev.ignore()


def erase_cursor(radius: float = PICK_RADIUS_PX) -> QCursor:
    """A ring as large as the pick radius: what the erase tool will take."""
    size = int(2 * radius + 4)
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    c = size / 2
    for color, width in (("white", 3.0), ("black", 1.2)):
        p.setPen(QPen(QColor(color), width))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(QPointF(c, c), radius, radius)
    p.setPen(QPen(QColor("black"), 1.0))
    p.drawLine(QPointF(c - 3, c), QPointF(c + 3, c))
    p.end()
    return QCursor(pix, size // 2, size // 2)


class EditGestures(QObject):
    """The mouse-gesture state machine of a plot's ``EditViewBox`` over the points of ``points``.

    Signals (positions in plot coordinates)
    -------
    addPointsRequested(ndarray (k, 2))  one click (k = 1) or one painted stroke
    removePointRequested(x, y)           the exact position of the visible point to remove
    removePointsRequested(ndarray)       indices into the shown dataset, from one erase stroke
    movePointRequested(index, x, y)      Shift-drag of a point, emitted once on release
    probeRequested(x, y)                 Alt-click / probe tool (also while dragging)
    cursorMoved(x, y)                    the mouse position
    resetViewRequested()                 middle click
    """

    addPointsRequested = Signal(object)
    removePointRequested = Signal(float, float)
    removePointsRequested = Signal(object)
    movePointRequested = Signal(int, float, float)
    probeRequested = Signal(float, float)
    cursorMoved = Signal(float, float)
    resetViewRequested = Signal()

    def __init__(self, vb: EditViewBox, points: DataPoints, parent: QObject | None = None):
        super().__init__(parent)
        self.vb = vb
        self.points = points
        self.tool = "add"
        self.drag_mode: str | None = None  # "stroke" | "erase" | "move" | "probe" | None
        self._stroke: list[tuple[float, float]] = []
        self._stroke_last_px: QPointF | None = None
        self._erase_hits: set[int] = set()
        self._move_index: int | None = None
        # provisional markers: the stroke being painted (or the point being moved), the hover marker of the
        # point a click would add, and dashed rings around the points a click or stroke would take
        self.stroke_markers = PassiveScatter(pxMode=True, size=POINT_SIZE)
        self.stroke_markers.setZValue(40)
        self.hover_marker = PassiveScatter(pxMode=True, size=POINT_SIZE + 1)
        self.hover_marker.setZValue(41)
        self.hover_marker.setOpacity(0.6)
        self.pick_ring = PassiveScatter(
            pxMode=True,
            size=POINT_SIZE + 10,
            symbol="o",
            brush=None,
        )
        self.set_ink("#000000")
        self.pick_ring.setZValue(42)
        for item in (self.stroke_markers, self.hover_marker, self.pick_ring):
            vb.addItem(item, ignoreBounds=True)
            put(item)  # empty overlays stay hidden
        self._add_style = group_style(("c", 0, False))
        vb.gestures = self
        self._apply_tool_cursor()

    # ------------------------------------------------------------------------------------------ settings
    def set_ink(self, colour: str) -> None:
        """The dashed rings around the points a click or stroke would take, in ``colour`` (the plot's ink: black
        rings were lost on the dark theme's plot)."""
        self.pick_ring.setPen(pg.mkPen(colour, width=2.0, style=Qt.PenStyle.DashLine))

    def set_tool(self, tool: str) -> None:
        if tool not in TOOLS:
            raise ValueError(f"tool must be one of {TOOLS}, got {tool!r}")
        self.tool = tool
        put(self.hover_marker)
        put(self.pick_ring)
        self._apply_tool_cursor()

    def set_add_style(self, style: dict) -> None:
        """How a point that a click would add looks (the current class's marker)."""
        self._add_style = style
        self._style_markers(style)

    def _style_markers(self, style: dict) -> None:
        for item in (self.hover_marker, self.stroke_markers):
            item.setSymbol(style["symbol"])
            item.setBrush(style["brush"])
            item.setPen(style["pen"])

    def _apply_tool_cursor(self) -> None:
        if self.tool == "erase":
            self.vb.setCursor(erase_cursor())
        elif self.tool == "probe":
            self.vb.setCursor(Qt.CursorShape.WhatsThisCursor)
        else:
            self.vb.setCursor(Qt.CursorShape.CrossCursor)

    # ------------------------------------------------------------------------------------------ picking
    def pick(self, x: float, y: float, radius_px: float = PICK_RADIUS_PX) -> int | None:
        """Index of the visible point nearest to plot position (x, y) within radius_px screen pixels, or None."""
        xy = self.points.xy
        if xy.shape[0] == 0:
            return None
        pw, ph = self.vb.viewPixelSize()
        d2 = ((xy[:, 0] - x) / pw) ** 2 + ((xy[:, 1] - y) / ph) ** 2
        visible = self.points.visible_mask()
        if visible is not None:
            d2 = np.where(visible, d2, np.inf)
        i = int(np.argmin(d2))
        return i if d2[i] <= radius_px**2 else None

    def picks_within(self, x: float, y: float, radius_px: float = PICK_RADIUS_PX) -> np.ndarray:
        """Indices of every visible point within radius_px screen pixels of (x, y)."""
        xy = self.points.xy
        if xy.shape[0] == 0:
            return np.empty(0, dtype=np.int64)
        pw, ph = self.vb.viewPixelSize()
        hit = ((xy[:, 0] - x) / pw) ** 2 + ((xy[:, 1] - y) / ph) ** 2 <= radius_px**2
        visible = self.points.visible_mask()
        if visible is not None:
            hit &= visible
        return np.flatnonzero(hit)

    def _request_remove_at(self, x: float, y: float) -> None:
        i = self.pick(x, y)
        if i is not None:
            px, py = self.points.xy[i]
            self.removePointRequested.emit(float(px), float(py))

    # ------------------------------------------------------------------------------------------ events
    def _to_view(self, ev, pos=None) -> tuple[float, float]:
        p = self.vb.mapSceneToView(ev.scenePos() if pos is None else pos)
        return float(p.x()), float(p.y())

    def _gesture(self, ev) -> str:
        mods = ev.modifiers()
        if mods & Qt.KeyboardModifier.AltModifier or self.tool == "probe":
            return "probe"
        if mods & Qt.KeyboardModifier.ControlModifier or self.tool == "erase":
            return "erase"
        if mods & Qt.KeyboardModifier.ShiftModifier:
            return "move"
        return "add"

    def on_click(self, ev) -> bool:
        """A click without a drag; True when it was taken."""
        x, y = self._to_view(ev)
        if ev.button() == Qt.MouseButton.RightButton:
            self._request_remove_at(x, y)
            return True
        if ev.button() == Qt.MouseButton.MiddleButton:
            self.resetViewRequested.emit()
            return True
        if ev.button() != Qt.MouseButton.LeftButton:
            return False
        gesture = self._gesture(ev)
        if gesture == "probe":
            self.probeRequested.emit(x, y)
        elif gesture == "erase":
            self._request_remove_at(x, y)
        else:  # add (a Shift-click without a drag adds too)
            self.addPointsRequested.emit(np.array([[x, y]], dtype=np.float64))
        return True

    def on_left_drag(self, ev) -> None:
        """One step of a left-button drag: its start, every move, its end."""
        if ev.isStart():
            self._begin_drag(ev)
        if self.drag_mode is None:
            return
        x, y = self._to_view(ev)
        if self.drag_mode == "stroke":
            sp = ev.scenePos()
            last = self._stroke_last_px
            if last is None or math.hypot(sp.x() - last.x(), sp.y() - last.y()) >= STROKE_SPACING_PX:
                self._stroke.append((x, y))
                self._stroke_last_px = QPointF(sp)
                pts = np.asarray(self._stroke)
                put(self.stroke_markers, pts[:, 0], pts[:, 1])
        elif self.drag_mode == "erase":
            hits = self.picks_within(x, y)
            if hits.size:
                self._erase_hits.update(int(i) for i in hits)
                pts = self.points.xy[sorted(self._erase_hits)]
                put(self.pick_ring, pts[:, 0], pts[:, 1])
        elif self.drag_mode == "move":
            put(self.stroke_markers, [x], [y])
        elif self.drag_mode == "probe":
            self.probeRequested.emit(x, y)
        if ev.isFinish():
            self._finish_drag(x, y)

    def _begin_drag(self, ev) -> None:
        gesture = self._gesture(ev)
        x0, y0 = self._to_view(ev, ev.buttonDownScenePos())
        self._stroke, self._stroke_last_px, self._erase_hits = [], None, set()
        put(self.hover_marker)
        if gesture == "add":
            self.drag_mode = "stroke"
            self._style_markers(self._add_style)  # the stroke's markers look like the class's points
            self._stroke.append((x0, y0))
            self._stroke_last_px = QPointF(ev.buttonDownScenePos())
        elif gesture == "erase":
            self.drag_mode = "erase"
            self._erase_hits.update(int(i) for i in self.picks_within(x0, y0))
        elif gesture == "move":
            self._move_index = self.pick(x0, y0)
            self.drag_mode = "move" if self._move_index is not None else None
            if self._move_index is not None:
                self._style_markers(self.points.style_of_point(self._move_index))
                px, py = self.points.xy[self._move_index]
                put(self.pick_ring, [px], [py])
        else:
            self.drag_mode = "probe"
            self.probeRequested.emit(x0, y0)

    def _finish_drag(self, x: float, y: float) -> None:
        mode, self.drag_mode = self.drag_mode, None
        if mode == "stroke" and self._stroke:
            pts = np.asarray(self._stroke, dtype=np.float64)
            self._stroke = []
            put(self.stroke_markers)
            self.addPointsRequested.emit(pts)
        elif mode == "erase":
            hits = np.array(sorted(self._erase_hits), dtype=np.int64)
            self._erase_hits = set()
            put(self.pick_ring)
            if hits.size:
                self.removePointsRequested.emit(hits)
        elif mode == "move":
            index, self._move_index = self._move_index, None
            put(self.stroke_markers)
            put(self.pick_ring)
            self._style_markers(self._add_style)
            if index is not None:
                self.movePointRequested.emit(int(index), float(x), float(y))

    def on_hover(self, ev) -> None:
        """The mouse moved over the plot without a button: the hover marker or the erase tool's ring follow."""
        if ev.isExit():
            put(self.hover_marker)
            put(self.pick_ring)
            return
        x, y = self._to_view(ev)
        self.cursorMoved.emit(x, y)
        if self.drag_mode is not None:
            return
        if self.tool == "add":
            put(self.hover_marker, [x], [y])
        elif self.tool == "erase":
            i = self.pick(x, y)
            if i is None:
                put(self.pick_ring)
            else:
                put(self.pick_ring, [self.points.xy[i, 0]], [self.points.xy[i, 1]])
