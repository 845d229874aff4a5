"""Data panel: pick a generator and its parameters, generate, clear, show or hide the test points."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.panels.form import add_row, form_group, keep_keyboard_for_shortcuts
from model.data.generators import DATASETS, make

MAX_POINTS = 20_000

DEFAULTS: dict[str, Any] = {
    "name": "moons",
    "n_samples": 200,
    "noise": 0.1,
    "n_classes": 3,
    "seed": 0,
    "test_fraction": 0.2,
    "show_test": True,
}


def build_dataset(params: dict):
    """The Dataset the panel's parameters describe (a dict as returned by DataPanel.params())."""
    return make(
        params["name"],
        n_samples=int(params["n_samples"]),
        noise=float(params["noise"]),
        seed=int(params["seed"]),
        n_classes=int(params["n_classes"]),
        test_fraction=float(params["test_fraction"]),
    )


class DataPanel(QWidget):
    generateRequested = Signal(object)  # dict of parameters, see params()
    clearRequested = Signal()
    showTestChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        box, form = form_group("Data")

        self.generator = QComboBox()
        for name, info in DATASETS.items():
            self.generator.addItem(info.label, name)
        self.generator.setMaxVisibleItems(len(DATASETS))
        add_row(
            form,
            "Dataset",
            self.generator,
            "Which built-in dataset to generate; a curve turns the task into regression.",
        )
        self.n_samples = QSpinBox()
        self.n_samples.setRange(1, MAX_POINTS)
        self.n_samples.setSingleStep(50)
        self.n_samples.setGroupSeparatorShown(True)
        add_row(form, "Points", self.n_samples, "How many points to generate (training and test together).")
        self.noise = QDoubleSpinBox()
        self.noise.setRange(0.0, 1.0)
        self.noise.setSingleStep(0.05)
        self.noise.setDecimals(2)
        add_row(
            form,
            "Noise",
            self.noise,
            "How far points are jittered from the clean shape, as a fraction of the data's radius.",
        )
        self.n_classes = QSpinBox()
        self.n_classes.setRange(2, 9)
        add_row(form, "Classes", self.n_classes, "How many classes blobs and spirals get (2 to 9).")
        self.seed = QSpinBox()
        self.seed.setRange(0, 2_147_483_647)
        add_row(form, "Seed", self.seed, "The random seed: the same seed gives the same points and split.")
        self.test_fraction = QSpinBox()
        self.test_fraction.setRange(0, 90)
        self.test_fraction.setSingleStep(5)
        self.test_fraction.setSuffix(" % test")
        add_row(
            form,
            "Split",
            self.test_fraction,
            "The share of points held out as a test set, never trained on, to measure generalisation.",
        )
        self.show_test = QCheckBox("Show test points")
        self.show_test.setToolTip("Draws the held-out test points (hollow markers) on the plot.")
        form.addRow(self.show_test)

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        self.generate_button = QPushButton("Generate")
        self.generate_button.setObjectName("primary")
        self.generate_button.setToolTip("Replaces the points with a fresh sample of the chosen dataset (undoable).")
        self.clear_button = QPushButton("Clear")
        self.clear_button.setToolTip("Removes every point, so you can draw your own (undoable).")
        buttons.addWidget(self.generate_button, 1)
        buttons.addWidget(self.clear_button)
        form.addRow(buttons)
        layout.addWidget(box)
        layout.addStretch(1)

        keep_keyboard_for_shortcuts(self)
        self.set_params(DEFAULTS)
        self.generator.activated.connect(self._on_generator_picked)
        self.generator.currentIndexChanged.connect(self._update_enabled)
        self.generate_button.clicked.connect(self._on_generate)
        self.clear_button.clicked.connect(self.clearRequested)
        self.show_test.toggled.connect(self.showTestChanged)

    # ------------------------------------------------------------------ values
    def params(self) -> dict:
        return {
            "name": self.generator.currentData(),
            "n_samples": self.n_samples.value(),
            "noise": round(self.noise.value(), 4),
            "n_classes": self.n_classes.value(),
            "seed": self.seed.value(),
            "test_fraction": self.test_fraction.value() / 100.0,
            "show_test": self.show_test.isChecked(),
        }

    def set_params(self, params: dict) -> None:
        """Loads saved values without emitting anything; unknown or broken values fall back to defaults."""
        p = {**DEFAULTS, **{k: v for k, v in (params or {}).items() if k in DEFAULTS}}
        widgets = (
            self.generator,
            self.n_samples,
            self.noise,
            self.n_classes,
            self.seed,
            self.test_fraction,
            self.show_test,
        )
        for w in widgets:
            w.blockSignals(True)
        try:
            i = self.generator.findData(p["name"])
            self.generator.setCurrentIndex(i if i >= 0 else self.generator.findData(DEFAULTS["name"]))
            self.n_samples.setValue(int(_num(p["n_samples"], DEFAULTS["n_samples"])))
            self.noise.setValue(_num(p["noise"], DEFAULTS["noise"]))
            self.n_classes.setValue(int(_num(p["n_classes"], DEFAULTS["n_classes"])))
            self.seed.setValue(int(_num(p["seed"], 0)))
            self.test_fraction.setValue(round(100 * _num(p["test_fraction"], DEFAULTS["test_fraction"])))
            self.show_test.setChecked(bool(p["show_test"]) and p["show_test"] not in ("false", "0"))
        finally:
            for w in widgets:
                w.blockSignals(False)
        self._update_enabled()

    def task(self) -> str:
        return DATASETS[self.generator.currentData()].task

    # ------------------------------------------------------------------ edits
    @Slot()
    def _update_enabled(self, *_) -> None:
        info = DATASETS[self.generator.currentData()]
        self.n_classes.setEnabled(info.supports_n_classes)

    @Slot(int)
    def _on_generator_picked(self, _index: int) -> None:
        """A newly picked dataset starts from the noise it looks right with, and at least the points it needs
        (a spiral needs less noise and more points than the others to be learnable)."""
        info = DATASETS[self.generator.currentData()]
        self.noise.setValue(info.default_noise)
        self.n_samples.setValue(max(self.n_samples.value(), info.default_n_samples))
        self._on_generate()

    @Slot()
    def _on_generate(self) -> None:
        self.generateRequested.emit(self.params())


def _num(value, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default
