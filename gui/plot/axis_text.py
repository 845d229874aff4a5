"""The size of an axis's text (its tick labels and its title), for the plots' look."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QFont

from gui.widgets.plot_look import PlotLook


def size_axis_text(axis: pg.AxisItem, look: PlotLook, points: float) -> None:
    """The ticks and the title of ``axis`` in ``look.text_pt(points)``; in a look of normal text, in the
    application's font, as pyqtgraph draws them by default."""
    font = QFont()
    if look.text_scale != 1.0:
        font.setPointSizeF(look.text_pt(points))
    axis.setStyle(tickFont=font if look.text_scale != 1.0 else None)
    axis.label.setFont(font)
    axis.setLabel(axis.labelText, axis.labelUnits)  # lays the title out again, in its new size
    axis.picture = None  # the ticks are drawn again
    axis.update()
