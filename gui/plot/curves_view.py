"""CurvesView: loss and accuracy (or R²) against epoch, live, with a log-scale toggle and a hover readout.

Left plot: train loss (solid) and test loss (dashed). Right plot: train and test accuracy in % (R² for regression,
clipped at -1). Both share the epoch axis, which turns logarithmic by itself once a run spans ``LOG_EPOCHS_FROM``
epochs (so the first hundred epochs of a 100 000-epoch run keep their share of the width) until the "Log epochs" box
is set by hand. Hovering shows a vertical line and the exact values at the nearest recorded epoch. The legend has a
column of its own, right of the plots, so it never covers a curve. Each training run is one ``RunCurves`` (its own
colour), so runs can later be compared side by side with ``add_run``; snapshots are routed by
``snapshot.session_id``.

The model thins its history to a few thousand points; the curves also clip to the visible range and keep the
highest and lowest value of each pixel column (``gui.plot.run_curves.column_peaks``), so 100 000 epochs draw as a
whole line, fast.

Just over ~400 lines because it is one idea: the chart widget and its controls (the log scales, the summary line, the
hover readout) over its runs; a run's own lines are ``run_curves``, the epoch axis ``curve_axes``.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QGraphicsItem, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from gui.plot.axis_text import size_axes_text
from gui.plot.curve_axes import EpochAxis, SteppedViewBox
from gui.plot.run_curves import R2_FLOOR, RunCurves, _fmt_loss
from gui.widgets import colors, theme
from gui.widgets.plot_look import NORMAL, PlotLook
from gui.widgets.steady_label import ReadoutLine

DEFAULT_RUN_COLOR = colors.CLASS_COLORS[4]  # Okabe-Ito blue; other runs pass their own colour
DEFAULT_TEST_COLOR = colors.CLASS_COLORS[5]  # vermillion: the single default run draws test in a contrasting colour
DEFAULT_RUN_ID = "default"
LINE_WIDTH = 1.0  # px, at a desk (see RunCurves.set_line_width)
LEGEND_POINT_SIZE = 8.0
AXIS_POINT_SIZE = 8.0  # scaled in presenter mode: the window's 15 pt crowded the accuracy axis's six ticks
#: the epoch axis turns logarithmic by itself once the newest epoch reaches this (three decades past the first)
LOG_EPOCHS_FROM = 1000


class _Layout(pg.GraphicsLayoutWidget):
    left = Signal()

    def leaveEvent(self, ev):
        super().leaveEvent(ev)
        self.left.emit()


class CurvesView(QWidget):
    """Loss (left) and accuracy / R² (right) against epoch, one ``RunCurves`` per run.

    Methods: ``show_snapshot(snapshot)``, ``clear()``, ``add_run(run_id, color, name)``,
    ``remove_run(run_id)``, ``set_log_scale(bool)``. Signal ``logScaleChanged(bool)``.
    """

    logScaleChanged = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        top = QHBoxLayout()
        top.setContentsMargins(6, 0, 6, 0)
        self.log_check = QCheckBox("Log scale")
        self.log_check.setToolTip("Draw the loss on a logarithmic axis, so late small improvements stay visible.")
        self.log_check.toggled.connect(self.set_log_scale)
        self.log_epochs_check = QCheckBox("Log epochs")
        self.log_epochs_check.setToolTip(
            "Draw the epochs on a logarithmic axis, so the first hundred epochs of a long run stay readable; "
            f"it turns on by itself once a run reaches {LOG_EPOCHS_FROM:,} epochs, until you set it."
        )
        self.log_epochs_check.toggled.connect(self._on_log_epochs_clicked)
        self._log_epochs_by_hand = False
        self._compact = False  # a short window's curves (set_compact)
        self._setting_log_epochs = False
        # Its text must not set the window's layout: when the first numbers arrived, a label's width pushed
        # the docks aside and the plot jumped; and a label lays the window out again on every new text.
        self.summary = ReadoutLine("")
        self.summary.setToolTip("The latest train and test loss and score.")
        #: True: the summary is one of the window's readouts, drawn by ``show_summary`` together with the others
        #: (all of one snapshot, see ``gui.window.frame_clock``), not with the curves
        self.summary_apart = False
        top.addWidget(self.log_check)
        top.addWidget(self.log_epochs_check)
        top.addStretch(1)
        layout.addLayout(top)
        # A line of its own, the chart's whole width: beside the check boxes it lost its first fields in any
        # window narrower than ~1600 px.
        line = QHBoxLayout()
        line.setContentsMargins(6, 0, 6, 0)
        line.addWidget(self.summary, 1)  # right-aligned
        layout.addLayout(line)

        self.glw = _Layout()
        self.glw.setBackground("default")
        self.glw.setToolTip("Hover to read exact values; wheel zooms, drag pans, right-click for more.")
        layout.addWidget(self.glw, 1)
        self.loss_plot: pg.PlotItem = self.glw.addPlot(
            row=0, col=0, axisItems={"bottom": EpochAxis("bottom")}, viewBox=SteppedViewBox(step_y=True)
        )
        self.score_plot: pg.PlotItem = self.glw.addPlot(
            row=0, col=1, axisItems={"bottom": EpochAxis("bottom")}, viewBox=SteppedViewBox(step_y=False)
        )
        self.glw.ci.layout.setColumnStretchFactor(0, 3)
        self.glw.ci.layout.setColumnStretchFactor(1, 2)
        for plot in (self.loss_plot, self.score_plot):
            # No grid lines: the axes replay them on every repaint (~13 ms a frame, half the
            # chart's cost while training); the hover readout gives exact values instead.
            plot.setLabel("bottom", "epoch")
            plot.hideButtons()
            plot.setMouseEnabled(x=True, y=False)
            for name in ("left", "bottom"):
                ax = plot.getAxis(name)
                ax.enableAutoSIPrefix(False)  # no "loss (x0.001)"
                ax.setPen(pg.mkPen("#666666"))
                ax.setTextPen(pg.mkPen("#444444"))
                # drawn again with every frame of the curves next to them: from a pixmap, remade only when
                # the range moves (in steps, see SteppedViewBox)
                ax.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.loss_plot.setLabel("left", "loss")
        self.score_plot.getAxis("left").setToolTip(
            "Accuracy: the share of points classified right. R² (regression): 1 is a perfect fit, 0 no better "
            "than the mean; values below −1 are drawn at −1."
        )
        self.score_plot.setXLink(self.loss_plot)
        self.loss_plot.getAxis("left").setWidth(48)
        self.score_plot.getAxis("left").setWidth(48)
        # A column of its own: inside the plot, the legend covered the end of the curves (the corner where a
        # rising test loss goes).
        self._legend = pg.LegendItem(
            labelTextColor=theme.current().plot_foreground,
            labelTextSize=f"{LEGEND_POINT_SIZE:g}pt",
            verSpacing=-6,
            brush=None,
            pen=None,
            sampleType=None,
        )
        self.glw.ci.addItem(self._legend, row=0, col=2)
        self.glw.ci.layout.setColumnStretchFactor(2, 0)
        # Its own height, centred beside the charts: stretched to theirs, each row grew tall, the label's text
        # stayed at the top of its row and the line sample went to the middle, a line below the word it names.
        self._legend.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.glw.ci.layout.setAlignment(self._legend, Qt.AlignmentFlag.AlignVCenter)
        theme.manager().changed.connect(self._on_theme)
        self._task = None
        self._set_task("classification")

        self._lines = []
        for plot in (self.loss_plot, self.score_plot):
            line = pg.InfiniteLine(angle=90, movable=False, pen=self._epoch_line_pen(theme.current()))
            line.hide()
            plot.addItem(line, ignoreBounds=True)
            self._lines.append(line)
        self._readout = pg.TextItem(
            anchor=(0, 0), color="#222222", fill=pg.mkBrush(255, 255, 255, 225), border=pg.mkPen("#bbbbbb")
        )
        self._readout.setZValue(100)
        self._readout.hide()
        self._readout.setParentItem(self.loss_plot.vb)  # placed in the ViewBox's pixels, not in data units
        self._readout_epoch: float | None = None
        self.loss_plot.vb.sigRangeChanged.connect(self._place_readout)
        self.loss_plot.vb.sigResized.connect(self._place_readout)
        for plot in (self.loss_plot, self.score_plot):  # each line is drawn reduced to its plot's pixel columns
            plot.vb.sigXRangeChanged.connect(self._refit_runs)
            plot.vb.sigResized.connect(self._refit_runs)

        self.runs: dict = {}
        self._look = NORMAL
        self._last_pos: QPointF | None = None
        self._default_run = DEFAULT_RUN_ID
        self.add_run(DEFAULT_RUN_ID, DEFAULT_RUN_COLOR, test_color=DEFAULT_TEST_COLOR)
        self.glw.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.glw.left.connect(self.hide_readout)

    # ------------------------------------------------------------------------------------------ runs
    def add_run(self, run_id, color, name: str = "", test_color=None) -> RunCurves:
        """Add (or return, renamed) the curves of run ``run_id`` drawn in ``color`` (test lines dashed, in
        ``test_color`` if given, else the same colour)."""
        if run_id in self.runs:
            self.runs[run_id].set_name(name)
            return self.runs[run_id]
        run = RunCurves(
            run_id,
            color,
            self.loss_plot,
            self.score_plot,
            name,
            test_color,
            legend=self._legend,
            line_width=self._look.line(LINE_WIDTH),
        )
        self.runs[run_id] = run
        if self._default_run not in self.runs:
            self._default_run = run_id
        return run

    @Slot(object)
    def set_look(self, look: PlotLook) -> None:
        """Every run's lines, and the legend's text, drawn with ``look``."""
        self._look = look
        for run in self.runs.values():
            run.set_line_width(look.line(LINE_WIDTH))
        self._legend.setLabelTextSize(look.text_size(LEGEND_POINT_SIZE))
        for _, label in self._legend.items:
            label.setText(label.text)  # pyqtgraph keeps the new size for the next text
        for plot in (self.loss_plot, self.score_plot):
            size_axes_text(plot, look, AXIS_POINT_SIZE)
        self._apply_compact()  # the titles were laid out again, "epoch" shown

    @Slot(object)
    def _on_theme(self, now) -> None:
        """The legend's words drawn again in the new theme's colour: the theme gives the legend its colour, which
        pyqtgraph keeps for the next text only (in the dark theme "train" and "test" stayed dark on the dark plot).
        The hovered epoch's lines in its guide colour."""
        for _, label in self._legend.items:
            label.setText(label.text)
        for line in self._lines:
            line.setPen(self._epoch_line_pen(now))

    @staticmethod
    def _epoch_line_pen(now):
        """The dotted line at the hovered epoch, in the guide colour of ``now``."""
        return pg.mkPen(now.plot_guide, width=1, style=Qt.PenStyle.DotLine)

    def remove_run(self, run_id) -> None:
        run = self.runs.pop(run_id, None)
        if run is not None:
            run.remove(self.loss_plot, self.score_plot)
            if self._default_run == run_id:
                self._default_run = next(iter(self.runs), None)

    @Slot()
    def _refit_runs(self, *_) -> None:
        for run in self.runs.values():
            run.refit()

    def run(self, run_id=None) -> RunCurves | None:
        return self.runs.get(self._default_run if run_id is None else run_id)

    # ------------------------------------------------------------------------------------------ data
    @Slot(object)
    def show_snapshot(self, snapshot, run_id=None) -> None:
        """Draw ``snapshot.curves``; the run is ``run_id``, else the one named by ``snapshot.session_id``,
        else the default run."""
        if run_id is None:
            sid = getattr(snapshot, "session_id", None)
            run_id = sid if sid in self.runs else self._default_run
        run = self.runs.get(run_id)
        if run is None:
            return
        task = getattr(snapshot, "task", "classification") or "classification"
        self._set_task(task)
        curves = getattr(snapshot, "curves", None) or {}
        if run_id == self._default_run:
            epochs = curves.get("epoch")
            last = getattr(snapshot, "epoch", None)
            if last is None and epochs is not None and len(epochs):
                last = epochs[-1]
            if last is not None and not self._log_epochs_by_hand:
                self._set_log_epochs(last >= LOG_EPOCHS_FROM)
        # Shown: the lines are reduced once, for the range the plots take now (see _settle_ranges); hidden, nothing
        # is painted and the range waits for the paint, as pyqtgraph does it.
        shown = self.isVisible()
        had_curves = run.curves["epoch"].size > 0
        run.set_curves(curves, task, self.log_check.isChecked(), fit=not shown)
        if run_id == self._default_run and had_curves and run.curves["epoch"].size == 0:
            self._fresh_axes()  # a new run (other data, another lesson): not the last run's epochs and losses
        if shown:
            self._settle_ranges(run)
        if run_id == self._default_run and not self.summary_apart:
            self._update_summary(snapshot, task)
        if self._readout.isVisible() and self._last_pos is not None:
            self._on_mouse_moved(self._last_pos)

    def _settle_ranges(self, run: RunCurves) -> None:
        """The plots' auto-range taken now, in this turn, rather than at the start of the next paint, and ``run``'s
        new lines reduced for it: the range is what pyqtgraph's ``ViewBox.prepareForPaint`` does first (the same
        code on the same bounds, so the same range). At a step of the epoch axis that paint was the GUI thread's
        longest turn while training, and the lines were reduced twice (for the old range, then for the new)."""
        for plot in (self.loss_plot, self.score_plot):  # the order of the paint's: the score follows the loss' x
            plot.vb.prepareForPaint()
        run.refit()  # the lines whose range did not move
        for plot in (self.loss_plot, self.score_plot):
            # Their reduced lines have the bounds the range was just taken from (ReducedLine): without this, the
            # paint would take the same range again from them.
            plot.vb._autoRangeNeedsUpdate = False

    def set_compact(self, compact: bool) -> None:
        """In a short window (``compact``) the summary line (the status bar's readouts say the same numbers) and
        the "epoch" under each chart (their hover readout names it) give their height to the charts, and the score
        axis says "accuracy" (its ticks run to 100): "accuracy (%)" was longer than the chart was tall."""
        self._compact = compact
        self._apply_compact()

    def _apply_compact(self) -> None:
        self.summary.setVisible(not self._compact)
        for plot in (self.loss_plot, self.score_plot):
            plot.getAxis("bottom").showLabel(not self._compact)
        if self._task == "classification":
            self.score_plot.setLabel("left", self._accuracy_title())
            self.score_plot.getAxis("left").resizeEvent()  # centred again (see _set_task)

    def _accuracy_title(self) -> str:
        return "accuracy" if self._compact else "accuracy (%)"

    def show_summary(self, snap) -> None:
        """The summary line of ``snap`` (when ``summary_apart``: the window's readouts draw it with theirs)."""
        self._update_summary(snap, getattr(snap, "task", "classification") or "classification")

    def _update_summary(self, snap, task: str) -> None:
        epoch = getattr(snap, "epoch", None)
        parts = []
        if epoch is not None:
            parts.append(f"epoch {int(epoch):,}")
        parts.append(f"train loss {_fmt_loss(getattr(snap, 'train_loss', math.nan))}")
        test_loss = getattr(snap, "test_loss", math.nan)
        if test_loss is not None and np.isfinite(test_loss):
            parts.append(f"test loss {_fmt_loss(test_loss)}")
        score = getattr(snap, "test_score", math.nan)
        which = "test"
        if score is None or not np.isfinite(score):
            score, which = getattr(snap, "train_score", math.nan), "train"
        if score is not None and np.isfinite(score):
            parts.append(f"{which} acc {100 * score:.1f}%" if task == "classification" else f"{which} R² {score:.3f}")
        self.summary.setText(" · ".join(parts))

    def _set_task(self, task: str) -> None:
        if task == self._task:
            return
        self._task = task
        if task == "classification":
            self.score_plot.setLabel("left", self._accuracy_title())
            self.score_plot.setYRange(0, 100, padding=0.02)
        else:
            # "R² (clipped at −1)" was longer than the plot is tall in the default window: the clipping is said
            # in the axis' tooltip
            self.score_plot.setLabel("left", "R²")
            self.score_plot.setYRange(R2_FLOOR, 1, padding=0.02)
        # pyqtgraph centres an axis title only when the axis is resized: "R²" stood where "accuracy (%)" began
        self.score_plot.getAxis("left").resizeEvent()

    @Slot()
    def clear(self) -> None:
        """Empty every run's curves (on Reset)."""
        for run in self.runs.values():
            run.clear()
        self.summary.setText("")
        self.hide_readout()
        if not self._log_epochs_by_hand:
            self._set_log_epochs(False)  # the next run starts short
        self._fresh_axes()

    def _fresh_axes(self) -> None:
        """The axes as before any run (epochs and loss 0 to 1), once no run has curves: emptied, the plots kept
        the last run's range, since auto-range has no data to go by until the next run's first epoch."""
        if any(run.curves["epoch"].size for run in self.runs.values()):
            return
        self.loss_plot.vb.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
        self.loss_plot.enableAutoRange()

    @Slot(bool)
    def set_log_scale(self, log: bool) -> None:
        """Loss on a log10 axis (True) or linear."""
        log = bool(log)
        if self.log_check.isChecked() != log:
            self.log_check.setChecked(log)  # re-enters through toggled
            return
        self.loss_plot.setLogMode(y=log)
        self.loss_plot.vb.log_y = log
        for run in self.runs.values():
            run.set_log(log)
        self.loss_plot.enableAutoRange(axis="y")
        self.logScaleChanged.emit(log)

    def log_scale(self) -> bool:
        return self.log_check.isChecked()

    def set_log_epochs(self, log: bool) -> None:
        """A log (True) or linear epoch axis, as if set by hand: it no longer follows the length of the run."""
        self._log_epochs_by_hand = True
        self._set_log_epochs(bool(log))

    @Slot(bool)
    def _on_log_epochs_clicked(self, log: bool) -> None:
        if not self._setting_log_epochs:
            self._log_epochs_by_hand = True  # from now on the box decides, not the length of the run
        self._apply_log_epochs(log)

    def _set_log_epochs(self, log: bool) -> None:
        if self.log_epochs_check.isChecked() == log:
            return
        self._setting_log_epochs = True
        try:
            self.log_epochs_check.setChecked(log)  # applies through toggled
        finally:
            self._setting_log_epochs = False

    def _apply_log_epochs(self, log: bool) -> None:
        for plot in (self.loss_plot, self.score_plot):
            plot.setLogMode(x=log)  # pyqtgraph turns auto-range on for both axes here
            plot.vb.log_x = log
        task, self._task = self._task, None
        self._set_task(task)  # the score's fixed 0-100 % (or R²) range again
        for run in self.runs.values():
            run.set_curves(run.curves, run.task, self.log_check.isChecked())
        self.loss_plot.enableAutoRange(axis="x")
        self.hide_readout()

    def log_epochs(self) -> bool:
        return self.log_epochs_check.isChecked()

    def _to_view_x(self, epoch: float) -> float:
        """An epoch as an x of the plots (its log10 on a log epoch axis; epoch 0 at the left edge)."""
        if not self.log_epochs():
            return epoch
        return math.log10(epoch) if epoch > 0 else self.loss_plot.vb.viewRange()[0][0]

    # ------------------------------------------------------------------------------------------ hover
    @Slot(object)
    def _on_mouse_moved(self, scene_pos) -> None:
        self._last_pos = QPointF(scene_pos)
        plot = None
        for p in (self.loss_plot, self.score_plot):
            if p.vb.sceneBoundingRect().contains(scene_pos):
                plot = p
                break
        if plot is None:
            self.hide_readout()
            return
        epoch = plot.vb.mapSceneToView(scene_pos).x()
        if self.log_epochs():
            epoch = 10.0 ** min(epoch, 12.0)
        self.show_readout_at(epoch)

    def show_readout_at(self, epoch: float) -> bool:
        """Put the hover line and readout at the recorded epoch nearest to ``epoch`` (False if no data)."""
        lines = []
        x = None
        for run in self.runs.values():
            i = run.index_at(epoch)
            if i is None:
                continue
            if x is None:
                x = float(run.curves["epoch"][i])
            lines.append(run.readout(i))
        if x is None:
            self.hide_readout()
            return False
        for line in self._lines:
            line.setValue(self._to_view_x(x))
            line.show()
        self._readout.setText("\n\n".join(lines))
        self._readout_epoch = x
        self._readout.show()
        self._place_readout()
        return True

    @Slot()
    def _place_readout(self, *_) -> None:
        if self._readout_epoch is None or not self._readout.isVisible():
            return
        vb = self.loss_plot.vb
        px = vb.mapFromView(QPointF(self._to_view_x(self._readout_epoch), 0)).x()
        right_half = px > vb.width() / 2
        self._readout.setAnchor((1, 0) if right_half else (0, 0))
        self._readout.setPos(px - 6 if right_half else px + 6, 4)

    def readout_text(self) -> str:
        return self._readout.textItem.toPlainText() if self._readout.isVisible() else ""

    @Slot()
    def hide_readout(self) -> None:
        self._readout.hide()
        self._readout_epoch = None
        for line in self._lines:
            line.hide()

    def event(self, ev):
        if ev.type() == QEvent.Type.Leave:
            self.hide_readout()
        return super().event(ev)


__all__ = ["DEFAULT_RUN_COLOR", "CurvesView", "RunCurves"]
