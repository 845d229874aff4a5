"""ClassScoresTable: each class's precision, recall, F1 and support, beside (or under) the confusion matrix.

The table never scrolls sideways: the numbers' columns take their contents' width and the class names what is
left. Whole names come before whole header words: where both do not fit, the headers are abbreviated ("prec.",
"rec.", "n"; every header's tooltip names and explains its column), and a name still too long is shortened where
the names agree ("c. 1" for wine's "cultivar 1", ``class_labels``) before it is cut with "…" (iris: "versic…"
beside "virgin…"), the whole name in the cell's tooltip and in the matrix's row beside it.
``full_width()`` is the width the table needs for whole headers and names, so that the view can decide whether
it stands beside the matrix.
"""

from __future__ import annotations

import math

from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableWidget, QTableWidgetItem, QWidget

from gui.inside.class_labels import fitted_label
from gui.widgets import colors

COLUMNS = ("class", "precision", "recall", "F1", "support")
SHORT_COLUMNS = ("class", "prec.", "rec.", "F1", "n")
COLUMN_TIPS = (
    "class: the true class",
    "precision: of the samples predicted as this class, the share that are of it: TP / (TP + FP)",
    "recall: of the samples of this class, the share predicted as it: TP / (TP + FN)",
    "F1: harmonic mean of precision and recall: 2·TP / (2·TP + FP + FN)",
    "support: samples of this class in the split",
)
NAME_MIN_CHARS = "Wi…"  # the class column shows at least this much of a name (with its marker)


def _score_text(value: float) -> str:
    return "—" if not math.isfinite(value) else f"{value:.2f}"


def swatch_icon(k: int) -> QIcon:
    pm = QPixmap(12, 12)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.translate(6, 6)
    pen = QPen(QColor(colors.OUTLINE), 0.8)
    pen.setCosmetic(True)
    drawSymbol(p, colors.class_symbol(k), 10, pen, QBrush(colors.class_qcolor(k)))  # the plot's marker
    p.end()
    return QIcon(pm)


class ClassScoresTable(QTableWidget):
    """``fill(scores, names)`` shows a ``model.inside.class_scores.ClassScores``."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, len(COLUMNS), parent)
        self.setAccessibleName("Precision, recall and F1 of each class")
        for column, (name, tip) in enumerate(zip(COLUMNS, COLUMN_TIPS, strict=True)):
            header_item = QTableWidgetItem(name)
            header_item.setToolTip(tip)
            self.setHorizontalHeaderItem(column, header_item)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._names: tuple[str, ...] = ()
        self._fit_headers()

    # ------------------------------------------------------------------ contents
    def fill(self, scores, names) -> None:
        k = scores.n_classes
        self._names = tuple(names)
        self.setRowCount(k)
        precision, recall, f1, support = scores.precision, scores.recall, scores.f1, scores.support
        for row in range(k):
            name = QTableWidgetItem(swatch_icon(row), names[row])  # shortened to its room (_fit_headers)
            name.setToolTip(names[row])
            cells = [name]
            for value, undefined in (
                (precision[row], "never predicted: precision is 0 / 0"),
                (recall[row], "no sample of this class in the split: recall is 0 / 0"),
                (f1[row], "neither present nor predicted"),
            ):
                item = QTableWidgetItem(_score_text(float(value)))
                if not math.isfinite(float(value)):
                    item.setToolTip(f"undefined: {undefined}")
                cells.append(item)
            cells.append(QTableWidgetItem(f"{int(support[row]):,}"))
            for column, item in enumerate(cells):
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(row, column, item)
        self._fit_headers()
        self.updateGeometry()  # wider numbers (a larger split) need a wider table, more classes a taller one

    # ------------------------------------------------------------------ widths
    def _numbers_width(self, labels) -> int:
        """The width of the numbers' columns with these header labels."""
        metrics = self.horizontalHeader().fontMetrics()
        margin = 2 * self.style().pixelMetric(self.style().PixelMetric.PM_HeaderMargin) + 6
        return sum(
            max(self.sizeHintForColumn(c), metrics.horizontalAdvance(labels[c]) + margin)
            for c in range(1, len(COLUMNS))
        )

    def _name_width(self, names) -> int:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(n) for n in names), default=0)
        head = self.horizontalHeader().fontMetrics().horizontalAdvance(COLUMNS[0])
        return max(widest + self._name_padding(), head + 12)

    def _name_padding(self) -> int:
        """The class column's width besides the name's words: the class's marker and the cell's margins."""
        return self.iconSize().width() + 20

    def _frame(self) -> int:
        return 2 * self.frameWidth() + self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)

    def full_width(self) -> int:
        """Wide enough for whole headers and whole class names."""
        return self._numbers_width(COLUMNS) + self._name_width(self._names) + self._frame()

    def least_width(self) -> int:
        """Abbreviated headers and names cut to a few letters: the table is never narrower."""
        return self._numbers_width(SHORT_COLUMNS) + self._name_width((NAME_MIN_CHARS,)) + self._frame()

    def rows_height(self) -> int:
        """The height that shows the header and every class's row: the table never scrolls inside the view's own
        scroll (a short dock scrolls to the rows instead of showing a header over an empty box)."""
        rows = sum(self.rowHeight(row) for row in range(self.rowCount()))
        return self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth()

    def minimumSizeHint(self):
        hint = super().minimumSizeHint()
        hint.setWidth(self.least_width())
        hint.setHeight(max(hint.height(), self.rows_height()))
        return hint

    def _fit_headers(self) -> None:
        room = self.viewport().width() if self.isVisible() else self.width()
        room = max(room, 1)
        whole = self._numbers_width(COLUMNS) + self._name_width(self._names or (NAME_MIN_CHARS,)) <= room
        labels = COLUMNS if whole else SHORT_COLUMNS
        for column, text in enumerate(labels):
            item = self.horizontalHeaderItem(column)
            if item is not None and item.text() != text:
                item.setText(text)
        name_room = room - self._numbers_width(labels) - self._name_padding()
        for row, name in enumerate(self._names[: self.rowCount()]):
            item = self.item(row, 0)
            shown = fitted_label(name, self._names, name_room, self.fontMetrics())
            if item is not None and item.text() != shown:
                item.setText(shown)

    def shown_names(self) -> tuple[str, ...]:
        """The class names as the table writes them (whole, or shortened to the column's room)."""
        items = (self.item(row, 0) for row in range(self.rowCount()))
        return tuple(item.text() if item is not None else "" for item in items)

    def shown_headers(self) -> tuple[str, ...]:
        items = (self.horizontalHeaderItem(c) for c in range(self.columnCount()))
        return tuple(item.text() if item is not None else "" for item in items)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_headers()
