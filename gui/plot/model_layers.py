"""ModelLayers: what the model says, drawn under the points of the main plot.

Classification: the class probabilities as a shaded image over the grid they were evaluated on, and the decision
boundary as a dark line where the model's output crosses 0.5 (between classes, for more than two; the segments come
from ``model.inside.contour``). Regression over two inputs: the prediction as a shaded image, no line. Regression
over one input: the fitted curve. A neuron's heatmap may take the image's place for a while (``show_heatmap``).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QGraphicsPathItem

from gui.plot.unit_map_key import MapScale, map_scale
from gui.widgets import colors
from gui.widgets.plot_look import PlotLook
from model.inside.contour import decision_boundary_segments

BOUNDARY_WIDTH = 1.6  # px, at a desk
CURVE_WIDTH = 3.2


class BoundaryLine(QGraphicsPathItem):
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


class ModelLayers:
    """The boundary image, the boundary line and the fitted curve in ``vb``."""

    def __init__(self, vb: pg.ViewBox):
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-20)
        vb.addItem(self.image, ignoreBounds=True)
        self.contour = BoundaryLine(pg.mkPen(colors.BOUNDARY_LINE, width=BOUNDARY_WIDTH))
        self.contour.setZValue(-10)
        vb.addItem(self.contour, ignoreBounds=True)
        self.curve = pg.PlotDataItem(pen=pg.mkPen(colors.CLASS_COLORS[5], width=CURVE_WIDTH), antialias=True)
        self.curve.setZValue(5)
        vb.addItem(self.curve, ignoreBounds=True)
        self.heatmap: tuple[np.ndarray, tuple[float, ...]] | None = None  # (grid, bounds) shown instead
        self.shading = colors.LIGHT_SHADING
        self._line_width = BOUNDARY_WIDTH
        self._regression = False
        self._curve_mode = False
        self.curve.setVisible(False)

    def set_look(self, look: PlotLook) -> None:
        """The boundary line and the fitted curve as wide as ``look`` says."""
        self._line_width = look.line(BOUNDARY_WIDTH)
        self.contour.setPen(pg.mkPen(self.shading.line, width=self._line_width))
        self.curve.setPen(pg.mkPen(colors.CLASS_COLORS[5], width=look.line(CURVE_WIDTH)))

    def set_shading(self, shading: colors.Shading) -> None:
        """The class shading and boundary line of the theme (the next grid drawn shows it)."""
        self.shading = shading
        self.contour.setPen(pg.mkPen(shading.line, width=self._line_width))

    def set_mode(self, regression: bool, curve_mode: bool) -> None:
        """Which layers show: the image unless a curve is fitted; the line in classification only."""
        self._regression, self._curve_mode = regression, curve_mode
        self.image.setVisible(not curve_mode or self.heatmap is not None)
        self.contour.setVisible(not regression and self.heatmap is None)
        self.curve.setVisible(curve_mode)

    def clear(self) -> None:
        self.image.clear()
        self.contour.setData([], [])
        self.curve.setData([], [])

    def _set_image(self, rgba: np.ndarray, bounds) -> None:
        xmin, xmax, ymin, ymax = (float(b) for b in bounds)
        self.image.setImage(rgba, autoLevels=False)
        self.image.setRect(QRectF(xmin, ymin, xmax - xmin, ymax - ymin))

    def draw_grid(self, grid: np.ndarray, bounds, target_range: tuple[float, float]) -> None:
        """Probabilities (classification) or predictions (regression, coloured over ``target_range``)."""
        if self._regression:
            lo, hi = target_range
            self._set_image(colors.scalar_image(grid, lo, hi, "regression"), bounds)
            self.contour.setData([], [])
            return
        self._set_image(
            colors.probability_image(grid, shading=self.shading), bounds
        )  # a fresh array: ImageItem keeps it
        seg = decision_boundary_segments(grid, bounds)
        self.contour.setData(seg[:, 0], seg[:, 1], connect="pairs")

    def draw_curve(self, grid, bounds) -> None:
        """The fitted curve of a model of one input: its grid's predictions at the grid's x."""
        if grid is None or bounds is None:
            return
        grid = np.asarray(grid)
        if grid.ndim == 2:  # a (G, G) surface of a function of x alone: any row is the curve
            grid = grid[grid.shape[0] // 2]
        if grid.ndim != 1 or grid.size == 0:
            return
        xmin, xmax = float(bounds[0]), float(bounds[1])
        cx = xmin + (np.arange(grid.size) + 0.5) * (xmax - xmin) / grid.size
        self.curve.setData(np.array(cx, dtype=np.float64), np.array(grid, dtype=np.float64), connect="finite")

    def show_heatmap(self, grid, bounds, scale: MapScale | None = None) -> MapScale:
        """Draw ``grid`` (G, G) with a neutral colormap instead of the boundary, in ``scale`` (by default the one
        ``map_scale`` gives its values: diverging around 0 when it has negative values, sequential from 0
        otherwise); returns the scale drawn."""
        grid = np.array(grid, dtype=np.float32)
        self.heatmap = (grid, tuple(float(b) for b in bounds))
        scale = scale if scale is not None else map_scale(grid)
        self.set_mode(self._regression, self._curve_mode)
        self._set_image(scale.image(grid), self.heatmap[1])
        return scale

    def end_heatmap(self) -> None:
        """Back to the model's layers (the caller draws the newest snapshot again)."""
        self.heatmap = None
        self.set_mode(self._regression, self._curve_mode)
