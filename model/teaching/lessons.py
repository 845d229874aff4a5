"""Lessons and challenges as data files a teacher can write without touching code.

Every ``*.toml`` file under ``resources/lessons/`` is one lesson or one challenge
(the format is documented in ``resources/lessons/README.md``). This module reads
and validates them into the values of ``model.teaching.lesson_content`` (where a
challenge checks its goal against a training snapshot).
Pure Python: the GUI decides how to show them.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from model.data.dataset import MAX_CLASSES
from model.data.generators import DATASETS
from model.data.real_datasets import REAL_DATASETS
from model.nn.units_off import UnitsOff, fits, parse_unit_name
from model.storage.value_checks import (
    INT32_MAX,
    ValueOutOfRange,
    check_model_spec_dict,
    check_train_spec_dict,
    real,
    shown,
    whole,
)
from model.teaching.lesson_content import (
    BEST_MEASURES,
    LESSON_DIR,
    LOCK_GROUPS,
    MAX_BATCH_SIZE,
    MAX_COMPARE_RUNS,
    MAX_FILE_BYTES,
    MAX_HIDDEN_LAYERS,
    MAX_LEARNING_RATE,
    MAX_NEURONS,
    MAX_NOTE_CHARS,
    MAX_PENALTY,
    MAX_POINTS,
    MAX_TEST_FRACTION,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    METRICS,
    MIN_LEARNING_RATE,
    VIEWS,
    Challenge,
    DataSetup,
    Goal,
    Lesson,
    LessonError,
    Limits,
)
from model.teaching.lesson_points import class_names_setting, plane_setting, plane_text, read_points, view_plane_of
from model.training.pace import DEFAULT_PACE, PACE_KEYS, pace_named
from model.training.specs import ModelSpec, TrainSpec, task_mismatch

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    from model.data.dataset import Dataset


_T = TypeVar("_T", bound="DataclassInstance")


# -- reading files ---------------------------------------------------------------------------------
def _table(doc: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    value = doc.get(key, {})
    if not isinstance(value, dict):
        raise LessonError(f"{path.name}: [{key}] must be a table")
    return value


def _build(cls: type[_T], values: dict[str, Any], path: Path, section: str) -> _T:
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


def _checked(path: Path, section: str, check: Callable[[dict[str, Any]], object], values: dict[str, Any]) -> None:
    """Run ``check(values)``; a value out of range becomes a ``LessonError`` naming it."""
    try:
        check(values)
    except ValueOutOfRange as error:
        where = f" [{section}]" if section else ""
        raise LessonError(f"{path.name}:{where} {error}") from None


def _data_values(d: dict[str, Any]) -> None:
    if "dataset" in d and not isinstance(d["dataset"], str):
        raise ValueOutOfRange(f"dataset = {shown(d['dataset'])} is not the name of a dataset")
    if "n_samples" in d:
        whole(d["n_samples"], "n_samples", 1, MAX_POINTS)
    if "seed" in d:
        whole(d["seed"], "seed", 0, INT32_MAX)
    if "classes" in d:
        whole(d["classes"], "classes", 2, MAX_CLASSES)
    if d.get("noise") is not None:
        real(d["noise"], "noise", 0.0, 1.0)
    if "test_fraction" in d:
        real(d["test_fraction"], "test_fraction", 0.0, MAX_TEST_FRACTION)
    if "file" in d and (not isinstance(d["file"], str) or not d["file"].strip()):
        raise ValueOutOfRange(f"file = {shown(d['file'])} is not the name of a CSV file beside the lesson")


def _model_values(d: dict[str, Any]) -> None:
    if "hidden_layer_sizes" in d:
        sizes = d["hidden_layer_sizes"]
        if not isinstance(sizes, list) or len(sizes) > MAX_HIDDEN_LAYERS:
            raise ValueOutOfRange(
                f"hidden_layer_sizes = {shown(sizes)} is not a list of at most {MAX_HIDDEN_LAYERS} layer sizes"
            )
        for i, size in enumerate(sizes):
            whole(size, f"hidden_layer_sizes[{i}]", 1, MAX_NEURONS)
    for name in ("alpha", "l1"):
        if name in d:
            real(d[name], name, 0.0, MAX_PENALTY)
    check_model_spec_dict(d)


def _train_values(d: dict[str, Any]) -> None:
    if "learning_rate" in d:
        real(d["learning_rate"], "learning_rate", MIN_LEARNING_RATE, MAX_LEARNING_RATE)
    if "batch_size" in d:
        whole(d["batch_size"], "batch_size", 1, MAX_BATCH_SIZE)
    check_train_spec_dict(d)


def _data_setup(doc: dict[str, Any], path: Path) -> DataSetup:
    values = dict(_table(doc, "data", path))
    _checked(path, "data", _data_values, values)
    if "plane" in values:
        values["plane"] = plane_setting(values["plane"], path)
    if "class_names" in values:
        values["class_names"] = class_names_setting(values["class_names"], path)
    setup = _build(DataSetup, values, path, "data")
    if setup.dataset not in DATASETS and setup.dataset not in REAL_DATASETS:
        known = ", ".join([*DATASETS, *REAL_DATASETS])
        raise LessonError(f"{path.name}: [data] dataset {setup.dataset!r} is not one of {known}")
    return _real_plane(setup, path)


def _real_plane(setup: DataSetup, path: Path) -> DataSetup:
    """``[data] plane`` of data that is not read from a file: only a real data set has more than two features to
    choose a plane of (its features' names are read, with scikit-learn, only for a plane of two named features).
    A feature may be named as the loader names it ("petal length (cm)", as lessons saved before the names said
    the numbers are standardised have it): the setup names it as the data does."""
    if setup.plane is None or setup.file is not None:
        return setup
    if setup.dataset not in REAL_DATASETS:
        raise LessonError(
            f"{path.name}: [data] plane: {setup.dataset} has two features, shown as they are, on no other plane"
        )
    if setup.plane == "pca":
        return setup
    from model.data.real_datasets import feature_names, shown_feature

    plane = (shown_feature(setup.dataset, setup.plane[0]), shown_feature(setup.dataset, setup.plane[1]))
    try:
        view_plane_of(plane, feature_names(setup.dataset))
    except ValueError as error:
        raise LessonError(f"{path.name}: [data] plane {plane_text(setup.plane)}: {error}") from None
    return replace(setup, plane=plane)


def _names(doc: dict[str, Any], key: str, allowed: Any, path: Path) -> tuple[str, ...]:
    """A list of names, each one of ``allowed``, given once."""
    values = doc.get(key, [])
    if not isinstance(values, list):
        raise LessonError(f"{path.name}: {key!r} must be a list")
    bad = [v if isinstance(v, str) else shown(v) for v in values if not isinstance(v, str) or v not in allowed]
    if bad:
        what = "view(s)" if key == "views" else "control group(s)"
        raise LessonError(f"{path.name}: {key!r} has unknown {what} {', '.join(bad)}; choose from {', '.join(allowed)}")
    return tuple(dict.fromkeys(values))


def _text(doc: dict[str, Any], key: str, path: Path, limit: int, default: str | None = "") -> str:
    """A string field of at most ``limit`` characters (``default`` None: required, non-empty)."""
    value = doc.get(key, default)
    if default is None and (not isinstance(value, str) or not value.strip()):
        raise LessonError(f"{path.name}: missing {key!r} (a non-empty string)")
    if not isinstance(value, str):
        raise LessonError(f"{path.name}: {key!r} must be a string")
    if len(value) > limit:
        raise LessonError(f"{path.name}: {key!r} is {len(value):,} characters long (at most {limit:,})")
    return value


def _common(doc: dict[str, Any], path: Path) -> dict[str, Any]:
    _text(doc, "id", path, MAX_TITLE_CHARS, None)
    _text(doc, "title", path, MAX_TITLE_CHARS, None)
    text = _text(doc, "text", path, MAX_TEXT_CHARS)
    order = doc.get("order", 100)
    if not isinstance(order, int) or isinstance(order, bool):
        raise LessonError(f"{path.name}: 'order' must be an integer")
    _checked(path, "", lambda d: whole(d["order"], "order", -1_000_000, 1_000_000), {"order": order})
    model, train = dict(_table(doc, "model", path)), _table(doc, "train", path)
    unit_names = model.pop("units_off", [])
    _checked(path, "model", _model_values, model)
    _checked(path, "train", _train_values, train)
    try:
        pace = pace_named(doc.get("pace", DEFAULT_PACE)).key
    except ValueError:
        raise LessonError(
            f"{path.name}: unknown pace {shown(doc.get('pace'))}; choose one of {', '.join(PACE_KEYS)}"
        ) from None
    model_spec = _build(ModelSpec, model, path, "model")
    views = _names(doc, "views", VIEWS, path)
    locked = _names(doc, "locked", LOCK_GROUPS, path)
    hidden = _names(doc, "hidden", LOCK_GROUPS, path)
    data = _data_setup(doc, path)
    points = read_points(data, path)
    _fits_task(model_spec, _task(data, points), path, "[model] kind")
    return {
        "units_off": _units_off(unit_names, model_spec, path),
        "id": doc["id"],
        "title": doc["title"],
        "order": order,
        "path": path,
        "text": text,
        "pace": pace,
        "model": model_spec,
        "views": views,
        "locked": locked,
        "hidden": hidden,
        "data": data,
        "points": points,
        "train": _build(TrainSpec, train, path, "train"),
    }


def _task(data: DataSetup, points: Dataset | None) -> str:
    """The task of the lesson's data: its file's points', else the built-in or real data set's."""
    if points is not None:
        return points.task
    return "classification" if data.dataset in REAL_DATASETS else DATASETS[data.dataset].task


def _fits_task(spec: ModelSpec, task: str, path: Path, field: str) -> None:
    mismatch = task_mismatch(spec.kind, task)
    if mismatch:
        raise LessonError(f"{path.name}: {field} = {spec.kind!r}: {mismatch}")


def _units_off(unit_names: object, spec: ModelSpec, path: Path) -> UnitsOff:
    """[model] units_off = ["h1.3", ...]: hidden units of the model that start switched off."""
    if not isinstance(unit_names, list) or len(unit_names) > MAX_HIDDEN_LAYERS * MAX_NEURONS:
        raise LessonError(f"{path.name}: [model] units_off must be a list of unit names such as 'h1.3'")
    try:
        units = [parse_unit_name(name) for name in unit_names]
    except ValueError as error:
        raise LessonError(f"{path.name}: [model] units_off: {error}") from None
    unknown = [name for name, unit in zip(unit_names, units) if not fits(unit, spec.hidden)]
    if unknown:
        layers = "-".join(map(str, spec.hidden)) or "no hidden layers"
        raise LessonError(f"{path.name}: [model] units_off: the model ({layers}) has no unit {', '.join(unknown)}")
    return frozenset(units)


def _lesson(doc: dict[str, Any], path: Path) -> Lesson:
    if not isinstance(doc.get("compare", []), list):
        raise LessonError(f"{path.name}: 'compare' must be a list")
    compare = tuple(doc.get("compare", ()))
    common = _common(doc, path)
    if len(compare) > MAX_COMPARE_RUNS:
        raise LessonError(f"{path.name}: 'compare' has {len(compare)} runs (at most {MAX_COMPARE_RUNS})")
    for index, run in enumerate(compare):
        if not isinstance(run, dict) or set(run) - {"model", "train", "label"}:
            raise LessonError(
                f"{path.name}: compare entry {index + 1} may only hold 'label', [model] and [train] overrides"
            )
        # two runs may share a label (or have the main run's name): the group calls the second "label (2)"
        _text(run, "label", path, MAX_TITLE_CHARS)
        for key, check in (("model", _model_values), ("train", _train_values)):
            if not isinstance(run.get(key, {}), dict):
                raise LessonError(f"{path.name}: compare entry {index + 1}: {key} must be a table")
            _checked(path, f"compare.{key}", check, run.get(key, {}))
        spec = _build(ModelSpec, {**common["model"].to_dict(), **run.get("model", {})}, path, "compare.model")
        _fits_task(spec, _task(common["data"], common["points"]), path, f"compare entry {index + 1}: [model] kind")
        _build(TrainSpec, {**common["train"].to_dict(), **run.get("train", {})}, path, "compare.train")
    summary = _text(doc, "summary", path, MAX_NOTE_CHARS)
    return Lesson(**common, compare=compare, summary=summary)


def _goal_values(d: dict[str, Any]) -> None:
    for name in ("below", "above"):
        if d.get(name) is not None:
            real(d[name], name, -1e12, 1e12)


def _limit_values(d: dict[str, Any]) -> None:
    if d.get("max_hidden_neurons") is not None:
        whole(d["max_hidden_neurons"], "max_hidden_neurons", 0, MAX_HIDDEN_LAYERS * MAX_NEURONS)
    if d.get("max_hidden_layers") is not None:
        whole(d["max_hidden_layers"], "max_hidden_layers", 0, MAX_HIDDEN_LAYERS)


def _challenge(doc: dict[str, Any], path: Path) -> Challenge:
    goal_values, limit_values = _table(doc, "goal", path), _table(doc, "limits", path)
    _checked(path, "goal", _goal_values, goal_values)
    _checked(path, "limits", _limit_values, limit_values)
    goal = _build(Goal, goal_values, path, "goal")
    if goal.metric not in METRICS:
        raise LessonError(f"{path.name}: [goal] metric must be one of {', '.join(METRICS)}")
    if (goal.below is None) == (goal.above is None):
        raise LessonError(f"{path.name}: [goal] needs exactly one of 'below' or 'above'")
    limits = _build(Limits, limit_values, path, "limits")
    if limits.features not in ("any", "none"):
        raise LessonError(f"{path.name}: [limits] features must be 'any' or 'none'")
    best = doc.get("best", "hidden_neurons")
    if best not in BEST_MEASURES:
        raise LessonError(f"{path.name}: 'best' must be one of {', '.join(BEST_MEASURES)}")
    hint = doc.get("hint", "")
    if not isinstance(hint, str) or not hint.strip():
        raise LessonError(f"{path.name}: a challenge needs a 'hint'")
    _text(doc, "hint", path, MAX_NOTE_CHARS)
    return Challenge(**_common(doc, path), hint=hint, goal=goal, limits=limits, best=best)


def load_file(path: str | os.PathLike[str]) -> Lesson | Challenge:
    """Read one lesson or challenge file; a ``LessonError`` names the file and the problem."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise LessonError(f"{path.name}: is larger than {MAX_FILE_BYTES // 1000} KB, too large for a lesson")
        doc = tomllib.loads(raw.decode("utf-8"))
    except OSError as error:
        raise LessonError(f"{path.name}: cannot be read ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise LessonError(f"{path.name}: is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise LessonError(f"{path.name}: is not valid TOML ({error})") from None
    except RecursionError:  # arrays or tables nested hundreds deep: tomllib recurses once per level
        raise LessonError(f"{path.name}: is nested too deeply to be a lesson") from None
    kind = doc.get("kind")
    if kind == "lesson":
        return _lesson(doc, path)
    if kind == "challenge":
        return _challenge(doc, path)
    raise LessonError(f'{path.name}: \'kind\' must be "lesson" or "challenge", got {kind!r}')


def load_all(directory: str | os.PathLike[str] = LESSON_DIR) -> tuple[list[Lesson], list[Challenge], list[str]]:
    """Every lesson and challenge in ``directory``, each list sorted by order then title,
    and the error messages of the files that could not be used (the others still load)."""
    lessons: list[Lesson] = []
    challenges: list[Challenge] = []
    errors: list[str] = []
    owners: dict[str, Path] = {}  # a menu item opens a lesson by its id: ids must be unique
    for path in sorted(Path(directory).glob("*.toml")):
        try:
            item = load_file(path)
        except LessonError as error:
            errors.append(str(error))
            continue
        if item.id in owners:
            errors.append(
                f"{path.name}: the id {item.id!r} is already used by {owners[item.id].name}; this file is left out"
            )
            continue
        owners[item.id] = path
        if isinstance(item, Lesson):
            lessons.append(item)
        else:
            challenges.append(item)

    def key(item: Lesson | Challenge) -> tuple[int, str]:
        return (item.order, item.title)

    return sorted(lessons, key=key), sorted(challenges, key=key), errors


__all__ = ["LESSON_DIR", "LOCK_GROUPS", "VIEWS", "Challenge", "Lesson", "LessonError", "load_all", "load_file"]
