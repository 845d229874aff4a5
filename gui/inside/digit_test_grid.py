""" "Test images": a grid of digits with the class the model predicts; mistakes framed red with the true class.

By default it shows the first ``DEFAULT_COUNT`` test images. ``show_samples(indices)`` (the confusion matrix's
``samplesSelected``: sorted row indices into the shown Dataset, empty for none) makes it show exactly those samples
instead, of either split, all of them (the grid scrolls), until the selection is cleared. Hover a digit: the
model's class probabilities for it (the perceptron's scores: it gives no probabilities). Each redraw asks the
snapshot it is given (live, or the timeline's past moment) what it predicts.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from gui.inside.digit_pictures import MISTAKE, digit_qimage, draw_pixels
from gui.inside.inspect_common import fmt
from gui.inside.throttled_view import ThrottledView
from gui.widgets.scroll_into_view import enclosing_scroll, show_in_scroll
from model.inside.digit_images import is_digit_data, reads_images, verdicts

DEFAULT_COUNT = 60
CELL_PX = 58  # a digit enlarged to 40 px plus its caption
IMAGE_PX = 40
NOTE = "Each digit with the class the model predicts; hover a digit for the probabilities."


class DigitCells(QWidget):
    """Paints the digits in rows as wide as the scroll area; grows in height to hold them all."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.verdicts = None
        self.images: list = []
        self.class_names: tuple = ()

    def columns(self) -> int:
        return max(1, self.width() // CELL_PX)

    def sizeHint(self) -> QSize:
        return QSize(6 * CELL_PX, self.heightForWidth(6 * CELL_PX))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        n = len(self.images)
        return max(CELL_PX, math.ceil(n / max(1, width // CELL_PX)) * CELL_PX)

    def refit(self) -> None:
        self.setMinimumHeight(self.heightForWidth(max(self.width(), CELL_PX)))
        self.update()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.setMinimumHeight(self.heightForWidth(max(self.width(), CELL_PX)))

    def image_rect(self, k: int) -> QRectF:
        cols = self.columns()
        x, y = (k % cols) * CELL_PX, (k // cols) * CELL_PX
        return QRectF(x + (CELL_PX - IMAGE_PX) / 2, y + 3, IMAGE_PX, IMAGE_PX)

    def _name(self, c: int) -> str:
        return self.class_names[c] if 0 <= c < len(self.class_names) else str(c)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        v = self.verdicts
        if v is None:
            p.end()
            return
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        p.setFont(font)
        ink = self.palette().text().color()
        for k, image in enumerate(self.images):
            rect = self.image_rect(k)
            if not rect.intersects(QRectF(event.rect())):
                continue
            wrong = bool(v.wrong[k])
            draw_pixels(p, rect, image, MISTAKE if wrong else None, 3.0 if wrong else 1.0)
            caption = QRectF(rect.left() - 8, rect.bottom() + 1, rect.width() + 16, CELL_PX - IMAGE_PX - 4)
            if wrong:
                p.setPen(MISTAKE)
                text = f"{self._name(int(v.predicted[k]))} (is {self._name(int(v.true[k]))})"
            else:
                p.setPen(ink)
                text = self._name(int(v.predicted[k]))
            p.drawText(caption, Qt.AlignmentFlag.AlignCenter, text)
        p.end()

    def index_at(self, x: float, y: float) -> int | None:
        cols = self.columns()
        col, row = int(x // CELL_PX), int(y // CELL_PX)
        k = row * cols + col
        return k if col < cols and 0 <= k < len(self.images) else None

    def describe(self, k: int) -> str:
        """The tooltip of the k-th digit: its sample, true and predicted class, the model's outputs."""
        v = self.verdicts
        out = v.outputs
        lines = [
            f"<b>sample {int(v.indices[k])}</b>: true {self._name(int(v.true[k]))}, "
            f"predicted {self._name(int(v.predicted[k]))}"
        ]
        if len(out.values):
            row = out.values[k]
            word = "probability" if out.kind == "probabilities" else "score (a perceptron gives no probabilities)"
            lines.append(f"class {word}:")
            best = int(np.argmax(row))
            for c, value in enumerate(row):
                bar = "█" * int(np.rint(10 * value)) if out.kind == "probabilities" else ""
                text = f"{self._name(c)}: {fmt(value, 3)} {bar}"
                lines.append(f"<b>{text}</b>" if c == best else text)
        return "<br>".join(lines)

    def mouseMoveEvent(self, event) -> None:
        pos = event.position()
        k = self.index_at(pos.x(), pos.y())
        if k is None or self.verdicts is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self.describe(k), self)
        super().mouseMoveEvent(event)


class DigitTestGrid(ThrottledView):
    """The dock's widget. ``shown_indices`` are the samples drawn, ``verdicts`` what the model said of them."""

    rate_hz = 4.0

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("digitTestGrid")
        self._dataset = None
        self._version = None
        self.selection = np.empty(0, np.int64)
        self.shown_indices = np.empty(0, np.int64)
        self.verdicts = None
        # a short caption above the digits (the epoch, what is shown, how many are wrong and how they are marked), the
        # rest in the tooltip: in a short dock (a 1024×700 screen, the confusion matrix above) the digits stay in view
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.cells = DigitCells()
        self.cells_scroll = QScrollArea()
        self.cells_scroll.setWidgetResizable(True)
        self.cells_scroll.setWidget(self.cells)
        # never less than a row of digits
        self.cells_scroll.setMinimumHeight(CELL_PX + 2 * self.cells_scroll.frameWidth())
        self.caption.setToolTip(NOTE)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.caption)
        lay.addWidget(self.cells_scroll, 1)
        self.redraw(None)

    def set_dataset(self, dataset, version=None) -> None:
        self._dataset, self._version = dataset, version
        self.selection = np.empty(0, np.int64)
        self.mark_dirty()

    @Slot(object)
    def show_samples(self, indices) -> None:
        """Show exactly these samples (row indices into the dataset); an empty selection: the first test images."""
        idx = np.asarray(indices if indices is not None else [], dtype=np.int64).reshape(-1)
        n = self._dataset.n_samples if self._dataset is not None else 0
        self.selection = idx[(idx >= 0) & (idx < n)]
        self.mark_dirty()
        if self.isVisible():
            self.flush()
            QTimer.singleShot(0, self._bring_digits_into_view)  # once the caption's new text is laid out

    @Slot()
    def _bring_digits_into_view(self) -> None:
        """The first digits shown where the person looks: the grid at its top, and the grid itself scrolled into
        the dock's view if the dock (a scroll area holding this view) is too short to show all of it."""
        self.cells_scroll.verticalScrollBar().setValue(0)
        outer = enclosing_scroll(self)
        if outer is not None:
            show_in_scroll(outer, self.cells_scroll)

    def marked_indices(self) -> np.ndarray:
        """The samples drawn with a red frame (misclassified)."""
        if self.verdicts is None:
            return np.empty(0, np.int64)
        return self.verdicts.indices[self.verdicts.wrong]

    def _default_indices(self) -> np.ndarray:
        return np.flatnonzero(self._dataset.is_test)[:DEFAULT_COUNT].astype(np.int64)

    def redraw(self, snap) -> None:
        ds = self._dataset
        fits = (
            snap is not None
            and is_digit_data(ds)
            and reads_images(snap)
            and (self._version is None or snap.data_version == self._version)
        )
        if not fits:
            self.verdicts, self.shown_indices = None, np.empty(0, np.int64)
            self.cells.verdicts, self.cells.images = None, []
            self.caption.setText(
                "No model yet."
                if snap is None
                else "Test images need the digits: Settings ▸ Data ▸ Dataset ▸ Digits (8×8)."
            )
            self.cells.refit()
            return
        idx = self.selection if len(self.selection) else self._default_indices()
        v = verdicts(snap, ds, idx)
        self.verdicts, self.shown_indices = v, idx
        self.cells.verdicts = v
        self.cells.class_names = tuple(ds.class_names)
        self.cells.images = [digit_qimage(img) for img in v.images]
        n_wrong = int(v.wrong.sum())
        n = len(idx)
        what = (
            f"the {n} selected sample{'s' if n != 1 else ''}"
            if len(self.selection)
            else f"the first {n} of {ds.n_test} test images"
        )
        self.caption.setText(f"Epoch {snap.epoch}: {what}; {n_wrong} wrong (red frame, the true class in brackets).")
        self.cells.refit()


__all__ = ["DigitTestGrid"]
