"""Several models trained side by side on the same data, by one thread, in turn.

A ``SessionGroup`` offers what a ``TrainingSession`` offers the training worker
(``model.training.contract.Trainable``: it is stepped, asked for snapshots, reset,
handed new data or settings; its epoch, id and data version are the primary's).
Besides the primary it holds up to three more sessions ("members"):

- ``step(n)`` trains the primary n epochs, then each member n epochs, in turn: one
  thread, deterministic, equal epochs for all; the sessions share nothing but the
  (immutable) dataset, so each reaches exactly the weights it reaches alone;
- ``snapshot(...)`` also makes every member's snapshot (same grid: linked views)
  and tells them to its subscribers (``MemberSnapshots``);
- ``reset`` and new data act on all; new model/training settings and switched-off units act on
  the primary (a copy of it added as a member has its units off too), ``set_member_*`` on a member;
- every session keeps a ``Timeline``; ``moment`` gives the snapshot of any recorded
  epoch, ``branch`` starts a new member from one, ``landscape`` computes the loss
  landscape of a session, ``restore`` brings back a finished run as a member (a new run from where it ended),
  ``bring_back`` one taken away by an edit that was undone (going on with the same run).

Runs (each session's story from epoch 0 or a branch point, with an id, told to the subscribers as it starts
and ends): ``model.training.group_runs``.

All of it runs where the group lives (in the app: a child process, see
``model.training.session_server``); its subscribers are called there too (the server
queues the events into its replies, the GUI's bridge turns them into queued signals).
Pure Python; no Qt.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from model.data.dataset import Dataset
from model.data.view_plane import ViewPlane
from model.inside.landscape import Landscape, compute_landscape
from model.nn.perceptron_rule import PerceptronUpdate
from model.nn.units_off import UnitsOff
from model.training.boundary_grid import GridInputs
from model.training.contract import ResumedRun, StepResult
from model.training.fresh_start import new_shape
from model.training.group_contract import GroupListener, MemberSnapshots
from model.training.group_runs import GroupRuns
from model.training.in_process import InProcess
from model.training.member_colours import first_free, same_colour
from model.training.run_names import fitting
from model.training.runs import RunRecord, restore_session
from model.training.session import TrainingSession
from model.training.snapshot import Snapshot
from model.training.snapshot_start import SnapshotStart
from model.training.specs import ModelSpec, TrainSpec
from model.training.state_start import StateStart
from model.training.timeline import Timeline, TimelineEntry, branch_from

MAX_MODELS = 4
#: How many older data sets a scrub keeps on the plane shown now (a scrub across edits of the data goes back and
#: forth between them; each is fitted on its plane once).
PAST_DATA_KEPT = 4
#: A session id meaning "the primary session, whatever its id" (for requests made before it was known).
PRIMARY = -1


def _rebuilds(session: TrainingSession, dataset: Dataset) -> bool:
    """Whether ``session.set_dataset(dataset)`` would start the network afresh (another shape or task)."""
    return new_shape(session.dataset, dataset)


class SessionGroup(GroupRuns, InProcess):
    """The primary session plus up to ``MAX_MODELS - 1`` members, trained in turn.

    Parameters
    ----------
    primary : TrainingSession (given a ``Timeline`` if it has none)
    timeline_factory : callable returning a fresh ``Timeline`` for each session
    subscribers : listeners subscribed before the primary's run starts (they hear of it)
    first_run : the id of the primary's run (runs are numbered on from it)

    ``subscribe(listener)``: ``listener(event)`` gets every ``GroupEvent`` (``MemberSnapshots``,
    ``RunLive``, ``RunFinished``) from then on.
    """

    def __init__(
        self,
        primary: TrainingSession,
        timeline_factory: Callable[[], Timeline] = Timeline,
        subscribers: Iterable[GroupListener] = (),
        first_run: int = 1,
    ):
        super().__init__(subscribers, first_run)
        self.primary = primary
        self.members: list[TrainingSession] = []
        self.timeline_factory = timeline_factory
        self.last_grid: tuple[Sequence[float] | None, int] = (None, 0)  # the grid of the last snapshot: (bounds, size)
        #: The members' boundary grids are at most this many cells a side (their views are smaller).
        self.member_grid_cap: int | None = None
        # what the timeline's moments share (see ``moment``): the boundary grid's inputs on older data's plane, and
        # the older data last shown on another plane, (data, plane, the data on it), the newest first
        self._moment_grid = GridInputs()
        self._past_on_plane: list[tuple[Dataset, ViewPlane, Dataset]] = []
        self._attach(primary)
        self._start_run(primary)

    # -- what the worker sees (model.training.contract.Trainable; the rest: ``InProcess``): the primary's facts --
    @property
    def session_id(self) -> int:
        return self.primary.session_id

    @property
    def epoch(self) -> int:
        return self.primary.epoch

    @property
    def data_version(self) -> int:
        return self.primary.data_version

    def single_point_step(self, x: npt.ArrayLike, label: float) -> tuple[float, float]:
        """The probe's step, on the primary."""
        self._nudged.add(self.primary.session_id)
        return self.primary.single_point_step(x, label)

    def perceptron_sample_step(self, index: int | None = None) -> PerceptronUpdate | None:
        """The perceptron lesson's sample, on the primary."""
        self._nudged.add(self.primary.session_id)
        return self.primary.perceptron_sample_step(index)

    @property
    def sessions(self) -> list[TrainingSession]:
        """The primary first, then the members in the order they were added."""
        return [self.primary, *self.members]

    def find(self, session_id: int) -> TrainingSession | None:
        if session_id == PRIMARY:
            return self.primary
        return next((s for s in self.sessions if s.session_id == session_id), None)

    def step(self, n_epochs: int = 1, max_updates: int | None = None) -> StepResult:
        """Train every session ``n_epochs`` epochs, one after the other (a perceptron among them at most
        ``max_updates`` corrections: ``TrainingSession.step``); the primary's result is returned.

        A member that diverges stops for that call (its snapshot says so); the others go on.
        """
        result = self._timed_step(self.primary, n_epochs, max_updates)
        for member in self.members:
            if member.dataset.n_train:
                self._timed_step(member, n_epochs, max_updates)
        return result

    def _timed_step(self, session: TrainingSession, n_epochs: int, max_updates: int | None = None) -> StepResult:
        t0 = time.perf_counter()
        result = session.step(n_epochs, max_updates)
        self._wall[session.session_id] = self._wall.get(session.session_id, 0.0) + time.perf_counter() - t0
        return result

    def snapshot(self, grid_bounds: Sequence[float] | None = None, grid_size: int = 0) -> Snapshot:
        """The primary's snapshot; the members' go to the subscribers (``MemberSnapshots``, with every run's
        info)."""
        self.last_grid = (grid_bounds, grid_size)
        if self._listeners:
            self._publish(MemberSnapshots(tuple(self.member_snapshots(grid_bounds, grid_size)), self.run_info()))
        return _with_first_moment(self.primary, self.primary.snapshot(grid_bounds, grid_size))

    def member_snapshots(self, grid_bounds: Sequence[float] | None = None, grid_size: int = 0) -> list[Snapshot]:
        if self.member_grid_cap:
            grid_size = min(int(grid_size), int(self.member_grid_cap))
        return [_with_first_moment(m, m.snapshot(grid_bounds, grid_size)) for m in self.members]

    def reset(self, seed: int | None = None) -> None:
        """Every session back to epoch 0 with fresh weights (each run ends, new ones start)."""
        for session in self.sessions:
            self._finish_run(session)
            session.reset(seed if session is self.primary else None)
            self._start_run(session)

    def set_dataset(self, dataset: Dataset, version: int | None = None) -> None:
        """New data for every session (a new shape of data ends their runs)."""
        for session in self.sessions:
            rebuild = _rebuilds(session, dataset)
            if rebuild:
                self._finish_run(session)
            session.set_dataset(dataset, version)
            if rebuild:
                self._start_run(session)

    def set_model_spec(self, spec: ModelSpec) -> None:
        """A new architecture for the primary: its run ends, a new one starts (new L2/L1 rates alone go on
        with the same run, see ``TrainingSession.set_model_spec``)."""
        if self.primary.model_spec.only_penalties_differ(spec):
            self.primary.set_model_spec(spec)
            return
        self._finish_run(self.primary)
        self.primary.set_model_spec(spec)
        self._start_run(self.primary)

    def set_train_spec(self, spec: TrainSpec) -> None:
        self.primary.set_train_spec(spec)

    def set_units_off(self, units: UnitsOff) -> UnitsOff:
        """Hidden units switched off in the primary (its run goes on); answers those switched off now."""
        return self.primary.set_units_off(units)

    def set_learning_rate(self, learning_rate: float) -> None:
        self.primary.set_learning_rate(learning_rate)

    # -- members --------------------------------------------------------------------------------
    def add_member(
        self,
        model_spec: ModelSpec | None = None,
        train_spec: TrainSpec | None = None,
        seed: int | None = None,
        name: str = "",
        colour: str = "",
        start: SnapshotStart | StateStart | None = None,
        run: ResumedRun | None = None,
        run_name: str = "",
    ) -> TrainingSession:
        """A new model on the same data (default: the primary's settings and seed), at epoch 0; ``name`` names its
        runs, also after a reset (else each is the next "Run N").

        ``start``: the model goes on from a snapshot instead (a compared model given back after its training
        process died), and with ``run`` (the run it was on then; see ``resume_run``), or from its whole state (one
        kept in a session file: bit for bit), its first run called ``run_name``; weights of another shape (the
        data changed shape since) are left out: it starts at epoch 0, on a new run."""
        if len(self.sessions) >= MAX_MODELS:
            raise ValueError(f"at most {MAX_MODELS} models train side by side")
        p = self.primary
        session = TrainingSession(
            p.dataset, model_spec or p.model_spec, train_spec or p.train_spec, seed=p.seed if seed is None else seed
        )
        session.data_version = p.data_version
        if model_spec is None:  # a copy of the primary: with its units switched off too
            session.set_units_off(p.units_off)
        if start is not None and start.fits(session):
            start.resume(session)
        label = fitting(name)  # a lesson's label, any text its file holds: one line, as every run's name
        if label:
            self.labels[session.session_id] = label
        # one that goes on with ``run`` starts no run of its own first: its subscribers would list it, then drop it
        goes_on = run is not None and session.epoch == run.epoch
        self._add(session, run_name or label, colour, start_run=not goes_on)
        if run is not None:
            self.resume_run(run, session)
        return session

    def _add(
        self,
        session: TrainingSession,
        name: str = "",
        colour: str = "",
        parent_id: int | None = None,
        branch_epoch: int | None = None,
        start_run: bool = True,
    ) -> TrainingSession:
        if len(self.sessions) >= MAX_MODELS:
            raise ValueError(f"at most {MAX_MODELS} models train side by side")
        self._attach(session)
        others = [self.colours.get(m.session_id, "") for m in self.members]
        if any(same_colour(colour, other) for other in others):
            # Models are told apart by their colours (the panes, the curves, a session file, a restart): one
            # another member has is replaced by the first free, so no request can make twins.
            colour = first_free(others) or colour
        self.members.append(session)
        if colour:
            self.colours[session.session_id] = colour
        if start_run:
            self._start_run(session, name, parent_id, branch_epoch)
        return session

    def remove_member(self, session_id: int) -> None:
        session = self.find(session_id)
        if session is None or session is self.primary:
            return
        self._finish_run(session)
        self.members.remove(session)
        self._forget_runs(session_id)

    def _member(self, session_id: int) -> TrainingSession:
        session = self.find(session_id)
        if session is None:
            raise KeyError(f"no session {session_id}")
        return session

    def set_member_model_spec(self, session_id: int, spec: ModelSpec) -> None:
        session = self._member(session_id)
        if spec == session.model_spec:
            return
        self._finish_run(session)
        session.set_model_spec(spec)
        self._start_run(session)

    def set_member_train_spec(self, session_id: int, spec: TrainSpec) -> None:
        self._member(session_id).set_train_spec(spec)

    # -- timeline, branches, landscape, restore ---------------------------------------------------
    def moment(
        self, session_id: int, epoch: int, grid_bounds: Sequence[float] | None = None, grid_size: int = 0
    ) -> Snapshot | None:
        """The snapshot of session ``session_id`` at the recorded moment at or before ``epoch`` (see ``entry``).

        Its parameters are exactly those the session had then; its scores are measured
        on the data it was training on then; its curves stop at that epoch.
        """
        entry = self.entry(session_id, epoch)
        if entry is None:
            return None
        session = self._member(session_id)
        viewer = TrainingSession(
            self._past_data(entry.dataset, session), entry.model_spec, entry.train_spec, seed=session.seed
        )
        viewer.data_version = entry.data_version
        # the grid's inputs lie on the data's plane and do not change with the epoch: on the session's own data they
        # are those its live snapshots made already
        viewer.share_grid_inputs(session.grid_inputs if viewer.dataset is session.dataset else self._moment_grid)
        viewer.restore_training_state(entry.state)
        snap = viewer.snapshot(grid_bounds, grid_size)
        curves = _curves_until(session, entry.epoch)
        return replace(snap, curves=curves, session_id=session.session_id)

    def _past_data(self, data: Dataset, session: TrainingSession) -> Dataset:
        """The data of a past moment of ``session``, on the plane the plot shows now.

        Nothing here depends on the epoch: the data the session trained on then is most often the very data it
        trains on now (a moment is then shown on the session's own dataset, whose plane is fitted already), and a
        scrub asks for dozens of moments of the same older data (made once, kept for the next: its plane, a PCA of
        a fixed data set, is the same at every epoch)."""
        now = session.dataset
        if data is now or data.view_plane is None or now.view_plane is None or data.n_features != now.n_features:
            return data
        if data.view_plane == now.view_plane:
            return data
        for past, plane, shown in self._past_on_plane:
            if past is data and plane == now.view_plane:
                return shown
        shown = data.with_view_plane(now.view_plane)
        self._past_on_plane = [(data, now.view_plane, shown), *self._past_on_plane[: PAST_DATA_KEPT - 1]]
        return shown

    def entry(self, session_id: int, epoch: int) -> TimelineEntry | None:
        """The timeline entry of session ``session_id`` at or before ``epoch`` (the first one kept if
        ``epoch`` is earlier than that, e.g. before the epoch a saved session was loaded at; None if none)."""
        timeline = self._member(session_id).timeline
        if timeline is None:
            return None
        return timeline.entry_at(epoch) or timeline.first

    def branch(
        self,
        session_id: int,
        epoch: int,
        model_spec: ModelSpec | None = None,
        train_spec: TrainSpec | None = None,
        name: str = "",
        colour: str = "",
    ) -> TrainingSession:
        """A new member resuming session ``session_id`` from its moment at ``epoch`` (see ``branch_from``)."""
        session = self._member(session_id)
        if epoch >= session.epoch and session.timeline is not None:
            session.timeline.mark(session)  # from the present (a long run records only every few epochs)
        entry = self.entry(session_id, epoch)
        if entry is None:
            raise ValueError(f"no recorded moment at epoch {epoch}")
        if len(self.sessions) >= MAX_MODELS:
            raise ValueError(f"at most {MAX_MODELS} models train side by side: remove one to branch")
        child = branch_from(session, entry, model_spec=model_spec, train_spec=train_spec)
        parent_run = self._run_of.get(session.session_id)
        return self._add(
            child,
            name or f"{self._run_names.get(session.session_id, 'Run')} from epoch {entry.epoch}",
            colour,
            parent_id=parent_run,
            branch_epoch=entry.epoch,
        )

    def landscape(self, session_id: int, mode: str = "random", size: int = 41, seed: int = 0) -> Landscape:
        return compute_landscape(self._member(session_id), mode, size=size, seed=seed)

    def restore(self, record: RunRecord, name: str = "", colour: str = "") -> TrainingSession:
        """A finished run back as a member, exactly where it ended."""
        if len(self.sessions) >= MAX_MODELS:
            raise ValueError(f"at most {MAX_MODELS} models train side by side: remove one to restore a run")
        session = restore_session(record)
        if session.dataset is not self.primary.dataset:
            if _rebuilds(session, self.primary.dataset):
                raise ValueError(f"{record.name} was trained on data of another shape")
            session.set_dataset(self.primary.dataset, self.primary.data_version)
        return self._add(
            session, name or f"{record.name} (restored)", colour, parent_id=record.run_id, branch_epoch=record.epochs
        )

    def bring_back(self, record: RunRecord, colour: str = "", label: str = "") -> TrainingSession:
        """A model taken away by an edit that was undone, back as a member going on with its own run ``record``
        (its number, name and seconds trained), exactly where the run ended; ``label`` names its later runs as
        before. Its data is the primary's when it has the same shape; else the model keeps the data it trained on,
        which the primary's is on its way back to (the undo's data reaches the group after this request)."""
        if len(self.sessions) >= MAX_MODELS:
            raise ValueError(f"at most {MAX_MODELS} models train side by side")
        session = restore_session(record)
        if not _rebuilds(session, self.primary.dataset):
            session.set_dataset(self.primary.dataset, self.primary.data_version)
        if label := fitting(label):
            self.labels[session.session_id] = label
        self._add(session, record.name, colour, start_run=False)
        run = ResumedRun(
            record.run_id, record.name, int(record.epochs), record.wall_time, record.parent_id, record.branch_epoch
        )
        self.resume_run(run, session)
        return session

    def _attach(self, session: TrainingSession) -> None:
        if session.timeline is None:
            session.timeline = self.timeline_factory()
            session.timeline.restart(session)


def _with_first_moment(session: TrainingSession, snap: Snapshot) -> Snapshot:
    """``snap`` saying the earliest epoch ``session``'s timeline can show (the timeline looks back no further)."""
    first = session.timeline.first if session.timeline is not None else None
    return snap if first is None else replace(snap, first_moment=int(first.epoch))


def _curves_until(session: TrainingSession, epoch: int, max_points: int = 4000) -> dict[str, np.ndarray]:
    """The session's curves for epochs 1..epoch, thinned like ``History.thinned`` (read-only arrays)."""
    out = session.history.thinned(max_points, until_epoch=int(epoch))
    for column in out.values():
        column.setflags(write=False)
    return out


__all__ = ["MAX_MODELS", "PRIMARY", "SessionGroup"]
