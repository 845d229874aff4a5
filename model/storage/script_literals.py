"""Python literals for generated scripts: numbers that read back exactly, vectors and matrices wrapped to width.

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
    pass


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


def _vector(values: npt.ArrayLike, fmt: Callable[[Any], str] = _float) -> str:
    items = [fmt(v) for v in np.asarray(values).ravel().tolist()]
    if not items:
        return "np.array([])"
    if len(", ".join(items)) <= 80:
        return "np.array([" + ", ".join(items) + "])"
    return "np.array([\n" + "\n".join(_wrap(items, "    ")) + "\n])"


def _matrix(matrix: npt.ArrayLike, fmt: Callable[[Any], str] = _float) -> str:
    values = np.asarray(matrix)
    if values.shape[0] == 0:
        return f"np.empty((0, {values.shape[1]}))"
    rows = ["[" + ", ".join(fmt(v) for v in row) + "]" for row in values.tolist()]
    if max(len(row) for row in rows) <= 94:  # short rows (points): several to a line
        return "np.array([\n" + "\n".join(_wrap(rows, "    ")) + "\n])"
    lines = []  # long rows (a layer's weights): one row per block of lines
    for row in values.tolist():
        block = _wrap([fmt(v) for v in row], "     ")
        block[0] = "    [" + block[0][5:]
        block[-1] += "],"
        lines.extend(block)
    lines[-1] = lines[-1][:-1]
    return "np.array([\n" + "\n".join(lines) + "\n])"


def _int(value: float) -> str:
    return str(int(value))
