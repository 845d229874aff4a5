"""AspectBox: holds one widget at the largest size of a given width/height ratio that fits, centred (a letterbox).

A compared model's plot shows the main plot's region at 1:1: in a tall narrow pane, the plot is as wide as the pane
and only as tall as the region needs, with the pane's background above and below it, instead of a plot stretched
upright or a plot with empty bands inside its frame.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget


class AspectBox(QWidget):
    """Shows ``child`` centred, at the largest size whose ``shaped`` part has width/height ``ratio``.

    ``frame`` says how much larger the child is than its part that must keep the ratio (e.g. a plot's margins
    around its view box); zero by default.
    """

    def __init__(self, child: QWidget, frame: Callable[[], QSize] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.child = child
        child.setParent(self)
        self._frame = frame or QSize
        self._placed_frame = QSize()
        self._ratio = 1.0

    def ratio(self) -> float:
        return self._ratio

    def set_ratio(self, ratio: float) -> None:
        """The width/height the shaped part keeps (ignored unless positive and finite)."""
        if not (0 < ratio < float("inf")) or abs(ratio - self._ratio) <= 1e-3 * self._ratio:
            return
        self._ratio = float(ratio)
        self._place()

    def refit(self) -> None:
        """Place the child again if its frame changed (e.g. once its plot has laid out its view box)."""
        if self._frame() != self._placed_frame:
            self._place()

    def sizeHint(self) -> QSize:
        return self.child.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        frame = self._placed_frame = self._frame()
        width = max(1, self.width() - frame.width())
        height = max(1, self.height() - frame.height())
        if width / height > self._ratio:
            width = max(1, round(height * self._ratio))
        else:
            height = max(1, round(width / self._ratio))
        size = QSize(width + frame.width(), height + frame.height())
        left, top = (self.width() - size.width()) // 2, (self.height() - size.height()) // 2
        self.child.setGeometry(QRect(left, top, size.width(), size.height()))
