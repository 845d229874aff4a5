"""Open and save datasets: CSV files and NumPy ``.npz`` archives.

    ds = load_dataset("points.csv")              # or .npz
    loaded = read_dataset("points.csv")          # the same, plus notes for the status bar
    save_dataset_csv(ds, "points.csv")
    save_dataset_npz(ds, "points.npz")

Loading never changes anything: it returns a new ``Dataset`` or raises
``DataFileError`` (a ``ValueError``) whose message names the file, the row and
the column, e.g. ``data.csv, row 7, column 'x2': 'abc' is not a number``;
``OSError`` only when the file cannot be opened at all.

CSV files
---------
* UTF-8 (a byte-order mark is fine; Windows-1252 is accepted as a fallback), or
  UTF-16 as spreadsheets write "Unicode text" (with or without a byte-order mark).
  The delimiter is whichever of ``,`` ``;`` or tab occurs most often in the
  first line (comma on a tie; beside semicolons or tabs, a comma between two
  digits is a decimal comma, not a delimiter). Cells are stripped of spaces;
  blank lines are skipped.
* Decimal commas (``1,5``) are read in files whose columns are separated by
  semicolons or tabs, as spreadsheets in many locales write them; in a
  comma-separated file such a cell is refused with that reason.
* Header: the first row is a header when any of its cells, the last one
  excepted, is not a number. (A row of numbers ending in a word is data
  with a string label.) Header names are matched case-insensitively.
* Label column: the first column named ``label``, else ``class``, else
  ``target``, else ``y``; without such a name (or a header), the last column
  (``is_test`` excepted).
* Test mask: an optional column named ``is_test`` holding 1/0, true/false,
  yes/no or test/train. Without it, a random stratified split of
  ``test_fraction`` (0.2) seeded by ``seed`` (0) is drawn.
* Inputs: every other column. The playground plots two inputs: columns named
  ``x1`` and ``x2`` are used if present, else the first two; further input
  columns are ignored (``read_dataset`` notes which). Every input cell used
  must be a finite number.
* Regression or classification: the labels are regression targets when every
  label is a finite number, the label column is not named ``label``/``class``, and

  - it is named ``target``, or
  - there is only one input column (classification needs two), or
  - there are more than 9 distinct values (the playground's most classes), or
  - it is named ``y`` and some value is not a whole number.

  Otherwise they are class labels: numbers or any strings, at most 9 distinct
  and at least 2. Labels that are exactly the whole numbers 0..K-1 become
  class indices with the default names ("class 1"...); other labels are sorted
  (numerically when they are all numbers) and become the class names.
* Limits: at most 50 MB, 1 000 000 data rows and 1 000 columns (checked before reading everything).

``save_dataset_csv`` writes ``x1[,x2],label,is_test`` for classification
(``label`` is the class index when the classes have their default names,
else the class name) and ``x1[,x2],target,is_test`` for regression, numbers
written to round-trip exactly, so loading the file gives back the same data
(classes without points are not kept, and custom class names may be
renumbered in sorted order, each point keeping its name).

NPZ files
---------
Arrays ``X`` (n_samples, 1 or 2; a wider X uses its first two columns) and
``y`` (n_samples,), optionally ``is_test`` (bool or 0/1), ``task`` (a string)
and ``class_names`` (strings). ``y`` may hold strings (class labels). When
``task`` is absent, a file with ``class_names`` is classification (``y`` then
holds class indices 0..8); otherwise the CSV rules above decide, ``y``
counting as a column named ``y``.
Loaded with ``np.load(allow_pickle=False)`` after the checks of
``model.storage.safe_files.read_npz``: pickled objects are refused, never run.
``save_dataset_npz`` writes exactly these arrays.

Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.data.dataset import MAX_CLASSES, Dataset
from model.storage.safe_files import FileFormatError, FilePath, atomic_write, read_npz, write_npz

#: Files larger than this are refused before being read.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: At most this many rows of data.
MAX_ROWS = 1_000_000
#: At most this many columns (the playground uses two inputs and a label; more is not a dataset for it).
MAX_COLUMNS = 1_000
#: Header names of the label column, in order of preference.
LABEL_NAMES = ("label", "class", "target", "y")
TEST_COLUMN = "is_test"
_TRUE = frozenset({"1", "1.0", "true", "yes", "test", "t", "y"})
_FALSE = frozenset({"0", "0.0", "false", "no", "train", "f", "n"})
_DELIMITERS = (",", ";", "\t")


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


# ----------------------------------------------------------------------------------- loading
def load_dataset(path: FilePath, test_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """Read a CSV or ``.npz`` dataset (see the module docstring for the rules).

    ``test_fraction`` and ``seed`` draw the train/test split when the file has none.
    Raises ``DataFileError`` for a bad file.
    """
    return read_dataset(path, test_fraction, seed).dataset


def read_dataset(path: FilePath, test_fraction: float = 0.2, seed: int = 0) -> LoadedData:
    """Like ``load_dataset``, with notes on what was ignored or inferred."""
    path = os.fspath(path)
    size = os.path.getsize(path)
    if size > MAX_FILE_BYTES:
        raise DataFileError(path, f"is too large ({size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)")
    with open(path, "rb") as f:
        magic = f.read(4)
    if magic == b"PK\x03\x04" or path.lower().endswith(".npz"):
        return _read_npz_dataset(path, test_fraction, seed)
    return _read_csv_dataset(path, test_fraction, seed)


def _number(cell: str) -> float | None:
    """The float a cell holds, or None if it is not a number (NaN and inf count as numbers)."""
    try:
        return float(cell)
    except ValueError:
        return None


#: A number written with a decimal comma, as spreadsheets in many locales write it: 1,5  -0,25  3,0E-2
_DECIMAL_COMMA = re.compile(r"[+-]?(?:\d+,\d*|,\d+)(?:[eE][+-]?\d+)?")


def _number_decimal_comma(cell: str) -> float | None:
    """Like ``_number``, also reading a decimal comma (for files whose columns are not comma-separated)."""
    if _DECIMAL_COMMA.fullmatch(cell):
        return float(cell.replace(",", "."))
    return _number(cell)


def _utf16(raw: bytes) -> str | None:
    """The codec of UTF-16 text (a spreadsheet's "Unicode text"), from its byte-order mark or, without
    one, from the zero bytes every ASCII character brings along on one side; else None."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = raw[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd >= 0.9 * half and even == 0:
        return "utf-16-le"
    if even >= 0.9 * half and odd == 0:
        return "utf-16-be"
    return None


def _decode(path: str, raw: bytes) -> str:
    codec = _utf16(raw)
    if codec is not None:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            raise DataFileError(path, "is not a text file (damaged UTF-16 text)") from None
        if "\x00" in text:
            raise DataFileError(path, "is not a text file (it holds binary data)")
        return text
    if b"\x00" in raw:
        raise DataFileError(path, "is not a text file (it holds binary data)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError(path, "is not a text file (neither UTF-8 nor Windows-1252 text)", row=line) from None


def _delimiter(text: str) -> str:
    first = next((line for line in text[:1_000_000].splitlines() if line.strip()), "")
    counts = [first.count(d) for d in _DELIMITERS]
    if counts[1] or counts[2]:  # with semicolons or tabs, a comma between digits is a decimal comma
        counts[0] = len(_COMMA_IN_NUMBER.sub("", first)) - len(first.replace(",", ""))
    return _DELIMITERS[counts.index(max(counts))]


_COMMA_IN_NUMBER = re.compile(r"(?<=\d),(?=\d)")


def _rows(path: str, text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, stripped cells) of every non-blank CSV record."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            cells = [cell.strip() for cell in record]
            if any(cells):
                yield number, cells
    except csv.Error as exc:
        raise DataFileError(path, f"cannot be read as CSV ({exc})", row=number + 1) from None


def _read_csv_dataset(path: str, test_fraction: float, seed: int) -> LoadedData:
    with open(path, "rb") as f:
        raw = f.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise DataFileError(path, f"is too large (the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)")
    text = _decode(path, raw)
    delimiter = _delimiter(text)
    # Spreadsheets that write decimal commas separate columns with semicolons (or tabs): read 1,5 there.
    to_number = _number if delimiter == "," else _number_decimal_comma
    rows = _rows(path, text, delimiter)
    first = next(rows, None)
    if first is None:
        raise DataFileError(path, "is empty")
    first_number, first_cells = first
    n_columns = len(first_cells)
    if n_columns > MAX_COLUMNS:
        raise DataFileError(
            path, f"has {n_columns:,} columns; the playground reads at most {MAX_COLUMNS:,}", row=first_number
        )
    has_header = any(to_number(cell) is None for cell in first_cells[:-1])
    if has_header:
        names = [cell if cell else str(i + 1) for i, cell in enumerate(first_cells)]
        columns: list[str | int] = list(names)
        data = []
    else:
        names = [""] * n_columns
        columns = list(range(1, n_columns + 1))
        data = [first]
    if n_columns < 2:
        raise DataFileError(path, "needs at least two columns: the inputs and a label", row=first_number)
    for number, cells in rows:
        if len(cells) != n_columns:
            if len(cells) > n_columns and not any(cells[n_columns:]):
                cells = cells[:n_columns]  # trailing empty cells, as spreadsheets write them
            else:
                reference = "the header" if has_header else "the first row"
                raise DataFileError(path, f"has {len(cells)} cells where {reference} has {n_columns}", row=number)
        data.append((number, cells))
        if len(data) > MAX_ROWS:
            raise DataFileError(path, f"has more than {MAX_ROWS:,} rows of data (the limit)", row=number)
    if not data:
        raise DataFileError(path, "has no rows of data")

    lower = [name.lower() for name in names]
    test_col = lower.index(TEST_COLUMN) if TEST_COLUMN in lower else None
    label_col = next((lower.index(n) for n in LABEL_NAMES if n in lower), None)
    if label_col is None:
        label_col = max(i for i in range(n_columns) if i != test_col)
    inputs = [i for i in range(n_columns) if i not in (label_col, test_col)]
    if not inputs:
        raise DataFileError(path, "has no input columns, only a label")
    label_name = lower[label_col] or None
    notes = []

    # Labels first: they decide the task, and the task how many inputs are used.
    label_cells = [cells[label_col] for _, cells in data]
    for (number, _), cell in zip(data, label_cells):
        if not cell:
            raise DataFileError(path, "the label is empty", number, columns[label_col])
    values = [to_number(cell) for cell in label_cells]
    floats = [v for v in values if v is not None]
    numeric = len(floats) == len(values)
    task = "classification"
    if numeric:
        for (number, _), cell, label_value in zip(data, label_cells, floats):
            if not math.isfinite(label_value):
                raise DataFileError(path, f"{cell!r} is not a finite number", number, columns[label_col])
        if _is_regression(label_name, floats, len(inputs)):
            task = "regression"
    elif len(set(label_cells)) > MAX_CLASSES and any(v is not None for v in values):
        # Mostly numbers with a few words: a typo in a numeric column, not 10+ classes.
        number, cell = next((n, c) for (n, _), c, v in zip(data, label_cells, values) if v is None)
        raise DataFileError(path, f"{cell!r} is not a number", number, columns[label_col])

    n_inputs = min(len(inputs), 2)
    if task == "classification" and len(inputs) < 2:
        raise DataFileError(
            path, "classification needs two input columns (x1, x2) and a label column; this file has one input column"
        )
    named = [lower.index(n) for n in ("x1", "x2") if n in lower and lower.index(n) in inputs]
    used = named if len(named) == n_inputs else inputs[:n_inputs]
    ignored = [i for i in inputs if i not in used]
    if ignored:
        shown = [repr(columns[i]) if has_header else str(columns[i]) for i in ignored]
        if len(shown) > 5:  # a status note, not a list of hundreds of names
            shown = shown[:4] + [f"and {len(shown) - 4:,} more"]
        notes.append(
            f"ignored {len(ignored):,} extra input column(s) " + ", ".join(shown) + ": the playground plots two inputs"
        )

    X = np.empty((len(data), n_inputs), dtype=np.float64)
    for r, (number, cells) in enumerate(data):
        for c, col in enumerate(used):
            cell = cells[col]
            v = to_number(cell) if cell else None
            if v is None or not math.isfinite(v):
                problem = (
                    "the cell is empty"
                    if not cell
                    else f"{cell!r} is not a number"
                    if v is None
                    else f"{cell!r} is not a finite number"
                )
                if v is None and cell and _DECIMAL_COMMA.fullmatch(cell):
                    problem += (
                        " (a decimal comma? this file separates its columns with commas; "
                        "save it with semicolons to write decimal commas)"
                    )
                raise DataFileError(path, problem, number, columns[col])
            X[r, c] = v

    is_test = None
    if test_col is not None:
        is_test = np.empty(len(data), dtype=bool)
        for r, (number, cells) in enumerate(data):
            flag = cells[test_col].lower()
            if flag in _TRUE:
                is_test[r] = True
            elif flag in _FALSE:
                is_test[r] = False
            else:
                raise DataFileError(
                    path,
                    f"{cells[test_col]!r} is not a test flag (use 1/0, true/false, yes/no or test/train)",
                    number,
                    columns[test_col],
                )

    class_names: tuple[str, ...]
    if task == "regression":
        y = np.array(floats, dtype=np.float64)
        n_classes, class_names = 1, ()
        notes.append("read as regression: the labels are numeric targets")
    else:
        y, class_names = _classes(path, label_cells, floats if numeric else None, columns[label_col])
        n_classes = len(class_names)
    return LoadedData(_make(path, X, y, is_test, task, n_classes, class_names, test_fraction, seed), tuple(notes))


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
) -> Dataset:
    try:
        if is_test is None:
            return Dataset.from_arrays(
                X,
                y,
                task,
                test_fraction,
                seed,
                n_classes=n_classes,
                class_names=class_names if task == "classification" else None,
            )
        return Dataset(X, y, is_test, task, n_classes, class_names)
    except ValueError as exc:
        raise DataFileError(path, f"does not make a valid dataset ({exc})") from None


def _read_npz_dataset(path: str, test_fraction: float, seed: int) -> LoadedData:
    arrays = read_npz(path, DataFileError, MAX_FILE_BYTES)
    notes = []
    for key in ("X", "y"):
        if key not in arrays:
            raise DataFileError(path, f"has no array {key!r} (a dataset .npz holds X and y)")
    extra = sorted(set(arrays) - {"X", "y", "is_test", "task", "class_names"})
    if extra:
        notes.append(f"ignored the arrays {', '.join(map(repr, extra))}")
    X, y = arrays["X"], arrays["y"]
    if X.dtype.kind not in "iuf" or X.ndim != 2 or X.shape[1] < 1:
        raise DataFileError(
            path,
            f"X must be a numeric array of shape (n_samples, 2), got dtype {X.dtype} and shape {X.shape}",
            column="X",
        )
    if y.ndim != 1 or y.shape[0] != X.shape[0] or y.dtype.kind not in "biufU":
        raise DataFileError(
            path,
            f"y must be a 1-D array with one label per row of X, got dtype {y.dtype} and shape {y.shape}",
            column="y",
        )
    if X.shape[0] == 0:
        raise DataFileError(path, "has no rows of data")
    if X.shape[0] > MAX_ROWS:
        raise DataFileError(path, f"has more than {MAX_ROWS:,} rows of data (the limit)")
    X = X.astype(np.float64)
    bad = np.flatnonzero(~np.isfinite(X).all(axis=1))
    if bad.size:
        raise DataFileError(
            path, f"{X[bad[0]].tolist()} holds a value that is not a finite number", row=int(bad[0]) + 1, column="X"
        )

    task = None
    if "task" in arrays:
        t = arrays["task"]
        task = str(t[()]) if t.shape == () and t.dtype.kind == "U" else None
        if task not in ("classification", "regression"):
            raise DataFileError(path, "task must be 'classification' or 'regression'", column="task")
    names = None
    if "class_names" in arrays:
        c = arrays["class_names"]
        if c.ndim != 1 or c.dtype.kind != "U" or c.shape[0] > MAX_CLASSES:
            raise DataFileError(path, f"class_names must be at most {MAX_CLASSES} strings", column="class_names")
        names = tuple(str(s) for s in c)
    is_test = None
    if "is_test" in arrays:
        m = arrays["is_test"]
        if m.shape != y.shape or m.dtype.kind not in "biu" or not np.isin(m, (0, 1)).all():
            raise DataFileError(path, "is_test must hold one bool (or 0/1) per sample", column="is_test")
        is_test = m.astype(bool)

    if y.dtype.kind == "U":
        if task == "regression":
            raise DataFileError(path, "regression targets must be numbers", column="y")
        labels = [str(s) for s in y]
        y_out, class_names = _classes(path, labels, None, "y")
        task = "classification"
    else:
        values = y.astype(np.float64)
        bad = np.flatnonzero(~np.isfinite(values))
        if bad.size:
            raise DataFileError(path, f"{values[bad[0]]!r} is not a finite number", row=int(bad[0]) + 1, column="y")
        if task is None and names is not None:
            task = "classification"
        elif task is None:
            task = "regression" if _is_regression("y", values.tolist(), min(X.shape[1], 2)) else "classification"
        if task == "regression":
            y_out, class_names = values, ()
        else:
            y_out, class_names = _npz_classes(path, values, names)
    n_features = X.shape[1]
    if task == "classification" and n_features < 2:
        raise DataFileError(path, "classification needs X with two columns", column="X")
    if n_features > 2:
        notes.append(f"used the first two of the {n_features} columns of X")
        X = X[:, :2]
    n_classes = 1 if task == "regression" else max(len(class_names), 2)
    return LoadedData(_make(path, X, y_out, is_test, task, n_classes, class_names, test_fraction, seed), tuple(notes))


def _npz_classes(path: str, values: np.ndarray, names: tuple[str, ...] | None) -> tuple[np.ndarray, tuple[str, ...]]:
    """Class indices and names from numeric labels of an .npz file.

    With ``class_names`` in the file (as ``save_dataset_npz`` writes), y holds
    class indices 0..8 and is taken as it is (one class alone is allowed then);
    labels that are exactly 0..K-1 are indices too; any other numbers are
    labels, sorted and named like CSV labels.
    """
    whole = bool(np.all(values == np.round(values)))
    if names is not None:
        if not whole or values.min() < 0 or values.max() >= MAX_CLASSES:
            raise DataFileError(path, f"with class_names, y must hold class indices 0..{MAX_CLASSES - 1}", column="y")
        return values.astype(np.int64), names
    distinct = np.unique(values)
    if whole and np.array_equal(distinct, np.arange(distinct.size)) and distinct.size >= 2:
        return values.astype(np.int64), _default_names(distinct.size)
    return _classes(path, [repr(v) for v in values.tolist()], values.tolist(), "y")


# ------------------------------------------------------------------------------------ saving
def _default_names(n_classes: int) -> tuple[str, ...]:
    return tuple(f"class {k + 1}" for k in range(n_classes))


def csv_text(ds: Dataset) -> str:
    """The CSV ``save_dataset_csv`` writes, as a string."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    inputs = ["x1", "x2"][: ds.n_features]
    label = "label" if ds.task == "classification" else "target"
    writer.writerow(inputs + [label, TEST_COLUMN])
    if ds.task == "classification" and ds.class_names != _default_names(ds.n_classes):
        labels = [ds.class_names[k] for k in ds.y.tolist()]
    elif ds.task == "classification":
        labels = [str(k) for k in ds.y.tolist()]
    else:
        labels = [repr(v) for v in ds.y.tolist()]
    for row, lab, test in zip(ds.X.tolist(), labels, ds.is_test.tolist()):
        writer.writerow([repr(v) for v in row] + [lab, "1" if test else "0"])
    return buffer.getvalue()


def save_dataset_csv(ds: Dataset, path: FilePath) -> None:
    """Write ``ds`` as UTF-8 CSV with a header ``x1,x2,label,is_test`` (see the module docstring).

    Atomic: an error while writing leaves any previous file at ``path`` intact.
    """
    data = csv_text(ds).encode("utf-8")
    atomic_write(path, lambda f: f.write(data))


def save_dataset_npz(ds: Dataset, path: FilePath) -> None:
    """Write ``ds`` as a ``.npz`` with X, y, is_test, task and class_names (deterministic bytes)."""
    arrays = {
        "X": ds.X,
        "y": ds.y,
        "is_test": ds.is_test,
        "task": np.array(ds.task),
        "class_names": np.array(list(ds.class_names), dtype=str),
    }
    atomic_write(path, lambda f: write_npz(f, arrays))


__all__ = [
    "MAX_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "DataFileError",
    "LoadedData",
    "csv_text",
    "load_dataset",
    "read_dataset",
    "save_dataset_csv",
    "save_dataset_npz",
]
