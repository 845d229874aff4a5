"""GroupBridge: the training thread's side of a comparison, next to the ``SessionGroup`` it talks to.

``gui.experiments.compare.CompareManager`` (in the GUI thread) sends the person's requests (add a model, its
settings, a moment of the timeline, a branch, a landscape, a restore) to the bridge's slots as queued signals, so
they run in the training thread between two chunks of training. The bridge performs each as a request of
``model.training.requests`` on the group, through the worker's contract (``model.training.contract.TrainableGroup``),
and sends the answers, and the group's events (``MemberSnapshots``, ``RunLive``, ``RunFinished``), back as queued
signals. A refusal or a failure becomes ``failed``; a group whose process has ended is left alone.

Moments of the timeline come one per slider value while the person drags: a moment whose turn comes after a newer
one was asked for (``NewestRequest``, shared with the manager) is skipped, so the training thread computes only the
newest waiting one, not every value the handle passed over.
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import QObject, Signal, Slot

from gui.experiments.newest_request import NewestRequest
from gui.training.worker_requests import GridRequest, parse_grid_request
from model.training.contract import Request, T
from model.training.group_contract import GroupEvent, MemberSnapshots, RunFinished, RunLive, RunRenamed, TrainableGroup
from model.training.requests import (
    AddMember,
    AnnounceRuns,
    Branch,
    BringBackMember,
    ComputeLandscape,
    ListMembers,
    MomentAt,
    RemoveMember,
    RemoveMembers,
    RestoreRun,
    SetMemberModelSpec,
    SetMemberTrainSpec,
)


class GroupBridge(QObject):
    """Lives in the training thread next to the group; all slots run there (queued)."""

    membersSnapshots = Signal(object, object)  # tuple of member Snapshots, {session_id: RunInfo}
    runEvent = Signal(object)  # model.training.group_contract.RunEvent: RunLive or RunFinished (a record), RunRenamed
    membersChanged = Signal(object)  # list of model.training.contract.Member
    momentReady = Signal(object, object, int)  # Snapshot (or None), (ModelSpec, TrainSpec) of it, request id
    landscapeReady = Signal(object, int)  # model.inside.landscape.Landscape, request id
    failed = Signal(str)

    def __init__(self, group: TrainableGroup, moments: NewestRequest | None = None):
        """``moments``: the numbers of the moments asked for (a moment superseded by a newer one is skipped)."""
        super().__init__()
        self.group = group
        self.moments = moments if moments is not None else NewestRequest()
        self.primary_id = group.session_id  # read once by the GUI
        group.subscribe(self._on_group_event)
        self._grid: tuple = (None, 0)

    # the group's events (training thread, with the reply of the request that caused them)
    def _on_group_event(self, event: GroupEvent) -> None:
        match event:
            case MemberSnapshots():
                self.membersSnapshots.emit(event.snapshots, event.run_info)
            case RunLive() | RunFinished() | RunRenamed():
                self.runEvent.emit(event)
            case _:  # a new kind of event needs its own signal: sent as another, the GUI would misreport it
                raise TypeError(f"the group bridge has no signal for {event!r}")

    def _members_changed(self) -> None:
        answer = self._guard("Listing the models", ListMembers(self._grid))
        if answer is not None:
            self.membersChanged.emit(list(answer.members))
            self.membersSnapshots.emit(answer.snapshots, answer.run_info)

    def _guard(self, what: str, request: Request[T]) -> T | None:
        """``request`` performed by the group; a failure becomes ``failed`` (and None), or None quietly when
        the group's process has ended (the worker replaced the group, or it died: this bridge is then about
        to be deleted with its thread, or replaced)."""
        if not self.group.alive:
            return None
        try:
            return self.group.perform(request)
        except ValueError as exc:  # a refusal with a sentence for the user (e.g. "at most 4 models")
            self.failed.emit(str(exc))
        except Exception:
            self.failed.emit(f"{what} failed:\n{traceback.format_exc()}")
        return None

    # requests (queued from the GUI thread)
    @Slot(object)
    def set_grid(self, request: GridRequest) -> None:
        self._grid = parse_grid_request(request)

    @Slot(object)
    def announce(self, listed) -> None:
        """The GUI is listening: tell it the live runs and the models. ``listed``: the runs its run table lists
        (run id -> name), whose names the group's new runs do not take."""
        if self.group.alive:
            self._guard("Listing the runs", AnnounceRuns(dict(listed)))
            self._members_changed()

    @Slot(object, object, object, str, str, object, object)
    def add_member(self, model_spec, train_spec, seed, colour, name, start, run) -> None:
        """``start``: a ``SnapshotStart`` the model goes on from (None: epoch 0), with ``run`` (a ``ResumedRun``,
        or None for a new run)."""
        request = AddMember(model_spec, train_spec, seed, colour, name, start, run)
        if self._guard("Adding a model", request) is not None:
            self._members_changed()

    @Slot(int)
    def remove_member(self, session_id: int) -> None:
        if self.group.alive:
            self._guard("Removing a model", RemoveMember(session_id))
            self._members_changed()

    @Slot()
    def remove_members(self) -> None:
        """Every member leaves, those added by requests queued before this one too."""
        if self.group.alive:
            self._guard("Removing the compared models", RemoveMembers())
            self._members_changed()

    @Slot(object, object)
    def bring_back(self, member, record) -> None:
        """``member`` (a ``Member`` taken away) back, going on with its finished run ``record`` (None: afresh)."""
        if self._guard("Bringing a model back", BringBackMember(member, record)) is not None:
            self._members_changed()

    @Slot(int, object)
    def set_member_model_spec(self, session_id: int, spec) -> None:
        if self.group.alive:
            self._guard("New settings", SetMemberModelSpec(session_id, spec))
            self._members_changed()

    @Slot(int, object)
    def set_member_train_spec(self, session_id: int, spec) -> None:
        if self.group.alive:
            self._guard("New settings", SetMemberTrainSpec(session_id, spec))
            self._members_changed()

    @Slot(int, int, object, int)
    def moment(self, session_id: int, epoch: int, grid: GridRequest, request_id: int) -> None:
        if not self.group.alive or self.moments.superseded(request_id):
            return  # a newer moment is queued behind this one: only that one is still wanted
        bounds_size = parse_grid_request(grid) if grid is not None else self._grid  # None: the last snapshot's
        moment = self._guard("Going back in time", MomentAt(session_id, epoch, bounds_size))
        if moment is None:
            self.momentReady.emit(None, None, request_id)
        else:
            self.momentReady.emit(moment.snapshot, (moment.model_spec, moment.train_spec), request_id)

    @Slot(int, int, object, object, str)
    def branch(self, session_id: int, epoch: int, model_spec, train_spec, colour: str) -> None:
        if self._guard("Branching", Branch(session_id, epoch, model_spec, train_spec, colour)) is not None:
            self._members_changed()

    @Slot(int, str, int, int, int)
    def landscape(self, session_id: int, mode: str, size: int, seed: int, request_id: int) -> None:
        land = self._guard("The loss landscape", ComputeLandscape(session_id, mode, size, seed))
        if land is not None:
            self.landscapeReady.emit(land, request_id)

    @Slot(object, str)
    def restore(self, record, colour: str) -> None:
        if self._guard("Restoring a run", RestoreRun(record, colour)) is not None:
            self._members_changed()
