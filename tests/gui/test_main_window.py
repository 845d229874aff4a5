"""The whole app as a person uses it: real mouse and key events on the real MainWindow, a real training thread.

Waits are on conditions (qtbot.waitUntil / waitSignal) with timeouts, never sleeps. Settings go to a temporary ini
file, never the user's. After training, the picture of the window is checked
against the model (and written to shots/ by `make shots`).
"""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from tests.gui.pixels import check_boundary_view, predicted_class
from tests.paths import ROOT


@pytest.fixture
def window(make_window):
    return make_window()


def snap(w):
    return w.controller.latest_snapshot


def generate(qtbot, w, name, **params):
    """Pick a dataset in the data panel (as a person would) and wait until the worker trains on it."""
    p = w.data_panel.params()
    p.update(name=name, **params)
    w.data_panel.set_params(p)
    version = w.document.version
    w.data_panel.generate_button.click()
    assert w.document.version == version + 1
    qtbot.waitUntil(lambda: snap(w).data_version == w.document.version, timeout=5000)


def key(qtbot, w, k, modifier=Qt.NoModifier):
    qtbot.keyClick(w.boundary_view, k, modifier)


def play(qtbot, w):
    with qtbot.waitSignal(w.controller.runningChanged, timeout=3000):
        key(qtbot, w, Qt.Key_Space)
    assert w.controller.running and w.controls.play_action.text() == "Pause"


def pause(qtbot, w):
    with qtbot.waitSignal(w.controller.runningChanged, timeout=3000):
        key(qtbot, w, Qt.Key_Space)
    assert not w.controller.running and w.controls.play_action.text() == "Play"


def to_viewport(view, x, y) -> QPoint:
    scene = view.getPlotItem().vb.mapViewToScene(QPointF(x, y))
    return view.mapFromScene(scene)


def move_with_button(widget, pos: QPoint, button=Qt.LeftButton) -> None:
    """A mouse move with the button held (QTest.mouseMove does not carry pressed buttons in Qt 6)."""
    lp = QPointF(pos)
    ev = QMouseEvent(
        QEvent.Type.MouseMove, lp, lp, QPointF(widget.mapToGlobal(pos)), Qt.NoButton, button, Qt.NoModifier
    )
    QApplication.sendEvent(widget, ev)


def pixel(view) -> tuple[float, float]:
    pw, ph = view.getPlotItem().vb.viewPixelSize()
    return abs(pw), abs(ph)


# ---------------------------------------------------------------------------------------------------- start-up
def test_opens_on_two_moons_with_an_mlp_ready_to_play(window):
    w = window
    ds = w.dataset
    assert w.data_panel.params()["name"] == "moons" and ds.task == "classification" and ds.n_samples == 200
    spec = w.model_panel.model_spec()
    assert spec.kind == "mlp" and len(spec.hidden) >= 1
    assert not w.controller.running and w.controls.play_action.text() == "Play"
    assert w.controls.epoch_label.text() == "0"
    assert snap(w).epoch == 0 and snap(w).data_version == w.document.version
    assert w.windowTitle() == "Untitled[*] \u2014 Neural Playground" and not w.isWindowModified()
    for a in (
        w.controls.play_action,
        w.controls.step_action,
        w.controls.reset_action,
        w.controls.add_tool_action,
        w.controls.erase_tool_action,
    ):
        assert a.toolTip().endswith(".")


def test_first_dataset_comes_from_a_background_thread_when_sklearn_is_not_loaded(qtbot, monkeypatch, make_window):
    import gui.main_window as mw

    monkeypatch.setattr(mw, "_sklearn_loaded", lambda: False)
    w = make_window()  # waits for data_ready
    assert w.dataset.n_samples == 200 and w.document.version == 1
    assert w.undo_stack.count() == 0  # the first dataset is not an undoable edit
    assert snap(w).predictions.shape == (200,)


def test_the_gui_modules_do_not_import_scikit_learn():
    code = (
        "import sys; from neural_playground import cli; from gui.main_window import MainWindow; "
        "assert 'sklearn' not in sys.modules, 'scikit-learn imported at start-up'; "
        "cli.build_parser().parse_args(['--dataset', 'xor', '--seed', '3'])"
    )
    root = ROOT
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr


def test_space_plays_after_a_click_on_a_panel_button(qtbot, window):
    w = window
    qtbot.mouseClick(w.data_panel.generate_button, Qt.LeftButton)  # a new sample of two moons
    version = w.document.version
    focus = QApplication.focusWidget()
    assert focus is not w.data_panel.generate_button
    with qtbot.waitSignal(w.controller.runningChanged, timeout=3000):
        qtbot.keyClick(focus or w, Qt.Key_Space)
    assert w.controller.running and w.document.version == version  # played; did not generate again
    pause(qtbot, w)


# ---------------------------------------------------------------------------------------------------- drawing
def test_mouse_places_points_where_clicked_per_class_and_undo_redo_restores_exactly(qtbot, window):
    w = window
    view = w.boundary_view
    vp = view.viewport()
    before = w.dataset
    n0 = before.n_samples

    targets = [(-2.0, 1.5, 0), (3.0, -2.5, 1), (0.5, 4.0, 1)]
    tolerance = []  # one screen pixel in data units, when each click happened
    for x, y, k in targets:
        key(qtbot, w, getattr(Qt, f"Key_{k + 1}"))
        assert w.controls.class_buttons[k].isChecked()
        tolerance.append(pixel(view))
        qtbot.mouseClick(vp, Qt.LeftButton, pos=to_viewport(view, x, y))
    ds = w.dataset
    assert ds.n_samples == n0 + 3
    for i, (x, y, k) in enumerate(targets):
        px, py = tolerance[i]
        got = ds.X[n0 + i]
        assert abs(got[0] - x) <= px and abs(got[1] - y) <= py, (got, (x, y))
        assert ds.y[n0 + i] == k
    after_clicks = w.dataset

    # a drag with the button held paints a stream of points: one undo step
    path = [(-4.0 + 0.5 * i, -4.0) for i in range(12)]
    qtbot.mousePress(vp, Qt.LeftButton, pos=to_viewport(view, *path[0]))
    for x, y in path[1:]:
        qtbot.wait(12)  # pyqtgraph rate-limits mouse moves
        move_with_button(vp, to_viewport(view, x, y))
    qtbot.mouseRelease(vp, Qt.LeftButton, pos=to_viewport(view, *path[-1]))
    painted = w.dataset
    assert painted.n_samples >= after_clicks.n_samples + 5
    py = max(t[1] for t in tolerance + [pixel(view)])
    assert np.allclose(painted.X[after_clicks.n_samples :, 1], -4.0, atol=2 * py)

    # right click removes the nearest point
    x0, y0 = after_clicks.X[n0]
    qtbot.mouseClick(vp, Qt.RightButton, pos=to_viewport(view, x0, y0))
    assert w.dataset.n_samples == painted.n_samples - 1
    assert w.dataset.nearest(x0, y0) is None or not np.allclose(w.dataset.X[w.dataset.nearest(x0, y0)], (x0, y0))

    key(qtbot, w, Qt.Key_Z, Qt.ControlModifier)  # undo the removal
    assert w.dataset.same_as(painted)
    key(qtbot, w, Qt.Key_Z, Qt.ControlModifier)  # undo the whole stroke at once
    assert w.dataset.same_as(after_clicks)
    for _ in range(3):
        key(qtbot, w, Qt.Key_Z, Qt.ControlModifier)
    assert w.dataset.same_as(before)
    for _ in range(4):
        key(qtbot, w, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert w.dataset.same_as(painted)
    qtbot.waitUntil(lambda: snap(w).data_version == w.document.version, timeout=3000)
    assert snap(w).predictions.shape == (painted.n_samples,)


def test_eraser_tool_and_points_edited_while_training(qtbot, window):
    w = window
    view = w.boundary_view
    play(qtbot, w)
    qtbot.waitUntil(lambda: snap(w).epoch > 20, timeout=5000)
    n = w.dataset.n_samples
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=to_viewport(view, 5.5, 5.5))
    assert w.dataset.n_samples == n + 1
    qtbot.waitUntil(lambda: snap(w).data_version == w.document.version, timeout=3000)
    assert snap(w).epoch > 20 and w.controller.running  # the weights were kept, training went on
    key(qtbot, w, Qt.Key_E)
    assert w.controls.erase_tool_action.isChecked() and view.tool() == "erase"
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=to_viewport(view, 5.5, 5.5))
    assert w.dataset.n_samples == n
    qtbot.waitUntil(lambda: snap(w).data_version == w.document.version, timeout=3000)
    key(qtbot, w, Qt.Key_E)
    assert view.tool() == "add"
    pause(qtbot, w)


# ---------------------------------------------------------------------------------------------------- training
def test_play_on_blobs_learns_pause_stops_step_is_one_epoch_reset_is_epoch_zero(qtbot, window, tmp_path):
    w = window
    generate(qtbot, w, "blobs", n_samples=300, n_classes=3, seed=2)
    fresh = snap(w).params
    play(qtbot, w)
    qtbot.waitUntil(lambda: snap(w).epoch > 0 and snap(w).train_score >= 0.95, timeout=15000)
    qtbot.waitUntil(lambda: w.controls.epoch_label.text() != "0", timeout=2000)
    pause(qtbot, w)
    stopped = snap(w).epoch
    qtbot.wait(200)  # the event loop keeps running; the counter must not
    assert snap(w).epoch == stopped
    qtbot.waitUntil(lambda: w.controls.epoch_label.text().replace(",", "") == str(stopped), timeout=2000)

    key(qtbot, w, Qt.Key_S)
    qtbot.waitUntil(lambda: snap(w).epoch == stopped + 1, timeout=3000)
    qtbot.wait(100)
    assert snap(w).epoch == stopped + 1  # exactly one epoch
    key(qtbot, w, Qt.Key_Right)
    qtbot.waitUntil(lambda: snap(w).epoch == stopped + 2, timeout=3000)
    qtbot.wait(100)
    assert snap(w).epoch == stopped + 2 and not w.controller.running

    trained = snap(w).params
    key(qtbot, w, Qt.Key_R)
    qtbot.waitUntil(lambda: snap(w).epoch == 0, timeout=3000)
    assert not np.array_equal(snap(w).params, trained)
    np.testing.assert_array_equal(snap(w).params, fresh)
    qtbot.waitUntil(lambda: w.controls.epoch_label.text() == "0", timeout=2000)


class Scores:
    """Every training accuracy the window receives while it is connected."""

    def __init__(self, w):
        self.values: list[float] = []
        w.controller.snapshotReady.connect(self.add)

    def add(self, s):
        if s.epoch > 0 and s.train_score == s.train_score:
            self.values.append(float(s.train_score))


@pytest.mark.parametrize("kind", ["perceptron", "logistic"])
def test_linear_models_cannot_learn_xor(qtbot, window, kind):
    w = window
    generate(qtbot, w, "xor", n_samples=200, noise=0.1, seed=0)
    w.model_panel.kind.setCurrentIndex(w.model_panel.kind.findData(kind))
    qtbot.waitUntil(lambda: snap(w).epoch == 0, timeout=3000)
    scores = Scores(w)
    play(qtbot, w)
    epochs = 300 if kind == "perceptron" else 1500  # Rosenblatt's rule goes sample by sample: slower epochs
    qtbot.waitUntil(lambda: snap(w).epoch >= epochs, timeout=15000)
    pause(qtbot, w)
    accs = scores.values
    assert accs and max(accs) <= 0.75, (kind, max(accs))
    assert 0.35 <= float(np.mean(accs)) <= 0.75


SIGNS = ((-1, 1), (1, 1), (1, -1), (-1, -1))  # the quadrants, going round


def test_mlp_learns_xor(qtbot, window):
    w = window
    generate(qtbot, w, "xor", n_samples=200, noise=0.1, seed=0)
    assert w.model_panel.model_spec().kind == "mlp"
    play(qtbot, w)
    qtbot.waitUntil(lambda: snap(w).train_score >= 0.95, timeout=15000)
    pause(qtbot, w)
    qtbot.waitUntil(lambda: w.boundary_view.snapshot() is snap(w), timeout=3000)
    w.boundary_view.flush()
    # the plot shows the trained network (shading, line, points), and it cut the plane into XOR's four regions
    check_boundary_view(w.boundary_view, overlays=[w.boundary_view._score])
    X = w.dataset.X
    centres = np.array([X[(np.sign(X[:, 0]) == sx) & (np.sign(X[:, 1]) == sy)].mean(axis=0) for sx, sy in SIGNS])
    q = predicted_class(snap(w).grid, snap(w).grid_bounds, centres[:, 0], centres[:, 1])
    assert q[0] == q[2] != q[1] == q[3], q


def test_learning_rate_change_mid_training_is_used_by_the_next_epoch(qtbot, window):
    w = window
    lr = w.training_panel.learning_rate
    play(qtbot, w)
    qtbot.waitUntil(lambda: snap(w).epoch > 10, timeout=5000)
    lr.lineEdit().selectAll()
    qtbot.keyClicks(lr.lineEdit(), "0.007")
    qtbot.keyClick(lr.lineEdit(), Qt.Key_Return)
    running_epoch = snap(w).epoch
    qtbot.waitUntil(lambda: snap(w).learning_rate == 0.007, timeout=3000)
    assert snap(w).epoch >= running_epoch and w.controller.running  # no reset
    pause(qtbot, w)

    lr.setValue(0.05)  # while paused: the very next (stepped) epoch trains with it
    e = snap(w).epoch
    w.controls.step_action.trigger()
    qtbot.waitUntil(lambda: snap(w).epoch == e + 1, timeout=3000)
    assert snap(w).learning_rate == 0.05


def test_precision_switches_mid_training_keeping_weights_and_epochs(qtbot, window):
    """32-bit is the default; asking for 64-bit converts the running network, which keeps its epochs and
    its weights (to float32's rounding) and goes on learning; back to 32-bit the same way."""
    w = window
    precision = w.training_panel.precision
    assert precision.currentData() == "float32"
    play(qtbot, w)
    qtbot.waitUntil(lambda: snap(w).epoch > 10, timeout=5000)
    assert snap(w).params.dtype == np.float32
    precision.setCurrentIndex(precision.findData("float64"))
    qtbot.waitUntil(lambda: snap(w).params.dtype == np.float64, timeout=3000)
    first = snap(w)
    qtbot.waitUntil(lambda: snap(w).epoch > first.epoch + 10, timeout=5000)
    assert w.controller.running and np.isfinite(snap(w).train_loss)
    pause(qtbot, w)
    e, params = snap(w).epoch, snap(w).params.copy()
    precision.setCurrentIndex(precision.findData("float32"))
    qtbot.waitUntil(lambda: snap(w).params.dtype == np.float32, timeout=3000)
    assert snap(w).epoch == e  # paused: converted, not trained
    np.testing.assert_allclose(snap(w).params, params, rtol=1e-6, atol=1e-7)


def test_huge_learning_rate_diverges_pauses_and_explains(qtbot, window):
    w = window
    generate(qtbot, w, "sine", n_samples=200, noise=0.1, seed=0)
    w.training_panel.optimizer.setCurrentIndex(w.training_panel.optimizer.findData("sgd"))
    w.training_panel.learning_rate.setValue(10.0)
    w.controls.play_action.trigger()
    # whether the loss overflows to NaN within a chunk (the session stops) or is first seen finite and ten times its
    # start (the window pauses), it is said alike: which comes first depends on how long the first chunks were
    qtbot.waitUntil(lambda: "diverged" in w.banner.text() and not w.controller.running, timeout=10000)
    assert w.controls.play_action.text() == "Play"
    text = w.banner.text()
    assert "diverged" in text and "learning rate 10" in text and "Try a learning rate of 1." in text
    assert "diverged" in w.statusBar().currentMessage()
    assert np.all(np.isfinite(snap(w).params))
    e = snap(w).epoch
    qtbot.wait(100)
    assert snap(w).epoch == e
    w.banner.action_button.click()  # "Use 1"
    assert w.training_panel.learning_rate.value() == 1.0 and not w.banner.isVisible()
    qtbot.waitUntil(lambda: snap(w).learning_rate == 1.0, timeout=3000)


def test_regression_curve_mode_clicks_add_xy_points_and_the_curve_fits(qtbot, window):
    w = window
    generate(qtbot, w, "sine", n_samples=150, noise=0.05, seed=1)
    assert w.dataset.task == "regression"
    assert not any(a.isVisible() for a in w.controls.class_button_actions)
    assert "Regression" in w.model_panel.task_label.text()
    view = w.boundary_view
    n = w.dataset.n_samples
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=to_viewport(view, 1.0, 2.0))
    ds = w.dataset
    px, py = pixel(view)
    assert ds.n_samples == n + 1
    assert abs(ds.X[-1, 0] - 1.0) <= px and abs(ds.y[-1] - 2.0) <= py
    play(qtbot, w)
    qtbot.waitUntil(lambda: snap(w).train_score >= 0.8, timeout=20000)
    pause(qtbot, w)
    assert snap(w).grid is not None and snap(w).grid.ndim == 1  # the fitted curve the view draws
    # the readouts follow within a tick or two
    qtbot.waitUntil(lambda: "R\u00b2" in w.readouts.status_score.text(), timeout=2000)


# ---------------------------------------------------------------------------------------------------- life cycle
def test_closing_mid_training_stops_the_thread(qtbot, window):
    w = window
    play(qtbot, w)
    qtbot.waitUntil(lambda: snap(w).epoch > 5, timeout=5000)
    thread = w.controller._thread
    w.close()
    assert not thread.isRunning()
    assert not w.controller.is_alive


def test_settings_and_geometry_are_remembered(qtbot, make_window):
    w = make_window()
    # a size that fits the offscreen screen (800 x 800) and the window's minimum size
    wanted = (max(w.minimumSizeHint().width(), 700) + 3, 701)
    w.resize(*wanted)
    qtbot.waitUntil(lambda: w.height() == 701, timeout=5000)
    wanted = (w.width(), w.height())
    w.data_panel.set_params({**w.data_panel.params(), "name": "circles", "n_samples": 321, "seed": 5})
    w.training_panel.learning_rate.setValue(0.1)
    w.model_panel.add_layer_button.click()
    w.close()
    again = make_window(size=None)
    assert again.data_panel.params()["name"] == "circles" and again.dataset.n_samples == 321
    assert again.training_panel.learning_rate.value() == 0.1
    assert again.model_panel.hidden_layers() == (8, 8, 8)
    assert again.height() == wanted[1]
    screen = again.screen().availableGeometry()
    if wanted[0] <= screen.width():
        assert again.width() == wanted[0]


def test_command_line_dataset_and_seed_override_the_remembered_ones(qtbot, make_window):
    w = make_window(dataset="spiral", seed=7)
    assert w.data_panel.params()["name"] == "spiral" and w.data_panel.params()["seed"] == 7
    assert w.dataset.n_classes >= 2


def test_gui_thread_keeps_turning_while_training_10000_points(qtbot, window):
    """The window's own timers keep firing while it trains on 10 000 points; how late they fire is a figure of
    bench/live.py (event-loop lateness), not of a test."""
    w = window
    generate(qtbot, w, "moons", n_samples=10_000, noise=0.15, seed=0)
    ticks = []
    timer = QTimer()
    timer.setTimerType(Qt.PreciseTimer)
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(snap(w).epoch))
    play(qtbot, w)
    qtbot.waitUntil(lambda: snap(w).epoch > 3, timeout=10000)
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= 100, timeout=20000)
    timer.stop()
    assert ticks[-1] > ticks[0]  # it trained meanwhile, and the snapshots reached the window between the ticks
    pause(qtbot, w)


def test_curves_below_the_plot_follow_training(qtbot, window):
    w = window
    play(qtbot, w)
    qtbot.waitUntil(lambda: snap(w).epoch > 100, timeout=10000)
    pause(qtbot, w)

    def curves_drawn():  # the loss and accuracy curves show the main model's run up to the last epoch
        run = w.curves_view.run()
        return run is not None and run.curves["epoch"].size > 0 and run.curves["epoch"][-1] == snap(w).epoch

    qtbot.waitUntil(curves_drawn, timeout=3000)


@pytest.mark.shots
def test_after_training_the_window_shows_the_model(qtbot, window, shot):
    w = window
    play(qtbot, w)
    qtbot.waitUntil(lambda: snap(w).train_score >= 0.97, timeout=15000)
    pause(qtbot, w)
    qtbot.waitUntil(lambda: w.controls.epoch_label.text().replace(",", "") == str(snap(w).epoch), timeout=2000)
    v = w.boundary_view
    v.flush()  # the newest snapshot is drawn on the next turn of the event loop: draw it now
    image = shot(w, "main_window_trained.png")
    # the window as a whole: its main plot shows the trained model's boundary and the data
    check_boundary_view(v, image, widget=w, overlays=[v._score])
