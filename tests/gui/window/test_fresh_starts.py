"""An edit that starts the network afresh after more than a minute of training asks first, as Reset does (Cancel
leaves the points and the model panel as they were); when it goes ahead the status bar says where the trained
network stays; model changes are undo steps; undoing brings the trained network back on its run, redoing starts
afresh again. The network brought back brings its training time with it: Reset asks about it again."""

from __future__ import annotations

import os

import numpy as np
import pytest
from PySide6.QtCore import Qt

from tests.gui.files.test_files import snap
from tests.gui.files.test_work_kept_through_everything import _train_for
from tests.gui.window.test_process_restart import _kill_training

RUNS = "Experiments \u25b8 Run table"


def _settled(qtbot, w, epoch=None) -> None:
    """Waits for the snapshot of the data and model shown (at ``epoch`` if given)."""
    qtbot.waitUntil(
        lambda: (
            snap(w).data_version == w.document.version
            and tuple(snap(w).activations) == w.model_panel.activations()
            and (epoch is None or snap(w).epoch == epoch)
        ),
        timeout=10000,
    )


def _finished(qtbot, w, run_name: str) -> None:
    """Waits until the run table lists ``run_name`` as finished, with its weights (what an undo brings back)."""
    table = w.experiments.runs.model.table
    qtbot.waitUntil(
        lambda: any(r.name == run_name and not r.live and r.restorable for r in table),
        timeout=10000,
    )


def _main_run(w):
    return w.experiments.runs.model.table.for_session(snap(w).session_id)


def _rows_shown(w) -> list[tuple[str, str]]:
    """The run table's rows as Experiments ▸ Run table shows them: (name, status)."""
    model = w.experiments.runs.model
    headers = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    name, status = headers.index("Name"), headers.index("Status")
    return [(model.index(r, name).data(), model.index(r, status).data()) for r in range(model.rowCount())]


def _answering(w, answer: str) -> list[str]:
    asked: list[str] = []
    w.file_actions.sessions.confirm_discard = lambda reason: asked.append(reason) or answer
    return asked


def _click_a_new_class(w) -> None:
    """The toolbar's "+" class button, then a click on the plot."""
    w.controls.class_buttons[w.document.dataset.n_classes].click()
    w.boundary_view.addPointsRequested.emit(np.array([[0.0, 3.0]]))


def test_a_point_of_a_new_class_asks_says_where_the_trained_network_is_and_undo_brings_it_back(qtbot, window):
    w = window
    now = [1000.0]
    _train_for(qtbot, w, 90.0, now)
    _settled(qtbot, w)
    trained, params, run = snap(w).epoch, snap(w).params.copy(), _main_run(w).name
    points, classes, undo_text = (
        w.document.dataset.n_samples,
        w.document.dataset.n_classes,
        w.controls.undo_action.text(),
    )

    asked = _answering(w, "cancel")
    _click_a_new_class(w)
    assert asked == ["class"]
    qtbot.wait(200)
    assert (w.document.dataset.n_samples, w.document.dataset.n_classes) == (points, classes)  # no point added
    assert snap(w).epoch == trained and w.controls.undo_action.text() == undo_text

    asked = _answering(w, "discard")
    _click_a_new_class(w)
    assert asked == ["class"] and w.document.dataset.n_classes == classes + 1
    _settled(qtbot, w, epoch=0)
    assert w.statusBar().currentMessage() == (
        f"The network starts afresh for {classes + 1} classes; the trained one is {run} in {RUNS}."
    )
    assert w.controls.undo_action.text() == "Undo Add 1 point"

    _finished(qtbot, w, run)
    w.controls.undo_action.trigger()
    _settled(qtbot, w, epoch=trained)
    np.testing.assert_array_equal(snap(w).params, params)  # the trained network itself, not a second fresh one
    assert w.document.dataset.n_classes == classes and _main_run(w).name == run  # going on as the same run
    assert w.statusBar().currentMessage() == f"{run} is back at epoch {trained:,}."
    _only_runs(qtbot, w, [run])  # the fresh network never trained: it leaves no row
    assert _rows_shown(w) == [(run, "training")]  # the run brought back is the live one, listed once
    asked = _answering(w, "cancel")
    w.controls.reset_action.trigger()
    assert asked == ["reset"]  # its minute and a half of training is asked about again, as before the edit
    assert w.file_actions.sessions.training_time.words() == "2 minutes"
    qtbot.wait(200)
    assert snap(w).epoch == trained

    w.controls.redo_action.trigger()
    _settled(qtbot, w, epoch=0)
    assert w.document.dataset.n_classes == classes + 1
    assert w.statusBar().currentMessage() == (
        f"The network starts afresh for {classes + 1} classes; the trained one is {run} in {RUNS}."
    )
    w.controls.reset_action.trigger()
    assert asked == ["reset"]  # the new network has no training to lose: the trained one is in the table


def test_a_model_change_asks_and_is_an_undo_step_that_brings_the_trained_network_back(qtbot, window):
    w = window
    panel = w.model_panel
    activation = panel._rows[0][2]  # the first hidden layer's activation
    assert activation.currentData() == "tanh"
    now = [1000.0]
    _train_for(qtbot, w, 90.0, now)
    _settled(qtbot, w)
    trained, params, run = snap(w).epoch, snap(w).params.copy(), _main_run(w).name
    undo_text = w.controls.undo_action.text()

    asked = _answering(w, "cancel")
    activation.setCurrentIndex(activation.findData("relu"))
    assert asked == ["model"]
    assert panel._rows[0][2].currentData() == "tanh" and panel.model_spec().activation == "tanh"  # put back
    qtbot.wait(200)
    assert snap(w).epoch == trained and w.controls.undo_action.text() == undo_text

    asked = _answering(w, "discard")
    panel._rows[0][2].setCurrentIndex(panel._rows[0][2].findData("relu"))
    assert asked == ["model"]
    _settled(qtbot, w, epoch=0)
    assert w.statusBar().currentMessage() == (
        f"The network starts afresh with the changed model; the trained one is {run} in {RUNS}."
    )
    assert w.controls.undo_action.text() == "Undo Change model"

    _finished(qtbot, w, run)
    w.controls.undo_action.trigger()
    assert panel._rows[0][2].currentData() == "tanh"
    _settled(qtbot, w, epoch=trained)
    np.testing.assert_array_equal(snap(w).params, params)
    assert w.statusBar().currentMessage() == f"{run} is back at epoch {trained:,}."
    assert w.controls.redo_action.text() == "Redo Change model"

    w.controls.redo_action.trigger()
    assert panel._rows[0][2].currentData() == "relu"
    _settled(qtbot, w, epoch=0)


def test_under_a_minute_of_training_a_model_change_asks_nothing_and_undo_restores_the_panel(qtbot, window):
    w = window
    panel = w.model_panel
    asked = _answering(w, "cancel")
    now = [1000.0]
    _train_for(qtbot, w, 20.0, now)
    layers = panel.hidden_layers()
    panel.add_layer_button.click()
    assert asked == [] and len(panel.hidden_layers()) == len(layers) + 1
    _settled(qtbot, w, epoch=0)
    assert w.controls.undo_action.text() == "Undo Change model"
    panel.alpha.setValue(0.1)  # a penalty alone: the weights stay, still one undo step
    assert w.controls.undo_action.text() == "Undo Change model" and w.undo_stack.count() == 2
    w.controls.undo_action.trigger()
    assert panel.alpha.value() == 0.0 and len(panel.hidden_layers()) == len(layers) + 1
    w.controls.undo_action.trigger()
    assert panel.hidden_layers() == layers
    _settled(qtbot, w)
    assert len(snap(w).layer_sizes) == len(layers) + 2
    _train_for(qtbot, w, 50.0, now)  # 20 + 50 seconds of this network's training: more than the let-go minute
    w.controls.reset_action.trigger()
    assert asked == ["reset"]


def test_training_saved_when_an_edit_asked_is_not_asked_about_again_after_its_undo(qtbot, window, tmp_path):
    w = window
    assert w.file_actions.sessions.save_session(tmp_path / "kept.npz")
    _train_for(qtbot, w, 90.0, [1000.0])
    _settled(qtbot, w)
    trained, run = snap(w).epoch, _main_run(w).name
    asked = _answering(w, "save")
    _relu(w)
    assert asked == ["model"]
    _settled(qtbot, w, epoch=0)
    _finished(qtbot, w, run)
    w.controls.undo_action.trigger()
    _settled(qtbot, w, epoch=trained)
    w.controls.reset_action.trigger()
    assert asked == ["model"]  # the file holds that training: nothing to lose


def test_generate_with_another_class_count_asks_as_well_and_cancel_keeps_the_points(qtbot, window):
    w = window
    now = [1000.0]
    _train_for(qtbot, w, 90.0, now)
    _settled(qtbot, w)
    trained, points = snap(w).epoch, w.document.dataset
    asked = _answering(w, "cancel")
    generator = w.data_panel.generator
    generator.setCurrentIndex(generator.findData("blobs"))  # a generator with a number of classes to choose
    w.data_panel.n_classes.setValue(points.n_classes + 2)
    w.data_panel.generate_button.click()
    assert asked == ["data"]
    assert w.document.dataset is points and snap(w).epoch == trained
    w.data_panel.n_classes.setValue(points.n_classes)  # the same shape: nothing to ask about
    w.data_panel.generate_button.click()
    assert asked == ["data"] and w.controls.undo_action.text().startswith("Undo Generate")


def _relu(w) -> None:
    """The first hidden layer's activation to relu (a new architecture: the network starts afresh)."""
    row = w.model_panel._rows[0][2]
    row.setCurrentIndex(row.findData("relu"))


def _two_trained_models(qtbot, w, now):
    """Run 1 trained with tanh, then (relu) Run 2; returns their epochs and weights, Run 1 finished."""
    _train_for(qtbot, w, 90.0, now)
    _settled(qtbot, w)
    first = (_main_run(w).name, snap(w).epoch, snap(w).params.copy())
    _answering(w, "discard")
    _relu(w)
    _settled(qtbot, w, epoch=0)
    _train_for(qtbot, w, 90.0, now)
    _settled(qtbot, w)
    second = (_main_run(w).name, snap(w).epoch, snap(w).params.copy())
    _finished(qtbot, w, first[0])
    return first, second


def _back(qtbot, w, said: str) -> None:
    """Waits for the status bar to say ``said`` (a run brought back once the training process has ended it)."""
    qtbot.waitUntil(lambda: w.statusBar().currentMessage() == said, timeout=10000)


def _main_run_is(qtbot, w, name: str) -> None:
    """Waits for the run table to show ``name`` as the main network's run, training (it hears of it a moment after
    the snapshot)."""
    qtbot.waitUntil(lambda: _main_run(w) is not None and _main_run(w).name == name and _main_run(w).live, timeout=10000)


def _only_runs(qtbot, w, names: list[str]) -> None:
    """Waits for the run table to list just ``names`` (the training process tells it of runs a moment later)."""
    table = w.experiments.runs.model.table
    qtbot.waitUntil(lambda: [r.name for r in table] == names, timeout=10000)


def test_undo_redo_undo_at_once_bring_each_trained_network_back(qtbot, window):
    # as with a held-down Ctrl+Z / Ctrl+Shift+Z: each comes before the training process has answered the last
    w = window
    (run1, epoch1, params1), (run2, epoch2, params2) = _two_trained_models(qtbot, w, [1000.0])

    w.controls.undo_action.trigger()
    w.controls.redo_action.trigger()
    w.controls.undo_action.trigger()
    assert w.model_panel.model_spec().activation == "tanh"
    _settled(qtbot, w, epoch=epoch1)
    np.testing.assert_array_equal(snap(w).params, params1)
    _only_runs(qtbot, w, [run1, run2])  # the fresh starts in between never trained: they leave no row
    _main_run_is(qtbot, w, run1)
    assert w.statusBar().currentMessage() == f"{run1} is back at epoch {epoch1:,}; {run2} is kept in {RUNS}."

    _finished(qtbot, w, run2)
    w.controls.redo_action.trigger()
    _back(qtbot, w, f"{run2} is back at epoch {epoch2:,}; {run1} is kept in {RUNS}.")
    _settled(qtbot, w, epoch=epoch2)
    np.testing.assert_array_equal(snap(w).params, params2)  # the relu network, not a third fresh one
    _main_run_is(qtbot, w, run2)


def test_undo_then_redo_at_once_bring_the_network_the_redo_goes_back_to(qtbot, window):
    w = window
    (run1, _epoch1, _params1), (run2, epoch2, params2) = _two_trained_models(qtbot, w, [1000.0])

    w.controls.undo_action.trigger()
    w.controls.redo_action.trigger()
    _back(qtbot, w, f"{run2} is back at epoch {epoch2:,}; {run1} is kept in {RUNS}.")
    _settled(qtbot, w, epoch=epoch2)
    np.testing.assert_array_equal(snap(w).params, params2)
    _only_runs(qtbot, w, [run1, run2])
    _main_run_is(qtbot, w, run2)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_undoing_a_new_model_while_training_is_stopped_brings_the_trained_network_back_when_it_starts(qtbot, window):
    w = window
    (run1, epoch1, params1), (run2, _epoch2, _params2) = _two_trained_models(qtbot, w, [1000.0])
    _kill_training(qtbot, w)

    w.controls.undo_action.trigger()
    assert w.model_panel.model_spec().activation == "tanh"
    assert w.statusBar().currentMessage() == f"{run1} comes back when training starts again (Play)."
    w.controls.step_action.trigger()  # starts training again first
    _back(qtbot, w, f"{run1} is back at epoch {epoch1:,}.")
    _settled(qtbot, w, epoch=epoch1)
    np.testing.assert_array_equal(snap(w).params, params1)  # not the relu network's weights under tanh
    _main_run_is(qtbot, w, run1)
    assert not next(r for r in w.experiments.runs.model.table if r.name == run2).live


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_new_model_while_training_is_stopped_starts_from_fresh_weights_when_training_starts(qtbot, window):
    w = window
    _train_for(qtbot, w, 90.0, [1000.0])
    _settled(qtbot, w)
    trained = snap(w).params.copy()
    _kill_training(qtbot, w)

    asked = _answering(w, "discard")
    _relu(w)  # the same shape of weights: only the activation differs
    assert asked == ["model"]  # the trained network of the dead process is lost by it too
    w.controls.step_action.trigger()
    qtbot.waitUntil(lambda: not w.process_restart.died, timeout=10000)
    _settled(qtbot, w, epoch=1)  # a new network's first step, not the tanh-trained weights going on under relu
    assert snap(w).activations[0] == "relu"
    assert not np.allclose(snap(w).params, trained, atol=0.05)
