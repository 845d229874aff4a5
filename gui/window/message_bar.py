"""MessageBar: the window's status bar, whose passing message is elided ("…") when it is longer than its room.

Qt's status bar cuts a long message off mid-word where the readouts begin (at 1024 px a lesson's title loses its
end). Here the message ends in "…" instead, and is never lost: hovering it shows the whole text, and so does a
click on it (the tooltip wraps a long message into lines).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QRect, Qt, Slot
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QSizeGrip, QStatusBar, QStyle, QStyleOption, QToolTip, QWidget


class MessageBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.messageChanged.connect(self._on_message)

    def message_rect(self) -> QRect:
        """Where the message is drawn: from the left edge to the first readout (or the size grip)."""
        right = self.width() - 12
        for child in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            # while a message shows, Qt hides the status bar's other widgets: the visible ones are its readouts
            if child.isVisible() and not child.isWindow() and child.x() > 0:
                right = min(right, child.x() - 2 if not isinstance(child, QSizeGrip) else child.x())
        return QRect(6, 0, max(0, right - 6), self.height())

    def shown_message(self) -> str:
        """The message as drawn: whole, or elided to its room."""
        message = self.currentMessage()
        if not message:
            return ""
        width = self.message_rect().width()
        return self.fontMetrics().elidedText(message, Qt.TextElideMode.ElideRight, width)

    def is_elided(self) -> bool:
        return bool(self.currentMessage()) and self.shown_message() != self.currentMessage()

    # ------------------------------------------------------------------ Qt
    def paintEvent(self, event) -> None:
        if not self.currentMessage():
            super().paintEvent(event)
            return
        # Qt's own painting of the message, but elided (QStatusBar draws it in one piece, cut where it must stop)
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(
            self.message_rect(),
            int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine),
            self.shown_message(),
        )

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_tip()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the readouts moved: the message's room changed
            result = super().event(event)
            self._update_tip()
            return result
        return super().event(event)

    def mousePressEvent(self, event) -> None:
        if self.is_elided() and self.message_rect().contains(event.position().toPoint()):
            QToolTip.showText(event.globalPosition().toPoint(), self.toolTip(), self, self.message_rect())
            event.accept()
            return
        super().mousePressEvent(event)

    @Slot(str)
    def _on_message(self, _message: str) -> None:
        self._update_tip()

    def _update_tip(self) -> None:
        # rich text: Qt wraps a long tooltip into lines only then
        tip = f"<p>{html.escape(self.currentMessage())}</p>" if self.is_elided() else ""
        if tip != self.toolTip():
            self.setToolTip(tip)
