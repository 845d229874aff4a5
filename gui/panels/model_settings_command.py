"""The model, its units switched off, the training settings and the pace as one undoable step.

A lesson sets all four through the panels (which emit them to the training thread); its undo sets the ones the
person had back the same way, so the panels, the training and the pace control always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from model.nn.units_off import UnitsOff
from model.training.specs import ModelSpec, TrainSpec


@dataclass(frozen=True)
class ModelSettings:
    """What the model and training panels and the pace control show, and the hidden units switched off."""

    model: ModelSpec
    units_off: UnitsOff
    train: TrainSpec
    pace: str  # a key of model.training.pace.PACES


class ModelSettingsCommand(QUndoCommand):
    """Shows ``after`` through ``panels`` (SettingsPanels) and ``controller`` (the units switched off); undo shows
    ``before``."""

    def __init__(self, panels, controller, before: ModelSettings, after: ModelSettings, text: str = "", parent=None):
        super().__init__(text or "Change model settings", parent)
        self.panels = panels
        self.controller = controller
        self.before = before
        self.after = after

    def redo(self) -> None:
        self._show(self.after)

    def undo(self) -> None:
        self._show(self.before)

    def _show(self, settings: ModelSettings) -> None:
        self.panels.model.set_model_spec(settings.model)
        self.controller.set_units_off(settings.units_off)  # after the model: its units (none listed: all on)
        self.panels.training.set_train_spec(settings.train)
        self.panels.training.set_pace(settings.pace)
