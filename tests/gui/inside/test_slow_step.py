"""Step slowly, built from its narrow objects (a real training controller, the diagram and its dock, the probe
panel): training pauses, the step counter moves by exactly one, and the player walks through the phases with
Next, Previous and its phase timer (driven here, never waited for), the captions naming the phase and showing
the numbers."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from gui.inside import diagram_digit_input
from gui.inside.inspect_common import fmt
from gui.inside.network_diagram import NetworkDiagram
from gui.inside.probe_panel import ProbePanel
from gui.inside.slow_step import SlowStep
from gui.training.training_controller import TrainingController
from gui.widgets.unbroken_text import plain
from model.data import real_datasets
from model.data.generators import make
from model.inside.step_phases import FIRST_SAMPLE, PROBED_POINT, StepPhases
from model.training.specs import ModelSpec, TrainSpec


def _slow_step_beside_a_probe(qtbot, ds, model_spec, train_spec, size, messages):
    """(feature, controller, diagram, dock, probe, snaps, window): Step slowly built from its narrow objects, the
    diagram in a dock beside the probe panel of a shown window; the phase timer left to the test."""
    controller = TrainingController(ds, model_spec, train_spec, seed=0)
    snaps = []
    controller.snapshotReady.connect(snaps.append)
    diagram, probe = NetworkDiagram(), ProbePanel()
    diagram.set_dataset(ds)
    controller.snapshotReady.connect(diagram.show_snapshot)
    window = QMainWindow()
    qtbot.addWidget(window)
    probe.set_dataset_info("classification", max(2, ds.n_classes))
    dock = QDockWidget("Network diagram")
    dock.setWidget(diagram)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.setCentralWidget(probe)
    feature = SlowStep(controller, diagram, dock, probe, messages.append)
    feature.player.phase_timer.setInterval(10**7)  # the test moves the phases on
    window.resize(*size)
    window.show()
    # up to 30 s, as the window's fixture: a training process starting with every core busy took over 10 s (the
    # first snapshot comes from it)
    # The controller's thread starts as the controller is made: its first snapshot can come before ``snaps`` and
    # the diagram were connected (a queued signal reaches only the slots connected when it was emitted), while the
    # controller's own record of it was connected before its thread started.
    qtbot.waitUntil(lambda: controller.latest_snapshot is not None, timeout=30000)
    if not snaps:
        snaps.append(controller.latest_snapshot)
    diagram.show_snapshot(controller.latest_snapshot)
    return feature, controller, diagram, dock, probe, snaps, window  # the window kept: its docks live in it


@pytest.fixture
def built(qtbot):
    ds = make("moons", n_samples=80, noise=0.1, seed=1)
    messages = []
    feature, controller, diagram, dock, probe, snaps, _window = _slow_step_beside_a_probe(
        qtbot,
        ds,
        ModelSpec(hidden_layer_sizes=(4, 3)),
        TrainSpec(optimizer="sgd", learning_rate=0.1, dtype="float64"),
        (900, 700),
        messages,
    )
    dock.hide()
    yield feature, controller, diagram, dock, probe, snaps, messages
    feature.player.close_view()
    assert controller.shutdown()


def test_step_slowly_pauses_training_and_moves_the_epoch_by_exactly_one(qtbot, built):
    feature, controller, diagram, dock, _probe, snaps, _ = built
    controller.play()
    qtbot.waitUntil(lambda: controller.running and snaps[-1].epoch > 5, timeout=5000)
    with qtbot.waitSignal(controller.slowStepped, timeout=5000) as blocker:
        feature.start()
    phases = blocker.args[0]
    assert isinstance(phases, StepPhases)
    qtbot.waitUntil(lambda: not controller.running, timeout=2000)
    qtbot.waitUntil(lambda: snaps[-1].epoch == phases.epoch_after, timeout=2000)
    assert phases.epoch_after == phases.epoch_before + 1
    np.testing.assert_array_equal(snaps[-1].params, phases.params_after_step)
    assert feature.player.playing and not dock.isHidden()
    # a normal Step moves the model past the moment shown: the player closes
    controller.step(1)
    qtbot.waitUntil(lambda: not feature.player.playing, timeout=2000)
    with qtbot.waitSignal(controller.slowStepped, timeout=5000):
        feature.start()
    assert feature.player.playing
    # training again closes the player and gives the diagram back to the snapshots
    controller.play()
    qtbot.waitUntil(lambda: not feature.player.playing, timeout=2000)
    assert diagram.canvas.overlay is None
    controller.pause()


def test_next_previous_and_the_timer_walk_the_phases_with_their_numbers(qtbot, built):
    feature, controller, diagram, _dock, _probe, _snaps, _ = built
    player = feature.player
    with qtbot.waitSignal(controller.slowStepped, timeout=5000) as blocker:
        feature.start()
    phases = blocker.args[0]
    assert phases.shown == FIRST_SAMPLE
    h1, h2, out = phases.layers
    titles = []
    for _ in range(player.n_phases):
        titles.append(player.title.text())
        player.next_phase()
    assert player.phase_index == player.n_phases - 1 == 7
    assert [t.split(" · ")[-1].removesuffix("</b>") for t in titles] == [
        "Forward pass: hidden layer h1",
        "Forward pass: hidden layer h2",
        "Forward pass: output layer",
        "The loss",
        "Backward pass: output layer",
        "Backward pass: hidden layer h2",
        "Backward pass: hidden layer h1",
        "The update",
    ]
    player.previous_phase()
    player.previous_phase()
    assert player.phase.kind == "backward" and player.phase.layer == 2
    caption = plain(player.caption.text())
    _, j = h2.featured()
    assert f"= {fmt(h2.dz[j])}" in caption  # δ of the featured unit, written out
    assert "δ = ∂L/∂z = ∂L/∂a · f′(z)" in caption and "the first sample of the batch" in caption
    i, j = h2.featured()
    assert fmt(h2.dW[i, j]) in caption  # the batch's gradient the update uses
    assert diagram.canvas.chevrons  # the lines show gradients
    np.testing.assert_allclose(diagram.canvas.line_values[1], -h2.dW)

    # back to the start, then the phase timer moves it on
    while player.phase_index > 0:
        player.previous_phase()
    caption = plain(player.caption.text())
    _, j = h1.featured()
    assert (
        "z = w·x + b" in caption and fmt(h1.z[j]) in caption and f"tanh({fmt(h1.z[j], 3)}) = {fmt(h1.a[j])}" in caption
    )
    player.phase_timer.timeout.emit()
    assert player.phase.kind == "forward" and player.phase.layer == 2
    player.phase_timer.timeout.emit()
    player.phase_timer.timeout.emit()
    assert player.phase.kind == "loss"
    assert f"L = {fmt(phases.batch_loss)}" in plain(player.caption.text())
    assert fmt(phases.point_loss) in plain(player.caption.text())
    for _ in range(4):
        player.phase_timer.timeout.emit()
    assert player.phase.kind == "update"
    caption = plain(player.caption.text())
    assert "w ← w − η·∂L/∂w" in caption and f"Epoch {phases.epoch_before} → {phases.epoch_after}" in caption
    player.phase_timer.timeout.emit()  # the end: it stays on the update, offering a replay
    assert player.phase.kind == "update" and player.pause_button.text() == "Replay"
    np.testing.assert_allclose(diagram.canvas.line_values[2], np.asarray(out.W_after))  # the new weights drawn
    player.pause_button.click()
    assert player.phase_index == 0 and player.pause_button.text() == "Pause"
    player.pause_button.click()
    assert player.paused and player.pause_button.text() == "Resume"
    player.close_button.click()
    assert not player.playing and player.isHidden() and diagram.canvas.overlay is None


def test_the_probed_point_is_the_one_shown(qtbot, built):
    feature, controller, _diagram, _dock, probe, _snaps, _ = built
    probe.set_point((0.25, -0.5), 1)
    with qtbot.waitSignal(controller.slowStepped, timeout=5000) as blocker:
        feature.start()
    phases = blocker.args[0]
    assert phases.shown == PROBED_POINT
    np.testing.assert_array_equal(phases.point, [0.25, -0.5])
    assert "the probed point (0.25, −0.5), class 2" in plain(feature.player.caption.text())


def test_the_perceptron_is_refused_with_a_reason(qtbot, built):
    feature, controller, _diagram, _dock, _probe, _snaps, messages = built
    controller.set_model_spec(ModelSpec(kind="perceptron"))
    with qtbot.waitSignal(controller.slowStepped, timeout=5000):
        feature.start()
    assert messages and "perceptron" in messages[-1].lower()
    assert not feature.player.playing


def test_on_the_digits_a_slow_step_shows_its_sample_as_the_input_image_and_keeps_the_notes(qtbot):
    """The digits' 64 inputs are drawn as one image with a note saying so; a slow step playing on the diagram
    draws the sample it steps with as that image, and notes it beside the weaker lines it hides, phase after
    phase; the step over, the image is blank again."""
    feature, controller, diagram, _dock, _probe, _snaps, _window = _slow_step_beside_a_probe(
        qtbot,
        real_datasets.load("digits"),
        ModelSpec(hidden_layer_sizes=(16,)),
        TrainSpec(optimizer="sgd", learning_rate=0.1),
        (1000, 760),
        [],
    )
    try:
        diagram.flush()
        assert diagram.canvas.images_the_inputs()
        both = ("weaker lines hidden", "input: the 8×8 image")
        assert all(part in diagram.canvas.shown_note() for part in both)
        blank = diagram_digit_input.input_image(None)
        assert diagram.canvas.input_image == blank
        with qtbot.waitSignal(controller.slowStepped, timeout=10000):
            feature.start()
        player = feature.player
        assert player.playing
        sample = np.asarray(player.phases.inputs, dtype=np.float64)
        assert sample.shape == (64,) and sample.any()
        diagram.flush()
        for index in range(player.n_phases):
            if index:
                player.next_phase()  # the diagram restyles its lines (no new snapshot to redraw)
            assert player.phase_index == index
            shown = diagram.canvas.shown_note()
            assert all(part in shown for part in ("weaker lines hidden", "input: the step's sample")), shown
            assert diagram.canvas.input_image == diagram_digit_input.input_image(sample)
        player.close_view()
        diagram.flush()
        assert diagram.canvas.input_image == blank
    finally:
        feature.player.close_view()
        assert controller.shutdown()
