"""The run table's finished runs in session files: what a save (and so the autosave and the close) keeps of them, and
how a session file's runs are listed again when it is opened.

A trained network the table keeps as a finished run (a new architecture or a Reset ended it; Undo or Restore would
bring it back) is work as much as the model training now: a session file keeps it (``model.storage.session_runs``),
and a finished run no file holds yet is unsaved work, so that closing keeps it for the next start. Opened, a file's
runs are listed again as finished rows, restorable as they were, numbered beside the rows the table already lists
(``model.training.run_numbers``), and the training process numbers its new runs on after them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace

from model.data.dataset import Dataset
from model.storage.session_runs import SavedRun, saved_runs
from model.training.run_numbers import automatic_number
from model.training.runs import RunRecord


class FinishedRuns:
    """The finished rows of ``model`` (the run table's ``RunTableModel``); ``numbered(n)`` is told the highest
    run number listed, so that new runs are numbered on after it.

    A file's runs are listed once the group that trains the file's models has replaced the one before
    (``group_replaced``, connected to ``CompareManager.groupReplaced``): until then the old group may still
    announce a run under one of their numbers (a fresh window's untouched "Run 1"), whose row, ended with the old
    group, would take theirs with it."""

    def __init__(self, model, numbered: Callable[[int], None]):
        self.model = model
        self.numbered = numbered
        self._pending: list[RunRecord] = []

    @property
    def table(self):
        return self.model.table

    def to_save(self) -> tuple[SavedRun, ...]:
        """The finished runs, as a session file keeps them (oldest first)."""
        return saved_runs(self.table.records)

    def restorable(self) -> frozenset[int]:
        """The numbers of the finished runs that could be restored now (a file keeps their weights), those of a
        file being opened too."""
        listed = {r.run_id for r in self.table if not r.live and r.trained and r.restorable}
        return frozenset(listed) | self.coming()

    def coming(self) -> frozenset[int]:
        """The numbers of the restorable runs of the file being opened (listed once its group trains)."""
        return frozenset(r.run_id for r in self._pending if r.restorable)

    def bring_back(
        self,
        runs: Sequence[SavedRun],
        numbers: Sequence[tuple[int, str]],
        dataset: Dataset,
        data_version: int,
        file_numbers: dict[int, int],
    ) -> None:
        """Lists a file's finished ``runs`` again under ``numbers`` ((number, name) each, from ``reopened_runs``)
        once its group trains, restorable on ``dataset`` (data version ``data_version``); ``file_numbers`` maps the
        numbers the file's runs had when saved to those they have now (a run branched from one of them says so)."""
        self._pending = []
        for run, (number, name) in zip(runs, numbers, strict=True):
            parent = None if run.branched_from is None else file_numbers.get(run.branched_from[0])
            self._pending.append(run.record(number, name, dataset, data_version, parent))
        if numbers:
            self.numbered(max(number for number, _ in numbers))

    def group_replaced(self) -> None:
        """The file's group trains: its finished runs are listed, each once. A run the table lists already (the
        same file opened again, or a file saved from this window) keeps its row, given the file's weights if the
        row had none; a run branched from it says so."""
        pending, self._pending = self._pending, []
        listed: dict[int, int] = {}  # a file run's number now -> the row that already lists it
        for record in pending:
            if record.parent_id in listed:
                record = replace(record, parent_id=listed[record.parent_id])
            known = next((row for row in self.table if not row.live and same_run(row, record)), None)
            if known is None:
                self.model.upsert(record)
                continue
            listed[record.run_id] = known.run_id
            if record.restorable and not known.restorable:
                self.model.upsert(replace(record, run_id=known.run_id, name=known.name, colour=known.colour))


def same_run(a: RunRecord, b: RunRecord) -> bool:
    """Whether two rows are of one run: the same settings and seed trained for as many epochs to the same scores
    (training is deterministic: two runs alike in all of these are one network)."""
    return (
        a.model_spec == b.model_spec
        and a.train_spec == b.train_spec
        and a.seed == b.seed
        and a.epochs == b.epochs
        and a.task == b.task
        and all(
            x == y or (math.isnan(x) and math.isnan(y))
            for x, y in zip(
                (a.train_loss, a.test_loss, a.train_score, a.test_score),
                (b.train_loss, b.test_loss, b.train_score, b.test_score),
                strict=True,
            )
        )
    )


def numbers_in_file(names: Sequence[str], numbered: Sequence[tuple[int, str]], runs: Sequence[SavedRun]) -> dict:
    """The numbers a file's runs had (the models' runs by their "Run N" names, the finished ones by the number
    kept) mapped to the numbers they are listed under now; ``names`` are the models' runs' names in the file,
    ``numbered`` the (number, name) of the models' runs and then of the finished ones."""
    mapping: dict[int, int] = {}
    for name, (number, _) in zip(names, numbered, strict=False):
        old = automatic_number(name)
        if old is not None:
            mapping[old] = number
    for run, (number, _) in zip(runs, numbered[len(names) :], strict=True):
        mapping[run.number] = number
    return mapping


__all__ = ["FinishedRuns", "numbers_in_file", "same_run"]
