"""What a lesson or challenge file holds once read: ``Lesson``, ``Challenge`` and their parts, and the limits.

``model.teaching.lessons`` reads and validates the files into these frozen values; a challenge checks its goal
against a training snapshot here. Pure Python: the GUI decides how to show them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from model.data.data_source import DataSource
from model.data.dataset import Dataset
from model.data.generators import DATASETS
from model.data.real_datasets import REAL_DATASETS
from model.nn.units_off import NONE_OFF, UnitsOff
from model.resource_files import resource_path
from model.training.pace import DEFAULT_PACE
from model.training.specs import ModelSpec, TrainSpec

if TYPE_CHECKING:
    from model.training.snapshot import Snapshot

LESSON_DIR = resource_path("lessons")

#: Panels a lesson may open; the GUI maps each name to a dock or window.
VIEWS = (
    "diagram",
    "probe",
    "hidden_space",
    "bias_explorer",
    "health",
    "perceptron_lesson",
    "landscape",
    "timeline",
    "digit_units",
    "test_images",
    "draw_digit",
    "compare",
    "curves",
)
METRICS = ("train_loss", "test_loss", "train_score", "test_score")

#: Groups of controls a lesson may lock (shown, not changeable) or hide, each with the words a student reads.
LOCK_GROUPS = {
    "data": "the data and its editing",
    "architecture": "the model type, hidden layers and neurons",
    "activation": "the activation functions",
    "features": "the extra input features",
    "optimizer": "the optimizer and learning rate",
    "regularisation": "the L1 and L2 rates",
    "batch_size": "the batch size",
    "pace": "the pace",
}
#: The points of a lesson drawn by hand or read from a file sit in a CSV file beside it (``[data] file``).
DATA_FILE_SUFFIX = ".csv"

# A lesson's values stay within what the window's controls show (a larger one would be clamped there
# without a word, and the lesson would not be the one its text describes).
MAX_POINTS = 20_000
MAX_HIDDEN_LAYERS = 8
MAX_NEURONS = 64
MIN_LEARNING_RATE, MAX_LEARNING_RATE = 1e-8, 100.0
MAX_PENALTY = 100.0
MAX_BATCH_SIZE = 100_000
MAX_TEST_FRACTION = 0.9
#: Larger files are refused unread: the longest shipped lesson is 2 KB.
MAX_FILE_BYTES = 256_000
#: The text of a lesson, in characters (the longest shipped one has about 1 000).
MAX_TEXT_CHARS = 20_000
MAX_TITLE_CHARS = 200
MAX_NOTE_CHARS = 2_000  # a summary or a hint
MAX_COMPARE_RUNS = 8
BEST_MEASURES = ("hidden_neurons", "epoch") + METRICS
#: Why a challenge is not met before its first epoch (an untrained network's guesses do not count).
WAITING_FOR_TRAINING = "waiting for the first epoch: press Play"


class LessonError(ValueError):
    """A lesson or challenge file that cannot be used; the message names the file.

    Messages quote the file's values; one of those may be a 30 000-character string or a table
    nested 300 deep, so a message is cut to ``MAX_MESSAGE_CHARS`` (it is shown in a warning).
    """

    MAX_MESSAGE_CHARS = 400

    def __init__(self, message: str):
        if len(message) > self.MAX_MESSAGE_CHARS:
            message = message[: self.MAX_MESSAGE_CHARS - 1] + "…"
        super().__init__(message)


@dataclass(frozen=True)
class DataSetup:
    """The data a lesson starts from: a built-in generator and its settings, a real data set
    (``model.data.real_datasets``: only its ``seed`` and ``test_fraction`` apply), or the points of a CSV file
    beside the lesson; for data of more than two features, the plane the plot shows."""

    dataset: str = "moons"
    n_samples: int = 200
    noise: float | None = None
    seed: int = 0
    classes: int = 2
    test_fraction: float = 0.2
    file: str | None = None  # a CSV file beside the lesson holding its points (then nothing is generated)
    class_names: tuple[str, ...] = ()  # the classes of ``file``'s points, in order (``model.teaching.lesson_points``)
    plane: str | tuple[str, str] | None = None  # data of more than two features: "pca" or two features' names

    def source(self) -> DataSource:
        """Where the points this setup gives come from, as the window's data says it once a lesson set them up: the
        generator with these settings (its own noise when none is given), the real data set, or the CSV file."""
        if self.file is not None:
            return DataSource.from_file(self.file)
        return self.fields_source()

    def fields_source(self) -> DataSource:
        """The points the data panel's fields make once a lesson set them (``source`` but for a CSV file's points:
        the generator and settings of ``[data]``, which the panel shows beside them)."""
        if self.dataset in REAL_DATASETS:
            return DataSource.real(self.dataset, self.seed, self.test_fraction)
        noise = self.noise if self.noise is not None else DATASETS[self.dataset].default_noise
        return DataSource.generated(self.dataset, self.n_samples, noise, self.seed, self.classes, self.test_fraction)

    def describe(self) -> str:
        """'Circles, 200 points, noise 0.05, seed 13' (the data panel's words), 'Wine, seed 4', 'the points of
        drawn.csv'."""
        if self.file is not None:
            return f"the points of {self.file}"
        if self.dataset in REAL_DATASETS:
            return f"{REAL_DATASETS[self.dataset].label}, seed {self.seed}"
        made = self.source()
        return f"{DATASETS[self.dataset].label}, {made.n_samples:,} points, noise {made.noise:g}, seed {made.seed}"


@dataclass(frozen=True)
class Lesson:
    """One lesson: data, model, training settings, panels to open and a text.

    compare : tuple of dicts, each ``{"train": {...}, "model": {...}}`` overriding
        the lesson's specs for an extra run shown side by side (e.g. three learning rates).
    """

    id: str
    title: str
    order: int
    path: Path
    text: str
    data: DataSetup
    model: ModelSpec
    train: TrainSpec
    views: tuple[str, ...] = ()
    compare: tuple[dict[str, Any], ...] = ()  # the extra runs' TOML tables, checked on loading
    summary: str = ""
    pace: str = DEFAULT_PACE  # a key of model.training.pace.PACES: how fast Play runs in this lesson
    units_off: UnitsOff = NONE_OFF  # hidden units that start switched off ([model] units_off = ["h1.3"])
    locked: tuple[str, ...] = ()  # keys of LOCK_GROUPS the student sees but cannot change
    hidden: tuple[str, ...] = ()  # keys of LOCK_GROUPS the student does not see
    # read from ``data.file`` (None: the data is generated from ``data``); arrays do not compare with ==
    points: Dataset | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Goal:
    """Reach ``metric`` below a threshold (strictly) or at/above one ("reach 95 %")."""

    metric: str
    below: float | None = None
    above: float | None = None

    def met_by(self, value: float) -> bool:
        if value is None or not math.isfinite(value):
            return False
        if self.below is not None and not value < self.below:
            return False
        return self.above is None or value >= self.above

    def first_epoch_met(self, curves: Mapping[str, np.ndarray], after: int, until: int) -> int | None:
        """The first epoch in ``after < epoch <= until`` at which ``curves`` (a snapshot's: "epoch" and the
        ``METRICS``, one row per epoch until 4 000 epochs, then evenly thinned) meet the goal, or None."""
        epochs, values = curves.get("epoch"), curves.get(self.metric)
        if epochs is None or values is None or len(epochs) != len(values):
            return None
        epochs, values = np.asarray(epochs, dtype=np.float64), np.asarray(values, dtype=np.float64)
        with np.errstate(invalid="ignore"):
            met = np.isfinite(values) & (epochs > after) & (epochs <= until)
            if self.below is not None:
                met &= values < self.below
            if self.above is not None:
                met &= values >= self.above
        rows = np.flatnonzero(met)
        return int(epochs[rows[0]]) if rows.size else None

    def describe(self) -> str:
        """'test accuracy ≥ 95 %' (an accuracy as a percentage, as the challenges' texts say it), 'test loss < 0.1'."""
        name = self.metric.replace("_", " ").replace("score", "accuracy")
        if self.below is not None:
            return f"{name} < {self.show(self.below)}"
        return f"{name} ≥ {self.show(self.above)}"

    def show(self, value: float | None) -> str:
        """A value of the metric for people: '94.99 %' for an accuracy, '0.0812' for a loss, '—' for none."""
        if value is None or not math.isfinite(value):
            return "—"
        if self.metric.endswith("score"):
            return f"{100 * value:.4g} %"
        return f"{value:.4g}"


@dataclass(frozen=True)
class Limits:
    """Rules the model must keep for the goal to count."""

    max_hidden_neurons: int | None = None
    max_hidden_layers: int | None = None
    features: str = "any"  # "any" or "none" (no extra input features)
    dataset: str | None = None  # the goal counts only on this built-in dataset
    model_kind: str | None = None  # e.g. "mlp"


@dataclass(frozen=True)
class ChallengeResult:
    """Whether a challenge is met now, why not if not, and the value "best" compares (a best epoch may come with
    the goal not met now: the curves met it since the last check); ``counts``: the run keeps the rules and has
    trained, so its epochs count."""

    met: bool
    reason: str
    best_value: float | None = None
    counts: bool = False


@dataclass(frozen=True)
class Challenge:
    """A goal checked live, with rules, a starting setup and a hint.

    best : what makes one success better than another: "hidden_neurons" (fewer is
        better), "epoch" (sooner is better) or a metric (lower loss / higher score is better).
    """

    id: str
    title: str
    order: int
    path: Path
    text: str
    hint: str
    goal: Goal
    limits: Limits
    data: DataSetup
    model: ModelSpec
    train: TrainSpec
    best: str = "hidden_neurons"
    pace: str = DEFAULT_PACE
    units_off: UnitsOff = NONE_OFF
    views: tuple[str, ...] = ()
    locked: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    points: Dataset | None = field(default=None, compare=False)

    def check(
        self, snapshot: Snapshot, model_spec: ModelSpec, source: DataSource, counted_from: int = 0
    ) -> ChallengeResult:
        """Check the goal and rules against a snapshot of the current training.

        snapshot : anything with ``epoch`` and the metrics in ``METRICS`` (a ``Snapshot``), and its ``curves``
        model_spec : the model being trained
        source : where the data trained on came from; the goal counts only on the challenge's own data (what
            Start sets up, not edited since: the same dataset with fewer points, or no noise, is easier) and only
            once the network has trained an epoch (an untrained network may be right by chance on a few points)
        counted_from : the epoch after which this run counts (when its rules were last seen broken; 0: all of it)

        A best "epoch" is the first epoch the snapshot's curves meet the goal, not the snapshot's own epoch:
        snapshots come tens of times a second, hundreds of epochs apart at the fastest pace, so the epoch of the
        one that happened to be checked would depend on the pace and the machine. The curves hold the training
        loss of every epoch; the test loss and the scores are measured after each chunk the worker trains (every
        epoch or few at Watch, a few milliseconds of training at Fastest) and within a chunk at the epochs
        ``model.training.measured_epochs`` names (every epoch of the first 32, then 1/16 of the epochs run apart at
        most), NaN between: the epoch is the first measured one that met the goal. Even when the goal is no longer
        met now, an epoch at which the curves met it since the last check is a best (it would have been seen had
        a snapshot come then).
        """
        limits = self.limits
        neurons = sum(model_spec.hidden)
        if limits.dataset and source.generator != limits.dataset:
            return ChallengeResult(False, f"generate the {limits.dataset} dataset first")
        if not source.same_points(self.data.source()):
            return ChallengeResult(False, f"only this challenge's data counts ({self.data.describe()}): press Start")
        if limits.model_kind and model_spec.kind != limits.model_kind:
            return ChallengeResult(False, f"use the {limits.model_kind} model")
        if limits.max_hidden_neurons is not None and neurons > limits.max_hidden_neurons:
            return ChallengeResult(False, f"{neurons} hidden neurons: at most {limits.max_hidden_neurons} allowed")
        if limits.max_hidden_layers is not None and len(model_spec.hidden) > limits.max_hidden_layers:
            return ChallengeResult(False, f"at most {limits.max_hidden_layers} hidden layers allowed")
        if limits.features == "none" and model_spec.features:
            return ChallengeResult(False, "extra input features are not allowed here")
        if snapshot.epoch < 1:
            return ChallengeResult(False, WAITING_FOR_TRAINING)
        value = getattr(snapshot, self.goal.metric)
        met = self.goal.met_by(value)
        if self.best == "epoch":
            first = self.goal.first_epoch_met(getattr(snapshot, "curves", None) or {}, counted_from, snapshot.epoch)
            best = float(first) if first is not None else float(snapshot.epoch) if met else None
        elif not met:
            best = None
        elif self.best == "hidden_neurons":
            best = float(neurons)
        else:
            best = float(getattr(snapshot, self.best))
        if not met:
            reason = f"{self.goal.describe()} not reached yet (now {self.goal.show(value)})"
            return ChallengeResult(False, reason, best, counts=True)
        return ChallengeResult(True, f"{self.goal.describe()} reached", best, counts=True)

    def is_better(self, new: float, old: float | None) -> bool:
        """Does ``new`` beat the stored best ``old``?"""
        if old is None:
            return True
        higher_is_better = self.best in ("train_score", "test_score")
        return new > old if higher_is_better else new < old
