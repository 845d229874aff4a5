"""The curves stay readable: they draw again after Reset following a long run, the epoch axis turns logarithmic
once a run spans decades, hovering gives the exact epoch and values there too, and the legend covers no curve."""

import math
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from gui.plot.curves_view import LOG_EPOCHS_FROM


def snapshot(last: int, first: int = 0):
    epoch = np.arange(first, last + 1, dtype=float)
    curves = {
        "epoch": epoch,
        "train_loss": np.exp(-epoch / 1000) + 1e-3,
        "test_loss": np.exp(-epoch / 1000) + 0.1,
        "train_score": np.full(epoch.size, 0.9),
        "test_score": np.full(epoch.size, 0.8),
    }
    return SimpleNamespace(
        epoch=last,
        train_loss=1.0,
        test_loss=1.1,
        train_score=0.9,
        test_score=0.8,
        task="classification",
        curves=curves,
        session_id=0,
    )


@pytest.fixture
def view(make_curves_view):
    return make_curves_view(900, 260)


def show(qtbot, view, last):
    view.show_snapshot(snapshot(last))
    qtbot.wait(20)  # pyqtgraph updates its auto-range when it paints


def test_after_reset_following_a_long_run_the_curves_draw_again(qtbot, view):
    for last in (10, 1000, 50_000, 100_000):
        show(qtbot, view, last)
    view.clear()
    for last in (1, 5, 30):
        show(qtbot, view, last)
    run = view.run()
    assert run.train_loss.curve.dataBounds(0) == (0.0, 30.0)  # drawn, not downsampled to nothing
    (_, x1), _ = view.loss_plot.vb.viewRange()
    assert x1 < 100  # the axis came back to the new run's 30 epochs
    assert view.score_plot.vb.viewRange()[1] == pytest.approx([-2.0, 102.0])


def test_the_epoch_axis_turns_logarithmic_once_a_run_spans_decades(qtbot, view):
    show(qtbot, view, LOG_EPOCHS_FROM - 1)
    assert not view.log_epochs()
    show(qtbot, view, 100_000)
    assert view.log_epochs()
    (x0, x1), _ = view.loss_plot.vb.viewRange()
    assert x0 <= 0.1 and 5 <= x1 <= 5.5  # epochs 1 to 100 000: the first hundred take two fifths of the width
    view.clear()
    assert not view.log_epochs()  # a new run starts short


def test_a_log_epoch_axis_set_by_hand_stays(qtbot, view):
    view.log_epochs_check.setChecked(False)
    view.log_epochs_check.click()  # on, by hand
    assert view.log_epochs()
    show(qtbot, view, 50)
    assert view.log_epochs()
    view.log_epochs_check.click()  # off, by hand
    show(qtbot, view, 100_000)
    assert not view.log_epochs()


def test_hover_gives_the_exact_epoch_and_values_on_a_log_axis(qtbot, view):
    show(qtbot, view, 100_000)
    assert view.log_epochs()
    vb = view.loss_plot.vb
    scene = vb.mapViewToScene(QPointF(math.log10(57), 0.5))
    view._on_mouse_moved(scene)
    text = view.readout_text()
    assert "epoch 57\n" in text
    assert f"train {np.exp(-57 / 1000) + 1e-3:.4f}" in text
    line_x = view._lines[0].value()
    assert line_x == pytest.approx(math.log10(57))


def test_the_legend_never_covers_the_curves(qtbot, view):
    show(qtbot, view, 500)
    legend = view._legend.sceneBoundingRect()
    assert legend.width() > 0
    for plot in (view.loss_plot, view.score_plot):
        assert not legend.intersects(plot.vb.sceneBoundingRect())
    labels = [label.text for _, label in view._legend.items]
    assert labels == ["train", "test"]
    view.add_run("b", "#00aa00", name="Run 2")
    assert [label.text for _, label in view._legend.items][-1] == "Run 2 test"
    view.remove_run("b")
    assert len(view._legend.items) == 2


@pytest.mark.parametrize("height", [180, 260, 420])
def test_each_legend_line_sits_beside_the_word_it_names(qtbot, make_curves_view, height):
    view = make_curves_view(900, height)
    show(qtbot, view, 50)
    for sample, label in view._legend.items:
        line = sample.mapRectToScene(sample.boundingRect()).center().y()
        text = label.item.mapRectToScene(label.item.boundingRect())
        assert text.top() < line < text.bottom(), (label.text, line, text)
