"""A training setting a person changes is a step of the undo history, as a model change is: after a save it marks
the session modified (so it is autosaved, and closing asks about it), Undo brings the setting back, and training
follows the panel either way (what a save then keeps)."""

from __future__ import annotations

from model.storage.session_files import load_session
from tests.gui.files.test_files import step


def _saved(qtbot, w, dialogs, tmp_path, name="saved.npz"):
    step(qtbot, w, 2)
    dialogs.save_paths.append(str(tmp_path / name))
    w.file_actions.save_session_as_action.trigger()
    assert (tmp_path / name).is_file() and not w.isWindowModified()
    return tmp_path / name


def _pick(combo, key):
    combo.setCurrentIndex(combo.findData(key))  # as a click in its list does


def _toggle(box):
    box.setChecked(not box.isChecked())


def test_changing_the_optimizer_after_a_save_marks_the_session_modified_and_undo_brings_it_back(
    qtbot, window, dialogs, tmp_path
):
    w = window
    path = _saved(qtbot, w, dialogs, tmp_path)
    panel = w.training_panel
    assert panel.params()["optimizer"] == "adam"

    _pick(panel.optimizer, "sgd")

    assert w.isWindowModified() and w.windowTitle().startswith("saved.npz[*]")
    assert w.file_actions.sessions.unsaved_work()  # what the autosave and closing ask
    assert w.controls.undo_action.text() == "Undo Change training settings"
    w.controls.undo_action.trigger()
    assert panel.params()["optimizer"] == "adam" and not w.isWindowModified()
    w.controls.redo_action.trigger()
    assert panel.params()["optimizer"] == "sgd" and w.isWindowModified()

    w.file_actions.save_session_action.trigger()  # Save then Open: the session trained on with SGD
    assert not w.isWindowModified()
    assert load_session(path)[0].train_spec.optimizer == "sgd"
    w.controls.undo_action.trigger()  # and an Undo after the save gives Adam back to training
    assert w.isWindowModified()
    w.file_actions.save_session_action.trigger()
    assert load_session(path)[0].train_spec.optimizer == "adam"


# (the change a person makes in the training panel, the key of the panel's params it changes)
CHANGES = [
    (lambda p: p.learning_rate.setValue(0.3), "learning_rate"),
    (lambda p: _pick(p.precision, "float64"), "dtype"),
    (lambda p: _toggle(p.pause_on_plateau), "pause_on_plateau"),
    (lambda p: _toggle(p.warn_overfitting), "warn_overfitting"),
    (lambda p: p.max_epochs.setValue(500), "max_epochs"),
    (lambda p: p.target_loss.setValue(0.05), "target_loss"),
]


def test_every_training_setting_is_an_undo_step(qtbot, window, dialogs, tmp_path):
    """Each setting in turn on one window (each undone before the next, saved before it is changed): a window per
    setting cost a second or two each to open, for checks that take milliseconds."""
    w = window
    for change, key in CHANGES:
        w.undo_stack.clear()  # the history of a window just opened: the undone step before goes
        _saved(qtbot, w, dialogs, tmp_path, f"saved-{key}.npz")
        before = w.training_panel.params()[key]
        change(w.training_panel)
        assert w.training_panel.params()[key] != before, key
        assert w.isWindowModified() and w.undo_stack.count() == 1, key
        w.undo_stack.undo()
        assert w.training_panel.params()[key] == before and not w.isWindowModified(), key


def test_a_batch_size_typed_digit_by_digit_is_one_step(qtbot, window, dialogs, tmp_path):
    w = window
    path = _saved(qtbot, w, dialogs, tmp_path)
    box = w.training_panel.batch_size
    for value in (1, 12, 128):  # what a spin box reports as "128" is typed
        box.setValue(value)
    assert w.undo_stack.count() == 1 and box.value() == 128
    w.file_actions.save_session_action.trigger()
    assert load_session(path)[0].train_spec.batch_size == 128
    w.undo_stack.undo()
    assert box.value() == 0 and w.undo_stack.count() == 1 and w.isWindowModified()
    w.file_actions.save_session_action.trigger()
    assert load_session(path)[0].train_spec.batch_size is None  # the full batch again


def test_the_pace_is_no_undo_step(qtbot, window, dialogs, tmp_path):
    """How fast to watch is no change to the work (changed with ] and [ while watching, like the zoom)."""
    w = window
    _saved(qtbot, w, dialogs, tmp_path)
    pace = w.training_panel.pace
    pace.setCurrentIndex(pace.findData("watch"))  # a pick in the toolbar's list
    assert w.training_panel.pace_key() == "watch" and w.undo_stack.count() == 0
