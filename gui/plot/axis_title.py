"""TitledAxis: an axis of the main plot whose title is whole and centred on it, whatever the title's length.

pyqtgraph's ``AxisItem`` places its title only when the axis is resized. A new title set while the axis kept its
size stayed where the old one had been centred: on a 1024×700 window, Breast cancer on two features had its left
title start where "PC2" had, run off the top of the plot ("mean fractal dimensio"), and the bottom title start
at the middle of the axis. This axis places its title again whenever it is set.

A title longer than the axis (a data file's 40-character column name on the left axis, ~250 px there) is broken
into lines: between words, else after a "_", "/" or "-" inside a name, else anywhere; as few lines as fit, of
even length, every word kept. One that would need more than ``MOST_LINES`` lines is shortened in the middle
("…"), and the axis's tooltip says it whole. The left axis widens by the lines added, the bottom one grows by
them: a title of one line (x₁, PC1, "mean fractal dimension") leaves the plot its whole size.

``set_ticks_shown(False)`` draws the axis line and its title without ticks or numbers, in the room they take: the
plot waiting for its first data has numbers of no data to show, and the plot does not move when they come.
"""

from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF

from gui.plot.text_lines import text_lines

MOST_LINES = 3  # beyond: the title is shortened in the middle (a name that long is read from the tooltip)


class TitledAxis(pg.AxisItem):
    """A ``pg.AxisItem`` whose title (``setLabel``; with its units, if any, in brackets) is placed afresh whenever
    it is set, and broken into lines (``text_lines``) for the axis's length whenever either changes. ``setWidth``
    is the width of the ticks and one line of title: the lines added widen the axis by theirs."""

    def __init__(self, orientation: str, **kwargs):
        self._lines: list[str] = []  # the title as drawn; [] until it is laid out for the axis's length
        self._one_line_width: float | None = None  # as given to setWidth
        self._ticks_shown = True
        super().__init__(orientation, **kwargs)
        text = self.label.document()
        option = text.defaultTextOption()
        option.setAlignment(Qt.AlignmentFlag.AlignHCenter)  # the lines of a broken title centred on each other
        text.setDefaultTextOption(option)

    def title(self) -> str:
        """The whole title."""
        return f"{self.labelText} ({self.labelUnitPrefix}{self.labelUnits})" if self.labelUnits else self.labelText

    def title_lines(self) -> list[str]:
        """The lines the title is drawn in."""
        return list(self._lines) or [self.title()]

    def set_ticks_shown(self, shown: bool) -> None:
        """The ticks and their numbers drawn, or (False) left out, the axis keeping its size either way."""
        if shown != self._ticks_shown:
            self._ticks_shown = shown
            self.picture = None  # drawn again
            self.update()

    def ticks_shown(self) -> bool:
        return self._ticks_shown

    def drawPicture(self, p, axisSpec, tickSpecs, textSpecs) -> None:
        if not self._ticks_shown:  # laid out for them all the same (generateDrawSpecs): only their drawing is left out
            tickSpecs, textSpecs = [], []
        super().drawPicture(p, axisSpec, tickSpecs, textSpecs)

    def length(self) -> float:
        """The axis's length in px (the room of a line of its title, less the label's margins)."""
        return self.size().height() if self.orientation in ("left", "right") else self.size().width()

    def setLabel(self, text=None, units=None, *args, **kwargs) -> None:
        self._lines = []
        super().setLabel(text, units, *args, **kwargs)
        self.resizeEvent()  # placed now, not at the axis's next resize

    def setWidth(self, w=None) -> None:
        self._one_line_width = w
        super().setWidth(None if w is None else w + self._added_lines_height())

    def labelString(self) -> str:
        """The title's lines as the label's HTML: the title is text (a column's name may hold a "<" or a "&")."""
        style = ";".join(f"{key}: {value}" for key, value in self.labelStyle.items())
        body = "<br>".join(html.escape(line) for line in self.title_lines())
        return f"<span style='{style}'>{body}</span>"

    def resizeEvent(self, ev=None) -> None:
        if getattr(self, "label", None) is not None:  # None once the axis is closed (and before it is made)
            self._lay_out_title()
        super().resizeEvent(ev)
        if self.orientation == "bottom" and self.label is not None:
            # pyqtgraph nudges the title 5 px down, 1 px more than the label's margin: its last line's descenders
            # ran 1 px past the axis (and past the plot widget, when nothing is under the axis)
            margin = self.label.document().documentMargin()
            below = self.label.y() + self.label.boundingRect().height() - margin - self.size().height()
            if below > 0:
                self.label.setY(self.label.y() - below)

    def _lay_out_title(self) -> None:
        """The title broken for the axis's length; the label and the axis's size made anew if its lines changed."""
        if self.length() <= 0:
            return
        text = self.label.document()
        metrics = QFontMetricsF(self.label.font())
        room = self.length() - 2 * text.documentMargin() - 1.0  # 1: the lines' width is set 1 px wider
        lines = text_lines(self.title(), room, metrics.horizontalAdvance, MOST_LINES)
        if lines == self._lines:
            return
        self._lines = lines
        self.label.setTextWidth(-1)
        self.label.setHtml(self.labelString())
        if len(lines) > 1:
            self.label.setTextWidth(text.idealWidth() + 1.0)  # the width the lines centre in (+1: no new breaks)
        shortened = "".join(lines).replace(" ", "") != self.title().replace(" ", "")
        self.setToolTip(self.title() if shortened else "")
        if self.orientation in ("left", "right"):
            if self._one_line_width is not None:
                super().setWidth(self._one_line_width + self._added_lines_height())
            else:
                super().setWidth(None)
        else:
            self.setHeight(self.fixedHeight)  # pyqtgraph's own height: the ticks' and the label's

    def _added_lines_height(self) -> float:
        """The height of the title's lines after its first."""
        if len(self._lines) < 2:
            return 0.0
        return (len(self._lines) - 1) * QFontMetricsF(self.label.font()).lineSpacing()
