"""The perceptron lesson: Rosenblatt's rule, one sample at a time.

With the perceptron chosen, "Next sample" (or "Run samples") trains on one
training point at a time. The current sample is ringed on the plot; the panel
shows its score z = w·x + b and, when it is misclassified (y·z ≤ 0), the update
with its numbers,

    w ← w + η·y·x,    b ← b + η·y,

and the boundary line moves on the plot. A correctly classified sample changes
nothing: that is why the perceptron stops as soon as the data are separated.
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QTextBrowser, QVBoxLayout, QWidget

from gui.inside.inspect_common import fmt
from gui.inside.sample_ring import ring_pen, sample_ring
from gui.inside.throttled_view import ThrottledView
from gui.widgets import theme
from gui.widgets.wrapping import FlowBar, WrappedLabel
from model.data.class_words import class_word

SPEED_WIDTH = 110  # px: the samples-per-second slider with its "30/s"


def _vec(values, digits: int = 3) -> str:
    values = np.asarray(values, dtype=np.float64).reshape(-1)
    return "(" + ", ".join(fmt(v, digits) for v in values) + ")"


def _more_inputs_note(snap) -> str:
    """On data of more than two features the rule is the same, but what moves is no line in the plot."""
    n_raw = snap.layer_sizes[0] - len(snap.features)
    if n_raw <= 2:
        return ""
    return (
        f"<br><i>This data has {n_raw} features: w has {n_raw} weights and what moves is a hyperplane; the plot "
        "shows only its slice through the plane, so the sample is not ringed there.</i>"
    )


class PerceptronLesson(ThrottledView):
    """Sample-by-sample perceptron training, explained.

    Signals
    -------
    sampleStepRequested() : train on the next sample (the main window forwards it to the training thread)
    """

    sampleStepRequested = Signal()
    rate_hz = 20.0

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("perceptronLesson")
        self._update = None  # the newest PerceptronUpdate
        self._update_snapshot = None  # the snapshot that followed it (weights after the update)
        self._n_updates = 0
        self._n_samples = 0
        self._class_names: tuple[str, ...] = ()  # the dataset's names of its classes ("0".."9" on digits)
        self.intro = WrappedLabel()
        self.next_button = QPushButton("Next sample")
        self.next_button.setToolTip("Apply the perceptron rule to the next training sample.")
        self.next_button.clicked.connect(self._on_next)
        self.run_button = QPushButton("Run samples")
        self.run_button.setCheckable(True)
        self.run_button.setToolTip("Keep going, one sample at a time, at the speed set on the right.")
        self.run_button.toggled.connect(self._on_run)
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setRange(1, 30)
        self.speed.setValue(4)
        self.speed.setToolTip("Samples per second")
        self.speed.setAccessibleName("Samples per second")
        self.speed.valueChanged.connect(self._on_speed)
        self.speed_label = QLabel()
        speed = QWidget()
        speed_row = QHBoxLayout(speed)
        speed_row.setContentsMargins(0, 0, 0, 0)
        speed_row.addWidget(self.speed, 1)
        speed_row.addWidget(self.speed_label)
        speed.setMinimumWidth(SPEED_WIDTH)
        # the buttons and the speed wrap onto a second row in a narrow dock (one row was 280 px: beside the plot
        # at 1024 px the dock scrolled sideways and cut the rule's text at its right edge)
        row = FlowBar()
        for widget in (self.next_button, self.run_button, speed):
            row.add(widget)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.intro)
        lay.addWidget(row)
        lay.addWidget(self.text, 1)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_next)
        #: a ring around the current sample, for the main plot (the main window adds it to the boundary view)
        self._wrong = False  # the sample shown was misclassified (its ring is orange and thicker)
        self.highlight = sample_ring()
        self._on_speed(self.speed.value())
        self._sync_enabled()
        theme.manager().changed.connect(self._on_theme)

    def _ring_pen(self, now: theme.Theme):
        """The sample's ring: orange and thick when it was misclassified, else thin in the plot's ink of ``now``."""
        return ring_pen(self._wrong, now)

    @Slot(object)
    def _on_theme(self, now: theme.Theme) -> None:
        """The ring and the text in the inks of ``now``."""
        self.highlight.setPen(self._ring_pen(now))
        self.mark_dirty()

    # -- inputs ---------------------------------------------------------------------------------
    def set_dataset(self, dataset) -> None:
        """The text names the classes of ``dataset`` (none in a regression)."""
        self.set_class_names(dataset.class_names if dataset.task == "classification" else ())

    def set_class_names(self, names) -> None:
        """The classes as the data names them, for the text ("class 0 vs the rest" on digits, "setosa" on iris);
        () for data without names ("class 1", "class 2", ...)."""
        self._class_names = tuple(str(name) for name in names)
        self.mark_dirty()

    @Slot(object)
    def show_update(self, update) -> None:
        """A ``model.nn.perceptron_rule.PerceptronUpdate`` from the training thread."""
        self._update = update
        self._update_snapshot = None
        self._n_samples += 1
        if update is not None and bool(np.any(update.updated)):
            self._n_updates += 1
        self.mark_dirty()

    def show_snapshot(self, snapshot) -> None:
        if self._update is not None and self._update_snapshot is None:
            self._update_snapshot = snapshot
        super().show_snapshot(snapshot)

    @property
    def active(self) -> bool:
        snap = self._snapshot
        return snap is not None and snap.model_kind == "perceptron"

    def _sync_enabled(self) -> None:
        on = self.active
        self.next_button.setEnabled(on)
        self.run_button.setEnabled(on)
        if not on and self.run_button.isChecked():
            self.run_button.setChecked(False)
        if on:
            self.intro.setText(
                "<b>Rosenblatt's perceptron rule.</b> Each sample x with label y = ±1 is scored "
                "z = w·x + b. If y·z ≤ 0 it is on the wrong side (or on the line), and the "
                "line moves toward it: w ← w + η·y·x, b ← b + η·y. Otherwise nothing changes."
                + _more_inputs_note(self._snapshot)
            )
        else:
            self.intro.setText(
                "Choose the <b>perceptron</b> in the model panel to follow its learning rule sample by sample here."
            )

    # -- actions --------------------------------------------------------------------------------
    @Slot()
    def _on_next(self) -> None:
        if self.active:
            self.sampleStepRequested.emit()
        else:
            self._timer.stop()

    @Slot(bool)
    def _on_run(self, running: bool) -> None:
        self.run_button.setText("Pause samples" if running else "Run samples")
        if running:
            self._timer.start()
        else:
            self._timer.stop()

    @Slot(int)
    def _on_speed(self, value: int) -> None:
        self._timer.setInterval(int(1000 / max(1, value)))
        self.speed_label.setText(f"{value}/s")

    def stop(self) -> None:
        self.run_button.setChecked(False)

    # -- drawing --------------------------------------------------------------------------------
    def redraw(self, snap) -> None:
        self._sync_enabled()
        u = self._update
        if not self.active or u is None:
            self.highlight.setData([], [])
            self.highlight.hide()
            if self.active:
                self.text.setHtml("<i>Press “Next sample”.</i>")
            else:
                self.text.setHtml("")
            return
        n_raw = snap.layer_sizes[0] - len(snap.features)
        raw = np.asarray(u.x[:n_raw], dtype=np.float64)
        wrong = bool(np.any(u.updated))
        if raw.shape[0] == 2:
            self.highlight.setData([raw[0]], [raw[1]])
            self.highlight.show()
        else:
            self.highlight.setData([], [])
            self.highlight.hide()
        self._wrong = wrong
        now = theme.current()
        self.highlight.setPen(self._ring_pen(now))
        self.text.setHtml(self.render_html(u, self._update_snapshot or snap, now))

    def render_html(self, u, snap, ink: theme.Theme = theme.LIGHT) -> str:
        """What the rule did with sample ``u``, in ``ink``'s text colours."""
        eta = snap.learning_rate
        ((W_after, b_after),) = snap.layer_params()
        n_out = u.target.shape[0]
        parts = [f"<p><b>Sample #{u.index + 1}</b>: x = {_vec(u.x)}</p>"]
        for k in range(n_out):
            y = float(u.target[k])
            z = float(u.score[k])
            names = self._class_names
            head = f"output {k + 1} ({html.escape(class_word(names, k))} vs the rest): " if n_out > 1 else ""
            if n_out == 1:  # one output: y = +1 is the second class, -1 the first
                cls = html.escape(class_word(names, 1 if y > 0 else 0))
            else:
                cls = "this class" if y > 0 else "another class"
            parts.append(f"<p>{head}label y = {fmt(y)} ({cls}); score z = w·x + b = {fmt(z)}; y·z = {fmt(y * z)}</p>")
            if u.updated[k]:
                w_after = np.asarray(W_after[:, k], dtype=np.float64)
                w_before = w_after - np.asarray(u.delta_W[:, k])
                b_now = float(b_after[k])
                b_before = b_now - float(u.delta_b[k])
                parts.append(
                    f"<p style='color:{ink.negative_text}'><b>Misclassified</b> (y·z ≤ 0): the rule moves the line.</p>"
                    f"<p>w ← w + η·y·x = {_vec(w_before)} + {fmt(eta, 3)}·({fmt(y)})·{_vec(u.x)} = "
                    f"<b>{_vec(w_after)}</b><br>"
                    f"b ← b + η·y = {fmt(b_before, 3)} + {fmt(eta, 3)}·({fmt(y)}) = <b>{fmt(b_now, 3)}</b></p>"
                )
            else:
                parts.append("<p><b>Correct</b> (y·z > 0): no change.</p>")
        parts.append(
            f"<p style='color:{ink.soft_text}'>{self._n_samples} samples shown here, {self._n_updates} of them "
            f"moved the line. Epoch {snap.epoch}.</p>"
        )
        return "".join(parts)

    def clear(self) -> None:
        """Forgets the samples shown (new data or another model): the ring and the text go."""
        self._update = None
        self._update_snapshot = None
        self._n_updates = self._n_samples = 0
        self.highlight.setData([], [])
        self.highlight.hide()
        self.mark_dirty()
