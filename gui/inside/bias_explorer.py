"""Activation and bias explorer (the seeds' bias example).

One neuron with one input: z = w·x + b, output f(z). Sliders set the weight w
and the bias b; the plot shows f(w·x + b) over x for every hidden activation that
bends (σ, tanh, ReLU, leaky ReLU...: all but the linear one) and a vertical line at
the threshold x* = −b/w, where z crosses 0. A sentence says what the bias is doing
right now.

The curves are the model's own activation functions (``model.nn.activations``).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QSlider, QVBoxLayout, QWidget

from gui.inside.inspect_common import fmt
from gui.widgets import theme
from gui.widgets.flow_layout import FlowLayout
from model.nn.activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, get_activation

X_RANGE = (-6.0, 6.0)
N_POINTS = 401
SLIDER_SCALE = 20  # slider units per 1.0 of w or b
W_RANGE = (-5.0, 5.0)
B_RANGE = (-6.0, 6.0)
ZERO_LINE_ALPHA = 90  # the line y = 0, faint under the curves
START_W, START_B = 1.0, 0.0  # where a lesson starts the explorer: the plain σ(x), its threshold at 0

#: the curves' pens in turn: colour (Okabe-Ito), dash style
PENS = (
    ("#D55E00", Qt.PenStyle.SolidLine),
    ("#009E73", Qt.PenStyle.DashLine),
    ("#CC79A7", Qt.PenStyle.DotLine),
    ("#E69F00", Qt.PenStyle.DashDotLine),
    ("#0072B2", Qt.PenStyle.SolidLine),
    ("#56B4E9", Qt.PenStyle.DashLine),
)
#: name shown, activation name in model.nn.activations, colour, dash style: every hidden activation but the line
CURVES = tuple(
    (ACTIVATIONS[name].display_name, name, *PENS[i % len(PENS)])
    for i, name in enumerate(n for n in HIDDEN_ACTIVATIONS if not ACTIVATIONS[n].is_identity)
)


def bias_sentence(w: float, b: float) -> str:
    """What the bias does, in one or two sentences, for the current w and b."""
    if w == 0:
        return (
            f"With w = 0 the input has no effect: z = b = {fmt(b, 3)} for every x, so the neuron's output "
            f"is the constant f(b). The bias alone sets how active it is."
        )
    threshold = -b / w
    side = "above" if w > 0 else "below"
    if b > 0:
        effect = (
            "A positive bias adds to z for every input, so the neuron switches on earlier: "
            f"its threshold moves {'left' if w > 0 else 'right'}, to x* = −b/w = {fmt(threshold, 3)}, "
            "and more inputs make it active."
        )
    elif b < 0:
        effect = (
            "A negative bias subtracts from z for every input, so the neuron needs a stronger input "
            f"to switch on: its threshold moves {'right' if w > 0 else 'left'}, to x* = −b/w = "
            f"{fmt(threshold, 3)}, and fewer inputs make it active."
        )
    else:
        effect = "With b = 0 the threshold sits at x* = 0: the neuron is active for half of the inputs."
    return (
        f"{effect} The neuron is on (z > 0) for x {side} x*. The weight w = {fmt(w, 3)} sets how steep "
        f"the switch is{' and flips its direction' if w < 0 else ''}."
    )


#: the chart's preferred size: pyqtgraph's (~480 px tall at a dock's width) made the explorer scroll beside the plot
#: at 1024×700, its sliders out of sight; it takes whatever height the dock leaves instead (asking less than that
#: leaves room for a second row of the curves' switches there)
CHART_HINT = QSize(240, 160)


LINE_ICON = QSize(22, 10)  # a curve's line sample beside its check box


def _line_icon(color: str, style: Qt.PenStyle) -> QIcon:
    """A short line in a curve's colour and dash, as the chart draws it."""
    pixmap = QPixmap(LINE_ICON)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(color), 2.2, style))
    painter.drawLine(1, LINE_ICON.height() // 2, LINE_ICON.width() - 1, LINE_ICON.height() // 2)
    painter.end()
    return QIcon(pixmap)


class _Chart(pg.PlotWidget):
    def sizeHint(self) -> QSize:
        return CHART_HINT


class BiasExplorer(QWidget):
    """Sliders for w and b, the activation curves, the threshold line and the sentence.

    ``curve_data(name)`` returns the (x, y) drawn for an activation (for tests).
    """

    changed = Signal(float, float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("biasExplorer")
        self.inputs = np.linspace(*X_RANGE, N_POINTS)
        self.plot = _Chart(background="default")
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setXRange(*X_RANGE, padding=0)
        self.plot.setYRange(-1.2, 2.2, padding=0)
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setLabel("bottom", "input x")
        self.plot.setLabel("left", "output f(w·x + b)")
        # no legend on the chart: in a dock beside the plot it covered half the curves; each curve's check box
        # below shows its line instead
        self.zero_line = pg.InfiniteLine(pos=0, angle=0)
        self.plot.addItem(self.zero_line)
        self._curves = {}
        for label, name, color, style in CURVES:
            item = self.plot.plot([], [], pen=pg.mkPen(color, width=2.2, style=style), name=label)
            self._curves[name] = item
        self.threshold_line = pg.InfiniteLine(angle=90, label="x* = −b/w", labelOpts={"position": 0.92})
        self.plot.addItem(self.threshold_line)
        self._set_theme(theme.current())
        theme.manager().changed.connect(self._set_theme)
        self.w_slider = self._slider(W_RANGE, START_W)
        self.b_slider = self._slider(B_RANGE, START_B)
        self.w_slider.setToolTip("The weight w: how steep the curve is; a negative w flips it.")
        self.b_slider.setToolTip("The bias b: shifts the curve; its threshold sits at x = −b / w.")
        self.w_label, self.b_label = QLabel(), QLabel()
        self.toggles = {}
        toggle_row = FlowLayout(spacing=8)  # wraps in a dock beside the plot, never scrolls sideways
        for label, name, color, style in CURVES:
            box = QCheckBox(label)
            box.setIcon(_line_icon(color, style))
            box.setIconSize(LINE_ICON)
            box.setToolTip(f"Shows or hides the {label} curve.")
            box.setChecked(True)
            box.toggled.connect(self._on_toggle)
            self.toggles[name] = box
            toggle_row.addWidget(box)
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setMinimumHeight(54)
        self.formula = QLabel()
        self.formula.setWordWrap(True)  # a dock beside the plot is narrower than the formula's line
        grid = QGridLayout()
        grid.addWidget(QLabel("weight w"), 0, 0)
        grid.addWidget(self.w_slider, 0, 1)
        grid.addWidget(self.w_label, 0, 2)
        grid.addWidget(QLabel("bias b"), 1, 0)
        grid.addWidget(self.b_slider, 1, 1)
        grid.addWidget(self.b_label, 1, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.formula)
        lay.addWidget(self.plot, 1)
        lay.addLayout(toggle_row)
        lay.addLayout(grid)
        lay.addWidget(self.sentence)
        self.w_slider.valueChanged.connect(self._on_slider)
        self.b_slider.valueChanged.connect(self._on_slider)
        self._update()

    @Slot(object)
    def _set_theme(self, now: theme.Theme) -> None:
        """The zero line, the threshold line and its label in the ink of ``now``: drawn black, they vanished on the
        dark theme's plot."""
        zero = QColor(now.plot_ink)
        zero.setAlpha(ZERO_LINE_ALPHA)
        self.zero_line.setPen(pg.mkPen(zero))
        self.threshold_line.setPen(pg.mkPen(now.plot_ink, width=1.5, style=Qt.PenStyle.DashLine))
        self.threshold_line.label.setColor(now.plot_ink)

    @staticmethod
    def _slider(value_range, value) -> QSlider:
        s = QSlider(Qt.Orientation.Horizontal)
        s.setRange(int(value_range[0] * SLIDER_SCALE), int(value_range[1] * SLIDER_SCALE))
        s.setValue(round(value * SLIDER_SCALE))
        s.setSingleStep(1)
        s.setPageStep(SLIDER_SCALE)
        return s

    # -- state ----------------------------------------------------------------------------------
    @property
    def w(self) -> float:
        return self.w_slider.value() / SLIDER_SCALE

    @property
    def b(self) -> float:
        return self.b_slider.value() / SLIDER_SCALE

    def set_values(self, w: float, b: float) -> None:
        self.w_slider.setValue(round(w * SLIDER_SCALE))
        self.b_slider.setValue(round(b * SLIDER_SCALE))

    def start_over(self) -> None:
        """Back to the starting values (w = 1, b = 0, every curve shown), as a lesson opening it expects."""
        for box in self.toggles.values():
            box.setChecked(True)
        self.set_values(START_W, START_B)

    def threshold(self) -> float | None:
        """x* = −b/w where z = 0 (None when w = 0: no threshold)."""
        return None if self.w == 0 else -self.b / self.w

    def curve_data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        x, y = self._curves[name].getData()
        return (np.asarray(x), np.asarray(y)) if x is not None else (np.empty(0), np.empty(0))

    # -- updates --------------------------------------------------------------------------------
    @Slot(int)
    def _on_slider(self, _value: int) -> None:
        self._update()

    @Slot(bool)
    def _on_toggle(self, _checked: bool) -> None:
        for name, box in self.toggles.items():
            self._curves[name].setVisible(box.isChecked())

    def _update(self) -> None:
        w, b = self.w, self.b
        z = w * self.inputs + b
        for _, name, _, _ in CURVES:
            y = get_activation(name).function(z.copy())
            self._curves[name].setData(self.inputs, y)
        t = self.threshold()
        if t is None or not X_RANGE[0] <= t <= X_RANGE[1]:
            self.threshold_line.setVisible(False)
        else:
            self.threshold_line.setVisible(True)
            self.threshold_line.setValue(t)
        self.w_label.setText(f"{w:+.2f}".replace("-", "−"))
        self.b_label.setText(f"{b:+.2f}".replace("-", "−"))
        self.formula.setText(
            f"<b>One neuron:</b> z = w·x + b = {fmt(w, 3)}·x + ({fmt(b, 3)}), "
            f"output f(z)" + ("" if t is None else f"; threshold x* = −b/w = {fmt(t, 3)}")
        )
        self.sentence.setText(bias_sentence(w, b))
        self.changed.emit(w, b)
