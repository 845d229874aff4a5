"""The compact form for one model's settings (kind, layers, activation, optimizer, learning rate, batch size),
and the dialog around it: edit a side-by-side model, or choose the settings of a branch.

The form opens on a model's settings and gives them back unchanged when nothing is touched: a branch OK'd as it
opens trains as the model it branches from. So its boxes take what the settings panels take (an L2 rate or a
learning rate typed finer than the presets), and activations set layer by layer in the panel are kept as they are,
shown as one choice ("per layer: tanh, relu"), until another activation is chosen for every layer. Settings the form
has no box for (L1, weight init, extra inputs, precision, momentum) are the model's own, kept.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.panels.form import RateBox
from gui.panels.model_panel import PENALTIES
from gui.panels.training_panel import LEARNING_RATE_RANGE
from model.storage.view_entries import MAX_BATCH_SIZE
from model.training.setting_names import (
    ACTIVATION_CHOICES,
    FULL_BATCH,
    L2_NAME,
    MODEL_KIND_NAMES,
    OPTIMIZER_NAMES,
)
from model.training.specs import ModelSpec, TrainSpec

# in the words of the settings panel (the branch dialog said "L2 penalty" and "all (full batch)" beside a panel of
# "L2 rate" and "Full batch")
KINDS = tuple((key, MODEL_KIND_NAMES[key]) for key in ("mlp", "logistic", "perceptron"))
OPTIMIZERS = tuple(OPTIMIZER_NAMES.items())
RATE_PRESETS = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
PER_LAYER = "per layer"  # the activation box's choice that keeps the activations set layer by layer


def _combo(items, tip: str) -> QComboBox:
    box = QComboBox()
    for key, text in items:
        box.addItem(text, key)
    box.setToolTip(tip)
    return box


def _parse_layers(text: str) -> tuple[int, ...]:
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p.strip()]
    sizes = tuple(int(p) for p in parts)
    if not sizes or any(s < 1 or s > 256 for s in sizes):
        raise ValueError("hidden layers: whole numbers 1-256 separated by commas, e.g. 8, 8")
    return sizes


class ModelSettingsEditor(QWidget):
    """A compact form for one model's settings.

    ``keep_shape``: only what keeps the parameter count may change (activation, L2 and the
    training settings), as for a branch, which keeps the weights.
    """

    changed = Signal()

    def __init__(self, keep_shape: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.kind = _combo(KINDS, "What kind of model learns.")
        self.layers = QLineEdit("8, 8")
        self.layers.setToolTip("Neurons in each hidden layer, separated by commas (e.g. 8, 8).")
        self.activation = _combo(ACTIVATION_CHOICES, "The function every hidden neuron applies.")
        self._per_layer: tuple[str, ...] = ()  # the activations set layer by layer, while the box offers them
        self.alpha = RateBox(PENALTIES, 0.0, maximum=100.0)  # as the model panel's: 3e-05 typed there stays 3e-05
        self.alpha.setToolTip(f"{L2_NAME}: pulls the weights towards zero (0 = none).")
        self.optimizer = _combo(OPTIMIZERS, "How the weights follow the gradient.")
        self.learning_rate = RateBox(RATE_PRESETS, 0.03, *LEARNING_RATE_RANGE)
        self.learning_rate.setToolTip("The step size of every update.")
        self.batch = QSpinBox()
        self.batch.setRange(0, MAX_BATCH_SIZE)  # as the training panel's
        self.batch.setSpecialValueText(FULL_BATCH)
        self.batch.setToolTip(f"Samples per update; '{FULL_BATCH}' uses the whole training set.")
        form.addRow("Model", self.kind)
        form.addRow("Hidden layers", self.layers)
        form.addRow("Activation", self.activation)
        form.addRow(L2_NAME, self.alpha)
        form.addRow("Optimizer", self.optimizer)
        form.addRow("Learning rate", self.learning_rate)
        form.addRow("Batch size", self.batch)
        self.error = QLabel("")
        self.error.setObjectName("modelSettingsError")  # red, in each theme's error colour (style.qss)
        self.error.setWordWrap(True)
        form.addRow(self.error)
        self._keep_shape = keep_shape
        if keep_shape:
            self.kind.setEnabled(False)
            self.layers.setEnabled(False)
        self.kind.currentIndexChanged.connect(self._on_kind)
        for signal in (
            self.kind.currentIndexChanged,
            self.activation.currentIndexChanged,
            self.optimizer.currentIndexChanged,
            self.batch.valueChanged,
            self.alpha.valueChanged,
            self.learning_rate.valueChanged,
            self.layers.editingFinished,
        ):
            signal.connect(self._on_changed)
        self._model_base = None
        self._train_base = None

    def set_specs(self, model_spec, train_spec) -> None:
        self._model_base, self._train_base = model_spec, train_spec
        widgets = (self.kind, self.layers, self.activation, self.alpha, self.optimizer, self.learning_rate, self.batch)
        for w in widgets:
            w.blockSignals(True)
        try:
            self.kind.setCurrentIndex(max(0, self.kind.findData(model_spec.kind)))
            self.layers.setText(", ".join(str(h) for h in model_spec.hidden_layer_sizes) or "8")
            self._offer_per_layer(model_spec)
            act = model_spec.activation if isinstance(model_spec.activation, str) else PER_LAYER
            self.activation.setCurrentIndex(max(0, self.activation.findData(act)))
            self.alpha.setValue(model_spec.alpha)
            self.optimizer.setCurrentIndex(max(0, self.optimizer.findData(train_spec.optimizer)))
            self.learning_rate.setValue(train_spec.learning_rate)
            self.batch.setValue(train_spec.batch_size or 0)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self._on_kind()
        self.error.setText("")

    def _offer_per_layer(self, model_spec) -> None:
        """The activation box offers the activations ``model_spec`` sets layer by layer (not one for all), chosen."""
        at = self.activation.findData(PER_LAYER)
        if at >= 0:
            self.activation.removeItem(at)
        acts = model_spec.activation
        self._per_layer = tuple(acts) if not isinstance(acts, str) else ()
        if self._per_layer:
            self.activation.addItem(f"per layer: {', '.join(self._per_layer)}", PER_LAYER)
            self.activation.setItemData(
                self.activation.count() - 1,
                "Each hidden layer keeps the activation set for it in the model panel.",
                Qt.ItemDataRole.ToolTipRole,
            )

    @Slot()
    def _on_kind(self, *_) -> None:
        mlp = self.kind.currentData() == "mlp"
        self.layers.setEnabled(mlp and not self._keep_shape)
        self.activation.setEnabled(mlp)

    @Slot()
    def _on_changed(self, *_) -> None:
        try:
            self.model_spec()
            self.train_spec()
            self.error.setText("")
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        self.changed.emit()

    def model_spec(self):
        """The ModelSpec shown (raises ValueError with a sentence if a field is wrong)."""
        base = self._model_base or ModelSpec()
        kind = self.kind.currentData()
        if kind != "mlp":
            return replace(base, kind=kind, alpha=self.alpha.value())
        layers = base.hidden_layer_sizes if self._keep_shape else _parse_layers(self.layers.text())
        activation = self.activation.currentData()
        if activation == PER_LAYER:
            activation = self._per_layer
            if len(activation) != len(layers):
                raise ValueError(
                    f"the activations set per layer ({', '.join(activation)}) are for {len(activation)} layers: "
                    "choose one activation for all of them"
                )
        return replace(base, kind="mlp", hidden_layer_sizes=layers, activation=activation, alpha=self.alpha.value())

    def train_spec(self):
        base = self._train_base or TrainSpec()
        batch = self.batch.value()
        return replace(
            base,
            optimizer=self.optimizer.currentData(),
            learning_rate=self.learning_rate.value(),
            batch_size=batch if batch > 0 else None,
        )


class SettingsDialog(QDialog):
    """A model's settings in a small dialog (OK applies)."""

    def __init__(
        self,
        title: str,
        model_spec,
        train_spec,
        keep_shape: bool = False,
        note: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        if note:
            label = QLabel(note)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.editor = ModelSettingsEditor(keep_shape)
        self.editor.set_specs(model_spec, train_spec)
        layout.addWidget(self.editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @Slot()
    def _on_ok(self) -> None:
        try:
            self.editor.model_spec()
            self.editor.train_spec()
        except ValueError as exc:
            self.editor.error.setText(str(exc))
            return
        self.accept()
