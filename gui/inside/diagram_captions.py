"""The network diagram's words on the canvas: a caption over each column (inputs or "input image", h1, h2, …,
output), the input nodes' labels beside them, and the note along the bottom.

An input's label gets what room there is left of its node (``label_room``: what the longest label needs, at least
``LABEL_ROOM_PX``, within a quarter of the diagram), elided when longer (the node's tooltip says it in full). A
standardised feature's label leaves "(standardised)" out (``short_feature_name``): a few letters of room go to its
name. The
note is painted in full when it fits the width, else in its few-words form (``short_note``); when even that is
wider (the 13 wines' "56 weaker lines hidden; no maps of 13 inputs" in a 1024×700 window's dock), its parts go on two
lines, each elided only if it still does not fit.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter

from gui.inside.diagram_geometry import NOTE_LINE_PX
from model.data.standardised_names import short_feature_name

LABEL_ROOM_PX = 38.0  # the least room left of the input nodes for their labels
MIN_LABEL_ROOM_PX = 14.0  # with less room than this beside a node, its label is left out


def caption_font(canvas) -> QFont:
    font = QFont(canvas.font())
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    return font


def label_room(canvas, width: float) -> float:
    """The width left of the input nodes for their labels: what the longest needs, within a quarter of the
    diagram (longer names are elided there; their tooltips say them in full)."""
    if not canvas.labels or canvas.images_the_inputs():
        return LABEL_ROOM_PX
    metrics = QFontMetrics(caption_font(canvas))
    widest = max((metrics.horizontalAdvance(short_feature_name(label)) for label in canvas.labels[0]), default=0) + 6
    return float(min(max(LABEL_ROOM_PX, widest), max(LABEL_ROOM_PX, 0.25 * width)))


def input_label_texts(canvas) -> list[str]:
    """The input nodes' labels as painted: elided to the room beside their node ("" where there is none)."""
    if canvas.node_px < 10 or not canvas.labels or not canvas.positions or canvas.image_rect is not None:
        return []
    metrics = QFontMetrics(caption_font(canvas))
    texts = []
    for label, (x, _) in zip(canvas.labels[0], canvas.positions[0]):
        room = x - canvas.node_px / 2
        short = short_feature_name(label)
        texts.append(
            metrics.elidedText(short, Qt.TextElideMode.ElideRight, int(room - 1)) if room > MIN_LABEL_ROOM_PX else ""
        )
    return texts


NOTE_LINES = 2  # the most lines the note takes


def note_lines(canvas) -> list[str]:
    """The note as painted, a line each: in full when it fits the width, else in a few words, its parts (between
    "; ") on a second line when they do not fit one, each line elided if even then it does not ([]: no note)."""
    if not canvas.note:
        return []
    metrics = QFontMetrics(caption_font(canvas))
    room = canvas.width() - 8
    if metrics.horizontalAdvance(canvas.note) <= room or not canvas.short_note:
        return [canvas.note]
    if metrics.horizontalAdvance(canvas.short_note) <= room:
        return [canvas.short_note]
    parts = canvas.short_note.split("; ")
    first = 1
    while first < len(parts) - 1 and metrics.horizontalAdvance("; ".join(parts[: first + 1]) + ";") <= room:
        first += 1
    lines = ["; ".join(parts[:first]) + (";" if first < len(parts) else ""), "; ".join(parts[first:])]
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, room) for line in lines if line][:NOTE_LINES]


def shown_note(canvas) -> str:
    """The note as painted, its lines joined by newlines."""
    return "\n".join(note_lines(canvas))


def column_captions(canvas) -> list[tuple[str, QRectF]]:
    """Each column's caption and where it is painted: centred over the column, as wide as its text, kept inside
    the canvas. (A fixed 80-px box, pushed in from the edge, centred "output" 40 px left of the right edge: in a
    narrow dock it ran into "h2", which read "h2output".)"""
    metrics = QFontMetrics(caption_font(canvas))
    positions, image_rect = canvas.positions, canvas.image_rect
    n, width = len(positions), float(canvas.width())
    captions = []
    for k, pos in enumerate(positions):
        x = float(pos[0, 0])
        if k == 0 and image_rect is not None:
            x = float(image_rect.center().x())
            caption = "input image"
        elif k == 0:
            caption = "inputs"
        elif k == n - 1:
            caption = "output"
        else:
            caption = f"h{k}"
        w = float(metrics.horizontalAdvance(caption) + 2)
        left = min(max(x - w / 2, 0.0), max(width - w, 0.0))
        captions.append((caption, QRectF(left, 0, w, 16)))
    return captions


def paint_captions(p: QPainter, canvas) -> None:
    p.setFont(caption_font(canvas))
    p.setPen(canvas.palette().text().color())
    positions = canvas.positions
    for caption, rect in column_captions(canvas):
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, caption)
    # input labels next to the input nodes when there is room
    for text, (x, y) in zip(input_label_texts(canvas), positions[0]):
        p.drawText(
            QRectF(0, y - 8, max(x - canvas.node_px / 2 - 1, 1), 16),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
    lines = note_lines(canvas)
    for k, line in enumerate(lines):
        p.drawText(
            QRectF(4, canvas.height() - 16 - NOTE_LINE_PX * (len(lines) - 1 - k), canvas.width() - 8, 16),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            line,
        )
