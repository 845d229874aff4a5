"""The curves take a new snapshot's range in the draw tick, and reduce its lines once, for that range: the range
is the one pyqtgraph takes from the drawn lines, and the pixels are the ones drawn when pyqtgraph also clipped
every line to the view."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from tests.gui.pixels import rgb
from tests.gui.plot.test_curves_view import make_curves, snap


@pytest.fixture
def view(make_curves_view):
    return make_curves_view(800, 300)


def _ranges(view) -> list:
    return [[tuple(r) for r in plot.vb.viewRange()] for plot in (view.loss_plot, view.score_plot)]


def _range_from_the_drawn_lines(view) -> list:
    """The ranges pyqtgraph's auto-range takes from the lines as they are drawn (reduced), taken again."""
    for plot in (view.loss_plot, view.score_plot):
        plot.vb._autoRangeNeedsUpdate = True
        plot.vb.updateAutoRange()
    return _ranges(view)


@pytest.mark.parametrize(
    "first, log_loss, log_epochs",
    [(1, False, False), (0, False, False), (0, True, False), (0, False, True), (0, True, True)],
)
def test_the_range_taken_in_the_tick_is_the_one_of_the_drawn_lines(view, first, log_loss, log_epochs):
    """At each snapshot the range comes from the whole lines' bounds, before they are reduced for it: it must be
    the range the reduced lines give (epoch 0 left out on a log epoch axis, a zero loss on a log loss axis)."""
    c = make_curves(3000)
    if first == 0:  # before the first epoch the loss is highest: on a log epoch axis it is not drawn
        c = {k: np.concatenate(([0.0 if k == "epoch" else 1.5 * v[0]], v)) for k, v in c.items()}
    if log_loss:
        c["train_loss"][5] = 0.0  # no place on a log axis
    view.set_log_scale(log_loss)
    view.set_log_epochs(log_epochs)
    for n in (40, 130, 1100, 1600, 2500, 3000):  # steps of the epoch axis and of the loss axis among them
        view.show_snapshot(snap({k: v[:n] for k, v in c.items()}))
        taken = _ranges(view)
        assert taken == _range_from_the_drawn_lines(view), n
        for item in view.run().items:  # each line reduced once, for the range taken
            assert item.xData is not None and len(item.xData) <= 2 * item.getViewBox().width() + 2


def test_an_auto_ranged_line_is_drawn_as_when_pyqtgraph_clipped_it(view):
    """pyqtgraph clips a line to the view only while the epochs are zoomed: an auto-ranged view holds the whole
    line, and the pixels are those drawn with every line clipped."""
    view.set_log_epochs(False)
    c = make_curves(5000)
    view.show_snapshot(snap(c))
    unclipped = rgb(view.grab())
    run = view.run()
    assert not any(item.opts["clipToView"] for item in run.items)
    for item in run.items:
        item.setClipToView(True)
    assert np.array_equal(rgb(view.grab()), unclipped)


def test_a_zoomed_line_is_clipped_to_the_view_and_whole_again_after_view_all(view):
    """Zoomed into a long run, only the epochs in view (and one beyond each edge) are drawn."""
    view.set_log_epochs(False)
    view.show_snapshot(snap(make_curves(20_000)))
    view.grab()
    run = view.run()
    view.loss_plot.vb.setXRange(5000, 6000, padding=0)  # a person zooms in: the epochs' auto-range is off
    QApplication.processEvents()
    view.grab()
    for item in run.items:
        assert item.opts["clipToView"]
        x = item.curve.getData()[0]  # what the line draws
        assert 4900 < x[0] < 5000 < 6000 < x[-1] < 6100, (x[0], x[-1])
    view.loss_plot.vb.enableAutoRange()  # the menu's "View all"
    view.grab()
    for item in run.items:
        x = item.curve.getData()[0]
        assert not item.opts["clipToView"] and (x[0], x[-1]) == (1, 20_000)


def test_a_step_replays_its_axes_when_the_next_steps_picture_is_drawn_before_its_paint(view, qtbot):
    """The step is taken in the tick: the zero timer that draws the next step's axes can fire before the paint of
    this one, which must still replay the picture drawn ahead for it."""
    view.set_log_epochs(False)
    c = make_curves(2000)
    axes = [plot.getAxis("bottom") for plot in (view.loss_plot, view.score_plot)]
    view.show_snapshot(snap({k: v[:110] for k, v in c.items()}))  # x from 0 to 120
    view.grab()
    qtbot.wait(30)  # each axis draws the range of the next step (0 to 150)
    used = [axis.ahead_used for axis in axes]
    view.show_snapshot(snap({k: v[:130] for k, v in c.items()}))  # the step, taken in this tick
    for axis in axes:
        axis._draw_ahead()  # the timer of the step after (0 to 200), before the paint
    view.grab()
    assert [axis.ahead_used for axis in axes] == [n + 1 for n in used]


def test_a_frame_takes_its_range_once(view, monkeypatch):
    """The range taken in the tick is not taken again by the paint that follows (from the reduced lines, whose
    bounds are the same)."""
    view.set_log_epochs(False)
    c = make_curves(3000)
    taken = []
    for plot in (view.loss_plot, view.score_plot):
        update = plot.vb.updateAutoRange
        monkeypatch.setattr(plot.vb, "updateAutoRange", lambda update=update: (taken.append(1), update()))
    for n in (500, 510, 1300, 1310):  # frames within a step and at one
        view.show_snapshot(snap({k: v[:n] for k, v in c.items()}))
        in_tick = len(taken)
        assert in_tick >= 1
        view.grab()
        assert len(taken) == in_tick, n
        taken.clear()
