"""Where the network diagram puts things: a column of nodes per layer, the digits' inputs as one image, the lines
between, and what lies under a point of the widget.

``place(...)`` lays the layers out in a widget of a given size and returns a ``Placement``: the node centres per
layer, the node size (shrinking with the biggest layer, at least 3 px), the rectangle of the input image (when
the inputs are drawn as one), and the segments of the lines drawn. ``Placement.item_at(x, y)`` hit-tests it: a
hidden unit's switch first (it lies over its node's top-right corner), then a pixel of the input image, a node,
and last the nearest line within 4 px. Pure geometry: no painting, no widget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRectF

MAX_NODE_PX = 46
NODE_GAP = 0.18  # of a column's pitch, between two nodes (at the lines' ordinary width)
LINE_REACH_PX = 4.0  # a line is hovered within this distance
NOTE_LINE_PX = 14.0  # the height of a line of the note under the diagram


def thumb_size(n_nodes: int) -> int:
    """The side in samples of each node's map: finer when there are few nodes."""
    return 24 if n_nodes <= 80 else 16


@dataclass(frozen=True, eq=False)
class Placement:
    """The laid-out diagram: per layer the (n, 2) centres of its nodes, their size, the input image's rectangle
    (or None), and the segments x0 y0 x1 y1 of the lines drawn with their (layer, i, j)."""

    positions: list[np.ndarray] = field(default_factory=list)
    node_px: float = 20.0
    image_rect: QRectF | None = None
    input_shape: tuple[int, int] = (8, 8)
    segments: np.ndarray = field(default_factory=lambda: np.empty((0, 4)))
    segment_ids: list[tuple[int, int, int]] = field(default_factory=list)

    def node_center(self, layer: int, unit: int) -> QPointF:
        x, y = self.positions[layer][unit]
        return QPointF(float(x), float(y))

    @property
    def switch_radius(self) -> float:
        return float(np.clip(self.node_px * 0.2, 4.0, 7.0))

    def switch_center(self, layer: int, unit: int) -> QPointF:
        """The centre of a hidden unit's switch: its node's top-right corner."""
        x, y = self.positions[layer][unit]
        half = self.node_px / 2
        return QPointF(float(x + half), float(y - half))

    def item_at(self, x: float, y: float):
        """("switch", layer, unit), ("node", layer, unit), ("line", layer, i, j) or None under the widget position
        (x, y). A hidden unit's switch comes first: it lies over its node's corner."""
        pos_all = self.positions
        if not pos_all:
            return None
        reach_switch, half = self.switch_radius + 1.5, self.node_px / 2
        for k in range(1, len(pos_all) - 1):
            pos = pos_all[k]
            d = np.hypot(pos[:, 0] + half - x, pos[:, 1] - half - y)
            u = int(np.argmin(d))
            if d[u] <= reach_switch:
                return ("switch", k, u)
        reach = self.node_px / 2 + 2
        rect = self.image_rect
        if rect is not None and rect.contains(x, y):
            rows, cols = self.input_shape
            r = min(int((y - rect.top()) / rect.height() * rows), rows - 1)
            c = min(int((x - rect.left()) / rect.width() * cols), cols - 1)
            return ("node", 0, r * cols + c)
        for k, pos in enumerate(pos_all):
            if k == 0 and rect is not None:
                continue
            if abs(pos[0, 0] - x) <= reach:
                d = np.abs(pos[:, 1] - y)
                u = int(np.argmin(d))
                if d[u] <= reach:
                    return ("node", k, u)
        segs = self.segments
        if not len(segs):
            return None
        p0, p1 = segs[:, :2], segs[:, 2:]
        d = p1 - p0
        length2 = np.maximum((d * d).sum(axis=1), 1e-9)
        t = np.clip(((np.array([x, y]) - p0) * d).sum(axis=1) / length2, 0, 1)
        closest = p0 + t[:, None] * d
        dist = np.hypot(closest[:, 0] - x, closest[:, 1] - y)
        best = int(np.argmin(dist))
        if dist[best] <= LINE_REACH_PX:
            return ("line",) + self.segment_ids[best]
        return None


def place(
    sizes: Sequence[int],
    width: float,
    height: float,
    *,
    note_lines: int,
    image_inputs: bool,
    input_shape: tuple[int, int],
    label_room: float,
    drawn: Sequence[np.ndarray],
    line_scale: float = 1.0,
) -> Placement:
    """The layers of ``sizes`` laid out in a widget of ``width`` × ``height``: captions above, room for a note of
    ``note_lines`` lines below, ``label_room`` px left of the input nodes for their labels (when the nodes are big
    enough to be labelled), the inputs as one image of ``input_shape`` pixels when ``image_inputs``; ``drawn`` (per
    layer pair, the (i, j) of the lines drawn) gives the segments. The gap between two nodes of a column is
    NODE_GAP of their pitch, widened by ``line_scale`` with the lines (presenter mode), so that the wide lines
    passing between the maps and the switches on their corners leave them apart."""
    if not sizes:
        return Placement(input_shape=input_shape)
    w, h = max(width, 50), max(height, 50)
    n_cols = len(sizes)
    top, bottom = 18.0, 8.0 + NOTE_LINE_PX * note_lines  # captions above, a note below
    # drawn as an image, the inputs take no node column's height
    biggest = max(sizes[1:]) if image_inputs and n_cols > 1 else max(sizes)
    # first guess of the node size, then margins that leave room for half a node and the input labels
    gap = min(NODE_GAP * max(line_scale, 1.0), 0.5)
    node = min(MAX_NODE_PX, (1 - gap) * (h - top - bottom) / biggest, 0.55 * w / max(n_cols, 2))
    left = node / 2 + (label_room if node >= 10 else 4.0)
    right = node / 2 + 4.0
    col_gap = (w - left - right) / max(n_cols - 1, 1)
    node_px = float(max(min(node, 0.55 * col_gap), 3.0))
    pos = []
    for k, n in enumerate(sizes):
        x = left + k * col_gap if n_cols > 1 else w / 2
        pitch = (h - top - bottom) / n
        ys = top + pitch * (np.arange(n) + 0.5)
        pos.append(np.column_stack([np.full(n, x), ys]))
    image_rect = None
    if image_inputs:
        pos[0], image_rect = _image_layout(input_shape, w, h, top, bottom, col_gap, n_cols)
    segments, ids = _segments(drawn, pos)
    return Placement(pos, node_px, image_rect, input_shape, segments, ids)


def _image_layout(input_shape, w: float, h: float, top: float, bottom: float, col_gap: float, n_cols: int):
    """The inputs as one image in the first column: each input's position is its pixel's centre."""
    rows, cols = input_shape
    side = max(min(0.8 * (h - top - bottom), 0.75 * col_gap if n_cols > 1 else w, 150.0), 24.0)
    rect = QRectF(4.0, top + (h - top - bottom - side) / 2, side, side)
    r, c = np.divmod(np.arange(rows * cols), cols)
    xs = rect.left() + (c + 0.5) * side / cols
    ys = rect.top() + (r + 0.5) * side / rows
    return np.column_stack([xs, ys]), rect


def _segments(drawn: Sequence[np.ndarray], pos: list[np.ndarray]):
    segs: list[np.ndarray] = []
    ids: list[tuple[int, int, int]] = []
    for k, pairs in enumerate(drawn):
        if k + 1 >= len(pos) or not len(pairs):
            continue
        a, b = pos[k][pairs[:, 0]], pos[k + 1][pairs[:, 1]]
        segs.append(np.hstack([a, b]))
        ids.extend((k + 1, int(i), int(j)) for i, j in pairs)
    return (np.vstack(segs) if segs else np.empty((0, 4))), ids
