"""Where the plot's legend goes: the corner of the plot where it hides no point, or the fewest.

The legend explains the markers; it must never hide the data it explains. So it sits in the first of the plot's
corners (top left, bottom left, bottom right, top right) whose box covers no shown point and leaves the score (top
right) uncovered; when every corner covers some points, in the one covering the fewest, and see-through so that
they show under it, unless they are many (dense data): its words must stay readable (``legend_alpha``). It is
placed again when the data, the view or the plot's size change. Data fitted to the plot (``fit_clear_of``) are
fitted leaving a corner free for it. Where the person has dragged it (``gui.plot.legend_hand``) it stays, and only
turns see-through over points (``shade_legend``).

Pure arithmetic on pixel positions: the view (``boundary_view``) maps the points and hands the boxes over.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

MARGIN = 8.0  # px between the legend and the plot's edges, as the score keeps
#: the legend's background alpha over no point, over a few (they show through it), and over many: through a
#: see-through box dense markers (the digits' 1 797 points in ten colours) drown its words, and show no point a
#: person could pick out anyway, so the box is then all but opaque and its words read as over no point
OPAQUE, SEE_THROUGH, OVER_MANY = 235, 110, 225
FEW_POINTS = 24  # at most this many points under the legend show through it (the circles' at 1024×700: 14)
FIT_STEP, FIT_STEPS = 0.95, 11  # a fit shrinks the points by 5 % a step, to at least SMALLEST_FIT of the largest
SMALLEST_FIT = FIT_STEP ** (FIT_STEPS - 1)
CORNERS = ("top left", "bottom left", "bottom right", "top right")  # the order a tie is settled in


def corner_rect(corner: str, plot: QRectF, width: float, height: float) -> QRectF:
    """The legend's box (``width`` × ``height``) in ``corner`` of ``plot``, ``MARGIN`` from its edges."""
    left = plot.left() + MARGIN if "left" in corner else plot.right() - MARGIN - width
    top = plot.top() + MARGIN if "top" in corner else plot.bottom() - MARGIN - height
    return QRectF(left, top, width, height)


def points_under(box: QRectF, points_px: np.ndarray, reach_px: float) -> int:
    """How many of ``points_px`` (n, 2 pixel positions) a marker ``reach_px`` around reaches into ``box``."""
    if points_px.shape[0] == 0:
        return 0
    x, y = points_px[:, 0], points_px[:, 1]
    inside = (
        (x >= box.left() - reach_px)
        & (x <= box.right() + reach_px)
        & (y >= box.top() - reach_px)
        & (y <= box.bottom() + reach_px)
    )
    return int(np.count_nonzero(inside))


def best_corner(
    plot: QRectF,
    width: float,
    height: float,
    points_px: np.ndarray,
    reach_px: float,
    others: Sequence[QRectF] = (),
    corners: Sequence[str] = CORNERS,
) -> str:
    """The corner of ``plot`` (one of ``corners``) whose legend box hides the fewest points (the first on a tie),
    among those that cover none of the ``others`` (the other overlays' boxes); the first when all of them do."""
    best, fewest = corners[0], None
    for corner in corners:
        box = corner_rect(corner, plot, width, height)
        if any(box.intersects(other) for other in others):
            continue
        count = points_under(box, points_px, reach_px)
        if fewest is None or count < fewest:
            best, fewest = corner, count
            if count == 0:
                break
    return best


def move_legend(
    vb,
    legend,
    corner: str,
    points_px: np.ndarray,
    reach_px: float,
    overlays: Sequence,
    corners: Sequence[str] = CORNERS,
) -> str:
    """Anchors ``legend`` (a child of the view box ``vb``) in the best of ``corners`` for ``points_px`` and
    returns it (see-through when even that one covers a few points, ``legend_alpha``);
    ``corner`` is where it is now, ``overlays`` the other boxes shown in ``vb`` (the score's corner is kept free
    even while the score is hidden: it shows once training runs)."""
    r = vb.boundingRect()
    if r.width() <= 0 or r.height() <= 0:
        return corner
    others = [QRectF(r.right() - MARGIN - 1, r.top() + MARGIN, 1, 1)]
    others += [box.mapRectToParent(box.boundingRect()) for box in overlays]
    size = legend.boundingRect()
    best = best_corner(r, size.width(), size.height(), points_px, reach_px, others, corners)
    covers = points_under(corner_rect(best, r, size.width(), size.height()), points_px, reach_px)
    _set_alpha(legend, legend_alpha(covers))
    if best != corner:
        side, low = int("right" in best), int("bottom" in best)
        offset = (MARGIN * (1 - 2 * side), MARGIN * (1 - 2 * low))  # pyqtgraph: negative offsets count from the right
        legend.anchor(itemPos=(side, low), parentPos=(side, low), offset=offset)
    return best


def shade_legend(legend, points_px: np.ndarray, reach_px: float) -> int:
    """Makes ``legend`` see-through where it stands over a few of ``points_px`` (``legend_alpha``); how many."""
    covers = points_under(legend.mapRectToParent(legend.boundingRect()), points_px, reach_px)
    _set_alpha(legend, legend_alpha(covers))
    return covers


def legend_alpha(covers: int) -> int:
    """The legend box's alpha over ``covers`` points: opaque over none, see-through over a few, all but opaque
    over many."""
    return OPAQUE if covers <= 0 else SEE_THROUGH if covers <= FEW_POINTS else OVER_MANY


def _set_alpha(legend, alpha: int) -> None:
    box = QColor(legend.brush().color())  # the theme's box colour, at the alpha wanted here
    if box.alpha() != alpha:
        box.setAlpha(alpha)
        legend.setBrush(pg.mkBrush(box))


def fit_clear_of(
    lo: np.ndarray,
    hi: np.ndarray,
    points: np.ndarray,
    width: float,
    height: float,
    legend: tuple[float, float],
    fixed: Sequence[tuple[str, float, float]],
    reach_px: float,
    corners: Sequence[str] = CORNERS,
) -> tuple[float, float, float, float] | None:
    """The view range (x0, x1, y0, y1) that shows ``points`` (data coordinates, all within ``lo``..``hi``) as large
    as it can in a ``width`` × ``height`` pixel plot of equal scales, with no point under the legend (``legend``:
    its width and height, in whichever of ``corners`` is free) nor under the ``fixed`` boxes ((corner, width,
    height): the score). None when no scale of at least ``SMALLEST_FIT`` of the largest leaves such room (the points
    would be too small to read: better a legend over a few of them)."""
    span = np.maximum(hi - lo, 1e-9)
    largest = min(width / span[0], height / span[1])
    plot = QRectF(0.0, 0.0, width, height)
    for step in range(FIT_STEPS):
        scale = largest * FIT_STEP**step
        slack_x, slack_y = width - span[0] * scale, height - span[1] * scale
        for fx, fy in ((0.5, 0.5), (1.0, 1.0), (0.0, 1.0), (1.0, 0.0), (0.0, 0.0), (0.5, 1.0), (0.5, 0.0)):
            left, top = fx * slack_x, fy * slack_y
            px = np.column_stack([left + (points[:, 0] - lo[0]) * scale, top + (hi[1] - points[:, 1]) * scale])
            if any(points_under(corner_rect(c, plot, w, h), px, reach_px) for c, w, h in fixed):
                continue  # the score would hide a point
            fixed_boxes = [corner_rect(c, plot, w, h) for c, w, h in fixed]
            legend_boxes = [corner_rect(c, plot, *legend) for c in corners]
            if not any(
                not points_under(box, px, reach_px) and not any(box.intersects(other) for other in fixed_boxes)
                for box in legend_boxes
            ):
                continue
            x0, y1 = lo[0] - left / scale, hi[1] + top / scale
            return float(x0), float(x0 + width / scale), float(y1 - height / scale), float(y1)
    return None
