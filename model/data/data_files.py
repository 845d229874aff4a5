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
  (``is_test``, ``class_index`` and row numbers excepted): an insurance table
  ``age,sex,bmi,children,smoker,region,charges`` is a regression of charges.
  Only a first column of words (no cell a number; empty cells aside) with 2 to
  10 different values, when no other column starts with a word, is the label
  instead (a diagnosis written first). Points in a plane classed by words
  (``x,y,color``): when no column is named ``label``, ``class`` or ``target``,
  the columns of numbers are named as coordinates (x, y, z, x1, x2 ...; at
  least two) and a column holds 2 to 10 different words, at most half as many
  as its rows, that column (the last such one) is the label, ``y`` an input.
  ``read_dataset`` notes a label that is not the last column or taken so, and
  an error about a label taken without a name says why it was taken
  (``model.data.csv_columns``). The header's name of the label column is the
  data's ``target_name`` (what is predicted), unless it is one of
  those four words, which only say "the label".
* Row numbers: a column named ``id``, ``index``, ``Unnamed: 0`` (any case) or
  left unnamed, holding whole numbers each different (Kaggle's ``Id``, the index
  pandas writes), numbers the rows: it is no input, and ``read_dataset`` notes
  it left out, unless fewer than two other inputs would remain.
* Class order: an optional column named ``class_index`` numbers each row's
  class (whole numbers 0..9, 0 the first class); the label beside it is that
  class's name, whatever it looks like ("10", "nan"), the same in every row of
  the class; such a file is classification. A class number without rows
  between others is named "class k+1".
* Test mask: an optional column named ``is_test`` holding 1/0, true/false,
  yes/no or test/train. Without it, a random stratified split of
  ``test_fraction`` (0.2) seeded by ``seed`` (0) is drawn.
* Inputs: every other column whose first cell is a number: a text column (an
  id, a person's sex or region) is left out with a note, unless too few inputs
  would remain (two for classification, one for regression: then its words are
  refused as not numbers). With two input columns (or, for classification,
  columns named ``x1`` and ``x2`` and no other numeric ones) they are the
  plot's axes. A classification file with more than two numeric input columns
  is n-D data: every one is a feature (at most ``MAX_FEATURES``, 100), the
  header names them, and the plot shows a plane of them
  (``model.data.view_plane``). Regression uses the first two (or ``x1``,
  ``x2``), and ``read_dataset`` notes the target and the inputs by name.
  ``read_dataset`` notes the columns ignored. A header names the inputs used
  (two inputs with a name longer than ``MAX_NAME_CHARS`` are x1, x2 instead).
  Every input cell used must be a finite number a 32-bit float holds (at most
  ±3.4e38 in size: the network computes with 32-bit floats), as must a
  regression target. Saving writes the feature names as the header.
* Regression or classification: the labels are regression targets when every
  label is a finite number, the label column is not named ``label``/``class``, and

  - it is named ``target``, or
  - there is only one input column (classification needs two), or
  - there are more than 9 distinct values (the playground's most classes), or
  - it is named ``y`` and some value is not a whole number.

  Otherwise they are class labels: numbers or any strings, at most 10 distinct
  and at least 2. Without a ``class_index`` column the labels, as written, are
  the class names, in the order a person lists them: numbers by value (a whole
  number without ".0": labels 0..9 are the classes "0".."9", as the digits are
  named, and 1..K the classes "1".."K", each in its place), words
  alphabetically, case aside, with the numbers in them by value ("class 2"
  before "class 10").
* Limits: at most 50 MB, 1 000 000 data rows and 1 000 columns (checked before reading everything); a class
  name (a label) and a feature name (the header's cell of an input kept) at most ``MAX_NAME_CHARS`` (200)
  characters, as a session file holds them; at most ``MAX_DATA_BYTES`` (250 MB) of data as the app holds it
  (float64 inputs: only an ``.npz`` file of small integers can hold more).

``save_dataset_csv`` writes ``x1[,x2],label,is_test`` for classification
(``label`` is the class name) and ``x1[,x2],target,is_test`` for regression (the
label column headed by the data's ``target_name`` instead when it has one that
reads back as the same label column of the same task),
numbers written to round-trip exactly, so loading the file gives back the same
data: the same class names, in the same order, each point in its class. When
the names alone would read back otherwise (in another order: "dog", "cat", or
"10", "2"; or changed: "1.0"), a ``class_index`` column after ``label`` holds
each point's class number. A class without points keeps no name: between
classes with points it keeps its place as "class k+1", after them it is gone.

NPZ files
---------
Arrays ``X`` (n_samples, n_features) and ``y`` (n_samples,), optionally
``is_test`` (bool or 0/1), ``task`` (a string), ``class_names`` and
``feature_names`` (strings, one per column of ``X``, each at most 200
characters) and ``target_name`` (one string, at most 200 characters: what ``y``
is). ``y`` may hold strings (class labels). When ``task`` is absent,
a file with ``class_names`` is classification (``y`` then holds class indices
0..9); otherwise the CSV rules above decide, ``y`` counting as a column named
``y``. Like a CSV file's inputs, every column of ``X`` is a feature for
classification (at most ``MAX_FEATURES``, 100, the first ones; more than
``MAX_COLUMNS``, 1 000, are refused), named by ``feature_names`` or x1..xn;
regression uses the first two. Every value of the columns of ``X`` used must
be a finite number a 32-bit float holds, as must a regression target. The
limits are a CSV file's; the size of the data as the app holds it is checked
from ``X``'s shape in the file, before ``X`` is read (50 MB of one-byte
integers would be 400 MB of the app's numbers).
Loaded with ``np.load(allow_pickle=False)`` after the checks of
``model.storage.safe_files.read_npz``: pickled objects are refused, never run.
``save_dataset_npz`` writes exactly these arrays.

Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from model.data.csv_data_files import _read_csv_dataset, csv_text, save_dataset_csv
from model.data.csv_table import CHUNK_ROWS
from model.data.data_file_common import MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, DataFileError, LoadedData, ReadCancelled
from model.data.dataset import Dataset
from model.data.npz_data_files import _read_npz_dataset, save_dataset_npz
from model.storage.safe_files import FilePath


# ----------------------------------------------------------------------------------- loading
def load_dataset(path: FilePath, test_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """Read a CSV or ``.npz`` dataset (see the module docstring for the rules).

    ``test_fraction`` and ``seed`` draw the train/test split when the file has none.
    Raises ``DataFileError`` for a bad file.
    """
    return read_dataset(path, test_fraction, seed).dataset


def read_dataset(
    path: FilePath, test_fraction: float = 0.2, seed: int = 0, cancelled: Callable[[], bool] | None = None
) -> LoadedData:
    """Like ``load_dataset``, with notes on what was ignored or inferred.

    ``cancelled()`` is asked now and then (a CSV file: every ``CHUNK_ROWS`` rows); once it says True the read
    stops and raises ``ReadCancelled``: whoever reads in another thread can drop a read no longer wanted.
    """
    path = os.fspath(path)
    size = os.path.getsize(path)
    if size > MAX_FILE_BYTES:
        raise DataFileError(path, f"is too large ({size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)")
    with open(path, "rb") as f:
        magic = f.read(4)
    if magic == b"PK\x03\x04" or path.lower().endswith(".npz"):
        return _read_npz_dataset(path, test_fraction, seed, cancelled)
    return _read_csv_dataset(path, test_fraction, seed, cancelled)


__all__ = [
    "CHUNK_ROWS",
    "MAX_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "DataFileError",
    "LoadedData",
    "ReadCancelled",
    "csv_text",
    "load_dataset",
    "read_dataset",
    "save_dataset_csv",
    "save_dataset_npz",
]
