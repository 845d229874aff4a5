"""The requests a session answers where it lives: one frozen dataclass each, applied by ``apply(target)``.

``target`` is a ``TrainingSession`` or a ``SessionGroup`` in this process. A local session applies a request
with ``session.perform(request)``; a proxy (``gui.training.session_process``) sends the same object to its
child process, where ``model.training.session_server`` applies it to the session there. Either way the caller
gets what ``apply`` returned, or the exception it raised.

``TrainChunk`` is the worker's chunk while training runs: a step and, when one is due, the snapshot after it,
in one request (``ChunkDone``); one sent before the reply of the chunk before it says where that chunk should
have left the session, and is skipped if it did not. The worker's other requests (``Step`` ...
``PerceptronSampleStep``) call the ``Trainable`` methods of the same names (``SetUnitsOff``: ``set_units_off``,
which only sessions and groups have); ``SlowStep`` takes the next step through ``model.inside.step_phases``
(the slow-motion view's). ``SaveSession``, ``AdoptState`` and ``ResumeRun`` act on the primary session (a group's,
or the session itself).
The group's requests (``ListMembers`` ... ``Landscape``) are the compare view's; they answer with small
values (ids, snapshots, ``MembersAnswer``), never with the sessions themselves.

Requests and their answers are pickled by ``multiprocessing`` between our own two processes (the project's
"never load with pickle" is about files from elsewhere). Pure Python; no Qt.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from threadpoolctl import threadpool_limits

from model.data.dataset import Dataset
from model.inside.landscape import Landscape
from model.inside.step_phases import SlowStepRefused, StepPhases, take_slow_step
from model.nn.perceptron_rule import PerceptronUpdate
from model.nn.units_off import UnitsOff
from model.storage.script_export import export_script
from model.storage.session_files import save_session
from model.storage.session_members import SavedMember
from model.storage.session_runs import SavedRun
from model.storage.torch_export import export_torch_module
from model.training.contract import ChunkDone, ResumedRun, StepResult
from model.training.fresh_start import why_not_resumed
from model.training.group_contract import Member, MembersAnswer, Moment
from model.training.runs import RunRecord, restore_session
from model.training.session import TrainingSession
from model.training.session_group import SessionGroup
from model.training.snapshot import Snapshot
from model.training.snapshot_start import SnapshotStart
from model.training.specs import ModelSpec, TrainSpec
from model.training.state_start import StateStart

Grid = tuple[tuple[float, ...] | None, int]


# ---------------------------------------------------------------------------------------------- the worker's
@dataclass(frozen=True)
class Step:
    n_epochs: int
    max_updates: int | None = None

    def apply(self, target: TrainingSession | SessionGroup) -> StepResult:
        return target.step(self.n_epochs, self.max_updates)


@dataclass(frozen=True)
class TrainChunk:
    """``n_epochs`` epochs (``step``), then, with a ``grid`` ((bounds, size) as ``TakeSnapshot``'s), the
    snapshot after them; answers a ``ChunkDone`` with the time each took here.

    ``expect``: for a chunk sent before the reply of the chunk before it, the (epoch, data version) that chunk
    leaves the session at when it trains all its epochs. When the session is elsewhere (that chunk diverged
    and went back to its last good weights, or raised) training has stopped: this chunk does nothing
    (``ChunkDone.skipped``). A session in a child process also skips such a chunk while the worker holds
    chunks sent ahead (``Trainable.hold``).

    ``max_updates``: the perceptron stops within an epoch at the sample that would make one correction more (None:
    whole epochs; see ``TrainingSession.step``)."""

    n_epochs: int
    grid: Grid | None = None
    expect: tuple[int, int] | None = None
    max_updates: int | None = None

    def apply(self, target: TrainingSession | SessionGroup) -> ChunkDone:
        if self.expect is not None and (target.epoch, target.data_version) != self.expect:
            return ChunkDone(None)
        t0 = time.perf_counter()
        result = target.step(self.n_epochs, self.max_updates)
        t1 = time.perf_counter()
        if self.grid is None:
            return ChunkDone(result, None, t1 - t0)
        snapshot = target.snapshot(*self.grid)
        return ChunkDone(result, snapshot, t1 - t0, time.perf_counter() - t1)


@dataclass(frozen=True)
class TakeSnapshot:
    grid_bounds: tuple[float, ...] | None
    grid_size: int

    def apply(self, target: TrainingSession | SessionGroup) -> Snapshot:
        return target.snapshot(self.grid_bounds, self.grid_size)


@dataclass(frozen=True)
class Reset:
    seed: int | None = None

    def apply(self, target: TrainingSession | SessionGroup) -> None:
        target.reset(self.seed)


@dataclass(frozen=True, eq=False)
class SetDataset:
    dataset: Dataset
    version: int | None

    def apply(self, target: TrainingSession | SessionGroup) -> None:
        target.set_dataset(self.dataset, self.version)


@dataclass(frozen=True)
class SetModelSpec:
    spec: ModelSpec

    def apply(self, target: TrainingSession | SessionGroup) -> None:
        target.set_model_spec(self.spec)


@dataclass(frozen=True)
class SetTrainSpec:
    spec: TrainSpec

    def apply(self, target: TrainingSession | SessionGroup) -> None:
        target.set_train_spec(self.spec)


@dataclass(frozen=True)
class SetUnitsOff:
    """Exactly these hidden units switched off (``model.nn.units_off``: (layer, unit), layer 1 the first hidden
    layer), all others on, in the primary session; the weights and the epoch go on. Answers the units switched
    off now (those the hidden layers have)."""

    units: UnitsOff

    def apply(self, target: TrainingSession | SessionGroup) -> UnitsOff:
        return target.set_units_off(self.units)


@dataclass(frozen=True)
class SinglePointStep:
    point: tuple[float, ...]
    label: Any

    def apply(self, target: TrainingSession | SessionGroup) -> tuple[float, float]:
        return target.single_point_step(self.point, self.label)


@dataclass(frozen=True)
class PerceptronSampleStep:
    index: int | None = None

    def apply(self, target: TrainingSession | SessionGroup) -> PerceptronUpdate | None:
        return target.perceptron_sample_step(self.index)


@dataclass(frozen=True)
class SlowStep:
    """One normal step (an epoch) taken apart into its phases for the slow-motion view: answers the
    ``StepPhases`` of its first update, after the step was taken (a group steps its other models too), or a
    ``SlowStepRefused``. ``point`` and ``label``: the probed point the phases show (None: the batch's first
    sample)."""

    point: tuple[float, ...] | None = None
    label: Any = None

    def apply(self, target: TrainingSession | SessionGroup) -> StepPhases | SlowStepRefused:
        return take_slow_step(target.primary, target.step, self.point, self.label)


# ---------------------------------------------------------------------------------------------- files
@dataclass(frozen=True, eq=False)
class SaveSession:
    """Writes the primary session to ``path``: a session file (``model.storage.session_files``, with the
    view settings ``view``), with kind "script" a standalone NumPy script, with kind "torch" a PyTorch module.
    Answers the epoch saved."""

    path: str
    view: Mapping[str, Any] = field(default_factory=dict)
    kind: str = "session"
    #: the run table's finished runs (``model.storage.session_runs``), kept beside the models in a session file
    runs: tuple[SavedRun, ...] = ()

    def apply(self, target: TrainingSession | SessionGroup) -> int:
        session = target.primary
        if self.kind == "script":
            export_script(session, self.path)
        elif self.kind == "torch":
            export_torch_module(session, self.path)
        else:
            members = saved_members(target) if isinstance(target, SessionGroup) else ()
            run_name = target.run_info()[session.session_id].name if isinstance(target, SessionGroup) else ""
            save_session(session, self.path, dict(self.view), members, run_name, self.runs)
        return int(session.epoch)


def saved_members(group: SessionGroup) -> tuple[SavedMember, ...]:
    """The group's compared models as a session file keeps them: name, colour, label, settings, seed, state."""
    info = group.run_info()
    return tuple(
        SavedMember(
            info[s.session_id].name,
            group.colours.get(s.session_id, ""),
            group.labels.get(s.session_id, ""),
            s.model_spec,
            s.train_spec,
            s.seed,
            StateStart.of(s),
        )
        for s in group.members
    )


@dataclass(frozen=True, eq=False)
class AdoptState:
    """Puts a loaded session's history and training state into the primary session, as data version
    ``version`` (``loaded`` None: only the version). A loaded session with a timeline (training restarted after
    its process died: the moments the window kept) hands it on, so its past can still be scrubbed. A group given
    ``run`` goes on with that run (the one under way when the process died) instead of starting a new one (see
    ``GroupRuns.resume_run``; a session file's run, under the number and name the window gives it, likewise); a
    session alone has no runs."""

    loaded: TrainingSession | None
    version: int
    run: ResumedRun | None = None

    def apply(self, target: TrainingSession | SessionGroup) -> None:
        session = target.primary
        if self.loaded is not None:
            session.history.load(self.loaded.history.arrays(), n_epochs=len(self.loaded.history))
            session.restore_training_state(self.loaded.training_state())
            session.restore_recovery_state(self.loaded.recovery_state())  # a divergence rewinds as unsaved
        session.data_version = int(self.version)
        past = None if self.loaded is None else self.loaded.timeline
        if past is not None and len(past) > 1:
            session.timeline = past.up_to(session.epoch)
            session.timeline.mark(session)  # the present, whole, as this data version
        if self.run is not None and isinstance(target, SessionGroup):
            target.resume_run(self.run)


@dataclass(frozen=True, eq=False)
class ResumeRun:
    """Puts the primary session back where its finished run ``record`` ended (an edit that started it afresh was
    undone), as data version ``version``, going on with that run (its number, name and seconds trained) in a
    group. Answers whether it did: not when the run no longer fits the primary's model and data
    (``model.training.fresh_start.why_not_resumed``), which then stays as it is."""

    record: RunRecord
    version: int

    def apply(self, target: TrainingSession | SessionGroup) -> bool:
        session, record = target.primary, self.record
        if why_not_resumed(record, session.dataset, session.model_spec) is not None:
            return False
        run = ResumedRun(
            record.run_id, record.name, int(record.epochs), record.wall_time, record.parent_id, record.branch_epoch
        )
        AdoptState(restore_session(record), self.version, run).apply(target)
        return True


# ---------------------------------------------------------------------------------------------- the group's
@dataclass(frozen=True)
class ListMembers:
    """The members as the compare view lists them, their snapshots (at ``grid``, or with size 0 the grid of
    the last snapshot) and every run's info."""

    grid: Grid = (None, 0)

    def apply(self, group: SessionGroup) -> MembersAnswer:
        info = group.run_info()
        members = tuple(
            Member(
                s.session_id,
                info[s.session_id].name,
                group.colours.get(s.session_id, ""),
                s.model_spec,
                s.train_spec,
                s.seed,
                group.labels.get(s.session_id, ""),
            )
            for s in group.members
        )
        bounds, size = self.grid if self.grid[0] is not None else group.last_grid
        return MembersAnswer(members, tuple(group.member_snapshots(bounds, size)), info)


@dataclass(frozen=True)
class AddMember:
    """Another model on the same data (None: the primary's settings and seed); answers its session id. ``name``
    names its runs (a lesson's label, e.g. "too small (0.001)"; "" for the next "Run N"). ``start``: it goes on
    from a snapshot (a compared model given back after its process died) or from its whole state (one kept in a
    session file: ``saved``), with the run ``run``, else on a new run called ``run_name``."""

    model_spec: ModelSpec | None = None
    train_spec: TrainSpec | None = None
    seed: int | None = None
    colour: str = ""
    name: str = ""
    start: SnapshotStart | StateStart | None = None
    run: ResumedRun | None = None
    run_name: str = ""

    @classmethod
    def saved(cls, member: SavedMember, run: ResumedRun | None = None) -> AddMember:
        """A compared model of a session file back beside the main model, under its colour, going on bit for bit
        with its run: ``run`` (the number and name the window's run table gives it), else a new run under the
        name the file kept."""
        return cls(
            member.model_spec,
            member.train_spec,
            member.seed,
            colour=member.colour,
            name=member.label,
            start=member.state,
            run=run,
            run_name=member.name if run is None else run.name,  # should the run not go on: a new one, so called
        )

    def apply(self, group: SessionGroup) -> int:
        return group.add_member(
            self.model_spec,
            self.train_spec,
            self.seed,
            name=self.name,
            colour=self.colour,
            start=self.start,
            run=self.run,
            run_name=self.run_name,
        ).session_id


@dataclass(frozen=True)
class RemoveMember:
    session_id: int

    def apply(self, group: SessionGroup) -> None:
        group.remove_member(self.session_id)


@dataclass(frozen=True)
class RemoveMembers:
    """Every member leaves, as many as the group has when the request arrives (an edit that replaces the compared
    models, asked before the group listed the last ones added); answers how many left."""

    def apply(self, group: SessionGroup) -> int:
        members = list(group.members)
        for session in members:
            group.remove_member(session.session_id)
        return len(members)


@dataclass(frozen=True)
class BringBackMember:
    """A compared model taken away by an edit that was undone, back beside the main one under its colour: going
    on with its finished run ``record`` where it ended, when the record kept what a restore needs
    (``SessionGroup.bring_back``), else from its settings on a new run; answers its session id."""

    member: Member
    record: RunRecord | None = None

    def apply(self, group: SessionGroup) -> int:
        m = self.member
        if self.record is not None and self.record.restorable:
            return group.bring_back(self.record, colour=m.colour, label=m.label).session_id
        return group.add_member(m.model_spec, m.train_spec, m.seed, name=m.label, colour=m.colour).session_id


@dataclass(frozen=True)
class SetMemberModelSpec:
    session_id: int
    spec: ModelSpec

    def apply(self, group: SessionGroup) -> None:
        group.set_member_model_spec(self.session_id, self.spec)


@dataclass(frozen=True)
class SetMemberTrainSpec:
    session_id: int
    spec: TrainSpec

    def apply(self, group: SessionGroup) -> None:
        group.set_member_train_spec(self.session_id, self.spec)


@dataclass(frozen=True)
class MomentAt:
    """The recorded moment of ``session_id`` at or before ``epoch`` (None if none), with its grid (bounds
    None: the grid of the last snapshot)."""

    session_id: int
    epoch: int
    grid: Grid = (None, 0)

    def apply(self, group: SessionGroup) -> Moment | None:
        bounds, size = self.grid if self.grid[0] is not None else group.last_grid
        snap = group.moment(self.session_id, self.epoch, bounds, size)
        entry = group.entry(self.session_id, self.epoch)
        if snap is None or entry is None:
            return None
        return Moment(snap, entry.model_spec, entry.train_spec)


@dataclass(frozen=True)
class Branch:
    """A new member resuming ``session_id`` from its moment at ``epoch``; answers its session id."""

    session_id: int
    epoch: int
    model_spec: ModelSpec | None = None
    train_spec: TrainSpec | None = None
    colour: str = ""

    def apply(self, group: SessionGroup) -> int:
        return group.branch(
            self.session_id, self.epoch, self.model_spec, self.train_spec, colour=self.colour
        ).session_id


@dataclass(frozen=True, eq=False)
class RestoreRun:
    """A finished run back as a member; answers its session id."""

    record: RunRecord
    colour: str = ""

    def apply(self, group: SessionGroup) -> int:
        return group.restore(self.record, colour=self.colour).session_id


@dataclass(frozen=True)
class ComputeLandscape:
    """The loss landscape around ``session_id``'s present weights (BLAS on one thread, like training)."""

    session_id: int
    mode: str = "random"
    size: int = 41
    seed: int = 0

    def apply(self, group: SessionGroup) -> Landscape:
        with threadpool_limits(limits=1):  # leave the other core to the GUI
            return group.landscape(self.session_id, self.mode, self.size, self.seed)


@dataclass(frozen=True, eq=False)
class AnnounceRuns:
    """Every live run told to the subscribers again (``RunLive``), for one that came late, which lists the runs
    ``listed`` too (run id -> name: those of the groups before this one): no new run of the group is called so."""

    listed: Mapping[int, str] = field(default_factory=dict)

    def apply(self, group: SessionGroup) -> None:
        group.keep_names(self.listed)
        group.announce_runs()


__all__ = [
    "AddMember",
    "AdoptState",
    "AnnounceRuns",
    "Branch",
    "BringBackMember",
    "ComputeLandscape",
    "ListMembers",
    "MomentAt",
    "PerceptronSampleStep",
    "RemoveMember",
    "RemoveMembers",
    "Reset",
    "RestoreRun",
    "ResumeRun",
    "SaveSession",
    "SetDataset",
    "SetMemberModelSpec",
    "SetMemberTrainSpec",
    "SetModelSpec",
    "SetTrainSpec",
    "SetUnitsOff",
    "SinglePointStep",
    "SlowStep",
    "Step",
    "TakeSnapshot",
    "TrainChunk",
]
