"""A digit drawn with the mouse, made into the 32×32 bitmap the digits data set's pictures are, then its 64 inputs.

scikit-learn's digits (the UCI optdigits set) are not raw pen strokes: NIST's preprocessing cut each handwritten
digit out of its form and size-normalised it into a 32×32 bitmap, centred, where its strokes are thick; only
then was the bitmap divided into 4×4 blocks and each block's "on" pixels counted (0..16). Measured on
``load_digits`` itself (tests/model/inside/test_drawn_digit.py measures it again), every one of the 1,797 digits
has ink in the first and the last of the 8 rows (full height), ink within columns 1..6 of 0..7 (at most about 22
of the 32 pixels wide), and each class's digits carry 303..330 "on" pixels on average (about 30 % of the 1,024).

A drawing on the pad goes through the same steps:

1. ``fit_strokes``: the strokes' bounding box is scaled to ``FIT_HEIGHT`` pixels tall, its shape kept unless
   that makes it wider than ``FIT_WIDTH`` (then it is squeezed to that width), and centred in the 32×32 frame: a
   small 1 drawn in a corner becomes a full-height 1 in the middle, and a round 0 a full-height 0, as the data's
   are (a round 0 shrunk to the width instead, its shape kept, leaves the top and bottom rows empty, which no
   digit of the data does, and is read as a 4).
2. ``ink_bitmap``: the fitted strokes are drawn with a round pen whose radius is chosen so that the bitmap has
   ``TARGET_INK`` set pixels, the data's average (a pen of fixed width would give a straight 1 a third of the
   ink of the data's 1s, and they would read as something else); the radius stays within ``PEN_RADII``.
3. ``digit_images.pad_features``: the 4×4 blocks' counts, scaled as the data set is.

    fit_strokes(strokes) -> strokes           the drawing moved and scaled into the 32×32 frame
    ink_bitmap(fitted) -> (32, 32) bool        drawn with the pen that gives the data's ink
    drawn_bitmap(strokes) -> (32, 32) bool     both: what the network's 64 inputs are counted from
    drawn_features(strokes) -> (64,) | None    the 64 inputs (None for an empty drawing)

A stroke is a sequence of (x, y) points, x to the right and y down, in any unit (the pad's pixels): only the
drawing's shape matters. Pure NumPy: this module must never import Qt.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from model.inside.digit_images import PAD_PIXELS, pad_features

Point = tuple[float, float]
Strokes = Sequence[Sequence[Point]]

#: the box the strokes' path is fitted into: the pen adds its radius around it, so that the ink reaches the
#: first and the last block rows (as every digit of the data set does) and, with the pen of a digit of a few
#: strokes (radius 2.5..3.4), stays within block columns 1..6 (the data's: 12 % of its digits touch column 7, 1 %
#: column 0); a narrower box spreads the ink sideways like the data's a little more closely, but then a 7 drawn
#: wide is squeezed until its bar and stem merge, and the lesson's model reads it as a 3
FIT_HEIGHT = 26.0
FIT_WIDTH = 18.0
#: the set pixels of a data set's 32×32 bitmap, on average over its 1,797 digits (313; each class's 303..330)
TARGET_INK = 313
#: the pen's radius in bitmap pixels, at least (a long drawing, like a scribbled 8, is still a visible stroke) and
#: at most (a dot is not blown up into a disc of the data's ink)
PEN_RADII = (1.0, 6.0)

_CENTRES = np.arange(PAD_PIXELS) + 0.5


def _points(strokes: Strokes) -> list[np.ndarray]:
    out = []
    for stroke in strokes:
        p = np.asarray(stroke, dtype=np.float64).reshape(-1, 2)
        if len(p):
            out.append(p)
    return out


def fit_strokes(strokes: Strokes) -> list[np.ndarray]:
    """The strokes scaled and moved into the 32×32 frame the way the data's digits sit in it: the bounding box's
    height scaled to ``FIT_HEIGHT`` (every digit of the data set is full height), its width by the same factor
    (the shape kept) unless that makes it wider than ``FIT_WIDTH`` (wider than the data's digits), then squeezed
    to that width; the box centred in the frame. A drawing with no height (a dash) keeps its shape within the
    width; a single point goes to the centre. Each stroke comes back as an (n, 2) array of (x, y) in bitmap
    pixels."""
    paths = _points(strokes)
    if not paths:
        return []
    allp = np.concatenate(paths)
    low, high = allp.min(axis=0), allp.max(axis=0)
    width, height = high - low
    if height > 0:
        scale_y = FIT_HEIGHT / height
        scale_x = min(scale_y, FIT_WIDTH / width) if width > 0 else scale_y
    else:
        scale_y = scale_x = FIT_WIDTH / width if width > 0 else 1.0
    scale = np.array([scale_x, scale_y])
    middle = (low + high) / 2
    centre = np.array([PAD_PIXELS / 2, PAD_PIXELS / 2])
    return [(p - middle) * scale + centre for p in paths]


def _thinned(p: np.ndarray, step: float = 0.5) -> np.ndarray:
    """The stroke's points, each kept at least ``step`` pixels from the one kept before it, and the last: the mouse
    reports a point every few screen pixels (a sixth of a bitmap pixel on a pad 190 pixels wide), and a path
    through fewer of them is the same to within a fraction of the pen's radius, and much quicker to measure."""
    kept = [0]
    for i in range(1, len(p)):
        if np.hypot(*(p[i] - p[kept[-1]])) >= step:
            kept.append(i)
    if kept[-1] != len(p) - 1:
        kept.append(len(p) - 1)
    return p[kept]


def _distances(fitted: Sequence[np.ndarray]) -> np.ndarray:
    """(32, 32): each pixel centre's distance to the nearest point of the strokes' path."""
    cx, cy = np.meshgrid(_CENTRES, _CENTRES)  # cx[r, c] = c + 0.5, cy[r, c] = r + 0.5
    px, py = cx.reshape(-1, 1), cy.reshape(-1, 1)
    best = np.full(cx.size, np.inf)
    for p in fitted:
        a = _thinned(p) if len(p) > 1 else np.vstack([p, p])
        x0, y0 = a[:-1, 0], a[:-1, 1]
        dx, dy = a[1:, 0] - x0, a[1:, 1] - y0
        length2 = dx * dx + dy * dy
        t = np.where(length2 > 0, ((px - x0) * dx + (py - y0) * dy) / np.where(length2 > 0, length2, 1.0), 0.0)
        t = np.clip(t, 0.0, 1.0)
        d2 = (px - (x0 + t * dx)) ** 2 + (py - (y0 + t * dy)) ** 2
        best = np.minimum(best, d2.min(axis=1))
    return np.sqrt(best).reshape(cx.shape)


def ink_bitmap(fitted: Sequence[np.ndarray]) -> np.ndarray:
    """(32, 32) bool: every pixel whose centre lies within the pen's radius of the fitted strokes' path, the radius
    the smallest at which ``TARGET_INK`` pixels are set (more only where pixels lie at the same distance), kept
    within ``PEN_RADII``."""
    if not fitted:
        return np.zeros((PAD_PIXELS, PAD_PIXELS), bool)
    distances = _distances(fitted)
    radius = np.clip(np.sort(distances, axis=None)[TARGET_INK - 1], *PEN_RADII)
    return distances <= radius


def drawn_bitmap(strokes: Strokes) -> np.ndarray:
    """(32, 32) bool: the drawing fitted into the frame and drawn with the data's ink, as the data's bitmaps are."""
    return ink_bitmap(fit_strokes(strokes))


def drawn_features(strokes: Strokes) -> np.ndarray | None:
    """(64,) float64: the drawing's 64 inputs, counted and scaled as the data set's; None when nothing is drawn."""
    fitted = fit_strokes(strokes)
    return pad_features(ink_bitmap(fitted)) if fitted else None


__all__ = [
    "FIT_HEIGHT",
    "FIT_WIDTH",
    "PEN_RADII",
    "TARGET_INK",
    "drawn_bitmap",
    "drawn_features",
    "fit_strokes",
    "ink_bitmap",
]
