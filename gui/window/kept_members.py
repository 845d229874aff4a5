"""The window's own copy of the compared models, kept so that a dead training process does not take them along.

The models a person added beside the main one (Experiments ▸ compare) train in the training process with it;
if that process dies, so do they. The window is told each of them (``CompareManager.membersChanged``: settings,
seed, name, colour) and receives their snapshots (weights bit for bit, epoch, units switched off, curves). This
keeps the newest of each; when training restarts after the death (``ProcessRestart``) the new process gets each
back under its name and colour, going on from its last snapshot (``SnapshotStart``) with the run it was on
(``ResumedRun``: the same row of the run table), in the order they were listed: the requests that add them
(``requests``) go with the session handed to the new process, so that they are back before anything else reaches
it (a Save right after the restart keeps them). Nothing more crosses the pipe. While no process runs, the recovery
file keeps them from the same snapshots (``saved``).

Another session opened from a file replaces the models instead: its own (those the file keeps) count then.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace

from PySide6.QtCore import QObject, Slot

from model.data.dataset import Dataset
from model.storage.session_members import SavedMember
from model.training.contract import ResumedRun
from model.training.group_contract import Member
from model.training.requests import AddMember
from model.training.session import TrainingSession
from model.training.snapshot import Snapshot
from model.training.snapshot_start import SnapshotStart
from model.training.state_start import StateStart

log = logging.getLogger(__name__)


class KeptMembers(QObject):
    """The compared models of ``manager`` (a ``CompareManager``) and the newest snapshot of each."""

    def __init__(self, manager, parent=None):
        super().__init__(parent)
        self.manager = manager
        self._members: list[Member] = []
        self._latest: dict[int, Snapshot] = {}
        self._held = False  # the process died: the empty list a new process starts with does not replace these
        self._giving_back = False  # the next process gets them back (training restarted)
        # colour -> the last snapshot of a model given back, until the new process tells its new session id (a
        # second death before its first snapshot still finds its weights)
        self._carried: dict[str, Snapshot] = {}
        # given back to a new process that has not listed them yet: kept as they were until it does (it may die
        # first, and the next restart gives them back again)
        self._awaiting = False
        manager.membersChanged.connect(self.on_members)
        manager.memberSnapshot.connect(self.on_snapshot)
        manager.groupReplaced.connect(self.on_group_replaced)

    @property
    def members(self) -> list[Member]:
        return list(self._members)

    def latest(self, session_id: int) -> Snapshot | None:
        return self._latest.get(session_id)

    def hold(self) -> None:
        """The training process died: keep these models as they were last told."""
        self._held = True

    def give_back(self) -> list[tuple[str, int | None]]:
        """The next training process got these models back (``requests``). Answers each one's name and the epoch
        it goes on from (None: no snapshot of it had come, it starts from its settings)."""
        self._giving_back = True
        return [
            (m.name, int(snap.epoch) if (snap := self._latest.get(m.session_id)) is not None else None)
            for m in self._members
        ]

    def requests(self, runs: Mapping[int, ResumedRun]) -> tuple[AddMember, ...]:
        """The requests that add these models to a new training process: the same settings, seed, label and
        colour, going on from the last snapshot of each (from its start when none had come) with its run in
        ``runs`` (by session id; one not there starts a new run)."""
        return tuple(
            AddMember(
                m.model_spec,
                m.train_spec,
                m.seed,
                colour=m.colour,
                name=m.label,
                start=self._start_of(m),
                run=runs.get(m.session_id),
            )
            for m in self._members
        )

    def _start_of(self, member: Member) -> SnapshotStart | None:
        snap = self._latest.get(member.session_id)
        return SnapshotStart.of(snap) if snap is not None else None

    def saved(self, dataset: Dataset) -> tuple[SavedMember, ...]:
        """These models as a session file keeps them, each on ``dataset`` from its last snapshot (the optimizer's
        memory and the shuffling start afresh, as when training restarts). One whose settings no longer build a
        model on the data is left out (logged): the file keeps the others."""
        saved = []
        for m in self._members:
            try:
                session = TrainingSession(dataset, m.model_spec, m.train_spec, seed=m.seed)
            except (ValueError, TypeError) as exc:
                log.warning("the compared model %s cannot be kept: %s", m.name, exc)
                continue
            start = self._start_of(m)
            if start is not None and start.fits(session):
                start.resume(session)
            state = StateStart.of(session)
            saved.append(SavedMember(m.name, m.colour, m.label, m.model_spec, m.train_spec, m.seed, state))
        return tuple(saved)

    @Slot(object)
    def on_members(self, members) -> None:
        if self._held:
            return
        if self._awaiting:
            if not members and self._members:
                return  # the new process's list before the models given back were added to it
            self._awaiting, self._latest = False, {}  # its own list and ids now: the last snapshots are carried
        self._members = list(members)
        ids = {m.session_id for m in self._members}
        self._latest = {sid: snap for sid, snap in self._latest.items() if sid in ids}
        for member in self._members:
            carried = self._carried.pop(member.colour, None)
            if carried is not None and member.session_id not in self._latest:
                self._latest[member.session_id] = replace(carried, session_id=member.session_id)

    @Slot(object)
    def on_snapshot(self, snap) -> None:
        if self._awaiting:
            return  # a new process's ids, not those of the models kept
        if not self._held and any(m.session_id == snap.session_id for m in self._members):
            self._latest[snap.session_id] = snap

    @Slot()
    def on_group_replaced(self) -> None:
        """A new training process is in place: after a restart it was given the models back (``requests``)."""
        giving_back = self._giving_back
        self._held = self._giving_back = False
        if not giving_back:  # a session file opened: the models beside it are its own
            self._members, self._latest, self._carried, self._awaiting = [], {}, {}, False
            return
        self._carried = {m.colour: snap for m in self._members if (snap := self._latest.get(m.session_id))}
        self._awaiting = True


def given_back_sentence(given: list[tuple[str, int | None]]) -> str:
    """What the person reads of the compared models given back, short enough for the status bar beside the
    restart's own sentence: "Compared model “Run 2” back from epoch 40 too." ("" for none)."""
    if not given:
        return ""
    epochs = {epoch for _, epoch in given}
    if len(epochs) == 1 and None not in epochs:  # the usual case: they trained in step with the main model
        names = [f"“{name}”" for name, _ in given]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"Compared {'model' if len(names) == 1 else 'models'} {listed} back from epoch {epochs.pop():,} too."
    parts = [
        f"“{name}” from epoch {epoch:,}" if epoch is not None else f"“{name}” from its start" for name, epoch in given
    ]
    return "Compared models back: " + ", ".join(parts) + "."
