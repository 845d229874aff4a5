"""Python literals for generated scripts: numbers that read back exactly, arrays as nested lists wrapped to width.

Shared by the NumPy script of ``model.storage.script_export`` and the PyTorch script of
``model.storage.torch_export``: float32 values are written as the float64 literals of their values, so a script
rebuilds the very same weights and points.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from model.data.dataset import Dataset


# ------------------------------------------------------------------------------------ literals
def _float(value: float) -> str:
    """A float literal that reads back as exactly the same number (float32 values included)."""
    number = float(value)
    if math.isnan(number):
        return "np.nan"
    if math.isinf(number):
        return "np.inf" if number > 0 else "-np.inf"
    return repr(number)


def _wrap(items: list[str], indent: str, width: int = 100) -> list[str]:
    """``items`` joined by ", " into lines of at most ``width`` characters."""
    lines, line = [], ""
    for item in items:
        piece = item if not line else ", " + item
        if line and len(indent) + len(line) + len(piece) + 1 > width:
            lines.append(indent + line + ",")
            line = item
        else:
            line += piece
    if line:
        lines.append(indent + line)
    return lines


def _int(value: float) -> str:
    return str(int(value))


def _list_literal(values: npt.ArrayLike, fmt: Callable[[Any], str] = _float, indent: str = "    ") -> str:
    """A nested-list literal of ``values`` (1-D or 2-D), each number written by ``fmt``: on one line when short,
    else one item per wrapped line (several short rows to a line, a long row over a block of lines). ``indent``
    is the items' indent; the closing bracket stands four spaces left of it."""
    values = np.asarray(values)
    close = "\n" + indent[:-4] + "]"
    if values.ndim == 1:
        items = [fmt(v) for v in values.tolist()]
        if len(", ".join(items)) <= 80:
            return "[" + ", ".join(items) + "]"
        return "[\n" + "\n".join(_wrap(items, indent)) + close
    if values.shape[0] == 0:
        return "[]"
    rows = ["[" + ", ".join(fmt(v) for v in row) + "]" for row in values.tolist()]
    if max(len(row) for row in rows) <= 94:  # short rows (points): several to a line
        return "[\n" + "\n".join(_wrap(rows, indent)) + close
    lines = []  # long rows (a layer's weights): one row per block of lines
    for row in values.tolist():
        block = _wrap([fmt(v) for v in row], indent + " ")
        block[0] = indent + "[" + block[0][len(indent) + 1 :]
        block[-1] += "],"
        lines.extend(block)
    lines[-1] = lines[-1][:-1]
    return "[\n" + "\n".join(lines) + close


def _vector(values: npt.ArrayLike, fmt: Callable[[Any], str] = _float) -> str:
    """A NumPy array literal of a 1-D array."""
    return "np.array(" + _list_literal(np.asarray(values).ravel(), fmt) + ")"


def _matrix(matrix: npt.ArrayLike, fmt: Callable[[Any], str] = _float) -> str:
    """A NumPy array literal of a 2-D array; with no rows it keeps its number of columns."""
    values = np.asarray(matrix)
    if values.shape[0] == 0:
        return f"np.empty((0, {values.shape[1]}))"
    return "np.array(" + _list_literal(values, fmt) + ")"


def _data_literals(ds: Dataset, numpy: bool) -> list[str]:
    """The lines ``X_TRAIN = ...``, ``Y_TRAIN``, ``X_TEST``, ``Y_TEST`` of the data set's points and labels
    (class indices or values): NumPy arrays, or nested lists (the PyTorch file makes its tensors of them)."""
    y_fmt = _int if ds.task == "classification" else _float
    matrix, vector = (_matrix, _vector) if numpy else (_list_literal, _list_literal)
    return [
        "X_TRAIN = " + matrix(ds.train_X),
        "Y_TRAIN = " + vector(ds.train_y, y_fmt),
        "X_TEST = " + matrix(ds.test_X),
        "Y_TEST = " + vector(ds.test_y, y_fmt),
    ]
