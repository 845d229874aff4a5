"""Which columns of a CSV file from elsewhere are not measurements: the one that numbers the rows, and the label
when no header name says which column it is.

Downloaded files rarely follow this app's header: Kaggle's files start with an ``Id`` column, pandas writes its
index as a first column with no name, a file may keep its classes (a diagnosis) first, and a table of people
(an insurance table's age, sex, bmi, smoker, region, charges) describes its rows in words beside numbers, its
target last. A row number read as a feature gives a plot of the row order and a model that scores through it; a
label looked for only in the last column would make a diagnosis written first an input, and a label looked for
among the columns of words would make a person's region the label of a table of charges. Points drawn in a plane
(``x,y,color``) are the other way round: the coordinates are the inputs, whatever they are called (a column named
``y`` is otherwise the label), and the column of a few words holds the classes.

Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from model.data.csv_table import floats
from model.data.data_file_common import slices
from model.data.dataset import MAX_CLASSES

#: Header names of the label column, in order of preference.
LABEL_NAMES = ("label", "class", "target", "y")
#: Header names (any case) of a column that may number the rows: pandas writes its index under no name (pandas'
#: ``read_csv`` then calls it "Unnamed: 0"), Kaggle's files call it "Id".
ROW_NUMBER_NAMES = ("", "id", "index", "unnamed: 0")

#: Header names (any case) of a point's coordinates: x, y, z, or numbered as x1, x2 ...
_COORDINATE = re.compile(r"[xyz][0-9]*", re.IGNORECASE)

_NONE_NAMED = f"no column is named {', '.join(LABEL_NAMES[:-1])} or {LABEL_NAMES[-1]}"


def numbers_rows(values: np.ndarray) -> bool:
    """Whether a column's numbers could number its rows: whole numbers, each different (0, 1, 2... as pandas
    writes them, 1, 2, 3... as Kaggle's, or ids far apart as 842302, 842517...)."""
    if not values.size or not np.all(np.isfinite(values)) or not np.all(values == np.floor(values)):
        return False
    return bool(np.unique(values).size == values.size)


def row_number_columns(
    header: Sequence[str], columns: Sequence[list[str]], candidates: Sequence[int], decimal_comma: bool
) -> list[int]:
    """The ``candidates`` that number the rows: named as in ``ROW_NUMBER_NAMES`` and holding ``numbers_rows``."""
    found = []
    for i in candidates:
        if header[i].strip().lower() not in ROW_NUMBER_NAMES:
            continue
        values = floats(columns[i], decimal_comma)
        if values is not None and numbers_rows(values):
            found.append(i)
    return found


def unnamed_label(
    columns: Sequence[list[str]], candidates: Sequence[int], to_number: Callable[[str], float | None]
) -> tuple[int, str]:
    """The label column among ``candidates`` of a file whose header names none, and why it was taken.

    The last column, as a label or a target is most often written last: numbers there are a regression target
    (an insurance table's charges, predicted from its other columns) or numbered classes, words the classes, and
    columns of words elsewhere (sex, smoker, region) describe the rows. One exception: a first column of 2 to
    ``MAX_CLASSES`` different words, when no other column starts with a word, is the label written first
    (Kaggle's breast cancer file: the diagnosis, then 30 measurements).
    """
    first = candidates[0]
    if (
        len(candidates) > 2
        and _few_words(columns[first], to_number)
        and not any(_starts_with_a_word(columns[i], to_number) for i in candidates[1:])
    ):
        return first, f"{_NONE_NAMED}, and it is the first column, the only one of 2 to {MAX_CLASSES} different words"
    return candidates[-1], f"{_NONE_NAMED}, so the last column is"


def word_classes_label(
    header: Sequence[str],
    columns: Sequence[list[str]],
    candidates: Sequence[int],
    to_number: Callable[[str], float | None],
) -> tuple[int, str] | None:
    """The label column among ``candidates`` of points whose classes are written as words, and why it was taken;
    None when the file is not such points.

    Such a file's columns of numbers are named as a point's coordinates (x, y; x1, x2 ...; at least two of them),
    and a column of 2 to ``MAX_CLASSES`` different words, at most half as many as its rows (a class has points,
    a name or an id is different in every row), holds the classes: the last such column, when there are several.
    A column named ``y`` is then a coordinate, not the label it is elsewhere; another column of words (names,
    many different) is left out as text.
    """
    words = [i for i in candidates if _words_of_classes(columns[i], to_number)]
    numbers = [i for i in candidates if not _starts_with_a_word(columns[i], to_number)]
    if not words or len(numbers) < 2 or not all(_COORDINATE.fullmatch(header[i].strip()) for i in numbers):
        return None
    label = words[-1]
    coordinates = ", ".join(repr(header[i].strip()) for i in numbers)
    kinds = len(_distinct_words(columns[label], to_number) or ())
    why = f"the columns of numbers ({coordinates}) are a point's coordinates, and it holds {kinds} different words"
    return label, why + ", the classes"


def word_classes_beside_y(
    header: Sequence[str],
    columns: Sequence[list[str]],
    candidates: Sequence[int],
    to_number: Callable[[str], float | None],
    y_column: int,
    y_classes: bool,
) -> tuple[int, str] | None:
    """The label column among ``candidates`` of points ``x,y,name`` whose word column has too many different words
    for ``word_classes_label`` (more than half as many as its rows), and why it was taken; None when the file can be
    read otherwise.

    Read with ``y`` (``y_column``) as its label, such a file leaves one input (x), too few for classes
    (``y_classes``: y holds a few whole numbers, as classes do; else y is a regression target of x, and the words
    are left out as text): the file can only be points classed by its words. They are taken when they are 2 to
    ``MAX_CLASSES`` different words, no number, and at least one of them is in two rows (a word in every row alone
    names the rows: it classes nothing).
    """
    numbers = [i for i in candidates if not _starts_with_a_word(columns[i], to_number)]
    if not y_classes or len(numbers) != 2 or y_column not in numbers:
        return None
    if not all(_COORDINATE.fullmatch(header[i].strip()) for i in numbers):
        return None
    words = [i for i in candidates if i not in numbers and _repeated_words(columns[i], to_number)]
    if not words:
        return None
    label = words[-1]
    kinds = len(_distinct_words(columns[label], to_number) or ())
    x_name = header[next(i for i in numbers if i != y_column)].strip()
    why = (
        f"read with {header[y_column].strip()!r} as the label, {x_name!r} would be the only input; the columns of "
        f"numbers are a point's coordinates, and it holds {kinds} different words, the classes"
    )
    return label, why


def _repeated_words(cells: list[str], to_number: Callable[[str], float | None]) -> bool:
    """Whether ``cells`` hold 2 to ``MAX_CLASSES`` different words, no number, one of them in two rows or more."""
    words = _distinct_words(cells, to_number)
    return words is not None and len(words) < len(cells)


def _words_of_classes(cells: list[str], to_number: Callable[[str], float | None]) -> bool:
    """Whether ``cells`` hold 2 to ``MAX_CLASSES`` different words, no number, each word in two rows on average."""
    words = _distinct_words(cells, to_number)
    return words is not None and 2 * len(words) <= len(cells)


def _starts_with_a_word(cells: list[str], to_number: Callable[[str], float | None]) -> bool:
    """Whether a column's first cell is a word (not empty, not a number): a column of text, as the inputs are told
    from it."""
    return bool(cells) and bool(cells[0]) and to_number(cells[0]) is None


def _few_words(cells: list[str], to_number: Callable[[str], float | None]) -> bool:
    """Whether ``cells`` hold 2 to ``MAX_CLASSES`` different words and no number (looked at a slice at a time: a
    column of names or of numbers stops early). Empty cells do not count: a label left empty is then refused
    naming its row, rather than the column passed over for one where a word is no number."""
    return _distinct_words(cells, to_number) is not None


def _distinct_words(cells: list[str], to_number: Callable[[str], float | None]) -> set[str] | None:
    """The different words of ``cells`` (empty cells aside) when there are 2 to ``MAX_CLASSES`` of them and no
    number, else None (looked at a slice at a time: a column of names or of numbers stops early)."""
    if not cells or (cells[0] and to_number(cells[0]) is not None):
        return None
    seen: set[str] = set()
    for part in slices(len(cells)):
        seen.update(cells[part])
        if len(seen) > MAX_CLASSES + 1:
            return None
    words = seen - {""}
    return words if 2 <= len(words) <= MAX_CLASSES and all(to_number(cell) is None for cell in words) else None
