""" "Draw a digit": a pad the person draws on with the mouse, what the network makes of it, as live bars.

How a drawing becomes the network's input, as scikit-learn's digits were made (``model.inside.drawn_digit``): the
data's digits were size-normalised and centred into a 32×32 bitmap, with thick strokes, before their 4×4 blocks'
"on" pixels were counted, so the pad's strokes are too: their bounding box is scaled to the full height of the box
where the data's digits sit (the shape kept, unless that makes it wider than the data's digits: then squeezed to
their width) and centred, drawn with the pen that gives the data's ink (about 313 of the 1,024 pixels), then the
bitmap is cut into 8×8 blocks of 4×4 pixels, each block's set pixels (0..16) divided by 16 is one input.
Beside the pad: that 32×32 bitmap and the 64 inputs as an 8×8 image; the bars are the model's class
probabilities for them (the perceptron's scores), following every snapshot it is given (live training or the
timeline's past moment).

``digitChanged(features)`` carries the 64 inputs after every stroke (None once cleared): the window draws the
drawing's path through the network diagram with it.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from gui.inside.digit_pictures import digit_qimage, draw_pixels
from gui.inside.inspect_common import POSITIVE, fmt, rgba_to_qimage
from gui.inside.throttled_view import ThrottledView
from gui.widgets.wrapping import WrappedLabel
from model.inside.digit_images import BLOCK, PAD_PIXELS, block_counts, class_outputs, pad_features, reads_images
from model.inside.drawn_digit import drawn_bitmap

INK_WIDTH = 2.5  # pad units (1/32 of the pad's side): the line the person sees while drawing
PREVIEW = 48  # pixels: each of the two small images beside the pad
#: the longest caption under the pad: the caption keeps its height from the start
LONGEST_CAPTION = "Epoch 00000: the network says 0 (probability 0.000)."


class VerdictCaption(WrappedLabel):
    """The caption under the pad, as tall as ``LONGEST_CAPTION`` at its width even while it says less ("Draw a
    digit on the pad."): the view's least height does not grow once a digit is drawn, so a dock laid out for the
    empty pad (a lesson arranging its views) does not start scrolling then."""

    def _fit(self) -> None:
        width = self.width() if self.width() > 0 else self.sizeHint().width()
        m = self.contentsMargins()
        text_width = max(1, width - m.left() - m.right())
        flags = Qt.TextFlag.TextWordWrap
        longest = self.fontMetrics().boundingRect(0, 0, text_width, 10_000, flags, LONGEST_CAPTION).height()
        height = max(QLabel.heightForWidth(self, width), longest + m.top() + m.bottom(), self.fontMetrics().height())
        if height != self.minimumHeight():
            self.setMinimumHeight(height)


class DrawPad(QWidget):
    """The square the person draws on with the left button. ``strokes`` is the drawing, in pad units (the side is
    32, (0, 0) the top-left corner) as the mouse went; ``bitmap`` is the 32×32 bitmap made of it as the data's
    digits were made (fitted into the frame, the data's ink), the one the network's 64 inputs are counted from."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.strokes: list[list[tuple[float, float]]] = []
        self.bitmap = np.zeros((PAD_PIXELS, PAD_PIXELS), bool)
        self._last: tuple[float, float] | None = None
        self.setMinimumSize(80, 80)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(
            "Draw a digit with the left mouse button, any size, anywhere: it is fitted into the 32×32 frame "
            "as the data set's digits were"
        )

    def sizeHint(self) -> QSize:
        return QSize(224, 224)

    def pad_rect(self) -> QRectF:
        side = min(self.width(), self.height())
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def to_pad(self, pos: QPointF) -> tuple[float, float]:
        """A widget position as (x, y) in pad units."""
        r = self.pad_rect()
        k = PAD_PIXELS / r.width()
        return ((pos.x() - r.left()) * k, (pos.y() - r.top()) * k)

    def stroke(self, start: tuple[float, float], end: tuple[float, float]) -> None:
        """A segment of the mouse's path: it goes on the stroke being drawn when it starts where that one ended,
        else it starts a new stroke."""
        start, end = (float(start[0]), float(start[1])), (float(end[0]), float(end[1]))
        if self.strokes and self.strokes[-1][-1] == start:
            self.strokes[-1].append(end)
        else:
            self.strokes.append([start, end])
        self.bitmap = drawn_bitmap(self.strokes)
        self.update()
        self.changed.emit()

    def clear(self) -> None:
        self.strokes = []
        self.bitmap = np.zeros((PAD_PIXELS, PAD_PIXELS), bool)
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._last = self.to_pad(event.position())
            self.stroke(self._last, self._last)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._last is not None and event.buttons() & Qt.MouseButton.LeftButton:
            here = self.to_pad(event.position())
            self.stroke(self._last, here)
            self._last = here
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        self._last = None
        super().mouseReleaseEvent(event)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = self.pad_rect()
        p.fillRect(self.rect(), self.palette().window())
        p.fillRect(r, QColor("white"))
        unit = r.width() / PAD_PIXELS
        pen = QPen(QColor(20, 20, 20), INK_WIDTH * unit)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        for stroke in self.strokes:
            points = [QPointF(r.left() + x * unit, r.top() + y * unit) for x, y in stroke]
            if len(points) > 1 and any(q != points[0] for q in points):
                p.drawPolyline(points)
            else:
                p.drawPoint(points[0])
        p.setPen(QPen(QColor(120, 120, 120), 1.0))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(r)
        p.end()


class ClassBars(QWidget):
    """One horizontal bar per class: its probability (or score), the largest in the accent colour."""

    ROWS = 10  # the digits' classes: the bars keep room for each one's line of text

    def __init__(self, parent=None):
        super().__init__(parent)
        self.values = np.empty(0)
        self.kind = "probabilities"
        self.names: tuple = ()

    def _text_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        return font

    def minimumSizeHint(self) -> QSize:
        """Each class's line of text whole (a line less and the last bars' numbers were cut)."""
        return QSize(100, self.ROWS * QFontMetrics(self._text_font()).height())

    def sizeHint(self) -> QSize:
        return QSize(170, 200)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        n = len(self.values)
        if not n:
            p.end()
            return
        p.setFont(self._text_font())
        h = self.height() / n
        label_w, value_w = 22.0, 44.0
        bar_w = max(self.width() - label_w - value_w - 6, 10.0)
        v = self.values
        if self.kind == "probabilities":
            lengths = np.clip(v, 0.0, 1.0)
        else:  # scores: from the smallest to the largest
            span = float(v.max() - v.min()) or 1.0
            lengths = (v - v.min()) / span
        best = int(np.argmax(v))
        ink = self.palette().text().color()
        for c in range(n):
            y = c * h
            p.setPen(ink)
            name = self.names[c] if c < len(self.names) else str(c)
            p.drawText(QRectF(0, y, label_w, h), Qt.AlignmentFlag.AlignCenter, name)
            color = QColor(POSITIVE) if c == best else QColor(160, 160, 160)
            p.fillRect(QRectF(label_w, y + h * 0.2, bar_w * float(lengths[c]), h * 0.6), color)
            p.setPen(ink)
            p.drawText(
                QRectF(label_w + bar_w + 4, y, value_w, h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"{100 * v[c]:.0f} %" if self.kind == "probabilities" else fmt(v[c], 2),
            )
        p.end()


class DigitDrawView(ThrottledView):
    """The dock's widget: pad, Clear, the 32×32 bitmap and the 8×8 inputs made of the drawing, and the bars.
    ``features`` is the drawing's 64 inputs (None while the pad is empty), ``outputs`` the model's ``ClassOutputs``
    for them."""

    digitChanged = Signal(object)
    rate_hz = 10.0

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("digitDrawView")
        self.features = None
        self.outputs = None
        self.class_names: tuple = tuple(str(k) for k in range(10))
        self.pad = DrawPad()
        self.pad.changed.connect(self._on_drawn)
        self.clear_button = QPushButton("Clear")
        self.clear_button.setToolTip("Wipe the pad")
        self.clear_button.clicked.connect(self.pad.clear)
        self.bitmap_preview = QLabel()
        self.bitmap_preview.setFixedSize(PREVIEW, PREVIEW)
        self.bitmap_preview.setToolTip(
            "The drawing as the data set's digits were made: fitted into the 32×32 frame (full height, centred, its "
            "shape kept unless wider than the data's digits) and drawn with the pen that gives the data's ink "
            "(about 313 of the 1,024 pixels)"
        )
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW, PREVIEW)
        self.preview.setToolTip(
            "What the network reads: the 32×32 bitmap cut into 4×4 blocks, each block's set pixels (0..16) ÷ 16"
        )
        self.bars = ClassBars()
        # wraps without height-for-width: the dock's scroll area would otherwise size the view to the pad's
        # preferred height and scroll the caption out of a short dock
        self.caption = VerdictCaption()
        side = QVBoxLayout()
        head = QGridLayout()
        head.setSpacing(2)
        head.addWidget(self.bitmap_preview, 0, 0)
        head.addWidget(self.preview, 0, 1)
        head.addWidget(QLabel("32×32"), 1, 0, Qt.AlignmentFlag.AlignHCenter)
        head.addWidget(QLabel("→ 8×8"), 1, 1, Qt.AlignmentFlag.AlignHCenter)
        head.setColumnStretch(2, 1)
        side.addLayout(head)
        side.addWidget(self.bars, 1)
        top = QHBoxLayout()
        top.addWidget(self.pad, 3)
        top.addLayout(side, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top, 1)
        row = QHBoxLayout()
        row.addWidget(self.caption, 1)
        row.addWidget(self.clear_button)
        lay.addLayout(row)
        self._update_preview()
        self.redraw(None)

    def set_class_names(self, names) -> None:
        self.class_names = tuple(names)
        self.bars.names = self.class_names

    @Slot()
    def _on_drawn(self) -> None:
        self.features = pad_features(self.pad.bitmap) if self.pad.bitmap.any() else None
        self._update_preview()
        self.digitChanged.emit(None if self.features is None else self.features.copy())
        self.mark_dirty()
        if self.isVisible():
            self.flush()

    def _update_preview(self) -> None:
        bitmap = self.pad.bitmap
        self.bitmap_preview.setPixmap(self._bitmap_picture(bitmap))
        pix = QPixmap(PREVIEW, PREVIEW)
        pix.fill(QColor("white"))
        p = QPainter(pix)
        draw_pixels(p, QRectF(0, 0, PREVIEW - 1, PREVIEW - 1), digit_qimage(block_counts(bitmap) / 16.0))
        p.end()
        self.preview.setPixmap(pix)

    @staticmethod
    def _bitmap_picture(bitmap: np.ndarray) -> QPixmap:
        """The 32×32 bitmap as a PREVIEW-pixel square, over the faint lines of its 4×4 blocks (each one input)."""
        pix = QPixmap(PREVIEW, PREVIEW)
        pix.fill(QColor("white"))
        p = QPainter(pix)
        rect = QRectF(0, 0, PREVIEW - 1, PREVIEW - 1)
        p.setPen(QPen(QColor(205, 215, 235), 1.0))
        n = PAD_PIXELS // BLOCK
        for k in range(1, n):
            at = k * rect.width() / n
            p.drawLine(QPointF(at, rect.top()), QPointF(at, rect.bottom()))
            p.drawLine(QPointF(rect.left(), at), QPointF(rect.right(), at))
        ink = np.zeros(bitmap.shape + (4,), np.uint8)
        ink[..., 0:3] = 20
        ink[..., 3] = np.where(bitmap, 255, 0)  # the paper left transparent: the blocks' lines show through
        draw_pixels(p, rect, rgba_to_qimage(ink, flip_rows=False))
        p.end()
        return pix

    def redraw(self, snap) -> None:
        self.bars.names = self.class_names
        if self.features is None or not reads_images(snap):
            self.outputs = None
            self.bars.values = np.empty(0)
            self.caption.setText(
                "Draw a digit on the pad." if reads_images(snap) or snap is None else "The pad needs the digits data."
            )
            self.bars.update()
            return
        out = class_outputs(snap, self.features)
        self.outputs = out
        self.bars.values, self.bars.kind = out.values[0], out.kind
        best = int(out.predicted[0])
        name = self.class_names[best] if best < len(self.class_names) else str(best)
        word = "probability" if out.kind == "probabilities" else "score"
        self.caption.setText(f"Epoch {snap.epoch}: the network says {name} ({word} {fmt(out.values[0, best], 3)}).")
        self.bars.update()
