"""ConfusionGrid: a confusion matrix drawn as a grid of cells one can click.

Rows are the true classes, columns the predicted ones; each axis names its classes beside a swatch of the class's
colour and marker, as the plot's legend does. A cell is coloured by its rate (the share of its row): blue shades
on the diagonal (right), vermillion off it (mistakes), white for none; a row without samples is grey. Each cell
shows its count and its rate, the one chosen (``mode``) large, the other small under it; the text turns white on
dark cells.

A click on a cell selects it (a thick frame), a click on the selected cell or beside the cells clears the
selection; the arrow keys move it, Escape clears it. ``selectionChanged`` says so; the widget only draws and
reports, the view decides what a selection means.
"""

from __future__ import annotations

import math

import numpy as np
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from gui.inside.class_labels import fitted_label
from gui.widgets import colors

RIGHT_RGB = (0x00, 0x72, 0xB2)  # blue: the diagonal, samples predicted as their own class
WRONG_RGB = (0xD5, 0x5E, 0x00)  # vermillion: mistakes
EMPTY_ROW_RGB = (225, 225, 225)
MAX_CELL = 110  # pixels: a few classes do not grow into huge cells
MIN_CELL = 16  # pixels: ten classes fit a narrow dock; a cell this small shows its large number only
SMALL_FONT_PT = 7.0  # the large number's least size, in the smallest cells
SWATCH = 12
TITLE_GAP = 4


def _fmt_rate(rate: float) -> str:
    return "—" if not math.isfinite(rate) else f"{100 * rate:.0f} %"


def cell_color(rate: float, diagonal: bool) -> QColor:
    """White (rate 0) to the full hue (rate 1); grey for an undefined rate."""
    if not math.isfinite(rate):
        return QColor(*EMPTY_ROW_RGB)
    hue = RIGHT_RGB if diagonal else WRONG_RGB
    t = 0.12 + 0.88 * rate if rate > 0 else 0.0  # a single sample already tints its cell
    return QColor(*(round(255 + (c - 255) * t) for c in hue))


def text_color(fill: QColor) -> QColor:
    """Dark text on light cells, white on dark ones (by relative luminance)."""
    lum = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF()
    return QColor("#ffffff") if lum < 0.5 else QColor("#1a1a1a")


class ConfusionGrid(QWidget):
    """The matrix. ``set_matrix(counts, rates, names)`` shows it; ``selectionChanged(object)`` gives the selected
    cell as (true class, predicted class), or None."""

    selectionChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Confusion matrix")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._counts = np.zeros((0, 0), dtype=np.int64)
        self._rates = np.zeros((0, 0))
        self._names: tuple[str, ...] = ()
        self._mode = "counts"
        self._selected: tuple[int, int] | None = None

    # ------------------------------------------------------------------ state
    def set_matrix(self, counts: np.ndarray, rates: np.ndarray, names) -> None:
        """Show ``counts`` (K, K) and their row ``rates`` (``model.inside.class_scores.ClassScores``), rows true,
        columns predicted; ``names``: one per class."""
        self._counts = np.asarray(counts, dtype=np.int64)
        self._rates = np.asarray(rates, dtype=np.float64)
        self._names = tuple(str(n) for n in names)
        if self._selected is not None and max(self._selected) >= self.n_classes:
            self.set_selected(None, notify=True)
        self.update()

    def set_mode(self, mode: str) -> None:
        """ "counts" or "rates": which number a cell shows large."""
        if mode not in ("counts", "rates"):
            raise ValueError(f"mode must be 'counts' or 'rates', got {mode!r}")
        self._mode = mode
        self.update()

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def names(self) -> tuple[str, ...]:
        return self._names

    @property
    def n_classes(self) -> int:
        return int(self._counts.shape[0])

    @property
    def selected(self) -> tuple[int, int] | None:
        return self._selected

    def set_selected(self, cell: tuple[int, int] | None, notify: bool = False) -> None:
        """Select ``cell`` (None: nothing); ``notify`` emits ``selectionChanged`` when it changed."""
        if cell is not None:
            cell = (int(cell[0]), int(cell[1]))
            if not (0 <= cell[0] < self.n_classes and 0 <= cell[1] < self.n_classes):
                raise IndexError(f"no cell {cell} in a {self.n_classes}×{self.n_classes} matrix")
        changed = cell != self._selected
        self._selected = cell
        self.update()
        if changed and notify:
            self.selectionChanged.emit(cell)

    # ------------------------------------------------------------------ geometry
    def _label_width(self) -> int:
        fm = QFontMetrics(self.font())
        widest = max((fm.horizontalAdvance(n) for n in self._names), default=0)
        return min(widest, 110) + SWATCH + 4 * TITLE_GAP

    def _layout(self) -> tuple[int, int, int]:
        """(left, top, cell size) of the cells."""
        fm = QFontMetrics(self.font())
        title = fm.height() + TITLE_GAP
        left = title + self._label_width()
        top = title + fm.height() + SWATCH + 2 * TITLE_GAP
        k = max(1, self.n_classes)
        size = min((self.width() - left - 4) // k, (self.height() - top - 4) // k, MAX_CELL)
        return left, top, max(size, 8)

    def cell_rect(self, true_class: int, predicted_class: int) -> QRect:
        """Where the cell of (true class, predicted class) is drawn, in widget pixels."""
        left, top, size = self._layout()
        return QRect(left + int(predicted_class) * size, top + int(true_class) * size, size, size)

    def cell_at(self, pos) -> tuple[int, int] | None:
        left, top, size = self._layout()
        col = math.floor((pos.x() - left) / size)
        row = math.floor((pos.y() - top) / size)
        if 0 <= row < self.n_classes and 0 <= col < self.n_classes:
            return row, col
        return None

    def _min_cell(self) -> int:
        """The least cell that holds its widest number (the large one, at its least size)."""
        font = QFont(self.font())
        font.setPointSizeF(SMALL_FONT_PT)
        font.setBold(True)
        widest = max((len(str(int(c))) for c in self._counts.flat), default=1)
        return max(MIN_CELL, QFontMetrics(font).horizontalAdvance("8" * max(widest, 2)) + 2)

    def sizeHint(self) -> QSize:
        left, top, _ = self._layout()
        k = max(2, self.n_classes)
        return QSize(left + k * 56 + 4, top + k * 56 + 4)

    def minimumSizeHint(self) -> QSize:
        left, top, _ = self._layout()
        k, cell = max(2, self.n_classes), self._min_cell()
        return QSize(left + k * cell + 2, top + k * cell + 2)

    def width_for(self, cell: int) -> int:
        """The width that draws cells ``cell`` pixels wide (at least the least cells)."""
        left, _top, _ = self._layout()
        return left + max(2, self.n_classes) * max(cell, self._min_cell()) + 2

    def height_for(self, width: int) -> int:
        """The height the cells take at ``width`` (as square as they are drawn, at most ``MAX_CELL``)."""
        left, top, _ = self._layout()
        k = max(2, self.n_classes)
        cell = max(self._min_cell(), min((width - left - 4) // k, MAX_CELL))
        return top + k * cell + 4

    # ------------------------------------------------------------------ painting
    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        k = self.n_classes
        if k == 0:
            p.setPen(self.palette().placeholderText().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No predictions yet")
            return
        left, top, size = self._layout()
        fm = QFontMetrics(self.font())
        self._paint_titles(p, fm, left, top, size)
        self._paint_axis_labels(p, fm, left, top, size)
        big, small = QFont(self.font()), QFont(self.font())
        big.setPointSizeF(max(SMALL_FONT_PT, min(13.0, size / 5.0)))
        big.setBold(True)
        small.setPointSizeF(max(6.0, min(9.0, size / 7.5)))
        for i in range(k):
            for j in range(k):
                self._paint_cell(p, i, j, QRectF(self.cell_rect(i, j)), big, small)
        if self._selected is not None:
            r = QRectF(self.cell_rect(*self._selected)).adjusted(1.5, 1.5, -1.5, -1.5)
            p.setPen(QPen(QColor("#1a1a1a"), 3))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(r)
            p.setPen(QPen(QColor("#ffc800"), 1.2))
            p.drawRect(r.adjusted(2.5, 2.5, -2.5, -2.5))

    def _paint_titles(self, p: QPainter, fm: QFontMetrics, left: int, top: int, size: int) -> None:
        """The axis titles, centred on the cells but never cut: over fewer cells than their words they reach
        out over the labels."""
        k = self.n_classes
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        bold_metrics = QFontMetrics(bold)
        p.setPen(self.palette().text().color())
        across, up = "predicted class →", "← true class"
        width = bold_metrics.horizontalAdvance(across) + 2
        x = min(max(left + k * size // 2 - width // 2, 0), max(self.width() - width, 0))
        p.drawText(QRect(x, 0, width, fm.height()), Qt.AlignmentFlag.AlignCenter, across)
        length = bold_metrics.horizontalAdvance(up) + 2
        y = min(max(top + k * size // 2 - length // 2, 0), max(self.height() - length, 0))
        p.save()
        p.translate(0, y + length)
        p.rotate(-90)
        p.drawText(QRect(0, 0, length, fm.height()), Qt.AlignmentFlag.AlignCenter, up)
        p.restore()
        p.setFont(self.font())

    def _swatch(self, p: QPainter, centre: QPointF, k: int) -> None:
        p.save()
        p.translate(centre)
        symbol = colors.class_symbol(k)
        pen = QPen(QColor(colors.OUTLINE), 0.8)
        pen.setCosmetic(True)  # the symbol is a unit path scaled to its size: the outline must not scale with it
        drawSymbol(p, symbol, SWATCH - 1, pen, QBrush(colors.class_qcolor(k)))
        p.restore()

    def shown_labels(self) -> tuple[list[str], list[str]]:
        """The class names as the rows and the columns show them: each as it fits its room, keeping what tells the
        classes apart ("c. 1" over a narrow column of "cultivar 1"); the whole name is in the tooltip over it."""
        fm = QFontMetrics(self.font())
        label_w = self._label_width() - SWATCH - 4 * TITLE_GAP
        _left, _top, size = self._layout()
        rows = [fitted_label(name, self._names, label_w, fm) for name in self._names]
        return rows, [fitted_label(name, self._names, size - 2, fm) for name in self._names]

    def _paint_axis_labels(self, p: QPainter, fm: QFontMetrics, left: int, top: int, size: int) -> None:
        p.setPen(self.palette().text().color())
        label_w = self._label_width() - SWATCH - 4 * TITLE_GAP
        title = fm.height() + TITLE_GAP
        rows, columns = self.shown_labels()
        for k in range(len(self._names)):
            # rows: name then swatch, right-aligned against the cells
            y = top + k * size
            self._swatch(p, QPointF(left - SWATCH / 2 - 2 * TITLE_GAP, y + size / 2), k)
            p.drawText(
                QRect(title, y, label_w, size), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, rows[k]
            )
            # columns: name above swatch, centred over the cells
            x = left + k * size
            text = columns[k]
            if text.rstrip("\u2026"):  # a bare "…" over each column says nothing: the symbol under it does
                p.drawText(QRect(x, title, size, fm.height()), Qt.AlignmentFlag.AlignCenter, text)
            self._swatch(p, QPointF(x + size / 2, title + fm.height() + TITLE_GAP + SWATCH / 2), k)

    def _paint_cell(self, p: QPainter, i: int, j: int, r: QRectF, big: QFont, small: QFont) -> None:
        count, rate = int(self._counts[i, j]), float(self._rates[i, j])
        fill = cell_color(rate, i == j)
        p.setPen(QPen(QColor("#ffffff"), 1.5))
        p.setBrush(fill)
        p.drawRect(r)
        p.setPen(text_color(fill))
        first, second = (str(count), _fmt_rate(rate)) if self._mode == "counts" else (_fmt_rate(rate), str(count))
        if r.height() < 40:  # too small for two lines: the chosen number only
            p.setFont(big)
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, first)
        else:
            upper = QRectF(r.left(), r.top() + r.height() * 0.12, r.width(), r.height() * 0.5)
            lower = QRectF(r.left(), r.top() + r.height() * 0.58, r.width(), r.height() * 0.3)
            p.setFont(big)
            p.drawText(upper, Qt.AlignmentFlag.AlignCenter, first)
            p.setFont(small)
            p.drawText(lower, Qt.AlignmentFlag.AlignCenter, second)
        p.setFont(self.font())

    # ------------------------------------------------------------------ input
    def describe(self, i: int, j: int) -> str:
        """What cell (i, j) holds, in a sentence."""
        names = self._names
        count, rate = int(self._counts[i, j]), float(self._rates[i, j])
        what = "predicted right" if i == j else f"predicted as {names[j]}"
        share = f" ({_fmt_rate(rate)} of {names[i]})" if math.isfinite(rate) else ""
        noun = "sample" if count == 1 else "samples"
        return f"{count} {noun} of {names[i]} {what}{share}. Click to highlight them on the plot."

    def mousePressEvent(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        cell = self.cell_at(event.position())
        self.set_selected(None if cell is None or cell == self._selected else cell, notify=True)
        event.accept()

    def label_at(self, pos) -> str | None:
        """The tooltip of the class name (a row's or a column's) at ``pos``: names are cut to their cells."""
        left, top, size = self._layout()
        k = self.n_classes
        row = math.floor((pos.y() - top) / size)
        col = math.floor((pos.x() - left) / size)
        if pos.x() < left and 0 <= row < k:
            return f"true class: {self._names[row]}"
        if pos.y() < top and 0 <= col < k:
            return f"predicted class: {self._names[col]}"
        return None

    def mouseMoveEvent(self, event) -> None:
        cell = self.cell_at(event.position())
        tip = self.describe(*cell) if cell is not None else self.label_at(event.position())
        if tip is None:
            QToolTip.hideText()
            self.setToolTip("")
        else:
            self.setToolTip(tip)
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event) -> None:
        key, k = event.key(), self.n_classes
        moves = {Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0), Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1)}
        if key == Qt.Key.Key_Escape and self._selected is not None:
            self.set_selected(None, notify=True)
        elif key in moves and k:
            di, dj = moves[key]
            i, j = self._selected if self._selected is not None else (0, 0)
            if self._selected is not None:
                i, j = min(max(i + di, 0), k - 1), min(max(j + dj, 0), k - 1)
            self.set_selected((i, j), notify=True)
        else:
            super().keyPressEvent(event)
