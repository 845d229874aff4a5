"""Writing a lesson or challenge file: what a teacher made on the screen, in the format the app reads.

``LessonDraft`` holds what the file says (the same values ``model.teaching.lessons`` reads back); ``lesson_text``
turns it into TOML and ``write_lesson`` writes it. Points drawn by hand, edited or read from a file go into a
CSV file beside the lesson (``<name>.csv``, named in ``[data] file``) rather than into the TOML: the CSV is the
app's own data format (``x1,x2,label,is_test``, or one column per feature headed by its name for data of more
than two features; every number written with ``repr``, so it reads back bit for bit), a spreadsheet opens it, and
20 000 points stay well within the lesson file's size limit. ``[data] class_names`` and ``plane`` say the classes'
order and the plane the plot shows (``model.teaching.lesson_points``).

Both are first written as trial files beside the lesson and read back through the lesson reader, so a lesson the
app would refuse, or whose points would read back otherwise than saved, is never written; only then are they
written atomically (``model.storage.atomic_files.atomic_write``), the CSV first, so the lesson never names a file
that is not there. Python's standard library reads TOML but does not write it: the writer here covers the few
value types a lesson holds (strings, numbers, booleans, lists of them, tables).
"""

from __future__ import annotations

import math
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from model.data.csv_data_files import MAX_FEATURES, save_dataset_csv
from model.data.dataset import Dataset
from model.data.generators import DATASETS
from model.data.real_datasets import REAL_DATASETS
from model.nn.units_off import NONE_OFF, UnitsOff, names
from model.storage.atomic_files import ReadOnlyFile, atomic_write, is_read_only
from model.teaching.lesson_content import DATA_FILE_SUFFIX, MAX_FILE_BYTES, DataSetup, Goal, LessonError, Limits
from model.teaching.lesson_points import plane_text
from model.teaching.lessons import load_file
from model.training.pace import DEFAULT_PACE
from model.training.specs import ModelSpec, TrainSpec


@dataclass(frozen=True)
class LessonDraft:
    """A lesson (``goal`` None) or a challenge (``goal`` set, with ``limits``, ``best`` and a ``hint``).

    points : the data when it was drawn or read from a file (written beside the lesson); None when ``data``
        regenerates it.
    order, compare : where the lesson stands in the menu and its side-by-side runs (as ``Lesson`` has them):
        kept when a lesson is saved again.
    """

    title: str
    text: str
    data: DataSetup
    model: ModelSpec
    train: TrainSpec
    pace: str = DEFAULT_PACE
    views: tuple[str, ...] = ()
    locked: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    summary: str = ""
    goal: Goal | None = None
    limits: Limits = field(default_factory=Limits)
    best: str = "hidden_neurons"
    hint: str = ""
    units_off: UnitsOff = NONE_OFF  # hidden units switched off, as (layer, unit) pairs
    points: Dataset | None = field(default=None, compare=False)
    order: int = 100
    compare: tuple[dict[str, Any], ...] = ()

    @property
    def kind(self) -> str:
        return "lesson" if self.goal is None else "challenge"


def lesson_id(title: str) -> str:
    """A readable id from the title: "Two moons, 3 neurons" -> "two-moons-3-neurons"."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:60] or "lesson"


# -- TOML ------------------------------------------------------------------------------------------
def compared_run(
    model: ModelSpec, train: TrainSpec, run_model: ModelSpec, run_train: TrainSpec, label: str = ""
) -> dict[str, Any]:
    """A side-by-side run as a lesson's ``compare`` holds it: the settings in which it differs from the lesson's
    ``model`` and ``train`` (lesson 5's ``{ label = "η 30", train = { learning_rate = 30.0 } }``), and its label.

    A setting a run leaves unset (None: a full batch) where the lesson sets one cannot be written (TOML has no
    null): the run then takes the lesson's."""
    run: dict[str, Any] = {"label": label} if label else {}
    for key, mine, theirs in (
        ("model", run_model.to_dict(), model.to_dict()),
        ("train", run_train.to_dict(), train.to_dict()),
    ):
        differ = {k: v for k, v in mine.items() if v != theirs.get(k) and v is not None}
        if differ:
            run[key] = differ
    return run


def _string(text: str, multiline: bool = False) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped (line breaks kept in a
    multi-line one)."""
    out = []
    for ch in text:
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\n" if multiline else "\\n")
        elif ch == "\t":
            out.append("\t" if multiline else "\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _multiline(text: str) -> str:
    """A TOML multi-line basic string, so a lesson's Markdown reads as it was typed in the file."""
    return '"""\n' + _string(text, multiline=True)[1:-1] + '"""'


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)  # the shortest text that reads back as the same float
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):  # an inline table, e.g. a side-by-side run
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"a lesson holds no {type(value).__name__} value")


def _key(key: str) -> str:
    """A TOML key: bare when it may be, else quoted."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _string(key)


def _table(name: str, values: dict[str, Any]) -> list[str]:
    """``[name]`` and its keys; None values are left out (TOML has no null; the reader's default is None)."""
    return [f"[{name}]"] + [f"{key} = {_value(v)}" for key, v in values.items() if v is not None] + [""]


def lesson_text(draft: LessonDraft, data_file: str | None = None) -> str:
    """The lesson file's TOML. ``data_file``: the CSV beside it holding ``draft.points``."""
    lines = [
        f"kind = {_string(draft.kind)}",
        f"id = {_string(lesson_id(draft.title))}",
        f"order = {draft.order}",
        f"title = {_string(draft.title)}",
    ]
    if draft.summary:
        lines.append(f"summary = {_string(draft.summary)}")
    lines += [
        f"pace = {_string(draft.pace)}",
        f"views = {_value(list(draft.views))}",
        f"locked = {_value(list(draft.locked))}",
        f"hidden = {_value(list(draft.hidden))}",
    ]
    if draft.goal is not None:
        lines += [f"best = {_string(draft.best)}", f"hint = {_string(draft.hint)}"]
    elif draft.compare:
        lines += ["compare = ["] + [f"  {_value(run)}," for run in draft.compare] + ["]"]
    lines += [f"text = {_multiline(draft.text)}", ""]  # before the first table: keys after one belong to it
    keys: tuple[str, ...] = ("dataset", "n_samples", "noise", "seed", "classes", "test_fraction")
    if draft.data.dataset in REAL_DATASETS:  # a real data set is its name, seed and split (its size is its own)
        keys = ("dataset", "seed", "test_fraction")
    elif draft.data.dataset in DATASETS and DATASETS[draft.data.dataset].task == "regression":
        keys = tuple(k for k in keys if k != "classes")  # a regression's points have no classes
    if data_file is not None:
        # the points are the file's: a generator's name, size, noise and classes would be read as theirs by a
        # teacher opening the lesson (the reader's defaults stand for them, and older files that name them open)
        keys = ("seed", "test_fraction")
    data = {k: getattr(draft.data, k) for k in keys}
    lines += _table("data", {**data, "file": data_file, "class_names": list(draft.data.class_names) or None})
    if draft.data.plane is not None:  # the table's last line: a plane is a string or a list
        lines.insert(len(lines) - 1, f"plane = {plane_text(draft.data.plane)}")
    lines += _table("model", {**draft.model.to_dict(), "units_off": names(draft.units_off) or None})
    lines += _table("train", draft.train.to_dict())
    if draft.goal is not None:
        lines += _table("goal", {"metric": draft.goal.metric, "below": draft.goal.below, "above": draft.goal.above})
        limits = draft.limits
        lines += _table(
            "limits",
            {
                "max_hidden_neurons": limits.max_hidden_neurons,
                "max_hidden_layers": limits.max_hidden_layers,
                "features": limits.features,
                "dataset": limits.dataset,
                "model_kind": limits.model_kind,
            },
        )
    return "\n".join(lines)


def data_file_name(path: str | os.PathLike[str]) -> str:
    """The CSV beside a lesson file: ``my-lesson.toml`` -> ``my-lesson.csv``."""
    return Path(path).with_suffix(DATA_FILE_SUFFIX).name


def points_refusal(points: Dataset | None) -> str:
    """Why ``points`` cannot go into a lesson's data file ("" when they can): the CSV reader reads at most
    ``MAX_FEATURES`` input features."""
    if points is None or points.n_features <= MAX_FEATURES:
        return ""
    return (
        f"These points have {points.n_features} input features; a lesson's data file holds points of at most "
        f"{MAX_FEATURES}."
    )


def points_difference(saved: Dataset, read: Dataset) -> str:
    """What differs between points saved and the points read back ("" when nothing does): the inputs, labels and
    split bit for bit, the classes' names and, for data of more than two features, the features' names and plane
    (data of two is written as x1, x2 and shown as it is)."""
    if saved.X.shape != read.X.shape or saved.X.tobytes() != read.X.tobytes():
        return "the input values"
    if not np.array_equal(saved.y, read.y) or saved.y.dtype != read.y.dtype:
        return "the labels"
    if not np.array_equal(saved.is_test, read.is_test):
        return "the train/test split"
    if saved.class_names != read.class_names:
        return f"the class names ({', '.join(saved.class_names)} read back as {', '.join(read.class_names)})"
    if saved.n_features > 2 and saved.feature_names != read.feature_names:
        return "the feature names (each must be a different, non-blank name that is not a label column's)"
    if saved.view_plane != read.view_plane:
        return "the plane shown"
    return ""


class DataFileTaken(LessonError):
    """The CSV file a lesson would keep its points in is there already and is not that lesson's own."""


def data_file_taken(path: str | os.PathLike[str]) -> str:
    """The name of the file beside the lesson ``path`` its points would be written over when that file is not the
    data file of the lesson at ``path`` already ("" when there is none): a teacher's own ``moons.csv`` is not
    replaced by the points of a lesson saved as ``moons.toml`` without asking."""
    path = Path(path)
    name = data_file_name(path)
    if not (path.parent / name).exists():
        return ""
    try:
        with open(path, "rb") as f:
            data = tomllib.loads(f.read(MAX_FILE_BYTES).decode("utf-8")).get("data", {})
        if isinstance(data, dict) and data.get("file") == name:
            return ""  # the lesson saved there before: its own points are replaced
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        pass
    return name


def write_lesson(draft: LessonDraft, path: str | os.PathLike[str], replace_data_file: bool = False) -> Path:
    """Writes the lesson (and its points beside it) to ``path``; returns the path.

    A ``LessonError`` (nothing written) if the reader would refuse what was made, e.g. a text too long, or read
    the points back otherwise than they are; a ``DataFileTaken`` if the points would replace a file that is not
    the lesson's own (``data_file_taken``) unless ``replace_data_file``; an ``OSError`` if the folder cannot be
    written (``ReadOnlyFile`` if the lesson is read-only; a read-only points file is a ``LessonError``).
    """
    path = Path(path)
    refusal = points_refusal(draft.points)
    if refusal:  # before anything is written
        raise LessonError(f"{path.name}: {refusal}")
    data_file = None
    if draft.points is not None:
        data_file = data_file_name(path)
        if data_file == path.name:
            raise LessonError(f"{path.name}: a lesson file needs a name ending in .toml")
        if not replace_data_file and data_file_taken(path):
            raise DataFileTaken(f"{path.name}: {data_file} is already there beside it and is not this lesson's")
    # a read-only lesson is refused before its points beside it are written: the person protected that version
    if is_read_only(path):
        raise ReadOnlyFile(str(path))
    if data_file is not None and is_read_only(path.parent / data_file):
        raise LessonError(f"{path.name}: its points file {data_file} is read-only")
    _check_by_reading_back(draft, path)
    if draft.points is not None and data_file is not None:
        save_dataset_csv(draft.points, path.parent / data_file)
    data = lesson_text(draft, data_file).encode("utf-8")
    atomic_write(path, lambda f: f.write(data))
    return path


def _check_by_reading_back(draft: LessonDraft, path: Path) -> None:
    """Writes the lesson and its points as trial files beside ``path`` (so the data file is found where the
    lesson will look), reads them back and removes them; a ``LessonError`` names ``path`` if the reader refuses
    them or reads the points otherwise than ``draft`` holds them."""
    fd, trial = tempfile.mkstemp(prefix=".lesson-check-", suffix=".toml", dir=path.parent)
    os.close(fd)
    trial_path = Path(trial)
    trial_data = trial_path.with_suffix(DATA_FILE_SUFFIX) if draft.points is not None else None
    try:
        if draft.points is not None and trial_data is not None:
            save_dataset_csv(draft.points, trial_data)
        trial_path.write_text(lesson_text(draft, trial_data.name if trial_data else None), encoding="utf-8")
        try:
            read = load_file(trial_path)
        except LessonError as error:
            message = str(error).replace(trial_path.name, path.name, 1)
            if trial_data is not None:
                message = message.replace(trial_data.name, data_file_name(path))
            raise LessonError(message) from None
    finally:
        trial_path.unlink(missing_ok=True)
        if trial_data is not None:
            trial_data.unlink(missing_ok=True)
    if draft.points is not None and read.points is not None:
        different = points_difference(draft.points, read.points)
        if different:
            raise LessonError(f"{path.name}: the points would not read back as they are: {different} would differ")


__all__ = [
    "DataFileTaken",
    "LessonDraft",
    "data_file_name",
    "data_file_taken",
    "lesson_id",
    "lesson_text",
    "points_difference",
    "points_refusal",
    "write_lesson",
]
