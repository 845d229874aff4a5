"""Runs: every model trained in the app, with its settings and final scores, as a sortable table.

A *run* is one training session's story from epoch 0 (or from the moment it was
branched from) to now. The app keeps a ``RunRecord`` for every run: the live ones
(updated as they train) and the finished ones (a reset or a new architecture ends a
run). A record can carry what is needed to bring the run back ("restore"): its final
training state, the data, the history and the timeline. The table can be sorted
by any column and written as CSV.

Pure Python + NumPy; never imports Qt.
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

import numpy as np

from model.training.setting_names import optimizer_name
from model.training.specs import ModelSpec, TrainSpec

if TYPE_CHECKING:
    from model.data.dataset import Dataset
    from model.training.session import TrainingSession
    from model.training.snapshot import Snapshot
    from model.training.timeline import Timeline


def describe_model(spec: ModelSpec) -> str:
    """e.g. 'MLP 8-8 tanh, L2 0.01, +x1^2' (the kind, the layers, penalties and extra inputs; the perceptron's
    rule has no penalty, so none is named for it)."""
    parts = [spec.describe()]
    if spec.alpha and spec.kind != "perceptron":
        parts.append(f"L2 {spec.alpha:g}")
    if spec.l1 and spec.kind != "perceptron":
        parts.append(f"L1 {spec.l1:g}")
    if spec.features:
        parts.append("+" + " +".join(spec.features))
    return ", ".join(parts)


def describe_training(spec: TrainSpec, model_spec: ModelSpec | None = None) -> str:
    """e.g. 'Adam lr 0.001, batch 16' or 'SGD lr 0.03'; what ``model_spec``'s model really trains with: a
    perceptron learns by its own rule, one point at a time ('Perceptron rule lr 0.03'), whatever the optimizer
    and batch size of its settings say."""
    if model_spec is not None and model_spec.kind == "perceptron":
        text = f"Perceptron rule lr {spec.learning_rate:g}"
        return text if spec.dtype == "float32" else f"{text}, {spec.dtype}"
    text = f"{optimizer_name(spec.optimizer)} lr {spec.learning_rate:g}"
    if spec.optimizer in ("momentum", "nesterov"):
        text += f" (m {spec.momentum:g})"
    if spec.batch_size is not None:
        text += f", batch {spec.batch_size}"
    if spec.dtype != "float32":
        text += f", {spec.dtype}"
    return text


@dataclass
class RunRecord:
    """One run. The first block of fields is what the table shows and exports.

    run_id : int, unique in the table; name : str, e.g. "Run 3" or "Run 3 from epoch 120" (a branch)
    model_spec, train_spec : the settings (the latest ones, if they changed during the run)
    seed : int; epochs : int; wall_time : float, seconds spent training
    train_loss, test_loss, train_score, test_score : at the last epoch (score: accuracy or R²)
    task : "classification" | "regression"
    parent_id, branch_epoch : the run and epoch it was branched from (None for a fresh run)
    session_id : the live session it follows (None once finished)
    colour : a display colour (hex), the same one the curves use
    trained : False for a finished run that never trained (a model edit before any epoch): not listed
    state, dataset, data_version, history, timeline : what ``restore_session`` needs (None: not restorable)
    """

    run_id: int
    name: str
    model_spec: ModelSpec
    train_spec: TrainSpec
    seed: int = 0
    epochs: int = 0
    wall_time: float = 0.0
    train_loss: float = math.nan
    test_loss: float = math.nan
    train_score: float = math.nan
    test_score: float = math.nan
    task: str = "classification"
    parent_id: int | None = None
    branch_epoch: int | None = None
    session_id: int | None = None
    colour: str = ""
    trained: bool = True
    # -- the payload for restoring (never exported) --
    state: dict[str, Any] | None = field(default=None, repr=False)
    dataset: Dataset | None = field(default=None, repr=False)
    data_version: int = 0
    history: dict[str, np.ndarray] | None = field(default=None, repr=False)
    timeline: Timeline | None = field(default=None, repr=False)

    @property
    def live(self) -> bool:
        return self.session_id is not None

    @property
    def restorable(self) -> bool:
        return self.state is not None and self.dataset is not None

    @property
    def stays_listed(self) -> bool:
        """Whether the run stays in the table once its session is gone (its group replaced: a session file opened,
        training started again): not a live run still at the epoch it started at, which, like a finished run that
        never trained, is nothing to list."""
        return not self.live or self.epochs != (self.branch_epoch or 0)

    def update_from(self, session: TrainingSession, wall_time: float | None = None, keep_payload: bool = False) -> None:
        """Copy the session's present settings and scores (and, with ``keep_payload``, what a
        restore needs: call it in the thread that owns the session)."""
        self.model_spec, self.train_spec = session.model_spec, session.train_spec
        self.seed, self.epochs, self.task = int(session.seed), int(session.epoch), session.task
        self.train_loss, self.test_loss = float(session.train_loss), float(session.test_loss)
        self.train_score, self.test_score = float(session.train_score), float(session.test_score)
        if wall_time is not None:
            self.wall_time = float(wall_time)
        if keep_payload:
            self.state = session.training_state()
            self.dataset, self.data_version = session.dataset, session.data_version
            self.history = session.history.arrays()
            timeline = getattr(session, "timeline", None)
            self.timeline = None if timeline is None else timeline.up_to(session.epoch)

    def update_from_snapshot(self, snap: Snapshot, wall_time: float | None = None) -> None:
        """Copy the scores of a ``Snapshot`` (the GUI thread's view of a live run)."""
        self.epochs = int(snap.epoch)
        self.train_loss, self.test_loss = float(snap.train_loss), float(snap.test_loss)
        self.train_score, self.test_score = float(snap.train_score), float(snap.test_score)
        self.task = snap.task
        if wall_time is not None:
            self.wall_time = float(wall_time)

    def drop_payload(self) -> None:
        self.state = self.dataset = self.history = self.timeline = None


def record_from_session(
    session: TrainingSession,
    run_id: int,
    name: str | None = None,
    wall_time: float = 0.0,
    parent_id: int | None = None,
    branch_epoch: int | None = None,
    keep_payload: bool = False,
    colour: str = "",
) -> RunRecord:
    """A new record following ``session``."""
    record = RunRecord(
        run_id=int(run_id),
        name=name or f"Run {run_id}",
        model_spec=session.model_spec,
        train_spec=session.train_spec,
        parent_id=parent_id,
        branch_epoch=branch_epoch,
        session_id=getattr(session, "session_id", None),
        colour=colour,
    )
    record.update_from(session, wall_time, keep_payload)
    return record


def restore_session(record: RunRecord) -> TrainingSession:
    """A ``TrainingSession`` exactly where ``record``'s run ended (its history and timeline too).

    Continuing it trains bit for bit as the original would have.
    """
    from model.training.history import History
    from model.training.session import TrainingSession

    if record.state is None or record.dataset is None:  # not restorable
        raise ValueError(f"{record.name} cannot be restored (only its scores were kept)")
    session = TrainingSession(record.dataset, record.model_spec, record.train_spec, seed=record.seed)
    session.data_version = record.data_version
    if record.history is not None:
        history = History()
        history.load(record.history, n_epochs=int(record.state["epoch"]))
        history.truncate(int(record.state["epoch"]))
        session.history = history
    session.restore_training_state(record.state)
    if record.timeline is not None:
        session.timeline = record.timeline.up_to(session.epoch)  # shared entries, its own list
        session.timeline.mark(session)
    return session


# -- the table --------------------------------------------------------------------------------------
#: (header, how to get the value from a record) for the table and the CSV.
COLUMNS = (
    ("Run", lambda r: r.run_id),
    ("Name", lambda r: r.name),
    ("Model", lambda r: describe_model(r.model_spec)),
    ("Training", lambda r: describe_training(r.train_spec, r.model_spec)),
    ("Seed", lambda r: r.seed),
    ("Epochs", lambda r: r.epochs),
    ("Train loss", lambda r: r.train_loss),
    ("Test loss", lambda r: r.test_loss),
    ("Train score", lambda r: r.train_score),
    ("Test score", lambda r: r.test_score),
    ("Time (s)", lambda r: r.wall_time),
    ("Branched from", lambda r: "" if r.parent_id is None else f"{r.parent_id} @ {r.branch_epoch}"),
    ("Status", lambda r: "training" if r.live else "finished"),
)
HEADERS = tuple(h for h, _ in COLUMNS)
#: Extra, machine-readable CSV columns (the settings in full).
CSV_EXTRA = (
    "task",
    "kind",
    "hidden_layer_sizes",
    "activation",
    "alpha",
    "l1",
    "features",
    "optimizer",
    "learning_rate",
    "momentum",
    "batch_size",
    "dtype",
    "parent_id",
    "branch_epoch",
)


def _sort_key(value: object) -> tuple[int, float, str]:
    """Numbers before text; NaN (no value yet) last whichever the direction (handled by the caller)."""
    if isinstance(value, (int, float, np.integer, np.floating)):
        return (0, float(value), "")
    return (1, 0.0, str(value).lower())


class RunTable:
    """All runs, in the order they were added; sortable, exportable.

    max_payloads : only the most recent finished runs keep what a restore needs
        (final state, history, timeline); older ones keep their scores (memory stays bounded).
    """

    def __init__(self, max_payloads: int = 20):
        self.max_payloads = int(max_payloads)
        self._records: list[RunRecord] = []

    def add(self, record: RunRecord) -> RunRecord:
        if any(r.run_id == record.run_id for r in self._records):
            raise ValueError(f"run {record.run_id} is already in the table")
        self._records.append(record)
        self._limit_payloads()
        return record

    def replace(self, record: RunRecord) -> int | None:
        """Puts ``record`` in the place of the run with its id (a finished run replaces its live row); returns
        that row, or None when the table has no such run."""
        for row, existing in enumerate(self._records):
            if existing.run_id == record.run_id:
                self._records[row] = record
                self._limit_payloads()
                return row
        return None

    def upsert(self, record: RunRecord) -> tuple[str, int] | None:
        """A run's news: a new run is added, a known one replaced in place (a finished run replaces its live
        row), and a finished run that never trained is removed (every model edit ends a run: one that never
        trained is nothing to list). Returns ("added" | "replaced" | "removed", its row), or None (nothing
        changed)."""
        if not record.live and not record.trained:
            row = next((i for i, r in enumerate(self._records) if r.run_id == record.run_id), None)
            if row is not None:
                del self._records[row]
                return "removed", row
            return None
        row = self.replace(record)
        if row is not None:
            return "replaced", row
        self.add(record)
        return "added", len(self._records) - 1

    def _limit_payloads(self) -> None:
        finished = [r for r in self._records if not r.live and r.restorable]
        excess = len(finished) - self.max_payloads
        for record in finished[: max(0, excess)]:  # the oldest finished runs first
            record.drop_payload()

    def finish(self, run_id: int) -> None:
        """The run's session ended (reset, new architecture, removed): it no longer follows a session."""
        record = self.get(run_id)
        if record is not None:
            record.session_id = None
            self._limit_payloads()

    def get(self, run_id: int) -> RunRecord | None:
        return next((r for r in self._records if r.run_id == run_id), None)

    def for_session(self, session_id: int) -> RunRecord | None:
        """The live run following session ``session_id``."""
        return next((r for r in reversed(self._records) if r.session_id == session_id), None)

    def remove(self, run_id: int) -> None:
        self._records = [r for r in self._records if r.run_id != run_id]

    def names_kept(self) -> dict[int, str]:
        """The runs the table goes on listing once their sessions are gone (``stays_listed``), run id -> name: no
        new run is called by one of their names."""
        return {r.run_id: r.name for r in self._records if r.stays_listed}

    def clear(self) -> None:
        self._records.clear()

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[RunRecord]:
        return iter(list(self._records))

    def __getitem__(self, index: int) -> RunRecord:
        return self._records[index]

    @property
    def records(self) -> list[RunRecord]:
        return list(self._records)

    @staticmethod
    def row(record: RunRecord) -> list[Any]:
        """The record's values in ``HEADERS`` order."""
        return [get(record) for _, get in COLUMNS]

    def sorted(self, column: int | str = 0, descending: bool = False) -> list[RunRecord]:
        """Records sorted by a column (index or header); empty values (NaN) always last."""
        index = HEADERS.index(column) if isinstance(column, str) else int(column)
        get = COLUMNS[index][1]

        def missing(r: RunRecord) -> bool:
            v = get(r)
            return isinstance(v, float) and math.isnan(v)

        present = [r for r in self._records if not missing(r)]
        absent = [r for r in self._records if missing(r)]
        present.sort(key=lambda r: _sort_key(get(r)), reverse=descending)
        return present + absent

    def to_csv(
        self, target: str | os.PathLike[str] | TextIO | None = None, records: list[RunRecord] | None = None
    ) -> str:
        """Write the table (``records`` in that order, default all) as CSV.

        target : a path, an open text file, or None. Returns the CSV text. Numbers are
        written in full precision; missing values as empty cells.
        """
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(list(HEADERS) + list(CSV_EXTRA))
        for record in self._records if records is None else records:
            writer.writerow([_cell(v) for v in self.row(record)] + [_cell(v) for v in _extra(record)])
        text = buffer.getvalue()
        if isinstance(target, (str, os.PathLike)):
            tmp = f"{os.fspath(target)}.tmp"
            with open(tmp, "w", newline="", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, target)
        elif target is not None:
            target.write(text)
        return text


def _cell(value: object) -> object:
    if isinstance(value, (float, np.floating)):
        return "" if math.isnan(value) else repr(float(value))
    if isinstance(value, (tuple, list)):
        return " ".join(str(v) for v in value)
    return "" if value is None else value


def _extra(record: RunRecord) -> list[Any]:
    m, t = record.model_spec, record.train_spec
    return [
        record.task,
        m.kind,
        m.hidden,
        m.activation,
        m.alpha,
        m.l1,
        m.features,
        t.optimizer,
        t.learning_rate,
        t.momentum,
        t.batch_size,
        t.dtype,
        record.parent_id,
        record.branch_epoch,
    ]
