"""The learning monitor judges a run once: after it has asked for a pause, the snapshots of the epochs trained before
the pause takes hold (hundreds at full speed on a busy machine) are not judged again. A divergence just reported was
also called a plateau, its "no progress since ..." written over it (a window test failed so under heavy load)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal

from gui.panels.training_panel import TrainingPanel
from gui.training.learning_monitor import LearningMonitor
from model.training.snapshot import Snapshot

START_LOSS = 1.18  # the spiral's loss at epoch 1; SGD at rate 100 takes it to ~35-155 and keeps it there


class TrainingRunning(QObject):
    """The two signals and the pause of ``TrainingController`` the monitor uses, the pause taking hold only when
    the test says so (as the training thread does, a chunk later)."""

    snapshotReady = Signal(object)
    runningChanged = Signal(bool)

    def __init__(self):
        super().__init__()
        self.running = True
        self.pauses_asked = 0

    def pause(self) -> None:
        self.pauses_asked += 1

    def paused(self) -> None:
        self.running = False
        self.runningChanged.emit(False)

    def played(self) -> None:
        self.running = True
        self.runningChanged.emit(True)

    def show(self, epoch: int, loss: float) -> None:
        self.snapshotReady.emit(
            Snapshot(
                epoch=epoch,
                train_loss=loss,
                test_loss=loss,
                train_score=0.3,
                test_score=0.3,
                params=np.zeros(3),
                layer_sizes=(2, 1),
                activations=(),
                output_activation="softmax",
                task="classification",
                model_kind="mlp",
                learning_rate=100.0,
                curves={"epoch": np.array([1.0]), "train_loss": np.array([START_LOSS])},
            )
        )


def test_a_run_asked_to_pause_is_not_judged_again_until_it_runs_again(qtbot):
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    panel.pause_on_plateau.setChecked(True)  # the app's default (GUI tests switch it off): the rule at stake
    panel.warn_overfitting.setChecked(False)
    training, said, diverged = TrainingRunning(), [], []
    monitor = LearningMonitor(training, panel, lambda text, _ms: said.append(text), diverged.append)

    training.show(400, 100.0)
    assert monitor.last_verdict.kind == "diverging" and training.pauses_asked == 1 and len(diverged) == 1
    for epoch in range(500, 2500, 100):  # trained before the pause took hold: no progress for 2 000 epochs
        training.show(epoch, 100.0)
    assert monitor.last_verdict.kind == "diverging", said
    assert training.pauses_asked == 1 and len(diverged) == 1 and said == []

    training.paused()
    training.played()  # Play: the same run goes on, and is judged again
    training.show(2600, 100.0)
    assert monitor.last_verdict.kind == "plateau" and training.pauses_asked == 2
    assert said and said[-1].startswith("Paused: no progress since epoch 400")
