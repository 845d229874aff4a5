"""Edits that start the main network afresh: asked about first, said in the status bar, and undone with the
trained network brought back.

Data of another shape (a point of a new class, Generate with another class count, two shown features only) and
a new architecture give the network fresh weights (``model.training.fresh_start``). Before such an edit, more than
the let-go minute of training is asked about as Reset asks (``may_discard``, the session files' question: Save /
Discard / Cancel). The edit is one ``FreshStartCommand`` on the undo stack: each time it is done, undone or redone
the run the network leaves stays in Experiments ▸ Run table, finished with its weights, and the status bar names it;
the state it comes back to gets back the run that was trained in it, where it ended, as the same run, when that
run still fits (``why_not_resumed``), else the status bar says the network starts afresh and why. A run comes back
with what went with it when it was left (``LeftRun``): the pace training had reached (a long run goes on at its
speed, not from Watch's slow start) and its training no file holds, which Reset and these edits ask about again
once it is more than the let-go minute; a network that starts afresh has none. Undo and Redo
pressed faster than training answers each bring the right run back: until it answers, the run the network is on is
the one last asked for, and a run whose end is not reported yet comes back once it is. While the training process
is dead, the run wanted comes back once Play starts training again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QUndoCommand

from model.training.fresh_start import why_not_resumed
from model.training.pace import PaceReached
from model.training.runs import RunRecord, RunTable
from model.training.snapshot_moments import describes
from model.training.specs import ModelSpec

RUNS_PLACE = "Experiments \u25b8 Run table"  # the menu item that shows the table
STATUS_MS = 12000


@dataclass(frozen=True)
class LeftRun:
    """A trained run an edit (or its undo) left, with what comes back with it: ``pace``, how fast training went
    (None: not told yet), and ``unsaved_s``, the seconds of its training no file holds."""

    record: RunRecord
    pace: PaceReached | None = None
    unsaved_s: float = 0.0


class FreshStarts(QObject):
    """What the window knows of the main network's run: ``controller`` (its newest snapshot and pace; it brings a run
    back), ``runs`` (the window's ``RunTable``), ``document`` (the data now), ``model_spec()`` (the model now),
    ``training_time`` (the session files' ``TrainingTime``: the training no file holds) and ``notices``.
    ``may_discard(reason)`` (set by the window: the session files' question) answers whether an edit that starts the
    network afresh goes ahead; None: it always does. It does not count the training time again: that goes with the
    run the edit leaves (``arrived``)."""

    def __init__(
        self,
        controller,
        runs: RunTable,
        document,
        model_spec: Callable[[], ModelSpec],
        training_time,
        notices,
        parent=None,
    ):
        super().__init__(parent)
        self.controller = controller
        self.runs = runs
        self.document = document
        self.model_spec = model_spec
        self.training_time = training_time
        self.notices = notices
        self.may_discard: Callable[[str], bool] | None = None
        #: set by the window: whether the training process has died (nothing can be brought back until it restarts)
        self.stopped: Callable[[], bool] = lambda: False
        #: Until the worker answers, the newest snapshot is still of the network an edit (or its undo) left, so the
        #: run the network is on is the one asked for here: ``_expected`` (a run brought back; None: afresh), while
        #: ``_expecting``; ``_known`` are the runs trained by then (a new run is none of them).
        self._expecting = False
        self._expected: LeftRun | None = None
        self._known: set[int] = set()
        #: a run to bring back once the worker reports that it ended (its row still says "training") or once
        #: training starts again after its process died: with the status bar's words for the run left, and the data
        #: version and model it was wanted for (another edit since has said what the network is)
        self._waiting: tuple[LeftRun, str, int, ModelSpec] | None = None

    def trained_run(self) -> LeftRun | None:
        """The main network's run, when it has weights that training moved (epoch > 0), with its pace and training
        time now; None for a network at its first weights, which nothing is lost with."""
        snap = self.controller.latest_snapshot
        if self._expecting and not self._caught_up(snap):  # its pace is the one it was sent back with
            expected = self._expected
            return None if expected is None else replace(expected, unsaved_s=self.training_time.seconds())
        if snap is None or int(snap.epoch) == 0:
            return None
        record = self.runs.for_session(snap.session_id)
        if record is None:
            return None
        return LeftRun(record, self.controller.latest_pace, self.training_time.seconds())

    def run_left(self) -> LeftRun | None:
        """The trained run an edit (or its undo) leaves, for the other way to bring back. None while the training
        process is dead (but for a run waited for): its run has only its last snapshot, which training starts
        again from when the model then fits it (``ProcessRestart``)."""
        if self.stopped():
            return self._waiting[0] if self._waiting is not None else None
        return self.trained_run()

    def _caught_up(self, snap) -> bool:
        """Whether ``snap`` is of the network last asked for (``_expected``, or a new run when it started afresh),
        on the data and model now; or of a new run that trained since (a reset or an opened file came after)."""
        if snap is None or snap.data_version != self.document.version:
            return False
        if not describes(snap, self.document.dataset, self.model_spec()):
            return False
        run = self.runs.for_session(snap.session_id)
        if run is None or not run.live:
            return False
        new_run = run.run_id not in self._known
        if self._expected is None:
            self._expecting = not new_run
        else:
            self._expecting = not (run.run_id == self._expected.record.run_id or (new_run and int(snap.epoch) > 0))
        return not self._expecting

    def _expect(self, run: LeftRun | None) -> None:
        self._expecting, self._expected = True, run
        # a run that had not trained yet may go on under its number after a fresh start: it counts as new
        self._known = {r.run_id for r in self.runs if not r.live or r.epochs > 0}

    def may_start_afresh(self, reason: str) -> bool:
        """Before an edit that starts the network afresh (``reason``: "model", "class", "data"): False when the
        person kept the training (Cancel). A network at its first weights is not asked about."""
        if self.may_discard is None or self.trained_run() is None:
            return True
        return self.may_discard(reason)

    def arrived(self, wanted: LeftRun | None, left: LeftRun | None, afresh: str) -> None:
        """The edit (or its undo or redo) is applied and the network starts afresh: ``wanted``, the run that was
        trained in the state come back to (None: none), is brought back if it fits, with its pace and training time;
        ``left`` is the run the network left (None: it was not trained); ``afresh`` ends "The network starts afresh
        …" ("for 3 classes")."""
        kept = f"{left.record.name} is kept in {RUNS_PLACE}" if left is not None else ""
        self._waiting = None
        self._expect(None)
        if wanted is None:
            self.training_time.count_from(0.0)  # the training left goes with ``left``, kept in the table
            if left is not None:
                self.notices.status(
                    f"The network starts afresh {afresh}; the trained one is {left.record.name} in {RUNS_PLACE}.",
                    STATUS_MS,
                )
            return
        record = self.runs.get(wanted.record.run_id)
        live = record is not None and record.live
        why = None if live else why_not_resumed(record, self.document.dataset, self.model_spec())
        if record is None or why is not None:
            self.training_time.count_from(0.0)
            self.notices.status(
                f"The network starts afresh {afresh}; {wanted.record.name} could not be brought back: {why}.",
                STATUS_MS,
            )
            return
        back = replace(wanted, record=record)
        self.training_time.count_from(back.unsaved_s)  # Reset asks about it again once it is more than a minute
        if live or self.stopped():
            # the edit ended it but the worker has not said so yet (an undo right after a redo), or training has
            # stopped: it comes back once its end is known with its weights, or once training starts again
            self._waiting = (back, kept, self.document.version, self.model_spec())
            self._expect(back)
            if self.stopped():
                self.notices.status(f"{record.name} comes back when training starts again (Play).", STATUS_MS)
            return
        self._resume(back, kept)

    def _resume(self, run: LeftRun, kept: str) -> None:
        self.controller.resume_run(run.record, self.document.version, run.pace)
        self._expect(run)
        back = f"{run.record.name} is back at epoch {run.record.epochs:,}"
        self.notices.status(f"{back}; {kept}." if kept else f"{back}.", STATUS_MS)

    @Slot()
    def runs_changed(self) -> None:
        """The run table changed (a run ended, training started again): a run waited for (``arrived``) that has
        ended with its weights comes back."""
        if self._waiting is None or self.stopped():
            return
        wanted, kept, version, spec = self._waiting
        if version != self.document.version or spec != self.model_spec():
            self._waiting = None  # another edit (an opened file) has said what the network is since
            return
        record = self.runs.get(wanted.record.run_id)
        if record is not None and record.live:
            return
        self._waiting = None
        why = why_not_resumed(record, self.document.dataset, self.model_spec())
        if record is not None and why is None:
            self._resume(replace(wanted, record=record), kept)
            return
        self._expect(None)
        self.training_time.count_from(0.0)
        self.notices.status(
            f"The network starts afresh; {wanted.record.name} could not be brought back: {why}.", STATUS_MS
        )


class FreshStartCommand(QUndoCommand):
    """``edit`` (an undo command whose redo starts the network afresh: new data of another shape, a new
    architecture) under the same text, bringing back, when it is undone or redone, the run that was trained in
    the state it goes back to (see ``FreshStarts.arrived``). ``afresh`` and ``afresh_undone`` end "The network
    starts afresh …" after the edit and after its undo."""

    def __init__(self, edit: QUndoCommand, fresh: FreshStarts, afresh: str, afresh_undone: str):
        super().__init__(edit.text())
        self.edit = edit
        self.fresh = fresh
        self._afresh = {True: afresh, False: afresh_undone}
        #: the run trained in the state after the edit (True) and before it (False), as it was left
        self._trained: dict[bool, LeftRun | None] = {True: None, False: None}

    def redo(self) -> None:
        self._go(forward=True)

    def undo(self) -> None:
        self._go(forward=False)

    def _go(self, forward: bool) -> None:
        left = self.fresh.run_left()
        self._trained[not forward] = left
        if forward:
            self.edit.redo()
        else:
            self.edit.undo()
        self.fresh.arrived(self._trained[forward], left, self._afresh[forward])
