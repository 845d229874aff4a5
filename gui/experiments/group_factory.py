"""GroupFactory: the training worker's ``SessionFactory`` for side-by-side training, called in the training thread.

It starts the ``SessionGroup``'s child process (a ``gui.training.session_process.GroupProxy``), builds the
``GroupBridge`` that lives beside it in the training thread, and hands the bridge to the GUI thread's side of the
comparison (``gui.experiments.compare.CompareManager``), which connects to it there. A group can also be built
from a session that was loaded (a session file, or training restarted after its process died), its compared
models added before it trains.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QThread

from gui.experiments.group_bridge import GroupBridge
from gui.experiments.newest_request import NewestRequest
from gui.training.session_process import GroupProxy
from model.training import member_colours
from model.training.contract import Request, ResumedRun
from model.training.requests import AdoptState
from model.training.run_numbers import first_run_beside
from model.training.session import TrainingSession

#: The extra models' panes are smaller than the main plot: their boundary grids need fewer cells.
MEMBER_GRID_CAP = 120


class BridgeTaker(Protocol):
    """The GUI thread's side of a comparison, as the factory sees it: the id the next group's runs number on
    from (read in the training thread: a plain int), the numbers of the moments it asks for (each bridge skips
    those superseded), and where each new group's bridge goes."""

    @property
    def next_run_id(self) -> int: ...

    @property
    def moments(self) -> NewestRequest: ...

    def adopt_bridge(self, bridge: GroupBridge) -> None: ...


class GroupFactory:
    """The worker's ``SessionFactory`` (called in the training thread): the group in a child process, plus
    its bridge in that thread, handed to the manager."""

    def __init__(self, manager: BridgeTaker):
        self._manager = manager

    def build(self, dataset, model_spec, train_spec, seed, first_run: int | None = None) -> GroupProxy:
        """Starting the process takes ~0.5-1 s; the window meanwhile shows "no snapshot yet". ``first_run``: the
        id of the group's first run (default: the next after every run told so far)."""
        group = GroupProxy(
            dataset,
            model_spec,
            train_spec,
            seed,
            member_grid_cap=MEMBER_GRID_CAP,
            primary_colour=member_colours.MODEL_COLOURS[0],
            first_run=self._manager.next_run_id if first_run is None else first_run,
        )
        try:
            bridge = GroupBridge(group, self._manager.moments)
        except BaseException:
            group.close()
            raise
        thread = QThread.currentThread()
        if thread is not None:
            thread.finished.connect(bridge.deleteLater)
        self._manager.adopt_bridge(bridge)
        return group

    def adopt(
        self, loaded: TrainingSession, version: int, run: ResumedRun | None = None, members: Sequence[Request[Any]] = ()
    ) -> GroupProxy:
        """A new group (a new process) whose primary is given the loaded session's history and state, and goes
        on with ``run`` if given (the run under way when the process died, or a session file's run under the
        number and name the run table gives it), else starts a new run; then the compared models of a session file
        (``members``) are added beside it, in their order, before it trains (the bridge lists them when the GUI
        adopts it). The group's new runs are numbered on after all of theirs."""
        names = [str(getattr(member, "run_name", "")) for member in members]
        runs = [r for r in (run, *(getattr(member, "run", None) for member in members)) if r is not None]
        first = first_run_beside(self._manager.next_run_id, names + [r.name for r in runs], [r.run_id for r in runs])
        group = self.build(loaded.dataset, loaded.model_spec, loaded.train_spec, loaded.seed, first)
        try:
            group.perform(AdoptState(loaded, version, run))
            for member in members:
                group.perform(member)
        except BaseException:
            group.close()
            raise
        return group
