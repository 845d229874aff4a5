"""TrainingEvents: the signals by which training reports to the GUI thread.

The object lives in the GUI thread; the ``TrainingWorker`` emits its signals from the training thread (Qt
queues each emission to the receivers in the GUI thread), so a view connects straight to what the worker
says, with nothing re-emitting it on the way. ``TrainingController`` is one (it adds the requests).

What each carries is typed (``model.training.contract``): snapshots, ``Diverged``, a ``TrainingFailure``
(``SessionError``, or ``SessionProcessEnded`` when the session's child process died), an ``AutoPause`` (the
limit at which training paused by itself), ``SaveDone``, and how fast training goes (``PaceReached``, told before
the snapshot it goes with whenever it changed: the window keeps it with a run an edit leaves, for its undo).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class TrainingEvents(QObject):
    snapshotReady = Signal(object)  # model.training.snapshot.Snapshot
    paceReached = Signal(object)  # model.training.pace.PaceReached, when it changed, before the snapshot after it
    runningChanged = Signal(bool)
    diverged = Signal(object)  # model.training.contract.Diverged
    stopped = Signal(object)  # model.training.contract.AutoPause: the limit at which training paused by itself
    failed = Signal(object)  # model.training.contract.TrainingFailure
    pointStepped = Signal(object)  # (loss of the point before, after) of a single-point gradient step
    perceptronUpdated = Signal(object)  # model.nn.perceptron_rule.PerceptronUpdate
    slowStepped = Signal(object)  # model.inside.step_phases.StepPhases of a slow step, or SlowStepRefused
    saveDone = Signal(object)  # model.training.contract.SaveDone, how a save nobody waited for ended
