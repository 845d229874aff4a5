"""The data part of an exported script for a real data set: scikit-learn loads it, the script scales and splits it.

A dataset that ``model.data.real_datasets.load`` gave (its ``origin`` is the ``DataSource`` that loads it again) is
not written out number by number (the digits would be 1 797 × 64 literals): ``real_data_lines(dataset)`` gives
Python lines that load it through scikit-learn's bundled files, scale it exactly as the app did
(``real_datasets.scaled``: the same NumPy operations, so the same bits) and split it as the app did (the test rows'
indices, drawn by the app's stratified, seeded split). The lines define X_TRAIN, Y_TRAIN, X_TEST, Y_TEST as NumPy
arrays (float64 inputs, int64 labels) and need ``np``. ``None`` when the dataset has no origin, or when loading it
now does not give exactly its arrays (edited data, a file from another scikit-learn): the caller writes the
numbers out instead.

Used by the NumPy script export (``model.storage.script_export``) and the PyTorch export
(``model.storage.torch_export``). Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

import numpy as np

from model.data import real_datasets
from model.data.dataset import Dataset
from model.storage.script_literals import _wrap


def _loads_the_same(dataset: Dataset) -> bool:
    origin = dataset.origin
    if origin is None or not origin.is_real:
        return False
    again = origin.regenerate()
    return all(
        a.dtype == b.dtype and np.array_equal(a, b)
        for a, b in ((again.X, dataset.X), (again.y, dataset.y), (again.is_test, dataset.is_test))
    )


def real_data_lines(dataset: Dataset) -> list[str] | None:
    """Lines defining X_TRAIN, Y_TRAIN, X_TEST, Y_TEST from scikit-learn (see the module docstring), or None."""
    if not _loads_the_same(dataset):
        return None
    assert dataset.origin is not None  # _loads_the_same checked it
    origin = dataset.origin
    info = real_datasets.info(origin.name)
    test_rows = [str(i) for i in np.flatnonzero(dataset.is_test).tolist()]
    lines = [
        f"# {info.label}: {info.about}.",
        "# Loaded from scikit-learn's bundled files (no download), scaled and split exactly as the app did.",
        f"from sklearn.datasets import {info.loader}",
        "",
        f"_BUNCH = {info.loader}()",
        "X_ALL = np.ascontiguousarray(_BUNCH.data, dtype=np.float64)",
        "Y_ALL = np.asarray(_BUNCH.target, dtype=np.int64)",
        f"# The app's split (stratified by class, seed {origin.seed}, test fraction {origin.test_fraction!r}):",
        "# the rows held out as the test set.",
        "TEST_ROWS = [",
        *_wrap(test_rows, "    "),
        "]",
        "IS_TEST = np.zeros(Y_ALL.shape[0], dtype=bool)",
        "IS_TEST[TEST_ROWS] = True",
    ]
    if info.scaling == "unit":
        lines.append(f"X_ALL = X_ALL / {real_datasets.DIGITS_MAX!r}   # pixel counts 0..16 -> 0..1")
    else:
        lines += [
            "# Standardised with the training rows' mean and standard deviation (a constant feature only centred).",
            "_MEAN = X_ALL[~IS_TEST].mean(axis=0)",
            "_STD = X_ALL[~IS_TEST].std(axis=0)",
            "X_ALL = (X_ALL - _MEAN) / np.where(_STD > 0, _STD, 1.0)",
        ]
    lines += [
        "X_TRAIN, Y_TRAIN = X_ALL[~IS_TEST], Y_ALL[~IS_TEST]",
        "X_TEST, Y_TEST = X_ALL[IS_TEST], Y_ALL[IS_TEST]",
    ]
    return lines


def input_names_text(dataset: Dataset) -> str:
    """The raw inputs in a comment or a docstring: "'x1', 'x2'" or, for many, "64 features: 'pixel_0_0',
    'pixel_0_1', ..., 'pixel_7_7'", each name as ``name_in_code`` writes it."""
    names = [name_in_code(name) for name in dataset.feature_names]
    if len(names) <= 4:
        return ", ".join(names)
    return f"{len(names)} features: {names[0]}, {names[1]}, ..., {names[-1]}"


def name_in_code(name: str) -> str:
    """A name from a file (a CSV header's cell) as exported code writes it in a comment or a docstring: quoted as
    Python writes a string, so that a line break in it (a quoted header cell may hold one) cannot end the comment
    and make what follows code, and with its double quotes escaped, so that it cannot end a docstring."""
    quoted = repr(name)
    if quoted.startswith('"'):  # Python's choice for a name with a ' and no ": quoted as every other name is
        quoted = "'" + quoted[1:-1].replace("'", "\\'") + "'"
    return quoted.replace('"', '\\"')


def text_in_code(text: str) -> str:
    """A few words that may come from a file (its name) in a docstring: as they are when they are plain (printable,
    no quote or backslash), else as ``name_in_code`` writes them."""
    plain = text.isprintable() and not any(c in text for c in "\"'\\")
    return text if plain else name_in_code(text)


__all__ = ["input_names_text", "name_in_code", "real_data_lines", "text_in_code"]
