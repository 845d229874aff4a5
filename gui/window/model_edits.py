"""Model edits: every change a person makes in the model panel (type, a layer added or removed, neurons,
activations, extra inputs, penalties, weight init) becomes one undoable step, "Change model".

Undo and redo put the panel's values back and hand the model they describe to training. A change that gives the
network fresh weights (a new architecture: ``model.training.fresh_start``) is asked about first when more than the
let-go minute of training would go, as Reset asks; Cancel puts the panel's control back. It goes on the stack
as a ``FreshStartCommand``: the status bar names the run the trained network stays in, and undoing the change
brings that network back (``gui.window.fresh_starts``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from gui.panels.model_panel import ModelPanel, spec_from_params
from gui.window.fresh_starts import FreshStartCommand, FreshStarts
from model.training.fresh_start import new_architecture

TEXT = "Change model"


class ModelChangeCommand(QUndoCommand):
    """The model panel from the values ``before`` to ``after`` (``ModelPanel.params``), the model following."""

    def __init__(self, panel: ModelPanel, before: dict, after: dict):
        super().__init__(TEXT)
        self.panel = panel
        self.before = dict(before)
        self.after = dict(after)

    def redo(self) -> None:
        self.panel.apply_params(self.after)

    def undo(self) -> None:
        self.panel.apply_params(self.before)


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
        command: QUndoCommand = ModelChangeCommand(self.panel, before, after)
        if new_architecture(spec_from_params(before), spec_from_params(after)):
            if not self.fresh.may_start_afresh("model"):
                self.panel.set_params(before)  # the person kept the training: the panel shows its model again
                return
            command = FreshStartCommand(command, self.fresh, "with the changed model", "with the model as it was")
        self.undo_stack.push(command)
