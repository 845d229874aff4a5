"""An epoch axis whose ticks are whole epochs: a chart of few epochs (one point, just after training) was labelled
"60.6 … 61.4", epochs no one ever saw."""

from __future__ import annotations

import math

import pyqtgraph as pg


class WholeEpochAxis(pg.AxisItem):
    """pyqtgraph's ticks with the fractional ones left out; a range shorter than two epochs gets a tick at each
    whole epoch inside it."""

    def tickValues(self, minVal, maxVal, size):
        levels = [
            (spacing, [v for v in values if float(v).is_integer()])
            for spacing, values in super().tickValues(minVal, maxVal, size)
            if spacing >= 1
        ]
        if any(values for _, values in levels):
            return levels
        first, last = math.ceil(min(minVal, maxVal)), math.floor(max(minVal, maxVal))
        return [(1.0, [float(v) for v in range(first, last + 1)])]
