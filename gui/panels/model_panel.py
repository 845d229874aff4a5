"""Model panel: perceptron, logistic regression or an MLP with its layers, activations and penalties."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QPushButton, QSpinBox, QToolButton, QVBoxLayout, QWidget

from gui.panels.feature_inputs import FeatureInputs
from gui.panels.form import RateBox, add_row, form_group, keep_keyboard_for_shortcuts, narrow_field
from gui.widgets.typed_numbers import take_typed_numbers_when_done
from gui.widgets.wrapping import WrappedLabel
from model.nn.activations import get_activation
from model.storage.view_entries import MAX_LAYERS, MAX_NEURONS
from model.training import start_settings
from model.training.setting_names import ACTIVATION_CHOICES, L1_NAME, L2_NAME, MODEL_KIND_NAMES
from model.training.specs import ModelSpec

KINDS = tuple((name, key) for key, name in MODEL_KIND_NAMES.items())
INITS = (("Auto", "auto"), ("Glorot (Xavier)", "glorot"), ("He", "he"))
PENALTIES = (0.0, 1e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)

#: under the Type when it is the perceptron
PERCEPTRON_NOTE = (
    "One epoch moves the line at every point it gets wrong, so it is in place after the first (at the Watch pace, "
    "Play shows those moves one by one at first). Its loss (how far "
    "wrong points lie past the line) is 0 at its zero start, then climbs: watch the accuracy. Point by point: "
    "View ▸ Perceptron lesson."
)

_START = start_settings.MODEL  # what a fresh window and `neural-playground train` without flags start from
DEFAULTS: dict[str, Any] = {
    "kind": _START["kind"],
    "layers": list(_START["hidden_layer_sizes"]),
    "activations": [_START["activation"]] * len(_START["hidden_layer_sizes"]),
    "alpha": _START["alpha"],
    "l1": _START["l1"],
    "weight_init": _START["weight_init"],
}


class ModelPanel(QWidget):
    """Emits a ModelSpec whenever the model's description changes (the session then starts from fresh weights).

    A person's edit goes to ``edit_handler(before, after)`` when one is set (the window's: it asks first, and makes
    the edit one undoable step), with the panel's values (``params``) as last applied and as edited; it applies
    them (``apply_params``) or puts the panel back (``set_params(before)``). Without one, an edit applies at once.
    """

    modelSpecChanged = Signal(object)  # model.training.specs.ModelSpec

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._loading = False
        self._applied: dict = {}  # the values of the model last applied (set or emitted): an edit's "before"
        self.edit_handler: Callable[[dict, dict], None] | None = None
        self._task = "classification"
        # the perceptron a regression dataset replaced: it comes back with classification data, unless the model
        # was set meanwhile (as the extra inputs 1-D data cannot use stay checked and come back with 2-D data)
        self._kind_set_aside: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)

        box, form = form_group("Model")
        self.kind = QComboBox()
        for label, key in KINDS:
            self.kind.addItem(label, key)
        add_row(
            form,
            "Type",
            self.kind,
            "A single-layer perceptron and logistic regression draw straight boundaries; an MLP can bend them.",
        )
        self.task_label = QLabel()
        self.task_label.setObjectName("taskLabel")
        add_row(
            form,
            "Task",
            self.task_label,
            "Classification or regression follows the data: generate a regression curve to fit a function.",
        )
        # What a newcomer who picks the perceptron and presses Play needs told: its line is in place after one
        # epoch (a pass of Rosenblatt's rule moves it at every point it gets wrong) and its loss, zero at its zero
        # start, then climbs; the view that shows it learn point by point is named as the View menu names it.
        self.kind_note = WrappedLabel(PERCEPTRON_NOTE)
        self.kind_note.setObjectName("kindNote")
        form.addRow(self.kind_note)
        layout.addWidget(box)

        self.mlp_box, form = form_group("Hidden layers")
        self._layers_widget = QWidget()
        self._grid = QGridLayout(self._layers_widget)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(4)
        form.addRow(self._layers_widget)
        self.add_layer_button = QPushButton("+ Add layer")
        self.add_layer_button.setToolTip("Adds a hidden layer before the output layer.")
        self.add_layer_button.clicked.connect(self._on_add_layer)
        form.addRow(self.add_layer_button)
        self._rows: list[tuple[QLabel, QSpinBox, QComboBox, QToolButton]] = []

        layout.addWidget(self.mlp_box)
        # X1², x2², x1·x2, sin x1, sin x2 as input nodes (ModelSpec.features)
        self.features_box = FeatureInputs()
        self.features_box.changed.connect(self._on_edit)
        layout.addWidget(self.features_box)

        box, form = form_group("Weights")
        self.alpha = RateBox(PENALTIES, 0.0, maximum=100.0)
        add_row(
            form,
            L2_NAME,
            self.alpha,
            "Weight decay: pulls every weight towards zero in proportion to its size, for smoother boundaries.",
        )
        self.l1 = RateBox(PENALTIES, 0.0, maximum=100.0)
        add_row(form, L1_NAME, self.l1, "Pushes small weights to exactly zero, so the network uses fewer connections.")
        self.weight_init = QComboBox()
        for label, key in INITS:
            self.weight_init.addItem(label, key)
        add_row(
            form,
            "Weight init",
            self.weight_init,
            "How a network's first random weights are scaled (Glorot suits tanh and sigmoid, He suits ReLU, "
            "Auto picks by activation); the perceptron and logistic regression start from zero weights.",
        )
        layout.addWidget(box)
        layout.addStretch(1)

        keep_keyboard_for_shortcuts(self)
        self.set_params(DEFAULTS)
        self.set_task("classification")
        self.kind.currentIndexChanged.connect(self._on_edit)
        self.alpha.valueChanged.connect(self._on_edit)
        self.l1.valueChanged.connect(self._on_edit)
        self.weight_init.currentIndexChanged.connect(self._on_edit)

    # ------------------------------------------------------------------ layers
    def _add_row(self, neurons: int, activation: str) -> None:
        i = len(self._rows)
        label = QLabel(f"Layer {i + 1}")
        spin = QSpinBox()
        spin.setRange(1, MAX_NEURONS)
        spin.setValue(int(neurons))
        spin.setSuffix(" neurons")
        spin.setToolTip("How many neurons this hidden layer has.")
        take_typed_numbers_when_done(spin)  # a typed "16" is one new network, not one of 1 neuron first
        act = QComboBox()
        for key, text in ACTIVATION_CHOICES:
            act.addItem(text, key)
            act.setItemData(act.count() - 1, f"a = {get_activation(key).formula}", Qt.ItemDataRole.ToolTipRole)
        j = act.findData(activation)
        act.setCurrentIndex(j if j >= 0 else 0)
        act.setToolTip("The non-linearity each neuron of this layer applies to its weighted sum.")
        narrow_field(spin, "8 neurons")
        narrow_field(act, "sigmoid")
        remove = QToolButton()
        remove.setText("\u2212")
        remove.setObjectName("removeLayer")
        remove.setToolTip("Removes this hidden layer.")
        spin.valueChanged.connect(self._on_edit)
        act.currentIndexChanged.connect(self._on_edit)
        remove.clicked.connect(self._on_remove_layer)
        act.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        remove.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._grid.addWidget(label, i, 0)
        self._grid.addWidget(spin, i, 1)
        self._grid.addWidget(act, i, 2)
        self._grid.addWidget(remove, i, 3)
        # Tab through the rows in their order, then to Add layer: a new row would otherwise come last in the chain.
        previous = self._rows[-1][3] if self._rows else self.kind
        for before, after in ((previous, spin), (spin, act), (act, remove), (remove, self.add_layer_button)):
            QWidget.setTabOrder(before, after)
        self._rows.append((label, spin, act, remove))
        self._update_layer_buttons()

    def _clear_rows(self) -> None:
        for row in self._rows:
            for w in row:
                self._grid.removeWidget(w)
                w.deleteLater()
        self._rows.clear()

    def _update_layer_buttons(self) -> None:
        self.add_layer_button.setEnabled(len(self._rows) < MAX_LAYERS)
        for k, (label, spin, act, remove) in enumerate(self._rows):
            label.setText(f"Layer {k + 1}")
            # What a screen reader says: the row's label is not the fields' buddy, and "−" is not a name.
            spin.setAccessibleName(f"Neurons of layer {k + 1}")
            act.setAccessibleName(f"Activation of layer {k + 1}")
            remove.setAccessibleName(f"Remove layer {k + 1}")

    @Slot()
    def _on_add_layer(self) -> None:
        if len(self._rows) >= MAX_LAYERS:
            return
        neurons, act = (self._rows[-1][1].value(), self._rows[-1][2].currentData()) if self._rows else (8, "tanh")
        self._add_row(neurons, act)
        self._on_edit()

    @Slot()
    def _on_remove_layer(self) -> None:
        button = self.sender()
        for k, row in enumerate(self._rows):
            if row[3] is button:
                for w in row:
                    self._grid.removeWidget(w)
                    w.deleteLater()
                del self._rows[k]
                break
        # re-pack the grid so the rows stay contiguous
        for k, row in enumerate(self._rows):
            for col, widget in enumerate(row):
                self._grid.addWidget(widget, k, col)
        self._update_layer_buttons()
        self._on_edit()

    # ------------------------------------------------------------------ values
    def hidden_layers(self) -> tuple[int, ...]:
        return tuple(spin.value() for _, spin, _, _ in self._rows)

    def activations(self) -> tuple[str, ...]:
        return tuple(act.currentData() for _, _, act, _ in self._rows)

    def model_spec(self) -> ModelSpec:
        return spec_from_params(self.params())

    def params(self) -> dict:
        params = {
            "kind": self.kind.currentData(),
            "layers": list(self.hidden_layers()),
            "activations": list(self.activations()),
            "alpha": self.alpha.value(),
            "l1": self.l1.value(),
            "weight_init": self.weight_init.currentData(),
        }
        if self.features_box.features():  # extra inputs: saved only when some are used
            params["features"] = list(self.features_box.features())
        return params

    def set_params(self, params: dict) -> None:
        """Loads saved values (bad values fall back to defaults) without emitting."""
        p = {**DEFAULTS, **{k: v for k, v in (params or {}).items() if k in DEFAULTS}}
        self._loading = True
        try:
            i = self.kind.findData(p["kind"])
            self.kind.setCurrentIndex(i if i >= 0 else self.kind.findData("mlp"))
            try:
                layers = [min(MAX_NEURONS, max(1, int(n))) for n in p["layers"]][:MAX_LAYERS]
                acts = [str(a) for a in p["activations"]]
            except (TypeError, ValueError):
                layers, acts = list(DEFAULTS["layers"]), list(DEFAULTS["activations"])
            acts = (acts + ["tanh"] * len(layers))[: len(layers)]
            if len(layers) == len(self._rows):  # the same rows, new values: the box being typed in stays
                for (_, spin, act, _), n, a in zip(self._rows, layers, acts):
                    spin.setValue(n)
                    j = act.findData(a)
                    act.setCurrentIndex(j if j >= 0 else 0)
            else:
                self._clear_rows()
                for n, a in zip(layers, acts):
                    self._add_row(n, a)
            self._update_layer_buttons()
            self.alpha.setValue(_num(p["alpha"], 0.0))
            self.l1.setValue(_num(p["l1"], 0.0))
            i = self.weight_init.findData(p["weight_init"])
            self.weight_init.setCurrentIndex(max(0, i))
            self.features_box.set_features((params or {}).get("features") or ())  # extra inputs
            self._update_enabled()
        finally:
            self._loading = False
        self._applied = self.params()
        self._kind_set_aside = None  # a model set from outside (undo, a session, a lesson) is the one to keep

    def apply_params(self, params: dict) -> None:
        """Shows ``params`` (when the panel does not already) and emits their ModelSpec: the model changes."""
        if params != self.params():
            self.set_params(params)
        self._applied = self.params()
        self.modelSpecChanged.emit(self.model_spec())

    # Load a whole ModelSpec (a lesson's or a challenge's) and emit it once
    def set_model_spec(self, spec) -> None:
        """Shows `spec` in the panel and emits modelSpecChanged once (a non-MLP keeps the layer rows as they are)."""
        params = {
            "kind": spec.kind,
            "alpha": spec.alpha,
            "l1": spec.l1,
            "weight_init": spec.weight_init,
            "features": list(spec.features),
        }
        if spec.kind == "mlp":
            params["layers"], params["activations"] = list(spec.hidden), list(spec.hidden_activations)
        else:
            params["layers"], params["activations"] = list(self.hidden_layers()), list(self.activations())
        self.set_params(params)
        self.modelSpecChanged.emit(self.model_spec())

    def set_task(self, task: str) -> None:
        """The data decides the task; a regression task has no perceptron and fits a line instead of a logit."""
        self._task = task
        regression = task == "regression"
        self.task_label.setText("Regression (fit a curve)" if regression else "Classification")
        self.kind.setItemText(1, "Linear regression" if regression else "Logistic regression")
        model = self.kind.model()
        assert isinstance(model, QStandardItemModel)  # a combo box's own model
        item = model.item(0)
        item.setEnabled(not regression)
        if regression and self.kind.currentData() == "perceptron":  # the data decides it: no edit of the person's
            self._show_kind("logistic")
            self._kind_set_aside = "perceptron"
        elif not regression and self._kind_set_aside is not None:
            kind, self._kind_set_aside = self._kind_set_aside, None
            if self.kind.currentData() == "logistic":  # still the stand-in: the person did not pick another
                self._show_kind(kind)

    def _show_kind(self, kind: str) -> None:
        """Shows and applies the model ``kind`` the data decided (not an edit of the person's: no undo step)."""
        self._loading = True
        try:
            self.kind.setCurrentIndex(self.kind.findData(kind))
        finally:
            self._loading = False
        self._update_enabled()
        self.apply_params(self.params())

    def task(self) -> str:
        return self._task

    # ------------------------------------------------------------------ edits
    def _update_enabled(self) -> None:
        self.mlp_box.setEnabled(self.kind.currentData() == "mlp")
        self.kind_note.setVisible(self.kind.currentData() == "perceptron")

    @Slot()
    def _on_edit(self, *_) -> None:
        self._update_enabled()
        if self._loading:
            return
        if self.edit_handler is None:
            self.apply_params(self.params())
        else:
            self.edit_handler(dict(self._applied), self.params())


def spec_from_params(params: dict) -> ModelSpec:
    """The ModelSpec of the panel's values ``params`` (``ModelPanel.params``)."""
    features = tuple(params.get("features", ()))
    if params["kind"] != "mlp":
        return ModelSpec(
            kind=params["kind"],
            hidden_layer_sizes=(),
            activation="identity",
            weight_init=params["weight_init"],
            alpha=params["alpha"],
            l1=params["l1"],
            features=features,
        )
    acts = tuple(params["activations"])
    activation = acts[0] if acts and len(set(acts)) == 1 else acts
    if not acts:
        activation = "tanh"
    return ModelSpec(
        kind="mlp",
        hidden_layer_sizes=tuple(params["layers"]),
        activation=activation,
        weight_init=params["weight_init"],
        alpha=params["alpha"],
        l1=params["l1"],
        features=features,
    )


def _num(value, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default
