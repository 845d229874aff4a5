"""Regression data has no perceptron: the model panel shows linear regression then. The perceptron a person chose
comes back with classification data, by whichever route it comes (Undo, Generate, a file), and it is what trains;
a model the person picked meanwhile stays."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _pick(w, kind: str) -> None:
    w.model_panel.kind.setCurrentIndex(w.model_panel.kind.findData(kind))


def _generate(w, qtbot, name: str) -> None:
    w.data_panel.set_params({**w.data_panel.params(), "name": name})
    qtbot.mouseClick(w.data_panel.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.document.dataset.task == ("regression" if name == "sine" else "classification"))


def _trains(w, qtbot, kind: str) -> None:
    """One Step trains a model of ``kind`` on the data shown."""
    version = w.document.version
    w.controls.step_action.trigger()
    qtbot.waitUntil(
        lambda: (s := w.controller.latest_snapshot) is not None and s.epoch >= 1 and s.data_version == version,
        timeout=10000,
    )
    assert w.controller.latest_snapshot.model_kind == kind


def test_undo_of_regression_data_gives_the_perceptron_back_and_it_trains(make_window, qtbot):
    w = make_window(dataset="blobs", seed=0)
    _pick(w, "perceptron")
    _generate(w, qtbot, "sine")
    assert w.model_panel.kind.currentText() == "Linear regression"
    assert w.controls.undo_action.text() == "Undo Generate sine"  # the data's step only: no model step of its own

    w.controls.undo_action.trigger()
    qtbot.waitUntil(lambda: w.document.dataset.task == "classification")
    assert w.model_panel.kind.currentData() == "perceptron"
    assert w.controls.undo_action.text() == "Undo Change model"  # the pick of the perceptron is the step before
    _trains(w, qtbot, "perceptron")

    w.controls.redo_action.trigger()  # the sine again: linear regression again
    qtbot.waitUntil(lambda: w.document.dataset.task == "regression")
    assert w.model_panel.kind.currentData() == "logistic"
    _generate(w, qtbot, "blobs")  # back to classification another way
    assert w.model_panel.kind.currentData() == "perceptron"
    _trains(w, qtbot, "perceptron")


def test_undo_of_a_regression_file_gives_the_perceptron_back(make_window, qtbot, tmp_path):
    path = tmp_path / "curve.csv"
    path.write_text("x,y\n0,1\n1,2.5\n2,2\n3,4.1\n4,5\n5,4.5\n")
    w = make_window(dataset="blobs", seed=0)
    _pick(w, "perceptron")
    w.file_actions.open_data_file(str(path))
    qtbot.waitUntil(lambda: w.document.dataset.n_samples == 6, timeout=10000)
    assert w.model_panel.kind.currentText() == "Linear regression"
    w.controls.undo_action.trigger()
    qtbot.waitUntil(lambda: w.document.dataset.task == "classification")
    assert w.model_panel.kind.currentData() == "perceptron"


def test_a_model_picked_on_regression_data_stays_with_classification_data(make_window, qtbot):
    w = make_window(dataset="blobs", seed=0)
    _pick(w, "perceptron")
    _generate(w, qtbot, "sine")
    _pick(w, "mlp")
    _generate(w, qtbot, "blobs")
    assert w.model_panel.kind.currentData() == "mlp"
