"""The group's side of the training contract: what a ``SessionGroup`` (models side by side) tells and answers.

``model.training.contract`` is what every session offers the worker; a group offers more
(``TrainableGroup``): its events, told to its subscribers (``MemberSnapshots``, ``RunLive``, ``RunFinished``,
``RunRenamed``), and the answers to the compare view's requests (``MembersAnswer``, ``Moment``). A session in this
process never needs these (they carry run records), so they live here, apart from the session's contract.

Pure Python; no Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NamedTuple, Protocol, runtime_checkable

from model.training.contract import Trainable
from model.training.runs import RunRecord
from model.training.snapshot import Snapshot
from model.training.specs import ModelSpec, TrainSpec


@dataclass(frozen=True)
class RunInfo:
    """One session's run, as the compare view and the run table show it: with the run it was branched (or
    restored) from and the epoch it started there (None: a run of its own from its start)."""

    run_id: int | None
    name: str
    wall_time: float
    colour: str
    primary: bool
    parent_id: int | None = None
    branch_epoch: int | None = None


class Member(NamedTuple):
    """An extra model trained beside the primary, as the compare view lists it; with its seed and the label its
    runs keep after a reset ("" for "Run N"), the window can build the same model again (its process died)."""

    session_id: int
    name: str
    colour: str
    model_spec: ModelSpec
    train_spec: TrainSpec
    seed: int = 0
    label: str = ""


@dataclass(frozen=True, eq=False)
class MemberSnapshots:
    """The members' snapshots made with the primary's (same grid), and every run's info by session id."""

    snapshots: tuple[Snapshot, ...]
    run_info: Mapping[int, RunInfo]


@dataclass(frozen=True, eq=False)
class RunLive:
    """A run started (or is live, announced again for a subscriber that came late)."""

    record: RunRecord


@dataclass(frozen=True, eq=False)
class RunFinished:
    """A run ended (reset, new architecture, new classes, removed); ``record`` can restore it."""

    record: RunRecord


@dataclass(frozen=True)
class RunRenamed:
    """A finished run listed on is called ``name`` now: a lesson's model took its label back (a lesson opened again,
    its model reset), the name the lesson's text calls it by; the run that had it is told apart, "η 0.001 (1)"."""

    run_id: int
    name: str


RunEvent = RunLive | RunFinished | RunRenamed
GroupEvent = MemberSnapshots | RunEvent
GroupListener = Callable[[GroupEvent], None]


@dataclass(frozen=True)
class MembersAnswer:
    """The reply to ``ListMembers``: the members, their snapshots, every run's info."""

    members: tuple[Member, ...]
    snapshots: tuple[Snapshot, ...]
    run_info: Mapping[int, RunInfo]


@dataclass(frozen=True, eq=False)
class Moment:
    """The reply to ``MomentAt``: a recorded moment's snapshot and the settings trained with from there."""

    snapshot: Snapshot
    model_spec: ModelSpec
    train_spec: TrainSpec


@runtime_checkable
class TrainableGroup(Trainable, Protocol):
    """A ``Trainable`` with models side by side: its group events go to its subscribers, in the thread that
    made the request that caused them."""

    def subscribe(self, listener: GroupListener) -> None: ...
