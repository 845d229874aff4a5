"""How a point of the main plot is drawn: the marker of each group of points, in a ``PlotLook``.

A class has its colour and symbol (``gui.widgets.colors``), 1-D regression points one colour, and 2-D regression
points the colour of their target band. Training points are filled with a dark outline; test points are hollow: a
coloured ring, whose dark edge is a halo drawn beneath (``halo_pen``). Thin or pointy symbols are drawn a little
larger, so that every class's markers look the same size. The points (``data_points``), the legend's samples, the
marker that follows the mouse while adding points (``edit_gestures``) and a highlighted sample all draw with these.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QPen

from gui.widgets import colors
from gui.widgets.plot_look import NORMAL, PlotLook

POINT_SIZE = 8  # marker size in pixels
SYMBOL_SIZE_BONUS = {"+": 3, "x": 3, "star": 3, "t": 1}  # thin or pointy symbols look smaller at equal size
REGRESSION_BINS = 16  # 2-D regression points are coloured in this many target bands

GroupKey = tuple[str, int, bool]  # ("c" class | "r" 1-D regression | "b" target band, index, is test)


def group_style(key: GroupKey, look: PlotLook = NORMAL) -> dict:
    """The ScatterPlotItem options (symbol, size, pen, brush) of a group's markers, drawn with ``look``."""
    kind, k, test = key
    color: str | QColor
    if kind == "c":
        color, symbol = colors.class_color(k), colors.class_symbol(k)
    elif kind == "r":
        color, symbol = colors.REGRESSION_POINT, "o"
    else:
        rgba = colors.scalar_colors(np.array([(k + 0.5) / REGRESSION_BINS]), 0.0, 1.0, "regression_points")[0]
        color, symbol = QColor(*[int(v) for v in rgba[:3]]), "o"
    size = look.marker(POINT_SIZE + SYMBOL_SIZE_BONUS.get(symbol, 0))
    if test:  # hollow: a coloured ring (its dark edge comes from a halo item beneath)
        return dict(symbol=symbol, size=size + 1, pen=pg.mkPen(color, width=look.line(2.4)), brush=None)
    return dict(symbol=symbol, size=size, pen=pg.mkPen(colors.OUTLINE, width=look.line(0.9)), brush=pg.mkBrush(color))


def halo_pen(look: PlotLook) -> QPen:
    """The dark edge under a test point's coloured ring."""
    return pg.mkPen(colors.OUTLINE, width=look.line(4.2))
