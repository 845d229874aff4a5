"""Training panel: optimizer, learning rate, batch size, precision, stop conditions, and the pace control.

The pace control (``pace``, a drop-down list of ``model.training.pace.PACES``) belongs to the panel's values (saved
with them, set by a lesson) but is shown in the window's toolbar next to Play and Step, where one looks for it:
the main window places it there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QSpinBox, QVBoxLayout, QWidget

from gui.panels.form import RateBox, add_row, form_group, keep_keyboard_for_shortcuts
from gui.widgets.short_combo import ShortComboBox
from gui.widgets.typed_numbers import take_typed_numbers_when_done
from model.storage.view_entries import MAX_BATCH_SIZE, MAX_STOP_EPOCHS, MAX_TARGET_LOSS
from model.training import start_settings
from model.training.pace import DEFAULT_PACE, PACES, faster, pace_named, slower
from model.training.setting_names import FULL_BATCH, OPTIMIZER_NAMES
from model.training.specs import TrainSpec, replace

LEARNING_RATES = (1e-5, 1e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
LEARNING_RATE_RANGE = (1e-8, 100.0)  # what the learning rate box takes typed
#: What the toolbar's closed pace box says (its list says the whole label): "Watch", "100/s", "Fastest".
SHORT_PACE_LABELS = {"watch": "Watch", "max": "Fastest"}


def short_pace_label(key: str) -> str:
    return SHORT_PACE_LABELS.get(key, f"{key}/s")


OPTIMIZERS = tuple((name, key) for key, name in OPTIMIZER_NAMES.items())
#: The numbers the network computes with (``TrainSpec.dtype``); float32 is the app's default.
PRECISIONS = (("32-bit (fast)", "float32"), ("64-bit (precise)", "float64"))

# what a fresh window and `neural-playground train` without flags train with (Adam at 0.01: see start_settings)
_START = start_settings.TRAINING
DEFAULTS: dict[str, Any] = {
    "optimizer": _START["optimizer"],
    "learning_rate": _START["learning_rate"],
    "batch_size": _START["batch_size"] or 0,  # 0: full batch
    "dtype": _START["dtype"],
    "max_epochs": 0,  # 0: no limit
    "target_loss": 0.0,  # 0: off
    "pace": DEFAULT_PACE,  # a key of model.training.pace.PACES
    "pause_on_plateau": True,  # model.training.stop_rules: pause when the loss stopped improving
    "warn_overfitting": True,  # and say so when the test loss has risen for long
}


#: The panel's values a person's edit changes as one undoable step (``TrainingPanel.settings``): all but the pace,
#: which is how fast to watch (changed with ] and [ while watching, like the view's zoom), not what is trained.
SETTINGS = tuple(key for key in DEFAULTS if key != "pace")
_SPEC_KEYS = ("optimizer", "learning_rate", "batch_size", "dtype")
_LIMIT_KEYS = ("max_epochs", "target_loss")


class TrainingPanel(QWidget):
    """Emits a TrainSpec, the pace and the stop conditions whenever one of them changes.

    A person's edit of a setting (all values but the pace: ``settings``) goes to ``edit_handler(before, after)`` when
    one is set (the window's: it makes the edit one undoable step), with the settings as last applied and as
    edited; it applies them (``apply_settings``). Without one, an edit applies at once.
    """

    trainSpecChanged = Signal(object)  # model.training.specs.TrainSpec
    paceChanged = Signal(str)  # a key of model.training.pace.PACES
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
        self.learning_rate = RateBox(LEARNING_RATES, DEFAULTS["learning_rate"], *LEARNING_RATE_RANGE)
        add_row(
            form,
            "Learning rate",
            self.learning_rate,
            "The size of each step down the gradient; pick a preset or type a value, it applies at the next epoch.",
        )
        self.batch_size = QSpinBox()
        self.batch_size.setRange(0, MAX_BATCH_SIZE)
        self.batch_size.setSpecialValueText(FULL_BATCH)
        self.batch_size.setSingleStep(8)
        add_row(
            form,
            "Batch size",
            self.batch_size,
            f"How many training points each weight update sees; '{FULL_BATCH}' uses all of them.",
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

        box, form = form_group("Stop")
        self.max_epochs = QSpinBox()
        self.max_epochs.setRange(0, MAX_STOP_EPOCHS)
        self.max_epochs.setSingleStep(100)
        self.max_epochs.setSpecialValueText("No limit")
        add_row(form, "Epoch limit", self.max_epochs, "Training pauses by itself when it reaches this many epochs.")
        self.target_loss = QDoubleSpinBox()
        self.target_loss.setDecimals(4)
        self.target_loss.setRange(0.0, MAX_TARGET_LOSS)
        self.target_loss.setSingleStep(0.01)
        self.target_loss.setSpecialValueText("Off")
        add_row(
            form,
            "Stop at loss",
            self.target_loss,
            "Training pauses by itself once the training loss falls to this value.",
        )
        self.pause_on_plateau = QCheckBox("Pause when learning stops")
        self.pause_on_plateau.setToolTip(
            "Training pauses by itself once the training loss has not improved for as many epochs again as it "
            "took to get there (the status bar says so, and Play goes on); untick it to let training run on."
        )
        form.addRow(self.pause_on_plateau)
        self.warn_overfitting = QCheckBox("Warn about overfitting")
        self.warn_overfitting.setToolTip(
            "The status bar says so when the test loss has risen well above its best for a long stretch."
        )
        form.addRow(self.warn_overfitting)
        layout.addWidget(box)
        layout.addStretch(1)
        keep_keyboard_for_shortcuts(self)
        take_typed_numbers_when_done(self)

        self.pace = ShortComboBox(  # shown in the toolbar (see the module docstring)
            "How fast training runs: 'Watch' starts at 20 epochs a second and speeds up once the loss hardly falls "
            "any more, the others run a fixed number of epochs a second or flat out (] faster, [ slower)."
        )
        self.pace.setObjectName("paceBox")
        for pace in PACES:
            self.pace.add_item(pace.label, short_pace_label(pace.key), pace.key)
        # a click leaves the keyboard to Space and the other shortcuts
        self.pace.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        # What the panel has no control for (momentum, Adam's betas and epsilon, shuffling) comes from the
        # last spec it was shown (an opened session, a lesson), so an edit here does not reset it.
        self._others = TrainSpec(**_START)
        self._loading = False
        self._applied: dict = {}  # the settings last applied (set or emitted): an edit's "before"
        self.edit_handler: Callable[[dict, dict], None] | None = None
        self.set_params(DEFAULTS)
        for changed in (
            self.optimizer.currentIndexChanged,
            self.learning_rate.valueChanged,
            self.batch_size.valueChanged,
            self.precision.currentIndexChanged,
            self.max_epochs.valueChanged,
            self.target_loss.valueChanged,
            self.pause_on_plateau.toggled,
            self.warn_overfitting.toggled,
        ):
            changed.connect(self._on_edit)
        self.pace.currentIndexChanged.connect(self._on_pace_edit)

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

    def pace_key(self) -> str:
        return str(self.pace.currentData())

    def set_pace(self, key) -> None:
        """Shows pace `key` (emits paceChanged when it changes); an unknown key raises ValueError."""
        self.pace.setCurrentIndex(self.pace.findData(pace_named(key).key))

    @Slot()
    def pace_faster(self) -> None:
        self.set_pace(faster(self.pace_key()))

    @Slot()
    def pace_slower(self) -> None:
        self.set_pace(slower(self.pace_key()))

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
            "pace": self.pace_key(),
            "pause_on_plateau": self.pause_on_plateau.isChecked(),
            "warn_overfitting": self.warn_overfitting.isChecked(),
        }

    def settings(self) -> dict:
        """The panel's values but the pace (``SETTINGS``): what an edit changes as one undoable step."""
        params = self.params()
        return {key: params[key] for key in SETTINGS}

    def set_params(self, params: dict) -> None:
        """Loads saved values (unknown keys ignored, bad values replaced by defaults) without emitting."""
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
            try:
                pace = pace_named(p["pace"]).key
            except ValueError:
                pace = DEFAULT_PACE
            self.pace.setCurrentIndex(self.pace.findData(pace))
            self.pause_on_plateau.setChecked(_flag(p["pause_on_plateau"], True))
            self.warn_overfitting.setChecked(_flag(p["warn_overfitting"], True))
        finally:
            self._loading = False
        self._applied = self.settings()

    def apply_settings(self, settings: dict) -> None:
        """Shows ``settings`` (``settings()``'s keys; the pace stays) and hands on what differs from the settings
        last applied: trainSpecChanged for the optimizer, learning rate, batch size or precision, limitsChanged for
        the stop conditions (the two check boxes are read as training runs)."""
        before = self._applied
        if settings != self.settings():
            self.set_params({**self.params(), **settings})
        self._applied = self.settings()
        if any(before.get(key) != self._applied[key] for key in _SPEC_KEYS):
            self.trainSpecChanged.emit(self.train_spec())
        if any(before.get(key) != self._applied[key] for key in _LIMIT_KEYS):
            self.limitsChanged.emit(*self.limits())

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
    def _on_edit(self, *_) -> None:
        if self._loading:
            return
        if self.edit_handler is None:
            self.apply_settings(self.settings())
        else:
            self.edit_handler(dict(self._applied), self.settings())

    @Slot()
    def _on_pace_edit(self, *_):
        if not self._loading:
            self.paceChanged.emit(self.pace_key())


def _flag(value, default: bool) -> bool:
    """A saved yes/no (settings are JSON, so a real bool); anything else is the default."""
    return value if isinstance(value, bool) else default


def _num(value, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default
