""" "Unit images", what each unit looks for: every first-layer unit's 64 incoming weights drawn as an 8×8 image.

A unit's output grows with the pixels where its weights are positive (blue) and shrinks with those where they are
negative (orange); white is a zero weight (the pixel does not matter to it). At the start the images are noise
(random initial weights); while the network learns on the digits they turn into strokes and blobs: the parts of
digits the unit responds to. In logistic regression and the perceptron (no hidden layer) the first layer is the
output layer, so the images are each class's weights: a template of the digit against the others.

Colour scale: symmetric around 0, per unit by default (each image's own largest |w| is full colour, so a unit
with small weights still shows its pattern); "one scale for all" uses the largest |w| of the layer for every image
(the units' strengths compare). It draws whatever snapshot it is given: a live one or the timeline's past moment.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Slot
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QCheckBox, QLabel, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from gui.inside.digit_pictures import draw_pixels, weight_qimage
from gui.inside.inspect_common import NEGATIVE, POSITIVE, fmt
from gui.inside.throttled_view import ThrottledView
from model.inside.digit_images import reads_images, symmetric_scale, unit_images

CAPTION_PX = 14
#: px: the least side of a unit's image (3 px a pixel), below which the grid asks its scroll area for more height
LEAST_CELL_PX = 24
ROOM_FOR_UNITS = 16  # the digits lesson's hidden units; a model with more asks room for all of its images


class UnitGrid(QWidget):
    """Paints the images in a grid that fills its width (square cells, a caption under each)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setMinimumSize(100, 40)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # the height it needs depends on its width (how many images fit in a row); the dock's scroll area asks
        # heightForWidth, which would otherwise be sizeHint's height, and scrolled though every image was in sight
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.images: list = []  # QImages
        self.captions: list[str] = []
        self.tips: list[str] = []

    def sizeHint(self) -> QSize:
        return QSize(320, 300)

    def heightForWidth(self, width: int) -> int:
        """The least height at which every image is at least ``LEAST_CELL_PX`` square (a caption line under each
        row, as ``cell_rects`` lays them out) in ``width``; room for at least ``ROOM_FOR_UNITS`` images, drawn or
        not yet: a dock laid out before the first model arrives (a lesson opening) does not start scrolling when
        its images come."""
        n = max(len(self.images), ROOM_FOR_UNITS)
        cols = max(1, min(n, width // LEAST_CELL_PX))
        return max(self.minimumHeight(), math.ceil(n / cols) * (LEAST_CELL_PX + CAPTION_PX))

    def cell_rects(self) -> list[QRectF]:
        n = len(self.images)
        if not n:
            return []
        w, h = max(self.width(), 1), max(self.height(), 1)
        # the number of columns that gives the largest square cells (a caption under each) within the widget
        cols = max(range(1, n + 1), key=lambda c: min(w / c, h / math.ceil(n / c) - CAPTION_PX))
        side = max(min(w / cols, h / math.ceil(n / cols) - CAPTION_PX), 4.0)
        pad = max(2.0, side * 0.08)
        return [
            QRectF((k % cols) * side + pad / 2, (k // cols) * (side + CAPTION_PX) + pad / 2, side - pad, side - pad)
            for k in range(n)
        ]

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        if not self.images:
            p.end()
            return
        p.setPen(self.palette().text().color())
        for k, rect in enumerate(self.cell_rects()):
            draw_pixels(p, rect, self.images[k])
            if rect.width() < 34:  # no room for a caption: the tooltip names the unit
                continue
            p.setPen(self.palette().text().color())
            p.drawText(
                QRectF(rect.left(), rect.bottom(), rect.width(), CAPTION_PX),
                Qt.AlignmentFlag.AlignCenter,
                self.captions[k],
            )
        p.end()

    def index_at(self, x: float, y: float) -> int | None:
        for k, rect in enumerate(self.cell_rects()):
            if rect.contains(x, y):
                return k
        return None

    def mouseMoveEvent(self, event) -> None:
        pos = event.position()
        k = self.index_at(pos.x(), pos.y())
        if k is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self.tips[k], self)
        super().mouseMoveEvent(event)


class DigitUnitsView(ThrottledView):
    """The dock's widget. ``images`` holds the weights drawn (n_units, 8, 8), ``scales`` each one's colour scale."""

    rate_hz = 8.0

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("digitUnitsView")
        self.images = np.empty((0, 8, 8))
        self.scales = np.empty(0)
        self.shared = QCheckBox("one scale for all units")
        self.shared.setToolTip(
            "Off: each image uses its own largest |weight| (every unit's pattern shows).\n"
            "On: all use the layer's largest |weight| (the units' strengths compare)."
        )
        self.shared.toggled.connect(self._on_scale)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.grid = UnitGrid(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.caption)
        lay.addWidget(self.shared)
        lay.addWidget(self.grid, 1)
        self.redraw(None)

    @Slot(bool)
    def _on_scale(self, _on: bool) -> None:
        self.mark_dirty()
        if self.isVisible():
            self.flush()

    def redraw(self, snap) -> None:
        if not reads_images(snap):
            self.images, self.scales = np.empty((0, 8, 8)), np.empty(0)
            self.grid.images, self.grid.captions, self.grid.tips = [], [], []
            self.grid.updateGeometry()  # its height for a width may have changed
            self.caption.setText(
                "<i>These images need the digits (Settings ▸ Data ▸ Dataset ▸ Digits (8×8)), with no extra inputs.</i>"
                if snap is not None
                else "<i>No model yet.</i>"
            )
            self.grid.update()
            return
        images = unit_images(snap)
        scales = symmetric_scale(images, shared=self.shared.isChecked())
        hidden = len(snap.layer_sizes) > 2
        self.images, self.scales = images, scales
        count_changed = len(self.grid.images) != len(images)
        self.grid.images = [weight_qimage(img, s) for img, s in zip(images, scales)]
        if count_changed:
            self.grid.updateGeometry()  # its height for a width may have changed
        self.grid.captions = [f"h1.{k + 1}" if hidden else f"class {k}" for k in range(len(images))]
        self.grid.tips = [
            f"{cap}: weights {fmt(img.min(), 3)} … {fmt(img.max(), 3)}; colours span ±{fmt(s, 3)}"
            for cap, img, s in zip(self.grid.captions, images, scales)
        ]
        who = "each first-layer unit" if hidden else "each class (no hidden layer: the output's weights)"
        self.caption.setText(
            f"Epoch {snap.epoch}: the 64 weights into {who}, as 8×8. "
            f"<span style='color:{POSITIVE}'>■</span> ink there raises its output, "
            f"<span style='color:{NEGATIVE}'>■</span> lowers it, white: 0."
        )
        self.grid.update()
