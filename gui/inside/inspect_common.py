"""Shared pieces of the "inside the network" views: the colours of signed values, numbers for people, RGBA
arrays as QImages and the colour maps of a unit's values.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QImage

from gui.widgets import colors
from model.nn.activations import ACTIVATIONS, UNBOUNDED

#: Okabe-Ito colours for signed quantities: blue for positive, orange for negative.
POSITIVE = "#0072B2"
NEGATIVE = "#E69F00"
POSITIVE_RGB = (0x00, 0x72, 0xB2)
NEGATIVE_RGB = (0xE6, 0x9F, 0x00)


def sign_qcolor(value: float, alpha: int = 255) -> QColor:
    """The colour of a signed value: ``POSITIVE`` for zero and up, ``NEGATIVE`` below."""
    c = QColor(POSITIVE if value >= 0 else NEGATIVE)
    c.setAlpha(int(alpha))
    return c


def fmt(value, digits: int = 4) -> str:
    """A number for people: 4 significant digits, a real minus sign, 'NaN' spelled out."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not np.isfinite(v):
        return "NaN" if np.isnan(v) else ("∞" if v > 0 else "−∞")
    v += 0.0  # no "−0"
    text = f"{v:.{digits}g}"
    return text.replace("-", "−")


def rgba_to_qimage(rgba: np.ndarray, flip_rows: bool = True) -> QImage:
    """(H, W, 4) uint8 -> an owning QImage. Grids are row-major with row 0 at ymin (the bottom),
    an image's row 0 is its top: ``flip_rows`` turns one into the other."""
    if flip_rows:
        rgba = rgba[::-1]
    rgba = np.ascontiguousarray(rgba, dtype=np.uint8)
    h, w = rgba.shape[:2]
    image = QImage(rgba.data, w, h, 4 * w, QImage.Format.Format_RGBA8888)
    # An owning copy (the NumPy buffer may go) in the raster engine's own format: drawn
    # as RGBA8888 it would be converted again on every paint (~0.5 ms per thumbnail).
    return image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)


def output_range(activation: str) -> tuple[float, float]:
    """What a layer's units can give: its activation's ``output_range`` (the inputs, "input": any value)."""
    known = ACTIVATIONS.get(activation)
    return known.output_range if known is not None else UNBOUNDED


def fixed_colour_scale(activation: str) -> tuple[float, float, str] | None:
    """(low, high, colour map) of an activation bounded on both sides, the same for every map of its layer
    (sequential from 0 up, diverging when it can be negative); None when each map needs its own scale."""
    low, high = output_range(activation)
    if not (np.isfinite(low) and np.isfinite(high)):
        return None
    return low, high, "sequential" if low >= 0 else "diverging"


def unit_map_rgba(
    values: np.ndarray, activation: str, task: str = "classification", unit=None, n_outputs: int = 1
) -> np.ndarray:
    """A unit's map (G, G) -> RGBA, scaled by what the activation can give.

    An output unit of a classifier (``unit`` given) uses the class colours, like the main plot: P(class 2)
    on the class-1/class-2 map for one output, P(class k) from white to class k's colour for several.
    Others use the neutral maps, scaled by the activation's ``output_range``: a range bounded on both sides is
    the scale (tanh's [−1, 1] diverging, σ's [0, 1] sequential), one bounded below only runs from its floor to
    the map's largest value (ReLU's [0, max], sequential), and signed values (identity, leaky ReLU, the inputs)
    are symmetric around 0 on the diverging map.
    """
    values = np.asarray(values, dtype=np.float32)
    finite = values[np.isfinite(values)]
    if unit is not None and task == "classification":
        if n_outputs == 1:
            return colors.binary_image(values)
        lut = colors.multiclass_lut(int(n_outputs))[int(unit)]
        rgba = lut[colors.lut_index(values, 0.0, 1.0)]
        return np.ascontiguousarray(rgba).view(np.uint8).reshape(values.shape + (4,))
    fixed = fixed_colour_scale(activation)
    if fixed is not None:
        return colors.scalar_image(values, *fixed)
    low = output_range(activation)[0]
    if np.isfinite(low):
        hi = float(finite.max()) if finite.size else low + 1.0
        return colors.scalar_image(values, low, hi if hi > low else low + 1.0, "sequential")
    lim = float(np.abs(finite).max()) if finite.size else 1.0
    lim = lim if lim > 0 else 1.0
    return colors.scalar_image(values, -lim, lim, "diverging")
