"""Read and write CSV dataset files (the rules are in ``model.data.data_files``'s docstring).

Reading decodes the bytes (UTF-8, UTF-16, Windows-1252), finds the delimiter and a decimal comma, finds the
header, label and test columns, and checks every cell used; writing gives numbers that round-trip exactly.

Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
from collections.abc import Callable, Iterator

import numpy as np

from model.data.csv_columns import (
    LABEL_NAMES,
    ROW_NUMBER_NAMES,
    numbers_rows,
    row_number_columns,
    unnamed_label,
    word_classes_beside_y,
    word_classes_label,
)
from model.data.csv_table import check_cancelled, floats, read_table
from model.data.data_file_common import (
    MAX_FILE_BYTES,
    MAX_VALUE,
    DataFileError,
    LoadedData,
    _classes,
    _is_regression,
    _make,
    beyond_float32,
    beyond_float32_problem,
    check_class_names,
    check_data_bytes,
    check_feature_name,
    distinct,
    labels_read_as,
    mapped,
    slices,
)
from model.data.dataset import MAX_CLASSES, MAX_NAME_CHARS, Dataset
from model.storage.atomic_files import FilePath, atomic_write

#: At most this many input features (a classification file of more numeric columns uses its first ones): the
#: digits' 64 pixels fit, and a plane of a PCA over more is still quick to fit and to draw.
MAX_FEATURES = 100
TEST_COLUMN = "is_test"
#: The column that numbers each row's class (0 the first) beside its name in the label column: written when the
#: names alone would read back as other classes (in another order, or with a class without points between them),
#: so a file this app writes opens with the classes it was saved with.
CLASS_INDEX_COLUMN = "class_index"
_TRUE = frozenset({"1", "1.0", "true", "yes", "test", "t", "y"})
_FALSE = frozenset({"0", "0.0", "false", "no", "train", "f", "n"})
_DELIMITERS = (",", ";", "\t")


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


def _words_as_input(columns: list[str | int], words: int, label: int, others: list[int]) -> str:
    """Why a column of words (first cell a word) is read as an input, and how to make the file work: a text column
    is left out only when two inputs remain for classes."""
    numeric = " and ".join(repr(columns[i]) for i in others)
    beside = f"only {numeric} beside it" if others else "no other column"
    return (
        f": column {columns[words]!r} holds words, and classes in {columns[label]!r} need two columns of numbers to "
        f"plot ({beside}); to class the points by {columns[words]!r}, name that column 'label' (at most "
        f"{MAX_CLASSES} different words); to class them by {columns[label]!r}, add a second column of numbers"
    )


def _read_csv_dataset(
    path: str, test_fraction: float, seed: int, cancelled: Callable[[], bool] | None = None
) -> LoadedData:
    with open(path, "rb") as f:
        raw = f.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise DataFileError(path, f"is too large (the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)")
    text = _decode(path, raw)
    del raw
    check_cancelled(cancelled)
    delimiter = _delimiter(text)
    # Spreadsheets that write decimal commas separate columns with semicolons (or tabs): read 1,5 there.
    decimal_comma = delimiter != ","
    to_number = _number_decimal_comma if decimal_comma else _number
    table = read_table(
        path, text, delimiter, lambda cells: any(to_number(cell) is None for cell in cells[:-1]), cancelled
    )
    del text
    has_header, n_columns, data, numbers = table.has_header, len(table.first_cells), table.columns, table.numbers
    if has_header:
        names = [cell if cell else str(i + 1) for i, cell in enumerate(table.first_cells)]
        columns: list[str | int] = list(names)
    else:
        names = [""] * n_columns
        columns = list(range(1, n_columns + 1))
    n_rows = len(numbers)
    if not n_rows:
        raise DataFileError(path, "has no rows of data")

    # A delimiter at the end of every line (Kaggle's breast cancer file) makes a last column with no name and no
    # values: nothing was written there, so it is no input, label or gap.
    blank = [i for i in range(n_columns) if not table.first_cells[i] and not any(data[i])]
    lower = [name.lower() for name in names]
    test_col = lower.index(TEST_COLUMN) if TEST_COLUMN in lower else None
    index_col = lower.index(CLASS_INDEX_COLUMN) if CLASS_INDEX_COLUMN in lower else None
    label_col = next((lower.index(n) for n in LABEL_NAMES if n in lower), None)
    label_why = ""  # why the label is the column it is, when no header name says so
    if has_header and (label_col is None or lower[label_col] == "y"):
        # points in a plane whose classes are words (x,y,color): the word column is the label, y a coordinate
        candidates = [i for i in range(n_columns) if i not in (test_col, index_col) and i not in blank]
        numbering = row_number_columns(table.first_cells, data, candidates, decimal_comma)
        in_words = word_classes_label(table.first_cells, data, [i for i in candidates if i not in numbering], to_number)
        if in_words is None and label_col is not None:  # x,y,name: y the label would leave x alone
            y_values = floats(data[label_col], decimal_comma)
            y_classes = y_values is not None and not _is_regression("y", y_values, 2)
            in_words = word_classes_beside_y(
                table.first_cells, data, [i for i in candidates if i not in numbering], to_number, label_col, y_classes
            )
        if in_words is not None:
            label_col, label_why = in_words
    others = [i for i in range(n_columns) if i not in (label_col, test_col, index_col) and i not in blank]
    # A column that numbers the rows measures nothing: as a feature it would be the plot's main direction, and a
    # model would learn the row order. Kept unless two other inputs remain (as before, a plot's two axes).
    row_numbers = row_number_columns(table.first_cells, data, others, decimal_comma) if has_header else []
    if len(others) - len(row_numbers) - (label_col is None) < 2:
        row_numbers = []
    others = [i for i in others if i not in row_numbers]
    classes_in_words = bool(label_why)
    if label_col is None:
        if not others:  # nothing but an is_test / class_index column, or columns with neither name nor value
            raise DataFileError(path, "has no label or input columns")
        label_col, label_why = unnamed_label(data, others, to_number)
    inputs = [i for i in others if i != label_col]
    if not inputs:
        raise DataFileError(path, "has no input columns, only a label")
    label_name = lower[label_col] or None
    notes = []
    if row_numbers:
        shown_numbers = ", ".join(repr(columns[i]) if table.first_cells[i] else f"column {i + 1}" for i in row_numbers)
        notes.append(f"left out {shown_numbers}: whole numbers, each different, that number the rows")
    if label_why and (label_col != others[-1] or classes_in_words):
        notes.append(f"the label is column {columns[label_col]!r}: {label_why}")

    def label_error(problem: str, row: int | None = None) -> DataFileError:
        """A label that cannot be read, naming its column and, when no header name said so, why it is the label."""
        return DataFileError(
            path, problem + (f" (taken as the label: {label_why})" if label_why else ""), row, columns[label_col]
        )

    # Labels first: they decide the task, and the task how many inputs are used.
    label_cells = data[label_col]
    if "" in label_cells:
        raise label_error("the label is empty", int(numbers[label_cells.index("")]))
    check_cancelled(cancelled)
    label_values: np.ndarray | None = None
    number_of: dict[str, float | None] = {}
    if index_col is None:  # beside class indices the labels are the classes' names, whatever they look like
        label_values = floats(label_cells, decimal_comma)
        if label_values is None:  # words (class names), or numbers only the careful way reads: each cell once
            number_of = {cell: to_number(cell) for cell in distinct(label_cells)}
            if all(v is not None for v in number_of.values()):
                label_values = mapped(label_cells, number_of, np.float64)
    task = "classification"
    if label_values is not None:
        bad = np.flatnonzero(~np.isfinite(label_values))
        if bad.size:
            r = int(bad[0])
            raise label_error(f"{label_cells[r]!r} is not a finite number", int(numbers[r]))
        if _is_regression(label_name, label_values, len(inputs)):
            task = "regression"
            huge = beyond_float32(label_values)
            if huge.size:
                r = int(huge[0])
                raise label_error(beyond_float32_problem(repr(label_cells[r])), int(numbers[r]))
    elif len(number_of) > MAX_CLASSES and any(v is not None for v in number_of.values()):
        # Mostly numbers with a few words: a typo in a numeric column, not 10+ classes.
        r = next(r for r, cell in enumerate(label_cells) if number_of[cell] is None)
        raise label_error(f"{label_cells[r]!r} is not a number", int(numbers[r]))

    # A column whose first cell is text (an id, a name, a person's sex or region) is no input, as long as the
    # task keeps the inputs it needs without it; every cell of the columns used is still checked below, so a typo
    # is an error, not a gap.
    text_columns = [i for i in inputs if data[i][0] and to_number(data[i][0]) is None]
    if len(inputs) - len(text_columns) >= (2 if task == "classification" else 1):
        inputs = [i for i in inputs if i not in text_columns]
    else:
        text_columns = []
    n_inputs = min(len(inputs), 2) if task == "regression" or len(inputs) <= 2 else min(len(inputs), MAX_FEATURES)
    if task == "classification" and len(inputs) < 2:
        raise DataFileError(
            path, "classification needs two input columns (x1, x2) and a label column; this file has one input column"
        )
    named = [lower.index(n) for n in ("x1", "x2") if n in lower and lower.index(n) in inputs]
    used = named if n_inputs == 2 and len(named) == 2 else inputs[:n_inputs]
    left = (label_col, test_col, index_col, *row_numbers, *text_columns, *blank)
    ignored = [i for i in range(n_columns) if i not in used and i not in left]

    def shown(indices: list[int]) -> str:
        names = [repr(columns[i]) if has_header else str(columns[i]) for i in indices]
        if len(names) > 5:  # a status note, not a list of hundreds of names
            names = names[:4] + [f"and {len(names) - 4:,} more"]
        return ", ".join(names)

    if text_columns:
        notes.append(f"left out {len(text_columns):,} text column(s) {shown(text_columns)}: they are not numeric")
    if ignored:
        why = (
            "the playground plots two inputs"
            if n_inputs <= 2
            else f"the playground reads at most {MAX_FEATURES} numeric input features"
        )
        notes.append(f"ignored {len(ignored):,} extra input column(s) {shown(ignored)}: {why}")
    feature_names = tuple(str(columns[i]) for i in used) if has_header else ()
    if n_inputs <= 2 and any(len(name) > MAX_NAME_CHARS for name in feature_names):
        feature_names = ()  # the plot's two axes are x1, x2 then: a name is a nicety there, not a feature's identity
    for i, name in zip(used, feature_names):
        check_feature_name(path, name, i + 1)  # by number: the name itself is what is too long to show
    # what is predicted, named as the header names it: not the words that only say "the label" (this app writes
    # them for data that names none), nor a name too long to show (left unsaid, as two inputs' are)
    target_name = table.first_cells[label_col] if has_header else ""
    if target_name.lower() in LABEL_NAMES or len(target_name) > MAX_NAME_CHARS:
        target_name = ""

    check_data_bytes(path, n_rows, n_inputs)
    X = np.empty((n_rows, n_inputs), dtype=np.float64)
    first_bad: tuple[int, int] | None = None  # (row index, position in used) of the first bad cell, row by row
    for c, col in enumerate(used):
        check_cancelled(cancelled)
        bad_row = _read_column(data[col], decimal_comma, to_number, X[:, c])
        if bad_row is not None and (first_bad is None or bad_row < first_bad[0]):
            first_bad = (bad_row, c)
    if first_bad is not None:
        r, c = first_bad
        cell = data[used[c]][r]
        v = to_number(cell) if cell else None
        problem = (
            "the cell is empty"
            if not cell
            else f"{cell!r} is not a number"
            if v is None
            else f"{cell!r} is not a finite number"
            if not math.isfinite(v)
            else beyond_float32_problem(repr(cell))
        )
        if v is None and cell and _DECIMAL_COMMA.fullmatch(cell):
            problem += (
                " (a decimal comma? this file separates its columns with commas; "
                "save it with semicolons to write decimal commas)"
            )
        elif v is None and cell and task == "classification" and to_number(data[used[c]][0]) is None:
            problem += _words_as_input(columns, used[c], label_col, [i for i in inputs if i != used[c]])
        raise DataFileError(path, problem, int(numbers[r]), columns[used[c]])

    is_test = None
    if test_col is not None:
        flags = data[test_col]
        flag_of = {cell: _test_flag(cell) for cell in distinct(flags)}
        if None in flag_of.values():
            r = next(r for r, cell in enumerate(flags) if flag_of[cell] is None)
            raise DataFileError(
                path,
                f"{flags[r]!r} is not a test flag (use 1/0, true/false, yes/no or test/train)",
                int(numbers[r]),
                columns[test_col],
            )
        is_test = mapped(flags, flag_of, bool)

    check_cancelled(cancelled)
    class_names: tuple[str, ...]
    if task == "regression":
        assert label_values is not None
        y = label_values
        n_classes, class_names = 1, ()
        # the target and the inputs by name
        named_as = f" of {columns[label_col]!r} from " + " and ".join(repr(columns[i]) for i in used)
        notes.append(f"read as regression{named_as if has_header else ''}: the labels are numeric targets")
    elif index_col is not None:
        y, class_names = _indexed_classes(path, label_cells, data[index_col], numbers, columns[index_col])
        check_class_names(path, class_names, y, columns[label_col], numbers)
        n_classes = len(class_names)
    else:
        values: list[float] | None = None
        if label_values is not None:
            values = []
            for part in slices(n_rows):  # as floats, a slice at a time (see SLICE)
                values.extend(label_values[part].tolist())
        try:
            y, class_names = _classes(path, label_cells, values, columns[label_col], numbers)
        except DataFileError as error:
            raise label_error(error.problem, error.row) from None
        n_classes = len(class_names)
    dataset = _make(path, X, y, is_test, task, n_classes, class_names, test_fraction, seed, feature_names, target_name)
    return LoadedData(dataset, tuple(notes))


def _read_column(
    cells: list[str], decimal_comma: bool, to_number: Callable[[str], float | None], out: np.ndarray
) -> int | None:
    """Writes the column's numbers into ``out``; the index of its first cell that is empty, not a number, not
    finite or beyond a 32-bit float's range (``MAX_VALUE``), else None (converted in C; cell by cell only when that
    cannot tell)."""
    values = floats(cells, decimal_comma)
    if values is not None:
        out[:] = values
        bad = np.flatnonzero(~(np.abs(values) <= MAX_VALUE))  # NaN compares false: bad too
        return int(bad[0]) if bad.size else None
    for r, cell in enumerate(cells):
        v = to_number(cell) if cell else None
        if v is None or not abs(v) <= MAX_VALUE:
            return r
        out[r] = v
    return None


def _indexed_classes(
    path: str, names: list[str], indices: list[str], numbers: np.ndarray, column: str | int
) -> tuple[np.ndarray, tuple[str, ...]]:
    """Classes numbered by the class index column: each row's class is its index, and the label beside it names
    that class (a class with no rows between others is named "class k+1")."""
    values = floats(indices, False)
    if values is None:
        bad = next(r for r, cell in enumerate(indices) if _number(cell) is None)
    else:
        wrong = np.flatnonzero(~np.isin(values, np.arange(MAX_CLASSES)))
        bad = int(wrong[0]) if wrong.size else -1
    if bad >= 0:
        problem = "the cell is empty" if not indices[bad] else f"{indices[bad]!r} is not a class index"
        raise DataFileError(path, f"{problem} (a whole number 0..{MAX_CLASSES - 1})", int(numbers[bad]), column)
    assert values is not None
    y = values.astype(np.int64)
    named: dict[int, str] = {}
    for part in slices(len(names)):  # each class's names, a slice of rows at a time (see SLICE)
        for k, name in set(zip(y[part].tolist(), names[part])):
            if named.setdefault(k, name) != name:  # named in the file's order: its first row, then the first other
                first = next(r for r in range(len(names)) if y[r] == k)
                r = next(r for r in range(first, len(names)) if y[r] == k and names[r] != names[first])
                raise DataFileError(
                    path,
                    f"class {k} is named {names[first]!r} in row {int(numbers[first])}, here {names[r]!r}",
                    int(numbers[r]),
                    column,
                )
    if len(named) < 2:
        raise DataFileError(path, "has only one class; classification needs at least two", column=column)
    return y, tuple(named.get(k, f"class {k + 1}") for k in range(max(named) + 1))


def _test_flag(cell: str) -> bool | None:
    flag = cell.lower()
    return True if flag in _TRUE else False if flag in _FALSE else None


def csv_text(ds: Dataset) -> str:
    """The CSV ``save_dataset_csv`` writes, as a string."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    inputs = _header_names(ds)
    classification = ds.task == "classification"
    indexed = classification and not _names_read_back(ds)
    label = [_label_header(ds, inputs, indexed)] + ([CLASS_INDEX_COLUMN] if indexed else [])
    writer.writerow(inputs + label + [TEST_COLUMN])
    labels: Iterator[list[str]]  # one row's at a time: a million rows never make a million lists at once
    if classification:
        cells = [[name, str(k)] if indexed else [name] for k, name in enumerate(ds.class_names)]
        labels = (cells[k] for k in ds.y.tolist())
    else:
        labels = ([repr(v)] for v in ds.y.tolist())
    for row, lab, test in zip(ds.X.tolist(), labels, ds.is_test.tolist()):
        writer.writerow([repr(v) for v in row] + lab + ["1" if test else "0"])
    return buffer.getvalue()


def _names_read_back(ds: Dataset) -> bool:
    """Whether a label column of the class names alone reads back as the same classes, each with its index:
    the names of the classes with points read in their order (``labels_read_as``), from class 0 on."""
    present = np.unique(ds.y).tolist()
    names = tuple(ds.class_names[k] for k in present)
    return present == list(range(len(present))) and labels_read_as([n.strip() for n in names]) == names


def _label_header(ds: Dataset, inputs: list[str], indexed: bool) -> str:
    """The label column's header: the target's own name when it reads back as the label of the same task, else
    "label" (classes) or "target" (numbers). The inputs are numbers, so the label is the column named as
    ``LABEL_NAMES`` say or the last one; its name and values decide the task as they did when it was read."""
    default = "label" if ds.task == "classification" else "target"
    name = ds.target_name
    taken = {n.lower() for n in inputs} | {TEST_COLUMN, CLASS_INDEX_COLUMN, *ROW_NUMBER_NAMES}
    if not name or name != name.strip() or not name.isprintable() or name.lower() in taken or _number(name) is not None:
        return default
    values: np.ndarray | None = ds.y
    if ds.task == "classification":
        names = ds.class_names
        numbers = [_number(n) for n in names]
        values = None if indexed or None in numbers else np.array(numbers, dtype=np.float64)[ds.y]
    regression = values is not None and _is_regression(name.lower(), values, ds.n_features)
    return name if regression == (ds.task == "regression") else default


def _header_names(ds: Dataset) -> list[str]:
    """The feature names as a header that reads back as the same inputs: x1..xn instead when one would be taken
    for the label or test column, or for one that numbers the rows (an "id" of whole numbers, each different),
    is empty, or is repeated."""
    names = list(ds.feature_names)
    reserved = {*LABEL_NAMES, TEST_COLUMN, CLASS_INDEX_COLUMN}
    row_number = [n.strip().lower() in ROW_NUMBER_NAMES and numbers_rows(ds.X[:, i]) for i, n in enumerate(names)]
    if (
        len(set(n.lower() for n in names)) != len(names)
        or any(not n.strip() or n.lower() in reserved for n in names)
        or any(row_number)
    ):
        return [f"x{i + 1}" for i in range(ds.n_features)]
    return names


def save_dataset_csv(ds: Dataset, path: FilePath) -> None:
    """Write ``ds`` as UTF-8 CSV with a header ``x1,x2,label,is_test`` (see the module docstring).

    Atomic: an error while writing leaves any previous file at ``path`` intact.
    """
    data = csv_text(ds).encode("utf-8")
    atomic_write(path, lambda f: f.write(data))
