"""The runs of a ``SessionGroup``: which run each of its sessions is on, and the run events its subscribers hear.

Each session's story from epoch 0 (or a branch point) is a run with an id. When a run ends (reset, new
architecture, new classes, removed) a finished ``RunRecord`` with what a restore needs is told to the
subscribers (``RunFinished``); live runs are told as ``RunLive``. A run that ended without training says so
(``trained``), and the session's next fresh run takes over its number and name, so that the names do not climb
with every model edit made before training. A run that trained stays in the window's run table once it ended: no
later run is called by its name, nor by the name of a run the window told the group it lists (``keep_names``: one
of a group before this one), but for a lesson's model: its new run (the lesson opened again, a reset) or the run it
goes on with (an undo gives it back) is called by its label, the name the lesson's text gives it, and a finished
run that had that name steps aside, "η 0.001 (1)", "(2)" ... (``RunRenamed``), so that the text and the run table
agree and every earlier run is still listed under a name of its own. A label another live model has is told apart
from it, "η 0.001 (2)". A group that replaces one whose process died can go on with the run each of its sessions was on
(``resume_run``): the same id, name and seconds trained, instead of a new run.

``SessionGroup`` builds on it; the bookkeeping is by session id. Pure Python; no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from model.training.contract import ResumedRun
from model.training.group_contract import GroupEvent, GroupListener, RunFinished, RunInfo, RunLive, RunRenamed
from model.training.run_names import distinct, fitting, run_name
from model.training.runs import record_from_session
from model.training.session import TrainingSession


class GroupRuns:
    """The group's subscribers and every session's run: its id, name, start, parent, wall time and colour."""

    primary: TrainingSession  # SessionGroup's

    @property
    def sessions(self) -> list[TrainingSession]:
        """SessionGroup's: the sessions whose runs these are, the primary first."""
        raise NotImplementedError

    def __init__(self, subscribers: Iterable[GroupListener] = (), first_run: int = 1) -> None:
        self._listeners: list[GroupListener] = list(subscribers)
        self.colours: dict[int, str] = {}
        self._wall: dict[int, float] = {}  # session id -> seconds trained in its present run
        self._run_of: dict[int, int] = {}  # session id -> run id
        self._run_names: dict[int, str] = {}
        self._run_start: dict[int, int] = {}  # session id -> the epoch its present run started at
        self._run_parent: dict[int, int | None] = {}  # session id -> the run its present run was branched from
        self._nudged: set[int] = set()  # sessions whose present run changed weights between epochs (probe step)
        self._unused_run: dict[int, int] = {}  # session id -> its run that ended without training (id reused)
        self._kept_names: dict[int, str] = {}  # run id -> the name of a run that ended, listed on: not to repeat
        #: session id -> the name it was added with (a lesson's label, "η 0.001"): its runs after a reset keep it
        self.labels: dict[int, str] = {}
        #: The next new run's id. A group that replaces another (a file opened, training restarted after its
        #: process died) numbers on after the runs the window lists, so that none of theirs is taken over.
        self._next_run = max(1, int(first_run))

    # -- events ----------------------------------------------------------------------------------
    def subscribe(self, listener: GroupListener) -> None:
        self._listeners.append(listener)

    def _publish(self, event: GroupEvent) -> None:
        for listener in self._listeners:
            listener(event)

    # -- runs ------------------------------------------------------------------------------------
    def run_id(self, session_id: int) -> int | None:
        return self._run_of.get(session_id)

    def run_info(self) -> dict[int, RunInfo]:
        """Every session's ``RunInfo`` by session id."""
        return {
            s.session_id: RunInfo(
                run_id=self._run_of.get(s.session_id),
                name=self._run_names.get(s.session_id, ""),
                wall_time=self._wall.get(s.session_id, 0.0),
                colour=self.colours.get(s.session_id, ""),
                primary=s is self.primary,
                parent_id=self._run_parent.get(s.session_id),
                branch_epoch=self._branch_epoch(s.session_id),
            )
            for s in self.sessions
        }

    def _branch_epoch(self, session_id: int) -> int | None:
        """The epoch ``session_id``'s run was branched or restored at (None: it is no branch): where it started."""
        return self._run_start.get(session_id) if self._run_parent.get(session_id) is not None else None

    def keep_names(self, names: Mapping[int, str]) -> None:
        """The runs the window lists besides this group's (run id -> name; those of a group before it, a session
        file's): no new run is called by one of their names."""
        self._kept_names.update({int(run_id): str(name) for run_id, name in names.items()})

    def announce_runs(self) -> None:
        """Tell every live run to the subscribers again (``RunLive``), for one attached late."""
        if not self._listeners:
            return
        for session in self.sessions:
            run_id = self._run_of.get(session.session_id)
            if run_id is not None:
                record = record_from_session(
                    session,
                    run_id,
                    self._run_names.get(session.session_id),
                    wall_time=self._wall.get(session.session_id, 0.0),
                    parent_id=self._run_parent.get(session.session_id),
                    branch_epoch=self._branch_epoch(session.session_id),
                    colour=self.colours.get(session.session_id, ""),
                )
                self._publish(RunLive(record))

    def _start_run(
        self, session: TrainingSession, name: str = "", parent_id: int | None = None, branch_epoch: int | None = None
    ) -> None:
        """A new run for ``session``; a fresh one takes over the number of the session's run that ended without
        training (a model edit before any epoch), so the names do not climb with every edit."""
        sid = session.session_id
        unused = self._unused_run.pop(sid, None)
        if unused is not None and not name and parent_id is None:
            run_id = unused
        else:
            run_id = self._next_run
            self._next_run += 1
        self._run_of[sid] = run_id
        self._claim_label(sid, name or self.labels.get(sid, ""), run_id)
        self._run_names[sid] = self._name_for(sid, name or self.labels.get(sid, ""), run_id)
        self._run_start[sid] = session.epoch
        self._run_parent[sid] = parent_id
        self._nudged.discard(sid)
        self._wall[sid] = 0.0
        if self._listeners:
            record = record_from_session(
                session,
                run_id,
                self._run_names[session.session_id],
                parent_id=parent_id,
                branch_epoch=branch_epoch,
                colour=self.colours.get(session.session_id, ""),
            )
            self._publish(RunLive(record))

    def resume_run(self, run: ResumedRun, session: TrainingSession | None = None) -> bool:
        """The primary (or ``session``, a compared model built again) goes on with ``run``, a run of a group before
        this one (whose process died), instead of the run this group started it on; call it once the session was
        given that run's state. That run never trained here: its number is given back to the next new run. False
        (nothing changes) when the session does not stand where ``run`` had got to: it is another story, a new
        run."""
        session = self.primary if session is None else session
        sid = session.session_id
        if session.epoch != run.epoch:
            return False
        started = self._run_of.get(sid)
        if started is not None and started != run.run_id:
            if started == self._next_run - 1:
                self._next_run = started
            if self._listeners:  # a listener that heard of it forgets it (a run that never trained is not listed)
                record = record_from_session(session, started, self._run_names.get(sid))
                record.session_id, record.trained = None, False
                self._publish(RunFinished(record))
        self._unused_run.pop(sid, None)
        self._kept_names.pop(run.run_id, None)  # it goes on: its name is its own again
        self._next_run = max(self._next_run, run.run_id + 1)
        self._run_of[sid] = run.run_id
        self._claim_label(sid, run.name or self.labels.get(sid, ""), run.run_id)
        self._run_names[sid] = self._name_for(sid, run.name or self.labels.get(sid, ""), run.run_id)
        # a run starts at epoch 0 (a reset, a new architecture) or where it was branched or restored from
        self._run_start[sid] = run.branch_epoch or 0
        self._run_parent[sid] = run.parent_id
        self._nudged.discard(sid)
        self._wall[sid] = float(run.wall_time)
        if self._listeners:
            record = record_from_session(
                session,
                run.run_id,
                self._run_names[sid],
                wall_time=self._wall[sid],
                parent_id=run.parent_id,
                branch_epoch=run.branch_epoch,
                colour=self.colours.get(sid, ""),
            )
            self._publish(RunLive(record))
        return True

    def _name_for(self, session_id: int, wanted: str, run_id: int) -> str:
        """The name of ``session_id``'s run ``run_id``: ``wanted`` as one line of a name's length ("Run N" when it
        is empty), made distinct from the other live runs' names, the primary's among them, and from the runs that
        ended and stay listed (``run_name``)."""
        taken = {self._run_names.get(s.session_id, "") for s in self.sessions if s.session_id != session_id}
        taken |= {name for kept, name in self._kept_names.items() if kept != run_id}
        return run_name(wanted, run_id, taken - {""})

    def _claim_label(self, session_id: int, wanted: str, run_id: int) -> None:
        """When ``wanted`` is ``session_id``'s label (a lesson's model) and only finished runs listed on have it,
        they step aside ("label (1)", the first number free; ``RunRenamed``): the lesson's text names the model, so
        its run must have the name. One another live model has stays theirs (``_name_for`` tells this one apart)."""
        label = self.labels.get(session_id, "")
        if not label or fitting(wanted) != label:
            return
        live = {self._run_names.get(s.session_id, "") for s in self.sessions if s.session_id != session_id}
        if label in live:
            return
        for kept, name in list(self._kept_names.items()):
            if name == label and kept != run_id:
                taken = live | set(self._kept_names.values())
                self._kept_names[kept] = distinct(label, taken, first=1)
                self._publish(RunRenamed(kept, self._kept_names[kept]))

    def _finish_run(self, session: TrainingSession) -> None:
        sid = session.session_id
        run_id = self._run_of.get(sid)
        if run_id is None:
            return
        trained = session.epoch != self._run_start.get(sid, 0) or sid in self._nudged
        if not trained and self._run_parent.get(sid) is None:
            self._unused_run[sid] = run_id
        if trained:  # listed on as finished: a later run is not called so
            self._kept_names[run_id] = self._run_names.get(sid, "")
        if not self._listeners:
            return
        record = record_from_session(
            session,
            run_id,
            self._run_names.get(session.session_id),
            wall_time=self._wall.get(session.session_id, 0.0),
            parent_id=self._run_parent.get(sid),  # a branch ended is still one: the run table says from where
            branch_epoch=self._branch_epoch(sid),
            keep_payload=True,
            colour=self.colours.get(session.session_id, ""),
        )
        record.session_id = None
        record.trained = trained
        self._publish(RunFinished(record))

    def _forget_runs(self, session_id: int) -> None:
        """A removed session's run bookkeeping (its run has finished)."""
        for runs in (self._run_of, self._run_start, self._run_parent, self._unused_run, self.labels):
            runs.pop(session_id, None)
