"""Health of every layer, live.

A table with a column per layer: the share of dead ReLUs (units that output 0 for
every training point, so no gradient reaches their weights again), the share of
saturated σ/tanh activations (in the flat tails where f'(z) < 0.06 and learning
crawls), the gradient norm ‖dL/dW‖ of the full training batch; a small
histogram of each layer's weights; and the gradient norm of each layer over the
epochs on a log scale, where vanishing or exploding gradients show as curves
that fall apart.

The layers are the table's columns and the measures its rows: a dock beside the
plot is narrow, networks have few layers, and the measures' names are long (seven
measure columns were cut to "ctivation" and "ead ReLU"). Columns take the width
of their contents; a deep network's table scrolls sideways rather than cutting.

The gradient norms' legend is a box in the theme's colours, as the main plot's score box, and the warnings in the
table are in the theme's alarm colour: both are drawn again when the theme changes.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from gui.inside.inspect_common import POSITIVE, fmt
from gui.inside.throttled_view import ThrottledView
from gui.widgets import theme
from gui.widgets.charts_when_shown import ChartsWhenShown, chart_place
from gui.widgets.whole_epoch_axis import WholeEpochAxis
from model.inside.health import network_health
from model.nn.activations import get_activation

HISTORY_POINTS = 600
#: the layers' lines, the ninth in the plot's ink (``layer_colour``): black, it vanished on the dark theme's plot
LAYER_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F7F7F", "#8C4A2F", None)


def layer_colour(k: int, now: theme.Theme) -> str:
    """The line colour of layer ``k`` (from 0) in the theme ``now``."""
    return LAYER_COLORS[k % len(LAYER_COLORS)] or now.plot_ink


ROWS = ("activation", "dead ReLU", "saturated", "‖dL/dW‖", "‖dL/db‖", "‖W‖")
LAYER_LINE_WIDTH = 1.6
LEGEND_ALPHA = 200  # the legend's box, a little see-through over the curves it may cover
LEGEND_ROOM_PX = 6  # between the legend's box and the highest curve under it
MOSTLY = 0.5  # a hidden layer with this share of its units dead or saturated is called out


def _pct(value) -> str:
    return "—" if value is None or not np.isfinite(value) else f"{100 * value:.0f} %"


def _norm(value: float) -> str:
    return "—" if not np.isfinite(value) else fmt(value, 3)


class HealthPanel(ChartsWhenShown, ThrottledView):
    """Per-layer health of the newest snapshot on the current training data."""

    CHARTS = frozenset({"histograms", "norm_plot"})

    rate_hz = 5.0

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("healthPanel")
        self._dataset = None
        self.health = None  # the newest list of model.inside.health.LayerHealth
        self._history = {}  # layer index -> list of (epoch, grad norm)
        self._history_key = None
        self.table = QTableWidget(len(ROWS), 0)
        self.table.setAccessibleName("Health of each layer")
        self.table.setMinimumHeight(70)
        self.table.setVerticalHeaderLabels(ROWS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)  # as tall as its rows
        tips = (
            "the layer's activation function and its number of units",
            "ReLU units that output 0 for every training point: they no longer learn",
            "σ/tanh activations in the flat tails (|tanh| > 0.97, σ < 0.03 or > 0.97): "
            "learning is slow there; for the output, how many predictions are sure (that is fine)",
            "norm of the full-batch gradient of the layer's weights",
            "norm of the full-batch gradient of the layer's biases",
            "norm of the layer's weights",
        )
        for row, tip in enumerate(tips):
            self.table.verticalHeaderItem(row).setToolTip(tip)
        self._hist_plots = []
        # the two charts are made when the view is first shown or one is asked for (``make_charts``)
        self._histograms_place = chart_place(min_height=70)
        self._norm_place = chart_place(min_height=80)
        self._norm_curves = {}
        # The perceptron rule (w += η·y·x on a mistake) follows no loss's gradient: nothing to chart.
        self.no_gradient = QLabel(
            "The perceptron learns from its mistakes (w ← w + η·y·x for each point it gets wrong), "
            "not from the gradient of a loss: it has no gradient norms."
        )
        self.no_gradient.setWordWrap(True)
        self.no_gradient.hide()
        self._has_gradient = True
        self._norm_title = QLabel("Gradient norm per layer")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.table)
        lay.addWidget(QLabel("Weights of each layer"))
        lay.addWidget(self._histograms_place, 2)
        lay.addWidget(self._norm_title)
        lay.addWidget(self._norm_place, 2)
        lay.addWidget(self.no_gradient)
        lay.addWidget(self.caption)
        theme.manager().changed.connect(self._on_theme)

    def make_charts(self) -> None:
        self.histograms = pg.GraphicsLayoutWidget()
        self.histograms.setBackground("default")
        self.histograms.setMinimumHeight(70)
        self.norm_plot = pg.PlotWidget(background="default", axisItems={"bottom": WholeEpochAxis("bottom")})
        self.norm_plot.setMinimumHeight(80)
        # the panel sets the ranges (whole epochs, room for the legend above the curves): no zooming to fight it
        self.norm_plot.setMouseEnabled(x=False, y=False)
        self.norm_plot.setMenuEnabled(False)
        self.norm_plot.getViewBox().sigResized.connect(self._on_norm_resized)
        self.norm_plot.setLogMode(y=True)
        self.norm_plot.setLabel("left", "‖dL/dW‖")
        self.norm_plot.getAxis("left").enableAutoSIPrefix(False)
        self.norm_plot.setLabel("bottom", "epoch")
        self.norm_plot.addLegend(offset=(-4, 4), colCount=3)
        self._style_legend(theme.current())
        self.put_in_place(self._histograms_place, self.histograms)
        self.put_in_place(self._norm_place, self.norm_plot)
        self._show_gradient_chart()

    def _show_gradient_chart(self) -> None:
        """The gradient norms' chart, or for a model without a gradient the sentence saying why there is none."""
        self.no_gradient.setVisible(not self._has_gradient)
        self._norm_title.setVisible(self._has_gradient)
        chart = self.norm_plot if self.charts_made else self._norm_place
        chart.setVisible(self._has_gradient)

    def _style_legend(self, now: theme.Theme) -> None:
        """The legend's box, edge and words in the colours of ``now``: it was a near-white box whose words the
        dark theme drew light (unreadable) from the first redraw on."""
        legend = self.norm_plot.getPlotItem().legend
        box = QColor(now.score_fill)
        box.setAlpha(LEGEND_ALPHA)
        legend.setBrush(pg.mkBrush(box))
        legend.setPen(pg.mkPen(now.score_border))
        legend.setLabelTextColor(now.score_text)
        for _, label in legend.items:
            label.setText(label.text)  # pyqtgraph keeps a new colour for the next text only

    @Slot(object)
    def _on_theme(self, now) -> None:
        if self.charts_made:
            self._style_legend(now)
        for k, curve in self._norm_curves.items():
            curve.setPen(pg.mkPen(layer_colour(k, now), width=LAYER_LINE_WIDTH))
        if self.health is not None:
            self._colour_warnings(self.health)

    def set_dataset(self, dataset) -> None:
        self._dataset = dataset
        self.mark_dirty()

    def redraw(self, snap) -> None:
        ds = self._dataset
        if snap is None:
            self.table.setColumnCount(0)
            self.health = None  # nothing shown: a theme change has no cells to colour
            return
        n_raw = snap.layer_sizes[0] - len(snap.features)
        if ds is not None and ds.X.shape[1] == n_raw:
            X, y = ds.train_X, ds.train_y
        else:
            X, y = np.empty((0, n_raw)), np.empty(0)
        self.health = network_health(snap, X, y)
        self._has_gradient = snap.model_kind != "perceptron"
        self._show_gradient_chart()
        self._fill_table(self.health)
        self._fill_histograms(self.health)
        self._record(snap, self.health)
        self.caption.setText(self._summary(self.health))

    def cell(self, layer: int, measure: str) -> str:
        """The text shown for ``measure`` (one of ``ROWS``) of layer ``layer`` (0: the first hidden one)."""
        item = self.table.item(ROWS.index(measure), layer)
        return "" if item is None else item.text()

    def _fill_table(self, health) -> None:
        n = len(health)
        if self.table.columnCount() != n:
            self.table.setColumnCount(n)
            for column in range(n):
                last = column == n - 1
                head = QTableWidgetItem("output" if last else f"h{column + 1}")
                head.setToolTip("the output layer" if last else f"hidden layer {column + 1}")
                self.table.setHorizontalHeaderItem(column, head)
        for column, h in enumerate(health):
            dead = _pct(h.dead_fraction) if np.isfinite(h.dead_fraction) else "—"
            if len(h.dead_units):
                dead += f" ({len(h.dead_units)}/{h.n_units})"
            sat = _pct(h.saturated_fraction)
            if column == n - 1 and sat != "—":
                sat = f"sure {sat}"  # a saturated output is a confident prediction, not a problem
            values = (
                f"{get_activation(h.activation).display_name} ×{h.n_units}",
                dead,
                sat,
                _norm(h.weight_grad_norm),
                _norm(h.bias_grad_norm),
                _norm(h.weight_norm),
            )
            for row, text in enumerate(values):
                item = self.table.item(row, column)
                if item is None:
                    item = QTableWidgetItem()
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.table.setItem(row, column, item)
                item.setText(text)
        self._colour_warnings(health)

    def _colour_warnings(self, health) -> None:
        """A layer with half its units dead or saturated has those two cells in the theme's alarm colour, the others
        in the table's own text colour (a fixed black was unreadable on the dark theme's table)."""
        alarm = QBrush(QColor(theme.current().score_alarm))
        n = len(health)
        for column, h in enumerate(health):
            warn = (np.isfinite(h.dead_fraction) and h.dead_fraction >= MOSTLY) or (
                column < n - 1 and np.isfinite(h.saturated_fraction) and h.saturated_fraction >= MOSTLY
            )
            for row in (1, 2):
                item = self.table.item(row, column)
                if warn:
                    item.setForeground(alarm)
                else:
                    item.setData(Qt.ItemDataRole.ForegroundRole, None)  # the palette's, which follows the theme

    def _fill_histograms(self, health) -> None:
        if len(self._hist_plots) != len(health):
            self.histograms.clear()
            self._hist_plots = []
            for k in range(len(health)):
                plot = self.histograms.addPlot(row=0, col=k)
                plot.setMenuEnabled(False)
                plot.setMouseEnabled(x=False, y=False)
                plot.hideAxis("left")
                plot.getAxis("bottom").setStyle(tickLength=3)
                plot.setTitle("out" if k == len(health) - 1 else f"h{k + 1}", size="8pt")
                bars = pg.BarGraphItem(x0=[], x1=[], height=[], brush=POSITIVE, pen=None)
                plot.addItem(bars)
                self._hist_plots.append((plot, bars))
        for (plot, bars), h in zip(self._hist_plots, health):
            edges = h.hist_edges
            bars.setOpts(x0=edges[:-1], x1=edges[1:], height=h.hist_counts)
            plot.setXRange(float(edges[0]), float(edges[-1]), padding=0.02)
            plot.setYRange(0, max(1, int(h.hist_counts.max())), padding=0.05)

    def _record(self, snap, health) -> None:
        key = (snap.session_id, tuple(snap.layer_sizes))
        if key != self._history_key or (self._history and snap.epoch < self._last_epoch()):
            self._history = {}
            self._history_key = key
            for curve in self._norm_curves.values():
                self.norm_plot.removeItem(curve)
            self._norm_curves = {}
            legend = self.norm_plot.getPlotItem().legend
            if legend is not None:
                legend.clear()
        for k, h in enumerate(health):
            if not np.isfinite(h.weight_grad_norm) or h.weight_grad_norm <= 0:
                continue
            points = self._history.setdefault(k, [])
            if points and points[-1][0] == snap.epoch:
                points[-1] = (snap.epoch, h.weight_grad_norm)
            else:
                points.append((snap.epoch, h.weight_grad_norm))
            if len(points) > HISTORY_POINTS:
                del points[::2]  # thin evenly: keeps the whole run at half the resolution
            curve = self._norm_curves.get(k)
            if curve is None:
                name = "out" if k == len(health) - 1 else f"h{k + 1}"
                curve = self.norm_plot.plot(
                    [], [], pen=pg.mkPen(layer_colour(k, theme.current()), width=LAYER_LINE_WIDTH), name=name
                )
                self._norm_curves[k] = curve
            arr = np.asarray(points, dtype=np.float64)
            # a dot while the layer has one epoch: a line through a single point draws nothing
            colour = LAYER_COLORS[k % len(LAYER_COLORS)]
            dot = {"symbol": "o", "symbolSize": 6, "symbolBrush": colour, "symbolPen": None} if len(arr) == 1 else {}
            curve.setData(arr[:, 0], arr[:, 1], symbol=dot.pop("symbol", None), **dot)
        self._fit_norm_ranges()

    @Slot(object)
    def _on_norm_resized(self, _view) -> None:
        self._fit_norm_ranges()

    def _fit_norm_ranges(self) -> None:
        """Whole epochs across (a single epoch in the middle of the two around it), and the log axis tall enough
        that the curves stay under the legend: at its corner, autoranged, it covered the top of the curves."""
        points = [p for pts in self._history.values() for p in pts]
        if not points:
            return
        epochs = np.array([e for e, _ in points], dtype=np.float64)
        logs = np.log10(np.array([v for _, v in points], dtype=np.float64))
        first, last = float(epochs.min()), float(epochs.max())
        if last - first < 2:
            first, last = first - 1, last + 1
        self.norm_plot.setXRange(first, last, padding=0.02)
        low, high = float(logs.min()), float(logs.max())
        pad = max(0.05 * (high - low), 0.5)  # a decade at least: a single point had a crowd of minor labels
        low, high = low - pad, high + pad
        view_height = self.norm_plot.getViewBox().height()
        legend = self.norm_plot.getPlotItem().legend
        legend_height = legend.boundingRect().height() + LEGEND_ROOM_PX if legend is not None else 0.0
        share = min(0.6, legend_height / view_height) if view_height > 0 else 0.0
        self.norm_plot.setYRange(low, low + (high - low) / (1 - share), padding=0)

    def _last_epoch(self) -> int:
        return max((pts[-1][0] for pts in self._history.values() if pts), default=0)

    @staticmethod
    def _summary(health) -> str:
        """The table's alarms in words, naming layers as its columns do (h1, h2), with the rule for "mostly"."""
        notes = []
        hidden = health[:-1]
        dead = [h for h in hidden if np.isfinite(h.dead_fraction) and h.dead_fraction > 0]
        if dead:
            notes.append(
                "Dead ReLUs in "
                + ", ".join(f"h{h.index}" for h in dead)
                + ": a lower learning rate, leaky ReLU or another seed can help."
            )
        sat = [h for h in hidden if np.isfinite(h.saturated_fraction) and h.saturated_fraction >= MOSTLY]
        if sat:
            notes.append(
                f"Mostly (≥ {_pct(MOSTLY)}) saturated: "
                + ", ".join(f"h{h.index}" for h in sat)
                + "; their gradients are small, so they learn slowly."
            )
        norms = [h.weight_grad_norm for h in health if np.isfinite(h.weight_grad_norm) and h.weight_grad_norm > 0]
        if len(norms) >= 3 and norms[0] < 1e-3 * max(norms):
            notes.append("The first layer's gradient is over 1000× smaller than the largest: vanishing gradients.")
        if not dead and not sat:
            some = [h for h in hidden if np.isfinite(h.saturated_fraction) and h.saturated_fraction > 0]
            less = ", ".join(f"h{h.index} {_pct(h.saturated_fraction)}" for h in some)
            notes.insert(
                0,
                f"No hidden layer is mostly (≥ {_pct(MOSTLY)}) dead or saturated"
                + (f" (saturated: {less})." if less else "."),
            )
        return " ".join(notes)
