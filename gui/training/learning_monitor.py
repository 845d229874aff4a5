"""LearningMonitor: reads every snapshot of a running training through ``model.training.stop_rules`` and acts.

When learning has stopped (and the training panel's "Pause when learning stops" is ticked) it pauses and says why and
how to go on; when the test loss has risen for long (and "Warn about overfitting" is ticked) it warns; a run whose
loss grows tenfold (from its start, or from its lowest for long) while staying finite is paused and reported by the
window exactly as one that overflowed to NaN.
It lives in the GUI thread and only asks the controller to pause, like a click. Once it has asked, the epochs trained
before the pause takes hold are not judged again: at full speed a busy machine can show hundreds more, and a
divergence just reported was then also called a plateau ("no progress since ...").

Its doors: the ``controller`` (snapshots, running, pause), the ``training_panel`` (the two check boxes), ``status``
(a callable(text, timeout_ms) telling the person where every mode of the window shows it; 0 keeps the text) and
``report_divergence`` (a callable taking a ``model.training.contract.Diverged``, what the worker's ``diverged`` signal
carries).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from model.training.contract import Diverged
from model.training.stop_rules import LearningWatch, divergence_watched

OVERFITTING_MESSAGE_MS = 30_000


class LearningMonitor(QObject):
    def __init__(self, controller, training_panel, status, report_divergence, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.training_panel = training_panel
        self.status = status
        self.report_divergence = report_divergence
        self.watch = LearningWatch()
        self.last_verdict = None
        self._pause_asked = False  # until training reports it stopped
        controller.snapshotReady.connect(self._on_snapshot)
        controller.runningChanged.connect(self._on_running_changed)

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        if not running:
            self._pause_asked = False  # a run started again is judged again

    @Slot(object)
    def _on_snapshot(self, snap) -> None:
        if not self.controller.running:
            if snap.epoch == 0:  # a Reset or a new model while paused: the next run is watched afresh
                self.watch.reset()
            return
        if self._pause_asked:
            return  # the run was judged: these epochs ran before the pause asked for took hold
        panel = self.training_panel
        self.watch.plateau = panel.pause_on_plateau.isChecked()
        self.watch.overfitting = panel.warn_overfitting.isChecked()
        self.watch.divergence = divergence_watched(snap.model_kind)
        if snap.model_kind == "perceptron":  # judged by its mistakes (``LearningWatch.mistakes``)
            self.watch.mistakes = True
            verdict = self.watch.observe(snap.epoch, 1.0 - snap.train_score, _mistakes(snap.test_score))
        else:
            self.watch.mistakes = False
            verdict = self.watch.observe(snap.epoch, snap.train_loss, snap.test_loss, _first_loss(snap))
        if verdict is None:
            return
        self.last_verdict = verdict
        if verdict.kind == "plateau":
            self._pause()
            # short enough for the status bar too: the cause, then how to go on (the check box that switches the rule
            # off says so in its tooltip)
            self.status(f"Paused: {verdict.message}{_why(self.watch, verdict)}. Press Space (Play) to go on.", 0)
        elif verdict.kind == "overfitting":
            self.status(
                f"Overfitting: {verdict.message}. More points, an L2 rate or fewer neurons help.",
                OVERFITTING_MESSAGE_MS,
            )
        elif verdict.kind == "diverging":
            self._pause()
            rate = float(getattr(snap, "learning_rate", float("nan")))
            self.report_divergence(Diverged(verdict.epoch, rate, verdict.message, snap, (verdict.best, verdict.now)))

    def _pause(self) -> None:
        self._pause_asked = True
        self.controller.pause()


def _mistakes(score) -> float | None:
    """The share of points wrong for an accuracy ``score`` (None where there is none: no test points)."""
    try:
        return 1.0 - float(score)
    except (TypeError, ValueError):
        return None


def _why(watch: LearningWatch, verdict) -> str:
    """What a perceptron that stopped short of all its points tells a person: it moves its line only for a point it
    gets wrong, so where no straight line separates the classes (XOR) it goes on wrong for ever."""
    if not watch.mistakes or verdict.best <= 0:
        return ""
    return ": one straight line may not separate these classes (XOR); an MLP's hidden layer can bend the boundary"


def _first_loss(snap):
    """The first training loss of the run's history (None when it has none)."""
    losses = (getattr(snap, "curves", None) or {}).get("train_loss")
    return float(losses[0]) if losses is not None and len(losses) else None
