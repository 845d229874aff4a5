"""The network diagram's picture drawn over a few turns of the event loop, then shown with one copy.

Why: painted at once, the diagram of a 2-16-16-1 network (its weight lines, wide and antialiased, then the nodes
with their maps and switches) took 5-7 ms of the GUI thread while the window trained, ~10 times a second: the
longest turn of the event loop, what a click waited for. Now a new snapshot's lines and nodes are drawn into an
image in parts (``PART_LINES`` lines, or the nodes, a turn; each part on a zero timer of its own), the picture
drawn last staying on screen meanwhile, and the paint copies the finished image and writes the captions on it.

The parts make the same calls, in the same order, as the paint does, on an image of the widget's own pixels
(and pixel ratio), so the picture is the same (a test compares them pixel for pixel). The captions are always
written in the paint itself: text drawn into an image may be antialiased otherwise than on the screen.

A picture belongs to one state of the canvas (``DiagramCanvas.picture_state``: the arrays it draws, by identity,
and the small values, by equality). A paint whose canvas is in another state (the mouse over a node, a grab
right after a redraw, a slow step's overlay) paints at once, as before.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from functools import partial

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QImage, QPainter

from gui.inside.diagram_paint_lines import line_batches
from gui.inside.diagram_paint_nodes import paint_nodes

PART_LINES = 40  # lines drawn in one turn (~0.7 ms of a 2-16-16-1 diagram's 96 lines on a quiet machine)


def same_state(a: tuple, b: tuple) -> bool:
    """Two ``picture_state``s (objects, values) are one state: the same objects (arrays, dicts: replaced, not changed
    in place, by a redraw) and equal values."""
    return len(a[0]) == len(b[0]) and all(x is y for x, y in zip(a[0], b[0])) and a[1] == b[1]


class DiagramPicture(QObject):
    """Draws ``canvas``'s picture in parts, then asks it to repaint. ``picture(state)``: the finished image of that
    state, or None."""

    def __init__(self, canvas):
        super().__init__(canvas)
        self._canvas = canvas
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.setObjectName("DiagramPicture.part")  # named in bench.late_turns
        self._timer.timeout.connect(self.draw_part)
        self._image: QImage | None = None
        self._state: tuple | None = None
        self._job: _Job | None = None
        self.cost = 0.0  # seconds (wall) the parts of the finished picture took

    def picture(self, state: tuple) -> QImage | None:
        if self._image is not None and self._state is not None and same_state(self._state, state):
            return self._image
        return None

    def drawing(self) -> bool:
        """Whether a picture is being drawn in parts."""
        return self._job is not None

    def forget(self) -> None:
        """The canvas changed: no picture until the next ``start``."""
        self._image = self._state = self._job = None
        self._timer.stop()

    def start(self) -> None:
        """Draw the canvas's present state in parts (the picture drawn last stays until this one is whole)."""
        canvas = self._canvas
        ratio = canvas.devicePixelRatioF()
        image = QImage(round(canvas.width() * ratio), round(canvas.height() * ratio), QImage.Format.Format_RGB32)
        image.setDevicePixelRatio(ratio)
        self._job = _Job(canvas.picture_state(), image, _parts(canvas))
        self._timer.start()

    @Slot()
    def draw_part(self) -> None:
        """Draws the next part now (its zero timer does, one part a turn; the bench times each)."""
        job, canvas = self._job, self._canvas
        if job is None:
            return
        if not same_state(job.state, canvas.picture_state()):  # changed without a word: paint it as it is now
            self.forget()
            canvas.show_picture()
            return
        t0 = time.perf_counter()
        draw, last = next(job.parts)
        p = QPainter(job.image)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            draw(p)
        finally:
            p.end()
        job.cost += time.perf_counter() - t0
        if not last:
            self._timer.start()
            return
        self._job = None
        self._image, self._state, self.cost = job.image, job.state, job.cost
        canvas.show_picture()


class _Job:
    def __init__(self, state: tuple, image: QImage, parts: Iterator[tuple[Callable[[QPainter], None], bool]]):
        self.state, self.image, self.parts, self.cost = state, image, parts, 0.0


def _parts(canvas) -> Iterator[tuple[Callable[[QPainter], None], bool]]:
    """Each part: a function drawing a turn's share of the picture, and whether it is the last. The lines' batches
    are made as the parts are taken (that is part of the work a turn does)."""
    background = canvas.palette().base()
    rect = canvas.rect()
    batch: list[Callable[[QPainter], None]] = [lambda p: p.fillRect(rect, background)]
    count = 0
    for n, draw in line_batches(canvas):
        if count and count + n > PART_LINES:
            yield _all(batch), False
            batch, count = [], 0
        batch.append(draw)
        count += n
    yield _all(batch), False
    yield partial(paint_nodes, canvas=canvas), True


def _all(draws: list[Callable[[QPainter], None]]) -> Callable[[QPainter], None]:
    def draw(p: QPainter) -> None:
        for d in draws:
            d(p)

    return draw
