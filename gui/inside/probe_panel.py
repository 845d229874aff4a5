"""Probe one point: its forward and backward pass, layer by layer.

Alt+click on the plot (or the probe tool) picks a point. The panel shows, for
the newest snapshot:

forward  the inputs, then for every layer z = W·x + b and a = f(z) of each unit,
         the output probabilities and the loss of the point for its label;
backward dL/dz of each unit (the output's is p − y, then back through the
         weights and f'(z)), and dL/dW, dL/db of each weight and bias.

"Step from this point" asks the training thread for one plain gradient-descent
update from this point alone (θ ← θ − η·dL/dθ at the learning rate), whatever the
optimizer chosen: momentum or Adam would scale the step by what the other points
did before, which is not what the panel shows, so the optimizer's state is neither
used nor changed (the panel says so). The boundary moves on the plot and the panel
shows the point's loss before and after.

Every number comes from ``model.inside.probe.probe``, which runs the network's own
forward and backward pass on the point; ``probe_html`` writes them as tables.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from gui.inside.inspect_common import fmt
from gui.inside.probe_html import MAX_UNITS, probe_html
from gui.inside.throttled_view import ThrottledView
from gui.widgets import theme
from model.inside.probe import n_raw_inputs, probe


def _step_kind(model_kind: str, learning_rate: float) -> str:
    """'one plain gradient step, learning rate 0.03' (the perceptron steps by its own rule)."""
    if model_kind == "perceptron":
        return f"one step of the perceptron rule, learning rate {fmt(learning_rate)}"
    return f"one plain gradient step, learning rate {fmt(learning_rate)}"


class ProbePanel(ThrottledView):
    """The probe side panel.

    Signals
    -------
    probeChanged(object) : the new ``model.inside.probe.Probe`` (None when cleared), for the diagram
    stepRequested(object) : (point tuple, label): apply one gradient step from this point
    cleared() : the probe was cleared (the plot's marker goes)
    """

    probeChanged = Signal(object)
    stepRequested = Signal(object)
    cleared = Signal()
    rate_hz = 8.0

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("probePanel")
        self._point = None
        self._label = None
        self._probe = None
        self._n_classes = 2
        self._class_names: tuple[str, ...] = ()  # the dataset's names of its classes ("0".."9" on digits)
        self._task = "classification"
        self._last_step = None
        self._step_rate = None  # the learning rate of the step asked for last
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.label_box = QComboBox()
        self.label_box.setToolTip("The label the loss and the gradients are computed for.")
        self.label_box.currentIndexChanged.connect(self._on_label_box)
        self.target_box = QDoubleSpinBox()
        self.target_box.setRange(-1e6, 1e6)
        self.target_box.setDecimals(3)
        self.target_box.setToolTip("The target value the squared error is computed for.")
        self.target_box.valueChanged.connect(self._on_target_box)
        self.step_button = QPushButton("Step from this point")
        self.step_button.setToolTip(
            "One plain gradient step from this point alone:\n"
            "every weight and bias moves by −η·dL/dθ (η: the learning rate),\n"
            "whatever the optimizer: its state is neither used nor changed.\n"
            "Watch the boundary move toward classifying this point right."
        )
        self.step_button.clicked.connect(self._on_step)
        self.clear_button = QPushButton("Clear")
        self.clear_button.setToolTip("Forgets the probed point and its marker.")
        self.clear_button.clicked.connect(self.clear)
        self.every_unit = QCheckBox("every unit")
        self.every_unit.setToolTip(
            f"List every unit of wide layers (else the first {MAX_UNITS} and the ones with the largest |dL/dz|)."
        )
        self.every_unit.toggled.connect(self._on_every_unit)
        self.step_note = QLabel()
        self.step_note.setWordWrap(True)
        self.step_note.setObjectName("probeStepNote")  # soft text, in style.qss
        self._html = ""
        row = QHBoxLayout()
        self.label_caption = QLabel("Label")
        row.addWidget(self.label_caption)
        row.addWidget(self.label_box)
        row.addWidget(self.target_box)
        row.addWidget(self.every_unit)
        row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.step_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        # Numbers never break across lines: cells do not wrap (a narrow dock scrolls sideways), and text wraps
        # only between words (the default also broke a word, and so a number, anywhere when it did not fit).
        self.browser.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.title)
        lay.addLayout(row)
        lay.addLayout(buttons)
        lay.addWidget(self.step_note)
        lay.addWidget(self.browser, 1)
        self._update_controls()
        theme.manager().changed.connect(self._on_theme)

    # -- state ----------------------------------------------------------------------------------
    @property
    def probe(self):
        """The newest ``Probe`` (None without a point)."""
        return self._probe

    @property
    def point(self):
        return self._point

    @property
    def label(self):
        return self._label

    def set_dataset(self, dataset) -> None:
        """The labels ``dataset`` has: its classes (at least two) by their names, or one target in a regression."""
        if dataset.task == "classification":
            self.set_dataset_info(dataset.task, max(2, int(dataset.n_classes)), dataset.class_names)
        else:
            self.set_dataset_info(dataset.task, 1)

    def set_dataset_info(self, task: str, n_classes: int, class_names: Sequence[str] = ()) -> None:
        """What labels exist: the label box lists the classes by the dataset's names (``class_names``), which the
        panel's sentences use too."""
        names = tuple(str(name) for name in class_names)
        if (task, n_classes, names) == (self._task, self._n_classes, self._class_names) and self.label_box.count():
            return
        self._task, self._n_classes, self._class_names = task, int(n_classes), names
        self.label_box.blockSignals(True)
        self.label_box.clear()
        for k in range(self._n_classes):
            self.label_box.addItem(names[k] if k < len(names) else f"class {k + 1}", k)
        self.label_box.blockSignals(False)
        if self._label is not None and task == "classification" and int(self._label) >= self._n_classes:
            self._label = 0
        self._update_controls()

    def set_point(self, x, label) -> None:
        """Probe the raw point x ((x1, x2) or (x1,)) with ``label`` (class index or target value)."""
        self._point = tuple(float(v) for v in np.asarray(x, dtype=np.float64).reshape(-1))
        self._label = label
        self._last_step = None
        self._update_controls()
        self.flush()

    @Slot()
    def clear(self) -> None:
        had = self._point is not None
        self._point = self._label = self._probe = None
        self._last_step = None
        self._update_controls()
        self.flush()
        self.probeChanged.emit(None)
        if had:
            self.cleared.emit()

    def show_step_result(self, before: float, after: float) -> None:
        """The point's loss before and after the step (from the training thread)."""
        self._last_step = (float(before), float(after))
        self.mark_dirty()

    def _update_controls(self) -> None:
        regression = self._task == "regression"
        self.label_box.setVisible(not regression)
        self.target_box.setVisible(regression)
        self.label_caption.setText("Target" if regression else "Label")
        has = self._point is not None
        for w in (self.label_box, self.target_box, self.step_button, self.clear_button):
            w.setEnabled(has)
        if has and self._label is not None:
            if regression:
                self.target_box.blockSignals(True)
                self.target_box.setValue(float(self._label))
                self.target_box.blockSignals(False)
            else:
                self.label_box.blockSignals(True)
                self.label_box.setCurrentIndex(max(0, min(int(self._label), self.label_box.count() - 1)))
                self.label_box.blockSignals(False)

    @Slot(int)
    def _on_label_box(self, index: int) -> None:
        if self._point is not None and index >= 0:
            self._label = int(self.label_box.itemData(index))
            self._last_step = None
            self.flush()

    @Slot(float)
    def _on_target_box(self, value: float) -> None:
        if self._point is not None:
            self._label = float(value)
            self._last_step = None
            self.flush()

    @Slot(object)
    def _on_theme(self, _theme) -> None:
        """The tables written again in the new theme's inks (their numbers, column heads and formulas)."""
        self._html = ""
        if self._point is not None:
            self.flush()

    @Slot(bool)
    def _on_every_unit(self, _checked: bool) -> None:
        self.flush()

    @Slot()
    def _on_step(self) -> None:
        if self._point is not None and self._label is not None:
            snap = self.snapshot
            self._step_rate = None if snap is None else (snap.model_kind, float(snap.learning_rate))
            self.stepRequested.emit((self._point, self._label))

    # -- computing and drawing ------------------------------------------------------------------
    def redraw(self, snap) -> None:
        self.step_note.setText(self._step_words(snap) if self._point is not None else "")
        self.step_note.setVisible(self._point is not None)
        if self._point is None or snap is None:
            self._probe = None
            self._html = ""
            self.title.setText(
                "<b>Probe a point</b>: Alt+click the plot (or pick the probe tool) to see "
                "the forward and the backward pass of one point, layer by layer."
            )
            self.browser.setHtml("")
            return
        point = self._point[: n_raw_inputs(snap)]
        if len(point) != n_raw_inputs(snap):
            self.browser.setHtml("<i>This point does not fit the network's inputs.</i>")
            return
        self._probe = probe(snap, point, self._label)
        self.title.setText(self._title_html(self._probe))
        text = probe_html(self._probe, self.every_unit.isChecked(), theme.current(), self._class_names)
        if text != self._html:  # setHtml costs milliseconds: skip it while paused
            self._html = text
            scroll = self.browser.verticalScrollBar().value()
            self.browser.setHtml(text)
            self.browser.verticalScrollBar().setValue(scroll)
        self.probeChanged.emit(self._probe)

    def _title_html(self, p) -> str:
        where = ", ".join(fmt(v, 3) for v in p.point) if len(p.point) <= 4 else f"a point of {len(p.point)} inputs"
        text = f"<b>Probe at ({where})</b> — {html.escape(p.describe(self._class_names))}"
        if self._last_step is not None:
            before, after = self._last_step
            how = f" ({_step_kind(*self._step_rate)})" if self._step_rate is not None else ""
            text += (
                f"<br>Last step from this point{how}: loss {fmt(before)} → {fmt(after)} "
                f"({'down' if after < before else 'up' if after > before else 'unchanged'})."
            )
        return text

    @staticmethod
    def _step_words(snap) -> str:
        """What "Step from this point" will do, with the model's learning rate."""
        if snap is None:
            return ""
        if snap.model_kind == "perceptron":
            return f"“Step from this point”: {_step_kind('perceptron', snap.learning_rate)} on this point alone."
        return (
            f"“Step from this point”: {_step_kind(snap.model_kind, snap.learning_rate)}, "
            "θ ← θ − η·dL/dθ on this point alone; the optimizer chosen is not used and its state is left as it is."
        )
