"""Side-by-side training, the timeline and the loss landscape: the GUI thread's link to the SessionGroup.

The training worker owns one session; here that session is a ``model.training.session_group.SessionGroup``
(the primary model plus up to three more, stepped in turn), which lives in a child process: the worker holds
a ``gui.training.session_process.GroupProxy`` of it, so training does not share the GUI process' interpreter
lock. The main window passes ``CompareManager.session_factory`` (a ``SessionFactory``, ``group_factory``) to its
``TrainingController``; the worker calls it in the training thread, where it starts the group's process and
builds a ``GroupBridge`` (``group_bridge``) living in that thread. The bridge talks to the group through the same
contract as the worker (``model.training.contract.TrainableGroup``): requests of ``model.training.requests``
(``AddMember``, ``MomentAt``, ``Branch`` ...) answered with small values, and the group's events
(``MemberSnapshots``, ``RunLive``, ``RunFinished``), which arrive with the replies to the worker's requests
and are turned into queued signals there. Requests from the GUI (add a model, its settings, a moment of the
timeline, a branch, a landscape, a restore) reach the bridge as queued signals, so they run between two
chunks of training, paused or not; results come back as queued signals. Nothing here touches a session
from the GUI thread.

While the group's process is dead, the person's edits of the compared models (add, remove, new settings) go
to a keeper instead (``hold_edits``: the window's ``KeptMembers``), which gives the models back, edited, to the
next process; the panes show the keeper's models meanwhile.

Play/Pause/Step/Reset and data edits need nothing from here: they go to the worker as before and
the group applies them to every model.

The bridge and the factory that builds it are the training thread's side of a comparison; this module holds the
manager, the GUI thread's side (and ``MemberKeeper``, what it asks of the keeper of the models while no process
runs).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

from gui.experiments.group_bridge import GroupBridge
from gui.experiments.group_factory import MEMBER_GRID_CAP, GroupFactory
from gui.experiments.newest_request import NewestRequest
from gui.training.worker_requests import GridRequest
from model.training import member_colours
from model.training.group_contract import Member, RunEvent, RunFinished, RunInfo, RunLive, RunRenamed

log = logging.getLogger(__name__)

#: Colours of the models side by side, in order (the primary's is the curves view's default blue); see
#: ``model.training.member_colours``.
MODEL_COLOURS = member_colours.MODEL_COLOURS


class MemberKeeper(Protocol):
    """Keeps the compared models while the group's process is dead, and takes the person's edits of them; each
    edit answers a sentence for the status bar ("" for none)."""

    @property
    def members(self) -> list: ...

    def latest(self, session_id: int) -> Any: ...

    def waiting(self) -> set[int]: ...

    def ended(self) -> set[int]: ...

    def runs_back(self) -> dict[int, int]: ...

    @property
    def restarting(self) -> bool: ...

    def add(self, model_spec, train_spec, seed, colour: str, name: str) -> str: ...

    def bring_back(self, member, record) -> str: ...

    def remove(self, session_id: int) -> str: ...

    def set_model_spec(self, session_id: int, spec) -> str: ...

    def set_train_spec(self, session_id: int, spec) -> str: ...


class CompareManager(QObject):
    """GUI-thread handle on the models trained side by side, their timelines and landscapes.

    Signals
    -------
    membersChanged(list)      [model.training.group_contract.Member, ...] of the extra models
    memberSnapshot(Snapshot)  a live snapshot of an extra model (``snapshot.session_id`` says which)
    runInfo(dict)             session_id -> model.training.contract.RunInfo
    runEvent(RunEvent)        a run is live (``RunLive``) or finished (``RunFinished``: it can be restored), or a
                              finished run has a new name (``RunRenamed``)
    momentReady(Snapshot, specs)  the answer to ``request_moment`` (the newest request only), with the
                              (ModelSpec, TrainSpec) the session trained on from that moment
    landscapeReady(Landscape) the answer to ``request_landscape`` (the newest request only)
    message(str)              a sentence for the status bar (a refusal or an error)
    groupReplaced()           the training thread built a new group (a session file was opened)
    memberWaiting(int)        a compared model kept while the process is dead starts from its settings when it is
                              given back (added, or a new architecture): its last weights are not its any more
    runsEnded(set)            the session ids whose runs ended while the process is dead (removed, a new run)
    runsBack(dict)            session id -> the finished run a model given back while the process is dead goes on
                              with (an undo brought it back): its row trains again
    """

    membersChanged = Signal(object)
    memberSnapshot = Signal(object)
    runInfo = Signal(object)
    runEvent = Signal(object)
    momentReady = Signal(object, object)
    landscapeReady = Signal(object)
    message = Signal(str)
    groupReplaced = Signal()  # the worker built a new group (a session file was opened): the old runs ended
    memberWaiting = Signal(int)
    runsEnded = Signal(object)
    runsBack = Signal(object)

    # requests, queued to the bridge in the training thread
    _bridgeCreated = Signal(object)
    _addRequested = Signal(object, object, object, str, str, object, object)
    _removeRequested = Signal(int)
    _removeAllRequested = Signal()
    _bringBackRequested = Signal(object, object)
    _modelSpecRequested = Signal(int, object)
    _trainSpecRequested = Signal(int, object)
    _momentRequested = Signal(int, int, object, int)
    _branchRequested = Signal(int, int, object, object, str)
    _landscapeRequested = Signal(int, str, int, int, int)
    _restoreRequested = Signal(object, str)
    _gridRequested = Signal(object)
    _announceRequested = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._bridge = None
        self._pending: list = []  # requests made before the training thread built the group
        self._members: list = []
        self._primary_id: int | None = None
        self._info: dict = {}
        self._reserved: list[str] = []  # colours of models asked for but not yet announced
        self._removing: set[int] = set()  # session ids of models asked to leave, still listed
        self._asked: list[Member] = []  # models asked for and not listed yet (session id 0), by their colours
        #: The moments asked for, numbered: the bridge skips one a newer request supersedes (a drag asks for many)
        self.moments = NewestRequest()
        self._landscape_id = 0
        self._grid: GridRequest = None
        self._unadopted: list = []  # bridges made in the training thread, until the GUI thread adopts them
        self.next_run_id = 1  # after every run told so far: a new group's first (see GroupRuns)
        #: The runs the run table goes on listing, finished ones too, run id -> name (the window sets it): a new
        #: group's runs, and those begun while its process is dead, are not called by their names
        self.names_listed: Callable[[], Mapping[int, str]] = dict
        self._keeper: MemberKeeper | None = None  # the group's process died: the edits go there until a new group
        self._bridgeCreated.connect(self._on_bridge_created)
        #: The worker's SessionFactory (it runs in the training thread)
        self.session_factory = GroupFactory(self)

    def adopt_bridge(self, bridge: GroupBridge) -> None:
        """Training thread: a new group's bridge, handed to the GUI thread."""
        # A queued signal does not keep a parentless QObject alive: without this reference
        # Python could free the bridge before the GUI thread adopts it (seen when a loaded
        # session replaced the group right after start). list.append is atomic.
        self._unadopted.append(bridge)
        self._bridgeCreated.emit(bridge)  # queued to the GUI thread

    @Slot(object)
    def _on_bridge_created(self, bridge) -> None:
        try:
            self._unadopted.remove(bridge)
        except ValueError:
            pass
        if not shiboken6.isValid(bridge):  # its thread already ended (the window is closing)
            return
        old, self._bridge = self._bridge, bridge
        if old is not None:
            if shiboken6.isValid(old):  # its end must not make us forget the new one
                try:
                    old.destroyed.disconnect(self._on_bridge_destroyed)
                except (RuntimeError, TypeError):
                    pass
            for signal in (
                self._addRequested,
                self._removeRequested,
                self._removeAllRequested,
                self._bringBackRequested,
                self._modelSpecRequested,
                self._trainSpecRequested,
                self._momentRequested,
                self._branchRequested,
                self._landscapeRequested,
                self._restoreRequested,
                self._gridRequested,
                self._announceRequested,
            ):
                try:
                    signal.disconnect()
                except (RuntimeError, TypeError):
                    pass
        self._primary_id = bridge.primary_id
        self._addRequested.connect(bridge.add_member)
        self._removeRequested.connect(bridge.remove_member)
        self._removeAllRequested.connect(bridge.remove_members)
        self._bringBackRequested.connect(bridge.bring_back)
        self._modelSpecRequested.connect(bridge.set_member_model_spec)
        self._trainSpecRequested.connect(bridge.set_member_train_spec)
        self._momentRequested.connect(bridge.moment)
        self._branchRequested.connect(bridge.branch)
        self._landscapeRequested.connect(bridge.landscape)
        self._restoreRequested.connect(bridge.restore)
        self._gridRequested.connect(bridge.set_grid)
        self._announceRequested.connect(bridge.announce)
        bridge.membersSnapshots.connect(self._on_members_snapshots)
        bridge.runEvent.connect(self._on_run_event)
        bridge.membersChanged.connect(self._on_members_changed)
        bridge.momentReady.connect(self._on_moment)
        bridge.landscapeReady.connect(self._on_landscape)
        bridge.failed.connect(self._on_failed)
        bridge.destroyed.connect(self._on_bridge_destroyed)
        if old is not None:
            self._keeper = None
            self._members = []
            self._removing = set()
            self._asked = [m for m in self._asked if m.colour in self._colours_asked_next()]
            self._info = {}
            self.membersChanged.emit([])
            self.groupReplaced.emit()
        if self._grid is not None:
            self._gridRequested.emit(self._grid)
        self._announceRequested.emit(self.names_listed())
        pending, self._pending = self._pending, []
        for signal, args in pending:
            signal.emit(*args)

    @Slot()
    def _on_bridge_destroyed(self) -> None:
        self._bridge = None

    def _send(self, signal, *args) -> None:
        if self._bridge is None:
            self._pending.append((signal, args))
        else:
            signal.emit(*args)

    def _colours_asked_next(self) -> set[str]:
        """The colours of the models whose add requests wait for the next group (``_addRequested``'s fourth
        argument; no other request waiting has seven)."""
        return {args[3] for _, args in self._pending if len(args) == 7}

    def _to_group(self, signal, *args) -> None:
        """A request that names no model by its session id (add, remove them all, bring one back): while training
        starts again after its process died, it waits for the new group, which has the models given back to it by
        then (the keeper takes no edit then: the models are on their way, under ids not told yet)."""
        if self._keeper is not None and self._keeper.restarting:
            self._pending.append((signal, args))
        else:
            self._send(signal, *args)

    # ------------------------------------------------------------------ state
    @property
    def ready(self) -> bool:
        return self._bridge is not None

    @property
    def primary_id(self) -> int | None:
        """The session id of the main model (its snapshots come through the TrainingController)."""
        return self._primary_id

    @property
    def members(self) -> list:
        """[model.training.group_contract.Member, ...] of the extra models."""
        return list(self._members)

    @property
    def held(self) -> bool:
        """True while the group's process is dead: the compared models listed are the keeper's (``hold_edits``)."""
        return self._keeper is not None

    @property
    def asked(self) -> list[Member]:
        """The models asked for that the group has not listed yet (a lesson opened right after an add takes them
        away too, and its undo gives them back): their settings (None: the main model's), seed, colour and label,
        under session id 0."""
        return list(self._asked)

    @property
    def member_grid(self) -> GridRequest:
        """The boundary grid a compared model's snapshot is made on: the views' (``set_grid_request``), no finer
        than the group makes its members' (None: no grid asked for yet)."""
        if self._grid is None:
            return None
        bounds, size = self._grid
        return bounds, min(int(size), MEMBER_GRID_CAP)

    def kept_snapshot(self, session_id: int):
        """While the group's process is dead: the last snapshot of the compared model ``session_id`` the window
        kept (None: none, or the process is alive)."""
        return self._keeper.latest(session_id) if self._keeper is not None else None

    def info_of(self, session_id: int) -> RunInfo | None:
        """The run ``session_id`` is on, as the group last told (None: not told yet)."""
        return self._info.get(session_id)

    @property
    def n_models(self) -> int:
        return 1 + len(self._members)

    def colour_of(self, session_id) -> str:
        if session_id == self._primary_id or session_id is None:
            return MODEL_COLOURS[0]
        for member in self._members:
            if member.session_id == session_id:
                return member.colour or MODEL_COLOURS[1]
        return MODEL_COLOURS[1]

    def name_of(self, session_id) -> str:
        member = next((m.name for m in self._members if m.session_id == session_id), None)
        if member is not None:  # its run's name (one begun while the process was dead is not in the info)
            return member
        info = self._info.get(session_id)
        return info.name if info else ""

    def _free_colour(self) -> str:
        """A colour for a model asked for: none a model listed has (but one whose removal was asked for: a lesson
        replaces the models shown by its own before the group answered) nor one asked for already. The group
        replaces one another model has still (it knows the removals done): no two models share a colour."""
        staying = [m.colour for m in self._members if m.session_id not in self._removing]
        colour = member_colours.first_free(staying + self._reserved) or member_colours.first_free(staying)
        colour = colour or MODEL_COLOURS[-1]  # three models beside the main one already: the group refuses a fourth
        self._reserved.append(colour)
        return colour

    # ------------------------------------------------------------------ requests
    def hold_edits(self, keeper: MemberKeeper) -> None:
        """The group's process died: until a new group is in place, the compared models are ``keeper``'s, and
        so are the person's edits of them (a dead group would drop them)."""
        self._keeper = keeper
        if [m.session_id for m in self._members] != [m.session_id for m in keeper.members]:
            # a new group died before it listed the models given back to it: they are still the keeper's
            self._on_members_changed(keeper.members)
            for member in keeper.members:
                snap = keeper.latest(member.session_id)
                if snap is not None:
                    self.memberSnapshot.emit(snap)

    def add_model(self, model_spec=None, train_spec=None, seed=None, name: str = "") -> None:
        """Another model on the same data (default: a copy of the main model's settings), its run called ``name``
        (a lesson's label; "" for the next "Run N")."""
        colour = self._free_colour()
        if self._keeper is not None and not self._keeper.restarting:
            self._kept(self._keeper.add(model_spec, train_spec, seed, colour, str(name)))
            return
        # None (the main model's settings or seed) stays None: a model given back so copies the main model then
        self._asked.append(Member(0, "", colour, model_spec, train_spec, seed, str(name)))
        self._to_group(self._addRequested, model_spec, train_spec, seed, colour, str(name), None, None)

    def remove_model(self, session_id: int) -> None:
        if self._keeper is not None:
            self._kept(self._keeper.remove(int(session_id)))
        else:
            self._removing.add(int(session_id))
            self._send(self._removeRequested, int(session_id))

    def remove_all_models(self) -> None:
        """Every compared model leaves: those listed now and those asked for and not listed yet (the group removes
        what it has when the request reaches it)."""
        if self._keeper is not None and not self._keeper.restarting:
            said = [self._keeper.remove(member.session_id) for member in self._keeper.members]
            self._kept(next((sentence for sentence in said if sentence), ""))
            return
        self._removing |= {m.session_id for m in self._members}
        self._reserved = []  # the models asked for leave too: their colours are free
        self._asked = []
        self._to_group(self._removeAllRequested)

    def bring_back(self, member, record) -> None:
        """``member`` (a ``Member`` an edit took away, which is undone) back under its colour and label, going on
        with its finished run ``record`` (a ``RunRecord`` with what a restore needs) where it ended; from its
        settings when there is none (``record`` None, or only its scores kept). While the group's process is dead,
        the keeper takes it, weights and run (``record``'s) too; while training starts again, the new group does."""
        if self._keeper is not None and not self._keeper.restarting:
            self._kept(self._keeper.bring_back(member, record))
            return
        self._reserved.append(member.colour)
        self._to_group(self._bringBackRequested, member, record)

    def run_of(self, session_id: int) -> int | None:
        """The id of the run ``session_id`` is on, as the group last told (None: not told yet)."""
        info = self._info.get(session_id)
        return None if info is None else info.run_id

    def set_model_spec(self, session_id: int, spec) -> None:
        if self._keeper is not None:
            self._kept(self._keeper.set_model_spec(int(session_id), spec))
        else:
            self._send(self._modelSpecRequested, int(session_id), spec)

    def set_train_spec(self, session_id: int, spec) -> None:
        if self._keeper is not None:
            self._kept(self._keeper.set_train_spec(int(session_id), spec))
        else:
            self._send(self._trainSpecRequested, int(session_id), spec)

    def _kept(self, said: str) -> None:
        """An edit the keeper took: its models shown, as the group's answer would show them."""
        assert self._keeper is not None
        shown = {m.session_id for m in self._members}
        self._on_members_changed(self._keeper.members)
        for member in self._keeper.members:  # one given back with its weights is shown as it was, at once
            snap = self._keeper.latest(member.session_id) if member.session_id not in shown else None
            if snap is not None:
                self.memberSnapshot.emit(snap)
        self._reserved = []  # no request waits for a group: a colour not shown now is free
        for session_id in sorted(self._keeper.waiting()):
            self.memberWaiting.emit(session_id)
        self.runsEnded.emit(self._keeper.ended())
        self.runsBack.emit(self._keeper.runs_back())
        if said:
            self.message.emit(said)

    def refused_while_dead(self, doing: str) -> bool:
        """True (and says so) when the group's process is dead: what needs its timeline waits for a restart."""
        if self._keeper is None:
            return False
        self.message.emit(f"Training has stopped: restart it (Play) {doing}.")
        return True

    def set_grid_request(self, request: GridRequest) -> None:
        """The boundary grid the views want (the main view's; the views are linked)."""
        self._grid = request
        self._send(self._gridRequested, request)

    def request_moment(self, session_id: int, epoch: int, grid=None) -> None:
        """Ask for the snapshot of ``session_id`` at ``epoch`` (answered by ``momentReady``)."""
        self._send(
            self._momentRequested,
            int(session_id),
            int(epoch),
            grid if grid is not None else self._grid,
            self.moments.ask(),
        )

    def branch(self, session_id: int, epoch: int, model_spec=None, train_spec=None) -> None:
        """A new model resuming ``session_id`` from its moment at ``epoch``, with these settings."""
        if self.refused_while_dead("to branch from the timeline"):
            return
        self._send(self._branchRequested, int(session_id), int(epoch), model_spec, train_spec, self._free_colour())

    def request_landscape(self, session_id: int, mode: str = "random", size: int = 41, seed: int = 0) -> None:
        self._landscape_id += 1
        self._send(self._landscapeRequested, int(session_id), str(mode), int(size), int(seed), self._landscape_id)

    def restore(self, record) -> None:
        """A finished run back, as another model beside the others."""
        if self.refused_while_dead("to restore a run"):
            return
        self._send(self._restoreRequested, record, self._free_colour())

    # ------------------------------------------------------------------ replies (GUI thread)
    @Slot(object, object)
    def _on_members_snapshots(self, snaps, info) -> None:
        self._info = dict(info)
        self.runInfo.emit(info)
        known = {sid for sid, *_ in self._members}
        for snap in snaps:
            if snap.session_id in known:
                self.memberSnapshot.emit(snap)

    @Slot(object)
    def _on_run_event(self, event: RunEvent) -> None:
        match event:
            case RunLive(record=record) | RunFinished(record=record):
                # An int the training thread reads when it builds the next group (a plain read: no lock needed).
                self.next_run_id = max(self.next_run_id, int(record.run_id) + 1)
                self.runEvent.emit(event)
            case RunRenamed():
                self.runEvent.emit(event)
            case _:
                raise TypeError(f"not a run event: {event!r}")

    @Slot(object)
    def _on_members_changed(self, members) -> None:
        self._members = list(members)
        self._removing &= {m.session_id for m in self._members}  # those not listed any more have left
        present = {m.colour for m in self._members}
        self._asked = [m for m in self._asked if m.colour not in present]
        self._reserved = [c for c in self._reserved if c not in present][-3:]
        self.membersChanged.emit(list(members))

    @Slot(object, object, int)
    def _on_moment(self, snap, specs, request_id: int) -> None:
        if request_id == self.moments.newest and snap is not None:
            self.momentReady.emit(snap, specs)

    @Slot(object, int)
    def _on_landscape(self, land, request_id: int) -> None:
        if request_id == self._landscape_id:
            self.landscapeReady.emit(land)

    @Slot(str)
    def _on_failed(self, text: str) -> None:
        log.warning("%s", text)
        self._reserved = []
        self._removing = set()
        self._asked = []
        self.message.emit(text.splitlines()[0] if text else "")
