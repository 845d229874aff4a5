"""Neurons off from the network diagram: clicking a hidden unit's switch asks the training thread to hold its
output at 0, paused or while training, and the next snapshot predicts as the network with that unit zeroed; the
unit is drawn greyed, says how to switch it on, and a click on it does; new layers that lack it say so."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from gui.inside.diagram_paint_lines import faded
from gui.inside.network_diagram import NetworkDiagram
from gui.lessons.lesson_locks import locked_tip
from gui.training.training_controller import TrainingController
from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.nn.param_layout import layer_views
from model.training.snapshot import network_from_snapshot
from model.training.specs import ModelSpec, TrainSpec

BOUNDS = (-6.0, 6.0, -6.0, 6.0)
GRID = 16


def _zeroed_outputs(snap, units, X):
    """What the network of ``snap``'s weights predicts with ``units`` zeroed by hand (their outgoing weights 0),
    every unit switched on."""
    params = np.array(snap.params)
    views = layer_views(params, snap.layer_sizes)
    for layer, unit in units:
        views[layer][0][unit, :] = 0
    net = network_from_snapshot(snap)
    net.set_units_off(())
    net.set_params(params)
    return net.predict_output(X)[:, 0]


def _grid_points():
    xs = -6.0 + (np.arange(GRID) + 0.5) * 12.0 / GRID
    gx, gy = np.meshgrid(xs, xs)
    return np.column_stack([gx.ravel(), gy.ravel()])


@pytest.fixture
def wired(qtbot):
    X, y = make_dataset("xor", 120, 0.05, seed=2)
    ds = Dataset.from_arrays(X, y, seed=0)
    controller = TrainingController(
        ds, ModelSpec(hidden_layer_sizes=(4, 3)), TrainSpec(optimizer="adam", learning_rate=0.03, dtype="float64")
    )
    controller.set_grid_request((BOUNDS, GRID))
    diagram = NetworkDiagram()
    qtbot.addWidget(diagram)
    diagram.resize(560, 440)
    diagram.show()
    qtbot.waitExposed(diagram)
    diagram.set_dataset(ds)
    snaps = []
    controller.snapshotReady.connect(snaps.append)
    controller.snapshotReady.connect(diagram.show_snapshot)
    diagram.unitsOffRequested.connect(controller.set_units_off)  # what InsideViews connects
    try:
        controller.step(40)
        qtbot.waitUntil(lambda: bool(snaps) and snaps[-1].epoch == 40 and snaps[-1].grid is not None, timeout=10000)
        diagram.flush()
        yield controller, diagram, snaps, ds
    finally:
        assert controller.shutdown()


def _click(qtbot, diagram, point) -> None:
    qtbot.mouseClick(diagram.canvas, Qt.MouseButton.LeftButton, pos=QPoint(round(point.x()), round(point.y())))


def test_clicking_a_units_switch_while_paused_zeroes_it_in_the_next_snapshot(qtbot, wired):
    _, diagram, snaps, ds = wired
    before = snaps[-1]
    switch = diagram.canvas.switch_center(1, 2)
    assert diagram.canvas.item_at(switch.x(), switch.y()) == ("switch", 1, 2)
    assert "click to switch it off" in diagram.describe(("switch", 1, 2))
    _click(qtbot, diagram, switch)
    assert diagram.units_off() == {(1, 2)}  # shown at once, before training answers
    qtbot.waitUntil(lambda: snaps[-1].units_off == {(1, 2)}, timeout=5000)  # paused: a fresh snapshot
    snap = snaps[-1]
    assert snap.epoch == before.epoch and np.array_equal(snap.params, before.params)
    expected = _zeroed_outputs(before, {(1, 2)}, ds.X)
    assert np.array_equal(snap.predictions, (expected >= 0.5).astype(np.int64))
    np.testing.assert_allclose(snap.grid.ravel(), _zeroed_outputs(before, {(1, 2)}, _grid_points()), atol=1e-6)
    assert snap.train_loss != before.train_loss
    # drawn greyed and crossed, its lines faded; it says how to switch it on
    diagram.flush()
    assert diagram.canvas.off == {(1, 2)}
    assert faded(diagram.canvas, 1, diagram.canvas.drawn[1]).sum() == 3  # its three outgoing lines
    assert faded(diagram.canvas, 0, diagram.canvas.drawn[0]).sum() == 2  # its two incoming lines
    node = diagram.node_center(1, 2)
    assert "switched off — click to switch on" in diagram.describe(("node", 1, 2))
    # the unit's map is flat zero
    assert np.all(diagram._maps.maps[1][2] == 0)
    # a click on the node itself switches it on again: exactly the model before
    _click(qtbot, diagram, node)
    qtbot.waitUntil(lambda: snaps[-1].units_off == frozenset(), timeout=5000)
    assert np.array_equal(snaps[-1].grid, before.grid)


def test_a_unit_switched_off_while_training_stays_at_zero_and_its_weights_wait(qtbot, wired):
    controller, diagram, snaps, ds = wired
    controller.play()
    qtbot.waitUntil(lambda: snaps[-1].epoch > 60, timeout=10000)
    diagram.flush()
    _click(qtbot, diagram, diagram.canvas.switch_center(2, 0))
    qtbot.waitUntil(lambda: snaps[-1].units_off == {(2, 0)}, timeout=5000)
    first = snaps[-1]
    qtbot.waitUntil(lambda: snaps[-1].epoch > first.epoch + 20, timeout=10000)
    controller.pause()
    qtbot.waitUntil(lambda: not controller.running, timeout=5000)
    last = snaps[-1]
    assert last.units_off == {(2, 0)}
    # its incoming weights and bias did not move; the others trained on
    (_, _), (W2a, b2a), _ = layer_views(first.params, first.layer_sizes)
    (_, _), (W2b, b2b), _ = layer_views(last.params, last.layer_sizes)
    assert np.array_equal(W2a[:, 0], W2b[:, 0]) and b2a[0] == b2b[0]
    assert not np.array_equal(W2a[:, 1], W2b[:, 1])
    # the snapshot's predictions are those of its weights with that unit zeroed
    expected = _zeroed_outputs(last, {(2, 0)}, ds.X)
    assert np.array_equal(last.predictions, (expected >= 0.5).astype(np.int64))


def test_quick_clicks_build_on_each_other_and_new_layers_say_which_units_came_back(qtbot, wired):
    controller, diagram, snaps, _ = wired
    _click(qtbot, diagram, diagram.canvas.switch_center(1, 3))
    _click(qtbot, diagram, diagram.canvas.switch_center(2, 2))  # before any snapshot answered the first
    assert diagram.units_off() == {(1, 3), (2, 2)}
    qtbot.waitUntil(lambda: snaps[-1].units_off == {(1, 3), (2, 2)}, timeout=5000)
    controller.set_model_spec(ModelSpec(hidden_layer_sizes=(4, 2)))
    qtbot.waitUntil(lambda: snaps[-1].layer_sizes == (2, 4, 2, 1), timeout=5000)
    assert snaps[-1].units_off == {(1, 3)}
    diagram.flush()
    assert diagram.units_off() == {(1, 3)}
    assert "Switched on again" in diagram.legend.text() and "h2.3" in diagram.legend.text()
    # input and output nodes have no switch
    center = diagram.node_center(0, 0)
    assert (
        diagram.canvas.item_at(center.x() + diagram.canvas.node_px / 2, center.y() - diagram.canvas.node_px / 2)[0]
        != "switch"
    )


def test_the_keyboard_picks_a_unit_and_switches_it(qtbot, wired):
    _, diagram, snaps, _ = wired
    # in a window whose Space plays and → steps, as the app's: the diagram's keys win while it has the focus
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(diagram)
    played = []
    for key in ("Space", "Right"):
        action = QAction(key, window)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda *_, k=key: played.append(k))
        window.addAction(action)
    window.show()
    qtbot.waitExposed(window)
    canvas = diagram.canvas
    canvas.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(canvas.hasFocus, timeout=3000)
    picked = []
    diagram.nodeSelected.connect(picked.append)
    qtbot.keyClick(canvas, Qt.Key.Key_Down)  # from the first hidden unit, h1.1, down to h1.2
    qtbot.keyClick(canvas, Qt.Key.Key_Right)  # over to h2.2
    qtbot.keyClick(canvas, Qt.Key.Key_Space)
    assert diagram.units_off() == {(2, 1)}
    qtbot.waitUntil(lambda: snaps[-1].units_off == {(2, 1)}, timeout=5000)
    qtbot.keyClick(canvas, Qt.Key.Key_Left)
    qtbot.keyClick(canvas, Qt.Key.Key_Return)  # Enter: h1.2's map on the plot
    assert picked == [(1, 1)]
    qtbot.keyClick(canvas, Qt.Key.Key_Left)
    qtbot.keyClick(canvas, Qt.Key.Key_Space)  # an input has no switch
    assert diagram.units_off() == {(2, 1)}
    assert played == []
    window.takeCentralWidget()  # the fixture's diagram outlives this window


def test_locked_units_refuse_their_switches_by_click_key_and_say_why(qtbot, wired):
    """A lesson that fixes the network locks the switches: neither a click on a switch or on a unit already off,
    nor Space on the focused diagram asks training for anything; the tooltip and the legend say why."""
    _, diagram, snaps, _ = wired
    _click(qtbot, diagram, diagram.canvas.switch_center(1, 0))  # one unit off before the lesson locks
    qtbot.waitUntil(lambda: snaps[-1].units_off == {(1, 0)}, timeout=5000)
    asked = []
    diagram.unitsOffRequested.connect(asked.append)
    diagram.set_units_locked(True, locked_tip("architecture"))  # what the window passes on
    switch = diagram.canvas.switch_center(1, 2)
    assert diagram.canvas.item_at(switch.x(), switch.y()) == ("switch", 1, 2)
    _click(qtbot, diagram, switch)
    _click(qtbot, diagram, diagram.node_center(1, 0))  # a unit off: a click no longer switches it on
    diagram.canvas.clicked.emit(("switch", 1, 2))  # what the canvas sends for a click or Space on a switch
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Space, Qt.Key.Key_Up, Qt.Key.Key_Space):  # sent to the diagram itself
        qtbot.keyClick(diagram.canvas, key)
    qtbot.wait(50)
    assert asked == [] and diagram.units_off() == {(1, 0)} and snaps[-1].units_off == {(1, 0)}
    assert "Locked by this lesson" in diagram.describe(("switch", 1, 2))
    assert "click" not in diagram.describe(("switch", 1, 2)) and "click to switch on" not in diagram.describe(
        ("node", 1, 0)
    )
    legend = diagram.legend.text()
    assert "Unit switches locked by this lesson, along with the model type, hidden layers and neurons." in legend
    assert "Locked by this lesson:" not in legend and "turn a hidden unit off" not in legend
    # released: the switches work again
    diagram.set_units_locked(False)
    assert "Locked" not in diagram.legend.text()
    diagram.canvas.clicked.emit(("switch", 1, 2))
    assert asked == [{(1, 0), (1, 2)}]
