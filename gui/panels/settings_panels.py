"""The three settings panels (data, model, training) as one handle for the features that read or set them, and
the values they keep from one start of the app to the next."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from gui.panels.data_panel import DataPanel
from gui.panels.model_panel import ModelPanel
from gui.panels.training_panel import TrainingPanel


class KeptValues(Protocol):
    """Where values are kept between starts (``gui.files.settings.AppSettings``)."""

    def load(self, key: str, default: Any = None) -> Any: ...
    def save(self, key: str, value: Any) -> None: ...


@dataclass(frozen=True)
class SettingsPanels:
    data: DataPanel
    model: ModelPanel
    training: TrainingPanel

    def restore(self, kept: KeptValues, dataset: str | None = None, seed: int | None = None) -> None:
        """The panels' values when the app last closed; ``dataset`` and ``seed``, when given (the command
        line's), in place of the data panel's."""
        data_params = kept.load("data", {}) or {}
        other_dataset = dataset is not None and dataset != data_params.get("name")
        if dataset is not None:
            data_params["name"] = dataset
        if seed is not None:
            data_params["seed"] = int(seed)
        self.data.set_params(data_params)
        if other_dataset:
            # as if picked in the list: the last dataset's noise and points left `--dataset spiral` a spiral
            # the default model cannot learn (noise 0.1 instead of its 0.02, 200 points instead of 600)
            self.data.take_dataset_defaults()
        self.model.set_params(kept.load("model", {}))
        self.training.set_params(kept.load("training", {}))

    def keep(self, kept: KeptValues) -> None:
        """The panels' values, kept for the next start."""
        kept.save("data", self.data.params())
        kept.save("model", self.model.params())
        kept.save("training", self.training.params())
