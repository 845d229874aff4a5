"""A rate box in the window steps as a person expects of a number box: Up (the arrow key, the wheel turned up)
makes the rate larger, Down smaller, and a run of steps on one box is one step of the undo history, as a spin box's
values are: one Undo gives back the rate before the run, to the box and to training."""

from __future__ import annotations

from PySide6.QtCore import Qt

from model.storage.session_files import load_session
from tests.gui.files.test_files import snap, step
from tests.gui.panels.test_rate_box import wheel


def _focus(qtbot, box) -> None:
    box.setFocus()  # as a click in it does: the wheel edits a settings field only when it has the focus
    qtbot.waitUntil(box.hasFocus, timeout=2000)


def _training_rate(qtbot, w, rate: float) -> None:
    """Waits until training says the next epoch uses ``rate``."""
    qtbot.waitUntil(lambda: snap(w).learning_rate == rate, timeout=10000)


def test_rate_steps_by_key_and_wheel_are_one_undo_step(qtbot, window, dialogs, tmp_path):
    """The learning rate, then the L2 rate (one window for both: a window takes seconds to start and close)."""
    w = window
    box = w.training_panel.learning_rate
    assert box.value() == 0.01
    _training_rate(qtbot, w, 0.01)
    count = w.undo_stack.count()
    _focus(qtbot, box)

    for _ in range(4):
        qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.currentText() == "1" and box.value() == 1.0  # 0.03, 0.1, 0.3, 1: larger at each Up
    _training_rate(qtbot, w, 1.0)
    wheel(box, -120)  # one notch down
    assert box.currentText() == "0.3"
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentText() == "0.1" and w.training_panel.train_spec().learning_rate == 0.1
    _training_rate(qtbot, w, 0.1)
    assert w.undo_stack.count() == count + 1
    assert w.controls.undo_action.text() == "Undo Change training settings"

    w.controls.undo_action.trigger()
    assert box.currentText() == "0.01" and box.value() == 0.01
    _training_rate(qtbot, w, 0.01)
    w.controls.redo_action.trigger()
    assert box.currentText() == "0.1"
    _training_rate(qtbot, w, 0.1)

    box.setCurrentIndex(box.findData(3.0))  # a pick in the list is a step of its own...
    box.activated.emit(box.currentIndex())
    qtbot.keyClick(box, Qt.Key.Key_Up)  # ...and so is the next run of arrow keys
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.value() == 10.0 and w.undo_stack.count() == count + 3
    w.controls.undo_action.trigger()
    assert box.value() == 3.0
    w.controls.undo_action.trigger()
    assert box.value() == 0.1
    _training_rate(qtbot, w, 0.1)

    step(qtbot, w, 1)
    dialogs.save_paths.append(str(tmp_path / "saved.npz"))
    w.file_actions.save_session_as_action.trigger()
    path = tmp_path / "saved.npz"
    assert path.is_file() and not w.isWindowModified()
    box = w.model_panel.alpha
    assert box.value() == 0.0
    done = w.undo_stack.index()  # the two steps undone above go at the next one
    _focus(qtbot, box)

    for _ in range(3):
        qtbot.keyClick(box, Qt.Key.Key_Up)
    wheel(box, 120)
    assert box.currentText() == "0.01" and w.model_panel.model_spec().alpha == 0.01  # 1e-4, 0.001, 0.003, 0.01
    assert w.undo_stack.count() == w.undo_stack.index() == done + 1
    assert w.controls.undo_action.text() == "Undo Change model"
    w.file_actions.save_session_action.trigger()
    assert load_session(path)[0].model_spec.alpha == 0.01

    w.controls.undo_action.trigger()
    assert box.currentText() == "0" and w.model_panel.model_spec().alpha == 0.0 and w.isWindowModified()
    w.file_actions.save_session_action.trigger()
    assert load_session(path)[0].model_spec.alpha == 0.0
