"""``ShortComboBox``: a drop-down list whose closed box shows a short text for each item and whose open list shows
the whole one.

Why: the toolbar holds Play, Step, the pace, Reset, the epoch, the class buttons and the plot's tools; at 1024 px
it has no room for a closed box as wide as "Watch (speeds up as learning slows)", and whatever does not fit goes
behind the toolbar's », where a newcomer does not look. The box shows "Watch"; its list and its tooltip say the
whole of it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter

SHORT_ROLE = Qt.ItemDataRole.UserRole + 1


class ShortComboBox(QComboBox):
    """``add_item(text, short, data)``; the tooltip is ``explanation`` and the current item's whole text."""

    def __init__(self, explanation: str = "", parent=None):
        super().__init__(parent)
        self._explanation = explanation
        self.currentIndexChanged.connect(self._update_tooltip)

    def add_item(self, text: str, short: str, data) -> None:
        self.addItem(text, data)
        i = self.count() - 1
        self.setItemData(i, short, SHORT_ROLE)
        self.setItemData(i, text, Qt.ItemDataRole.ToolTipRole)
        self._update_tooltip()
        self.updateGeometry()

    def shown_text(self) -> str:
        """What the closed box says: the current item's short text."""
        short = self.currentData(SHORT_ROLE)
        return str(short) if short else self.currentText()

    @Slot()
    def _update_tooltip(self) -> None:
        whole = self.currentText()
        self.setToolTip(f"{self._explanation} Now: {whole}." if whole else self._explanation)

    def paintEvent(self, event) -> None:
        painter = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        opt.currentText = self.shown_text()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)

    def sizeHint(self) -> QSize:
        """As wide as the widest short text (QComboBox's own hint is as wide as the widest whole text)."""
        metrics = self.fontMetrics()
        texts = [str(self.itemData(i, SHORT_ROLE) or self.itemText(i)) for i in range(self.count())] or [""]
        width = max(metrics.horizontalAdvance(t) for t in texts) + metrics.horizontalAdvance("x")
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        height = super().sizeHint().height()
        hint = self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, opt, QSize(width, metrics.height()), self)
        return QSize(hint.width(), max(height, hint.height()))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def showPopup(self) -> None:
        # the list is as wide as its whole texts, not as the narrow closed box
        view = self.view()
        view.setMinimumWidth(
            view.sizeHintForColumn(0) + 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width()
        )
        super().showPopup()
