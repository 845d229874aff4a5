"""What a setting's box shows is what trains: a number typed into it and followed by a click on Play (a toolbar
button, which takes no focus) is trained with from the first epoch, as one undoable change; a number of neurons
typed is one change of the model, asked about once, while the arrow keys still change it a step at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QToolButton

from gui.files import training_time

CHOICES = QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel


def _play_button(w) -> QToolButton:
    (button,) = [o for o in w.controls.play_action.associatedObjects() if isinstance(o, QToolButton)]
    return button


def _type(qtbot, field, text: str) -> None:
    """As a person does: into the box, everything in it selected, the new text typed over it."""
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.lineEdit().selectAll()
    qtbot.keyClicks(field.lineEdit(), text)
    assert field.lineEdit().text().startswith(text)


def _heard(w, monkeypatch) -> list:
    """What the window asks of training from now on, in order: ("spec", rate), ("model", layers), ("play", None)."""
    heard: list = []
    c = w.controller
    for name, what in (
        ("set_train_spec", lambda spec: ("spec", spec.learning_rate)),
        ("set_model_spec", lambda spec: ("model", spec.hidden_layer_sizes)),
        ("play", lambda: ("play", None)),
    ):
        method = getattr(c, name)
        monkeypatch.setattr(c, name, lambda *a, _m=method, _w=what: (heard.append(_w(*a)), _m(*a))[1])
    return heard


def _train_past_the_let_go(qtbot, w) -> None:
    """Play, until training has run twice as long as is let go without a question (``LET_GO_S``), then Pause."""
    w.controls.play_action.trigger()
    time_spent = w.file_actions.sessions.training_time
    qtbot.waitUntil(lambda: time_spent.seconds() > 2 * training_time.LET_GO_S, timeout=10000)
    w.controls.play_action.trigger()


def test_a_learning_rate_typed_then_play_clicked_trains_at_it_from_the_first_epoch(make_window, qtbot, monkeypatch):
    w = make_window(size=(1024, 700), dataset="moons", seed=0)
    box = w.training_panel.learning_rate
    heard = _heard(w, monkeypatch)
    snaps: list = []
    w.controller.snapshotReady.connect(snaps.append)
    entries = w.undo_stack.count()

    _type(qtbot, box, "0.3")
    qtbot.mouseClick(_play_button(w), Qt.MouseButton.LeftButton)

    assert heard[:2] == [("spec", 0.3), ("play", None)]  # the rate reaches training before it plays
    qtbot.waitUntil(lambda: any(s.epoch >= 3 for s in snaps), timeout=10000)
    assert {s.learning_rate for s in snaps if s.epoch >= 1} == {0.3}
    assert box.currentText() == "0.3" and box.value() == 0.3
    assert w.undo_stack.count() == entries + 1 and w.undo_stack.text(entries) == "Change training settings"


def test_a_rate_typed_that_is_no_rate_is_shown_back_as_the_rate_play_trains_with(make_window, qtbot, monkeypatch):
    w = make_window(size=(1024, 700), dataset="moons", seed=0)
    box = w.training_panel.learning_rate
    heard = _heard(w, monkeypatch)
    entries = w.undo_stack.count()

    _type(qtbot, box, "1e")  # on its way to "1e-3", or a slip
    qtbot.mouseClick(_play_button(w), Qt.MouseButton.LeftButton)

    assert box.currentText() == "0.01" and heard == [("play", None)]
    assert w.undo_stack.count() == entries
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch >= 1, timeout=10000)
    assert w.controller.latest_snapshot.learning_rate == 0.01


def test_a_rate_box_clicked_into_then_play_clicked_trains_at_the_exact_rate_with_no_change(
    make_window, qtbot, monkeypatch
):
    """A session's learning rate finer than the box shows (0.0123456789 shown as "0.0123457") stays whole when the
    person only clicks into the box and then on Play: nothing typed, nothing changed, nothing to undo."""
    w = make_window(size=(1024, 700), dataset="moons", seed=0)
    box = w.training_panel.learning_rate
    box.setValue(0.0123456789)  # as a session or a lesson sets it
    heard = _heard(w, monkeypatch)
    snaps: list = []
    w.controller.snapshotReady.connect(snaps.append)
    entries = w.undo_stack.count()

    qtbot.mouseClick(box.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(box.hasFocus)
    qtbot.mouseClick(_play_button(w), Qt.MouseButton.LeftButton)

    assert heard == [("play", None)] and w.undo_stack.count() == entries
    qtbot.waitUntil(lambda: any(s.epoch >= 2 for s in snaps), timeout=10000)
    assert {s.learning_rate for s in snaps if s.epoch >= 1} == {0.0123456789}


def test_an_l2_rate_typed_then_play_clicked_is_the_models(make_window, qtbot, monkeypatch):
    w = make_window(size=(1024, 700), dataset="moons", seed=0)
    sent: list = []
    method = w.controller.set_model_spec
    monkeypatch.setattr(w.controller, "set_model_spec", lambda spec: (sent.append(spec.alpha), method(spec))[1])

    _type(qtbot, w.model_panel.alpha, "0.02")
    qtbot.mouseClick(_play_button(w), Qt.MouseButton.LeftButton)

    assert sent == [0.02] and w.model_panel.params()["alpha"] == 0.02


def test_neurons_typed_are_one_change_of_the_model_and_one_undo_and_arrows_are_a_change_each(
    make_window, qtbot, monkeypatch
):
    w = make_window(size=(1024, 700), dataset="moons", seed=0)
    heard = _heard(w, monkeypatch)
    spin = w.model_panel._rows[0][1]
    entries = w.undo_stack.count()

    _type(qtbot, spin, "16")
    assert heard == [] and w.undo_stack.count() == entries  # nothing changes while typing
    qtbot.mouseClick(_play_button(w), Qt.MouseButton.LeftButton)

    assert heard[:2] == [("model", (16, 8)), ("play", None)]
    assert w.undo_stack.count() == entries + 1 and w.undo_stack.text(entries) == "Change model"
    w.controls.undo_action.trigger()
    assert w.model_panel.hidden_layers() == (8, 8) and heard[-1] == ("model", (8, 8))

    del heard[:]  # the arrow keys still change it at each step
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert heard == [("model", (9, 8))]
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert heard == [("model", (9, 8)), ("model", (10, 8))]


def test_neurons_typed_after_long_training_are_asked_about_once_as_typed(make_window, qtbot, monkeypatch):
    monkeypatch.setattr(training_time, "LET_GO_S", 0.3)  # more training than one lets go without a word
    w = make_window(size=(1024, 700), dataset="moons", seed=0)
    asked: list = []
    sessions = w.file_actions.sessions
    monkeypatch.setattr(
        sessions, "confirm_discard", lambda reason: (asked.append(w.model_panel.hidden_layers()), "cancel")[1]
    )
    _train_past_the_let_go(qtbot, w)
    spin = w.model_panel._rows[0][1]
    entries = w.undo_stack.count()

    _type(qtbot, spin, "16")
    assert asked == []
    qtbot.keyClick(spin, Qt.Key.Key_Return)

    assert asked == [(16, 8)]  # once, about the network typed
    # Cancel keeps the trained network: the box shows its 8 again, and it is the same box, still being typed in
    assert w.model_panel.hidden_layers() == (8, 8) and w.model_panel._rows[0][1] is spin and spin.hasFocus()
    assert w.undo_stack.count() == entries


def test_an_epoch_limit_typed_while_training_is_one_limit_taken_when_done(make_window, qtbot, monkeypatch):
    w = make_window(size=(1024, 700), dataset="moons", seed=0)
    limits: list = []
    method = w.controller.set_limits
    monkeypatch.setattr(w.controller, "set_limits", lambda *a: (limits.append(a[0]), method(*a))[1])
    w.controls.play_action.trigger()
    qtbot.waitUntil(lambda: w.controller.running)
    box = w.training_panel.max_epochs
    entries = w.undo_stack.count()

    _type(qtbot, box, "100000")  # through 1, 10, 100: limits training has long passed
    qtbot.wait(200)
    assert limits == [] and w.controller.running
    qtbot.keyClick(box, Qt.Key.Key_Return)

    assert limits == [100000] and w.controller.running
    assert w.undo_stack.count() == entries + 1


def test_a_click_on_play_whose_typed_network_is_asked_about_ends_at_the_question(make_window, qtbot, monkeypatch):
    monkeypatch.setattr(training_time, "LET_GO_S", 0.3)
    w = make_window(size=(1024, 700), dataset="moons", seed=0)
    asked: list = []

    def ask(_reason):  # the question as a window of its own, answered with a click on Cancel
        box = QMessageBox(QMessageBox.Icon.Question, "Unsaved work", "Save the session?", CHOICES, w)
        cancel = box.button(QMessageBox.StandardButton.Cancel)
        QTimer.singleShot(0, lambda: qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton))
        box.exec()
        asked.append(w.model_panel.hidden_layers())
        return "cancel"

    monkeypatch.setattr(w.file_actions.sessions, "confirm_discard", ask)
    _train_past_the_let_go(qtbot, w)
    qtbot.waitUntil(lambda: not w.controller.running)
    play = _play_button(w)

    _type(qtbot, w.model_panel._rows[0][1], "16")
    qtbot.mouseClick(play, Qt.MouseButton.LeftButton)

    assert asked == [(16, 8)] and w.model_panel.hidden_layers() == (8, 8)
    qtbot.wait(100)
    assert not play.isDown() and not w.controller.running  # Cancel: nothing changed, the click played nothing


def test_points_typed_then_generate_clicked_are_the_points_made(make_window, qtbot):
    w = make_window(size=(1024, 700), dataset="moons", seed=0)

    _type(qtbot, w.data_panel.n_samples, "300")
    qtbot.mouseClick(w.data_panel.generate_button, Qt.MouseButton.LeftButton)

    assert w.document.dataset.n_samples == 300
