"""Where a model's output crosses a level: marching squares over the grid a snapshot was evaluated on.

Why here and not next to the plot: this is plain NumPy geometry on the model's output (``Snapshot.grid`` over
``Snapshot.grid_bounds``), with no Qt in it, so it is tested like the rest of the model (no display, no event
loop) and anything else that wants the decision boundary as lines (an export, a headless check) can have it
without a view. ``gui.plot.boundary_view`` only hands the segments to Qt.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

Bounds = Sequence[float]  # (xmin, xmax, ymin, ymax)


def contour_segments(field: ArrayLike, level: float, bounds: Bounds) -> NDArray[np.float64]:
    """Marching squares, vectorised: line segments where ``field`` crosses ``level``.

    field : (R, C) values at cell centres of a row-major grid over bounds = (xmin, xmax, ymin, ymax)
        (row i at y = ymin + (i + ½)·dy, column j at x = xmin + (j + ½)·dx), as ``evaluate_grid`` returns.
    Returns an (2m, 2) array of segment end points in data coordinates, consecutive rows paired (for a path
    drawn with ``connect="pairs"``). Saddle cells are resolved by the cell's centre value; NaN counts as below
    the level, and segments with a NaN end are left out.
    """
    f = np.asarray(field, dtype=np.float64)
    empty = np.empty((0, 2))
    if f.ndim != 2 or f.shape[0] < 2 or f.shape[1] < 2:
        return empty
    rows, cols = f.shape
    xmin, xmax, ymin, ymax = (float(b) for b in bounds)
    dx, dy = (xmax - xmin) / cols, (ymax - ymin) / rows
    s = f - level
    above = s > 0  # NaN counts as below
    a, b, c, d = above[:-1, :-1], above[:-1, 1:], above[1:, 1:], above[1:, :-1]  # bl, br, tr, tl
    crossings = (a != b).astype(np.int8) + (b != c) + (d != c) + (a != d)
    ii, jj = np.nonzero(crossings)
    if ii.size == 0:
        return empty
    sa, sb, sc, sd = s[ii, jj], s[ii, jj + 1], s[ii + 1, jj + 1], s[ii + 1, jj]
    x0 = xmin + (jj + 0.5) * dx
    y0 = ymin + (ii + 0.5) * dy

    def frac(s0: NDArray[np.float64], s1: NDArray[np.float64]) -> NDArray[np.float64]:
        # on a crossed edge s0 and s1 lie on opposite sides of 0, so t is in [0, 1]; other edges'
        # values are never used, and NaN (from NaN cells) is filtered out below
        with np.errstate(divide="ignore", invalid="ignore"):
            return s0 / (s0 - s1)

    # crossing points on the four edges, order: bottom, right, top, left -> (m, 4, 2)
    pts = np.empty((ii.size, 4, 2))
    pts[:, 0, 0], pts[:, 0, 1] = x0 + frac(sa, sb) * dx, y0
    pts[:, 1, 0], pts[:, 1, 1] = x0 + dx, y0 + frac(sb, sc) * dy
    pts[:, 2, 0], pts[:, 2, 1] = x0 + frac(sd, sc) * dx, y0 + dy
    pts[:, 3, 0], pts[:, 3, 1] = x0, y0 + frac(sa, sd) * dy
    ab, bb, cb, db = a[ii, jj], b[ii, jj], c[ii, jj], d[ii, jj]
    flags = np.stack([ab != bb, bb != cb, db != cb, ab != db], axis=1)
    n = crossings[ii, jj]

    two = n == 2
    first = np.argmax(flags[two], axis=1)
    second = 3 - np.argmax(flags[two][:, ::-1], axis=1)
    rows2 = np.flatnonzero(two)
    seg_a = [pts[rows2, first]]
    seg_b = [pts[rows2, second]]

    four = np.flatnonzero(n == 4)
    if four.size:
        centre_above = (sa[four] + sb[four] + sc[four] + sd[four]) > 0
        joined = centre_above == ab[four]  # a and c joined through the centre: cut off b and d
        e1a = np.where(joined, 0, 0)  # bottom ...
        e1b = np.where(joined, 1, 3)  # ... with right (around b) or left (around a)
        e2a = np.where(joined, 2, 1)  # top with left (around d) / right with top (around c)
        e2b = np.where(joined, 3, 2)
        seg_a += [pts[four, e1a], pts[four, e2a]]
        seg_b += [pts[four, e1b], pts[four, e2b]]
    start = np.concatenate(seg_a)
    end = np.concatenate(seg_b)
    out = np.empty((2 * start.shape[0], 2))
    out[0::2], out[1::2] = start, end
    finite = np.isfinite(out[:, 0]) & np.isfinite(out[:, 1])
    if not finite.all():
        keep = finite[0::2] & finite[1::2]
        out = out.reshape(-1, 2, 2)[keep].reshape(-1, 2)
    return out


def decision_boundary_segments(grid: ArrayLike, bounds: Bounds) -> NDArray[np.float64]:
    """Segments of the decision boundary of a (G, G) P(class 2) grid or a (G, G, K) probability grid.

    Two classes: where P(class 2) crosses 0.5. K classes: around each class's region, where its probability
    equals the best of the others'.
    """
    grid = np.asarray(grid)
    if grid.ndim == 2:
        return contour_segments(grid, 0.5, bounds)
    if grid.ndim != 3:
        return np.empty((0, 2))
    k = grid.shape[-1]
    if k == 1:
        return contour_segments(grid[..., 0], 0.5, bounds)
    if k == 2:
        return contour_segments(grid[..., 1], 0.5, bounds)
    # class k's region is where p_k beats every other class: p_k - max_{j != k} p_j = 0 bounds it.
    q = np.ascontiguousarray(np.moveaxis(grid, -1, 0), dtype=np.float32)
    part = np.partition(q, k - 2, axis=0)
    top1, top2 = part[k - 1], part[k - 2]
    pieces = []
    for j in range(k):
        rival = np.where(q[j] >= top1, top2, top1)
        pieces.append(contour_segments(q[j] - rival, 0.0, bounds))
    return np.concatenate(pieces)
