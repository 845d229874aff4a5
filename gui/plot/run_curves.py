"""One training run's curves in ``CurvesView``: train and test loss and score, in the run's colour.

A curve is handed to pyqtgraph reduced to its own pixel columns (``column_peaks``): in each column of the plot
the highest and the lowest value, one column apart. Two reasons. Qt's raster engine leaves pixels out of a 1-px
line made of segments shorter than a pixel (thousands of epochs on a few hundred pixels drew a dotted line, a
quarter of it blank); and pyqtgraph's own downsampling groups a fixed number of points, which on a log epoch
axis (points dense at the right, sparse at the left) folded the first hundred epochs into one column. The
columns follow the view: ``refit`` reduces again when the range or the width changes. The whole line is reduced
again with every frame: for the snapshot's at most 4 000 points that costs about what reducing only its new end
would (NumPy's fixed cost per call rules there: a reduction kept from frame to frame, which folded only the new
points into the last columns, measured slower, ~120 µs a curve against ~80).

A new snapshot's lines are reduced once, for the range they will be drawn in: ``set_curves(..., fit=False)``
keeps them whole and gives the plots their bounds (``ReducedLine.dataBounds``), the view takes its auto-range,
and ``refit`` reduces them for it (at a step of the epoch axis the lines were reduced for the old range first,
then again for the new one). And pyqtgraph clips a line to the view (``setClipToView``) only while its epochs are
not auto-ranged: an auto-ranged view holds the whole line, so the clip removed nothing, yet cost every line a
second update at each step of the range.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

CURVE_KEYS = ("epoch", "train_loss", "test_loss", "train_score", "test_score")
R2_FLOOR = -1.0


def _as_float(a) -> np.ndarray:
    return np.asarray(a, dtype=np.float64).reshape(-1)


def column_peaks(
    x: np.ndarray, y: np.ndarray, left: float, right: float, columns: int, log_x: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """The points of a line (``x`` increasing) as drawn in ``columns`` pixel columns spanning ``left`` to
    ``right`` (in the axis' units: log10 of x when ``log_x``): a column holding several points keeps its lowest
    and highest value (in the order the line visits them) at the column's centre, so that consecutive points
    are a pixel apart; a column with one point keeps it. The first and the last point stay where they are (the
    line spans the same epochs); NaN values are skipped unless a column holds nothing else. On a log axis the
    points at x <= 0 are left out (they have no place there)."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if log_x and x.size and not x[0] > 0:  # x increases: only its first points can be <= 0
        keep = x > 0
        x, y = x[keep], y[keep]
    n = x.size
    if n <= 2 or columns <= 0 or not right > left or not (math.isfinite(left) and math.isfinite(right)):
        return x, y
    # Few NumPy calls, in place where it can: four curves of a few thousand points each frame, where each call's
    # fixed cost counts as much as the points (~120 µs a curve with the obvious calls, ~80 µs so).
    per_unit = columns / (right - left)
    column = np.log10(x) if log_x else x - left
    if log_x:
        column -= left
    column *= per_unit
    np.floor(column, out=column)
    starts = np.concatenate(([0], np.flatnonzero(column[1:] != column[:-1]) + 1))
    if starts.size == n:  # one point a column already
        return x, y
    ends = np.append(starts[1:], n)
    high = np.fmax.reduceat(y, starts)  # NaN only where a column holds nothing else
    low = np.fmin.reduceat(y, starts)
    rising = y[ends - 1] > y[starts]
    pairs = np.empty((starts.size, 2))
    pairs[:, 0] = np.where(rising, low, high)
    pairs[:, 1] = np.where(rising, high, low)
    centre = column[starts]
    centre += 0.5
    centre /= per_unit
    centre += left
    if log_x:
        centre = 10.0**centre
    np.minimum(centre, x[-1], out=centre)
    np.maximum(centre, x[0], out=centre)
    single = ends - starts == 1
    centre[single] = x[starts[single]]
    centre[0] = x[0]
    if single.any():
        take = np.ones_like(pairs, dtype=bool)
        take[:, 1] = ~single
        out_x, out_y = np.repeat(centre, 2 - single), pairs[take]
    else:
        out_x, out_y = np.repeat(centre, 2), pairs.reshape(-1)
    if out_x[-1] != x[-1] or out_y[-1] != y[-1]:
        out_x, out_y = np.append(out_x, x[-1]), np.append(out_y, y[-1])
    return out_x, out_y


def _log_bounds(a: np.ndarray, log: bool) -> tuple[float, float] | tuple[None, None]:
    """(lowest, highest) finite value of ``a`` (of its log10 when ``log``, where values <= 0 have none), as
    pyqtgraph measures a line's data."""
    if log:
        with np.errstate(divide="ignore", invalid="ignore"):
            a = np.log10(a)
    a = a[np.isfinite(a)]
    return (float(a.min()), float(a.max())) if a.size else (None, None)


class ReducedLine(pg.PlotDataItem):
    """A curve drawn reduced to its plot's pixel columns. While a new line waits for its reduction
    (``set_whole``), its bounds are those of the whole line, which the reduction keeps (the first and the last
    epoch, each column's lowest and highest value): the view's auto-range can be taken before the line is reduced
    for the range it takes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._whole_bounds: tuple | None = None  # ((x low, x high), (y low, y high)) while the reduction waits

    def set_whole(self, x: np.ndarray, y: np.ndarray) -> None:
        """``x``, ``y`` are the line to draw, not drawn yet: its bounds (in the view's units) until ``setData``."""
        log_x, log_y = (bool(log) for log in self.opts.get("logMode", (False, False)))
        if log_x:  # as column_peaks: the epochs at or below 0 have no place on a log axis
            keep = x > 0
            x, y = x[keep], y[keep]
        self._whole_bounds = (_log_bounds(x, log_x), _log_bounds(y, log_y))
        self.informViewBoundsChanged()

    def setData(self, *args, **kwargs):
        self._whole_bounds = None
        super().setData(*args, **kwargs)

    def dataBounds(self, ax, frac=1.0, orthoRange=None):
        if self._whole_bounds is None or frac != 1.0 or orthoRange is not None:
            return super().dataBounds(ax, frac, orthoRange)
        return self._whole_bounds[ax]


def _fmt_loss(v: float) -> str:
    if v is None or not np.isfinite(v):
        return "–"
    if v != 0 and (abs(v) < 1e-3 or abs(v) >= 1e4):
        return f"{v:.3g}"
    return f"{v:.4f}" if abs(v) < 1 else f"{v:.3f}"


def _epochs_auto_ranged(vb: pg.ViewBox) -> bool:
    """Whether ``vb``'s epochs follow the data: its own x auto-range, or that of the view its x is linked to
    (a linked view's x is set by its leader, which turns its own x auto-range off)."""
    leader = vb.linkedView(pg.ViewBox.XAxis)
    return bool((leader if leader is not None else vb).autoRangeEnabled()[0])


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
        line_width: float = 1.0,
    ):
        self.run_id = run_id
        self.color = color
        self.test_color = color if test_color is None else test_color
        self.name = name
        self.task = "classification"
        self.curves: dict[str, np.ndarray] = {k: np.empty(0) for k in CURVE_KEYS}
        label = f"{name} " if name else ""
        self.train_loss = ReducedLine(name=f"{label}train loss")
        self.test_loss = ReducedLine(name=f"{label}test loss")
        self.train_score = ReducedLine(name=f"{label}train")
        self.test_score = ReducedLine(name=f"{label}test")
        self.items = (self.train_loss, self.test_loss, self.train_score, self.test_score)
        for item, plot in zip(self.items, (loss_plot, loss_plot, score_plot, score_plot)):
            plot.addItem(item)
        self.set_line_width(line_width)
        self.legend = legend
        if legend is not None:
            legend.addItem(self.train_loss, f"{label}train")
            legend.addItem(self.test_loss, f"{label}test")
        for item in self.items:
            item.setDownsampling(auto=False)  # reduced here instead: see column_peaks
        self._log = False
        self._lines: dict = {}  # item -> (x, y, log y) it shows, before the reduction to its columns
        self._fitted: dict = {}  # item -> (view x range, width, log x) it was reduced for

    def set_name(self, name: str) -> None:
        """The run's name, in the legend and the hover readout (a run that becomes another keeps its curves)."""
        if name == self.name:
            return
        self.name = name
        label = f"{name} " if name else ""
        if self.legend is not None:
            for item, what in ((self.train_loss, "train"), (self.test_loss, "test")):
                text = self.legend.getLabel(item)
                if text is not None:
                    text.setText(f"{label}{what}")

    def set_line_width(self, width: float) -> None:
        """Every line ``width`` px wide. At a desk 1: a cosmetic pen, Qt's fast path (2 px is ~4x slower); wider
        in presenter mode, where a projector must show them."""
        solid = pg.mkPen(self.color, width=width)
        dashed = pg.mkPen(self.test_color, width=width, style=Qt.PenStyle.DashLine)
        for item, pen in zip(self.items, (solid, dashed, solid, dashed)):
            item.setPen(pen)

    def set_curves(self, curves: dict, task: str, log_loss: bool, fit: bool = True) -> None:
        """Show ``curves`` (dict of equal-length arrays, see CURVE_KEYS); NaN test loss hides the test lines.
        ``fit=False``: the lines are reduced to their columns by the next ``refit`` (after the view's auto-range
        took them in), not now."""
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
        self._set(self.train_loss, epoch, data["train_loss"], log_loss, fit)
        self._set(self.test_loss, epoch, data["test_loss"], log_loss, fit)
        self._set(self.train_score, epoch, train_s, False, fit)
        self._set(self.test_score, epoch, test_s, False, fit)

    def set_log(self, log_loss: bool) -> None:
        if log_loss != self._log:
            self.set_curves(self.curves, self.task, log_loss)

    def _set(self, item: ReducedLine, x: np.ndarray, y: np.ndarray, log: bool, fit: bool) -> None:
        if y.size == 0 or not np.isfinite(y).any():
            # Emptied, not hidden: the legend draws a hidden item as an "invisible" eye icon.
            self._lines.pop(item, None)
            self._fitted.pop(item, None)
            item.setData([], [])
            return
        finite = np.isfinite(y)
        if not finite.all():  # the epochs whose test loss and scores were not measured: the line goes past them
            x, y = x[finite], y[finite]
        self._lines[item] = (x, y, log)
        self._fitted.pop(item, None)
        if fit:
            self._fit(item)
        else:
            item.set_whole(x, y)
        item.show()

    def refit(self) -> None:
        """Reduce the lines again to the columns of their plots (the view's range or width changed)."""
        for item in list(self._lines):
            self._fit(item)

    def _fit(self, item: ReducedLine) -> None:
        x, y, log = self._lines[item]
        log_x = bool(item.opts.get("logMode", (False, False))[0])
        vb = item.getViewBox()
        (left, right), width = ((0.0, 0.0), 0) if vb is None else (vb.viewRange()[0], int(vb.width()))
        clip = vb is not None and not _epochs_auto_ranged(vb)
        if item.opts["clipToView"] != clip:
            item.setClipToView(clip)
        key = (left, right, width, log_x)
        if self._fitted.get(item) == key:
            return
        self._fitted[item] = key
        x, y = column_peaks(x, y, left, right, width, log_x)
        valid = bool(np.isfinite(y).all()) and (not log or bool((y > 0).all())) and (not log_x or bool(x[0] > 0))
        item.setData(x, y, skipFiniteCheck=valid, connect="all" if valid else "finite")

    def clear(self) -> None:
        self.curves = {k: np.empty(0) for k in CURVE_KEYS}
        self._lines.clear()
        self._fitted.clear()
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

    def measured_row(self, i: int) -> int | None:
        """The row nearest to row ``i`` whose test loss and scores were measured (``i`` itself when it was; None
        when none was): the history holds NaN there at the epochs between two measurements."""
        c = self.curves
        measured = np.flatnonzero(np.isfinite(c["train_score"]) | np.isfinite(c["test_loss"]))
        if measured.size == 0:
            return None
        k = int(np.searchsorted(measured, i))
        near = [int(measured[j]) for j in (k - 1, k) if 0 <= j < measured.size]
        epoch = c["epoch"]
        return min(near, key=lambda j: abs(epoch[j] - epoch[i]))

    def readout(self, i: int) -> str:
        """The values at row ``i``: its epoch and training loss, and the test loss and score measured there, or at
        the nearest measured epoch (the readout names it: the values were not measured at this epoch)."""
        c = self.curves
        parts = [f"epoch {int(c['epoch'][i]):,}", f"train {_fmt_loss(c['train_loss'][i])}"]
        j = self.measured_row(i)
        j = i if j is None else j
        if np.isfinite(c["test_loss"][j]):
            parts.append(f"test {_fmt_loss(c['test_loss'][j])}")
        score = c["test_score"][j] if np.isfinite(c["test_score"][j]) else c["train_score"][j]
        which = "" if np.isfinite(c["test_score"][j]) else "train "
        if np.isfinite(score):
            if self.task == "classification":
                parts.append(f"{which}acc {100 * score:.1f}%")
            else:
                parts.append(f"{which}R² {score:.3f}")
        if j != i:
            what = "acc" if self.task == "classification" else "R²"
            what = f"test, {what}" if np.isfinite(c["test_loss"][j]) else f"train {what}"
            parts.append(f"({what}: measured at epoch {int(c['epoch'][j]):,})")
        text = "\n".join(parts)
        return f"{self.name}\n{text}" if self.name else text

    def remove(self, loss_plot: pg.PlotItem, score_plot: pg.PlotItem) -> None:
        if self.legend is not None:
            self.legend.removeItem(self.train_loss)
            self.legend.removeItem(self.test_loss)
        for item, plot in zip(self.items, (loss_plot, loss_plot, score_plot, score_plot)):
            plot.removeItem(item)
