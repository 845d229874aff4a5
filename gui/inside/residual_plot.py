"""ResidualPlot: a regression's errors, one dot per sample: the residual y − ŷ against the prediction ŷ or against
the target y (named as the data names it: "charges y"), with the zero line (a perfect fit puts every dot on it).

Dots above the line are samples the model predicts too low, below it too high; a curve or a funnel in the cloud
is what the model has not learned. Training samples are filled dots, test samples hollow, as on the main plot.
Clicking a dot reports its dataset index (``sampleClicked``).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal, Slot

from gui.widgets import colors, theme

AXES = ("predicted", "target")  # what the horizontal axis shows


class ResidualPlot(pg.PlotWidget):
    """Signals: ``sampleClicked(int)``, the dataset index of a clicked dot."""

    sampleClicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent=parent, background="default")
        self.setMinimumSize(160, 120)
        pi = self.getPlotItem()
        pi.hideButtons()
        pi.setMenuEnabled(False)
        pi.setLabel("left", "residual y − ŷ")
        for side in ("left", "bottom"):
            # the numbers as they are: an untrained model's predictions near 0 read "prediction ŷ (x0.001)" under
            # ticks of 0 to 400 for ŷ of 0 to 0.4
            pi.getAxis(side).enableAutoSIPrefix(False)
        self.zero_line = pg.InfiniteLine(pos=0.0, angle=0)
        self._ink_zero_line(theme.current())
        theme.manager().changed.connect(self._ink_zero_line)
        self.addItem(self.zero_line, ignoreBounds=True)
        self.dots = pg.ScatterPlotItem(size=7, hoverable=True, tip=self._tip)
        self.addItem(self.dots)
        self.dots.sigClicked.connect(self._on_clicked)
        self._against = "predicted"
        self._target = ""  # the name of what is predicted, as the data names it ("" for none)
        self._label_axis()

    @Slot(object)
    def _ink_zero_line(self, now: theme.Theme) -> None:
        """The zero line in the guide colour of ``now`` (a dark grey was lost on the dark theme's plot)."""
        self.zero_line.setPen(pg.mkPen(now.plot_guide, width=1.2, style=Qt.PenStyle.DashLine))

    def _label_axis(self) -> None:
        target = self._target
        if self._against == "predicted":
            label = f"predicted {target} ŷ" if target else "prediction ŷ"
        else:
            label = f"{target} y" if target else "target y"
        if self.getPlotItem().getAxis("bottom").labelText != label:
            self.getPlotItem().setLabel("bottom", label)

    def set_target_name(self, name: str) -> None:
        """Name what is predicted on the axis (a file's column: "charges"); "" for the plain target y."""
        self._target = str(name)
        self._label_axis()

    @property
    def against(self) -> str:
        return self._against

    def set_against(self, against: str) -> None:
        if against not in AXES:
            raise ValueError(f"against must be one of {AXES}, got {against!r}")
        self._against = against
        self._label_axis()

    def show_residuals(self, residuals) -> None:
        """Draw a ``model.inside.class_scores.Residuals`` (None: nothing)."""
        if residuals is None or residuals.n_samples == 0:
            self.dots.setData(x=[], y=[])
            return
        x = residuals.predicted if self._against == "predicted" else residuals.target
        y = residuals.residual
        finite = np.isfinite(x) & np.isfinite(y)  # a diverged model's infinities cannot be drawn
        test = residuals.split == "test"
        colour = colors.REGRESSION_POINT
        pen = pg.mkPen(colour, width=1.8) if test else pg.mkPen(colors.OUTLINE, width=0.6)
        brush = None if test else pg.mkBrush(colour)
        self.dots.setData(
            x=np.asarray(x[finite], dtype=np.float64),
            y=np.asarray(y[finite], dtype=np.float64),
            data=residuals.sample_index[finite],
            pen=pen,
            brush=brush,
        )

    def shown(self) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) of the dots drawn."""
        x, y = self.dots.getData()
        return np.asarray(x), np.asarray(y)

    def _tip(self, x, y, data) -> str:
        what = "ŷ" if self._against == "predicted" else "y"
        return f"sample {int(data)}\n{what} = {x:.4g}\ny − ŷ = {y:.4g}"

    @Slot(object, object, object)
    def _on_clicked(self, _item, points, _event=None) -> None:
        if len(points):
            self.sampleClicked.emit(int(points[0].data()))
