"""The edits that reach the training worker while it trains, applied together between two chunks.

The GUI may send many edits in a burst (dragging a point sends a dataset per mouse move); only the newest of
each kind matters, so each kind is one slot, overwritten. They are applied in a fixed order: the model spec
first (a new architecture), then the units switched off (which refer to its layers), the training spec, and
the data last.
"""

from __future__ import annotations

from collections.abc import Callable

from model.data.dataset import Dataset
from model.training.contract import Trainable
from model.training.requests import SetUnitsOff
from model.training.specs import ModelSpec, TrainSpec


class PendingEdits:
    """The newest edit of each kind not yet applied (None: none)."""

    def __init__(self) -> None:
        self.dataset: tuple[Dataset, int] | None = None
        self.model_spec: ModelSpec | None = None
        self.train_spec: TrainSpec | None = None
        self.units_off: frozenset[tuple[int, int]] | None = None
        self.changed = False  # whether the last ``apply`` changed something (also when it then raised)

    @property
    def waiting(self) -> bool:
        """Whether an edit waits to be applied."""
        return not (
            self.dataset is None and self.model_spec is None and self.train_spec is None and self.units_off is None
        )

    def clear(self) -> None:
        """Forget them (a loaded session supersedes them)."""
        self.dataset = self.model_spec = self.train_spec = self.units_off = None

    def apply(
        self,
        session: Trainable,
        fresh_weights: Callable[[], None],
        new_data: Callable[[Dataset, int], None],
    ) -> bool:
        """Applies the edits to ``session``; returns whether something changed. ``fresh_weights()`` is called
        (once) when an edit started the weights afresh (epoch 0): a new model spec (new L2/L1 rates keep them), or
        data the network no longer fits (a new class, another task); ``new_data`` with the dataset and version
        applied. An exception the session raises propagates; the edits before it stay applied and ``changed`` says
        whether there were any."""
        self.changed = False
        afresh = False
        if self.model_spec is not None:
            model_spec, self.model_spec = self.model_spec, None
            session.set_model_spec(model_spec)
            if session.epoch == 0:
                fresh_weights()
                afresh = True
            self.changed = True
        if self.units_off is not None:
            units, self.units_off = self.units_off, None
            session.perform(SetUnitsOff(units))
            self.changed = True
        if self.train_spec is not None:
            train_spec, self.train_spec = self.train_spec, None
            session.set_train_spec(train_spec)
            self.changed = True
        if self.dataset is not None:
            (dataset, version), self.dataset = self.dataset, None
            session.set_dataset(dataset, version)
            new_data(dataset, version)
            if session.epoch == 0 and not afresh:  # a new network learns from its start, at Play's first pace
                fresh_weights()
            self.changed = True
        return self.changed
