"""What a person sees, read back from a widget's grab: pixels as a NumPy array, where a plot's data coordinates
land among them, and the checks a person makes when looking at the main plot (the points in their class colours,
the boundary line where the model's output crosses 0.5, the shading in the colour of the predicted class).

The checks return measured fractions, not booleans, so that a failing assert says how far off the picture is.
"""

from __future__ import annotations

import os
import re

import numpy as np
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage, QPixmap

from gui.widgets import colors

ARTIFACTS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "artifacts")
DARK = 90  # a pixel whose every channel is below this is drawn ink (a line, an outline), not shading or a fill


def rgb(image: QImage | QPixmap) -> np.ndarray:
    """(H, W, 3) uint8 RGB of a grab."""
    img = image.toImage() if isinstance(image, QPixmap) else image
    img = img.convertToFormat(QImage.Format.Format_RGB888)
    h, w, bpl = img.height(), img.width(), img.bytesPerLine()
    raw = np.frombuffer(img.constBits(), np.uint8, count=h * bpl).reshape(h, bpl)
    return raw[:, : 3 * w].reshape(h, w, 3).copy()


def hex_rgb(color: str) -> np.ndarray:
    c = color.lstrip("#")
    return np.array([int(c[i : i + 2], 16) for i in (0, 2, 4)], dtype=np.float64)


def distance(pixels: np.ndarray, color: np.ndarray) -> np.ndarray:
    """Euclidean RGB distance of every pixel to one colour."""
    return np.linalg.norm(pixels.astype(np.float64) - color, axis=-1)


def tinted(pixels: np.ndarray, color: np.ndarray, share: float = 0.3, off: float = 45.0) -> np.ndarray:
    """Pixels that are ``color`` laid over white with at least ``share`` coverage: an antialiased thin line
    that falls between two pixel rows covers each by half, and a person still sees the line there."""
    white = np.full(3, 255.0)
    ink = white - color
    d = white - pixels.astype(np.float64)
    t = d @ ink / (ink @ ink)
    residual = np.linalg.norm(d - t[..., None] * ink, axis=-1)
    return (t >= share) & (residual <= off)


class PlotPixels:
    """Maps between a ViewBox's data coordinates and the pixels of ``widget.grab()`` (no rotation: an affine map
    per axis), for a widget that shows the ViewBox's scene (a pyqtgraph PlotWidget, or a window holding one:
    pass the window as ``widget`` and the plot as ``plot``)."""

    def __init__(self, plot, vb, widget=None):
        widget = plot if widget is None else widget
        vp = plot.viewport()
        scale = widget.grab().devicePixelRatio()

        def to_px(x, y):
            scene = vb.mapViewToScene(QPointF(x, y))
            p = plot.viewportTransform().map(scene)
            origin = vp.mapTo(widget, vp.rect().topLeft())
            return (p.x() + origin.x()) * scale, (p.y() + origin.y()) * scale

        c0, r0 = to_px(0.0, 0.0)
        c1, _ = to_px(1.0, 0.0)
        _, r1 = to_px(0.0, 1.0)
        self.col0, self.row0, self.dcol, self.drow = c0, r0, c1 - c0, r1 - r0
        rect = vb.sceneBoundingRect()
        self.area = self.scene_rect(plot, widget, rect, scale)

    @staticmethod
    def scene_rect(plot, widget, rect: QRectF, scale: float = 1.0) -> tuple[int, int, int, int]:
        """(col0, row0, col1, row1) of a scene rectangle in the grab's pixels."""
        vp = plot.viewport()
        poly = plot.viewportTransform().mapRect(rect)
        origin = vp.mapTo(widget, vp.rect().topLeft())
        return (
            int((poly.left() + origin.x()) * scale),
            int((poly.top() + origin.y()) * scale),
            int((poly.right() + origin.x()) * scale),
            int((poly.bottom() + origin.y()) * scale),
        )

    def to_pixels(self, xy: np.ndarray) -> np.ndarray:
        """(n, 2) data points -> (n, 2) float (col, row); the pixel that shows a point is their floor."""
        xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
        return np.stack([self.col0 + xy[:, 0] * self.dcol, self.row0 + xy[:, 1] * self.drow], axis=1)

    def to_data(self, cols: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Pixel centres -> data coordinates."""
        return (cols + 0.5 - self.col0) / self.dcol, (rows + 0.5 - self.row0) / self.drow


def predicted_class(grid: np.ndarray, bounds, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The class a (G, G) P(class 2) or (G, G, K) grid predicts at data points (x, y); -1 outside the grid."""
    grid = np.asarray(grid)
    xmin, xmax, ymin, ymax = bounds
    rows, cols = grid.shape[:2]
    j = np.floor((x - xmin) / (xmax - xmin) * cols).astype(np.int64)
    i = np.floor((y - ymin) / (ymax - ymin) * rows).astype(np.int64)
    inside = (i >= 0) & (i < rows) & (j >= 0) & (j < cols)
    i, j = np.clip(i, 0, rows - 1), np.clip(j, 0, cols - 1)
    labels = (grid[i, j] > 0.5).astype(np.int64) if grid.ndim == 2 else np.argmax(grid[i, j], axis=-1)
    return np.where(inside, labels, -1)


def _dilate(mask: np.ndarray, r: int) -> np.ndarray:
    out = mask.copy()
    for dr in range(-r, r + 1):
        for dc in range(-r, r + 1):
            if dr * dr + dc * dc <= r * r:
                out |= np.roll(np.roll(mask, dr, axis=0), dc, axis=1)
    return out


def _near_points(shape, centres: np.ndarray, radius: float) -> np.ndarray:
    """Pixels whose centre lies within ``radius`` of a centre (col, row). Each centre is tested only over the
    pixels of its bounding square (the disc's pixels all lie there): a whole picture per point took seconds."""
    h, w = shape
    near = np.zeros(shape, dtype=bool)
    reach = int(np.ceil(radius)) + 1
    for c, r in np.asarray(centres, dtype=np.float64).reshape(-1, 2):
        if not (np.isfinite(c) and np.isfinite(r)):
            continue
        r0, r1 = max(int(np.floor(r)) - reach, 0), min(int(np.floor(r)) + reach + 1, h)
        c0, c1 = max(int(np.floor(c)) - reach, 0), min(int(np.floor(c)) + reach + 1, w)
        if r0 >= r1 or c0 >= c1:
            continue
        rows, cols = np.ogrid[r0:r1, c0:c1]
        near[r0:r1, c0:c1] |= (cols + 0.5 - c) ** 2 + (rows + 0.5 - r) ** 2 <= radius**2
    return near


class BoundaryPicture:
    """A BoundaryView's grab, and what a person checks on it against the model's snapshot and the data."""

    def __init__(self, view, image=None, widget=None, overlays=(), marks=()):
        """``image``: a grab of ``widget`` (default: of the view itself); ``overlays``: scene items whose
        area is left out of the checks (the legend and the score, which sit over the plot); ``marks``: data
        positions of other markers drawn on the plot (a probed point), also left out."""
        self.view = view
        self.widget = view if widget is None else widget
        self.px = PlotPixels(view, view.vb, self.widget)
        self.img = rgb(self.widget.grab() if image is None else image)
        c0, r0, c1, r1 = self.px.area
        self.usable = np.zeros(self.img.shape[:2], dtype=bool)
        self.usable[r0 + 3 : r1 - 3, c0 + 3 : c1 - 3] = True
        scale = self.widget.grab().devicePixelRatio()
        for item in (view.data_points.legend, *overlays):
            if item.isVisible():
                a, b, c, d = PlotPixels.scene_rect(view, self.widget, item.sceneBoundingRect(), scale)
                self.usable[max(b - 3, 0) : d + 3, max(a - 3, 0) : c + 3] = False
        if len(marks):
            self.usable &= ~_near_points(self.usable.shape, self.px.to_pixels(marks), 20.0)
        ds = view.dataset()
        self.points = self.px.to_pixels(ds.plot_points()) if ds is not None and ds.n_samples else np.empty((0, 2))
        # a small plot (a compare pane) draws its markers and rings smaller: they cover less around each point
        self.marker_scale = float(getattr(getattr(view.data_points, "look", None), "marker_scale", 1.0))

    def away_from_points(self, radius: float = 13.0) -> np.ndarray:
        """Where no point's marker or ring is drawn: farther than ``radius`` px (at the main plot's marker size)."""
        return self.usable & ~_near_points(self.usable.shape, self.points, radius * self.marker_scale)

    def class_map(self, grid, bounds) -> np.ndarray:
        """The class the model predicts under every pixel (-1 outside its grid); the last one is kept, since
        both checks of a picture ask for the same grid."""
        kept = getattr(self, "_class_map", None)
        if kept is not None and kept[0] is grid and kept[1] == tuple(bounds):
            return kept[2].copy()
        rows, cols = np.mgrid[0 : self.img.shape[0], 0 : self.img.shape[1]]
        x, y = self.px.to_data(cols, rows)
        classes = predicted_class(grid, bounds, x, y)
        self._class_map = (grid, tuple(bounds), classes)
        return classes.copy()

    def point_colour_hits(self, indices, tol: float = 40.0) -> np.ndarray:
        """For the dataset's points ``indices`` (filled, training points): does the pixel at the marker's centre
        (or one next to it) show the point's class colour?"""
        ds = self.view.dataset()
        hits = []
        for i in indices:
            c, r = np.floor(self.points[i]).astype(int)
            patch = self.img[r - 1 : r + 2, c - 1 : c + 2].reshape(-1, 3)
            hits.append(distance(patch, hex_rgb(colors.class_color(int(ds.y[i])))).min() <= tol)
        return np.array(hits, dtype=bool)

    def isolated_train_points(self, min_px: float = 14.0, clear_px: float = 0.0) -> np.ndarray:
        """Training points with no other point within ``min_px`` (at the main plot's marker size) and inside the
        usable area, with the circle of ``clear_px`` around them in it too (a ring half under an overlay is not a
        ring to judge)."""
        ds = self.view.dataset()
        p = self.points
        d = np.hypot(p[:, None, 0] - p[None, :, 0], p[:, None, 1] - p[None, :, 1])
        np.fill_diagonal(d, np.inf)
        ok = (d.min(axis=1) > min_px * self.marker_scale) & ~np.asarray(ds.is_test, dtype=bool)
        h, w = self.usable.shape
        angles = np.linspace(0, 2 * np.pi, 16, endpoint=False) if clear_px > 0 else np.zeros(1)
        for dc, dr in zip(clear_px * np.cos(angles), clear_px * np.sin(angles), strict=True):
            c, r = np.floor(p + (dc, dr)).astype(int).T
            inside = (r >= 0) & (r < h) & (c >= 0) & (c < w)
            ok &= inside
            ok[inside] &= self.usable[r[inside], c[inside]]
        return np.flatnonzero(ok)

    def boundary_agreement(self, grid, bounds, near_px: int = 3) -> tuple[float, float, int]:
        """(share of the line's dark pixels within near_px of where the model's class changes, share of the
        class changes with a dark pixel within near_px, number of class-change pixels looked at), away from the
        points and overlays."""
        classes = self.class_map(grid, bounds)
        change = np.zeros_like(classes, dtype=bool)
        change[:, :-1] |= classes[:, :-1] != classes[:, 1:]
        change[:-1, :] |= classes[:-1, :] != classes[1:, :]
        change &= (classes >= 0) & np.roll(classes >= 0, -1, axis=0) & np.roll(classes >= 0, -1, axis=1)
        dark = (self.img.max(axis=-1) < DARK) & self.away_from_points()
        look = change & self.away_from_points(16.0)
        line_on_change = float((dark & _dilate(change, near_px)).sum() / max(dark.sum(), 1))
        change_has_line = float((look & _dilate(dark, near_px)).sum() / max(look.sum(), 1))
        return line_on_change, change_has_line, int(look.sum())

    def shading_agreement(self, grid, bounds, min_tint: float = 25.0) -> tuple[float, int]:
        """(share of shaded pixels whose tint is nearest the colour of the class predicted there, pixels
        looked at). Tint: the pixel's difference from white; near-white pixels (unsure regions) are skipped."""
        classes = self.class_map(grid, bounds)
        k = int(classes.max()) + 1
        white = np.array(colors.NEAR_WHITE, dtype=np.float64)
        tint = self.img.astype(np.float64) - white
        look = self.away_from_points() & (classes >= 0) & (np.linalg.norm(tint, axis=-1) > min_tint)
        look &= self.img.max(axis=-1) >= DARK
        look &= ~_dilate(np.diff(classes, axis=1, prepend=classes[:, :1]) != 0, 3)
        look &= ~_dilate(np.diff(classes, axis=0, prepend=classes[:1, :]) != 0, 3)
        directions = np.array([hex_rgb(colors.class_color(j)) - white for j in range(max(k, 2))])
        directions /= np.linalg.norm(directions, axis=1, keepdims=True)
        t = tint[look]
        nearest = np.argmax(t @ directions.T / np.linalg.norm(t, axis=1, keepdims=True), axis=1)
        return float((nearest == classes[look]).mean()) if look.any() else 0.0, int(look.sum())

    def ring_darkness(self, index: int, radius: float) -> float:
        """Share of the pixels on a circle of ``radius`` px around point ``index`` that are dark (a ring)."""
        c, r = self.points[index]
        angles = np.linspace(0, 2 * np.pi, 48, endpoint=False)
        cols = np.floor(c + radius * np.cos(angles)).astype(int)
        rows = np.floor(r + radius * np.sin(angles)).astype(int)
        near = np.zeros(len(angles), dtype=bool)
        for dr in (-1, 0, 1):  # within a pixel of the circle: antialiasing spreads a thin ring
            for dc in (-1, 0, 1):
                near |= self.img[rows + dr, cols + dc].max(axis=-1) < DARK
        return float(near.mean())


def check_boundary_view(view, image=None, widget=None, overlays=(), marks=()) -> BoundaryPicture:
    """Assert what a person sees on the main plot: the shading in the predicted class's colour, the boundary
    line where the model's output crosses 0.5 (between the classes), and the training points in their class
    colours. Uses the view's newest snapshot and dataset."""
    snap = view.snapshot()
    assert snap is not None and snap.grid is not None
    pic = BoundaryPicture(view, image, widget, overlays, marks)
    try:
        _check_boundary_picture(pic, snap)
    except AssertionError as failure:  # keep what the check saw: a rare failure is read from its picture
        raise AssertionError(f"{failure} (picture: {keep_failed_picture(pic.img)})") from None
    return pic


def keep_failed_picture(img: np.ndarray) -> str:
    """Write a failing check's picture to tests/artifacts/ (named after the running test); returns its path."""
    name = os.environ.get("PYTEST_CURRENT_TEST", "picture").split(" ")[0]
    path = os.path.join(ARTIFACTS, "failed-" + re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[-120:] + ".png")
    os.makedirs(ARTIFACTS, exist_ok=True)
    h, w, _ = img.shape
    QImage(np.ascontiguousarray(img).data, w, h, 3 * w, QImage.Format.Format_RGB888).save(path)
    return path


def _check_boundary_picture(pic: BoundaryPicture, snap) -> None:
    shading, n_shaded = pic.shading_agreement(snap.grid, snap.grid_bounds)
    assert n_shaded > 2000 and shading > 0.95, f"{shading:.1%} of {n_shaded} shaded pixels in the class colour"
    on_change, has_line, n_change = pic.boundary_agreement(snap.grid, snap.grid_bounds)
    assert n_change > 50, "the picture shows no boundary to check"
    assert on_change > 0.9 and has_line > 0.9, f"line on boundary {on_change:.1%}, boundary drawn {has_line:.1%}"
    isolated = pic.isolated_train_points()
    assert isolated.size >= 5, "too few points stand apart to check their colour"
    hits = pic.point_colour_hits(isolated)
    assert hits.mean() > 0.9, f"only {hits.mean():.0%} of {isolated.size} points show their class colour"


def line_follows(image, px: PlotPixels, color: str, x, y, exclude=(), tol_px: float = 3.0) -> tuple[float, int, int]:
    """Does a line drawn in ``color`` run where the data (x, y) says, column by column?

    Returns (share of the plot's columns showing the line whose line pixels all lie within ``tol_px`` of the
    values the data takes over that column, number of columns showing the line, number of columns the data
    spans). ``exclude``: pixel rectangles (col0, row0, col1, row1) left out (a legend drawn over the plot)."""
    img = rgb(image) if not isinstance(image, np.ndarray) else image
    c0, r0, c1, r1 = px.area
    mask = tinted(img, hex_rgb(color))
    for a, b, c, d in exclude:
        mask[max(b, 0) : d, max(a, 0) : c] = False
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    shown, good = 0, 0
    for col in range(c0 + 3, c1 - 3):
        rows = np.flatnonzero(mask[r0 + 2 : r1 - 2, col]) + r0 + 2
        if rows.size == 0:
            continue
        shown += 1
        lo, hi = sorted(px.to_data(np.array([col - 0.5, col + 0.5]), np.zeros(2))[0])
        inside = (x >= lo) & (x <= hi)
        span = np.concatenate([y[inside], np.interp([lo, hi], x, y)])
        expected = px.to_pixels(np.stack([np.full(span.size, lo), span], axis=1))[:, 1]
        good += bool(rows.min() >= expected.min() - tol_px and rows.max() <= expected.max() + tol_px)
    first, last = sorted(px.to_pixels([[x.min(), 0.0], [x.max(), 0.0]])[:, 0])
    spanned = min(int(last), c1 - 4) - max(int(np.ceil(first)), c0 + 3) + 1
    return (good / shown if shown else 0.0), shown, spanned
