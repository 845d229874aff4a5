"""What CSV and ``.npz`` dataset files share: their limits, their error, the label rules and the Dataset made.

``model.data.data_files`` documents the formats; this module holds the parts both readers apply: the size limits,
``DataFileError`` (the file, row and column of a problem), ``LoadedData``, and the rules that tell regression
targets from class labels and turn labels into class indices and names.

Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Collection, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.data.dataset import MAX_CLASSES, MAX_NAME_CHARS, Dataset
from model.data.dataset_arrays import name_too_long
from model.data.train_test_split import split_mask
from model.storage.safe_files import FileFormatError, FilePath

#: Files larger than this are refused before being read.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: At most this many rows of data.
MAX_ROWS = 1_000_000
#: At most this many columns (checked before the rest is read; at most ``MAX_FEATURES`` of them are used as inputs).
MAX_COLUMNS = 1_000
#: The data read is at most this large as the app holds it (and a session file keeps it): 8 bytes for each input
#: value, 8 for a row's label and 1 for its test flag (``data_bytes``). A CSV file of ``MAX_FILE_BYTES`` gives at
#: most 210 MB (260 000 rows of 100 one-digit inputs and a one-digit label): only an ``.npz`` file of small integers
#: (one byte each in the file) can give more. A session's size limit is derived from it
#: (``model.storage.session_files.MAX_SESSION_BYTES``), so that the data the app opens, its sessions keep.
MAX_DATA_BYTES = 250_000_000
#: The largest size a feature or a regression target may have: the network computes in 32-bit floats (the app's
#: default), whose finite numbers end here; a value beyond it becomes infinite there, and training diverges at its
#: first epoch whatever the learning rate.
MAX_VALUE = float(np.finfo(np.float32).max)
#: Items handled by one C call over a column (``float`` mapped, a set built, a lookup mapped): a few milliseconds
#: at most. A file is read in a worker thread, and one C call over a million cells holds the GIL, so stops the
#: GUI thread, for 50-100 ms.
SLICE = 20_000


def slices(n: int) -> Iterator[slice]:
    """``slice``s of at most ``SLICE`` items covering ``range(n)``."""
    for start in range(0, n, SLICE):
        yield slice(start, min(start + SLICE, n))


def distinct(items: Sequence[Hashable]) -> set[Any]:
    """The different items of a column (the set built a slice at a time)."""
    found: set[Any] = set()
    for part in slices(len(items)):
        found.update(items[part])
    return found


def mapped(items: Sequence[Hashable], table: Mapping[Any, Any], dtype: type) -> np.ndarray:
    """``table[item]`` for every item, as an array of ``dtype`` (a slice at a time)."""
    pieces: list[np.ndarray] = [np.empty(0, dtype=dtype)]
    for part in slices(len(items)):
        piece = items[part]
        pieces.append(np.fromiter(map(table.__getitem__, piece), dtype, count=len(piece)))
    return joined(pieces)


def joined(pieces: list[np.ndarray]) -> np.ndarray:
    """The pieces one after the other, joined in one call. Not written into a whole array slice by slice: NumPy
    lets the GIL go for each copy and takes it back at once, and a thread waiting for the GIL (the GUI thread)
    starts its wait afresh each time, so it waited for the whole column (200-400 ms for a million cells)."""
    return np.concatenate(pieces)


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


def data_bytes(n_rows: int, n_features: int) -> int:
    """The bytes of data of ``n_rows`` rows of ``n_features`` inputs as a ``Dataset`` (and a session) holds them:
    float64 inputs, an int64 class or float64 target and a bool test flag a row."""
    return n_rows * (8 * n_features + 8 + 1)


def check_data_bytes(path: str, n_rows: int, n_features: int, column: str | None = None) -> None:
    """A ``DataFileError`` (naming ``column``, an .npz file's array) for data larger than ``MAX_DATA_BYTES`` as the
    app holds it (its sessions could not be opened again). Asked before the inputs are converted to the app's
    numbers: it needs only their count."""
    size = data_bytes(n_rows, n_features)
    if size > MAX_DATA_BYTES:
        raise DataFileError(
            path,
            f"holds {n_rows:,} rows of {n_features} inputs: {size / 1e6:,.0f} MB as the app keeps them (8 bytes a "
            f"number), more than the {MAX_DATA_BYTES / 1e6:,.0f} MB a session can hold; use fewer rows or columns",
            column=column,
        )


def beyond_float32(values: np.ndarray) -> np.ndarray:
    """The indices of the (finite) ``values`` larger in size than ``MAX_VALUE``."""
    return np.flatnonzero(np.abs(values) > MAX_VALUE)


def beyond_float32_problem(cell: str) -> str:
    """What is wrong with a number no 32-bit float holds, in words."""
    return (
        f"{cell} is too large: the network computes with 32-bit floats, whose numbers end at ±{MAX_VALUE:.3g} "
        "(rescale the column, e.g. to other units)"
    )


class ReadCancelled(Exception):
    """A read stopped because its caller's ``cancelled()`` said so: nothing was read (not a bad file)."""


@dataclass(frozen=True)
class LoadedData:
    """A dataset read from a file, with short notes on how it was read (for a status bar).

    dataset : Dataset
    notes : tuple of str, e.g. "ignored the extra input columns 'x3'"
    """

    dataset: Dataset
    notes: tuple[str, ...] = ()


def _is_regression(label_name: str | None, values: Sequence[float] | np.ndarray, n_inputs: int) -> bool:
    """The module docstring's rule, for labels that are all finite numbers."""
    if label_name in ("label", "class"):
        return False
    array = np.asarray(values, dtype=np.float64)  # in C: a file may hold a million labels
    whole = bool(np.all(array == np.floor(array)))
    return (
        label_name == "target" or n_inputs == 1 or _more_than(array, MAX_CLASSES) or (label_name == "y" and not whole)
    )


def _more_than(values: np.ndarray, count: int) -> bool:
    """Whether ``values`` holds more than ``count`` different numbers (looked at a slice at a time: it stops early)."""
    seen: set[float] = set()
    for part in slices(values.size):
        seen.update(np.unique(values[part]).tolist())
        if len(seen) > count:
            return True
    return False


def _classes(
    path: str,
    cells: Sequence[str],
    values: Sequence[float] | None,
    column: str | int,
    rows: np.ndarray | None = None,
) -> tuple[np.ndarray, tuple[str, ...]]:
    """Class indices and names from label cells (``values``: their numbers, or None for strings; ``rows``: the
    row of the file each cell is in, 1, 2, 3... by default).

    The names are the labels as written (numbers as plain numbers: 1.0 is "1"), in the order a person would list
    them: numbers by value, words alphabetically with the numbers in them by value ("class 2" before "class 10").
    So labels 0..9 are the classes "0".."9" (digits), labels 1..K the classes "1".."K", each class k the k-th.
    """
    keys: Sequence[Any] = values if values is not None else cells
    different = sorted(distinct(keys), key=None if values is not None else natural_order)
    if len(different) > MAX_CLASSES:
        raise DataFileError(
            path,
            f"has {len(different)} different labels; the playground supports at most {MAX_CLASSES} classes",
            column=column,
        )
    if len(different) < 2:
        raise DataFileError(
            path, f"has only one class (label {cells[0]!r}); classification needs at least two", column=column
        )
    index = {key: k for k, key in enumerate(different)}
    y = mapped(keys, index, np.int64)
    names = tuple(number_name(v) for v in different) if values is not None else tuple(different)
    check_class_names(path, names, y, column, rows)
    return y, names


def check_class_names(
    path: str, names: Sequence[str], y: np.ndarray, column: str | int, rows: np.ndarray | None = None
) -> None:
    """A ``DataFileError`` naming the first row of a class whose name (a label) is longer than ``MAX_NAME_CHARS``:
    the app could hold such data, but no session of it would open again."""
    too_long = [k for k, name in enumerate(names) if len(name) > MAX_NAME_CHARS]
    if too_long:
        r = int(np.flatnonzero(np.isin(y, too_long))[0])
        name = names[int(y[r])]
        row = int(rows[r]) if rows is not None else r + 1
        raise DataFileError(path, "the class name " + name_too_long(name), row, column)


def check_feature_name(path: str, name: str, column: str | int) -> None:
    """A ``DataFileError`` for a feature whose name (a header's cell) is longer than ``MAX_NAME_CHARS``."""
    if len(name) > MAX_NAME_CHARS:
        raise DataFileError(path, "the feature name " + name_too_long(name), column=column)


def number_name(value: float) -> str:
    """A numeric label as a class name: a whole number without its ".0", any other as Python writes it."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


_DIGIT_RUNS = re.compile(r"([0-9]+)")


def natural_order(label: str) -> tuple[list[Any], str]:
    """Sort key of a word label: its runs of digits compared as numbers (by length without leading zeros, then
    digit by digit: no run is too long), the rest regardless of case; the label itself decides between labels
    equal that way ("a01" and "a1")."""
    parts = _DIGIT_RUNS.split(label)  # text, digits, text, ...: a text part always faces a text part
    return [(len(p.lstrip("0")), p.lstrip("0")) if i % 2 else p.casefold() for i, p in enumerate(parts)], label


def labels_read_as(labels: Collection[str]) -> tuple[str, ...] | None:
    """The class names, in class order, that a label column holding exactly these different cells reads as (see
    ``_classes``); None when it would not read as classes at all (a label "nan" is not a finite number)."""
    try:
        values = [float(label) for label in labels]
    except ValueError:
        return tuple(sorted(set(labels), key=natural_order))
    if not all(math.isfinite(v) for v in values):
        return None
    return tuple(number_name(v) for v in sorted(set(values)))


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
    target_name: str = "",
) -> Dataset:
    try:
        if is_test is None:
            # the split Dataset.from_arrays draws, without building a Dataset only to take its mask: with a million
            # points each build checks and copies the arrays, a pause of the GUI thread too (it waits for the GIL)
            is_test = split_mask(y, task, test_fraction, seed)
        names = class_names if task == "classification" else ()
        return Dataset(X, y, is_test, task, n_classes, names, feature_names, target_name=target_name)
    except ValueError as exc:
        raise DataFileError(path, f"does not make a valid dataset ({exc})") from None
