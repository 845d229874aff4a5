"""What the GUI thread hands the training worker besides plain values, and the session it trains by default.

- ``GridRequest``: the boundary grid the views want evaluated with every snapshot (``parse_grid_request``
  reads it, for the worker and for the compare view's bridge);
- ``SaveOrder``: a save, run in the training thread where the session lives, answered through a ``Future``;
- ``LocalSessionFactory``: the default ``SessionFactory``, a ``TrainingSession`` in the training thread (the
  main window passes one that makes a session group in a child process).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass

from model.training.contract import ResumedRun
from model.training.requests import AdoptState, SaveSession
from model.training.session import TrainingSession

log = logging.getLogger(__name__)

#: What the boundary view asks for: (bounds = (xmin, xmax, ymin, ymax), cells a side), or None (no grid).
GridRequest = tuple[tuple[float, float, float, float], int] | None


def parse_grid_request(request: GridRequest) -> tuple[tuple[float, ...] | None, int]:
    """(bounds, size) of a grid request from the boundary view (the worker's and the compare bridge's);
    (None, 0) for no grid."""
    if request is None:
        return None, 0
    bounds, size = request
    if bounds is None or not size:
        return None, 0
    return tuple(float(b) for b in bounds), int(size)


@dataclass(frozen=True, eq=False)
class SaveOrder:
    """A save for the training thread: ``request`` applied where the session lives; ``answer`` gets the
    epoch saved or the exception raised."""

    request: SaveSession
    answer: Future


class LocalSessionFactory:
    """The default ``SessionFactory``: a TrainingSession in the training thread; a loaded one is trained itself."""

    def build(self, dataset, model_spec, train_spec, seed) -> TrainingSession:
        return TrainingSession(dataset, model_spec, train_spec, seed=seed)

    def adopt(
        self, loaded: TrainingSession, version: int, run: ResumedRun | None = None, members: Sequence = ()
    ) -> TrainingSession:
        """The loaded session itself (a session alone has no runs: ``run`` changes nothing; nor models beside
        it: ``members`` are left out, logged)."""
        if members:
            log.warning("a session alone trains no compared models: %d of the file left out", len(members))
        loaded.perform(AdoptState(None, version, run))
        return loaded
