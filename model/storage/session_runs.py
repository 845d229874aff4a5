"""The run table's finished runs, as a session file keeps them: each one's row (number, name, colour, settings, seed,
epochs, seconds, scores, what it was branched from) and, for the newest that fit, what restoring it needs (its whole
training state and its history), so that closing, a kill or a file saved and opened elsewhere loses none of them.

``SavedRun`` is one such run as a value: made from a ``RunRecord`` of the window's table (``saved_run``), written by
``save_session`` (``run_entries``), read back all or nothing and range-checked by ``open_session_file``
(``runs_entry``), and listed again as a finished ``RunRecord`` (``SavedRun.record``), whose restore gives the
network back bit for bit. In the file each is an object of the metadata's ``runs`` list and, when its weights are
kept, arrays named ``runs.<i>.…`` (``model_state_entries``).

Which runs keep their weights: the newest finished runs (the table's order) whose network fits the session's data
(the data's inputs, outputs and task: a run trained on data of another shape cannot be restored beside the model
of this data), at most ``MAX_KEPT_WEIGHTS`` of them and ``MAX_KEPT_BYTES`` of arrays in all (a run's history of a
long run alone may be ~10 MB); the others, up to ``MAX_KEPT_ROWS`` rows, keep their row of scores only, as the
table keeps older runs. The moments of a run's timeline are not kept: a restored run's timeline starts where it
ended.

Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.data.dataset import Dataset
from model.storage.model_state_entries import MODEL_KEYS, model_entries, read_model
from model.storage.session_entries import Fail, integer_entry, layer_sizes, spec_entry
from model.storage.value_checks import (
    INT32_MAX,
    MAX_EPOCH,
    ValueOutOfRange,
    check_model_spec_dict,
    check_train_spec_dict,
    real,
    shown,
)
from model.training.history import COLUMNS as HISTORY_COLUMNS
from model.training.run_names import name_problem
from model.training.runs import RunRecord
from model.training.specs import ModelSpec, TrainSpec
from model.training.state_start import StateStart

#: Rows of finished runs a file keeps at most (the newest).
MAX_KEPT_ROWS = 500
#: Of those, at most this many keep their weights (the run table keeps what a restore needs for as many).
MAX_KEPT_WEIGHTS = 20
#: ... and at most this many bytes of arrays in all (weights, optimizer, history): the newest first.
MAX_KEPT_BYTES = 64 * 1024 * 1024
#: A run's seconds of training at most (a century).
MAX_SECONDS = 3.2e9
SCORES = ("train_loss", "test_loss", "train_score", "test_score")
TASKS = ("classification", "regression")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True, eq=False)
class SavedRun:
    """A finished run of the table: ``number`` and ``name`` (as the table listed them), ``colour`` ("#rrggbb" or
    ""), its settings and seed, ``epochs``, ``seconds`` trained, its ``scores`` (train/test loss and score, NaN for
    none), ``task``, ``branched_from`` ((run number, epoch) or None), and ``state`` (what restoring it needs: None
    for a row of scores only) with ``layer_sizes``, the shape of its network (its weights fit only that)."""

    number: int
    name: str
    colour: str
    model_spec: ModelSpec
    train_spec: TrainSpec
    seed: int
    epochs: int
    seconds: float
    scores: tuple[float, float, float, float]
    task: str
    branched_from: tuple[int, int] | None = None
    state: StateStart | None = None
    layer_sizes: tuple[int, ...] = ()

    @property
    def restorable(self) -> bool:
        return self.state is not None

    def without_weights(self) -> SavedRun:
        return SavedRun(
            self.number,
            self.name,
            self.colour,
            self.model_spec,
            self.train_spec,
            self.seed,
            self.epochs,
            self.seconds,
            self.scores,
            self.task,
            self.branched_from,
        )

    def nbytes(self) -> int:
        """Bytes of the arrays its weights take in a file (0 for a row of scores only)."""
        if self.state is None:
            return 0
        training, history = self.state.training, self.state.history
        optimizer = sum(v.nbytes for v in training["optimizer"].values() if isinstance(v, np.ndarray))
        return 2 * self.state.params.nbytes + optimizer + sum(np.asarray(c).nbytes for c in history.values())

    def record(
        self,
        run_id: int,
        name: str,
        dataset: Dataset,
        data_version: int,
        parent_id: int | None = None,
    ) -> RunRecord:
        """This run as a finished row of a run table (number ``run_id``, called ``name``, branched from the run
        ``parent_id`` when known there), restorable on ``dataset`` (the session's data, version ``data_version``)
        when its weights were kept."""
        record = RunRecord(
            run_id=int(run_id),
            name=name,
            model_spec=self.model_spec,
            train_spec=self.train_spec,
            seed=self.seed,
            epochs=self.epochs,
            wall_time=self.seconds,
            train_loss=self.scores[0],
            test_loss=self.scores[1],
            train_score=self.scores[2],
            test_score=self.scores[3],
            task=self.task,
            parent_id=parent_id,
            branch_epoch=None if self.branched_from is None else self.branched_from[1],
            colour=self.colour,
        )
        if self.state is not None:
            record.state = dict(self.state.training)
            record.history = {key: np.array(value) for key, value in self.state.history.items()}
            record.dataset, record.data_version = dataset, int(data_version)
        return record


def saved_run(record: RunRecord) -> SavedRun:
    """A finished run of the table as a file keeps it (its weights, when the table kept them; the arrays are
    shared, not copied: the table never changes a finished run's)."""
    scores = (record.train_loss, record.test_loss, record.train_score, record.test_score)
    branched = (
        None if record.parent_id is None or record.branch_epoch is None else (record.parent_id, record.branch_epoch)
    )
    state = sizes = None
    if record.state is not None and record.dataset is not None:
        training = record.state
        params = np.asarray(training["params"])
        # a restored run's divergence bookkeeping starts afresh from its weights (TrainingSession.restore_*)
        recovery = {"good_params": params, "good_epoch": int(training["epoch"]), "best_loss": math.inf}
        history = record.history if record.history is not None else _no_history()
        state = StateStart(training, recovery, history)
        sizes = tuple(layer_sizes(record.dataset, record.model_spec))
    return SavedRun(
        int(record.run_id),
        record.name,
        record.colour,
        record.model_spec,
        record.train_spec,
        int(record.seed),
        int(record.epochs),
        float(record.wall_time),
        tuple(float(s) for s in scores),  # type: ignore[arg-type]
        record.task,
        None if branched is None else (int(branched[0]), int(branched[1])),
        state,
        sizes or (),
    )


def saved_runs(records: Sequence[RunRecord]) -> tuple[SavedRun, ...]:
    """The finished runs among ``records`` (a run table's, in its order) that a file keeps: those that trained."""
    return tuple(saved_run(r) for r in records if not r.live and r.trained)


def _no_history() -> dict[str, np.ndarray]:
    return {column: np.zeros(0) for column in ("epoch", *HISTORY_COLUMNS)}


def _prefix(index: int) -> str:
    return f"runs.{index}."


# ------------------------------------------------------------------------------------ writing
def kept(runs: Sequence[SavedRun], dataset: Dataset) -> tuple[SavedRun, ...]:
    """What a file of ``dataset`` keeps of ``runs`` (oldest first): the newest ``MAX_KEPT_ROWS``, the newest of
    those whose network fits the data with their weights (at most ``MAX_KEPT_WEIGHTS``, ``MAX_KEPT_BYTES``), the
    others as rows of scores."""
    runs = list(runs)[-MAX_KEPT_ROWS:]
    out: list[SavedRun] = []
    weights = spent = 0
    for run in reversed(runs):
        keep = run.state is not None and _fits(run, dataset) and weights < MAX_KEPT_WEIGHTS
        if keep and spent + run.nbytes() <= MAX_KEPT_BYTES:
            weights += 1
            spent += run.nbytes()
            out.append(run)
        else:
            out.append(run.without_weights())
    return tuple(reversed(out))


def _fits(run: SavedRun, dataset: Dataset) -> bool:
    return run.task == dataset.task and tuple(run.layer_sizes) == tuple(layer_sizes(dataset, run.model_spec))


def run_entries(runs: Sequence[SavedRun], dataset: Dataset) -> tuple[list[dict[str, Any]], dict[str, np.ndarray]]:
    """(the metadata's ``runs`` list, their arrays) of what a file of ``dataset`` keeps of ``runs`` (``kept``)."""
    listed: list[dict[str, Any]] = []
    arrays: dict[str, np.ndarray] = {}
    for i, run in enumerate(kept(runs, dataset)):
        problem = (f"name {name_problem(run.name)}" if name_problem(run.name) else None) or colour_problem(run.colour)
        if problem:  # the table's names and colours are the group's: a bug, and the file would be refused
            raise ValueError(f"the session cannot be saved: the finished run {run.number} ({run.name!r}) {problem}")
        if run.state is not None:
            meta, own = model_entries(run.model_spec, run.train_spec, run.seed, run.state, _prefix(i))
            arrays.update(own)
        else:
            meta = {"model_spec": run.model_spec.to_dict(), "train_spec": run.train_spec.to_dict(), "seed": run.seed}
            meta["epoch"] = run.epochs
        meta.update(
            number=run.number,
            name=run.name,
            colour=run.colour,
            task=run.task,
            seconds=run.seconds,
            branched_from=None if run.branched_from is None else list(run.branched_from),
            weights=run.state is not None,
            **{key: (None if math.isnan(value) else value) for key, value in zip(SCORES, run.scores, strict=True)},
        )
        listed.append(meta)
    return listed, arrays


# ------------------------------------------------------------------------------------ reading
def runs_entry(saved: object, arrays: dict[str, np.ndarray], dataset: Dataset, fail: Fail) -> tuple[SavedRun, ...]:
    """The finished runs of the file, each checked in full (its problems named with its place and name); those
    with weights are built on the file's data (``read_model``), so each restores as it was saved."""
    if not isinstance(saved, list) or len(saved) > MAX_KEPT_ROWS:
        fail(f"has a malformed list of finished runs (at most {MAX_KEPT_ROWS})")
    if sum(1 for entry in saved if isinstance(entry, dict) and entry.get("weights") is True) > MAX_KEPT_WEIGHTS:
        fail(f"keeps the weights of more than {MAX_KEPT_WEIGHTS} finished runs")
    runs: list[SavedRun] = []
    numbers: set[int] = set()
    for i, entry in enumerate(saved):
        if not isinstance(entry, dict):
            fail(f"has a malformed finished run {i + 1}")
        run = _run_entry(i, entry, arrays, dataset, fail)
        if run.number in numbers:
            fail(f"has two finished runs numbered {run.number}")
        numbers.add(run.number)
        runs.append(run)
    listed = {str(i) for i, run in enumerate(runs) if run.state is not None}
    stray = sorted({key.split(".", 2)[1] for key in arrays if key.startswith("runs.")} - listed)
    if stray:
        fail(f"has arrays of finished runs it keeps no weights of ({', '.join(stray)})")
    return tuple(runs)


def _run_entry(
    index: int, entry: dict[str, Any], arrays: dict[str, np.ndarray], dataset: Dataset, fail: Fail
) -> SavedRun:
    name = entry.get("name")
    problem = name_problem(name)
    if problem:
        fail(f"has an invalid name of finished run {index + 1}: it {problem}")
    assert isinstance(name, str)

    def fail_run(problem: str) -> Any:
        fail(f"finished run {index + 1} (\u201c{name}\u201d) {problem}")

    colour = entry.get("colour", "")
    problem = colour_problem(colour)
    if problem:
        fail_run(problem)
    number = integer_entry(entry.get("number"), "number", fail_run, minimum=1, maximum=INT32_MAX)
    task = entry.get("task")
    if task not in TASKS:
        fail_run(f"has an unknown task {task!r}")
    try:
        seconds = real(entry.get("seconds", 0.0), "seconds", 0.0, MAX_SECONDS)
    except ValueOutOfRange as exc:
        fail_run(f"has an invalid value: {exc}")
    train_loss, test_loss, train_score, test_score = (_score(entry.get(key), key, fail_run) for key in SCORES)
    branched = entry.get("branched_from")
    if branched is not None:
        if not isinstance(branched, list) or len(branched) != 2:
            fail_run("has a malformed branched_from (a run's number and an epoch)")
        branched = (
            integer_entry(branched[0], "branched_from run", fail_run, minimum=1, maximum=INT32_MAX),
            integer_entry(branched[1], "branched_from epoch", fail_run, maximum=MAX_EPOCH),
        )
    weights = entry.get("weights")
    if not isinstance(weights, bool):
        fail_run("has no weights flag (true or false)")
    state: StateStart | None = None
    sizes: tuple[int, ...] = ()
    if weights:
        if not set(MODEL_KEYS) - {"sample_position", "units_off"} <= set(entry):
            fail_run("keeps weights but not the whole training state")
        if task != dataset.task:
            fail_run(f"keeps weights of a {task} model, but the file's data is for {dataset.task}")
        session = read_model(entry, arrays, dataset, fail_run, _prefix(index))
        model_spec, train_spec, seed, epochs = session.model_spec, session.train_spec, session.seed, session.epoch
        state, sizes = StateStart.of(session), tuple(layer_sizes(dataset, model_spec))
    else:
        model_spec = spec_entry(ModelSpec, entry.get("model_spec"), "model settings", fail_run, check_model_spec_dict)
        train_spec = spec_entry(
            TrainSpec, entry.get("train_spec"), "training settings", fail_run, check_train_spec_dict
        )
        seed = integer_entry(entry.get("seed"), "seed", fail_run, maximum=INT32_MAX)
        epochs = integer_entry(entry.get("epoch"), "epoch", fail_run, maximum=MAX_EPOCH)
    scores = (train_loss, test_loss, train_score, test_score)
    assert isinstance(task, str) and isinstance(colour, str)
    return SavedRun(
        number, name, colour, model_spec, train_spec, seed, epochs, seconds, scores, task, branched, state, sizes
    )


def _score(value: object, key: str, fail: Fail) -> float:
    """A loss or score of the run's last epoch: a number (a loss may have overflowed to infinity), or None for
    none (NaN: no test points)."""
    if value is None:
        return math.nan
    if not isinstance(value, (int, float)) or isinstance(value, bool) or math.isnan(value):
        fail(f"has an invalid {key} {shown(value)} (a number, or null for none)")
    return float(value)


def colour_problem(colour: object) -> str | None:
    """What is wrong with a run's colour, or None when it is "#rrggbb" or "" (the default)."""
    if not isinstance(colour, str) or (colour and not _COLOUR.fullmatch(colour)):
        return f"has an invalid colour {shown(colour)} (\u201c#rrggbb\u201d or none)"
    return None


def without_random_states(saved: object) -> object:
    """The ``runs`` list with their shuffling states left out (they hold 128-bit numbers: NumPy checks those)."""
    if not isinstance(saved, list):
        return saved
    return [
        {key: value for key, value in entry.items() if key != "shuffle_rng"} if isinstance(entry, dict) else entry
        for entry in saved
    ]


__all__ = [
    "MAX_KEPT_BYTES",
    "MAX_KEPT_ROWS",
    "MAX_KEPT_WEIGHTS",
    "SavedRun",
    "kept",
    "run_entries",
    "runs_entry",
    "saved_run",
    "saved_runs",
    "without_random_states",
]
