"""LandscapeView: the training loss on a 2-D slice of weight space, with the optimizer's path moving on it.

Left (above, in a narrow view): the loss over a plane through the present weights (``model.inside.landscape``), as
a heatmap of log10(loss) with contour lines; the path the weights took (projected on the plane) as a white line
ending at the centre; the present as a red dot that moves live as training goes on (between two recomputations of
the surface). Right (below): a 1-D slice along the last update: t = −1 is where the last update started, t = 0
where it ended.

The surface is computed in the training thread (``CompareManager.request_landscape``); this widget
only draws what it is given and asks again when the user, or the "Follow training" timer, wants it.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from gui.plot.axis_title import TitledAxis
from gui.widgets import theme
from gui.widgets.charts_when_shown import ChartsWhenShown, chart_place
from gui.widgets.flow_layout import FlowLayout
from model.inside.landscape import Landscape

MODES = (("random", "Random directions"), ("pca", "Principal directions of the path"))
SIZES = (21, 41, 61)
N_CONTOURS = 12
MAX_LIVE_POINTS = 4000
PLOT_MIN_HEIGHT = 170  # px: the heatmap, its title and its axes, the surface still readable
SIDE_BY_SIDE_WIDTH = 420  # px: a narrower view shows the 1-D slice under the surface (each chart with its axes
#: needs ~200 px of width)
SLICE_MIN_HEIGHT = 110  # px: the 1-D slice under the surface, its title and its axes
#: the charts and their items, made when the view is first shown or one is asked for
PLOT_PARTS = frozenset(
    {
        "glw",
        "plot",
        "slice_plot",
        "image",
        "colormap",
        "path",
        "live_path",
        "start_dot",
        "now_dot",
        "slice_curve",
        "slice_now",
        "slice_before",
    }
)


class LandscapeView(ChartsWhenShown, QWidget):
    """Signals: ``recomputeRequested(mode, size, seed)``; ``followChanged(bool)``."""

    CHARTS = PLOT_PARTS

    recomputeRequested = Signal(str, int, int)
    followChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        controls = QWidget()
        top = FlowLayout(controls)  # one row in a wide dock, more in a narrow one: none scrolls out of sight
        self.mode_box = QComboBox()
        for key, text in MODES:
            self.mode_box.addItem(text, key)
        self.mode_box.setToolTip(
            "Random: two random directions scaled like the weights of each neuron "
            "(Li et al. 2018). Principal: the plane the weights moved in most so far."
        )
        # the longest direction's name would make a narrow dock scroll sideways: the box fills its row instead,
        # its whole list in the popup
        self.mode_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.mode_box.setMinimumContentsLength(len(MODES[0][1]))
        self.mode_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.size_box = QComboBox()
        for n in SIZES:
            self.size_box.addItem(f"{n}×{n}", n)
        self.size_box.setCurrentIndex(1)
        self.size_box.setToolTip("How finely the surface is sampled (more is slower).")
        self.mode_box.setAccessibleName("Landscape directions")
        self.size_box.setAccessibleName("Landscape resolution")  # its value ("41×41") is no name
        self.new_button = QPushButton("New directions")
        self.new_button.setToolTip("Draw two other random directions.")
        self.recompute_button = QPushButton("Recompute")
        self.recompute_button.setToolTip("Compute the surface again around the present weights.")
        self.follow_check = QCheckBox("Follow training")
        self.follow_check.setChecked(True)
        self.follow_check.setToolTip("Recompute about once a second while training runs.")
        for w in (self.mode_box, self.size_box, self.new_button, self.recompute_button, self.follow_check):
            top.addWidget(w)
        layout.addWidget(controls)
        self.info = QLabel("")
        self.info.setWordWrap(True)
        layout.addWidget(self.info)

        # the charts are made when the view is first shown or drawn on (``make_charts``): the dock is hidden at start
        self._plots_place = chart_place(min_height=PLOT_MIN_HEIGHT, vertical=QSizePolicy.Policy.Ignored)
        layout.addWidget(self._plots_place, 1)
        self.slice_below = False  # the 1-D slice under the surface (a narrow view), else beside it
        self.contours: list[pg.IsocurveItem] = []

        self.landscape: Landscape | None = None
        self._pinv: np.ndarray | None = None
        self._live: list[tuple[float, float]] = []
        self._last_epoch = -1
        self._seed = 0
        self.recompute_button.clicked.connect(self._on_recompute)
        self.new_button.clicked.connect(self._on_new_directions)
        self.mode_box.currentIndexChanged.connect(self._on_recompute)
        self.size_box.currentIndexChanged.connect(self._on_recompute)
        self.follow_check.toggled.connect(self.followChanged)

    # ------------------------------------------------------------------ the charts, made when first needed
    def make_charts(self) -> None:
        self.glw = pg.GraphicsLayoutWidget()
        self.glw.setBackground("default")
        # the plots take the height left by the controls and the caption, never less than PLOT_MIN_HEIGHT; their
        # preferred size (a graphics view's is large) must not make a short dock scroll
        self.glw.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.glw.setMinimumHeight(PLOT_MIN_HEIGHT)
        self.put_in_place(self._plots_place, self.glw)
        # titled axes: a title longer than its axis wraps onto more lines, centred, instead of running off its end
        self.plot = self.glw.addPlot(row=0, col=0, axisItems=_titled_axes())
        self.slice_plot = self.glw.addPlot(row=0, col=1, axisItems=_titled_axes())
        grid = self.glw.ci.layout
        grid.setColumnStretchFactor(0, 3)
        grid.setColumnStretchFactor(1, 2)
        grid.setRowStretchFactor(0, 2)  # the surface, the slice under it: the surface gets the more
        grid.setRowStretchFactor(1, 1)
        for p in (self.plot, self.slice_plot):
            p.hideButtons()
            p.showGrid(x=True, y=True, alpha=0.15)
        self.plot.setLabel("bottom", "direction 1")
        self.plot.setLabel("left", "direction 2")
        self.plot.setTitle("training loss (log scale)", size="9pt")
        # short, so that it stays one or two lines and leaves the slice its height in a narrow dock (1024×700)
        self.slice_plot.setLabel("bottom", "t (× last update)")
        self.slice_plot.setLabel("left", "loss")
        self.slice_plot.setTitle("along the last update", size="9pt")

        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.plot.addItem(self.image)
        self.colormap = pg.colormap.get("viridis")
        self.image.setColorMap(self.colormap)
        self.path = pg.PlotDataItem(
            pen=pg.mkPen("#ffffff", width=2.2), symbol="o", symbolSize=3, symbolBrush="#ffffff", symbolPen=None
        )
        self.path.setZValue(10)
        self.live_path = pg.PlotDataItem(pen=pg.mkPen("#ffcc00", width=2.0))
        self.live_path.setZValue(11)
        self.start_dot = pg.ScatterPlotItem(size=9, symbol="s", brush="#ffffff", pen=pg.mkPen("#000000"))
        self.now_dot = pg.ScatterPlotItem(size=12, symbol="o", brush="#e0002a", pen=pg.mkPen("#ffffff", width=1.5))
        self.start_dot.setZValue(12)
        self.now_dot.setZValue(13)
        for item in (self.path, self.live_path, self.start_dot, self.now_dot):
            self.plot.addItem(item)
        self.slice_curve = pg.PlotDataItem(pen=pg.mkPen("#0072B2", width=2))
        self.slice_now = pg.ScatterPlotItem(size=10, symbol="o", brush="#e0002a", pen=None)
        self.slice_before = pg.ScatterPlotItem(size=9, symbol="s", pen=None)
        for item in (self.slice_curve, self.slice_now, self.slice_before):
            self.slice_plot.addItem(item)
        # made after the theme was applied, maybe long after: its axes, titles and marks in the theme shown (they
        # kept fixed dark greys, the titles all but lost on the dark theme's plot)
        self._on_theme(theme.current())
        theme.manager().changed.connect(self._on_theme)

        self._place_slice(self.width() < SIDE_BY_SIDE_WIDTH)

    @Slot(object)
    def _on_theme(self, now: theme.Theme) -> None:
        """The charts in the colours of ``now``: axes and titles, and the square where the last update started."""
        theme.style_plot_widget(self.glw, now)
        self.slice_before.setBrush(pg.mkBrush(now.plot_guide))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.charts_made:  # else placed as they are made
            self._place_slice(self.width() < SIDE_BY_SIDE_WIDTH)

    def _place_slice(self, below: bool) -> None:
        """The 1-D slice beside the surface, or under it where the view is too narrow for both side by side (a dock
        beside the plot on a small screen): squeezed beside it, it would be a sliver."""
        if below == self.slice_below:
            return
        self.slice_below = below
        layout = self.glw.ci
        layout.removeItem(self.slice_plot)
        layout.addItem(self.slice_plot, row=1 if below else 0, col=0 if below else 1)
        self.glw.setMinimumHeight(PLOT_MIN_HEIGHT + (SLICE_MIN_HEIGHT if below else 0))

    # ------------------------------------------------------------------ requests
    @property
    def mode(self) -> str:
        return str(self.mode_box.currentData())

    @property
    def grid_size(self) -> int:
        return int(self.size_box.currentData())

    @property
    def seed(self) -> int:
        return self._seed

    @property
    def follow(self) -> bool:
        return self.follow_check.isChecked()

    @Slot()
    def _on_recompute(self, *_) -> None:
        self.recomputeRequested.emit(self.mode, self.grid_size, self._seed)

    @Slot()
    def _on_new_directions(self) -> None:
        self._seed += 1
        if self.mode != "random":
            self.mode_box.setCurrentIndex(self.mode_box.findData("random"))  # emits a request
        else:
            self._on_recompute()

    # ------------------------------------------------------------------ drawing
    @Slot(object)
    def set_landscape(self, land) -> None:
        """Draw a ``model.inside.landscape.Landscape``."""
        self.landscape = land
        D = np.column_stack([land.d1, land.d2])
        self._pinv = np.linalg.pinv(D)
        self._live = []
        self._last_epoch = land.epoch
        values = np.asarray(land.values, dtype=np.float64)
        finite = values[np.isfinite(values)]
        floor = max(float(finite.min()) if finite.size else 1e-12, 1e-12) if finite.size else 1e-12
        logv = np.log10(np.clip(values, floor * 0.5 if floor > 0 else 1e-12, None))
        logv[~np.isfinite(values)] = np.nan
        lo, hi = (np.nanmin(logv), np.nanmax(logv)) if np.isfinite(logv).any() else (0.0, 1.0)
        if hi <= lo:
            hi = lo + 1e-6
        shown = np.where(np.isfinite(logv), logv, hi)
        self.image.setImage(shown, levels=(lo, hi), autoLevels=False)
        a0, a1, b0, b1 = land.bounds
        n_a, n_b = len(land.alphas), len(land.betas)
        da = (a1 - a0) / max(1, n_a - 1)
        db = (b1 - b0) / max(1, n_b - 1)
        rect = QRectF(a0 - da / 2, b0 - db / 2, da * n_a, db * n_b)
        self.image.setRect(rect)
        for c in self.contours:
            self.plot.removeItem(c)
        self.contours = []
        for level in np.linspace(lo, hi, N_CONTOURS + 2)[1:-1]:
            c = pg.IsocurveItem(data=shown, level=float(level), pen=pg.mkPen((255, 255, 255, 110), width=1))
            c.setParentItem(self.image)  # image coordinates -> the image's rect
            c.setZValue(5)
            self.contours.append(c)
        path = np.asarray(land.path)
        self.path.setData(path[:, 0], path[:, 1])
        self.start_dot.setData([path[0, 0]], [path[0, 1]])
        self.now_dot.setData([0.0], [0.0])
        self.live_path.setData([], [])
        self.plot.setRange(rect, padding=0)
        if land.slice_t is not None:
            t, v = np.asarray(land.slice_t), np.asarray(land.slice_values)
            self.slice_curve.setData(t, v)
            i0 = int(np.argmin(np.abs(t)))
            self.slice_now.setData([0.0], [float(v[i0])])
            im1 = int(np.argmin(np.abs(t + 1)))
            self.slice_before.setData([-1.0], [float(v[im1])])
        else:
            for item in (self.slice_curve, self.slice_now, self.slice_before):
                item.setData([], [])
        what = (
            "random directions (filter-normalised)"
            if land.mode == "random"
            else "principal directions of the path "
            f"({100 * land.explained[0]:.0f}% + {100 * land.explained[1]:.0f}% of it)"
        )
        # one line above the charts, so that a short dock still shows them; what they show in the tooltip
        self.info.setText(f"Epoch {land.epoch:,}: loss {_fmt(land.center_loss)} at the centre.")
        self.info.setToolTip(
            f"A plane of {what}. White: the path so far; red: the weights now. The slice: the loss along the last "
            "update, t = −1 where it started, t = 0 where it ended."
        )

    @Slot(object)
    def show_snapshot(self, snap) -> None:
        """Move the present along the plane (projected) as training goes on."""
        land, pinv = self.landscape, self._pinv
        if land is None or pinv is None or snap is None or getattr(snap, "session_id", None) != land.session_id:
            return
        if snap.epoch == self._last_epoch or snap.params.shape != land.center.shape:
            return
        self._last_epoch = snap.epoch
        a, b = (np.asarray(snap.params, np.float64) - land.center) @ pinv.T
        self._live.append((float(a), float(b)))
        if len(self._live) > MAX_LIVE_POINTS:
            self._live = self._live[::2]
        xy = np.array([(0.0, 0.0)] + self._live)
        self.live_path.setData(xy[:, 0], xy[:, 1])
        self.now_dot.setData([xy[-1, 0]], [xy[-1, 1]])

    def clear(self) -> None:
        self.landscape = None
        self.info.setText("")
        self.info.setToolTip("")
        if not self.charts_made:  # nothing drawn yet
            return
        self.image.clear()
        for c in self.contours:
            self.plot.removeItem(c)
        self.contours = []
        for item in (
            self.path,
            self.live_path,
            self.start_dot,
            self.now_dot,
            self.slice_curve,
            self.slice_now,
            self.slice_before,
        ):
            item.setData([], [])
        self.info.setText("")


def _titled_axes() -> dict[str, TitledAxis]:
    return {"left": TitledAxis("left"), "bottom": TitledAxis("bottom")}


def _fmt(v) -> str:
    try:
        v = float(v)
    except (TypeError, ValueError):
        return "—"
    return "—" if not math.isfinite(v) else f"{v:.4g}"
