"""Text, rows of controls and pairs of panes that wrap in a narrow dock, without height-for-width.

Every dock holds its view in a scroll area (``gui.window.docks.fit_in_dock``). When anything in a view has a
height-for-width (a word-wrapped ``QLabel``, a ``FlowLayout``), the scroll area sizes the whole view to the height
its layout *prefers* at that width, not the least it needs: a view that would fit its dock (a pad or a matrix
shrinking to what is left) scrolls instead, and its last lines are out of sight. The widgets here wrap the same
way but say no height-for-width: each sets its own minimum height to what its text (or its rows) takes at the
width it was given, so the view around them keeps its ordinary minimum size and fills the dock.

``ElidedLabel`` is one line that ends in "…" when cut, its whole text in the tooltip.
``StackingSplitter`` is the same for two panes: side by side when its width allows, one above the other when not;
its minimum width is the stacked one, so the dock never scrolls sideways for it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QSplitter, QWidget

from gui.widgets.flow_layout import FlowLayout


class WrappedLabel(QLabel):
    """A word-wrapped label at least as tall as its text at its width (and one line when empty)."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)
        policy = self.sizePolicy()
        policy.setHeightForWidth(False)  # setWordWrap turned it on
        policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)  # as tall as its lines: no more
        self.setSizePolicy(policy)
        self._fit()

    def hasHeightForWidth(self) -> bool:
        return False

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())

    def setText(self, text: str) -> None:
        if text != self.text():
            super().setText(text)
            self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit()

    def _fit(self) -> None:
        width = self.width() if self.width() > 0 else self.sizeHint().width()
        height = max(super().heightForWidth(width), self.fontMetrics().height())
        if height != self.minimumHeight():
            self.setMinimumHeight(height)


class ElidedLabel(QLabel):
    """One line of plain text, cut with "…" to the label's width; the whole text is the tooltip (and ``full_text``)."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.full_text = ""
        self._whole = ""  # the text cut to the width (``full_text`` unless a subclass shows less of it)
        self.set_full_text(text)

    def set_full_text(self, text: str, tooltip: str | None = None) -> None:
        """``text``, cut to the width; the tooltip is the whole ``text`` unless given."""
        self.full_text = self._whole = text
        self.setToolTip(text if tooltip is None else tooltip)
        self._elide()

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("…"), super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._whole, Qt.TextElideMode.ElideRight, max(self.width(), 0))
        if shown != self.text():
            super().setText(shown)


class FlowBar(QWidget):
    """A row of widgets that wraps onto more rows when narrow (a ``FlowLayout``), its minimum height the rows'."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self.flow = FlowLayout(self, spacing=spacing)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def add(self, widget: QWidget) -> None:
        self.flow.addWidget(widget)
        self.refit()

    def hasHeightForWidth(self) -> bool:
        return False

    def minimumSizeHint(self) -> QSize:
        return self.flow.minimumSize()

    def sizeHint(self) -> QSize:
        return QSize(self.flow.sizeHint().width(), self.minimumHeight())

    def refit(self) -> None:
        """Sets the minimum height for the rows at the present width (call after showing or hiding an item)."""
        width = self.width() if self.width() > 0 else self.flow.sizeHint().width()
        height = self.flow.heightForWidth(width)
        if height != self.minimumHeight():
            self.setMinimumHeight(height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.refit()


class StackingSplitter(QSplitter):
    """Two (or more) panes side by side while ``side_by_side(width)`` says they fit, one above the other below that.

    A person may still drag the handle; the sizes are set again only when the orientation changes. ``stacked_sizes``
    (called with the splitter's height) gives the panes' heights when stacked (None: the splitter's own share).
    ``restacked(orientation)`` says when the orientation changed.
    """

    restacked = Signal(object)

    def __init__(
        self,
        side_by_side: Callable[[int], bool],
        stacked_sizes: Callable[[int], list[int] | None] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._side_by_side = side_by_side
        self._stacked_sizes = stacked_sizes
        self.setChildrenCollapsible(False)

    def minimumSizeHint(self) -> QSize:
        """As wide as the widest pane (stacked) whatever the orientation now: a scroll area around the view then
        hands it the width it has, and ``resizeEvent`` decides."""
        hint = super().minimumSizeHint()
        if self.orientation() == Qt.Orientation.Horizontal:
            panes = [pane for pane in (self.widget(i) for i in range(self.count())) if pane is not None]
            widest = max((p.minimumSizeHint().expandedTo(p.minimumSize()).width() for p in panes), default=0)
            hint.setWidth(widest)
        return hint

    def refit(self) -> None:
        """Chooses the orientation for the present width (call when what the panes need changed)."""
        wanted = Qt.Orientation.Horizontal if self._side_by_side(self.width()) else Qt.Orientation.Vertical
        if wanted == self.orientation():
            return
        self.setOrientation(wanted)
        if wanted == Qt.Orientation.Vertical and self._stacked_sizes is not None:
            sizes = self._stacked_sizes(self.height())
            if sizes:
                self.setSizes(sizes)
        self.updateGeometry()
        self.restacked.emit(wanted)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.refit()
