"""Readouts that change many times a second (epoch, loss, rate) without laying out the window again.

``SteadyLabel`` (a QLabel of a size that only grows) and ``ReadoutLine`` (a painted line of text that takes
the width its layout gives it).

Why: every ``QLabel.setText`` asks the parent layout to lay out again unless the label's size is fixed. A
readout in the status bar or the toolbar then made the main window lay out its toolbars, status bar and docks
on every frame (and Qt's dock animator makes and deletes objects each time), about 1-2 ms of the GUI thread per
frame. A steady label has a fixed size that only grows, in steps, when a text would not fit: the layout
runs again only then.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum"
#: extra width, in average characters, given whenever the label grows (so growing is rare)
GROW_CHARS = 4


class SteadyLabel(QLabel):
    """``grow_chars``: the extra width, in average characters, given whenever it grows (``GROW_CHARS``);
    ``room_for``: a text it always has room for (a counter's usual widest), so that it grows only past it."""

    def __init__(self, text: str = "", parent=None, grow_chars: int = GROW_CHARS, room_for: str = ""):
        super().__init__(parent)
        self._fitted_width = 0
        self._grow_chars = grow_chars
        self._room_for = room_for
        self.setText(text)

    def setText(self, text: str) -> None:
        if text == self.text() and self._fitted_width:
            return
        self._fit(text)
        super().setText(text)

    def _fit(self, text: str) -> None:
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        frame = 2 * self.frameWidth() + margins.left() + margins.right() + 2 * self.margin() + self.indent()
        need = max(metrics.horizontalAdvance(text), metrics.horizontalAdvance(self._room_for)) + max(0, frame)
        if need <= self._fitted_width:
            return
        self._fitted_width = need + self._grow_chars * metrics.averageCharWidth()
        height = max(
            metrics.height() + 2 * self.frameWidth() + margins.top() + margins.bottom() + 2 * self.margin(),
            self.minimumSizeHint().height(),
        )
        self.setFixedSize(self._fitted_width, height)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self._fitted_width = 0  # another font: measure again, from nothing (a smaller font shrinks it)
            self.setMinimumSize(0, 0)
            self.setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX)
            self._fit(self.text())


class ReadoutLine(QWidget):
    """One line of text that changes many times a second and takes the width its layout gives it (``text()``
    is the full text). Painted by hand because ``QLabel.setText`` lays out the parent again even when the
    label's size policy ignores its text; here a new text only repaints the line.

    When the text is longer than the width, whole fields (parts between ``separator``s) go first, from the
    left, so that what stays reads whole ("train loss 0.0001 · test loss 0.23", not "…n loss 0.0001 · ...");
    a last field still too long is elided on the left."""

    def __init__(
        self,
        text: str = "",
        alignment=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        parent=None,
        separator: str = " · ",
    ):
        super().__init__(parent)
        self._text = text
        self._alignment = alignment
        self._separator = separator
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.update()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self._text or "0" * 12), metrics.height() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.fontMetrics().height() + 4)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(self.rect(), int(self._alignment), self.shown_text())

    def shown_text(self) -> str:
        """What the line shows at its width (see the class' docstring)."""
        metrics, width = self.fontMetrics(), self.width()
        parts = self._text.split(self._separator) if self._separator else [self._text]
        while len(parts) > 1 and metrics.horizontalAdvance(self._separator.join(parts)) > width:
            parts.pop(0)
        return metrics.elidedText(self._separator.join(parts), Qt.TextElideMode.ElideLeft, width)
