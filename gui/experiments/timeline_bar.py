"""TimelineBar: scrub back through training, and branch a new run from any moment.

A slider runs from the chosen model's first moment to its present: epoch 0, or where its timeline
starts (a session opened from a file or restored from the unsaved work, a run restored from the run
table: the moments before were not kept, and the slider offers none of them; ``note_first_moment``). Until it
has trained on from there, there is nothing to drag back to: the handle stands at the present, the right end,
and the label says that the earlier moments were not kept.
Dragging it back asks for that moment (``momentRequested``): the plot, the curves and the network
diagram then show the model exactly as it was (training pauses while you look back). "Live" (or
Play, or the slider's right end) returns to the present. "Branch from here…" starts a new run from
the moment shown, with settings you may change, beside the old one.

The bar only emits requests; ``gui.experiments.experiments`` answers them.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from gui.widgets.steady_label import SteadyLabel

MAX_SLIDER_STEPS = 2000  # a long run is scrubbed in at most this many steps (the moment shown is exact)
SLIDER_TIP = (
    "Drag back through training: the plot, curves and diagram show that moment exactly. The right end is the present."
)


SYNC_INTERVAL_S = 0.1  # the slider follows the present at most 10 times a second


class TimelineBar(QWidget):
    """Slider over one model's epochs.

    Signals: ``momentRequested(session_id, epoch)``, ``liveRequested()``,
    ``branchRequested(session_id, epoch)`` (the epoch of the moment shown).
    """

    momentRequested = Signal(int, int)
    liveRequested = Signal()
    branchRequested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(6)
        caption = QLabel("Timeline")
        caption.setToolTip("Drag back to see the model as it was at an earlier epoch.")
        self.model_box = QComboBox()
        self.model_box.setToolTip("Which model's past the slider shows.")
        self.model_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setAccessibleName("Training timeline")
        self.slider.setRange(0, 0)
        self.slider.setToolTip(SLIDER_TIP)
        self.label = SteadyLabel("epoch 0")
        self.live_button = QPushButton("Live")
        self.live_button.setToolTip("Back to the present (Play does the same).")
        self.branch_button = QPushButton("Branch from here…")
        self.branch_button.setToolTip(
            "Start a new run from the moment shown, with settings you may change; the old run stays beside it."
        )
        for w in (caption, self.model_box):
            layout.addWidget(w)
        layout.addWidget(self.slider, 1)
        for widget in (self.label, self.live_button, self.branch_button):
            layout.addWidget(widget)
        self._live_epoch: dict[int, int] = {}
        self._first_epoch: dict[int, int] = {}  # per model, the earliest epoch its timeline can show
        self._readouts_epoch: dict[int, int] = {}  # per model, the present epoch the window's readouts show
        self._scrubbing = False
        self._shown_epoch = 0
        # The present moves with every snapshot (up to ~60 a second): the slider and label follow at most
        # SYNC_INTERVAL_S apart, each a repaint of the bar the event loop then spends elsewhere.
        self._synced_at = -1e9
        self._range_live = 0
        self._range_first = 0  # the first moment the slider's range was made for (its left end)
        self._range_steps = 0  # the slider's steps from that moment to the present (0: nothing to drag back to)
        self._sync_timer = QTimer(self)
        self._sync_timer.setSingleShot(True)
        self._sync_timer.timeout.connect(self._sync_range)
        self.slider.valueChanged.connect(self._on_slider)
        self.live_button.clicked.connect(self._on_live_clicked)
        self.branch_button.clicked.connect(self._on_branch_clicked)
        self.model_box.currentIndexChanged.connect(self._on_model_changed)
        self._update_buttons()

    # ------------------------------------------------------------------ state
    @property
    def scrubbing(self) -> bool:
        """True while the views show a past moment instead of the present."""
        return self._scrubbing

    @property
    def session_id(self) -> int | None:
        data = self.model_box.currentData()
        return None if data is None else int(data)

    @property
    def shown_epoch(self) -> int:
        return self._shown_epoch

    def set_models(self, models) -> None:
        """models: [(session_id, name), ...], the main model first."""
        current = self.session_id
        self.model_box.blockSignals(True)
        try:
            self.model_box.clear()
            for sid, name in models:
                self.model_box.addItem(name, int(sid))
            index = self.model_box.findData(current) if current is not None else 0
            self.model_box.setCurrentIndex(max(0, index))
        finally:
            self.model_box.blockSignals(False)
        if current is not None and self.session_id != current and self._scrubbing:
            self.go_live()
        self._sync_range(self._present_on_screen())

    def set_live_epoch(self, session_id: int, epoch: int) -> None:
        """The present epoch of a model (from its live snapshots)."""
        self._live_epoch[int(session_id)] = int(epoch)
        if int(session_id) == self.session_id and not self._scrubbing:
            self._shown_epoch = int(epoch)
            self._sync_soon()

    def note_live_epoch(self, session_id: int, epoch: int) -> None:
        """The present epoch of a model, known before it is shown (the window's readouts show it, with
        ``show_present``): scrubbing and branching count from it."""
        self._live_epoch[int(session_id)] = int(epoch)

    def note_first_moment(self, session_id: int, epoch: int | None) -> None:
        """The earliest epoch a model's timeline can show (None: from epoch 0): the slider starts there. A model
        opened from a file at epoch 143 has no moment before it to look back on."""
        first = 0 if epoch is None else max(0, int(epoch))
        if self._first_epoch.get(int(session_id), 0) == first:
            return
        self._first_epoch[int(session_id)] = first
        if int(session_id) == self.session_id and not self._scrubbing:
            self._sync_soon()

    def show_present(self, session_id: int, epoch: int) -> None:
        """The present epoch of a model as the window's other readouts show it now (they call this at their
        own reading rate): the slider and the label follow at once.

        Only what the bar shows: the present that scrubbing and branching count from stays the newest noted
        one. The readouts lag behind the snapshots, and right after going live they may still draw the past
        moment shown before: taken as the present, epoch 5 of a run at epoch 66 would make ``scrub_to(5)``
        land on the slider's right end, which means "live", and the scrub would be lost.
        """
        self._live_epoch.setdefault(int(session_id), int(epoch))
        self._readouts_epoch[int(session_id)] = int(epoch)
        if int(session_id) == self.session_id and not self._scrubbing:
            self._shown_epoch = int(epoch)
            self._sync_timer.stop()
            self._sync_range(int(epoch))

    def _sync_soon(self) -> None:
        if self._sync_timer.isActive():
            return
        wait = self._synced_at + SYNC_INTERVAL_S - time.perf_counter()
        if wait <= 0:
            self._sync_range()
        else:
            self._sync_timer.start(int(wait * 1000) + 1)

    def _sync_pending(self) -> None:
        """Bring the slider to the present now if it lags (before mapping a slider position to an epoch)."""
        if self._sync_timer.isActive() or (not self._scrubbing and self._range_live != self._present_epoch()):
            self._sync_timer.stop()
            self._sync_range()

    def _steps(self, epochs: int) -> int:
        return max(0, min(int(epochs), MAX_SLIDER_STEPS))

    def _epoch_of(self, value: int) -> int:
        # the range the slider was made for (it may lag the present by SYNC_INTERVAL_S)
        first, live = self._range_first, self._range_live
        steps = self._range_steps
        if steps <= 0:
            return first
        return first + round(value * (live - first) / steps)

    def _present_on_screen(self) -> int:
        """The shown model's present as the window shows it: the main model's is the epoch of the other readouts
        (``show_present``, which lag behind the newest noted one), another model's its newest."""
        if self.session_id is None:
            return 0
        return self._readouts_epoch.get(self.session_id, self._present_epoch())

    def _present_epoch(self) -> int:
        """The shown model's present epoch (0 before it has one)."""
        return 0 if self.session_id is None else self._live_epoch.get(self.session_id, 0)

    def _first_moment(self, present: int) -> int:
        """The shown model's earliest moment, never after ``present``."""
        first = 0 if self.session_id is None else self._first_epoch.get(self.session_id, 0)
        return min(first, max(0, present))

    @Slot()
    def _sync_range(self, shown: int | None = None) -> None:
        """Slider at the right end of a range sized for the present epoch (while live): the newest noted one,
        or ``shown``, the one the readouts show."""
        if self._scrubbing:
            return
        self._synced_at = time.perf_counter()
        live = self._range_live = self._present_epoch() if shown is None else shown
        first = self._range_first = self._first_moment(live)
        steps = self._range_steps = self._steps(live - first)
        self.slider.blockSignals(True)
        try:
            # with nothing to drag back to, a range of one step keeps the handle at the right end, the present
            self.slider.setRange(0, max(1, steps))
            self.slider.setValue(max(1, steps))
            self.slider.setPageStep(max(1, steps // 20))
        finally:
            self.slider.blockSignals(False)
        self.slider.setEnabled(steps > 0)  # nothing recorded before the present: nothing to drag back to
        if first > 0:  # a run opened from a file or restored: no moment before it was kept
            unkept = f"The moments before epoch {first:,} were not kept (the run was opened or restored there)"
            self.slider.setToolTip(f"{unkept}: the timeline starts there." if steps == 0 else f"{SLIDER_TIP} {unkept}.")
            self.label.setText(
                f"epoch {live:,} (live; earlier moments not kept)" if steps == 0 else f"epoch {live:,} (live)"
            )
        else:
            self.slider.setToolTip(SLIDER_TIP)
            self.label.setText(f"epoch {live:,} (live)")
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.live_button.setEnabled(self._scrubbing)
        self.branch_button.setEnabled(self.session_id is not None)

    # ------------------------------------------------------------------ user
    @Slot(int)
    def _on_slider(self, value: int) -> None:
        if self.session_id is None:
            return
        if value >= self.slider.maximum():
            if self._scrubbing:
                self.go_live()
                self.liveRequested.emit()
            return
        self._scrubbing = True
        epoch = self._shown_epoch = self._epoch_of(value)  # what Branch branches from, until the moment comes
        self.label.setText(f"epoch {epoch:,} of {self._present_epoch():,}")
        self._update_buttons()
        self.momentRequested.emit(self.session_id, epoch)

    def scrub_to(self, epoch: int) -> None:
        """Move the slider to (the step nearest) ``epoch``, as a user would: no further back than its left end,
        the first moment there is."""
        self._sync_pending()
        first, live = self._range_first, self._range_live
        steps = self._range_steps
        if steps <= 0:
            return  # nothing before the present
        value = max(0, round((int(epoch) - first) * steps / (live - first)))
        if value >= steps and epoch < live:
            value = steps - 1
        if value == self.slider.value():
            self._on_slider(value)
        else:
            self.slider.setValue(value)

    def show_moment(self, epoch: int) -> None:
        """The moment actually shown (the recorded one at or before the requested epoch)."""
        self._shown_epoch = int(epoch)
        if self._scrubbing:
            self.label.setText(f"epoch {int(epoch):,} of {self._present_epoch():,}")

    @Slot()
    def go_live(self) -> None:
        """Back to the present (no signal)."""
        self._scrubbing = False
        self._sync_range()

    @Slot()
    def _on_live_clicked(self) -> None:
        self.go_live()
        self.liveRequested.emit()

    @Slot()
    def _on_branch_clicked(self) -> None:
        if self.session_id is not None:
            epoch = self._shown_epoch if self._scrubbing else self._present_epoch()
            self.branchRequested.emit(self.session_id, epoch)

    @Slot(int)
    def _on_model_changed(self, _index: int) -> None:
        if self._scrubbing:
            self._scrubbing = False
            self.liveRequested.emit()
        self._sync_range(self._present_on_screen())
