"""What CSV and ``.npz`` dataset files share: their limits, their error, the label rules and the Dataset made.

``model.data.data_files`` documents the formats; this module holds the parts both readers apply: the size limits,
``DataFileError`` (the file, row and column of a problem), ``LoadedData``, and the rules that tell regression
targets from class labels and turn labels into class indices and names.

Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.data.dataset import MAX_CLASSES, Dataset
from model.storage.safe_files import FileFormatError, FilePath

#: Files larger than this are refused before being read.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: At most this many rows of data.
MAX_ROWS = 1_000_000
#: At most this many columns (checked before the rest is read; at most ``MAX_FEATURES`` of them are used as inputs).
MAX_COLUMNS = 1_000
#: A feature's or a class's name read from an .npz file is at most this long (as in a session file).
MAX_NAME_CHARS = 200


class DataFileError(FileFormatError):
    """A data file that cannot be opened as a dataset.

    ``str(error)`` reads like ``data.csv, row 7, column 'x2': 'abc' is not a number``.

    Attributes
    ----------
    path : str
    problem : str, the message after the location
    row : int or None, 1-based row of the file as a spreadsheet numbers it (the header is row 1)
        (for .npz files: the 1-based sample number)
    column : str, int or None, the column's header name, else its 1-based number
        (for .npz files: the array's name)
    """

    def __init__(self, path: FilePath, problem: str, row: int | None = None, column: str | int | None = None):
        self.path = os.fspath(path)
        self.problem = problem
        self.row = row
        self.column = column
        where = os.path.basename(self.path) or self.path
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column {column!r}" if isinstance(column, str) else f", column {column}"
        ValueError.__init__(self, f"{where}: {problem}")


@dataclass(frozen=True)
class LoadedData:
    """A dataset read from a file, with short notes on how it was read (for a status bar).

    dataset : Dataset
    notes : tuple of str, e.g. "ignored the extra input columns 'x3'"
    """

    dataset: Dataset
    notes: tuple[str, ...] = ()


def _is_regression(label_name: str | None, values: Sequence[float], n_inputs: int) -> bool:
    """The module docstring's rule, for labels that are all finite numbers."""
    if label_name in ("label", "class"):
        return False
    whole = all(float(v).is_integer() for v in values)
    return (
        label_name == "target" or n_inputs == 1 or len(set(values)) > MAX_CLASSES or (label_name == "y" and not whole)
    )


def _classes(
    path: str, cells: Sequence[str], values: Sequence[float] | None, column: str | int
) -> tuple[np.ndarray, tuple[str, ...]]:
    """Class indices and names from label cells (``values``: their numbers, or None for strings)."""
    keys: Sequence[Any] = values if values is not None else cells
    distinct = sorted(set(keys))
    if len(distinct) > MAX_CLASSES:
        raise DataFileError(
            path,
            f"has {len(distinct)} different labels; the playground supports at most {MAX_CLASSES} classes",
            column=column,
        )
    if len(distinct) < 2:
        raise DataFileError(
            path, f"has only one class (label {cells[0]!r}); classification needs at least two", column=column
        )
    index = {key: k for k, key in enumerate(distinct)}
    y = np.array([index[key] for key in keys], dtype=np.int64)
    if values is not None and distinct == list(range(len(distinct))):
        return y, tuple(f"class {k + 1}" for k in range(len(distinct)))
    if values is not None:
        names = tuple(str(int(v)) if float(v).is_integer() else repr(float(v)) for v in distinct)
    else:
        names = tuple(distinct)
    return y, names


def _make(
    path: str,
    X: np.ndarray,
    y: np.ndarray,
    is_test: np.ndarray | None,
    task: str,
    n_classes: int,
    class_names: tuple[str, ...],
    test_fraction: float,
    seed: int,
    feature_names: tuple[str, ...] = (),
) -> Dataset:
    try:
        if is_test is None:
            ds = Dataset.from_arrays(
                X,
                y,
                task,
                test_fraction,
                seed,
                n_classes=n_classes,
                class_names=class_names if task == "classification" else None,
            )
            is_test, n_classes, class_names = ds.is_test, ds.n_classes, ds.class_names
        return Dataset(X, y, is_test, task, n_classes, class_names, feature_names)
    except ValueError as exc:
        raise DataFileError(path, f"does not make a valid dataset ({exc})") from None


def _default_names(n_classes: int) -> tuple[str, ...]:
    return tuple(f"class {k + 1}" for k in range(n_classes))
