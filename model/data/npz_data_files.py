"""Read and write NumPy ``.npz`` dataset files (the rules are in ``model.data.data_files``'s docstring).

Pure Python + NumPy: this module must never import Qt. Nothing is unpickled: ``npz_headers`` refuses object arrays.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from model.data.csv_data_files import MAX_FEATURES
from model.data.csv_table import check_cancelled
from model.data.data_file_common import (
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    DataFileError,
    LoadedData,
    _classes,
    _is_regression,
    _make,
    beyond_float32,
    beyond_float32_problem,
    check_data_bytes,
)
from model.data.dataset import MAX_CLASSES, MAX_NAME_CHARS, Dataset
from model.storage.atomic_files import FilePath, atomic_write
from model.storage.safe_files import npz_headers, read_npz_arrays, write_npz


def _read_npz_dataset(
    path: str, test_fraction: float, seed: int, cancelled: Callable[[], bool] | None = None
) -> LoadedData:
    # X is checked from its .npy header, and inflated only once the data it makes is known to fit: an X of small
    # integers (a byte each in the file) takes 8 times its size as the app's numbers, and a file refused for that
    # must not take that memory first.
    headers = npz_headers(path, DataFileError, MAX_FILE_BYTES)
    check_cancelled(cancelled)
    notes = []
    for key in ("X", "y"):
        if key not in headers:
            raise DataFileError(path, f"has no array {key!r} (a dataset .npz holds X and y)")
    extra = sorted(set(headers) - {"X", *_SMALL_ARRAYS})
    if extra:
        notes.append(f"ignored the arrays {', '.join(map(repr, extra))}")
    (x_shape, x_dtype), (y_shape, y_dtype) = headers["X"], headers["y"]
    if x_dtype.kind not in "iuf" or len(x_shape) != 2 or x_shape[1] < 1:
        raise DataFileError(
            path,
            f"X must be a numeric array of shape (n_samples, n_features), got dtype {x_dtype} and shape {x_shape}",
            column="X",
        )
    n_rows, n_features = x_shape
    if n_features > MAX_COLUMNS:
        raise DataFileError(
            path, f"X has {n_features:,} columns; the playground reads at most {MAX_COLUMNS:,}", column="X"
        )
    if len(y_shape) != 1 or y_shape[0] != n_rows or y_dtype.kind not in "biufU":
        raise DataFileError(
            path,
            f"y must be a 1-D array with one label per row of X, got dtype {y_dtype} and shape {y_shape}",
            column="y",
        )
    if n_rows == 0:
        raise DataFileError(path, "has no rows of data")
    if n_rows > MAX_ROWS:
        raise DataFileError(path, f"has more than {MAX_ROWS:,} rows of data (the limit)")
    arrays = read_npz_arrays(path, [key for key in _SMALL_ARRAYS if key in headers], DataFileError)
    y = arrays["y"]

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
        names = _names(path, c, "class_names")
    is_test = None
    if "is_test" in arrays:
        m = arrays["is_test"]
        if m.shape != y.shape or m.dtype.kind not in "biu" or not np.isin(m, (0, 1)).all():
            raise DataFileError(path, "is_test must hold one bool (or 0/1) per sample", column="is_test")
        is_test = m.astype(bool)

    values = None
    if y.dtype.kind == "U":
        if task == "regression":
            raise DataFileError(path, "regression targets must be numbers", column="y")
        task = "classification"
    else:
        values = y.astype(np.float64)
        bad = np.flatnonzero(~np.isfinite(values))
        if bad.size:
            raise DataFileError(path, f"{values[bad[0]]!r} is not a finite number", row=int(bad[0]) + 1, column="y")
        if task is None and names is not None:
            task = "classification"
        elif task is None:
            task = "regression" if _is_regression("y", values, min(n_features, 2)) else "classification"
    if task == "classification" and n_features < 2:
        raise DataFileError(path, "classification needs X with two columns", column="X")
    # As for a CSV file: classification uses every column (n-D data shown on a plane), up to MAX_FEATURES;
    # regression, a curve or a surface, the first two.
    n_used = min(n_features, 2 if task == "regression" else MAX_FEATURES)
    check_data_bytes(path, n_rows, n_used, column="X")
    if values is None:
        y_out, class_names = _classes(path, [str(s) for s in y], None, "y")
    elif task == "regression":
        huge = beyond_float32(values)
        if huge.size:
            raise DataFileError(path, beyond_float32_problem(repr(float(values[huge[0]]))), int(huge[0]) + 1, "y")
        y_out, class_names = values, ()
    else:
        y_out, class_names = _npz_classes(path, values, names)
    feature_names = _feature_names(path, arrays.get("feature_names"), n_features)
    if n_used < n_features:
        why = "the playground plots two inputs" if task == "regression" else f"at most {MAX_FEATURES} are read"
        notes.append(f"used the first {n_used} of the {n_features:,} columns of X: {why}")
        feature_names = feature_names[:n_used]
    check_cancelled(cancelled)
    X = _inputs(path, read_npz_arrays(path, ["X"], DataFileError)["X"], n_used)
    n_classes = 1 if task == "regression" else max(len(class_names), 2)
    target_name = _target_name(path, arrays.get("target_name"))
    dataset = _make(
        path, X, y_out, is_test, task, n_classes, class_names, test_fraction, seed, feature_names, target_name
    )
    return LoadedData(dataset, tuple(notes))


#: The arrays beside X, each one number or name per row at most: inflated before X, to tell how much of X is read.
_SMALL_ARRAYS = ("y", "is_test", "task", "class_names", "feature_names", "target_name")


def _inputs(path: str, X: np.ndarray, n_used: int) -> np.ndarray:
    """The first ``n_used`` columns of X as float64, each value a finite number a 32-bit float holds (checked in
    X's own type, before the copy: whole numbers always are)."""
    if X.ndim != 2 or X.shape[1] < n_used:  # the file changed since its headers were read
        raise DataFileError(path, f"X changed while it was read (its shape is now {X.shape})", column="X")
    X = X[:, :n_used]
    if X.dtype.kind == "f":
        bad = np.flatnonzero(~np.isfinite(X).all(axis=1))
        if bad.size:
            raise DataFileError(
                path,
                f"{X[bad[0]].astype(np.float64).tolist()} holds a value that is not a finite number",
                row=int(bad[0]) + 1,
                column="X",
            )
        huge = beyond_float32(X.ravel())
        if huge.size:
            row, feature = divmod(int(huge[0]), X.shape[1])
            raise DataFileError(
                path, f"feature {feature + 1}: " + beyond_float32_problem(repr(float(X[row, feature]))), row + 1, "X"
            )
    return X.astype(np.float64)


def _feature_names(path: str, names: np.ndarray | None, n_columns: int) -> tuple[str, ...]:
    """The names of X's columns the file gives (``feature_names``: one string per column of X), or () when it
    gives none (the Dataset then names them x1..xn, as it names a CSV file's columns without a header)."""
    if names is None:
        return ()
    if names.ndim != 1 or names.shape[0] != n_columns:
        raise DataFileError(
            path,
            f"feature_names must hold one name per column of X ({n_columns}), got shape {names.shape}",
            column="feature_names",
        )
    return _names(path, names, "feature_names")


def _target_name(path: str, name: np.ndarray | None) -> str:
    """The name of what ``y`` holds (``target_name``: one string), or "" when the file gives none."""
    if name is None:
        return ""
    if name.shape != ():
        raise DataFileError(path, f"target_name must be one string, got shape {name.shape}", column="target_name")
    return _names(path, name.reshape(1), "target_name")[0]


def _names(path: str, names: np.ndarray, field: str) -> tuple[str, ...]:
    """The strings of a 1-D array of names, each at most ``MAX_NAME_CHARS`` long."""
    if names.ndim != 1 or names.dtype.kind != "U":
        raise DataFileError(path, f"{field} must be an array of strings, got dtype {names.dtype}", column=field)
    out = tuple(str(name) for name in names)
    too_long = next((i for i, name in enumerate(out) if len(name) > MAX_NAME_CHARS), None)
    if too_long is not None:
        raise DataFileError(
            path,
            f"name {too_long + 1} has {len(out[too_long]):,} characters; at most {MAX_NAME_CHARS} are read",
            column=field,
        )
    return out


def _npz_classes(path: str, values: np.ndarray, names: tuple[str, ...] | None) -> tuple[np.ndarray, tuple[str, ...]]:
    """Class indices and names from numeric labels of an .npz file.

    With ``class_names`` in the file (as ``save_dataset_npz`` writes), y holds
    class indices 0..9 and is taken as it is (one class alone is allowed then);
    without it the numbers are labels, sorted and named like CSV labels (0..9 are the classes "0".."9").
    """
    if names is not None:
        whole = bool(np.all(values == np.round(values)))
        if not whole or values.min() < 0 or values.max() >= MAX_CLASSES:
            raise DataFileError(path, f"with class_names, y must hold class indices 0..{MAX_CLASSES - 1}", column="y")
        return values.astype(np.int64), names
    return _classes(path, [repr(v) for v in values.tolist()], values.tolist(), "y")


def save_dataset_npz(ds: Dataset, path: FilePath) -> None:
    """Write ``ds`` as a ``.npz`` with X, y, is_test, task, class_names, feature_names and target_name
    (deterministic bytes)."""
    arrays = {
        "X": ds.X,
        "y": ds.y,
        "is_test": ds.is_test,
        "task": np.array(ds.task),
        "class_names": np.array(list(ds.class_names), dtype=str),
        "feature_names": np.array(list(ds.feature_names), dtype=str),
        "target_name": np.array(ds.target_name, dtype=str),
    }
    atomic_write(path, lambda f: write_npz(f, arrays))
