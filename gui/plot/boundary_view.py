"""BoundaryView: the main plot. Shows the data, the model's decision boundary, and takes point edits.

Layers (bottom to top): the boundary image (the model evaluated on a grid over what is visible), the
decision-boundary contour, the data points (one ScatterPlotItem per class and split, so a boundary-only
update never touches them), rings around misclassified points, the points of a stroke being painted,
and a hover marker. Two overlays sit in the corners: a legend (top left) and the score (top right).

Mouse, in the "add" tool: click adds a point of the current class; press-drag paints a stroke of
points (one undo step); Shift-drag moves the point under the cursor; Ctrl-click (or the "erase"
tool) and right click remove the nearest point; Alt-click (or the "probe" tool) probes a point.
Right- or middle-drag pans, the wheel zooms, a middle click resets the view. The view never edits data itself: it emits requests,
and the main window turns them into undoable commands and calls ``set_dataset`` with the result.

Nothing here may be called from a worker thread: snapshots arrive through queued signals.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QCursor, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from gui.plot.points_layer import MemberScatter, PointsLayer, SpriteScatter
from gui.plot.score_overlay import ScoreOverlay
from gui.widgets import colors

DEFAULT_RANGE = (-6.0, 6.0)
GRID_MIN, GRID_MAX = 100, 300
GRID_PX_PER_CELL = 3.0  # one grid cell per ~3 screen pixels, clamped to [GRID_MIN, GRID_MAX]
GRID_DEBOUNCE_MS = 50
POINT_SIZE = 8  # marker size in pixels
SYMBOL_SIZE_BONUS = {"+": 3, "x": 3, "star": 3, "t": 1}  # thin or pointy symbols look smaller at equal size
STROKE_SPACING_PX = 6.0  # painted points are at least this far apart on screen
PICK_RADIUS_PX = 12.0  # erase / move / right-click find a point within this distance
MIS_THROTTLE_POINTS = 2000  # above this many points, misclassified rings follow at most every MIS_INTERVAL_S
MIS_INTERVAL_S = 0.15
REGRESSION_BINS = 16  # 2-D regression points are coloured in this many target bands
TOOLS = ("add", "erase", "probe")

MOUSE_HELP = (
    "Click: add a point of the current class · drag: paint points · Shift-drag: move a point · "
    "right-click or Ctrl-click: remove the nearest point · Alt-click: probe · "
    "right/middle-drag: pan · wheel: zoom · middle-click: reset the view"
)


# ---------------------------------------------------------------------------------------------- contour
def contour_segments(field: np.ndarray, level: float, bounds) -> np.ndarray:
    """Marching squares, vectorised: line segments where ``field`` crosses ``level``.

    field : (R, C) values at cell centres of a row-major grid over bounds = (xmin, xmax, ymin, ymax)
        (row i at y = ymin + (i + ½)·dy, column j at x = xmin + (j + ½)·dx), as ``evaluate_grid`` returns.
    Returns an (2m, 2) array of segment end points in data coordinates, consecutive rows paired, for
    ``PlotDataItem(connect="pairs")``. Saddle cells are resolved by the cell's centre value.
    """
    f = np.asarray(field, dtype=np.float64)
    empty = np.empty((0, 2))
    if f.ndim != 2 or f.shape[0] < 2 or f.shape[1] < 2:
        return empty
    rows, cols = f.shape
    xmin, xmax, ymin, ymax = (float(b) for b in bounds)
    dx, dy = (xmax - xmin) / cols, (ymax - ymin) / rows
    s = f - level
    above = s > 0  # NaN counts as below
    a, b, c, d = above[:-1, :-1], above[:-1, 1:], above[1:, 1:], above[1:, :-1]  # bl, br, tr, tl
    crossings = (a != b).astype(np.int8) + (b != c) + (d != c) + (a != d)
    ii, jj = np.nonzero(crossings)
    if ii.size == 0:
        return empty
    sa, sb, sc, sd = s[ii, jj], s[ii, jj + 1], s[ii + 1, jj + 1], s[ii + 1, jj]
    x0 = xmin + (jj + 0.5) * dx
    y0 = ymin + (ii + 0.5) * dy

    def frac(s0, s1):
        # on a crossed edge s0 and s1 lie on opposite sides of 0, so t is in [0, 1]; other edges'
        # values are never used, and NaN (from NaN cells) is filtered out below
        with np.errstate(divide="ignore", invalid="ignore"):
            return s0 / (s0 - s1)

    # crossing points on the four edges, order: bottom, right, top, left -> (m, 4, 2)
    pts = np.empty((ii.size, 4, 2))
    pts[:, 0, 0], pts[:, 0, 1] = x0 + frac(sa, sb) * dx, y0
    pts[:, 1, 0], pts[:, 1, 1] = x0 + dx, y0 + frac(sb, sc) * dy
    pts[:, 2, 0], pts[:, 2, 1] = x0 + frac(sd, sc) * dx, y0 + dy
    pts[:, 3, 0], pts[:, 3, 1] = x0, y0 + frac(sa, sd) * dy
    ab, bb, cb, db = a[ii, jj], b[ii, jj], c[ii, jj], d[ii, jj]
    flags = np.stack([ab != bb, bb != cb, db != cb, ab != db], axis=1)
    n = crossings[ii, jj]

    two = n == 2
    first = np.argmax(flags[two], axis=1)
    second = 3 - np.argmax(flags[two][:, ::-1], axis=1)
    rows2 = np.flatnonzero(two)
    seg_a = [pts[rows2, first]]
    seg_b = [pts[rows2, second]]

    four = np.flatnonzero(n == 4)
    if four.size:
        centre_above = (sa[four] + sb[four] + sc[four] + sd[four]) > 0
        joined = centre_above == ab[four]  # a and c joined through the centre: cut off b and d
        e1a = np.where(joined, 0, 0)  # bottom ...
        e1b = np.where(joined, 1, 3)  # ... with right (around b) or left (around a)
        e2a = np.where(joined, 2, 1)  # top with left (around d) / right with top (around c)
        e2b = np.where(joined, 3, 2)
        seg_a += [pts[four, e1a], pts[four, e2a]]
        seg_b += [pts[four, e1b], pts[four, e2b]]
    A = np.concatenate(seg_a)
    B = np.concatenate(seg_b)
    out = np.empty((2 * A.shape[0], 2))
    out[0::2], out[1::2] = A, B
    finite = np.isfinite(out).all(axis=1)
    if not finite.all():
        keep = finite[0::2] & finite[1::2]
        out = out.reshape(-1, 2, 2)[keep].reshape(-1, 2)
    return out


def decision_boundary_segments(grid: np.ndarray, bounds) -> np.ndarray:
    """Segments of the decision boundary of a (G, G) P(class 2) grid or a (G, G, K) probability grid."""
    grid = np.asarray(grid)
    if grid.ndim == 2:
        return contour_segments(grid, 0.5, bounds)
    if grid.ndim != 3:
        return np.empty((0, 2))
    k = grid.shape[-1]
    if k == 1:
        return contour_segments(grid[..., 0], 0.5, bounds)
    if k == 2:
        return contour_segments(grid[..., 1], 0.5, bounds)
    # class k's region is where p_k beats every other class: p_k - max_{j != k} p_j = 0 bounds it.
    q = np.ascontiguousarray(np.moveaxis(grid, -1, 0), dtype=np.float32)
    part = np.partition(q, k - 2, axis=0)
    top1, top2 = part[k - 1], part[k - 2]
    pieces = []
    for j in range(k):
        rival = np.where(q[j] >= top1, top2, top1)
        pieces.append(contour_segments(q[j] - rival, 0.0, bounds))
    return np.concatenate(pieces) if pieces else np.empty((0, 2))


# ---------------------------------------------------------------------------------------------- viewbox
class _EditViewBox(pg.ViewBox):
    """A ViewBox whose left button edits data instead of panning; right/middle drag pans, wheel zooms."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.editor = None  # the BoundaryView, set right after construction
        self.setMenuEnabled(False)  # right click removes a point instead

    def mouseClickEvent(self, ev):
        if self.editor is not None and self.editor._on_click(ev):
            ev.accept()
        else:
            ev.ignore()

    def mouseDragEvent(self, ev, axis=None):
        if axis is None and self.editor is not None and ev.button() == Qt.MouseButton.LeftButton:
            self.editor._on_left_drag(ev)
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
        if self.editor is not None:
            self.editor._on_hover(ev)


def _put(item: pg.ScatterPlotItem, x=(), y=()) -> None:
    """setData on an overlay scatter, hidden while empty (an empty item still costs a paint call)."""
    item.setData(x=x, y=y)
    item.setVisible(len(x) > 0)


def _cache_while_still(item) -> None:
    """Let Qt keep an overlay that changes rarely (the legend) painted in pixmaps, it and everything in it:
    it then costs a few small blits per frame while the boundary image under it changes."""
    stack = [item]
    while stack:
        it = stack.pop()
        it.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        stack.extend(it.childItems())


class _BoundaryLine(QGraphicsPathItem):
    """The decision boundary: its segments as one path that Qt draws and bounds by itself. A PlotDataItem ran
    Python each time the scene asked for its bounds, several times a frame."""

    def __init__(self, pen):
        super().__init__()
        self.setPen(pen)
        self._xy = (np.empty(0), np.empty(0))

    def setData(self, x, y, connect: str = "pairs") -> None:
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        self._xy = (x, y)
        self.setPath(pg.arrayToQPath(x, y, connect=connect) if x.size else QPainterPath())

    def getData(self):
        return self._xy


class _PassiveScatter(pg.ScatterPlotItem):
    """A scatter that never takes clicks: clicking on a point must reach the ViewBox (add / remove / probe)."""

    def mouseClickEvent(self, ev):
        ev.ignore()


class _QuietSample(pg.ItemSample):
    """Legend sample that does not toggle anything when clicked."""

    def mouseClickEvent(self, event):
        event.ignore()


def _erase_cursor(radius: float = PICK_RADIUS_PX) -> QCursor:
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


# ---------------------------------------------------------------------------------------------- the view
class BoundaryView(pg.PlotWidget):
    """The data + decision-boundary plot. See the module docstring for the mouse gestures.

    Signals
    -------
    addPointsRequested(ndarray (k, 2))  one click (k = 1) or one painted stroke, in plot coordinates
    removePointRequested(x, y)           the exact plot position of the visible point to remove
                                         (use ``Dataset.nearest(x, y)``)
    removePointsRequested(ndarray)       indices into the shown dataset, from one erase stroke
    movePointRequested(index, x, y)      Shift-drag of a point, emitted once on release
    probeRequested(x, y)                 Alt-click / probe tool (also while dragging)
    gridRequestChanged((bounds, size))   the grid the boundary should be evaluated on changed
                                         (debounced 50 ms); bounds = (xmin, xmax, ymin, ymax)
    cursorMoved(x, y)                    the mouse position in plot coordinates (for a status bar)
    """

    addPointsRequested = Signal(object)
    removePointRequested = Signal(float, float)
    removePointsRequested = Signal(object)
    movePointRequested = Signal(int, float, float)
    probeRequested = Signal(float, float)
    gridRequestChanged = Signal(object)
    cursorMoved = Signal(float, float)

    def __init__(self, parent=None):
        vb = _EditViewBox(enableMenu=False)
        super().__init__(parent=parent, viewBox=vb, background="w")
        vb.editor = self
        self.vb = vb
        self.setAntialiasing(True)
        # bilinear scaling of the boundary image: smooth shading instead of 3-pixel blocks, at no visible cost
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        pi = self.getPlotItem()
        pi.hideButtons()
        pi.setMenuEnabled(False)
        # No grid lines: the shaded boundary already shows where things are, and the axes
        # replay their grid on every repaint (~15 ms a frame offscreen, the largest cost).
        for name in ("left", "bottom"):
            ax = pi.getAxis(name)
            ax.setPen(pg.mkPen("#666666"))
            ax.setTextPen(pg.mkPen("#444444"))
            # The axes touch the boundary image, so they are drawn again with every frame: from a pixmap
            # (made again only when the view moves), not by replaying their ticks and labels.
            ax.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        pi.setLabel("bottom", "x₁")
        pi.setLabel("left", "x₂")
        pi.getAxis("left").setWidth(44)  # fixed: tick labels changing width would resize the plot (and the grid)
        self.setAspectLocked(True)
        vb.setRange(xRange=DEFAULT_RANGE, yRange=DEFAULT_RANGE, padding=0)
        vb.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(MOUSE_HELP)

        # ---- items
        self._image = pg.ImageItem(axisOrder="row-major")
        self._image.setZValue(-20)
        vb.addItem(self._image, ignoreBounds=True)
        self._contour = _BoundaryLine(pg.mkPen(colors.BOUNDARY_LINE, width=1.6))
        self._contour.setZValue(-10)
        vb.addItem(self._contour, ignoreBounds=True)
        self._curve = pg.PlotDataItem(pen=pg.mkPen(colors.CLASS_COLORS[5], width=3.2), antialias=True)
        self._curve.setZValue(5)
        vb.addItem(self._curve, ignoreBounds=True)
        self._groups: dict[tuple, pg.ScatterPlotItem] = {}
        self._group_data: dict[tuple, np.ndarray] = {}
        self._test_halo: dict[tuple, pg.ScatterPlotItem] = {}
        # The points and the rings change far less often than the boundary under them: each set is
        # painted from one cached image (the rings apart, so that they can follow the training alone).
        self._points_layer = PointsLayer()
        self._points_layer.setZValue(10)
        vb.addItem(self._points_layer, ignoreBounds=True)
        self._mis_layer = PointsLayer()
        self._mis_layer.setZValue(30)
        vb.addItem(self._mis_layer, ignoreBounds=True)
        # A white halo under a dark ring, around every misclassified point.
        self._mis_rings = SpriteScatter(
            POINT_SIZE + 9, [(pg.mkPen("w", width=3.6), None), (pg.mkPen(colors.MISCLASSIFIED, width=1.6), None)]
        )
        self._mis_rings.setZValue(30)
        vb.addItem(self._mis_rings, ignoreBounds=True)
        self._mis_layer.add(self._mis_rings)
        self._stroke_item = _PassiveScatter(pxMode=True, size=POINT_SIZE)
        self._stroke_item.setZValue(40)
        vb.addItem(self._stroke_item, ignoreBounds=True)
        self._ghost = _PassiveScatter(pxMode=True, size=POINT_SIZE + 1)
        self._ghost.setZValue(41)
        self._ghost.setOpacity(0.6)
        vb.addItem(self._ghost, ignoreBounds=True)
        self._pick_ring = _PassiveScatter(
            pxMode=True,
            size=POINT_SIZE + 10,
            symbol="o",
            pen=pg.mkPen("#000000", width=2.0, style=Qt.PenStyle.DashLine),
            brush=None,
        )
        self._pick_ring.setZValue(42)
        vb.addItem(self._pick_ring, ignoreBounds=True)
        for item in (self._mis_rings, self._stroke_item, self._ghost, self._pick_ring):
            _put(item)  # empty overlays stay hidden

        self._legend = pg.LegendItem(
            offset=(8, 8),
            brush=pg.mkBrush(255, 255, 255, 235),
            pen=pg.mkPen("#bbbbbb"),
            labelTextColor="#222222",
            labelTextSize="8pt",
            sampleType=_QuietSample,
            verSpacing=-6,
        )
        self._legend.setParentItem(vb)
        self._legend.setZValue(60)
        self._legend_samples: list = []
        self._legend_key = None
        self._legend_wanted = True
        self._score = ScoreOverlay()
        self._score.setParentItem(vb)
        self._score.setZValue(60)
        self._score.hide()
        vb.sigResized.connect(self._place_score)

        # ---- state
        self._dataset = None
        self._plot_xy = np.empty((0, 2))
        self._version: int | None = None
        self._regression = False
        self._curve_mode = False  # 1-D regression: points (x, target) and a fitted curve
        self._target_range = (0.0, 1.0)
        self._show_test = True
        self._current_class = 0
        self._tool = "add"
        self._snapshot = None
        self._snapshot_drawn = True
        self._override = None  # (grid, bounds) of a neuron heatmap shown instead of the boundary
        self._mis_mask = None
        self._mis_key = None
        self._drag_mode = None  # "stroke" | "erase" | "move" | "probe" | None
        self._stroke: list[tuple[float, float]] = []
        self._stroke_last_px = None
        self._erase_hits: set[int] = set()
        self._move_index: int | None = None
        self._last_grid_request = None

        self._draw_timer = QTimer(self)
        self._draw_timer.setSingleShot(True)
        self._draw_timer.setInterval(0)
        self._draw_timer.timeout.connect(self.flush)
        # Rings on misclassified points: finding them among 100 000 points and drawing thousands of
        # rings again costs a few ms, so with many points they follow at most every MIS_INTERVAL_S
        # (a catch-up timer draws the last state once training pauses).
        self._mis_time = -math.inf
        self._draw_queue = None
        self._mis_timer = QTimer(self)
        self._mis_timer.setSingleShot(True)
        self._mis_timer.timeout.connect(self._update_misclassified)
        self._grid_timer = QTimer(self)
        self._grid_timer.setSingleShot(True)
        self._grid_timer.setInterval(GRID_DEBOUNCE_MS)
        self._grid_timer.timeout.connect(self._emit_grid_request)
        vb.sigRangeChanged.connect(self._on_range_changed)
        vb.sigResized.connect(self._on_range_changed)
        self._apply_tool_cursor()
        self._refresh_ghost_style()
        self._update_legend()

    # ------------------------------------------------------------------------------------------ data
    @Slot(object)
    def set_dataset(self, ds, version: int | None = None) -> None:
        """Show ``ds`` (a model.data.dataset.Dataset, or None for nothing). Redraws only point groups that changed.

        ``version`` is the document's data version: misclassification rings are drawn only from a
        snapshot with the same ``data_version`` (with version None, from one whose predictions have
        the right length).
        """
        self._dataset = ds
        self._version = None if version is None else int(version)
        if ds is None:
            self._plot_xy = np.empty((0, 2))
            for key in list(self._groups):
                self._set_group(key, np.empty((0, 2)))
            self._update_legend()
            self._update_misclassified(force=True)
            return
        self.set_regression(ds.task == "regression", _curve=(ds.task == "regression" and ds.n_features == 1))
        xy = np.asarray(ds.plot_points(), dtype=np.float64) if hasattr(ds, "plot_points") else np.asarray(ds.X)
        self._plot_xy = xy
        is_test = np.asarray(ds.is_test, dtype=bool)
        y = np.asarray(ds.y)
        wanted: dict[tuple, np.ndarray] = {}
        if ds.task == "classification":
            labels = y.astype(np.int64)
            for k in range(int(ds.n_classes)):
                of_k = labels == k
                for test in (False, True):
                    wanted[("c", k, test)] = xy[of_k & (is_test == test)]
        elif self._curve_mode:
            for test in (False, True):
                wanted[("r", 0, test)] = xy[is_test == test]
        else:  # 2-D regression: colour points by target, quantised into bands (one item per band)
            lo, hi = (float(y.min()), float(y.max())) if y.size else (0.0, 1.0)
            if hi <= lo:
                hi = lo + 1.0
            self._target_range = (lo, hi)
            band = np.clip(((y - lo) / (hi - lo) * REGRESSION_BINS).astype(np.int64), 0, REGRESSION_BINS - 1)
            for k in range(REGRESSION_BINS):
                for test in (False, True):
                    wanted[("b", k, test)] = xy[(band == k) & (is_test == test)]
        for key in list(self._groups):
            if key not in wanted:
                self._set_group(key, np.empty((0, 2)))
        for key, pts in wanted.items():
            self._set_group(key, pts)
        self._update_legend()
        self._update_misclassified(force=True)

    def dataset(self):
        """The dataset last given to ``set_dataset``."""
        return self._dataset

    def _group_style(self, key) -> dict:
        kind, k, test = key
        if kind == "c":
            color, symbol = colors.class_color(k), colors.class_symbol(k)
        elif kind == "r":
            color, symbol = colors.REGRESSION_POINT, "o"
        else:
            rgba = colors.scalar_colors(np.array([(k + 0.5) / REGRESSION_BINS]), 0.0, 1.0, "regression_points")[0]
            color, symbol = QColor(*[int(v) for v in rgba[:3]]), "o"
        size = POINT_SIZE + SYMBOL_SIZE_BONUS.get(symbol, 0)
        if test:  # hollow: a coloured ring (its dark edge comes from a halo item beneath)
            return dict(symbol=symbol, size=size + 1, pen=pg.mkPen(color, width=2.4), brush=None)
        return dict(symbol=symbol, size=size, pen=pg.mkPen(colors.OUTLINE, width=0.9), brush=pg.mkBrush(color))

    def _ensure_group(self, key) -> pg.ScatterPlotItem:
        item = self._groups.get(key)
        if item is None:
            style = self._group_style(key)
            item = MemberScatter(pxMode=True, **style)
            test = key[2]
            item.setZValue(11 if test else 10)
            self.vb.addItem(item)
            self._points_layer.add(item)
            self._groups[key] = item
            if test:
                halo = MemberScatter(
                    pxMode=True,
                    symbol=style["symbol"],
                    size=style["size"],
                    pen=pg.mkPen(colors.OUTLINE, width=4.2),
                    brush=None,
                )
                halo.setZValue(10.5)
                self.vb.addItem(halo, ignoreBounds=True)
                self._points_layer.add(halo)
                self._test_halo[key] = halo
        return item

    def _set_group(self, key, pts: np.ndarray) -> None:
        old = self._group_data.get(key)
        if old is not None and old.shape == pts.shape and np.array_equal(old, pts):
            return  # unchanged: setData on a large scatter is expensive
        if old is None and pts.shape[0] == 0:
            return
        item = self._ensure_group(key)
        pts = np.array(pts, dtype=np.float64, copy=True)
        item.setData(x=pts[:, 0], y=pts[:, 1])
        halo = self._test_halo.get(key)
        if halo is not None:
            halo.setData(x=pts[:, 0], y=pts[:, 1])
        self._group_data[key] = pts
        self._apply_group_visibility(key)

    def _apply_group_visibility(self, key) -> None:
        data = self._group_data.get(key)
        visible = data is not None and data.shape[0] > 0 and (self._show_test or not key[2])
        self._groups[key].setVisible(visible)
        halo = self._test_halo.get(key)
        if halo is not None:
            halo.setVisible(visible)

    @Slot(bool)
    def set_show_test(self, show: bool) -> None:
        """Show or hide the test points (hollow markers) and their misclassification rings."""
        self._show_test = bool(show)
        for key in self._groups:
            self._apply_group_visibility(key)
        self._update_misclassified(force=True)
        self._update_legend()

    @Slot(bool)
    def set_regression(self, regression: bool, _curve: bool | None = None) -> None:
        """Regression mode: no class colours; 1-D data is drawn as (x, target) dots and the fitted curve."""
        regression = bool(regression)
        curve = regression if _curve is None else bool(_curve)
        if regression == self._regression and curve == self._curve_mode:
            return
        self._regression, self._curve_mode = regression, curve
        self._image.setVisible(not curve)
        self._contour.setVisible(not regression)
        self._curve.setVisible(curve)
        pi = self.getPlotItem()
        pi.setLabel("left", "target y" if curve else "x₂")
        pi.setLabel("bottom", "x" if curve else "x₁")
        # a fitted curve reads better without the 1:1 aspect lock (targets may have any scale)
        self.setAspectLocked(not curve)
        self._apply_tool_cursor()
        self._refresh_ghost_style()
        self._mis_mask = None
        self._last_grid_request = None
        self._schedule_grid_request()

    @Slot(int)
    def set_current_class(self, k: int) -> None:
        """The class that clicks add (only used for the hover marker here)."""
        self._current_class = int(k)
        self._refresh_ghost_style()

    def _refresh_ghost_style(self) -> None:
        key = ("r", 0, False) if self._regression else ("c", self._current_class, False)
        style = self._group_style(key)
        for item in (self._ghost, self._stroke_item):
            item.setSymbol(style["symbol"])
            item.setBrush(style["brush"])
            item.setPen(style["pen"])

    def current_class(self) -> int:
        return self._current_class

    @Slot(str)
    def set_tool(self, tool: str) -> None:
        """ "add" (click/paint points), "erase" (click/drag removes points) or "probe" (click inspects)."""
        if tool not in TOOLS:
            raise ValueError(f"tool must be one of {TOOLS}, got {tool!r}")
        self._tool = tool
        _put(self._ghost)
        _put(self._pick_ring)
        self._apply_tool_cursor()

    def tool(self) -> str:
        return self._tool

    def _apply_tool_cursor(self) -> None:
        if self._tool == "erase":
            self.vb.setCursor(_erase_cursor())
        elif self._tool == "probe":
            self.vb.setCursor(Qt.CursorShape.WhatsThisCursor)
        else:
            self.vb.setCursor(Qt.CursorShape.CrossCursor)

    @Slot()
    def reset_view(self) -> None:
        """Back to [-6, 6]² (classification) or the data's extent (1-D regression)."""
        if self._curve_mode and self._plot_xy.shape[0]:
            self.fit_to_data()
        else:
            self.vb.setRange(xRange=DEFAULT_RANGE, yRange=DEFAULT_RANGE, padding=0)

    @Slot()
    def fit_to_data(self) -> None:
        """Zoom to the points, with a margin (the default range if there are none)."""
        xy = self._plot_xy
        if xy.shape[0] == 0:
            self.vb.setRange(xRange=DEFAULT_RANGE, yRange=DEFAULT_RANGE, padding=0)
            return
        lo, hi = xy.min(axis=0), xy.max(axis=0)
        span = np.maximum(hi - lo, 1e-6)
        self.vb.setRange(xRange=(lo[0], hi[0]), yRange=(lo[1], hi[1]), padding=0.08 if span.min() > 0 else 0.5)

    # ------------------------------------------------------------------------------------------ snapshots
    @Slot(object)
    def show_snapshot(self, snapshot) -> None:
        """Keep the newest snapshot; it is drawn on the next event-loop turn (older ones are dropped)."""
        self._snapshot = snapshot
        self._snapshot_drawn = False
        if not self._draw_timer.isActive():
            self._draw_timer.start()

    @Slot()
    def flush(self) -> None:
        """Draw the pending snapshot now (tests call this instead of waiting for the timer)."""
        self._draw_timer.stop()
        if self._snapshot_drawn:
            return
        self._snapshot_drawn = True
        snap = self._snapshot
        if snap is None:
            return
        grid = getattr(snap, "grid", None)
        bounds = getattr(snap, "grid_bounds", None)
        if self._curve_mode:
            self._draw_curve(snap, grid, bounds)
        elif grid is not None and bounds is not None and self._override is None:
            self._draw_grid(np.asarray(grid), bounds)
        self._update_misclassified_soon()
        self._update_score(snap)

    def snapshot(self):
        """The newest snapshot given to ``show_snapshot``."""
        return self._snapshot

    @Slot()
    def clear_snapshot(self) -> None:
        """Forget the model: no boundary, curve, rings or score (the points stay)."""
        self._snapshot = None
        self._snapshot_drawn = True
        self._image.clear()
        self._contour.setData([], [])
        self._curve.setData([], [])
        self._update_misclassified(force=True)
        self._score.hide()

    def _set_image(self, rgba: np.ndarray, bounds) -> None:
        xmin, xmax, ymin, ymax = (float(b) for b in bounds)
        self._image.setImage(rgba, autoLevels=False)
        self._image.setRect(QRectF(xmin, ymin, xmax - xmin, ymax - ymin))

    def _draw_grid(self, grid: np.ndarray, bounds) -> None:
        if self._regression:
            lo, hi = self._target_range
            self._set_image(colors.scalar_image(grid, lo, hi, "regression"), bounds)
            self._contour.setData([], [])
            return
        self._set_image(colors.probability_image(grid), bounds)  # a fresh array: ImageItem keeps it
        seg = decision_boundary_segments(grid, bounds)
        self._contour.setData(seg[:, 0], seg[:, 1], connect="pairs")

    def _draw_curve(self, snap, grid, bounds) -> None:
        cx = getattr(snap, "curve_x", None)
        cy = getattr(snap, "curve_y", None)
        if cx is None or cy is None:
            if grid is None or bounds is None:
                return
            grid = np.asarray(grid)
            if grid.ndim == 2:  # a (G, G) surface of a function of x alone: any row is the curve
                grid = grid[grid.shape[0] // 2]
            if grid.ndim != 1 or grid.size == 0:
                return
            xmin, xmax = float(bounds[0]), float(bounds[1])
            cx = xmin + (np.arange(grid.size) + 0.5) * (xmax - xmin) / grid.size
            cy = grid
        self._curve.setData(np.array(cx, dtype=np.float64), np.array(cy, dtype=np.float64), connect="finite")

    def _predictions_for_shown_data(self):
        snap = self._snapshot
        ds = self._dataset
        if snap is None or ds is None or self._regression or ds.task != "classification":
            return None
        pred = getattr(snap, "predictions", None)
        if pred is None:
            return None
        if self._version is not None and int(getattr(snap, "data_version", -1)) != self._version:
            return None
        pred = np.asarray(pred)
        if pred.ndim == 2:
            pred = np.argmax(pred, axis=1)
        if pred.shape[0] != ds.y.shape[0]:
            return None
        return pred

    def _update_misclassified_soon(self) -> None:
        ds = self._dataset
        if ds is None or ds.n_samples <= MIS_THROTTLE_POINTS:
            self._update_misclassified()
            return
        if self._draw_queue is not None:  # on a draw tick of its own, not with this frame
            self._draw_queue.want(("rings", id(self)), self._update_misclassified, self._mis_time + MIS_INTERVAL_S)
            return
        wait = MIS_INTERVAL_S - (time.perf_counter() - self._mis_time)
        if wait <= 0:
            self._update_misclassified()
        elif not self._mis_timer.isActive():
            self._mis_timer.start(int(wait * 1000) + 1)

    def set_draw_queue(self, queue) -> None:
        """Update the rings of a large dataset on the window's draw ticks (a ``gui.widgets.draw_queue.DrawQueue``)."""
        self._draw_queue = queue

    @Slot()
    def _update_misclassified(self, force: bool = False) -> None:
        self._mis_time = time.perf_counter()
        pred = self._predictions_for_shown_data()
        ds = self._dataset
        if pred is None:
            mask = None
        else:
            mask = np.asarray(pred).astype(np.int64) != np.asarray(ds.y)
            if not self._show_test:
                mask &= ~np.asarray(ds.is_test, dtype=bool)
        key = (id(ds), self._show_test)
        if (
            not force
            and key == self._mis_key
            and (
                (mask is None and self._mis_mask is None)
                or (mask is not None and self._mis_mask is not None and np.array_equal(mask, self._mis_mask))
            )
        ):
            return
        self._mis_key, self._mis_mask = key, mask
        if mask is None or not mask.any():
            _put(self._mis_rings)
            return
        pts = self._plot_xy[mask]
        _put(self._mis_rings, pts[:, 0], pts[:, 1])

    def misclassified_mask(self):
        """Bool mask of the points currently ringed as misclassified (None when none are shown)."""
        return None if self._mis_mask is None else self._mis_mask.copy()

    def _update_score(self, snap) -> None:
        task = getattr(snap, "task", "regression" if self._regression else "classification")
        test, train = getattr(snap, "test_score", math.nan), getattr(snap, "train_score", math.nan)
        epoch = getattr(snap, "epoch", None)

        def fmt(v):
            if v is None or not np.isfinite(v):
                return "–"
            return f"{100 * v:.1f} %" if task == "classification" else f"{v:.3f}"

        name = "accuracy" if task == "classification" else "R²"
        lines = []
        if test is not None and np.isfinite(test):
            lines.append((f"test {name} {fmt(test)}", True, "#222222"))
        lines.append((f"train {name} {fmt(train)}", False, "#222222"))
        if epoch is not None:
            lines.append((f"epoch {int(epoch):,}", False, "#666666"))
        if getattr(snap, "diverged", False):
            lines.append(("diverged", False, "#B00000"))
        self._score.set_lines(lines)
        self._score.show()
        self._place_score()

    @Slot()
    def _place_score(self, *_):
        r = self.vb.boundingRect()
        self._score.setPos(r.right() - 8, r.top() + 8)
        # in a narrow plot the legend and the score would overlap: the score wins
        wide = r.width() >= self._legend.boundingRect().width() + self._score.boundingRect().width() + 32
        self._legend.setVisible(
            self._legend_wanted
            and bool(self._legend_key and self._legend_key[0])
            and (wide or not self._score.isVisible())
        )

    def score_text(self) -> str:
        """The plain text of the score overlay ('' when hidden)."""
        return self._score.plain_text() if self._score.isVisible() else ""

    # ------------------------------------------------------------------------------------------ heatmap
    def show_heatmap_override(self, grid, bounds=None) -> None:
        """Draw ``grid`` (G, G), values in [-1, 1] or [0, 1], with a neutral colormap instead of the boundary.

        ``bounds`` defaults to those of the newest snapshot's grid (else the visible range). None clears
        the override and brings the boundary back.
        """
        if grid is None:
            self._override = None
            self._contour.setVisible(not self._regression)
            if self._curve_mode:
                self._image.setVisible(False)
            self._snapshot_drawn = False
            if self._snapshot is not None and not self._curve_mode:
                self.flush()
            elif self._snapshot is None:
                self._image.clear()
            return
        grid = np.array(grid, dtype=np.float32)
        if bounds is None:
            bounds = getattr(self._snapshot, "grid_bounds", None) or self.grid_request()[0]
        self._override = (grid, tuple(float(b) for b in bounds))
        finite = grid[np.isfinite(grid)]
        if finite.size and finite.min() < 0:
            vmax = max(1.0, float(np.abs(finite).max()))
            rgba = colors.scalar_image(grid, -vmax, vmax, "diverging")
        else:
            vmax = max(1.0, float(finite.max())) if finite.size else 1.0
            rgba = colors.scalar_image(grid, 0.0, vmax, "sequential")
        self._contour.setVisible(False)
        self._image.setVisible(True)
        self._set_image(rgba, self._override[1])

    def heatmap_override_active(self) -> bool:
        return self._override is not None

    # ------------------------------------------------------------------------------------------ grid request
    def grid_request(self):
        """(bounds, size): evaluate the boundary over bounds = the visible (xmin, xmax, ymin, ymax) on a
        size x size grid (100..300 cells a side, about one cell per 3 screen pixels)."""
        (x0, x1), (y0, y1) = self.vb.viewRange()
        r = self.vb.boundingRect()
        px = max(r.width(), r.height())
        size = int(min(GRID_MAX, max(GRID_MIN, round(px / GRID_PX_PER_CELL))))
        return (float(x0), float(x1), float(y0), float(y1)), size

    @Slot()
    def _on_range_changed(self, *_):
        self._schedule_grid_request()

    def _schedule_grid_request(self) -> None:
        self._grid_timer.start()  # restarts: debounced

    @Slot()
    def _emit_grid_request(self) -> None:
        req = self.grid_request()
        if req != self._last_grid_request:
            self._last_grid_request = req
            self.gridRequestChanged.emit(req)

    # ------------------------------------------------------------------------------------------ mouse
    def _to_view(self, ev, pos=None) -> tuple[float, float]:
        p = self.vb.mapSceneToView(ev.scenePos() if pos is None else pos)
        return float(p.x()), float(p.y())

    def _visible_mask(self):
        ds = self._dataset
        if ds is None or self._show_test:
            return None
        return ~np.asarray(ds.is_test, dtype=bool)

    def pick(self, x: float, y: float, radius_px: float = PICK_RADIUS_PX):
        """Index of the visible point nearest to plot position (x, y) within radius_px screen pixels, or None."""
        xy = self._plot_xy
        if xy.shape[0] == 0:
            return None
        pw, ph = self.vb.viewPixelSize()
        d2 = ((xy[:, 0] - x) / pw) ** 2 + ((xy[:, 1] - y) / ph) ** 2
        visible = self._visible_mask()
        if visible is not None:
            d2 = np.where(visible, d2, np.inf)
        i = int(np.argmin(d2))
        return i if d2[i] <= radius_px**2 else None

    def _picks_within(self, x: float, y: float, radius_px: float = PICK_RADIUS_PX) -> np.ndarray:
        xy = self._plot_xy
        if xy.shape[0] == 0:
            return np.empty(0, dtype=np.int64)
        pw, ph = self.vb.viewPixelSize()
        hit = ((xy[:, 0] - x) / pw) ** 2 + ((xy[:, 1] - y) / ph) ** 2 <= radius_px**2
        visible = self._visible_mask()
        if visible is not None:
            hit &= visible
        return np.flatnonzero(hit)

    def _request_remove_at(self, x: float, y: float) -> None:
        i = self.pick(x, y)
        if i is not None:
            px, py = self._plot_xy[i]
            self.removePointRequested.emit(float(px), float(py))

    def _gesture(self, ev) -> str:
        mods = ev.modifiers()
        if mods & Qt.KeyboardModifier.AltModifier or self._tool == "probe":
            return "probe"
        if mods & Qt.KeyboardModifier.ControlModifier or self._tool == "erase":
            return "erase"
        if mods & Qt.KeyboardModifier.ShiftModifier:
            return "move"
        return "add"

    def _on_click(self, ev) -> bool:
        x, y = self._to_view(ev)
        if ev.button() == Qt.MouseButton.RightButton:
            self._request_remove_at(x, y)
            return True
        if ev.button() == Qt.MouseButton.MiddleButton:
            self.reset_view()
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

    def _on_left_drag(self, ev) -> None:
        if ev.isStart():
            self._begin_drag(ev)
        if self._drag_mode is None:
            return
        x, y = self._to_view(ev)
        if self._drag_mode == "stroke":
            sp = ev.scenePos()
            last = self._stroke_last_px
            if last is None or math.hypot(sp.x() - last.x(), sp.y() - last.y()) >= STROKE_SPACING_PX:
                self._stroke.append((x, y))
                self._stroke_last_px = QPointF(sp)
                pts = np.asarray(self._stroke)
                _put(self._stroke_item, pts[:, 0], pts[:, 1])
        elif self._drag_mode == "erase":
            hits = self._picks_within(x, y)
            if hits.size:
                self._erase_hits.update(int(i) for i in hits)
                pts = self._plot_xy[sorted(self._erase_hits)]
                _put(self._pick_ring, pts[:, 0], pts[:, 1])
        elif self._drag_mode == "move":
            _put(self._stroke_item, [x], [y])
        elif self._drag_mode == "probe":
            self.probeRequested.emit(x, y)
        if ev.isFinish():
            self._finish_drag(x, y)

    def _begin_drag(self, ev) -> None:
        gesture = self._gesture(ev)
        x0, y0 = self._to_view(ev, ev.buttonDownScenePos())
        self._stroke, self._stroke_last_px, self._erase_hits = [], None, set()
        _put(self._ghost)
        if gesture == "add":
            self._drag_mode = "stroke"
            self._refresh_ghost_style()  # the stroke's provisional markers look like the class's points
            self._stroke.append((x0, y0))
            self._stroke_last_px = QPointF(ev.buttonDownScenePos())
        elif gesture == "erase":
            self._drag_mode = "erase"
            self._erase_hits.update(int(i) for i in self._picks_within(x0, y0))
        elif gesture == "move":
            self._move_index = self.pick(x0, y0)
            self._drag_mode = "move" if self._move_index is not None else None
            if self._drag_mode:
                key = self._key_of(self._move_index)
                style = self._group_style(key)
                self._stroke_item.setSymbol(style["symbol"])
                self._stroke_item.setBrush(style["brush"])
                self._stroke_item.setPen(style["pen"])
                px, py = self._plot_xy[self._move_index]
                _put(self._pick_ring, [px], [py])
        else:
            self._drag_mode = "probe"
            self.probeRequested.emit(x0, y0)

    def _key_of(self, index: int) -> tuple:
        ds = self._dataset
        test = bool(ds.is_test[index])
        if ds.task == "classification":
            return ("c", int(ds.y[index]), test)
        return ("r", 0, test)

    def _finish_drag(self, x: float, y: float) -> None:
        mode, self._drag_mode = self._drag_mode, None
        if mode == "stroke" and self._stroke:
            pts = np.asarray(self._stroke, dtype=np.float64)
            self._stroke = []
            _put(self._stroke_item)
            self.addPointsRequested.emit(pts)
        elif mode == "erase":
            hits = np.array(sorted(self._erase_hits), dtype=np.int64)
            self._erase_hits = set()
            _put(self._pick_ring)
            if hits.size:
                self.removePointsRequested.emit(hits)
        elif mode == "move":
            index, self._move_index = self._move_index, None
            _put(self._stroke_item)
            _put(self._pick_ring)
            if index is not None:
                self.movePointRequested.emit(int(index), float(x), float(y))

    def _on_hover(self, ev) -> None:
        if ev.isExit():
            _put(self._ghost)
            _put(self._pick_ring)
            return
        x, y = self._to_view(ev)
        self.cursorMoved.emit(x, y)
        if self._drag_mode is not None:
            return
        if self._tool == "add":
            _put(self._ghost, [x], [y])
        elif self._tool == "erase":
            i = self.pick(x, y)
            if i is None:
                _put(self._pick_ring)
            else:
                _put(self._pick_ring, [self._plot_xy[i, 0]], [self._plot_xy[i, 1]])

    # ------------------------------------------------------------------------------------------ legend
    def _update_legend(self) -> None:
        ds = self._dataset
        if ds is None or ds.task != "classification":
            names: tuple = ()
        else:
            names = tuple(getattr(ds, "class_names", ()) or (f"class {k + 1}" for k in range(ds.n_classes)))
        has_test = ds is not None and bool(np.any(ds.is_test)) and self._show_test
        key = (names, has_test, self._regression)
        if key == self._legend_key:
            return
        self._legend_key = key
        self._legend.clear()
        self._legend_samples = []
        n_entries = len(names) + (2 if names else 0)
        self._legend.setColumnCount(1 if n_entries <= 6 else 2 if n_entries <= 12 else 3)
        for k, name in enumerate(names):
            sample = pg.ScatterPlotItem(**self._group_style(("c", k, False)))
            self._legend_samples.append(sample)
            self._legend.addItem(sample, name)
        if names and has_test:
            sample = pg.ScatterPlotItem(symbol="o", size=POINT_SIZE + 1, pen=pg.mkPen("#444444", width=2.0), brush=None)
            self._legend_samples.append(sample)
            self._legend.addItem(sample, "hollow: test")
        if names:
            sample = pg.ScatterPlotItem(
                symbol="o", size=POINT_SIZE + 5, pen=pg.mkPen(colors.MISCLASSIFIED, width=1.6), brush=None
            )
            self._legend_samples.append(sample)
            self._legend.addItem(sample, "ring: misclassified")
        _cache_while_still(self._legend)
        self._place_score()

    def set_legend_visible(self, visible: bool) -> None:
        """Show or hide the class legend in the top-left corner."""
        self._legend_wanted = bool(visible)
        self._place_score()
