"""The three settings panels (data, model, training) as one handle for the features that read or set them."""

from __future__ import annotations

from dataclasses import dataclass

from gui.panels.data_panel import DataPanel
from gui.panels.model_panel import ModelPanel
from gui.panels.training_panel import TrainingPanel


@dataclass(frozen=True)
class SettingsPanels:
    data: DataPanel
    model: ModelPanel
    training: TrainingPanel
