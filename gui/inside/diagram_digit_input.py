"""The diagram's inputs as one image (digits): the drawn (or probed) digit, and its path through the network.

With the digits' 64 pixel inputs the diagram draws the input layer as the 8×8 image the network reads instead of
64 nodes (``DiagramCanvas.input_image``; each weight line starts at its pixel). Given a digit, every unit is
filled with its output for that digit (the same colours as a unit's map), so one sees which units the drawing
switches on and which output wins; without one the image is blank and the units plain.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

from gui.inside.digit_pictures import digit_qimage
from gui.inside.inspect_common import unit_map_rgba
from model.inside.digit_images import is_digit_data, layer_outputs, reads_images


def shows_image(snap, dataset) -> bool:
    """True when the diagram should draw the inputs as a digit image."""
    return reads_images(snap) and is_digit_data(dataset)


def as_digit(inputs):
    """The 64 inputs as a float64 vector when they are an 8×8 digit's, else None."""
    if inputs is None:
        return None
    pixels = np.asarray(inputs, dtype=np.float64).reshape(-1)
    return pixels if pixels.shape == (64,) else None


def input_image(digit):
    """The QImage of the inputs: the digit's pixels (64,) in [0, 1], or a blank image."""
    pixels = np.zeros(64) if digit is None else np.asarray(digit, dtype=np.float64)
    return digit_qimage(pixels.reshape(8, 8))


def unit_fills(snap, digit) -> dict:
    """(layer, unit) -> QColor: every hidden and output unit's output for the digit (empty without one)."""
    if digit is None:
        return {}
    outputs = layer_outputs(snap, digit)
    names = list(snap.activations) + [snap.output_activation]
    n_out = int(snap.layer_sizes[-1])
    fills = {}
    for k, a in enumerate(outputs, 1):
        last = k == len(outputs)
        for u, value in enumerate(a):
            rgba = unit_map_rgba(
                np.array([[value]]), names[k - 1], task=snap.task, unit=u if last else None, n_outputs=n_out
            )[0, 0]
            fills[(k, u)] = QColor(int(rgba[0]), int(rgba[1]), int(rgba[2]))
    return fills


def digit_values(snap, digit) -> list[np.ndarray]:
    """Every layer's values for the digit, inputs first (for tooltips and tests)."""
    return [np.asarray(digit, dtype=np.float64)] + layer_outputs(snap, digit)
