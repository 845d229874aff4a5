"""The window's own copy of the main model's timeline, kept from the snapshots as they arrive.

The timeline a person scrubs lives in the training process; if that process dies, so does it. This keeps the
moments the window was shown (``model.training.snapshot_moments``) so that training restarted from the last
weights (``ProcessRestart``) still lets the person go back to an epoch trained before the death, its weights
bit for bit. Nothing more crosses the pipe (the snapshots come anyway); each moment holds one snapshot's
parameter vector, within the ``Timeline``'s bounds.

A snapshot is kept only when the window's data and model settings are the ones it was trained with (an edit
still on its way to the training process is not), and a new network, a new session (a file opened) or Reset
start the kept past afresh, as they start the timeline's.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Slot

from model.training.snapshot_moments import SnapshotMoment, describes
from model.training.timeline import Timeline


class KeptTimeline(QObject):
    """Records every snapshot of ``controller`` whose data and model settings match the window's."""

    def __init__(self, controller, document, panels, parent=None):
        super().__init__(parent)
        self.document = document
        self.panels = panels
        self.timeline = Timeline()
        self._session_id: int | None = None
        self._continues = False  # the next new session goes on with this past (training restarted)
        self._rng_seed: int | None = None
        self._rng_state: dict = {}
        controller.snapshotReady.connect(self.on_snapshot)

    def continue_in_next_session(self) -> None:
        """The next new session is this one's run going on (training restarted from the last weights)."""
        self._continues = True

    @Slot(object)
    def on_snapshot(self, snap) -> None:
        if snap.data_version != self.document.version:
            return  # trained on data the window has since edited: its dataset is gone
        dataset = self.document.dataset
        model_spec = self.panels.model.model_spec()
        if not describes(snap, dataset, model_spec):
            return  # settings changed since (or on their way): the moment would be shown with the wrong ones
        if snap.session_id != self._session_id:
            if self._session_id is not None and not self._continues:
                self.timeline = Timeline()  # another run: a file opened
            self._session_id, self._continues = snap.session_id, False
        last = self.timeline.last
        if last is not None and last.params.shape != np.shape(snap.params):
            self.timeline = Timeline()  # a new network: its past is not this one's
        moment = SnapshotMoment(snap, dataset, model_spec, self.panels.training.train_spec(), self._shuffle_state())
        if last is None:
            self.timeline.restart(moment)
        else:
            self.timeline.record(moment, snap.train_loss)  # a long run's timeline keeps every few epochs

    def _shuffle_state(self) -> dict:
        """A shuffling generator's state from the data panel's seed (a branch from a kept moment shuffles with it)."""
        seed = int(self.panels.data.params().get("seed", 0))
        if seed != self._rng_seed:
            self._rng_seed, self._rng_state = seed, dict(np.random.default_rng(seed).bit_generator.state)
        return self._rng_state
