"""Looking back on the timeline and the data: the views and the timeline always show the same epoch. An edit of
the data (or its undo or redo) acts on the present, as Step does: the timeline goes back to it and the status bar
says so; a moment from before an edit is drawn as it was, over the points as they are now."""

from __future__ import annotations

import numpy as np


def _stepped(w, qtbot, epochs: int) -> None:
    """``epochs`` more, and their snapshot (on the data as it is) in hand."""
    until = w.controller.latest_snapshot.epoch + epochs
    w.controller.step(epochs)
    qtbot.waitUntil(
        lambda: (
            w.controller.latest_snapshot.epoch >= until
            and w.controller.latest_snapshot.data_version == w.document.version
        ),
        timeout=10000,
    )


def _looking_back_at(w, qtbot, epoch: int) -> None:
    timeline = w.experiments.timeline
    timeline.scrub_to(epoch)
    qtbot.waitUntil(lambda: w.controls.epoch_label.text() == str(epoch), timeout=10000)
    assert timeline.scrubbing and timeline.label.text().startswith(f"epoch {epoch} of ")


def _shows_the_present(w, qtbot, present: int) -> None:
    timeline = w.experiments.timeline
    assert not timeline.scrubbing
    assert "Back to the present" in w.statusBar().currentMessage()
    qtbot.waitUntil(lambda: w.controls.epoch_label.text() == str(present), timeout=10000)
    assert timeline.label.text() == f"epoch {present} (live)"
    assert w.boundary_view.snapshot().epoch == present


def test_an_edit_and_its_undo_and_redo_while_looking_back_bring_back_the_present(make_window, qtbot):
    w = make_window(dataset="moons", seed=0)
    _stepped(w, qtbot, 60)
    _looking_back_at(w, qtbot, 20)

    w.edits.add_points(np.array([[0.0, 0.0]]))
    _shows_the_present(w, qtbot, 60)

    for act in (w.controls.undo_action, w.controls.redo_action):
        w.statusBar().clearMessage()
        _looking_back_at(w, qtbot, 20)
        act.trigger()
        _shows_the_present(w, qtbot, 60)


def test_a_moment_from_before_an_edit_is_shown_as_it_was(make_window, qtbot):
    w = make_window(dataset="moons", seed=0)
    _stepped(w, qtbot, 20)
    w.edits.add_points(np.array([[0.0, 0.0]]))
    _stepped(w, qtbot, 20)

    _looking_back_at(w, qtbot, 10)  # trained on the points before the one added
    moment = w.experiments._moment
    assert moment.epoch == 10 and moment.data_version < w.document.version
    qtbot.waitUntil(lambda: w.boundary_view.snapshot() is moment, timeout=5000)
    assert w.experiments.timeline.label.text() == "epoch 10 of 40"


def test_undoing_and_redoing_a_new_model_while_looking_back_bring_back_the_present(make_window, qtbot):
    # the undo brings the first model's trained network back: the moment shown was of the other model's run
    w = make_window(dataset="moons", seed=0)
    _stepped(w, qtbot, 60)
    activation = w.model_panel._rows[0][2]
    activation.setCurrentIndex(activation.findData("relu"))  # under a minute of training: nothing is asked
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch == 0, timeout=10000)
    _stepped(w, qtbot, 30)

    _looking_back_at(w, qtbot, 20)
    w.controls.undo_action.trigger()
    assert w.model_panel.model_spec().activation == "tanh"
    assert not w.experiments.timeline.scrubbing
    back = "Run 1 is back at epoch 60; Run 2 is kept in Experiments \u25b8 Run table."
    qtbot.waitUntil(lambda: w.statusBar().currentMessage() == back, timeout=10000)
    qtbot.waitUntil(lambda: w.controls.epoch_label.text() == "60", timeout=10000)
    assert w.experiments.timeline.label.text() == "epoch 60 (live)"
    assert w.boundary_view.snapshot().epoch == 60 and w.boundary_view.snapshot().activations[0] == "tanh"

    _looking_back_at(w, qtbot, 20)
    w.controls.redo_action.trigger()
    assert not w.experiments.timeline.scrubbing
    qtbot.waitUntil(lambda: w.controls.epoch_label.text() == "30", timeout=10000)
    assert w.experiments.timeline.label.text() == "epoch 30 (live)"
    assert w.boundary_view.snapshot().epoch == 30 and w.boundary_view.snapshot().activations[0] == "relu"


def test_a_model_edit_while_looking_back_brings_back_the_present_and_says_why(make_window, qtbot):
    w = make_window(dataset="moons", seed=0)
    _stepped(w, qtbot, 60)
    _looking_back_at(w, qtbot, 20)
    w.model_panel.alpha.setValue(0.1)  # an L2 rate: the weights stay, the present goes on from epoch 60
    assert not w.experiments.timeline.scrubbing
    assert w.statusBar().currentMessage() == "Back to the present: the model changed while epoch 20 was shown."
    qtbot.waitUntil(lambda: w.controls.epoch_label.text() == "60", timeout=10000)
    assert w.experiments.timeline.label.text() == "epoch 60 (live)"
