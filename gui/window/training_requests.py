"""How the window's controls reach the training thread: Play, Step and Reset, the panels' settings, the plot's
grid; and what comes back to the controls (Play reads Pause while training runs)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from gui.widgets.style import icon


class TrainingRequests(QObject):
    """Connects ``controls`` (Play, Step, Reset), ``panels`` (model and training settings) and ``plot`` (the grid
    it wants evaluated) to ``controller``. Starting or resetting hides the banner and the last run's status message
    (``notices``); a new run restarts the epochs-per-second rate (``readouts``). Play, Step and Reset first
    start training again when its process died (``revive``, a callable() -> bool: False, it could not start). Reset
    first asks ``may_reset`` (a callable() -> bool, set by the window: False, the person kept the training).

    Signal: ``resetting()``, once a Reset went ahead (not when the person kept the training): the views leave a
    past moment of the timeline then, not when the Reset was only asked for."""

    resetting = Signal()

    def __init__(self, controller, controls, panels, plot, notices, readouts, revive, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.revive = revive
        self.may_reset: Callable[[], bool] | None = None
        self.controls = controls
        self.notices = notices
        self.readouts = readouts
        controller.runningChanged.connect(self._on_running_changed)
        controls.play_action.triggered.connect(self._on_play)
        controls.step_action.triggered.connect(self._on_step)
        controls.reset_action.triggered.connect(self._on_reset)
        panels.model.modelSpecChanged.connect(self._on_model_spec)
        panels.training.trainSpecChanged.connect(self._on_train_spec)
        panels.training.paceChanged.connect(self._on_pace)
        controls.faster_action.triggered.connect(panels.training.pace_faster)
        controls.slower_action.triggered.connect(panels.training.pace_slower)
        panels.training.limitsChanged.connect(self._on_limits)
        plot.gridRequestChanged.connect(self._on_grid_request)

    @Slot()
    def _on_play(self) -> None:
        if self.controller.running:
            self.controller.pause()
        elif self.revive():
            self.notices.dismiss()
            self.notices.new_run()
            self.controller.play()

    @Slot()
    def _on_step(self) -> None:
        if self.revive():
            self.controller.step(1)

    @Slot()
    def _on_reset(self) -> None:
        if self.may_reset is not None and not self.may_reset():
            return
        if not self.revive():
            return
        self.notices.dismiss()
        self.notices.new_run()
        self.readouts.restart_rate()
        self.controller.reset()
        self.resetting.emit()

    @Slot(object)
    def _on_model_spec(self, spec) -> None:
        self.notices.new_run()
        self.readouts.restart_rate()
        self.controller.set_model_spec(spec)

    @Slot(object)
    def _on_train_spec(self, spec) -> None:
        self.controller.set_train_spec(spec)

    @Slot(str)
    def _on_pace(self, key: str) -> None:
        self.controller.set_pace(key)

    @Slot(object, object)
    def _on_limits(self, max_epochs, target_loss) -> None:
        self.controller.set_limits(max_epochs, target_loss)

    @Slot(object)
    def _on_grid_request(self, request) -> None:
        self.controller.set_grid_request(request)

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        self.controls.play_action.setText("Pause" if running else "Play")
        self.controls.play_action.setIcon(icon("pause" if running else "play"))
