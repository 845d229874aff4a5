"""Extra input features as checkboxes (as in TensorFlow Playground).

x1², x2², x1·x2, sin x1, sin x2: each checked feature becomes one more input
node of the network (``ModelSpec.features``). With x1² and x2² a network with no
hidden layer draws a circle; with x1·x2 it solves XOR.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox

from model.nn.features import FEATURES, ONE_D_FEATURES

TIPS = {
    "x1^2": "x₁²: with x₂² a network without hidden layers can draw a circle.",
    "x2^2": "x₂²: with x₁² a network without hidden layers can draw a circle.",
    "x1*x2": "x₁·x₂: its sign alone is XOR, so one input solves the XOR dataset.",
    "sin_x1": "sin x₁: a wave along x₁, for periodic patterns.",
    "sin_x2": "sin x₂: a wave along x₂, for periodic patterns.",
}


class FeatureInputs(QGroupBox):
    """A group of checkboxes, one per extra input feature. ``changed`` carries the tuple of names."""

    changed = Signal(object)

    def __init__(self, parent=None):
        super().__init__("Extra inputs", parent)
        self.setObjectName("featureInputs")
        self.setToolTip("Extra inputs computed from x₁ and x₂; each shows as an input node of the network.")
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 4, 8, 4)
        grid.setHorizontalSpacing(10)
        self.boxes: dict[str, QCheckBox] = {}
        for i, (name, (label, _)) in enumerate(FEATURES.items()):
            box = QCheckBox(label)
            box.setToolTip(TIPS.get(name, label))
            box.toggled.connect(self._on_toggled)
            grid.addWidget(box, i // 3, i % 3)
            self.boxes[name] = box
        self._n_inputs = 2

    def features(self) -> tuple[str, ...]:
        """Checked and usable features, in the registry's order."""
        return tuple(name for name, box in self.boxes.items() if box.isChecked() and box.isEnabled())

    def set_features(self, names) -> None:
        """Check exactly ``names`` (unknown names are ignored) without emitting."""
        names = set(names or ())
        for name, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(name in names)
            box.blockSignals(False)

    def set_n_inputs(self, n_inputs: int) -> None:
        """1-D data (a regression curve) can use only the features of x₁; data of more than two features none
        (they are made of x₁ and x₂, the plot's two coordinates: the group says so)."""
        if int(n_inputs) == self._n_inputs:
            return
        before = self.features()
        self._n_inputs = int(n_inputs)
        many = self._n_inputs > 2
        for name, box in self.boxes.items():
            box.setEnabled(self._n_inputs == 2 or (self._n_inputs < 2 and name in ONE_D_FEATURES))
        self.setTitle(f"Extra inputs: none for {self._n_inputs} features" if many else "Extra inputs")
        self.setToolTip(
            f"Extra inputs are made of two raw inputs x₁ and x₂; this data has {self._n_inputs} features, "
            "which the network takes as they are."
            if many
            else "Extra inputs computed from x₁ and x₂; each shows as an input node of the network."
        )
        if self.features() != before:
            self.changed.emit(self.features())

    @Slot(bool)
    def _on_toggled(self, _checked: bool) -> None:
        self.changed.emit(self.features())
