"""Training edits: every change a person makes in the training panel (optimizer, learning rate, batch size,
precision, the stop conditions) becomes one undoable step, "Change training settings", as the model panel's do.

So a setting changed after a save marks the session modified, is autosaved with it, and closing asks about it;
undo and redo put the panel's values back and hand them to training. A number typed is one step when the typing
is done (``gui.widgets.typed_numbers``); steps of one spin box by the arrow keys or the wheel, value by value (a
batch size of 8, 16, 24), merge into one, and so do the learning rate's (0.001 to 1 is one Undo away); a rate
picked from its list or typed is a step of its own.
The pace is no setting here: it is how fast to watch, not what is trained (``gui.panels.training_panel.SETTINGS``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from gui.panels.training_panel import TrainingPanel

TEXT = "Change training settings"
#: The settings whose box takes a value a step at a time (typed digit by digit, arrows, the wheel).
_STEPPED = frozenset({"batch_size", "max_epochs", "target_loss"})
_ID = 0x7472  # any number of its own: QUndoStack merges commands of one id


class TrainingChangeCommand(QUndoCommand):
    """The training panel's settings from ``before`` to ``after`` (``TrainingPanel.settings``), training following."""

    def __init__(self, panel: TrainingPanel, before: dict, after: dict, stepped: bool = False):
        super().__init__(TEXT)
        self.panel = panel
        self.before = dict(before)
        self.after = dict(after)
        self.stepped = stepped  # the learning-rate box stepped (``RateBox.stepping``)

    def redo(self) -> None:
        self.panel.apply_settings(self.after)

    def undo(self) -> None:
        self.panel.apply_settings(self.before)

    def changed(self) -> set[str]:
        return {key for key in self.after if self.after[key] != self.before.get(key)}

    def id(self) -> int:
        return _ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        """One spin box's values one after the other are one step (its first value to its last), and so are the
        learning rate's steps one after the other."""
        if not isinstance(other, TrainingChangeCommand) or other.before != self.after:
            return False
        key = self.changed()
        if len(key) != 1 or other.changed() != key or not (key <= _STEPPED or (self.stepped and other.stepped)):
            return False
        self.after = dict(other.after)
        self.setObsolete(self.after == self.before)  # back where it started: no step at all
        return True


class TrainingEdits(QObject):
    """Takes ``panel``'s edits (it becomes their ``edit_handler``) onto ``undo_stack``."""

    def __init__(self, panel: TrainingPanel, undo_stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.panel = panel
        self.undo_stack = undo_stack
        panel.edit_handler = self.edit

    def edit(self, before: dict, after: dict) -> None:
        """The person changed the panel's settings from ``before`` to ``after``."""
        if before == after:
            return
        stepped = self.panel.learning_rate.stepping()
        self.undo_stack.push(TrainingChangeCommand(self.panel, before, after, stepped))
