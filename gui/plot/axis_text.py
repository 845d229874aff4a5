"""The size of a plot's axis text (tick labels and titles), for the plots' look."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QFont

from gui.widgets.plot_look import PlotLook

DESK_POINT_SIZE = 10.0  # the application's font at a desk


def size_axes_text(plot: pg.PlotItem, look: PlotLook, points: float = DESK_POINT_SIZE) -> None:
    """The ticks and the titles of ``plot``'s left and bottom axes in ``look.text_pt(points)``; in a look of
    normal text, in the application's font, as pyqtgraph draws them by default."""
    font = QFont()
    if look.text_scale != 1.0:
        font.setPointSizeF(look.text_pt(points))
    for axis in (plot.getAxis("left"), plot.getAxis("bottom")):
        axis.setStyle(tickFont=font if look.text_scale != 1.0 else None)
        axis.label.setFont(font)
        axis.setLabel(axis.labelText, axis.labelUnits)  # lays the title out again, in its new size
        axis.picture = None  # the ticks are drawn again
        axis.update()
