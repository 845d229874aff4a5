"""Lessons and challenges as data files a teacher can write without touching code.

Every ``*.toml`` file under ``resources/lessons/`` is one lesson or one challenge
(the format is documented in ``resources/lessons/README.md``). This module reads
and validates them and checks a challenge's goal against a training snapshot.
Pure Python: the GUI decides how to show them.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from model.data.generators import DATASETS
from model.training.specs import ModelSpec, TrainSpec

LESSON_DIR = Path(__file__).resolve().parents[2] / "resources" / "lessons"

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
    "compare",
    "curves",
)
METRICS = ("train_loss", "test_loss", "train_score", "test_score")
BEST_MEASURES = ("hidden_neurons", "epoch") + METRICS


class LessonError(ValueError):
    """A lesson or challenge file that cannot be used; the message names the file."""


@dataclass(frozen=True)
class DataSetup:
    """The data a lesson starts from: a built-in generator and its settings."""

    dataset: str = "moons"
    n_samples: int = 200
    noise: float | None = None
    seed: int = 0
    classes: int = 2
    test_fraction: float = 0.2


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
    compare: tuple = ()
    summary: str = ""


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
        if self.above is not None and not value >= self.above:
            return False
        return True

    def describe(self) -> str:
        name = self.metric.replace("_", " ").replace("score", "accuracy")
        if self.below is not None:
            return f"{name} < {self.below:g}"
        return f"{name} ≥ {self.above:g}"


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
    """Whether a challenge is met now, why not if not, and the value "best" compares."""

    met: bool
    reason: str
    best_value: float | None = None


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

    def check(self, snapshot, model_spec: ModelSpec, dataset_name: str | None) -> ChallengeResult:
        """Check the goal and rules against a snapshot of the current training.

        snapshot : anything with ``epoch`` and the metrics in ``METRICS`` (a ``Snapshot``)
        model_spec : the model being trained
        dataset_name : the built-in dataset the data came from (None: drawn or loaded by hand)
        """
        limits = self.limits
        neurons = sum(model_spec.hidden)
        if limits.dataset and dataset_name != limits.dataset:
            return ChallengeResult(False, f"generate the {limits.dataset} dataset first")
        if limits.model_kind and model_spec.kind != limits.model_kind:
            return ChallengeResult(False, f"use the {limits.model_kind} model")
        if limits.max_hidden_neurons is not None and neurons > limits.max_hidden_neurons:
            return ChallengeResult(False, f"{neurons} hidden neurons: at most {limits.max_hidden_neurons} allowed")
        if limits.max_hidden_layers is not None and len(model_spec.hidden) > limits.max_hidden_layers:
            return ChallengeResult(False, f"at most {limits.max_hidden_layers} hidden layers allowed")
        if limits.features == "none" and model_spec.features:
            return ChallengeResult(False, "extra input features are not allowed here")
        value = getattr(snapshot, self.goal.metric)
        if not self.goal.met_by(value):
            shown = "—" if value is None or not math.isfinite(value) else f"{value:.4g}"
            return ChallengeResult(False, f"{self.goal.describe()} not reached yet (now {shown})")
        if self.best == "hidden_neurons":
            best = float(neurons)
        elif self.best == "epoch":
            best = float(snapshot.epoch)
        else:
            best = float(getattr(snapshot, self.best))
        return ChallengeResult(True, f"{self.goal.describe()} reached", best)

    def is_better(self, new: float, old: float | None) -> bool:
        """Does ``new`` beat the stored best ``old``?"""
        if old is None:
            return True
        higher_is_better = self.best in ("train_score", "test_score")
        return new > old if higher_is_better else new < old


# -- reading files ---------------------------------------------------------------------------------
def _table(doc: dict, key: str, path: Path) -> dict:
    value = doc.get(key, {})
    if not isinstance(value, dict):
        raise LessonError(f"{path.name}: [{key}] must be a table")
    return value


def _build(cls, values: dict, path: Path, section: str):
    """Build a dataclass from a TOML table, naming unknown keys and bad values."""
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise LessonError(
            f"{path.name}: unknown key(s) {', '.join(unknown)} in [{section}]; allowed: {', '.join(sorted(known))}"
        )
    try:
        return cls(**values)
    except (TypeError, ValueError) as error:
        raise LessonError(f"{path.name}: [{section}] {error}") from None


def _data_setup(doc: dict, path: Path) -> DataSetup:
    setup = _build(DataSetup, _table(doc, "data", path), path, "data")
    if setup.dataset not in DATASETS:
        raise LessonError(f"{path.name}: [data] dataset {setup.dataset!r} is not one of {', '.join(DATASETS)}")
    return setup


def _common(doc: dict, path: Path) -> dict:
    for key in ("id", "title"):
        if not isinstance(doc.get(key), str) or not doc[key].strip():
            raise LessonError(f"{path.name}: missing {key!r} (a non-empty string)")
    text = doc.get("text", "")
    if not isinstance(text, str):
        raise LessonError(f"{path.name}: 'text' must be a string (Markdown)")
    order = doc.get("order", 100)
    if not isinstance(order, int):
        raise LessonError(f"{path.name}: 'order' must be an integer")
    return {
        "id": doc["id"],
        "title": doc["title"],
        "order": order,
        "path": path,
        "text": text,
        "data": _data_setup(doc, path),
        "model": _build(ModelSpec, _table(doc, "model", path), path, "model"),
        "train": _build(TrainSpec, _table(doc, "train", path), path, "train"),
    }


def _lesson(doc: dict, path: Path) -> Lesson:
    views = tuple(doc.get("views", ()))
    bad = [v for v in views if v not in VIEWS]
    if bad:
        raise LessonError(f"{path.name}: unknown view(s) {', '.join(map(str, bad))}; choose from {', '.join(VIEWS)}")
    compare = tuple(doc.get("compare", ()))
    common = _common(doc, path)
    for index, run in enumerate(compare):
        if not isinstance(run, dict) or set(run) - {"model", "train", "label"}:
            raise LessonError(
                f"{path.name}: compare entry {index + 1} may only hold 'label', [model] and [train] overrides"
            )
        _build(ModelSpec, {**common["model"].to_dict(), **run.get("model", {})}, path, "compare.model")
        _build(TrainSpec, {**common["train"].to_dict(), **run.get("train", {})}, path, "compare.train")
    return Lesson(**common, views=views, compare=compare, summary=str(doc.get("summary", "")))


def _challenge(doc: dict, path: Path) -> Challenge:
    goal = _build(Goal, _table(doc, "goal", path), path, "goal")
    if goal.metric not in METRICS:
        raise LessonError(f"{path.name}: [goal] metric must be one of {', '.join(METRICS)}")
    if (goal.below is None) == (goal.above is None):
        raise LessonError(f"{path.name}: [goal] needs exactly one of 'below' or 'above'")
    limits = _build(Limits, _table(doc, "limits", path), path, "limits")
    if limits.features not in ("any", "none"):
        raise LessonError(f"{path.name}: [limits] features must be 'any' or 'none'")
    best = doc.get("best", "hidden_neurons")
    if best not in BEST_MEASURES:
        raise LessonError(f"{path.name}: 'best' must be one of {', '.join(BEST_MEASURES)}")
    hint = doc.get("hint", "")
    if not isinstance(hint, str) or not hint.strip():
        raise LessonError(f"{path.name}: a challenge needs a 'hint'")
    return Challenge(**_common(doc, path), hint=hint, goal=goal, limits=limits, best=best)


def load_file(path) -> Lesson | Challenge:
    """Read one lesson or challenge file; a ``LessonError`` names the file and the problem."""
    path = Path(path)
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise LessonError(f"{path.name}: cannot be read ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise LessonError(f"{path.name}: is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise LessonError(f"{path.name}: is not valid TOML ({error})") from None
    kind = doc.get("kind")
    if kind == "lesson":
        return _lesson(doc, path)
    if kind == "challenge":
        return _challenge(doc, path)
    raise LessonError(f'{path.name}: \'kind\' must be "lesson" or "challenge", got {kind!r}')


def load_all(directory=LESSON_DIR) -> tuple[list[Lesson], list[Challenge], list[str]]:
    """Every lesson and challenge in ``directory``, each list sorted by order then title,
    and the error messages of the files that could not be used (the others still load)."""
    lessons, challenges, errors = [], [], []
    for path in sorted(Path(directory).glob("*.toml")):
        try:
            item = load_file(path)
        except LessonError as error:
            errors.append(str(error))
            continue
        (lessons if isinstance(item, Lesson) else challenges).append(item)
    key = lambda item: (item.order, item.title)  # noqa: E731 - a sort key
    return sorted(lessons, key=key), sorted(challenges, key=key), errors
