"""One training run's curves in ``CurvesView``: train and test loss and score, in the run's colour."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

CURVE_KEYS = ("epoch", "train_loss", "test_loss", "train_score", "test_score")
R2_FLOOR = -1.0
#: pyqtgraph picks its downsampling factor from the view's width in epochs, not from the data: right after a
#: Reset the view still spans the long run before, the factor exceeded the few new points and nothing was drawn
#: (so the auto-range never shrank either). Short curves are drawn whole; only long ones are downsampled.
DOWNSAMPLE_ABOVE = 2000


def _as_float(a) -> np.ndarray:
    return np.asarray(a, dtype=np.float64).reshape(-1)


def _fmt_loss(v: float) -> str:
    if v is None or not np.isfinite(v):
        return "–"
    if v != 0 and (abs(v) < 1e-3 or abs(v) >= 1e4):
        return f"{v:.3g}"
    return f"{v:.4f}" if abs(v) < 1 else f"{v:.3f}"


class RunCurves:
    """The four curves of one training run, in one colour: train solid, test dashed."""

    def __init__(
        self,
        run_id,
        color,
        loss_plot: pg.PlotItem,
        score_plot: pg.PlotItem,
        name: str = "",
        test_color=None,
        legend: pg.LegendItem | None = None,
    ):
        self.run_id = run_id
        self.color = color
        self.test_color = color if test_color is None else test_color
        self.name = name
        self.task = "classification"
        self.curves: dict[str, np.ndarray] = {k: np.empty(0) for k in CURVE_KEYS}
        label = f"{name} " if name else ""
        solid = pg.mkPen(color, width=1)  # width 1 = cosmetic pen: Qt's fast path (2 px is ~4x slower)
        dashed = pg.mkPen(self.test_color, width=1, style=Qt.PenStyle.DashLine)
        self.train_loss = loss_plot.plot(pen=solid, name=f"{label}train loss")
        self.test_loss = loss_plot.plot(pen=dashed, name=f"{label}test loss")
        self.train_score = score_plot.plot(pen=solid, name=f"{label}train")
        self.test_score = score_plot.plot(pen=dashed, name=f"{label}test")
        self.items = (self.train_loss, self.test_loss, self.train_score, self.test_score)
        self.legend = legend
        if legend is not None:
            legend.addItem(self.train_loss, f"{label}train")
            legend.addItem(self.test_loss, f"{label}test")
        for item in self.items:
            item.setClipToView(True)
            item.setDownsampling(auto=False, method="peak")
        self._log = False

    def set_curves(self, curves: dict, task: str, log_loss: bool) -> None:
        """Show ``curves`` (dict of equal-length arrays, see CURVE_KEYS); NaN test loss hides the test lines."""
        self.task = task
        epoch = _as_float(curves.get("epoch", ()))
        n = epoch.size
        data = {"epoch": epoch}
        for k in CURVE_KEYS[1:]:
            v = _as_float(curves.get(k, np.full(n, np.nan)))
            data[k] = v if v.size == n else np.full(n, np.nan)
        self.curves = data
        self._log = log_loss
        scale = 100.0 if task == "classification" else 1.0
        train_s = data["train_score"] * scale
        test_s = data["test_score"] * scale
        if task != "classification":
            train_s = np.maximum(train_s, R2_FLOOR)  # NaN stays NaN
            test_s = np.maximum(test_s, R2_FLOOR)
        self._set(self.train_loss, epoch, data["train_loss"], log_loss)
        self._set(self.test_loss, epoch, data["test_loss"], log_loss)
        self._set(self.train_score, epoch, train_s, False)
        self._set(self.test_score, epoch, test_s, False)

    def set_log(self, log_loss: bool) -> None:
        if log_loss != self._log:
            self.set_curves(self.curves, self.task, log_loss)

    @staticmethod
    def _set(item: pg.PlotDataItem, x: np.ndarray, y: np.ndarray, log: bool) -> None:
        if y.size == 0 or not np.isfinite(y).any():
            # Emptied, not hidden: the legend draws a hidden item as an "invisible" eye icon.
            item.setData([], [])
            return
        item.setDownsampling(auto=y.size > DOWNSAMPLE_ABOVE, method="peak")
        log_x = bool(item.opts.get("logMode", (False, False))[0])
        valid = bool(np.isfinite(y).all()) and (not log or bool((y > 0).all())) and (not log_x or bool(x[0] > 0))
        item.setData(x, y, skipFiniteCheck=valid, connect="all" if valid else "finite")
        item.show()

    def clear(self) -> None:
        self.curves = {k: np.empty(0) for k in CURVE_KEYS}
        for item in self.items:
            item.setData([], [])

    def index_at(self, epoch: float) -> int | None:
        """Index of the recorded epoch nearest to ``epoch`` (None when empty)."""
        e = self.curves["epoch"]
        if e.size == 0:
            return None
        i = int(np.searchsorted(e, epoch))
        if i >= e.size:
            return e.size - 1
        if i > 0 and abs(e[i - 1] - epoch) <= abs(e[i] - epoch):
            return i - 1
        return i

    def readout(self, i: int) -> str:
        c = self.curves
        parts = [f"epoch {int(c['epoch'][i]):,}", f"train {_fmt_loss(c['train_loss'][i])}"]
        if np.isfinite(c["test_loss"][i]):
            parts.append(f"test {_fmt_loss(c['test_loss'][i])}")
        score = c["test_score"][i] if np.isfinite(c["test_score"][i]) else c["train_score"][i]
        which = "" if np.isfinite(c["test_score"][i]) else "train "
        if np.isfinite(score):
            if self.task == "classification":
                parts.append(f"{which}acc {100 * score:.1f}%")
            else:
                parts.append(f"{which}R² {score:.3f}")
        text = "\n".join(parts)
        return f"{self.name}\n{text}" if self.name else text

    def remove(self, loss_plot: pg.PlotItem, score_plot: pg.PlotItem) -> None:
        if self.legend is not None:
            self.legend.removeItem(self.train_loss)
            self.legend.removeItem(self.test_loss)
        for item, plot in zip(self.items, (loss_plot, loss_plot, score_plot, score_plot)):
            plot.removeItem(item)
