"""CurvesView: loss / score curves, log toggle, hover readout, several runs, 100 000 epochs."""

from __future__ import annotations

import types

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from gui.plot.curve_axes import EpochAxis
from gui.plot.curves_view import DEFAULT_RUN_COLOR, CurvesView
from gui.plot.run_curves import column_peaks
from tests.gui.pixels import PlotPixels, line_follows, rgb


def make_curves(n, test=True, seed=0, task="classification"):
    e = np.arange(1, n + 1, dtype=np.float64)
    rng = np.random.default_rng(seed)
    tl = 0.65 * np.exp(-e / (n / 8)) + 0.04 + 0.004 * rng.random(n)
    te = tl * 1.15 + 0.02 if test else np.full(n, np.nan)
    acc = 1 - 0.5 * np.exp(-e / (n / 10))
    tacc = acc - 0.02 if test else np.full(n, np.nan)
    if task == "regression":
        acc, tacc = 1 - 30 * np.exp(-e / (n / 10)), (1 - 32 * np.exp(-e / (n / 10))) if test else tacc
    return dict(epoch=e, train_loss=tl, test_loss=te, train_score=acc, test_score=tacc)


def snap(curves, task="classification", session_id=0):
    last = {k: float(v[-1]) for k, v in curves.items()}
    return types.SimpleNamespace(
        curves=curves,
        task=task,
        epoch=int(last["epoch"]),
        train_loss=last["train_loss"],
        test_loss=last["test_loss"],
        train_score=last["train_score"],
        test_score=last["test_score"],
        session_id=session_id,
    )


@pytest.fixture
def view(make_curves_view):
    return make_curves_view(800, 300)


def drawn_as_data(item, x, y) -> bool:
    """Whether ``item`` draws the line (``x``, ``y``) as it is painted: reduced to its plot's pixel columns at
    the range shown (each column's lowest and highest value), spanning the same epochs, each point one of the
    data's."""
    vb = item.getViewBox()
    want_x, want_y = column_peaks(x, y, *vb.viewRange()[0], int(vb.width()))
    return (
        np.array_equal(item.xData, want_x)
        and np.allclose(item.yData, want_y)
        and (item.xData[0], item.xData[-1]) == (x[0], x[-1])
        and bool(np.isin(item.yData, y).all())
    )


def test_snapshot_draws_train_and_test_curves(view):
    c = make_curves(500)
    view.show_snapshot(snap(c))
    view.grab()  # what is painted, at the range the paint shows
    run = view.run()
    assert np.array_equal(run.curves["epoch"], c["epoch"]) and np.array_equal(run.curves["train_loss"], c["train_loss"])
    assert drawn_as_data(run.train_loss, c["epoch"], c["train_loss"])
    assert drawn_as_data(run.test_loss, c["epoch"], c["test_loss"])
    assert drawn_as_data(run.train_score, c["epoch"], 100 * c["train_score"])
    assert run.test_loss.isVisible()
    # train solid, test dashed
    assert run.train_loss.opts["pen"].style() == Qt.PenStyle.SolidLine
    assert run.test_loss.opts["pen"].style() == Qt.PenStyle.DashLine
    for item in run.items:  # reduced to their pixel columns here, not by pyqtgraph; clipped to the view once zoomed
        # (tests/gui/plot/test_curves_turns.py), while an auto-ranged view holds the whole line
        assert not item.opts["autoDownsample"] and not item.opts["clipToView"]
    assert "epoch 500" in view.summary.text() and "test acc" in view.summary.text()
    assert view.score_plot.getAxis("left").labelText.startswith("accuracy")
    view.show_snapshot(snap(make_curves(5000)))
    view.grab()
    for item in run.items:  # at most two points a pixel column, spanning the same epochs
        assert len(item.xData) <= 2 * item.getViewBox().width() + 2 and (item.xData[0], item.xData[-1]) == (1, 5000)


def test_nan_test_loss_draws_no_test_lines(view):
    view.show_snapshot(snap(make_curves(300, test=False)))
    run = view.run()
    # emptied rather than hidden, so the legend keeps drawing a line sample (not pyqtgraph's "hidden" eye)
    assert run.test_loss.xData is None or len(run.test_loss.xData) == 0
    assert run.test_score.xData is None or len(run.test_score.xData) == 0
    assert run.test_loss.isVisible() and run.train_loss.isVisible() and len(run.train_loss.xData) > 0
    assert "test" not in view.summary.text()


def test_log_scale_toggle(view):
    c = make_curves(1000)
    view.show_snapshot(snap(c))
    view.log_check.setChecked(True)
    assert view.loss_plot.vb.state["logMode"][1]
    assert view.log_scale()
    assert np.array_equal(view.run().curves["train_loss"], c["train_loss"])  # data unchanged; the axis is log
    view.grab()  # auto-range is applied lazily, before a paint
    (_, _), (y0, y1) = view.loss_plot.vb.viewRange()
    assert y0 < np.log10(c["train_loss"].min()) + 0.2 and y1 > np.log10(c["train_loss"].max()) - 0.2
    view.set_log_scale(False)
    assert not view.log_check.isChecked() and not view.loss_plot.vb.state["logMode"][1]


def test_log_scale_with_zero_loss_does_not_break(view):
    c = make_curves(200)
    c["train_loss"][50:60] = 0.0
    view.set_log_scale(True)
    view.show_snapshot(snap(c))
    image = view.grab()
    (_, _), (y0, y1) = view.loss_plot.vb.viewRange()
    assert np.isfinite([y0, y1]).all() and y0 < np.log10(c["train_loss"][60:].min()) < y1
    # the line is drawn on the log axis where the loss is positive, and nowhere off the data
    share, shown, spanned = loss_line(view, image, c["epoch"], c["train_loss"], log=True)
    assert shown > spanned / 2 and share > 0.95, (share, shown, spanned)


def test_hover_readout_follows_mouse(view, qtbot):
    view.set_log_epochs(False)  # a linear epoch axis (a log one: test_curves_readable)
    c = make_curves(2000)
    view.show_snapshot(snap(c))
    qtbot.wait(20)
    vb = view.loss_plot.vb
    (x0, x1), (y0, y1) = vb.viewRange()
    target = 1234.4
    scene = vb.mapViewToScene(QPointF(target, (y0 + y1) / 2))
    pos = view.glw.mapFromScene(scene)
    ev = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(pos),
        QPointF(pos),
        QPointF(view.glw.mapToGlobal(pos)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    qtbot.wait(15)  # pyqtgraph rate-limits mouse moves
    QApplication.sendEvent(view.glw.viewport(), ev)
    text = view.readout_text()
    assert text.startswith("epoch 1,23")  # the nearest recorded epoch to the pointer (±1 px)
    i = int(text.split("\n")[0].split()[1].replace(",", "")) - 1
    assert abs(i + 1 - target) <= (x1 - x0) / vb.width() + 1
    assert f"train {c['train_loss'][i]:.4f}" in text
    assert f"test {c['test_loss'][i]:.4f}" in text
    assert f"acc {100 * c['test_score'][i]:.1f}%" in text
    assert all(line.isVisible() and line.value() == i + 1 for line in view._lines)
    view.hide_readout()
    assert view.readout_text() == ""


def test_readout_at_exact_epochs(view):
    c = make_curves(100)
    c["epoch"] = c["epoch"] * 10  # thinned: every 10th epoch recorded
    view.show_snapshot(snap(c))
    assert view.show_readout_at(503)
    assert view.readout_text().startswith("epoch 500\n")
    assert view.show_readout_at(1e9)
    assert view.readout_text().startswith("epoch 1,000\n")


def test_regression_scores_are_r2_and_clipped(view):
    c = make_curves(400, task="regression")
    view.show_snapshot(snap(c, task="regression"))
    y = view.run().train_score.yData
    assert y.min() >= -1.0 and np.isclose(y[-1], c["train_score"][-1])
    assert "R²" in view.score_plot.getAxis("left").labelText
    view.show_readout_at(400)
    assert "R²" in view.readout_text()


def test_clear_empties_everything(view):
    view.show_snapshot(snap(make_curves(300)))
    view.show_readout_at(10)
    view.clear()
    x = view.run().train_loss.xData
    assert x is None or len(x) == 0
    assert view.summary.text() == "" and view.readout_text() == ""
    assert not view.show_readout_at(10)


def test_second_run_is_routed_by_session_id(view):
    view.add_run(7, "#009E73", name="run B")
    a, b = make_curves(300, seed=1), make_curves(600, seed=2)
    view.show_snapshot(snap(a, session_id=0))  # unknown id -> default run
    view.show_snapshot(snap(b, session_id=7))
    view.grab()
    assert len(view.run().curves["epoch"]) == 300 and len(view.run(7).curves["epoch"]) == 600
    assert drawn_as_data(view.run().train_loss, a["epoch"], a["train_loss"])
    assert drawn_as_data(view.run(7).train_loss, b["epoch"], b["train_loss"])
    view.show_readout_at(100)
    assert "run B" in view.readout_text()
    view.remove_run(7)
    assert 7 not in view.runs


def loss_line(view, image, epochs, loss, log=False):
    """(share of columns where the train loss line runs where the data is, columns showing the line, columns
    the data spans), the readout left out (the legend sits beside the plot); on a log epoch axis (a long run)
    the epochs are placed by their log10."""
    px = PlotPixels(view.glw, view.loss_plot.vb, view)
    exclude = []
    if view._readout.isVisible():
        exclude.append(PlotPixels.scene_rect(view.glw, view, view._readout.sceneBoundingRect()))
    keep = loss > 0 if log else np.isfinite(loss)
    if view.log_epochs():
        keep &= epochs > 0
    x = np.log10(epochs[keep]) if view.log_epochs() else epochs[keep]
    y = np.log10(loss[keep]) if log else loss[keep]
    return line_follows(image, px, DEFAULT_RUN_COLOR, x, y, exclude)


@pytest.mark.shots
def test_hundred_thousand_epochs_are_drawn_where_the_data_is(view, qtbot, shot):
    """A run of 100 000 epochs, still growing (how long a frame of it takes: bench/drawing.py)."""
    view.set_log_epochs(False)  # the linear epoch axis (the log one: test_curves_readable), where the readout
    # at epoch 20 000 sits left of the line instead of over it
    c = make_curves(100_000)
    view.show_snapshot(snap(c))
    view.grab()
    for n in (90_000, 95_000, 99_000):  # the curves as they grow, each frame drawn
        c2 = {key: v[:n] for key, v in c.items()}
        view.show_snapshot(snap(c2))
        view.grab()
    qtbot.wait(20)  # let the summary label's layout catch up
    view.show_readout_at(60_000)
    # what a person sees: the loss line falls where the (thinned, downsampled) data falls; on both axes
    share, shown, spanned = loss_line(view, shot(view, "curves_100k.png"), c2["epoch"], c2["train_loss"])
    assert shown > spanned / 2 and share > 0.95, (share, shown, spanned)
    view.set_log_scale(True)
    qtbot.wait(20)
    view.show_readout_at(20_000)
    share, shown, spanned = loss_line(view, shot(view, "curves_100k_log.png"), c2["epoch"], c2["train_loss"], True)
    assert shown > spanned / 2 and share > 0.95, (share, shown, spanned)


@pytest.mark.parametrize("n, log_epochs", [(3000, False), (3000, True), (100_000, False), (100_000, True)])
def test_a_long_loss_line_is_drawn_without_gaps(view, n, log_epochs):
    """Thousands of points a pixel apart or closer: Qt's raster engine leaves pixels out of a 1-px line made of
    segments shorter than a pixel (a quarter of the width blank), and on a log epoch axis pyqtgraph's downsampling
    (made for evenly spaced points) folded the first hundred epochs into one column."""
    view.set_log_epochs(log_epochs)
    c = make_curves(n)
    view.show_snapshot(snap(c))
    view.grab()
    share, shown, spanned = loss_line(view, view.grab(), c["epoch"], c["train_loss"])
    assert share > 0.95 and shown >= 0.97 * spanned, (share, shown, spanned)


def test_a_short_loss_line_is_drawn_without_gaps(view):
    c = make_curves(500)
    view.show_snapshot(snap(c))
    view.grab()
    share, shown, spanned = loss_line(view, view.grab(), c["epoch"], c["train_loss"])
    assert share > 0.95 and shown >= 0.97 * spanned, (share, shown, spanned)


def test_epoch_axis_labels_are_compact():
    ax = EpochAxis("bottom")
    assert ax.tickStrings([0, 500, 20_000, 1_500_000], 1.0, 1.0) == ["0", "500", "20k", "1.5M"]


# ---------------------------------------------------------------------------------------------- ranges in steps
@pytest.mark.parametrize("span, pixels", [(800, 110), (1000, 90), (6000, 120), (300, 60), (2.5e5, 100)])
def test_epoch_labels_never_run_into_each_other_on_a_narrow_plot(qtbot, span, pixels):
    """pyqtgraph spaces major ticks by the axis' length alone: on the ~110-pixel accuracy plot 200, 400, 600
    ran together. The axis widens the spacing (1, 2, 5 × 10^k) until every label has its room."""
    from PySide6.QtGui import QFont, QFontMetrics

    from gui.plot.curve_axes import LABEL_GAP_PX

    axis = EpochAxis("bottom")
    metrics = QFontMetrics(QFont())
    levels = axis.tickSpacing(0.0, span, pixels)
    values = axis.tickValues(0.0, span, pixels)[0][1]
    labels = axis.tickStrings(values, 1.0, levels[0][0])
    assert len(labels) >= 2
    gap = levels[0][0] / span * pixels  # pixels between two major ticks
    assert max(metrics.horizontalAdvance(t) for t in labels) + LABEL_GAP_PX <= gap, (labels, gap)
    wide = axis.tickSpacing(0.0, span, 2000)  # room enough: pyqtgraph's own spacing
    assert wide == pg_axis_spacing(span, 2000)


def pg_axis_spacing(span, pixels):
    import pyqtgraph as pg

    return pg.AxisItem("bottom").tickSpacing(0.0, span, pixels)


def test_ceil_step_rounds_up_to_the_next_step():
    from gui.plot.curve_axes import ceil_step

    assert [ceil_step(v) for v in (1, 1.1, 7, 9.99, 10, 10.01, 60_575, 0.7, 0.0123)] == pytest.approx(
        [1, 1.2, 8, 10, 10, 12, 80_000, 0.8, 0.015]
    )
    for v in np.geomspace(1e-6, 1e9, 500):  # never below the value, never more than a third above
        assert v <= ceil_step(v) <= 4 / 3 * v * (1 + 1e-12)


def _settle():
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def test_auto_range_moves_in_steps_so_the_axes_are_not_redrawn_each_frame(view):
    view.set_log_epochs(False)  # the linear axis' steps
    c = make_curves(20_000)
    n_axis_renders = []
    axis = view.loss_plot.getAxis("bottom")
    generate = axis.generateDrawSpecs

    def counting(*a, **k):
        n_axis_renders.append(1)
        return generate(*a, **k)

    axis.generateDrawSpecs = counting
    ranges = []
    for n in range(12_100, 15_000, 250):  # epochs 12 100 .. 14 850: all below the step at 15 000
        view.show_snapshot(snap({k: v[:n] for k, v in c.items()}))
        _settle()
        ranges.append((tuple(view.loss_plot.vb.viewRange()[0]), tuple(view.loss_plot.vb.viewRange()[1])))
    assert len(set(ranges)) == 1, "the range moved between steps"
    (x0, x1), (y0, y1) = ranges[0]
    top = max(c["train_loss"].max(), c["test_loss"].max())  # 0.82: the loss axis spans 0..1
    assert x0 < 0 < 15_000 < x1 < 16_000 and y0 < 0 < 1.0 < y1 < 1.1  # 0..15 000 and 0..1, padded
    assert 0.8 < top < 1.0
    # the epoch axis was laid out at most once (at the first snapshot), and once ahead for the next step's range
    assert len(n_axis_renders) <= 2
    view.show_snapshot(snap({k: v[:15_500] for k, v in c.items()}))  # past the step: the range grows
    _settle()
    assert 20_000 < view.loss_plot.vb.viewRange()[0][1] < 21_000
    assert view.score_plot.vb.viewRange()[0] == view.loss_plot.vb.viewRange()[0]  # linked


def test_log_scale_range_is_whole_decades_and_zoom_is_respected(view):
    c = make_curves(2_000)
    view.set_log_scale(True)
    view.show_snapshot(snap(c))
    _settle()
    lo, hi = view.loss_plot.vb.viewRange()[1]
    y = np.log10(c["train_loss"].min()), np.log10(c["test_loss"].max())
    assert np.floor(y[0]) - 0.2 < lo < np.floor(y[0]) and np.ceil(y[1]) < hi < np.ceil(y[1]) + 0.2
    view.loss_plot.vb.setXRange(100, 200, padding=0)  # a person zooms in: auto-range is off
    view.show_snapshot(snap(make_curves(3_000)))
    _settle()
    assert view.loss_plot.vb.viewRange()[0] == pytest.approx([100, 200])


def test_summary_line_changes_without_laying_out_the_view(view):
    from PySide6.QtCore import QObject

    class Count(QObject):
        n = 0

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.LayoutRequest:
                self.n += 1
            return False

    c = make_curves(500)
    view.show_snapshot(snap({k: v[:100] for k, v in c.items()}))
    _settle()
    counter = Count()
    view.installEventFilter(counter)
    for n in range(101, 500, 37):
        view.show_snapshot(snap({k: v[:n] for k, v in c.items()}))
        _settle()
    assert counter.n == 0
    assert view.summary.text().startswith("epoch 471 · train loss")


def test_a_run_ending_on_a_step_fills_the_width(view):
    view.show_snapshot(snap(make_curves(300)))  # epochs 1..300: 300 is a step (3 × 100)
    _settle()
    lo, hi = view.loss_plot.vb.viewRange()[0]
    assert lo < 0 < 300 < hi < 330  # 0..300 and the padding, not 0..400 because of the pens' width


def test_column_peaks_keep_each_columns_highest_and_lowest_value():
    from gui.plot.run_curves import column_peaks

    x = np.arange(1, 10_001, dtype=float)
    y = np.sin(x / 300) + 0.01 * np.random.default_rng(0).random(x.size)
    y[5000:5010] = np.nan
    for log_x, left, right in ((False, 0.0, 10_000.0), (True, 0.0, 4.0)):
        rx, ry = column_peaks(x, y, left, right, 200, log_x)
        assert (rx[0], rx[-1]) == (1, 10_000) and np.all(np.diff(rx) >= 0)
        assert rx.size <= 2 * 200 + 1 and np.nanmax(ry) == np.nanmax(y) and np.nanmin(ry) == np.nanmin(y)
        pos = np.log10(rx) if log_x else rx
        steps = np.diff(pos) * 200 / (right - left)
        assert np.all((steps == 0) | (steps > 0.49))  # consecutive columns are about a pixel apart
    few = np.array([1.0, 50.0, 3000.0])
    assert [a.tolist() for a in column_peaks(few, few, 0.0, 4.0, 200, True)] == [few.tolist()] * 2


@pytest.mark.parametrize("task", ["classification", "regression"])
def test_axis_labels_are_whole_at_the_windows_default_size(qtbot, task):
    """The curves get about 520 pixels of width in the default window and never less height than the window's
    least (``CURVES_MIN_HEIGHT``): the left axes' labels run along plots about 120 pixels tall ("R² (clipped at
    −1)" was cut to "R² (clipped at")."""
    from gui.window.layout import CURVES_MIN_HEIGHT

    view = CurvesView()
    qtbot.addWidget(view)
    view.resize(520, CURVES_MIN_HEIGHT)
    view.show()
    qtbot.waitExposed(view)
    view.show_snapshot(snap(make_curves(300, task=task), task=task))
    view.grab()
    for plot in (view.loss_plot, view.score_plot):
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            along = axis.boundingRect().height() if name == "left" else axis.boundingRect().width()
            assert axis.label.boundingRect().width() <= along, (axis.labelText, along)
    assert view.score_plot.getAxis("left").labelText == ("accuracy (%)" if task == "classification" else "R²")


@pytest.mark.parametrize("span, pixels", [(1.0, 110), (1.0, 600), (3.0, 600), (8.0, 90), (0.5, 300)])
def test_epoch_ticks_fall_on_whole_epochs_before_a_run_has_many(qtbot, span, pixels):
    """Before Play the epoch axis spans 0 to 1: its ticks read 0.2, 0.4, 0.6, 0.8 epochs, which do not exist."""
    axis = EpochAxis("bottom")
    ticks = [v for _, values in axis.tickValues(0.0, span, pixels) for v in values]
    assert ticks and all(v == round(v) for v in ticks), ticks


def test_epoch_axes_drawn_ahead_of_a_step_look_as_drawn_at_it(view, qtbot):
    """While a run grows, both epoch axes are drawn for their next range on a turn of their own; at the step the
    paint replays that picture, which is the one the axis would have drawn then."""
    view.set_log_epochs(False)
    c = make_curves(2000)
    axes = [plot.getAxis("bottom") for plot in (view.loss_plot, view.score_plot)]
    view.show_snapshot(snap({k: v[:110] for k, v in c.items()}))  # x from 0 to 120
    view.grab()
    qtbot.wait(30)  # the zero timers: each axis draws the range of the next step (0 to 150)
    used = [axis.ahead_used for axis in axes]
    view.show_snapshot(snap({k: v[:130] for k, v in c.items()}))
    stepped = rgb(view.grab())
    assert view.loss_plot.vb.viewRange()[0][1] > 150  # the step was taken (150 and the view's margin)
    assert [axis.ahead_used for axis in axes] == [n + 1 for n in used]  # both replayed what was drawn ahead
    for axis in axes:  # drawn again at the step, as before
        axis._ahead.clear()
        axis.picture = None
        axis.update()
    assert np.array_equal(rgb(view.grab()), stepped)
