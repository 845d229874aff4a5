"""The window's own copy of the compared models, kept so that a dead training process does not take them along.

The models a person added beside the main one (the Experiments menu's Add items) train in the training process
with it; if that process dies, so do they. The window is told each of them (``CompareManager.membersChanged``: settings,
seed, name, colour) and receives their snapshots (weights bit for bit, epoch, units switched off, curves). This
keeps the newest of each; when training restarts after the death (``ProcessRestart``) the new process gets each
back under its name and colour, going on from its last snapshot (``SnapshotStart``) with the run it was on
(``ResumedRun``: the same row of the run table), in the order they were listed: the requests that add them
(``requests``) go with the session handed to the new process, so that they are back before anything else reaches
it (a Save right after the restart keeps them). Nothing more crosses the pipe. While no process runs, the recovery
file keeps them from the same snapshots (``saved``).

While no process runs, the person can still remove, edit and add compared models: the compare view's requests
come here (``CompareManager.hold_edits``) and change the models kept, as the process would have changed them. A
model removed is not given back; new training settings go on with its weights and its run; a new architecture
starts it again from fresh weights (drawn from its seed) on a new run, and new L2/L1 rates alone keep its weights
on a new run, as ``SessionGroup.set_member_model_spec`` does; a model added starts from its settings; a model an
undo gives back (a lesson's undo) comes back with the weights and the run its record kept (``bring_back``). A new run
gets its number now (after every run told so far) and its name with it ("Run N", or the model's label, made
distinct from the other models' names, the main run's and those of the runs the run table lists by ``run_name``, as
the group names it); the next process numbers and names it so (``requests``). As in the group, a lesson's model's
new run takes its label from the finished runs the table lists under it, which step aside ("η 0.001 (1)": the
table's rows are renamed, ``RunRenamed`` on the manager's ``runEvent``).

Another session opened from a file replaces the models instead: its own (those the file keeps) count then.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Mapping
from dataclasses import replace

from PySide6.QtCore import QObject, Signal, Slot

from gui.training.session_process import first_session_id
from model.data.dataset import Dataset
from model.storage.session_members import SavedMember
from model.training.contract import ResumedRun
from model.training.group_contract import Member, RunRenamed
from model.training.requests import AddMember
from model.training.run_names import distinct, fitting, run_name
from model.training.run_numbers import first_run_beside
from model.training.runs import RunRecord, restore_session
from model.training.session import TrainingSession
from model.training.snapshot import Snapshot
from model.training.snapshot_start import SnapshotStart
from model.training.specs import ModelSpec, TrainSpec
from model.training.state_start import StateStart

log = logging.getLogger(__name__)

#: What the person reads of an edit made while training starts again (the models are on their way to the new
#: process, under ids it has not told yet)
RESTARTING = "Training is starting again: change the compared models once they are back."


class KeptMembers(QObject):
    """The compared models of ``manager`` (a ``CompareManager``) and the newest snapshot of each; ``edited`` when
    the person changed them while no process runs."""

    edited = Signal()

    def __init__(self, manager, parent=None):
        super().__init__(parent)
        self.manager = manager
        self._members: list[Member] = []
        self._latest: dict[int, Snapshot] = {}
        self._held = False  # the process died: the empty list a new process starts with does not replace these
        self._giving_back = False  # the next process gets them back (training restarted)
        # the last snapshot of each model given back (None: none had come), in the order given, until the new
        # process lists them under new session ids in that order (a second death before their first snapshots
        # still finds their weights); by position, as two models may look alike in all else
        self._carried: list[Snapshot | None] = []
        # given back to a new process that has not listed them yet: kept as they were until it does (it may die
        # first, and the next restart gives them back again)
        self._awaiting = False
        # session id -> the number of the new run a model starts on when it is given back (added, or with a new
        # model, while no process ran), under the name it is shown with here
        self._new_runs: dict[int, int] = {}
        self._ended: set[int] = set()  # session ids whose runs ended while no process ran (removed, a new run)
        # models an undo gave back while no process ran: the whole state each goes on from (its run's record kept
        # it) and the run it goes on with (a finished row of the run table, by number)
        self._states: dict[int, StateStart] = {}
        self._back: dict[int, int] = {}
        # models added while no process ran: ids from a block of their own, which no session has
        self._added_ids = itertools.count(first_session_id())
        #: The main model's settings and seed as training would start again with them (``ProcessRestart``): a
        #: model added while no process runs without settings of its own gets these, as the process gives it the
        #: main model's.
        self.main_settings: Callable[[], tuple[ModelSpec, TrainSpec, int]] | None = None
        #: The name of the main model's run as training would go on with it ("" for none): a compared model's new
        #: run is not called so, as the group would not call it so.
        self.main_run_name: Callable[[], str] | None = None
        manager.membersChanged.connect(self.on_members)
        manager.memberSnapshot.connect(self.on_snapshot)
        manager.groupReplaced.connect(self.on_group_replaced)

    @property
    def members(self) -> list[Member]:
        return list(self._members)

    def latest(self, session_id: int) -> Snapshot | None:
        return self._latest.get(session_id)

    def epoch_of(self, session_id: int) -> int | None:
        """The epoch the model ``session_id`` goes on from when it is given back (None: from its settings)."""
        start = self._start_of(session_id)
        return int(start.epoch) if start is not None else None

    def runs_back(self) -> dict[int, int]:
        """Session id -> the number of the finished run each model an undo gave back goes on with."""
        return dict(self._back)

    @property
    def restarting(self) -> bool:
        """Training is starting again: the models are on their way to the new process (no edit is taken here)."""
        return self._giving_back

    def hold(self) -> None:
        """The training process died: keep these models as they were last told, and take the person's edits of
        them until a new process is in place."""
        self._held = True
        self.manager.hold_edits(self)

    def ended(self) -> set[int]:
        """The session ids whose runs ended while no process ran (the model removed, or on a new run): the run
        table lists them as finished."""
        return set(self._ended)

    def waiting(self) -> set[int]:
        """The session ids of the models that start from their settings when they are given back (no weights of
        theirs are kept: added, or given a new architecture, while no process ran, or never snapshotted)."""
        return {m.session_id for m in self._members if self.epoch_of(m.session_id) is None}

    # -- the person's edits while no process runs (``CompareManager.hold_edits``); each answers a sentence to
    # say, or "" --------------------------------------------------------------------------------------------
    def add(
        self, model_spec: ModelSpec | None, train_spec: TrainSpec | None, seed: int | None, colour: str, name: str
    ) -> str:
        """Another model beside the main one (None: the main model's settings and seed), its runs called ``name``
        ("" for the next "Run N"); it starts from its settings when training starts again."""
        if self._giving_back:
            return RESTARTING
        if model_spec is None or train_spec is None or seed is None:
            if self.main_settings is None:
                return "Training has stopped: restart it (Play) to add a model."
            main_model, main_training, main_seed = self.main_settings()
            model_spec, train_spec = model_spec or main_model, train_spec or main_training
            seed = main_seed if seed is None else seed
        session_id, run = next(self._added_ids), self._next_run()
        label = fitting(name)  # a lesson's label, any text its file holds: one line, as the group makes it
        self._claim(label, label)
        shown = run_name(label, run, self._names_taken())
        member = Member(session_id, shown, colour, model_spec, train_spec, int(seed), label)
        self._members.append(member)
        self._new_runs[session_id] = run
        self.edited.emit()
        return f"“{member.name}” starts training when training starts again."

    def bring_back(self, member: Member, record: RunRecord | None) -> str:
        """``member``, which an edit took away (a lesson opened), back as the undo of that edit gives it: going on
        with its finished run ``record`` where it ended, when the record kept its weights, else from its settings
        on a new run (``add``)."""
        if self._giving_back:
            return RESTARTING
        state = _state_of(record)
        if record is None or state is None:
            return self.add(member.model_spec, member.train_spec, member.seed, member.colour, member.label)
        session_id = next(self._added_ids)
        self._claim(record.name, member.label, run_id=record.run_id)
        name = run_name(record.name, record.run_id, self._names_taken(run_id=record.run_id))
        self._members.append(member._replace(session_id=session_id, name=name))
        self._states[session_id] = state
        self._back[session_id] = record.run_id
        seen = _seen_at_end(record, session_id, self.manager.member_grid)
        if seen is not None:  # its pane shows it as it was at once, not only once training starts again
            self._latest[session_id] = seen
        self.edited.emit()
        return f"“{name}” is back at epoch {state.epoch:,}; it trains on when training starts again."

    def remove(self, session_id: int) -> str:
        """The model leaves: it is not given back (its run ends with the process's)."""
        if self._giving_back:
            return RESTARTING
        self._members = [m for m in self._members if m.session_id != session_id]
        self._latest.pop(session_id, None)
        self._states.pop(session_id, None)
        self._back.pop(session_id, None)
        self._new_runs.pop(session_id, None)
        self._ended.add(session_id)
        self.edited.emit()
        return ""

    def set_model_spec(self, session_id: int, spec: ModelSpec) -> str:
        """A new model for ``session_id``: a new run, from fresh weights unless only the L2/L1 rates differ."""
        if self._giving_back:
            return RESTARTING
        member = self._member(session_id)
        if member is None or spec == member.model_spec:
            return ""
        if not member.model_spec.only_penalties_differ(spec):
            self._latest.pop(session_id, None)  # the process would draw fresh weights from its seed
            self._states.pop(session_id, None)
        if session_id not in self._new_runs:  # else its new run has not trained yet: it is still that one
            self._new_runs[session_id] = self._next_run()
            self._ended.add(session_id)
            self._back.pop(session_id, None)
        self._claim(member.label, member.label, besides=session_id)
        name = run_name(member.label, self._new_runs[session_id], self._names_taken(besides=session_id))
        self._replace(member._replace(model_spec=spec, name=name))
        self.edited.emit()
        return ""

    def set_train_spec(self, session_id: int, spec: TrainSpec) -> str:
        """New training settings for ``session_id``: its weights and its run go on."""
        if self._giving_back:
            return RESTARTING
        member = self._member(session_id)
        if member is not None:
            self._replace(member._replace(train_spec=spec))
            self.edited.emit()
        return ""

    def _member(self, session_id: int) -> Member | None:
        return next((m for m in self._members if m.session_id == session_id), None)

    def _replace(self, member: Member) -> None:
        self._members = [member if m.session_id == member.session_id else m for m in self._members]

    def _claim(self, wanted: str, label: str, besides: int | None = None, run_id: int | None = None) -> None:
        """When ``wanted`` is the model's ``label`` and only runs the table lists (not another model, nor the main
        run) have it, they step aside ("label (1)", the first number free), as ``GroupRuns._claim_label`` does: the
        lesson's text calls the model by its label."""
        if not label or fitting(wanted) != label:
            return
        main = self.main_run_name() if self.main_run_name is not None else ""
        if label in {m.name for m in self._members if m.session_id != besides} | {main}:
            return
        listed = dict(self.manager.names_listed())
        for number, name in listed.items():
            if name == label and number != run_id:
                listed[number] = distinct(label, set(listed.values()) | {main}, first=1)
                self.manager.runEvent.emit(RunRenamed(number, listed[number]))

    def _names_taken(self, besides: int | None = None, run_id: int | None = None) -> set[str]:
        """The names a new run of the model ``besides`` (None: one added), or its run ``run_id`` going on, may not
        have: the other models' and the main model's run's, and those of the runs the run table goes on listing, as
        the group counts them."""
        main = self.main_run_name() if self.main_run_name is not None else ""
        listed = {name for number, name in self.manager.names_listed().items() if number != run_id}
        return ({m.name for m in self._members if m.session_id != besides} | {main} | listed) - {""}

    def _next_run(self) -> int:
        """The number of a run begun here: after every run the window was told of and every one begun here, as the
        group numbers them (no names counted: a label "Run 9" does not move the numbers on while it trains)."""
        return first_run_beside(self.manager.next_run_id, (), self._new_runs.values())

    def give_back(self) -> list[tuple[str, int | None]]:
        """The next training process got these models back (``requests``). Answers each one's name and the epoch
        it goes on from (None: no snapshot of it had come, it starts from its settings)."""
        self._giving_back = True
        return [(m.name, self.epoch_of(m.session_id)) for m in self._members]

    def requests(self, runs: Mapping[int, ResumedRun]) -> tuple[AddMember, ...]:
        """The requests that add these models to a new training process: the same settings, seed, label and
        colour, going on from the last snapshot of each (from its start when none had come) with its run in
        ``runs`` (by session id; one not there starts a new run)."""
        return tuple(self._request(m, runs.get(m.session_id)) for m in self._members)

    def _request(self, member: Member, run: ResumedRun | None) -> AddMember:
        start = self._start_of(member.session_id)
        new_run = self._new_runs.get(member.session_id)
        if new_run is not None:
            # begun here: the process takes it up under the number and name it was shown with (a run that has not
            # trained yet), and numbers its own new runs after it (``first_run_beside`` reads ``run_name``)
            run = ResumedRun(new_run, member.name, start.epoch if start is not None else 0, 0.0)
        return AddMember(
            member.model_spec,
            member.train_spec,
            member.seed,
            colour=member.colour,
            name=member.label,
            start=start,
            run=run,
            run_name=f"Run {new_run}" if new_run is not None else "",
        )

    def _start_of(self, session_id: int) -> SnapshotStart | StateStart | None:
        """Where the model ``session_id`` goes on from: the whole state an undo gave it back with (the optimizer's
        memory too), else its last snapshot (None: from its settings)."""
        state = self._states.get(session_id)
        snap = self._latest.get(session_id)
        return state if state is not None else SnapshotStart.of(snap) if snap is not None else None

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
            start = self._start_of(m.session_id)
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
        self._new_runs, self._ended = {}, set()  # each on its run in the process now
        self._states, self._back = {}, {}
        ids = {m.session_id for m in self._members}
        self._latest = {sid: snap for sid, snap in self._latest.items() if sid in ids}
        for i, member in enumerate(self._members[: len(self._carried)]):
            carried, self._carried[i] = self._carried[i], None  # each one once: a model added later is another
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
            self._members, self._latest, self._carried, self._awaiting = [], {}, [], False
            self._new_runs, self._ended = {}, set()
            self._states, self._back = {}, {}
            return
        self._carried = [self._latest.get(m.session_id) for m in self._members]
        self._awaiting = True


def _state_of(record: RunRecord | None) -> StateStart | None:
    """What ``record``'s run needs to go on where it ended, as a compared model's start (None: only its scores)."""
    if record is None or record.state is None or record.history is None:
        return None
    params = record.state["params"]
    # a run going on from its end starts its divergence bookkeeping afresh from its weights (as a restore does)
    recovery = {"good_params": params, "good_epoch": int(record.state["epoch"]), "best_loss": float("inf")}
    return StateStart(record.state, recovery, record.history)


def _seen_at_end(record: RunRecord, session_id: int, grid) -> Snapshot | None:
    """The snapshot of ``record``'s run where it ended, as the model ``session_id`` (its boundary over ``grid``,
    (bounds, size) or None, its scores and curves): what its pane shows while no process trains it (None: the
    record cannot make its session)."""
    try:
        session = restore_session(record)
    except (ValueError, TypeError):
        return None
    bounds, size = grid if grid is not None else (None, 0)
    return replace(session.snapshot(bounds, size), session_id=session_id)


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
