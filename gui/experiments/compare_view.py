"""CompareView: the extra models trained side by side, each in its own boundary view.

Each pane shows one model (a colour chip matching its curves, its name and settings, buttons to edit
its settings or remove it) above a ``BoundaryView``. The panes' views are linked to the main boundary
view (zoom or pan one, all follow), show the main view's data, and hand point edits to the main view's
signals, so an edit made anywhere is one edit of the one dataset every model trains on.

``ModelSettingsEditor`` is the compact form used to edit a model's settings (also by "Branch from
here"). Nothing here talks to a session: requests go through ``gui.experiments.compare.CompareManager``.
"""

from __future__ import annotations

from dataclasses import replace

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.panels.form import RateBox
from gui.plot.boundary_view import BoundaryView
from model.training.runs import describe_model, describe_training
from model.training.specs import ModelSpec, TrainSpec

KINDS = (("mlp", "Neural network (MLP)"), ("logistic", "Logistic regression"), ("perceptron", "Perceptron"))
ACTIVATIONS = (
    ("tanh", "tanh"),
    ("relu", "ReLU"),
    ("logistic", "sigmoid"),
    ("leaky_relu", "leaky ReLU"),
    ("identity", "linear"),
)
OPTIMIZER_NAMES = (("sgd", "SGD"), ("momentum", "Momentum"), ("nesterov", "Nesterov"), ("adam", "Adam"))
RATE_PRESETS = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
EDIT_SIGNALS = (
    "addPointsRequested",
    "removePointRequested",
    "removePointsRequested",
    "movePointRequested",
    "probeRequested",
)


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
        self.activation = _combo(ACTIVATIONS, "The function every hidden neuron applies.")
        self.alpha = QDoubleSpinBox()
        self.alpha.setDecimals(4)
        self.alpha.setRange(0.0, 10.0)
        self.alpha.setSingleStep(0.001)
        self.alpha.setToolTip("L2 penalty: pulls the weights towards zero (0 = none).")
        self.optimizer = _combo(OPTIMIZER_NAMES, "How the weights follow the gradient.")
        self.learning_rate = RateBox(RATE_PRESETS, 0.03, minimum=1e-7, maximum=100.0)
        self.learning_rate.setToolTip("The step size of every update.")
        self.batch = QSpinBox()
        self.batch.setRange(0, 100000)
        self.batch.setSpecialValueText("all (full batch)")
        self.batch.setToolTip("Samples per update; 'all' uses the whole training set.")
        form.addRow("Model", self.kind)
        form.addRow("Hidden layers", self.layers)
        form.addRow("Activation", self.activation)
        form.addRow("L2 penalty", self.alpha)
        form.addRow("Optimizer", self.optimizer)
        form.addRow("Learning rate", self.learning_rate)
        form.addRow("Batch size", self.batch)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020")
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
            act = model_spec.activation if isinstance(model_spec.activation, str) else model_spec.activation[0]
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
        return replace(
            base,
            kind="mlp",
            hidden_layer_sizes=layers,
            activation=self.activation.currentData(),
            alpha=self.alpha.value(),
        )

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
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
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


def describe(model_spec, train_spec) -> str:
    return f"{describe_model(model_spec)} · {describe_training(train_spec)}"


class ModelPane(QFrame):
    """One extra model: a header line above its own boundary view."""

    settingsRequested = Signal(int)
    removeRequested = Signal(int)

    def __init__(self, session_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.session_id = int(session_id)
        self.setFrameShape(QFrame.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        head = QHBoxLayout()
        self.chip = QLabel()
        self.chip.setFixedSize(12, 12)
        self.title = QLabel()
        self.title.setTextFormat(Qt.PlainText)
        self.title.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.settings_button = QToolButton()
        self.settings_button.setText("Settings…")
        self.settings_button.setToolTip("Change this model's settings (the others keep theirs).")
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setToolTip("Stop training this model and remove it (its run stays in the run table).")
        head.addWidget(self.chip)
        head.addWidget(self.title, 1)
        head.addWidget(self.settings_button)
        head.addWidget(self.remove_button)
        layout.addLayout(head)
        self.view = BoundaryView()
        self.view.set_legend_visible(False)
        # The pane shows the main plot's region: its axes would repeat the main plot's, and painting
        # axes is most of what a small plot costs. A thin frame instead.
        plot = self.view.getPlotItem()
        plot.hideAxis("left")
        plot.hideAxis("bottom")
        plot.showGrid(x=False, y=False)
        self.view.vb.setBorder(pg.mkPen("#999999"))
        layout.addWidget(self.view, 1)
        self.settings_button.clicked.connect(self._on_settings)
        self.remove_button.clicked.connect(self._on_remove)
        self.model_spec = self.train_spec = None

    def set_info(self, name: str, colour: str, model_spec, train_spec) -> None:
        self.model_spec, self.train_spec = model_spec, train_spec
        self.chip.setStyleSheet(f"background: {colour}; border: 1px solid #333; border-radius: 2px")
        text = f"{name} — {describe(model_spec, train_spec)}"
        self.title.setText(text)
        self.title.setToolTip(text)

    @Slot()
    def _on_settings(self) -> None:
        self.settingsRequested.emit(self.session_id)

    @Slot()
    def _on_remove(self) -> None:
        self.removeRequested.emit(self.session_id)


class CompareView(QWidget):
    """The extra models in a grid of panes, linked to the main boundary view.

    ``attach(main_view)`` links the panes to the main view (ranges, data, edits);
    ``set_members(list)`` builds/removes panes; ``show_snapshot(snapshot)`` routes a member's
    snapshot to its pane by ``session_id``.
    """

    settingsRequested = Signal(int)
    removeRequested = Signal(int)
    addRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(2, 2, 2, 2)
        self._grid.setSpacing(4)
        self._empty = QLabel(
            "Add a model (Models ▸ Compare: add a model) to train it beside the main one on the same data."
        )
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignCenter)
        self._grid.addWidget(self._empty, 0, 0)
        self.panes: dict[int, ModelPane] = {}
        self._main = None
        self._syncing = False

    def attach(self, main_view: BoundaryView) -> None:
        self._main = main_view
        main_view.vb.sigRangeChanged.connect(self._on_main_range)
        for pane in self.panes.values():
            self._link(pane)

    # Ranges are synchronised by hand, not with setXLink/setYLink: pyqtgraph's links align views by
    # their position on screen, and the panes sit elsewhere than the main plot. Each shows the same
    # region (each keeps its 1:1 aspect, so a pane of another shape shows a little more around it).
    @Slot()
    def _on_main_range(self, *_) -> None:
        if self._syncing or self._main is None:
            return
        self._syncing = True
        try:
            (x0, x1), (y0, y1) = self._main.vb.viewRange()
            for pane in self.panes.values():
                pane.view.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
                pane.view.setAspectLocked(False)
        finally:
            self._syncing = False

    @Slot()
    def _on_pane_range(self, *_) -> None:
        pane_vb = self.sender()
        if self._syncing or self._main is None or pane_vb is None:
            return
        (x0, x1), (y0, y1) = pane_vb.viewRange()
        self._main.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)  # the panes follow the main view

    def _link(self, pane: ModelPane) -> None:
        main = self._main
        if main is None:
            return
        pane.view.vb.sigRangeChangedManually.connect(self._on_pane_range)
        for name in EDIT_SIGNALS:  # an edit in a pane is an edit of the one dataset
            getattr(pane.view, name).connect(getattr(main, name))
        self._sync_data(pane)
        self._follow_main(pane)

    def _follow_main(self, pane: ModelPane) -> None:
        (x0, x1), (y0, y1) = self._main.vb.viewRange()
        self._syncing = True
        try:
            pane.view.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        finally:
            self._syncing = False

    def _sync_data(self, pane: ModelPane) -> None:
        main = self._main
        if main is None:
            return
        ds = main.dataset()
        if ds is not pane.view.dataset():
            pane.view.set_dataset(ds)  # rings from any snapshot whose predictions fit
            # the same region as the main plot whatever the pane's shape (a 1:1 aspect in a flat pane
            # would widen it many times over)
            pane.view.setAspectLocked(False)
            self._follow_main(pane)
        pane.view.set_tool(main.tool())

    def set_members(self, members) -> None:
        """members: [(session_id, name, colour, ModelSpec, TrainSpec), ...]"""
        wanted = {int(m[0]): m for m in members}
        for sid in list(self.panes):
            if sid not in wanted:
                pane = self.panes.pop(sid)
                self._grid.removeWidget(pane)
                pane.deleteLater()
        for sid, name, colour, model_spec, train_spec in members:
            pane = self.panes.get(sid)
            if pane is None:
                pane = ModelPane(sid)
                pane.settingsRequested.connect(self.settingsRequested)
                pane.removeRequested.connect(self.removeRequested)
                self.panes[sid] = pane
                self._link(pane)
            pane.set_info(name, colour, model_spec, train_spec)
        self._relayout()

    def _relayout(self) -> None:
        for pane in self.panes.values():
            self._grid.removeWidget(pane)
        self._grid.removeWidget(self._empty)
        self._empty.setVisible(not self.panes)
        if not self.panes:
            self._grid.addWidget(self._empty, 0, 0)
            return
        cols = 1 if len(self.panes) == 1 else 2
        for i, pane in enumerate(self.panes.values()):
            self._grid.addWidget(pane, i // cols, i % cols)

    @Slot(object)
    def show_snapshot(self, snapshot) -> None:
        pane = self.panes.get(getattr(snapshot, "session_id", None))
        if pane is None:
            return
        self._sync_data(pane)
        pane.view.show_snapshot(snapshot)

    def flush(self) -> None:
        """Draw pending snapshots now (tests)."""
        for pane in self.panes.values():
            pane.view.flush()
