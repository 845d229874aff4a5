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
forward and backward pass on the point.
"""

from __future__ import annotations

import html

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

from gui.inside.inspect_common import NEGATIVE, POSITIVE, ThrottledView, fmt
from model.inside.probe import n_raw_inputs, probe

MAX_MATRIX_ENTRIES = 48  # dL/dW shown in full up to this size, else its largest entries
MAX_TERMS = 4  # z written out as a sum up to this many inputs
MAX_UNITS = 10  # units listed per layer unless "every unit" is checked (a 32-unit layer is long)


def _signed(value, digits: int = 4) -> str:
    """A number coloured by its sign (blue +, orange −)."""
    v = float(value)
    color = POSITIVE if v > 0 else NEGATIVE if v < 0 else "#444"
    return f"<span style='color:{color}'>{html.escape(fmt(v, digits))}</span>"


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
        self.step_note.setStyleSheet("color: palette(placeholder-text);")
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

    def set_dataset_info(self, task: str, n_classes: int) -> None:
        """What labels exist (the label box lists the classes)."""
        if (task, n_classes) == (self._task, self._n_classes) and self.label_box.count():
            return
        self._task, self._n_classes = task, int(n_classes)
        self.label_box.blockSignals(True)
        self.label_box.clear()
        for k in range(self._n_classes):
            self.label_box.addItem(f"class {k + 1}", k)
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
        text = self.render_html(self._probe, snap)
        if text != self._html:  # setHtml costs milliseconds: skip it while paused
            self._html = text
            scroll = self.browser.verticalScrollBar().value()
            self.browser.setHtml(text)
            self.browser.verticalScrollBar().setValue(scroll)
        self.probeChanged.emit(self._probe)

    def _title_html(self, p) -> str:
        where = ", ".join(fmt(v, 3) for v in p.point) if len(p.point) <= 4 else f"a point of {len(p.point)} inputs"
        text = f"<b>Probe at ({where})</b> — {html.escape(p.describe())}"
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

    def render_html(self, p, snap) -> str:
        """The forward and backward pass as HTML tables."""
        parts = [
            "<style>table{border-collapse:collapse;margin-bottom:6px}"
            "td,th{padding:1px 6px;text-align:right;font-family:monospace;white-space:nowrap}"
            "th{background:#eee}h4{margin:6px 0 2px 0}</style>"
        ]
        parts.append("<h4>Forward pass</h4>")
        parts.append("<table><tr><th>input</th><th>value</th></tr>")
        for name, value in zip(p.input_labels, p.inputs):
            parts.append(f"<tr><td>{html.escape(name)}</td><td>{_signed(value)}</td></tr>")
        parts.append("</table>")
        n_layers = len(p.layers)
        for lp in p.layers:
            last = lp.index == n_layers
            title = "output layer" if last else f"hidden layer {lp.index}"
            parts.append(f"<h4>{title} ({html.escape(lp.activation)}): z = W·x + b, a = f(z)</h4>")
            parts.append(
                "<table><tr><th>unit</th><th>z</th><th>a = f(z)</th><th>dL/da</th><th>dL/dz</th><th>dL/db</th></tr>"
            )
            units = self._units_shown(lp)
            for j in units:
                parts.append(
                    f"<tr><td>{j + 1}</td><td>{_signed(lp.z[j])}</td><td>{_signed(lp.a[j])}</td>"
                    f"<td>{'—' if not np.isfinite(lp.da[j]) else _signed(lp.da[j])}</td>"
                    f"<td>{_signed(lp.dz[j])}</td><td>{_signed(lp.db[j])}</td></tr>"
                )
                formula = self._z_formula(lp, j)
                if formula:
                    parts.append(
                        "<tr><td></td><td colspan=5 style='text-align:left;color:#555;white-space:normal'>"
                        f"z = {formula}</td></tr>"
                    )
            if len(units) < lp.z.shape[0]:
                parts.append(
                    f"<tr><td colspan=6 style='text-align:left'><i>{lp.z.shape[0] - len(units)} more "
                    f"units: tick “every unit”, or hover them on the diagram</i></td></tr>"
                )
            parts.append("</table>")
        parts.append(self._output_html(p))
        parts.append("<h4>Backward pass: dL/dW of every weight</h4>")
        parts.append(
            "<p style='margin:0'>dL/dW<sub>ij</sub> = x<sub>i</sub> · dL/dz<sub>j</sub>: "
            "the input that reached the weight times the error of the unit it feeds. "
            "dL/dz of a hidden unit = Σ<sub>k</sub> W<sub>jk</sub>·dL/dz<sub>k</sub> · f′(z<sub>j</sub>).</p>"
        )
        for lp in p.layers:
            parts.append(self._dw_html(lp, p, n_layers))
        return "".join(parts)

    def _units_shown(self, lp) -> list[int]:
        """All units of a narrow layer; of a wide one the first few and those with the largest |dL/dz|."""
        n = lp.z.shape[0]
        if n <= MAX_UNITS or self.every_unit.isChecked():
            return list(range(n))
        first = list(range(MAX_UNITS // 2))
        strongest = [int(j) for j in np.argsort(np.abs(lp.dz))[::-1] if int(j) not in first]
        return sorted(first + strongest[: MAX_UNITS - len(first)])

    @staticmethod
    def _z_formula(lp, j: int) -> str:
        x, w = lp.x, lp.W[:, j]
        if x.shape[0] <= MAX_TERMS:

            def par(v):
                text = fmt(v, 3)
                return f"({text})" if float(v) < 0 else text

            terms = " + ".join(f"{par(wi)}·{par(xi)}" for wi, xi in zip(w, x))
            return f"{terms} + {par(lp.b[j])} = {fmt(lp.z[j])}"
        return ""

    @staticmethod
    def _output_html(p) -> str:
        parts = ["<h4>Output and loss</h4><table>"]
        if p.task == "regression":
            parts.append(
                f"<tr><td>ŷ</td><td>{_signed(p.output[0])}</td></tr>"
                f"<tr><td>target y</td><td>{_signed(p.label)}</td></tr>"
                f"<tr><td>loss ½(y − ŷ)²</td><td>{fmt(p.loss)}</td></tr>"
            )
        elif p.model_kind == "perceptron":
            parts.append(
                f"<tr><td>score w·x + b</td><td>{', '.join(_signed(v) for v in p.layers[0].z)}</td></tr>"
                f"<tr><td>decision</td><td>class {int(p.predicted) + 1}</td></tr>"
                f"<tr><td>target (±1)</td><td>{', '.join(fmt(v) for v in p.target)}</td></tr>"
                f"<tr><td>perceptron loss max(0, −y·z)</td><td>{fmt(p.loss)}</td></tr>"
            )
        else:
            for k, prob in enumerate(p.probabilities):
                mark = " ← label" if k == int(p.label) else ""
                parts.append(f"<tr><td>p(class {k + 1})</td><td>{fmt(prob)}{mark}</td></tr>")
            parts.append(f"<tr><td>loss −log p(class {int(p.label) + 1})</td><td>{fmt(p.loss)}</td></tr>")
            parts.append(
                f"<tr><td>output dL/dz = p − y</td><td>{', '.join(_signed(v) for v in p.layers[-1].dz)}</td></tr>"
            )
        parts.append("</table>")
        return "".join(parts)

    @staticmethod
    def _dw_html(lp, p, n_layers: int) -> str:
        dW = lp.dW
        fan_in, fan_out = dW.shape
        src = list(p.input_labels) if lp.index == 1 else [f"h{lp.index - 1}.{i + 1}" for i in range(fan_in)]
        dst = ("output" if lp.index == n_layers else f"h{lp.index}") + ".{}"
        head = f"<b>layer {lp.index}</b> ({fan_in}×{fan_out} weights)"
        if dW.size <= MAX_MATRIX_ENTRIES:
            rows = [
                f"{head}<table><tr><th>from \\ to</th>"
                + "".join(f"<th>{dst.format(j + 1)}</th>" for j in range(fan_out))
                + "</tr>"
            ]
            for i in range(fan_in):
                rows.append(
                    f"<tr><td>{html.escape(src[i])}</td>"
                    + "".join(f"<td>{_signed(dW[i, j], 3)}</td>" for j in range(fan_out))
                    + "</tr>"
                )
            rows.append("</table>")
            return "".join(rows)
        flat = np.abs(dW).ravel()
        top = np.argsort(flat)[::-1][:8]
        rows = [
            f"{head}, the 8 largest |dL/dW| (all are drawn on the diagram):<table>"
            "<tr><th>from</th><th>to</th><th>dL/dW</th></tr>"
        ]
        for index in top:
            i, j = divmod(int(index), fan_out)
            rows.append(
                f"<tr><td>{html.escape(src[i])}</td><td>{dst.format(j + 1)}</td><td>{_signed(dW[i, j], 3)}</td></tr>"
            )
        rows.append("</table>")
        return "".join(rows)
