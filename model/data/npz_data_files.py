"""Read and write NumPy ``.npz`` dataset files (the rules are in ``model.data.data_files``'s docstring).

Pure Python + NumPy: this module must never import Qt. Nothing is unpickled: ``read_npz`` refuses object arrays.
"""

from __future__ import annotations

import numpy as np

from model.data.data_file_common import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    DataFileError,
    LoadedData,
    _classes,
    _default_names,
    _is_regression,
    _make,
)
from model.data.dataset import MAX_CLASSES, Dataset
from model.storage.safe_files import FilePath, atomic_write, read_npz, write_npz


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
