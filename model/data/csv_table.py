"""A CSV file's text as columns of stripped cells, read in chunks of rows, with cancelling and fast numbers.

``read_table`` turns the text into one list of cells per column (and each data row's number in the file), not a
list per row: a million rows made ~2 million small Python containers that lived until the end of the read, and
the garbage collector, which walks every live container, paused the whole application (the GUI thread included,
since it holds the GIL) for 100-500 ms at a time, several seconds in all. Strings are not tracked by the collector,
so columns of them cost it nothing. The per-row lists the ``csv`` module makes are taken ``CHUNK_ROWS`` at a time
and die with their chunk, before the collector's youngest generation fills (700 new containers): none of them is
ever moved to an older generation, whose collection would walk everything the application holds.

Before each chunk the caller's ``cancelled()`` is asked, and a cancelled read raises ``ReadCancelled``. A chunk
whose records all have the header's number of cells and no empty cell is transposed and stripped in C (``zip``,
``map``); any other chunk goes row by row through the rules the reader always had (blank rows skipped, trailing
empty cells dropped, a wrong number of cells an error naming its row). Either way the result, and the first
error, are the same.

``floats`` converts a column of cells to numbers in C (``float`` mapped over it) and says None when some cell is
not one, so that the caller's careful per-cell reading names the first bad cell exactly. Work over a whole column
goes ``SLICE`` cells at a time: one C call over a million cells holds the GIL, and so stops the GUI thread, for
50-100 ms.

Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

import csv
import io
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice

import numpy as np

from model.data.data_file_common import MAX_COLUMNS, MAX_ROWS, DataFileError, ReadCancelled, joined, slices

#: Rows parsed between two looks at the cancellation flag (about a millisecond of work), and held at once as the
#: csv module's lists: fewer than the 700 new containers that start a collection of the youngest generation.
CHUNK_ROWS = 500


def check_cancelled(cancelled: Callable[[], bool] | None) -> None:
    """Raises ``ReadCancelled`` when the caller no longer wants the result."""
    if cancelled is not None and cancelled():
        raise ReadCancelled


@dataclass
class Table:
    """The data rows of a CSV file by column.

    first_number : the file's row number of the first non-blank record (the header, or the first data row)
    first_cells : that record's stripped cells
    has_header : whether that record is a header (then it is not among the data rows)
    columns : per column, the stripped cell of every data row
    numbers : int64, the file's row number of every data row
    """

    first_number: int
    first_cells: list[str]
    has_header: bool
    columns: list[list[str]]
    numbers: np.ndarray


#: Characters of text handed to the csv module at a time (made a file object of in one C call).
_PIECE_CHARS = 1 << 20


def _lines(text: str) -> Iterator[str]:
    """The text's lines, as ``io.StringIO(text, newline="")`` gives them, a piece of ~``_PIECE_CHARS`` at a time
    (one StringIO of 50 MB takes tens of milliseconds with the GIL held). Pieces end just after a "\\n", so no
    line, and no "\\r\\n", is cut in two."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + _PIECE_CHARS) + 1 or len(text)
        yield from io.StringIO(text[start:end], newline="")
        start = end


def _records(path: str, text: str, delimiter: str) -> Iterator[list[str]]:
    """Every CSV record (blank ones too, so that records count rows); a CSV error names its row."""
    reader = csv.reader(_lines(text), delimiter=delimiter)
    number = 0
    try:
        for record in reader:
            number += 1
            yield record
    except csv.Error as exc:
        raise DataFileError(path, f"cannot be read as CSV ({exc})", row=number + 1) from None


def _chunks(
    path: str, text: str, delimiter: str, cancelled: Callable[[], bool] | None
) -> Iterator[tuple[int, list[list[str]]]]:
    """(row number of the first, records) chunk after chunk, ``cancelled`` asked before each."""
    records = _records(path, text, delimiter)
    start = 1
    while True:
        check_cancelled(cancelled)
        try:
            chunk = list(islice(records, CHUNK_ROWS))
        except DataFileError:
            # The chunk's rows before the bad record may hold an earlier error: hand them over one by one from a
            # fresh reader (the bad record raises again in its turn).
            again = _records(path, text, delimiter)
            for number, record in enumerate(islice(again, start - 1, None), start=start):
                yield number, [record]
            raise AssertionError("the CSV error did not happen again") from None
        if not chunk:
            return
        yield start, chunk
        start += len(chunk)


class _Builder:
    """Adds data rows to the columns, checking their cells (the header's rules), at most ``MAX_ROWS``."""

    def __init__(self, path: str, n_columns: int, reference: str):
        self.path, self.n_columns, self.reference = path, n_columns, reference
        self.columns: list[list[str]] = [[] for _ in range(n_columns)]
        self.numbers = array("q")

    def add_fast(self, start: int, records: list[list[str]]) -> bool:
        """Adds the records (rows ``start``...) in C when every one is a data row with the header's cells and no
        empty one; False (nothing added) otherwise."""
        n = len(records)
        if len(self.numbers) + n > MAX_ROWS or set(map(len, records)) != {self.n_columns}:
            return False
        stripped = [list(map(str.strip, column)) for column in zip(*records)]
        if any("" in column for column in stripped):  # a blank row, or an empty cell: the careful way
            return False
        for column, new in zip(self.columns, stripped):
            column.extend(new)
        self.numbers.extend(range(start, start + n))
        return True

    def add_row(self, number: int, cells: list[str]) -> None:
        """Adds one non-blank row of stripped cells (row ``number`` of the file)."""
        if len(cells) != self.n_columns:
            if len(cells) > self.n_columns and not any(cells[self.n_columns :]):
                cells = cells[: self.n_columns]  # trailing empty cells, as spreadsheets write them
            else:
                raise DataFileError(
                    self.path, f"has {len(cells)} cells where {self.reference} has {self.n_columns}", row=number
                )
        for column, cell in zip(self.columns, cells):
            column.append(cell)
        self.numbers.append(number)
        if len(self.numbers) > MAX_ROWS:
            raise DataFileError(self.path, f"has more than {MAX_ROWS:,} rows of data (the limit)", row=number)

    def add_careful(self, start: int, records: list[list[str]]) -> None:
        for number, record in enumerate(records, start=start):
            cells = [cell.strip() for cell in record]
            if any(cells):
                self.add_row(number, cells)


def read_table(
    path: str,
    text: str,
    delimiter: str,
    is_header: Callable[[list[str]], bool],
    cancelled: Callable[[], bool] | None = None,
) -> Table:
    """The file's rows by column; ``is_header(cells)`` tells whether the first non-blank record is a header.

    Raises ``DataFileError`` as the reader always did: the first problem in the file's order (a CSV error, too
    many columns, fewer than two, a row of another number of cells, too many rows), naming its row.
    """
    first: tuple[int, list[str]] | None = None
    has_header = False
    builder: _Builder | None = None
    for start, records in _chunks(path, text, delimiter, cancelled):
        if builder is None:
            for skipped, record in enumerate(records):
                cells = [cell.strip() for cell in record]
                if any(cells):
                    first = (start + skipped, cells)
                    records, start = records[skipped + 1 :], start + skipped + 1
                    break
            if first is None:
                continue
            first_number, first_cells = first
            n_columns = len(first_cells)
            if n_columns > MAX_COLUMNS:
                raise DataFileError(
                    path, f"has {n_columns:,} columns; the playground reads at most {MAX_COLUMNS:,}", row=first_number
                )
            has_header = is_header(first_cells)
            if n_columns < 2:
                raise DataFileError(path, "needs at least two columns: the inputs and a label", row=first_number)
            builder = _Builder(path, n_columns, "the header" if has_header else "the first row")
            if not has_header:
                builder.add_row(first_number, first_cells)
        if records and not builder.add_fast(start, records):
            builder.add_careful(start, records)
    if first is None or builder is None:
        raise DataFileError(path, "is empty")
    numbers = np.frombuffer(builder.numbers, dtype=np.int64) if builder.numbers else np.empty(0, np.int64)
    return Table(first[0], first[1], has_header, builder.columns, numbers)


def floats(cells: list[str], decimal_comma: bool) -> np.ndarray | None:
    """The numbers in ``cells`` (float64), as ``float`` reads each cell (with a decimal comma read as a point when
    ``decimal_comma``), converted in C; None when a cell is not a number, or a decimal-comma column holds an
    underscore (``float`` reads 1_0 as 10, the decimal-comma rule refuses 1_0,5): the careful way decides then."""
    pieces = [np.empty(0)]
    for part in slices(len(cells)):
        piece = cells[part]
        try:
            pieces.append(np.fromiter(map(float, piece), np.float64, count=len(piece)))
            continue
        except ValueError:
            if not decimal_comma or "_" in "".join(piece):
                return None
        try:  # one comma between digits, and no point, is the only way a cell with a comma reads as a number
            pieces.append(np.fromiter(map(float, (c.replace(",", ".") for c in piece)), np.float64, count=len(piece)))
        except ValueError:
            return None
    return joined(pieces)
