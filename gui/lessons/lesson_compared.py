"""The compared models when a lesson or challenge is opened, and when that is undone and redone.

Opening a lesson takes the person's compared models away (Compare view, ``CompareManager``) before the lesson's
data arrives, so that each run ends on the data it trained on, and adds the lesson's runs (lesson 5 compares
learning rates) once its settings are in place. Both are steps of the lesson's one undo step:
``ComparedModelsLeave`` is pushed first and ``LessonRunsJoin`` last, so that the undo takes the lesson's runs away
before the person's data comes back, and gives the person's models back after it.

A model given back goes on with its own run, the same row of the run table, under its name and colour, where the run
ended with its weights (``CompareManager.bring_back``). The group tells the end of a run a moment after it was asked
to remove the model (the record with the weights comes with that answer, from the training thread): an undo pressed
before then gives the model back once its end is told. One taken away while the training process was dead (or
starting again) ends where the window last saw it: its last snapshot, which the window kept, is the end of its run,
and it comes back from there on that run (the optimizer's memory starts afresh, as after a restart). Given back
while the process is dead, the window keeps it, weights and run, until training starts again. A model asked for a
moment before the lesson opened, not listed yet, leaves with the others and comes back from its settings. One
whose run kept only its scores (the run table keeps the weights of its newest finished runs) comes back from its
settings on a new run, and the status bar says so. Redo takes the models away again, also those whose return is
still waiting, and the lesson's runs start again from their settings as when the lesson was opened.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QUndoCommand

from model.training.group_contract import Member, RunFinished
from model.training.runs import RunRecord
from model.training.snapshot_start import finished_at
from model.training.specs import ModelSpec, TrainSpec


@dataclass(frozen=True)
class Taken:
    """A compared model taken away: as the compare view listed it (session id 0: asked for, not listed yet), and
    the id of the run it was on (None: not told yet)."""

    member: Member
    run_id: int | None


class ComparedModels(QObject):
    """Takes the compared models of ``manager`` (the ``CompareManager``) away and gives them back, each on its run:
    keeps the record of each run taken away once its end is told (``runEvent``), or, while the training process is
    dead, made from its last snapshot on the data of ``document``."""

    def __init__(self, manager, document, parent: QObject | None = None):
        super().__init__(parent)
        self.manager = manager
        self.document = document
        self._ending: set[int] = set()  # runs taken away whose end is not told yet
        self._ended: dict[int, RunRecord] = {}  # runs taken away, ended: what brings each back
        # runs whose end is awaited, ended at the last snapshot the window kept: what brings each back if the
        # process dies before it tells the end
        self._at_snapshot: dict[int, RunRecord] = {}
        self._latest: dict[int, object] = {}  # the newest snapshot of each compared model, by session id
        self._wanted: dict[int, Member] = {}  # models to give back once their run's end is told
        manager.runEvent.connect(self._on_run_event)
        manager.memberSnapshot.connect(self._on_member_snapshot)
        manager.membersChanged.connect(self._on_members_changed)
        manager.groupReplaced.connect(self._on_group_replaced)

    def listed(self) -> tuple[Taken, ...]:
        """The compared models the compare view lists now, then those asked for and not listed yet."""
        listed = tuple(Taken(m, self.manager.run_of(m.session_id)) for m in self.manager.members)
        return listed + tuple(Taken(m, None) for m in self.manager.asked)

    def take_away(self, taken: tuple[Taken, ...]) -> None:
        """Every compared model leaves (``taken``: those that are the person's, whose runs are kept to give back);
        one still waiting to be given back stays away."""
        # those beside the main model now (a model not given back yet has left already: its end is told, or will be)
        here = {t.run_id for t in taken if t.run_id is not None} - self._ending - set(self._ended)
        self._wanted = {}
        if self.manager.held:  # no process tells their ends: each ends at the last snapshot the window kept
            for t in taken:
                if t.run_id in here:
                    record = self._ended_at_snapshot(t, self.manager.kept_snapshot(t.member.session_id))
                    if record is not None:
                        self._ended[record.run_id] = record
        else:
            self._ending |= here
            for t in taken:
                if t.run_id in here:
                    record = self._ended_at_snapshot(t, self._latest.get(t.member.session_id))
                    if record is not None:
                        self._at_snapshot[record.run_id] = record
        self._latest = {}
        self.manager.remove_all_models()

    @Slot(object)
    def _on_member_snapshot(self, snap) -> None:
        self._latest[snap.session_id] = snap

    @Slot(object)
    def _on_members_changed(self, members) -> None:
        listed = {m.session_id for m in members}  # a model removed leaves its last snapshot behind
        self._latest = {sid: snap for sid, snap in self._latest.items() if sid in listed}

    def _ended_at_snapshot(self, taken: Taken, snap) -> RunRecord | None:
        """The end of ``taken``'s run at ``snap``, the last snapshot the window kept of it (None: none came, or
        its weights are not of its model on the data now)."""
        member, run_id = taken.member, taken.run_id
        if snap is None or run_id is None:
            return None
        info = self.manager.info_of(member.session_id)
        wall_time = info.wall_time if info is not None else 0.0
        branched = None  # a branch stays one: the run table says which run it was branched from
        if info is not None and info.parent_id is not None and info.branch_epoch is not None:
            branched = (info.parent_id, info.branch_epoch)
        settings = (member.model_spec, member.train_spec, member.seed)
        run = (run_id, member.name, wall_time, member.colour)
        return finished_at(snap, self.document.dataset, self.document.version, settings, run, branched)

    def give_back(self, taken: tuple[Taken, ...]) -> None:
        """``taken`` back beside the main model, each on its run when its end is told (now or later)."""
        for t in taken:
            if t.run_id is not None and t.run_id in self._ending and self.manager.held:
                # the process died before it told the end: the run ends at the last snapshot the window kept
                self._ending.discard(t.run_id)
                self._give(t.member, self._at_snapshot.pop(t.run_id, None))
            elif t.run_id is not None and t.run_id in self._ending:
                self._wanted[t.run_id] = t.member
            else:
                self._give(t.member, self._ended.pop(t.run_id, None) if t.run_id is not None else None)

    def _give(self, member: Member, record: RunRecord | None) -> None:
        self.manager.bring_back(member, record)
        if self.manager.held:
            return  # the keeper says when it starts
        if member.session_id and (record is None or not record.restorable):  # (0: never listed, never trained)
            self.manager.message.emit(
                f"“{member.name}” is back from its settings: the weights of its run were not kept."
            )

    @Slot(object)
    def _on_run_event(self, event) -> None:
        if not isinstance(event, RunFinished) or event.record.run_id not in self._ending:
            return
        record = event.record
        self._ending.discard(record.run_id)
        self._at_snapshot.pop(record.run_id, None)
        member = self._wanted.pop(record.run_id, None)
        if member is not None:
            self._give(member, record)
        else:
            self._ended[record.run_id] = record

    @Slot()
    def _on_group_replaced(self) -> None:
        """A new training process: the ends still awaited are not told any more (the old process took them)."""
        wanted, self._wanted, self._ending = self._wanted, {}, set()
        at_snapshot, self._at_snapshot = self._at_snapshot, {}
        for run_id, member in wanted.items():
            self._give(member, at_snapshot.pop(run_id, None))
        self._ended.update(at_snapshot)  # an undo later gives those back from there


class ComparedModelsLeave(QUndoCommand):
    """The compared models leave (pushed before a lesson's data); undone, they come back on their runs."""

    def __init__(self, compared: ComparedModels, parent: QUndoCommand | None = None):
        super().__init__("Compared models leave", parent)
        self.compared = compared
        self.taken: tuple[Taken, ...] | None = None  # the models taken away: those listed the first time

    def redo(self) -> None:
        if self.taken is None:
            self.taken = self.compared.listed()
        self.compared.take_away(self.taken)

    def undo(self) -> None:
        self.compared.give_back(self.taken or ())


class LessonRunsJoin(QUndoCommand):
    """A lesson's runs beside the main model, ``runs`` ((ModelSpec, TrainSpec, label), ...), from their settings
    (pushed after the lesson's settings); undone, every compared model leaves (the person's come back with the
    undo of ``ComparedModelsLeave``)."""

    def __init__(self, manager, runs: tuple[tuple[ModelSpec, TrainSpec, str], ...], parent=None):
        super().__init__("Lesson runs join", parent)
        self.manager = manager
        self.runs = runs

    def redo(self) -> None:
        for model_spec, train_spec, label in self.runs:
            self.manager.add_model(model_spec, train_spec, name=label)

    def undo(self) -> None:
        self.manager.remove_all_models()


__all__ = ["ComparedModels", "ComparedModelsLeave", "LessonRunsJoin", "Taken"]
