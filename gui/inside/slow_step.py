"""Step slowly: one training step played phase by phase on the network diagram, with captions and formulas.

``SlowStep`` is the feature: its ``start`` pauses training and asks the training thread for the next step
taken apart into its phases (``TrainingController.slow_step``; the session takes that very step, exactly as a
normal Step, and answers a ``model.inside.step_phases.StepPhases``), shown for the probed point if there is
one. The answer plays in the ``SlowStepPlayer``, under the diagram: the forward pass layer by layer, the loss,
the backward pass from the output back, the update; ``PHASE_MS`` a phase, with Pause/Resume, Previous,
Next and Close. The model has taken its step when the answer arrives (the plot shows it at once); the player
only slows down how it is told. Starting training again, or a model at another epoch (a Step, Reset) or of
another shape, closes the player.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.inside.slow_step_overlay import SlowStepOverlay
from gui.inside.slow_step_text import Phase, phase_caption, phase_list, phase_title
from gui.widgets.flow_layout import FlowLayout
from gui.widgets.formula_label import FormulaLabel
from model.inside.step_phases import SlowStepRefused, StepPhases

PHASE_MS = 1250  # one phase, as GAN Lab's slow mode spends on each part of its step
FRAME_MS = 40  # the dots' and the lines' animation within a phase


class SlowStepPlayer(QFrame):
    """The captions and buttons of a slow step, driving ``diagram``'s overlay (``phase_timer`` moves to the next
    phase; tests drive it)."""

    closed = Signal()

    def __init__(self, diagram, parent=None):
        super().__init__(parent)
        self.setObjectName("slowStepPlayer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.diagram = diagram
        self.overlay: SlowStepOverlay | None = None
        self.phases: StepPhases | None = None
        self._list: list[Phase] = []
        self._index = 0
        self._paused = False
        self._finished = False
        self.title = QLabel()
        self.title.setObjectName("slowStepTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)  # "Step slowly · 4/8 · Backward pass: hidden layer h2" is wider than a narrow dock
        self.caption = FormulaLabel()  # selectable; its formulas copied as read
        self.caption.setObjectName("slowStepCaption")
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # room for the longest caption (Adam's update), so the diagram above does not jump from phase to phase
        self.caption.setMinimumHeight(8 * self.caption.fontMetrics().lineSpacing())
        self.previous_button = QPushButton("\u25c0 Previous")
        self.previous_button.setToolTip("Back to the previous phase.")
        self.pause_button = QPushButton("Pause")
        self.pause_button.setToolTip("Pauses or resumes the slow step (the model has already taken its step).")
        self.next_button = QPushButton("Next \u25b6")
        self.next_button.setToolTip("On to the next phase.")
        self.close_button = QPushButton("Close")
        self.close_button.setToolTip("Leaves the slow step; the diagram follows training again.")
        # on as many rows as the dock's width needs: in one row they made a narrow dock scroll sideways
        button_row = QWidget()
        buttons = FlowLayout(button_row)
        for button in (self.previous_button, self.pause_button, self.next_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        # the buttons over the caption: in a short dock (1024×700) the caption runs past its fold, and the buttons
        # under it went out of sight with it
        layout.addWidget(self.title)
        layout.addWidget(button_row)
        layout.addWidget(self.caption, 1)
        self.previous_button.clicked.connect(self.previous_phase)
        self.next_button.clicked.connect(self.next_phase)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.close_button.clicked.connect(self.close_view)

        self.phase_timer = QTimer(self)
        self.phase_timer.setSingleShot(True)
        self.phase_timer.setInterval(PHASE_MS)
        self.phase_timer.timeout.connect(self._on_phase_timer)
        self._frame_timer = QTimer(self)
        self._frame_timer.setInterval(FRAME_MS)
        self._frame_timer.timeout.connect(self._on_frame)
        self._clock = QElapsedTimer()
        self.hide()

    # -- state ----------------------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        """A slow step is on the diagram (running or paused)."""
        return self.overlay is not None

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def phase(self) -> Phase | None:
        return self._list[self._index] if self._list else None

    @property
    def phase_index(self) -> int:
        return self._index

    @property
    def n_phases(self) -> int:
        return len(self._list)

    # -- playing --------------------------------------------------------------------------------
    def play(self, phases: StepPhases) -> None:
        """Play ``phases`` from the first phase."""
        self.phases = phases
        self.overlay = SlowStepOverlay(phases)
        self._list = phase_list(phases)
        self._paused = self._finished = False
        self.pause_button.setText("Pause")
        self.diagram.set_overlay(self.overlay)
        self.show()
        self._show_phase(0)

    def _show_phase(self, index: int) -> None:
        overlay = self.overlay
        if overlay is None or self.phases is None:
            return
        was_update = overlay.phase.kind == "update"
        self._index = index
        phase = self._list[index]
        overlay.phase = phase
        overlay.progress = 1.0 if self._paused else 0.0
        self.title.setText(
            f"<b>Step slowly \u00b7 {index + 1}/{len(self._list)} \u00b7 {phase_title(self.phases, phase)}</b>"
        )
        self.caption.setText(phase_caption(self.phases, phase))
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self._list) - 1)
        if was_update != (phase.kind == "update"):
            self.diagram.set_overlay(overlay)  # the node maps of the weights before / after the step
        else:
            self.diagram.restyle()
        if not self._paused:
            self._clock.start()
            self.phase_timer.start()
            self._frame_timer.start()

    @Slot()
    def next_phase(self) -> None:
        if self.playing and self._index < len(self._list) - 1:
            self._show_phase(self._index + 1)

    @Slot()
    def previous_phase(self) -> None:
        if self.playing and self._index > 0:
            self._finished = False
            if self.pause_button.text() == "Replay":
                self.pause_button.setText("Resume")
            self._show_phase(self._index - 1)

    @Slot()
    def toggle_pause(self) -> None:
        if not self.playing:
            return
        if self._finished:  # "Replay": from the first phase again
            self._finished = self._paused = False
            self.pause_button.setText("Pause")
            self._show_phase(0)
            return
        self._paused = not self._paused
        self.pause_button.setText("Resume" if self._paused else "Pause")
        if self._paused:
            self.phase_timer.stop()
            self._frame_timer.stop()
        else:
            self._show_phase(self._index)

    @Slot()
    def close_view(self) -> None:
        if not self.playing:
            return
        self.phase_timer.stop()
        self._frame_timer.stop()
        self.overlay = None
        self.diagram.set_overlay(None)
        self.hide()
        self.closed.emit()

    @Slot()
    def _on_phase_timer(self) -> None:
        if self._index < len(self._list) - 1:
            self._show_phase(self._index + 1)
            return
        self._frame_timer.stop()
        self._finished = self._paused = True
        if self.overlay is not None:
            self.overlay.progress = 1.0
            self.diagram.restyle()
        self.pause_button.setText("Replay")

    @Slot()
    def _on_frame(self) -> None:
        overlay = self.overlay
        if overlay is None:
            self._frame_timer.stop()
            return
        overlay.progress = min(1.0, self._clock.elapsed() / max(self.phase_timer.interval(), 1))
        if overlay.phase.kind == "update":
            self.diagram.restyle()  # the lines move to their new weights
        else:
            self.diagram.canvas.update()
        if overlay.progress >= 1.0:
            self._frame_timer.stop()


class SlowStep(QObject):
    """The "Step slowly" feature: ``start`` (the action's slot) asks ``controller`` for a slow step shown for the
    probe panel's point; the answer plays on ``diagram`` (its ``dock`` is shown); a refusal goes to ``status``."""

    def __init__(self, controller, diagram, dock, probe_panel, status, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.dock = dock
        self.probe_panel = probe_panel
        self._status = status
        self.player = SlowStepPlayer(diagram)
        diagram.attach_panel(self.player)
        controller.slowStepped.connect(self._on_slow_stepped)
        controller.runningChanged.connect(self._on_running_changed)
        controller.snapshotReady.connect(self._on_snapshot)

    @Slot()
    def start(self) -> None:
        point, label = self.probe_panel.point, self.probe_panel.label
        if point is None or label is None:
            point = label = None
        self.controller.slow_step(point, label)

    @Slot(object)
    def _on_slow_stepped(self, phases) -> None:
        if isinstance(phases, SlowStepRefused):
            self._status(phases.reason)
            return
        self.dock.show()
        self.dock.raise_()
        self.player.play(phases)

    @Slot(object)
    def _on_snapshot(self, snap) -> None:
        """The slow step shows one moment: a model at another epoch (a Step, Reset) or of another shape ends it."""
        phases, overlay = self.player.phases, self.player.overlay
        if overlay is None or phases is None or snap is None:
            return
        if snap.epoch != phases.epoch_after or not overlay.fits(snap.layer_sizes):
            self.player.close_view()

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        if running:
            self.player.close_view()  # training goes on: the diagram follows it again
