"""PlotLook: how boldly the plots draw, as one value the views read their widths and sizes from.

The normal look is what the views were tuned for at a desk. Presenter mode (``gui.window.presenter``) hands the
views a bolder one: on a projector seen from the back of a room a 1.6 px boundary line and 8 px points vanish,
and the text inside the plots (legends, the score) must grow with the window's fonts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PlotLook:
    """``line_scale`` multiplies every line's width, ``marker_scale`` every marker's size and ``text_scale`` the
    point size of the text drawn inside the plots."""

    line_scale: float = 1.0
    marker_scale: float = 1.0
    text_scale: float = 1.0

    def line(self, width: float) -> float:
        return width * self.line_scale

    def marker(self, size: float) -> float:
        return size * self.marker_scale

    def text_pt(self, points: float) -> float:
        return points * self.text_scale

    def text_size(self, points: float) -> str:
        """A size for pyqtgraph's labels and legends (``"12pt"``)."""
        return f"{self.text_pt(points):g}pt"


NORMAL = PlotLook()
#: Lines at least 2.5 times as wide (the boundary 4 px, the loss curves 2.5 px), markers 1.6 times as large
#: (13 px), the plots' text 1.5 times as large, as the window's fonts.
PRESENTER = PlotLook(line_scale=2.5, marker_scale=1.6, text_scale=1.5)
