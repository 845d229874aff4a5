"""Data panel: what is on the plot, a generator and its parameters, generate, clear, show or hide the test points.

The line at the top describes the points actually on the plot (``show_data``, from the data document's
``DataSource``): "Drawn by hand: 4 classes, 37 points", "From file moons.csv: ...", "Two moons: ...". The fields
below are what Generate makes; editing Points, Noise, Classes, Seed or Split changes nothing on the plot until
Generate is pressed (a half-typed "5" of "500" must not replace drawn points), so the panel says which fields
wait for it and Generate is outlined until then. Picking a dataset generates at once, as before.

Points read from a file show the file's name, rows, input columns and classes (``data_file_rows``) instead of the
generator's fields, which do nothing for them; the list stays, to generate a built-in set in their place. Points
drawn by hand (from a cleared plot) show the list alone as well: the fields at their last values looked like the
settings that made the points; on the empty plot, before the first point, the fields stay for Generate.

A real data set (digits, iris, wine, breast cancer) has its own points, noise and classes: only Seed and Split
apply to it. For data of more than two features the "Plot" row chooses the plane the plot shows (PCA or two
features, ``view_plane_control``).
"""

from __future__ import annotations

import html
from functools import cache
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.panels.data_file_rows import FileRows
from gui.panels.form import add_row, form_group, keep_keyboard_for_shortcuts
from gui.panels.view_plane_control import ViewPlaneControl
from gui.widgets.typed_numbers import take_typed_numbers_when_done
from model.data import real_datasets
from model.data.data_source import DataSource
from model.data.dataset import MAX_CLASSES
from model.data.generators import DATASETS
from model.storage.view_entries import MAX_POINTS, MAX_TEST_FRACTION
from model.training import start_settings

DATASET_TIP = (
    "Which built-in dataset to generate or load: a curve turns the task into regression, and the last four "
    "are real data with more than two features, bundled with scikit-learn."
)
REPLACE_TIP = "Pick a built-in dataset to replace {points} with (undoable); its settings come back."
CLASSES_TIP = f"How many classes blobs and spirals get (2 to {MAX_CLASSES})."

_START = start_settings.DATA  # what a fresh window and `neural-playground train` without flags start from
DEFAULTS: dict[str, Any] = {
    "name": _START["dataset"],
    "n_samples": _START["n_samples"],
    "noise": DATASETS[_START["dataset"]].default_noise,
    "n_classes": _START["n_classes"],
    "seed": _START["seed"],
    "test_fraction": _START["test_fraction"],
    "show_test": True,
}

#: The fields Generate applies, by the name params() gives them: what the pending hint calls them.
GENERATED_FIELDS = {
    "n_samples": "Points",
    "noise": "Noise",
    "n_classes": "Classes",
    "seed": "Seed",
    "test_fraction": "Split",
}


def generated_source(params: dict) -> DataSource:
    """Where Generate's points come from, for the panel's parameters (a dict as returned by DataPanel.params()); a
    real data set's size, noise and classes are its own (only the seed and the split are the panel's)."""
    if params["name"] in real_datasets.REAL_DATASETS:
        return DataSource.real(params["name"], int(params["seed"]), float(params["test_fraction"]))
    return DataSource.generated(
        params["name"],
        int(params["n_samples"]),
        float(params["noise"]),
        int(params["seed"]),
        int(params["n_classes"]),
        float(params["test_fraction"]),
    )


@cache
def fixed_class_count(name: str) -> int:
    """How many classes the built-in or real data set ``name`` always has (0: a regression); only for those whose
    number of classes is not the panel's to choose."""
    real = real_datasets.REAL_DATASETS.get(name)
    if real is not None:
        return real.n_classes
    info = DATASETS[name]
    return info.fixed_classes if info.task == "classification" else 0


def build_dataset(params: dict):
    """The Dataset the panel's parameters describe (a dict as returned by DataPanel.params())."""
    return generated_source(params).regenerate()


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
        self._form = form
        self.on_plot = QLabel()
        self.on_plot.setObjectName("dataOnPlot")
        self.on_plot.setWordWrap(True)
        self.on_plot.setToolTip("The points on the plot now: where they came from, their classes and counts.")
        form.addRow(self.on_plot)
        self.file_rows = FileRows(form)  # shown for points read from a file, instead of the generator's fields
        self._source = DataSource()
        self._applied: dict = {}  # the generator fields the points on the plot were made with (or found with)
        self._applied_name = ""  # and the data set the list named then

        self.generator = QComboBox()
        for name, info in DATASETS.items():
            self.generator.addItem(info.label, name)
        self.generator.insertSeparator(self.generator.count())
        for name, real in real_datasets.REAL_DATASETS.items():
            self.generator.addItem(real.label, name)
            self.generator.setItemData(self.generator.count() - 1, f"{real.about}.", Qt.ItemDataRole.ToolTipRole)
        self.generator.setMaxVisibleItems(self.generator.count())
        self.generator_label = add_row(
            form,
            "Dataset",
            self.generator,
            DATASET_TIP,
        )
        self.n_samples = QSpinBox()
        self.n_samples.setRange(1, MAX_POINTS)
        self.n_samples.setSingleStep(50)
        self.n_samples.setGroupSeparatorShown(True)
        self._generator_fields: list[QWidget] = [self.n_samples]
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
        self._generator_fields.append(self.noise)
        self.n_classes = QSpinBox()
        self.n_classes.setRange(2, MAX_CLASSES)
        add_row(form, "Classes", self.n_classes, CLASSES_TIP)
        # the number Blobs and Spirals get; while another data set shows its own number, this one is kept for them
        self._chosen_classes = int(DEFAULTS["n_classes"])
        self.seed = QSpinBox()
        self.seed.setRange(0, 2_147_483_647)
        add_row(form, "Seed", self.seed, "The random seed: the same seed gives the same points and split.")
        self._generator_fields += [self.n_classes, self.seed]
        self.test_fraction = QSpinBox()
        self.test_fraction.setRange(0, round(100 * MAX_TEST_FRACTION))
        self.test_fraction.setSingleStep(5)
        self.test_fraction.setSuffix(" % test")
        add_row(
            form,
            "Split",
            self.test_fraction,
            "The share of points held out as a test set, never trained on, to measure generalisation.",
        )
        self._generator_fields.append(self.test_fraction)
        self.plane_control = ViewPlaneControl()
        self.plane_label = add_row(
            form,
            "Plot",
            self.plane_control,
            "What the plot shows of data with more than two features.",
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
        self.pending_hint = QLabel()
        self.pending_hint.setObjectName("generatePending")
        self.pending_hint.setWordWrap(True)
        self.pending_hint.setMargin(4)  # a margin the label's height for its width counts (CSS padding is not)
        self.pending_hint.hide()
        form.addRow(self.pending_hint)
        layout.addWidget(box)
        layout.addStretch(1)

        keep_keyboard_for_shortcuts(self)
        take_typed_numbers_when_done(self)
        self.show_dataset(None)
        self.set_params(DEFAULTS)
        self.generator.activated.connect(self._on_generator_picked)
        self.generator.currentIndexChanged.connect(self._update_enabled)
        self.generate_button.clicked.connect(self._on_generate)
        self.clear_button.clicked.connect(self.clearRequested)
        self.show_test.toggled.connect(self.showTestChanged)
        self.n_classes.valueChanged.connect(self._on_classes_edited)
        for field in (self.n_samples, self.seed, self.test_fraction, self.n_classes):
            field.valueChanged.connect(self._update_pending)
        self.noise.valueChanged.connect(self._update_pending)
        self.show_data(None, self._source)

    # ------------------------------------------------------------------ values
    def params(self) -> dict:
        return {
            "name": self.generator.currentData(),
            "n_samples": self.n_samples.value(),
            "noise": round(self.noise.value(), 4),
            "n_classes": self._chosen_classes,
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
            # findData(None) finds the separator row (it holds no data): only a name can pick an entry
            i = self.generator.findData(p["name"]) if isinstance(p["name"], str) else -1
            self.generator.setCurrentIndex(i if i >= 0 else self.generator.findData(DEFAULTS["name"]))
            self.n_samples.setValue(int(_num(p["n_samples"], DEFAULTS["n_samples"])))
            self.noise.setValue(_num(p["noise"], DEFAULTS["noise"]))
            self._chosen_classes = min(MAX_CLASSES, max(2, int(_num(p["n_classes"], DEFAULTS["n_classes"]))))
            self.n_classes.setValue(self._chosen_classes)
            self.seed.setValue(int(_num(p["seed"], 0)))
            self.test_fraction.setValue(round(100 * _num(p["test_fraction"], DEFAULTS["test_fraction"])))
            self.show_test.setChecked(bool(p["show_test"]) and p["show_test"] not in ("false", "0"))
        finally:
            for w in widgets:
                w.blockSignals(False)
        self._update_enabled()
        self._update_pending()

    def fields_of_points(self) -> dict:
        """The generator fields the points on the plot were made with (``params()`` but the view's ``show_test``):
        what undoing the next Generate shows again."""
        values = {key: value for key, value in self.params().items() if key != "show_test"}
        return {**values, **self._applied, "name": self._applied_name or values["name"]}

    def show_fields(self, values: dict) -> None:
        """Shows the generator fields ``values`` (as ``fields_of_points`` gives them; ``show_test`` stays)."""
        self.set_params({**self.params(), **{key: value for key, value in values.items() if key != "show_test"}})

    def task(self) -> str:
        name = self.generator.currentData()
        return "classification" if name in real_datasets.REAL_DATASETS else DATASETS[name].task

    def show_dataset(self, ds) -> None:
        """The current dataset (the plane row shows its plane; hidden for data of one or two features)."""
        self.plane_control.show_dataset(ds)
        self.plane_label.setVisible(self.plane_control.plane() is not None)

    def expect_plane(self, n_features: int) -> None:
        """Data of ``n_features`` (more than two) on their way: the plane row as it will be, greyed meanwhile."""
        self.plane_control.expect(n_features)
        self.plane_label.setVisible(True)

    # ------------------------------------------------------------------ what is on the plot
    def show_data(self, dataset, source: DataSource, coming: DataSource | None = None) -> None:
        """The points on the plot (a Dataset, None before the first) and where they came from; before the first,
        ``coming`` says what they will be (a real data set's sizes are known before it is loaded: said as they
        will be, the words take the lines they will take, and the settings under them do not move then)."""
        real = real_datasets.REAL_DATASETS.get(coming.name) if coming is not None and coming.is_real else None
        if dataset is None and real is not None and coming is not None:
            self.on_plot.setText(
                f"<b>On the plot:</b> {html.escape(real.label)}: {real.n_classes} classes, {real.n_samples:,} "
                f"points, {real.n_features} features, seed {coming.seed} \u2014 loading\u2026"
            )
        elif dataset is None:
            self.on_plot.setText("<b>On the plot:</b> the first points are being made\u2026")
        else:
            self.on_plot.setText(f"<b>On the plot:</b> {html.escape(source.describe(dataset))}")
        if dataset is None and coming is not None:
            source = coming  # the fields make them: no change of them to apply meanwhile
        if source.kind == "generated":
            self._applied = {key: getattr(source, key) for key in GENERATED_FIELDS}
            self._applied_name = source.name
        elif source != self._source or not self._applied:  # other points: the fields as they are now apply to them
            self._applied = self._generated_values()
            self._applied_name = self.generator.currentData()
        self._source = source
        # the generator's fields describe generated points only: for points read from a file or drawn by hand (a
        # lesson's drawn points come from its CSV file) they would show settings that never made them
        points = dataset is not None and dataset.n_samples > 0
        self._show_generator(source.kind == "generated" or not points, source.kind)
        self.file_rows.show(dataset if source.kind == "file" else None, source)
        self._update_pending()

    def _show_generator(self, shown: bool, kind: str = "generated") -> None:
        """The generator's fields and Generate, or (points from a file or drawn, of ``kind``, for which they do
        nothing) the list alone, to replace those points with a generated set: picking one generates it, and the
        fields come back."""
        for field in self._generator_fields:
            self._form.setRowVisible(field, shown)
        self.generate_button.setVisible(shown)
        points = {"file": "the file's points", "drawn": "the points drawn"}.get(kind, "the points")
        name, tip = ("Dataset", DATASET_TIP) if shown else ("Generate", REPLACE_TIP.format(points=points))
        self.generator_label.setText(name)
        self.generator_label.setToolTip(tip)
        self.generator.setToolTip(tip)
        self.generator.setAccessibleName(name)

    def pending_fields(self) -> list[str]:
        """The fields edited since the points on the plot were made, which wait for Generate ("Points", ...)."""
        now = self._generated_values()
        changed = [
            label for key, label in GENERATED_FIELDS.items() if key in now and now[key] != self._applied.get(key)
        ]
        return changed if self._applied else []

    def _generated_values(self) -> dict:
        p = self.params()
        values = {key: p[key] for key in GENERATED_FIELDS}
        if p["name"] in real_datasets.REAL_DATASETS:  # only the seed and the split make a real data set's points
            for key in ("n_samples", "noise", "n_classes"):
                del values[key]
        elif not DATASETS[p["name"]].supports_n_classes:
            del values["n_classes"]  # unused by this generator: changing it changes nothing
        if "noise" in values:
            values["noise"] = round(float(values["noise"]), 4)
        values["test_fraction"] = round(float(values["test_fraction"]), 4)
        return values

    @Slot()
    def _update_pending(self, *_) -> None:
        fields = self.pending_fields()
        if fields:
            names = fields[0] if len(fields) == 1 else ", ".join(fields[:-1]) + " and " + fields[-1]
            self.pending_hint.setText(f"{names} changed: press <b>Generate</b> to apply (it replaces the points).")
        self.pending_hint.setVisible(bool(fields))
        if fields and self.pending_hint.width() > 0:  # a wrapped label shown late gets one line's height otherwise
            self.pending_hint.setMinimumHeight(self.pending_hint.heightForWidth(self.pending_hint.width()))
        if self.generate_button.property("pending") != bool(fields):
            self.generate_button.setProperty("pending", bool(fields))
            self.generate_button.style().unpolish(self.generate_button)  # re-apply the [pending] style rule
            self.generate_button.style().polish(self.generate_button)

    # ------------------------------------------------------------------ edits
    @Slot()
    def _update_enabled(self, *_) -> None:
        name = self.generator.currentData()
        real = name in real_datasets.REAL_DATASETS
        # a real data set has its own points, noise and classes: only the seed and the split apply
        self.n_samples.setEnabled(not real)
        self.noise.setEnabled(not real)
        self._show_classes(not real and DATASETS[name].supports_n_classes)

    def _show_classes(self, applies: bool) -> None:
        """The Classes box: the number chosen where it applies (Blobs, Spirals); elsewhere, greyed, the number
        of classes the data set has, and a tooltip saying why it cannot be changed."""
        box = self.n_classes
        box.blockSignals(True)  # showing a data set's own number is no edit
        try:
            if applies:
                box.setSpecialValueText("")
                box.setRange(2, MAX_CLASSES)
                box.setValue(self._chosen_classes)
                box.setToolTip(CLASSES_TIP)
            else:
                count = fixed_class_count(self.generator.currentData())
                box.setSpecialValueText("" if count else "none")  # a regression's points have no classes
                box.setRange(min(2, count), MAX_CLASSES)
                box.setValue(count)
                label = self.generator.currentText()
                has = f"has {count} classes of its own" if count else "is a regression: its points have no classes"
                box.setToolTip(f"{label} {has}; only Blobs and Spirals take a number of classes (2 to {MAX_CLASSES}).")
        finally:
            box.blockSignals(False)
        box.setEnabled(applies)

    @Slot(int)
    def _on_classes_edited(self, value: int) -> None:
        if self.n_classes.isEnabled():
            self._chosen_classes = value

    @Slot(int)
    def _on_generator_picked(self, _index: int) -> None:
        """A newly picked dataset starts from the noise it looks right with, and at least the points it needs
        (a spiral needs less noise and more points than the others to be learnable); a real data set has its own."""
        self.take_dataset_defaults()
        self._on_generate()

    def take_dataset_defaults(self) -> None:
        """The picked generated dataset's own noise, and at least the points it needs (a real data set has its own
        and keeps the fields); what picking it in the list does, also for a dataset named on the command line."""
        name = self.generator.currentData()
        if name in DATASETS:
            info = DATASETS[name]
            self.noise.setValue(info.default_noise)
            self.n_samples.setValue(max(self.n_samples.value(), info.default_n_samples))

    @Slot()
    def _on_generate(self) -> None:
        self.generateRequested.emit(self.params())


def _num(value, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default
