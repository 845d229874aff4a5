"""8×8 pictures for the digits views: a unit's weights on the diagram's signed colours, a digit in grey ink.

Weights use the same colours as the diagram's lines (Okabe-Ito blue for positive, orange for negative) fading to
pure white at 0, on a scale symmetric around 0 (so white is exactly a zero weight). Digits are drawn as the data
set's pictures are usually shown: white paper (0) to black ink (all 16 pixels of a block set).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from gui.inside.inspect_common import NEGATIVE_RGB, POSITIVE_RGB, rgba_to_qimage

WHITE = np.array([255.0, 255.0, 255.0])
MISTAKE = QColor(213, 38, 38)  # a red frame around a misclassified digit


def weight_rgba(image: np.ndarray, scale: float) -> np.ndarray:
    """(8, 8) weights -> (8, 8, 4) uint8: white at 0, blue toward +scale, orange toward -scale."""
    t = np.clip(np.asarray(image, dtype=np.float64) / (scale if scale > 0 else 1.0), -1.0, 1.0)
    target = np.where(t[..., None] >= 0, np.array(POSITIVE_RGB, float), np.array(NEGATIVE_RGB, float))
    rgb = WHITE + np.abs(t)[..., None] * (target - WHITE)
    rgba = np.empty(t.shape + (4,), np.uint8)
    rgba[..., :3] = np.rint(rgb).astype(np.uint8)
    rgba[..., 3] = 255
    return rgba


def weight_qimage(image: np.ndarray, scale: float) -> QImage:
    return rgba_to_qimage(weight_rgba(image, scale), flip_rows=False)


def digit_qimage(image: np.ndarray) -> QImage:
    """(8, 8) pixel values in [0, 1] -> a grey QImage (0 white, 1 black)."""
    v = np.clip(np.asarray(image, dtype=np.float64), 0.0, 1.0)
    grey = np.rint(255.0 * (1.0 - v)).astype(np.uint8)
    rgba = np.empty(v.shape + (4,), np.uint8)
    rgba[..., 0] = rgba[..., 1] = rgba[..., 2] = grey
    rgba[..., 3] = 255
    return rgba_to_qimage(rgba, flip_rows=False)


def draw_pixels(p: QPainter, rect: QRectF, image: QImage, frame: QColor | None = None, width: float = 1.0) -> None:
    """``image`` enlarged into ``rect`` with sharp pixels and a frame."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
    p.drawImage(rect, image)
    p.setPen(QPen(frame if frame is not None else QColor(150, 150, 150), width))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(rect)
    p.restore()
