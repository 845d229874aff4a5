"""Edits that start the main network afresh: asked about first, said in the status bar, and undone with the
trained network brought back.

Data of another shape (a point of a new class, Generate with another class count, two shown features only) and
a new architecture give the network fresh weights (``model.training.fresh_start``). Before such an edit, more than
the let-go minute of training is asked about as Reset asks (``may_discard``, the session files' question: Save /
Discard / Cancel). The edit is one ``FreshStartCommand`` on the undo stack: each time it is done, undone or redone
the run the network leaves stays in Experiments ▸ Run table, finished with its weights, and the status bar names it;
the state it comes back to gets back the run that was trained in it, where it ended, as the same run, when that
run still fits (``why_not_resumed``), else the status bar says the network starts afresh and why.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand

from model.training.fresh_start import why_not_resumed
from model.training.runs import RunRecord, RunTable
from model.training.specs import ModelSpec

RUNS_PLACE = "Experiments \u25b8 Run table"  # the menu item that shows the table
STATUS_MS = 12000


class FreshStarts(QObject):
    """What the window knows of the main network's run: ``controller`` (its newest snapshot; it brings a run back),
    ``runs`` (the window's ``RunTable``), ``document`` (the data now), ``model_spec()`` (the model now) and
    ``notices``. ``may_discard(reason)`` (set by the window: the session files' question) answers whether an edit
    that starts the network afresh goes ahead; None: it always does."""

    def __init__(self, controller, runs: RunTable, document, model_spec: Callable[[], ModelSpec], notices, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.runs = runs
        self.document = document
        self.model_spec = model_spec
        self.notices = notices
        self.may_discard: Callable[[str], bool] | None = None
        #: set by the window: whether the training process has died (nothing can be brought back until it restarts)
        self.stopped: Callable[[], bool] = lambda: False

    def trained_run(self) -> RunRecord | None:
        """The main network's run, when it has weights that training moved (epoch > 0); None for a network at its
        first weights, which nothing is lost with."""
        snap = self.controller.latest_snapshot
        if snap is None or int(snap.epoch) == 0:
            return None
        return self.runs.for_session(snap.session_id)

    def may_start_afresh(self, reason: str) -> bool:
        """Before an edit that starts the network afresh (``reason``: "model", "class", "data"): False when the
        person kept the training (Cancel). A network at its first weights is not asked about."""
        if self.may_discard is None or self.trained_run() is None:
            return True
        return self.may_discard(reason)

    def arrived(self, wanted: RunRecord | None, left: RunRecord | None, afresh: str) -> None:
        """The edit (or its undo or redo) is applied and the network starts afresh: ``wanted``, the run that was
        trained in the state come back to (None: none), is brought back if it fits; ``left`` is the run the network
        left (None: it was not trained); ``afresh`` ends "The network starts afresh …" ("for 3 classes")."""
        kept = f"{left.name} is kept in {RUNS_PLACE}" if left is not None else ""
        if wanted is not None:
            record = self.runs.get(wanted.run_id)
            why = why_not_resumed(record, self.document.dataset, self.model_spec())
            if why is None and self.stopped():
                why = "training has stopped (Play starts it again)"
            if record is not None and why is None:
                self.controller.resume_run(record, self.document.version)
                back = f"{record.name} is back at epoch {record.epochs:,}"
                self.notices.status(f"{back}; {kept}." if kept else f"{back}.", STATUS_MS)
                return
            lost = f"{wanted.name} could not be brought back: {why}"
            self.notices.status(f"The network starts afresh {afresh}; {lost}.", STATUS_MS)
            return
        if left is not None:
            self.notices.status(
                f"The network starts afresh {afresh}; the trained one is {left.name} in {RUNS_PLACE}.", STATUS_MS
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
        self._trained: dict[bool, RunRecord | None] = {True: None, False: None}

    def redo(self) -> None:
        self._go(forward=True)

    def undo(self) -> None:
        self._go(forward=False)

    def _go(self, forward: bool) -> None:
        left = self.fresh.trained_run()
        self._trained[not forward] = left
        if forward:
            self.edit.redo()
        else:
            self.edit.undo()
        self.fresh.arrived(self._trained[forward], left, self._afresh[forward])
