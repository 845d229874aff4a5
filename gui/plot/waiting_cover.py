"""WaitingCover: the plot while its first data are on their way ("Loading digits (8×8)…").

At start the window opens at once, and the data the person last used are made or loaded a moment later (in
another process: ``gui.window.initial_data``; the digits take seconds on a busy machine). Meanwhile the plot holds
an empty stand-in of two features (``gui.window.stand_in_data``) and the model of it: an x₁/x₂ plane, a boundary,
a legend, none of which the person asked for, all replaced when the data come. The cover hides them behind the
plot's own background and says what is coming instead; a click on it adds no point to the stand-in (points drawn
there would keep the remembered data from ever being shown). The axes meanwhile draw no ticks and bear the coming
data's titles (``BoundaryView.set_waiting``).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsSimpleTextItem

COVER_Z = 200  # above the boundary, the points, the legend and the score (60)


class WaitingCover(QGraphicsRectItem):
    """Covers the view box ``vb`` with the plot's background and a line of words while ``say`` has words."""

    def __init__(self, vb: pg.ViewBox):
        super().__init__(vb)
        self.vb = vb
        self.setZValue(COVER_Z)
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.words = QGraphicsSimpleTextItem(self)
        font = QFont(self.words.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.words.setFont(font)
        self.set_colours("#ffffff", "#1d2733")
        vb.sigResized.connect(self._fit)
        self.hide()

    def say(self, text: str) -> None:
        """``text`` over the plot; '' takes the cover away."""
        self.words.setText(text)
        self.setVisible(bool(text))
        self._fit()

    def text(self) -> str:
        return self.words.text() if self.isVisible() else ""

    def set_colours(self, background: str, foreground: str) -> None:
        self.setBrush(QBrush(QColor(background)))
        self.words.setBrush(QBrush(QColor(foreground)))

    def _fit(self, *_) -> None:
        box = self.vb.boundingRect()
        self.setRect(box)
        words = self.words.boundingRect()
        self.words.setPos(box.center().x() - words.width() / 2, box.center().y() - words.height() / 2)

    def mousePressEvent(self, event) -> None:
        event.accept()  # taken here: no point is added to the stand-in, and the view is not dragged

    def mouseDoubleClickEvent(self, event) -> None:
        event.accept()
