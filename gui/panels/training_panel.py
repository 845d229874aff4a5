"""Training panel: optimizer, learning rate, batch size, precision, stop conditions and speed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QSpinBox, QVBoxLayout, QWidget

from gui.panels.form import RateBox, add_row, form_group, keep_keyboard_for_shortcuts
from model.training.specs import TrainSpec, replace

LEARNING_RATES = (1e-5, 1e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
OPTIMIZERS = (("SGD", "sgd"), ("Momentum", "momentum"), ("Nesterov", "nesterov"), ("Adam", "adam"))
SPEEDS = (
    ("As fast as possible", 0.0),
    ("1000 epochs/s", 1000.0),
    ("300 epochs/s", 300.0),
    ("100 epochs/s", 100.0),
    ("30 epochs/s", 30.0),
    ("10 epochs/s", 10.0),
    ("3 epochs/s", 3.0),
    ("1 epoch/s", 1.0),
)
#: The numbers the network computes with (``TrainSpec.dtype``); float32 is the app's default.
PRECISIONS = (("32-bit (fast)", "float32"), ("64-bit (precise)", "float64"))

DEFAULTS: dict[str, Any] = {
    "optimizer": "adam",
    "learning_rate": 0.03,
    "batch_size": 0,  # 0: full batch
    "dtype": "float32",
    "max_epochs": 0,  # 0: no limit
    "target_loss": 0.0,  # 0: off
    "speed": 0.0,  # epochs per second, 0: as fast as possible
}


class TrainingPanel(QWidget):
    """Emits a TrainSpec, the speed and the stop conditions whenever one of them changes."""

    trainSpecChanged = Signal(object)  # model.training.specs.TrainSpec
    speedChanged = Signal(float)  # epochs per second, 0 = as fast as possible
    limitsChanged = Signal(object, object)  # max_epochs (int or None), target_loss (float or None)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)

        box, form = form_group("Training")
        self.optimizer = QComboBox()
        for label, key in OPTIMIZERS:
            self.optimizer.addItem(label, key)
        add_row(
            form,
            "Optimizer",
            self.optimizer,
            "How the gradient moves the weights: plain SGD, SGD with momentum (or Nesterov's variant), or Adam.",
        )
        self.learning_rate = RateBox(LEARNING_RATES, DEFAULTS["learning_rate"], minimum=1e-8, maximum=100.0)
        add_row(
            form,
            "Learning rate",
            self.learning_rate,
            "The size of each step down the gradient; pick a preset or type a value, it applies at the next epoch.",
        )
        self.batch_size = QSpinBox()
        self.batch_size.setRange(0, 100_000)
        self.batch_size.setSpecialValueText("Full batch")
        self.batch_size.setSingleStep(8)
        add_row(
            form,
            "Batch size",
            self.batch_size,
            "How many training points each weight update sees; 'Full batch' uses all of them.",
        )
        self.precision = QComboBox()
        for label, key in PRECISIONS:
            self.precision.addItem(label, key)
        add_row(
            form,
            "Precision",
            self.precision,
            "The numbers the network computes with: 32-bit floats (~7 digits) train 1.5-2.5 times as fast "
            "as 64-bit ones (~16 digits), which keep tiny steps exact; switching keeps the weights and "
            "restarts the optimizer's memory.",
        )
        layout.addWidget(box)

        box, form = form_group("Stop and speed")
        self.max_epochs = QSpinBox()
        self.max_epochs.setRange(0, 10_000_000)
        self.max_epochs.setSingleStep(100)
        self.max_epochs.setSpecialValueText("No limit")
        add_row(form, "Epoch limit", self.max_epochs, "Training pauses by itself when it reaches this many epochs.")
        self.target_loss = QDoubleSpinBox()
        self.target_loss.setDecimals(4)
        self.target_loss.setRange(0.0, 100.0)
        self.target_loss.setSingleStep(0.01)
        self.target_loss.setSpecialValueText("Off")
        add_row(
            form,
            "Stop at loss",
            self.target_loss,
            "Training pauses by itself once the training loss falls to this value.",
        )
        self.speed = QComboBox()
        for label, value in SPEEDS:
            self.speed.addItem(label, value)
        add_row(
            form,
            "Speed",
            self.speed,
            "How many epochs run per second; slow it down to watch each step, or let it run flat out.",
        )
        layout.addWidget(box)
        layout.addStretch(1)

        keep_keyboard_for_shortcuts(self)
        # What the panel has no control for (momentum, Adam's betas and epsilon, shuffling) comes from the
        # last spec it was shown (an opened session, a lesson), so an edit here does not reset it.
        self._others = TrainSpec()
        self._loading = False
        self.set_params(DEFAULTS)
        self.optimizer.currentIndexChanged.connect(self._on_spec_edit)
        self.learning_rate.valueChanged.connect(self._on_spec_edit)
        self.batch_size.valueChanged.connect(self._on_spec_edit)
        self.precision.currentIndexChanged.connect(self._on_spec_edit)
        self.max_epochs.valueChanged.connect(self._on_limits_edit)
        self.target_loss.valueChanged.connect(self._on_limits_edit)
        self.speed.currentIndexChanged.connect(self._on_speed_edit)

    # ------------------------------------------------------------------ values
    def train_spec(self):
        bs = self.batch_size.value()
        return replace(
            self._others,
            optimizer=self.optimizer.currentData(),
            learning_rate=self.learning_rate.value(),
            batch_size=bs if bs > 0 else None,
            dtype=self.precision.currentData(),
        )

    def speed_value(self) -> float:
        return float(self.speed.currentData())

    def limits(self) -> tuple[int | None, float | None]:
        return (self.max_epochs.value() or None, self.target_loss.value() or None)

    def params(self) -> dict:
        return {
            "optimizer": self.optimizer.currentData(),
            "learning_rate": self.learning_rate.value(),
            "batch_size": self.batch_size.value(),
            "dtype": self.precision.currentData(),
            "max_epochs": self.max_epochs.value(),
            "target_loss": self.target_loss.value(),
            "speed": self.speed_value(),
        }

    def set_params(self, params: dict) -> None:
        """Loads saved values (unknown keys ignored, bad values replaced by defaults) and emits once."""
        p = {**DEFAULTS, **{k: v for k, v in (params or {}).items() if k in DEFAULTS}}
        self._loading = True
        try:
            i = self.optimizer.findData(p["optimizer"])
            self.optimizer.setCurrentIndex(i if i >= 0 else self.optimizer.findData(DEFAULTS["optimizer"]))
            self.learning_rate.setValue(_num(p["learning_rate"], DEFAULTS["learning_rate"]))
            self.batch_size.setValue(int(_num(p["batch_size"], 0)))
            i = self.precision.findData(p["dtype"])
            self.precision.setCurrentIndex(i if i >= 0 else self.precision.findData(DEFAULTS["dtype"]))
            self.max_epochs.setValue(int(_num(p["max_epochs"], 0)))
            self.target_loss.setValue(_num(p["target_loss"], 0.0))
            speed = _num(p["speed"], 0.0)
            i = self.speed.findData(speed)
            self.speed.setCurrentIndex(i if i >= 0 else 0)
        finally:
            self._loading = False

    def set_learning_rate(self, value: float) -> None:
        self.learning_rate.setValue(value)

    def keep_other_settings(self, spec) -> None:
        """From now on ``train_spec()`` carries ``spec``'s momentum, Adam's betas and epsilon and shuffling,
        which the panel has no control for (an opened session's own). Emits nothing."""
        self._others = spec

    # Load a lesson's TrainSpec (optimizer, learning rate, batch size) and emit it once
    def set_train_spec(self, spec) -> None:
        """Shows `spec` in the panel and emits trainSpecChanged once; fields the panel has no control for
        (momentum, Adam's betas...) are `spec`'s too."""
        self._others = spec
        self.set_params(
            {
                **self.params(),
                "optimizer": spec.optimizer,
                "learning_rate": spec.learning_rate,
                "batch_size": spec.batch_size or 0,
                "dtype": spec.dtype,
            }
        )
        self.trainSpecChanged.emit(self.train_spec())

    # ------------------------------------------------------------------ edits
    @Slot()
    def _on_spec_edit(self, *_):
        if not self._loading:
            self.trainSpecChanged.emit(self.train_spec())

    @Slot()
    def _on_limits_edit(self, *_):
        if not self._loading:
            self.limitsChanged.emit(*self.limits())

    @Slot()
    def _on_speed_edit(self, *_):
        if not self._loading:
            self.speedChanged.emit(self.speed_value())


def _num(value, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default
