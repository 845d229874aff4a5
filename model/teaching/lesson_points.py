"""A lesson's own points and how the plot shows them: ``[data] file``, ``class_names`` and ``plane``.

Points drawn by hand, edited or read from a file are kept in a CSV file beside the lesson, in the app's own data
format (``model.data.csv_data_files``: one column per input feature, headed by the feature's name, then the label
and ``is_test``), read with the same reader and checks as File ▸ Open data. Two more ``[data]`` keys make the
points read back exactly as they were saved:

* ``class_names = ["malignant", "benign"]``: the classes in their order, those without points too (the app's CSV
  keeps the order of the classes with points; a CSV from elsewhere has them sorted). Each class read is matched by
  its name, else by its number; a class without points keeps its place.
* ``plane = "pca"`` or ``plane = ["flavanoids", "color_intensity"]``: which plane the plot shows of data with more
  than two features (``model.data.view_plane``): its first two principal components, or two features named as
  the data names them (across, then up). It applies to the points of the file and to a real data set alike.

Every function here raises a ``LessonError`` naming the lesson file and the field, or (``view_plane_of``) a
``ValueError`` saying what is wrong. Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from model.data.data_files import read_dataset
from model.data.dataset import MAX_CLASSES, MAX_NAME_CHARS, Dataset
from model.data.view_plane import ViewPlane
from model.storage.value_checks import shown
from model.teaching.lesson_content import DATA_FILE_SUFFIX, MAX_POINTS, DataSetup, LessonError

#: ``[data] plane``: "pca", or the names of two features (across, up).
PlaneSetting = str | tuple[str, str]


def plane_setting(value: Any, path: Path) -> PlaneSetting:
    """``[data] plane`` as the file says it, checked for its form (the names are checked against the data)."""
    if value == "pca":
        return "pca"
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(name, str) and name.strip() and len(name) <= MAX_NAME_CHARS for name in value)
        and value[0] != value[1]
    ):
        return (value[0], value[1])
    raise LessonError(
        f'{path.name}: [data] plane = {shown(value)} is neither "pca" nor the names of two different features, '
        'e.g. ["flavanoids", "color_intensity"]'
    )


def class_names_setting(value: Any, path: Path) -> tuple[str, ...]:
    """``[data] class_names`` as the file says it: 2 to ``MAX_CLASSES`` different, non-empty names."""
    if (
        not isinstance(value, list)
        or not 2 <= len(value) <= MAX_CLASSES
        or not all(isinstance(name, str) and name.strip() and len(name) <= MAX_NAME_CHARS for name in value)
        or len(set(value)) != len(value)
    ):
        raise LessonError(
            f"{path.name}: [data] class_names = {shown(value)} is not a list of 2 to {MAX_CLASSES} different names "
            f"(of at most {MAX_NAME_CHARS} characters each)"
        )
    return tuple(value)


def plane_text(setting: PlaneSetting) -> str:
    """A plane setting as the file writes it: "pca" or ["a", "b"]."""
    return '"pca"' if setting == "pca" else "[" + ", ".join(f'"{name}"' for name in setting) + "]"


def view_plane_of(setting: PlaneSetting, feature_names: tuple[str, ...]) -> ViewPlane:
    """The ``ViewPlane`` a plane setting names in data of these features; ValueError if it names none."""
    if len(feature_names) <= 2:
        raise ValueError(f"the data has {len(feature_names)} features: it is shown as it is, on no other plane")
    if setting == "pca":
        return ViewPlane.pca()
    missing = [name for name in setting if name not in feature_names]
    if missing:
        raise ValueError(
            f"{', '.join(map(repr, missing))} is not a feature of the data; its features: {', '.join(feature_names)}"
        )
    return ViewPlane.of_features(feature_names.index(setting[0]), feature_names.index(setting[1]))


def plane_setting_of(plane: ViewPlane | None, feature_names: tuple[str, ...]) -> PlaneSetting | None:
    """What ``[data] plane`` says for ``plane`` shown of data with these features (None: no plane to say)."""
    if plane is None:
        return None
    if plane.kind == "pca":
        return "pca"
    i, j = plane.features
    return (feature_names[i], feature_names[j])


def _class_index(name: str, k: int, read: tuple[str, ...], wanted: tuple[str, ...]) -> int | None:
    """Where class ``k`` read from the CSV (named ``name``) belongs among ``wanted``; None: nowhere."""
    if name in wanted:
        return wanted.index(name)
    if read == tuple(f"class {n + 1}" for n in range(len(read))):
        number = k  # the CSV named its classes "class 1".."class K", as the app names classes by default
    elif name.isdigit():
        number = int(name)  # a class number 0..K-1 (as files of older versions wrote them), some without points
    else:
        return None
    return number if number < len(wanted) else None


def with_class_names(points: Dataset, names: tuple[str, ...], where: str) -> Dataset:
    """``points`` with their classes numbered and named as ``names`` say; a ``LessonError`` (``where`` names the
    file and field) for a class ``names`` does not hold."""
    if points.task != "classification":
        raise LessonError(f"{where}: the data file holds regression targets, not classes")
    order = [_class_index(name, k, points.class_names, names) for k, name in enumerate(points.class_names)]
    unplaced = [name for name, index in zip(points.class_names, order) if index is None]
    if unplaced or len(set(order)) != len(order):
        raise LessonError(
            f"{where} {list(names)} does not name the data file's class(es) {', '.join(map(repr, unplaced or names))}"
        )
    y = np.asarray(order, dtype=np.int64)[points.y]
    return Dataset(
        points.X,
        y,
        points.is_test,
        points.task,
        len(names),
        names,
        points.feature_names,
        points.description,
        target_name=points.target_name,
    )


def read_points(setup: DataSetup, path: Path) -> Dataset | None:
    """The points of ``[data] file``: a CSV file in the lesson's own folder (a lesson is handed on as a folder,
    and a file may only read what was handed on with it, never ``../../home/...``), with ``class_names`` and
    ``plane`` applied. None when the lesson names no file."""
    name = setup.file
    if name is None:
        if setup.class_names:
            raise LessonError(f"{path.name}: [data] class_names name the classes of a [data] file; there is none")
        return None
    folder = path.parent.resolve()
    target = (path.parent / name).resolve()
    if Path(name).is_absolute() or not target.is_relative_to(folder):
        raise LessonError(f"{path.name}: [data] file {name!r} lies outside the lesson's folder; name a file beside it")
    if not name.lower().endswith(DATA_FILE_SUFFIX):
        raise LessonError(f"{path.name}: [data] file {name!r} is not a {DATA_FILE_SUFFIX} file")
    if not target.is_file():
        raise LessonError(f"{path.name}: [data] file {name!r} is not there beside the lesson")
    try:
        points = read_dataset(target, test_fraction=setup.test_fraction, seed=setup.seed).dataset
    except (ValueError, OSError) as error:
        raise LessonError(f"{path.name}: [data] file {name!r} cannot be used: {error}") from None
    if points.n_samples > MAX_POINTS:
        raise LessonError(
            f"{path.name}: [data] file {name!r} holds {points.n_samples:,} points (at most {MAX_POINTS:,})"
        )
    if setup.class_names:
        points = with_class_names(points, setup.class_names, f"{path.name}: [data] class_names")
    if setup.plane is not None:
        try:
            points = points.with_view_plane(view_plane_of(setup.plane, points.feature_names))
        except ValueError as error:
            raise LessonError(f"{path.name}: [data] plane {plane_text(setup.plane)}: {error}") from None
    return points


__all__ = [
    "PlaneSetting",
    "class_names_setting",
    "plane_setting",
    "plane_setting_of",
    "plane_text",
    "read_points",
    "view_plane_of",
    "with_class_names",
]
