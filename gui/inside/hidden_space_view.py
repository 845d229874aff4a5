"""The data as a hidden layer sees it, with the input grid warped by the layer.

As in ConvNetJS's 2-D demo: pick a layer; each data point is drawn where that
layer maps it (its two units, or the first two principal components when the
layer is wider), and the lines of a grid over the plot region are pushed through
the same map, so one watches the network bend and fold the plane until the
classes of XOR, circles or spirals come apart. For the last hidden layer of a
two-class network the output's decision line is drawn too: there the boundary
is straight.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout

from gui.inside.throttled_view import ThrottledView
from gui.widgets import colors
from gui.widgets.charts_when_shown import ChartsWhenShown, chart_place
from model.inside.hidden_space import hidden_space, layer_names

DEFAULT_BOUNDS = (-6.0, 6.0, -6.0, 6.0)  # the region drawn when a snapshot carries no plot region
GRID_LINE_COLOR = (120, 120, 120, 110)
VERTICAL_LINE_COLOR = (90, 110, 160, 120)


def _plane_note(ds) -> str:
    """For data of more than two features: which plane the grid is."""
    frame = ds.plane_frame()
    if frame is None:
        return ""
    across, up = frame.axis_names
    return f" The grid is the plot's plane ({across} vs {up}) of the {frame.n_features} inputs."


class HiddenSpaceView(ChartsWhenShown, ThrottledView):
    """A dockable plot of one layer's space."""

    CHARTS = frozenset({"plot", "_grid_v", "_grid_h", "_boundary"})

    rate_hz = 12.0

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("hiddenSpaceView")
        self._dataset = None
        self._projection = None
        self._projection_key = None
        self.space = None  # the newest model.inside.hidden_space.HiddenSpace
        self.layer_box = QComboBox()
        self.layer_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.layer_box.setMinimumContentsLength(16)
        self.layer_box.setToolTip("The layer whose space is shown (input: the plane itself).")
        self.layer_box.setAccessibleName("Layer shown")
        self.layer_box.currentIndexChanged.connect(self._on_choice)
        self.mode_box = QComboBox()
        self.mode_box.setToolTip("How the two axes are chosen; hover an entry for what it means.")
        for text, data, tip in (
            ("auto", "auto", "Two units as they are; the first two principal components of a wider layer."),
            ("principal components", "pca", "The two directions in which the layer's activations vary most."),
            (
                "output direction",
                "output",
                "First axis: the direction the next layer reads (for the last hidden layer, the output's weights).",
            ),
            ("two units", "units", "Two chosen units as the axes, as ConvNetJS does."),
        ):
            self.mode_box.addItem(text, data)
            self.mode_box.setItemData(self.mode_box.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.mode_box.currentIndexChanged.connect(self._on_choice)
        self.unit_a, self.unit_b = QSpinBox(), QSpinBox()
        for box, value in ((self.unit_a, 1), (self.unit_b, 2)):
            box.setRange(1, 1)
            box.setValue(value)
            box.setPrefix("unit ")
            box.setToolTip("The unit whose activation is this axis (with the 'two units' axes).")
            box.valueChanged.connect(self._on_choice)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Layer"))
        bar.addWidget(self.layer_box)
        bar.addStretch(1)
        bar2 = QHBoxLayout()
        bar2.addWidget(QLabel("Axes"))
        bar2.addWidget(self.mode_box)
        bar2.addWidget(self.unit_a)
        bar2.addWidget(self.unit_b)
        bar2.addStretch(1)
        # the chart is made when the view is first shown or asked for (``make_charts``): the dock is hidden at start
        self._plot_place = chart_place(160, 140)
        self._scatters: dict = {}
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(bar)
        lay.addLayout(bar2)
        lay.addWidget(self._plot_place, 1)
        lay.addWidget(self.caption)
        self._update_unit_boxes(2)

    def make_charts(self) -> None:
        self.plot = pg.PlotWidget(background="default")
        self.plot.setMinimumSize(160, 140)
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(x=False, y=False)
        self.plot.setMouseEnabled(x=True, y=True)
        self._grid_v = pg.PlotDataItem(pen=pg.mkPen(VERTICAL_LINE_COLOR, width=1), connect="finite")
        self._grid_h = pg.PlotDataItem(pen=pg.mkPen(GRID_LINE_COLOR, width=1), connect="finite")
        self._boundary = pg.PlotDataItem(pen=pg.mkPen(colors.BOUNDARY_LINE, width=2, style=Qt.PenStyle.DashLine))
        for item in (self._grid_v, self._grid_h, self._boundary):
            self.plot.addItem(item)
        self.put_in_place(self._plot_place, self.plot)

    # -- inputs ---------------------------------------------------------------------------------
    def set_dataset(self, dataset) -> None:
        self._dataset = dataset
        self.mark_dirty()

    @Slot()
    def _on_choice(self, *_):
        self._projection = None
        self.mark_dirty()
        if self.isVisible():
            self.flush()

    def _update_unit_boxes(self, n_units: int) -> None:
        show = self.mode_box.currentData() == "units"
        for box in (self.unit_a, self.unit_b):
            box.blockSignals(True)
            box.setRange(1, max(1, n_units))
            box.blockSignals(False)
            box.setVisible(show)

    def _sync_layers(self, snap) -> None:
        names = layer_names(snap)
        current = [self.layer_box.itemText(i) for i in range(self.layer_box.count())]
        if names == current:
            return
        keep = self.layer_box.currentIndex()
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        self.layer_box.addItems(names)
        # default: the last hidden layer (where the classes should be linearly separable)
        self.layer_box.setCurrentIndex(keep if 0 <= keep < len(names) and current else len(names) - 1)
        self.layer_box.blockSignals(False)
        self._projection = None

    # -- drawing --------------------------------------------------------------------------------
    def redraw(self, snap) -> None:
        ds = self._dataset
        if snap is None or ds is None:
            self._clear()
            return
        self._sync_layers(snap)
        layer = max(0, self.layer_box.currentIndex())
        n_units = snap.layer_sizes[layer]
        self._update_unit_boxes(n_units)
        mode = self.mode_box.currentData()
        units = (self.unit_a.value() - 1, self.unit_b.value() - 1) if mode == "units" else None
        n_raw = snap.layer_sizes[0] - len(snap.features)
        if ds.X.shape[1] != n_raw:
            self._clear("The data do not fit this network's inputs.")
            return
        key = (layer, mode, units, snap.session_id, snap.layer_sizes)
        previous = self._projection if key == self._projection_key else None
        frame = ds.plane_frame()  # n-D data: the grid is the plot's plane, lifted into input space
        space = hidden_space(
            snap,
            ds.X,
            layer,
            snap.grid_bounds or DEFAULT_BOUNDS,
            units=units,
            previous=previous,
            mode=mode,
            lift=None if frame is None else frame.lift,
        )
        self.space = space
        self._projection, self._projection_key = space.projection, key
        self._draw_lines(space)
        self._draw_points(space, ds)
        if space.boundary is not None:
            self._boundary.setData(space.boundary[:, 0], space.boundary[:, 1])
        else:
            self._boundary.setData([], [])
        self.plot.setLabel("bottom", space.axis_labels[0])
        self.plot.setLabel("left", space.axis_labels[1])
        self.caption.setText(self._caption(snap, space) + _plane_note(ds))

    def _clear(self, text: str = "") -> None:
        for item in (self._grid_v, self._grid_h, self._boundary):
            item.setData([], [])
        for scatter in self._scatters.values():
            scatter.setData([], [])
        self.caption.setText(text)

    @staticmethod
    def _joined(lines) -> tuple[np.ndarray, np.ndarray]:
        if not lines:
            return np.empty(0), np.empty(0)
        parts = []
        for line in lines:
            parts.append(line)
            parts.append(np.full((1, 2), np.nan))
        xy = np.vstack(parts)
        return xy[:, 0], xy[:, 1]

    def _draw_lines(self, space) -> None:
        v = space.lines[: space.n_vertical]
        h = space.lines[space.n_vertical :]
        self._grid_v.setData(*self._joined(v))
        self._grid_h.setData(*self._joined(h))

    def _scatter(self, key) -> pg.ScatterPlotItem:
        item = self._scatters.get(key)
        if item is None:
            k, test = key
            if k < 0:  # regression: one neutral colour
                brush = pg.mkBrush(colors.REGRESSION_POINT)
                symbol = "o"
            else:
                brush = pg.mkBrush(colors.class_color(k))
                symbol = colors.class_symbol(k)
            item = pg.ScatterPlotItem(
                size=7, symbol=symbol, pen=pg.mkPen(colors.OUTLINE, width=1), brush=None if test else brush
            )
            if test:
                item.setPen(pg.mkPen(colors.class_color(k) if k >= 0 else colors.REGRESSION_POINT, width=1.6))
            item.setZValue(10)
            self.plot.addItem(item)
            self._scatters[key] = item
        return item

    def _draw_points(self, space, ds) -> None:
        points = space.points
        used = set()
        if ds.task == "classification":
            y = np.asarray(ds.y)
            test = np.asarray(ds.is_test)
            for k in range(ds.n_classes):
                for is_test in (False, True):
                    sel = (y == k) & (test == is_test)
                    key = (k, is_test)
                    if sel.any() or key in self._scatters:
                        self._scatter(key).setData(points[sel, 0], points[sel, 1])
                        used.add(key)
        else:
            self._scatter((-1, False)).setData(points[:, 0], points[:, 1])
            used.add((-1, False))
        for key, item in self._scatters.items():
            if key not in used:
                item.setData([], [])

    @staticmethod
    def _caption(snap, space) -> str:
        if space.layer == 0:
            return "The input plane itself: the grid is straight. Pick a hidden layer to see it bent."
        text = {
            "units": "Two units of the layer as axes.",
            "pca": "The layer's first two principal components (the share of variance each holds).",
            "output": "First axis: the direction the next layer reads; second: the main spread across it.",
        }[space.projection.kind]
        if space.boundary is not None:
            text += " Dashed: the output's decision line — in this space the boundary is straight."
        elif space.projection.kind == "pca" and space.layer == len(snap.layer_sizes) - 2:
            text += (
                " If the classes still look tangled, try the output direction: the split may lie in a third dimension."
            )
        return text
