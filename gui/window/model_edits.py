"""Model edits: every change a person makes in the model panel (type, a layer added or removed, neurons,
activations, extra inputs, penalties, weight init) becomes one undoable step, "Change model".

Undo and redo put the panel's values back and hand the model they describe to training. A change that gives the
network fresh weights (a new architecture: ``model.training.fresh_start``) is asked about first when more than the
let-go minute of training would go, as Reset asks; Cancel puts the panel's control back. It goes on the stack
as a ``FreshStartCommand``: the status bar names the run the trained network stays in, and undoing the change
brings that network back (``gui.window.fresh_starts``). Steps of the L2 or L1 rate box by the arrow keys or the
wheel one after the other merge into one, as the training panel's spin boxes' do.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from gui.panels.model_panel import ModelPanel, spec_from_params
from gui.window.fresh_starts import FreshStartCommand, FreshStarts
from model.training.fresh_start import new_architecture

TEXT = "Change model"
#: The values whose box a person steps through preset by preset (``RateBox.stepping``).
_STEPPED = frozenset({"alpha", "l1"})
_ID = 0x6D64  # any number of its own: QUndoStack merges commands of one id


class ModelChangeCommand(QUndoCommand):
    """The model panel from the values ``before`` to ``after`` (``ModelPanel.params``), the model following."""

    def __init__(self, panel: ModelPanel, before: dict, after: dict, stepped: bool = False):
        super().__init__(TEXT)
        self.panel = panel
        self.before = dict(before)
        self.after = dict(after)
        self.stepped = stepped  # a rate box stepped (``RateBox.stepping``)

    def redo(self) -> None:
        self.panel.apply_params(self.after)

    def undo(self) -> None:
        self.panel.apply_params(self.before)

    def changed(self) -> set[str]:
        return {key for key in self.after if self.after[key] != self.before.get(key)}

    def id(self) -> int:
        return _ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        """One rate box's steps one after the other are one step (its first value to its last)."""
        if not isinstance(other, ModelChangeCommand) or not (self.stepped and other.stepped):
            return False
        key = self.changed()
        if other.before != self.after or len(key) != 1 or other.changed() != key or not key <= _STEPPED:
            return False
        self.after = dict(other.after)
        self.setObsolete(self.after == self.before)  # back where it started: no step at all
        return True


class ModelEdits(QObject):
    """Takes ``panel``'s edits (it becomes their ``edit_handler``) onto ``undo_stack``; ``fresh`` (the window's
    ``FreshStarts``) asks before a new architecture and brings the trained network back when it is undone."""

    def __init__(self, panel: ModelPanel, undo_stack: QUndoStack, fresh: FreshStarts, parent=None):
        super().__init__(parent)
        self.panel = panel
        self.undo_stack = undo_stack
        self.fresh = fresh
        panel.edit_handler = self.edit

    def edit(self, before: dict, after: dict) -> None:
        """The person changed the panel from ``before`` to ``after``."""
        if spec_from_params(before) == spec_from_params(after):
            self.panel.apply_params(after)  # the same model (an extra input's order, ...): nothing to undo
            return
        stepped = self.panel.alpha.stepping() or self.panel.l1.stepping()
        command: QUndoCommand = ModelChangeCommand(self.panel, before, after, stepped)
        if new_architecture(spec_from_params(before), spec_from_params(after)):
            if not self.fresh.may_start_afresh("model"):
                self.panel.set_params(before)  # the person kept the training: the panel shows its model again
                return
            command = FreshStartCommand(command, self.fresh, "with the changed model", "with the model as it was")
        self.undo_stack.push(command)
