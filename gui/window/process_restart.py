"""When the training process dies (killed, out of memory): say so in words, keep the points and the last
snapshot, and offer to start training again from the last weights the window has.

The window keeps every point (the document is the GUI's) and the newest snapshot (its weights, epoch and
curves). "Restart training" builds a session in this process from the data, the panels' settings and that
snapshot, and hands it to the training thread as an opened session file is handed (a new child process
adopts it); Play, Reset, model edits and Save work again from there. The timeline the dead process held is
given back from the moments the window kept of it (``KeptTimeline``): the person can still go back to an epoch
trained before the death, and the status bar says how far back. Play, Step, Reset and Save do the same
first (``revive``): with no process they would do nothing, or fail to save the person's work.
"""

from __future__ import annotations

import logging

import numpy as np
from PySide6.QtCore import QObject, Slot

from model.storage.session_files import save_session
from model.training.contract import SessionProcessEnded, TrainingFailure
from model.training.session import TrainingSession
from model.training.snapshot_moments import carry_timeline

log = logging.getLogger(__name__)


class ProcessRestart(QObject):
    """Routes the controller's ``failed`` reports: a dead training process gets an offer to restart,
    any other error the notices' usual message."""

    def __init__(self, controller, document, panels, notices, kept, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.document = document
        self.panels = panels
        self.notices = notices
        self.kept = kept  # KeptTimeline: the moments of the main model the window was shown
        self.died = False

    @Slot(object)
    def on_failed(self, failure: TrainingFailure) -> None:
        if not isinstance(failure, SessionProcessEnded):
            self.notices.show_failure(failure)
            return
        self.died = True
        last = failure.summary
        snap = self.controller.latest_snapshot
        kept = f"the weights of epoch {int(snap.epoch):,}" if snap is not None else "the settings"
        self.notices.invite(
            f"The training process stopped unexpectedly ({last or 'it ended'}). Your points are kept, and {kept}.",
            "Restart training",
            self.restart,
        )

    def rebuilt_session(self) -> TrainingSession:
        """A session from the data, the panels' settings and the last snapshot's weights, epoch and curves (the
        optimizer's memory starts afresh), with a timeline of the moments the window kept before it. Raises
        ValueError or TypeError when the settings make no session."""
        ds = self.document.dataset
        seed = int(self.panels.data.params().get("seed", 0))
        session = TrainingSession(ds, self.panels.model.model_spec(), self.panels.training.train_spec(), seed=seed)
        snap = self.controller.latest_snapshot
        if snap is not None and np.shape(snap.params) == session.network.params.shape:
            state = session.training_state()
            state["params"] = np.asarray(snap.params, dtype=session.network.params.dtype)
            state["epoch"] = int(snap.epoch)
            state["units_off"] = snap.units_off
            session.restore_training_state(state)  # the optimizer's memory starts afresh
            curves = snap.curves or {}
            if curves.get("epoch") is not None and len(curves["epoch"]):
                try:
                    session.history.load(dict(curves), n_epochs=int(snap.epoch))
                except (KeyError, ValueError) as exc:  # thinned curves the history cannot take: start them anew
                    log.warning("the curves could not be carried over: %s", exc)
            carry_timeline(session, self.kept.timeline)
        return session

    def keep(self, path: str, view: dict) -> None:
        """While the process is dead: writes what the window has (``rebuilt_session``) to ``path``, here, so
        that the autosave keeps the work done since the death too (there is no session to ask)."""
        save_session(self.rebuilt_session(), path, view)

    def revive(self) -> bool:
        """Before a request only a training session can answer (Play, Step, Reset, Save): start training again if
        the process died. False when it could not start (the person was told why)."""
        return not self.died or self.restart()

    @Slot()
    def restart(self) -> bool:
        """Start training again: a new session from the data, the panels and the last snapshot's weights."""
        try:
            session = self.rebuilt_session()
        except (ValueError, TypeError) as exc:
            self.notices.warn(f"Training could not start again: {exc}")
            return False
        first = session.timeline.first if session.timeline is not None else None
        self.kept.continue_in_next_session()
        self.controller.replace_session(session, self.document.version)
        self.died = False
        self.notices.dismiss()
        if first is not None and first.epoch < session.epoch:
            self.notices.status(
                f"Training restarted from the weights of epoch {session.epoch:,}; the timeline was recovered back to "
                f"epoch {first.epoch:,} (the moments the window drew).",
                8000,
            )
        else:
            self.notices.status("Training restarted from the last weights (the timeline starts again here).", 8000)
        return True
