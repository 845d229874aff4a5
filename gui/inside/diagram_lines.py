"""Which of the network diagram's lines are drawn, and what one line carries.

A layer pair with more weights than its budget (``MAX_LINES_PER_LAYER`` at most, at least 48 or three lines per
unit of its wider layer) draws only the strongest of what its lines show, weakest first so that the strong ones
lie on top; the rest are counted for the note. When the lines show a drawn digit's signal, nothing travels from
a blank pixel, so those lines are left out too.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from gui.inside.diagram_paint_lines import WIDTH_LEVELS, crowding, line_width
from gui.inside.inspect_common import NEGATIVE, POSITIVE

MAX_LINES_PER_LAYER = 320  # beyond this, only the strongest weights of a layer pair are drawn


def choose_lines(line_values: Sequence[np.ndarray], signal_mode: bool) -> tuple[list[np.ndarray], int]:
    """Per layer pair, the (i, j) of the lines to draw (all, or in a crowded pair the strongest of what they
    show), and how many weaker lines were left out."""
    drawn, hidden = [], 0
    for values in line_values:
        fan_in, fan_out = values.shape
        budget = min(MAX_LINES_PER_LAYER, max(48, 3 * max(fan_in, fan_out)))
        if fan_in * fan_out <= budget:
            ii, jj = np.meshgrid(np.arange(fan_in), np.arange(fan_out), indexing="ij")
            pairs = np.column_stack([ii.ravel(), jj.ravel()])
        else:
            flat = np.abs(np.nan_to_num(values)).ravel()
            keep = np.argpartition(flat, -budget)[-budget:]
            keep = keep[np.argsort(flat[keep])]  # weakest first: strong lines paint on top
            pairs = np.column_stack(np.unravel_index(keep, values.shape))
            hidden += fan_in * fan_out - budget
        if signal_mode:  # nothing travels from a blank pixel
            pairs = pairs[values[pairs[:, 0], pairs[:, 1]] != 0]
        drawn.append(pairs.astype(np.int64))
    return drawn, hidden


def line_info(canvas, layer: int, i: int, j: int) -> dict:
    """What the line of weight W_layer[i, j] carries on ``canvas``: weight, value shown, colour, width, drawn
    (the same bucketed width the painting gives it)."""
    w = float(canvas.weights[layer - 1][i, j])
    shown = float(canvas.line_values[layer - 1][i, j])
    pairs = canvas.drawn[layer - 1]
    drawn = bool(np.any((pairs[:, 0] == i) & (pairs[:, 1] == j)))
    values = np.abs(canvas.line_values[layer - 1][pairs[:, 0], pairs[:, 1]]) if len(pairs) else []
    top = float(np.max(values)) if len(values) else 0.0
    rel = abs(shown) / top if top > 0 else 0.0
    level = min(int(rel * WIDTH_LEVELS), WIDTH_LEVELS - 1)
    return {
        "weight": w,
        "value": shown,
        "drawn": drawn,
        "color": POSITIVE if shown >= 0 else NEGATIVE,
        "width": line_width(level, crowding(len(pairs)), canvas.line_scale),
    }
