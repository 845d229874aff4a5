"""A person pauses, changes settings in the panels and branches at the present ("Branch from here…" with the dialog
left as it opens): the branch trains with the settings the panels show, every kind of them (a layer's activation,
the hidden layers, the optimizer, the batch size, an L2 rate typed finer than the presets, a learning rate), and
the dialog opens on them. The main run goes on with them too (Play)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from gui.experiments.model_settings import SettingsDialog
from model.training.session import TrainingSession
from tests.gui.experiments.test_compare_views import snap, step, window  # noqa: F401  (the fixture)


def _branch_at_the_present(qtbot, w, monkeypatch) -> tuple:
    """Clicks "Branch from here…" at the present and OKs the dialog as it opens; (the specs the dialog opened on,
    the new member's specs as the training group has them)."""
    opened: list = []

    def ok_as_it_opens(dialog: SettingsDialog) -> int:
        opened.append((dialog.editor.model_spec(), dialog.editor.train_spec()))
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", ok_as_it_opens)
    before = {m.session_id for m in w.compare.members}
    bar = w.experiments.timeline
    assert not bar.scrubbing
    bar.branch_button.click()
    qtbot.waitUntil(lambda: len(w.compare.members) == len(before) + 1, timeout=10000)
    member = next(m for m in w.compare.members if m.session_id not in before)
    return opened[0], (member.model_spec, member.train_spec)


def _layer(w, k: int):
    """The k-th hidden layer's (neurons, activation) boxes in the model panel."""
    _label, spin, act, _remove = w.model_panel._rows[k]
    return spin, act


def test_a_branch_at_the_present_trains_with_the_settings_the_panels_show(qtbot, window, monkeypatch):  # noqa: F811
    w = window
    step(qtbot, w, 20)
    # paused; the person changes the second layer's activation alone (the first keeps tanh), the optimizer, the
    # batch size, and types an L2 rate finer than the presets, as in the panels
    _spin, act = _layer(w, 1)
    act.setCurrentIndex(act.findData("relu"))
    w.training_panel.optimizer.setCurrentIndex(w.training_panel.optimizer.findData("sgd"))
    w.training_panel.batch_size.setValue(16)
    w.model_panel.alpha.setValue(0.00003)
    w.training_panel.learning_rate.setValue(3e-8)
    model, train = w.model_panel.model_spec(), w.training_panel.train_spec()
    assert model.hidden_activations == ("tanh", "relu") and model.alpha == pytest.approx(3e-5)
    assert (train.optimizer, train.batch_size, train.learning_rate) == ("sgd", 16, pytest.approx(3e-8))
    qtbot.waitUntil(lambda: snap(w).epoch == 0, timeout=10000)  # another activation: fresh weights
    step(qtbot, w, 3)  # the main model trains with them
    dialog, member = _branch_at_the_present(qtbot, w, monkeypatch)
    assert dialog == (model, train), "the branch dialog opened on other settings than the panels show"
    # OK'd unchanged, the branch takes the settings of the moment it starts from (the main session's own): the same
    # as the panels' shows that the main model trains with what they show
    assert member == (model, train), "the branch trains with other settings than the panels show"

    # the hidden layers changed (a network of another shape starts afresh at epoch 0): a branch of it has them
    spin, _act = _layer(w, 0)
    spin.setValue(5)
    model = w.model_panel.model_spec()
    assert model.hidden_layer_sizes == (5, 8)
    size = TrainingSession(w.dataset, model, w.training_panel.train_spec()).network.params.size
    qtbot.waitUntil(lambda: snap(w).params.size == size and snap(w).epoch == 0, timeout=10000)
    step(qtbot, w, 4)
    dialog, member = _branch_at_the_present(qtbot, w, monkeypatch)
    assert dialog == member == (model, w.training_panel.train_spec())

    # the dialog's own change (one activation for every layer) is what the branch gets
    def logistic_everywhere(dialog: SettingsDialog) -> int:
        dialog.editor.activation.setCurrentIndex(dialog.editor.activation.findData("logistic"))
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", logistic_everywhere)
    before = {m.session_id for m in w.compare.members}
    w.experiments.timeline.branch_button.click()
    qtbot.waitUntil(lambda: len(w.compare.members) == len(before) + 1, timeout=10000)
    member = next(m for m in w.compare.members if m.session_id not in before)
    assert member.model_spec == replace(model, activation="logistic")


def test_the_settings_form_gives_back_what_it_opened_on_and_says_why_per_layer_activations_cannot_follow(qtbot):
    from gui.experiments.model_settings import ModelSettingsEditor
    from model.training.specs import ModelSpec, TrainSpec

    editor = ModelSettingsEditor()  # the form of a model beside the main one: its layers can change
    qtbot.addWidget(editor)
    model = ModelSpec(hidden_layer_sizes=(8, 8), activation=("relu", "tanh"), alpha=30.0, l1=0.01, weight_init="he")
    train = TrainSpec(optimizer="momentum", learning_rate=2e-8, batch_size=64, dtype="float64")
    editor.set_specs(model, train)
    assert editor.activation.currentText() == "per layer: relu, tanh"
    assert (editor.model_spec(), editor.train_spec()) == (model, train)
    editor.layers.setText("8, 8, 4")
    editor.layers.editingFinished.emit()
    assert "choose one activation for all of them" in editor.error.text()
    editor.activation.setCurrentIndex(editor.activation.findData("relu"))
    assert editor.error.text() == "" and editor.model_spec().hidden_activations == ("relu",) * 3
    editor.set_specs(replace(model, activation="tanh"), train)  # one for all: no per-layer choice is offered
    assert editor.activation.findText("per layer", Qt.MatchFlag.MatchStartsWith) == -1


@pytest.mark.parametrize("box", ["learning_rate", "alpha"])
def test_a_rate_finer_than_shown_clicked_into_then_ok_is_branched_exactly(qtbot, box):
    """The dialog's note says unchanged settings repeat the old run exactly: a click into a rate box that shows
    a finer rate rounded ("0.0123457"), then OK, keeps the rate whole."""
    from PySide6.QtWidgets import QDialogButtonBox

    from model.training.specs import ModelSpec, TrainSpec

    model, train = ModelSpec(alpha=0.0123456789), TrainSpec(learning_rate=0.0123456789)
    dialog = SettingsDialog("Branch", model, train, keep_shape=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    field = getattr(dialog.editor, box)
    assert field.currentText() == "0.0123457"
    qtbot.mouseClick(field.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(field.hasFocus)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    assert (dialog.editor.model_spec(), dialog.editor.train_spec()) == (model, train)
