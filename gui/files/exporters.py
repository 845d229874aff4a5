"""Exports: the plot and the curves as PNG / SVG, and the training as an animated GIF.

    size = export_png(view.getPlotItem(), "plot.png", scale=2)     # pyqtgraph's ImageExporter; returns (w, h)
    export_svg(curves_view.glw.ci, "curves.svg")                    # pyqtgraph's SVGExporter
    recorder = FrameRecorder(boundary_view); recorder.start()       # frames while training runs
    write_gif(recorder.frames, "training.gif", fps=15, progress=...)

Frames are small QImage renders of the boundary view taken when the view has a new snapshot, at most
``fps`` a second. Past ``max_frames`` every other frame is dropped and the capture rate halves, so a
long training keeps frames spread evenly over all of it within a fixed memory budget.

Everything here runs in the GUI thread (widgets are painted); files are written atomically.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsItem, QProgressDialog

from model.storage.atomic_files import atomic_write

GIF_FPS = 15
MAX_FRAMES = 600
FRAME_MAX_SIDE = 480
#: Frames are RGB888, so 600 frames of 480 x 300 take ~260 MB: the cap shrinks to stay within this budget.
FRAME_MEMORY_BUDGET = 160 * 1024 * 1024
MIN_FRAMES_CAP = 60
HOLD_LAST_MS = 1500


class ExportCancelled(Exception):
    """The person cancelled a long export; nothing was written."""


# ---------------------------------------------------------------------------------------------- images
def export_png(item, path, scale: float = 1.0, width: int | None = None) -> tuple[int, int]:
    """Writes ``item`` (a pyqtgraph item such as a PlotItem or a GraphicsLayout) as a PNG image.

    The image is ``width`` pixels wide (default: the item's size on screen times ``scale``), its height
    following the aspect ratio. Returns the (width, height) written. Atomic: a failed export leaves any
    previous file intact.
    """
    # imported on the first export, not at start-up: the exporters bring in modules the app does not need to open
    from pyqtgraph.exporters import ImageExporter

    exporter = ImageExporter(item)
    params = exporter.parameters()
    w = int(width) if width else max(1, round(params["width"] * float(scale)))
    if w != params["width"]:
        params["width"] = w  # the height follows
    size = (int(params["width"]), int(params["height"]))
    with _legends_scaled(item):
        image = exporter.export(toBytes=True)
    if image is None or image.isNull():
        raise OSError("the plot could not be rendered")
    _save_qimage(image, path, "PNG")
    return size


@contextmanager
def _legends_scaled(item) -> Iterator[None]:
    """While ``item`` is exported: its legends drawn at the image's scale, like the axes and the rest.

    A pyqtgraph legend ignores the transformations above it (so that it keeps its size however a plot is zoomed),
    the export's scale among them: in an image at twice the size on screen its text and samples stayed at half the
    size relative to the rest. Its place does follow the scale; only its drawing did not."""
    flag = QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
    scene = item.scene()
    legends = [
        legend
        for legend in (scene.items() if scene is not None else [])
        if isinstance(legend, pg.LegendItem) and legend.flags() & flag and (legend is item or item.isAncestorOf(legend))
    ]
    for legend in legends:
        legend.setFlag(flag, False)
    try:
        yield
    finally:
        for legend in legends:
            legend.setFlag(flag, True)


def _save_qimage(image: QImage, path, fmt: str) -> None:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stubs type the format as bytes, but the binding takes a str (bytes raise ValueError).
    ok = image.save(buffer, fmt)  # type: ignore[call-overload]
    buffer.close()
    if not ok:
        raise OSError(f"could not encode the image as {fmt}")
    payload = bytes(data.data())
    atomic_write(path, lambda f: f.write(payload))


def export_svg(item, path) -> None:
    """Writes ``item`` as SVG with pyqtgraph's SVGExporter.

    pyqtgraph 0.14's exporter fails on the closed paths ("... Z") newer Qt versions write
    (pyqtgraph GitHub issue 3495); the fix is applied only for the duration of this call.
    """
    module: Any = importlib.import_module("pyqtgraph.exporters.SVGExporter")
    original = module.correctCoordinates

    def correct_coordinates(node, defs, item_, options):
        closes = _strip_path_closes(node)
        try:
            return original(node, defs, item_, options)
        finally:
            _restore_path_closes(closes)

    module.correctCoordinates = correct_coordinates
    try:
        payload = module.SVGExporter(item).export(toBytes=True)
    finally:
        module.correctCoordinates = original
    atomic_write(path, lambda f: f.write(payload))


def _path_elements(node):
    return [el for el in node.getElementsByTagName("path")]


def _strip_path_closes(node) -> list:
    """Removes the "Z" tokens of every path under ``node``; returns what to put back."""
    closes = []
    for el in _path_elements(node):
        tokens = el.getAttribute("d").split()
        if not any(t in ("Z", "z") for t in tokens):
            continue
        kept: list[str] = []
        after: list[int] = []
        for t in tokens:
            if t in ("Z", "z"):
                after.append(len(kept) - 1)  # the close follows this coordinate token
            else:
                kept.append(t)
        el.setAttribute("d", " ".join(kept))
        closes.append((el, after))
    return closes


def _restore_path_closes(closes) -> None:
    for el, after in closes:
        tokens = el.getAttribute("d").split()
        marks = set(after)
        out = []
        if -1 in marks:
            out.append("Z")
        for i, t in enumerate(tokens):
            out.append(t)
            if i in marks:
                out.append("Z")
        el.setAttribute("d", " ".join(out) + " ")


# ---------------------------------------------------------------------------------------------- frames
class FrameRecorder(QObject):
    """Records small images of a BoundaryView while its snapshots change (for an animated GIF).

    The view is polled ``fps`` times a second while recording; a frame is taken only when the view holds
    a snapshot it did not have at the last frame. When ``cap`` frames are held, every other one is dropped
    and the interval between frames doubles (thinning), so the frames always span the whole recording.

    Signals: ``framesChanged(int)`` with the number of frames held, ``recordingChanged(bool)``.
    """

    framesChanged = Signal(int)
    recordingChanged = Signal(bool)

    def __init__(
        self,
        view,
        parent=None,
        fps: float = GIF_FPS,
        max_frames: int = MAX_FRAMES,
        max_side: int = FRAME_MAX_SIDE,
        memory_budget: int = FRAME_MEMORY_BUDGET,
    ):
        super().__init__(parent)
        self.view = view
        self.fps = float(fps)
        self.max_frames = int(max_frames)
        self.max_side = int(max_side)
        self.memory_budget = int(memory_budget)
        self.frames: list[QImage] = []
        self.epochs: list[int] = []
        self._every = 1  # keep one candidate frame in `_every` (doubles at each thinning)
        self._candidates = 0
        self._last_snapshot = None
        self._size: tuple[int, int] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, round(1000.0 / self.fps)))
        self._timer.timeout.connect(self.capture_if_new)

    # ------------------------------------------------------------------ control
    @property
    def recording(self) -> bool:
        return self._timer.isActive()

    @Slot(bool)
    def set_recording(self, on: bool) -> None:
        if bool(on) == self.recording:
            return
        if on:
            self._timer.start()
            self.capture_if_new()
        else:
            self._timer.stop()
        self.recordingChanged.emit(bool(on))

    @Slot()
    def clear(self) -> None:
        self.frames.clear()
        self.epochs.clear()
        self._every = 1
        self._candidates = 0
        self._last_snapshot = None
        self._size = None
        self.framesChanged.emit(0)

    @property
    def cap(self) -> int:
        """The most frames held at once: ``max_frames``, fewer if the frames would exceed the memory budget."""
        w, h = self.frame_size()
        per_frame = max(1, w * h * 3)
        return max(MIN_FRAMES_CAP, min(self.max_frames, self.memory_budget // per_frame))

    def frame_size(self) -> tuple[int, int]:
        size = self._size
        if size is None:
            vw, vh = max(1, self.view.width()), max(1, self.view.height())
            s = min(1.0, self.max_side / max(vw, vh))
            size = self._size = (max(2, round(vw * s) // 2 * 2), max(2, round(vh * s) // 2 * 2))
        return size

    # ------------------------------------------------------------------ capture
    @Slot()
    def capture_if_new(self) -> bool:
        """Takes a frame if the view shows a snapshot not captured yet; True if a frame was kept."""
        snap = self.view.snapshot() if hasattr(self.view, "snapshot") else None
        if snap is None or snap is self._last_snapshot:
            return False
        self._last_snapshot = snap
        self._candidates += 1
        if (self._candidates - 1) % self._every:
            return False  # thinned out: fewer frames per second after the cap was reached
        self.capture(int(getattr(snap, "epoch", 0)))
        return True

    def capture(self, epoch: int | None = None) -> QImage:
        """Renders the view now (its pending snapshot drawn first) into a new frame and keeps it."""
        if hasattr(self.view, "flush"):
            self.view.flush()
        image = render_widget(self.view, self.frame_size())  # the view's score box shows the epoch
        self.frames.append(image)
        self.epochs.append(-1 if epoch is None else int(epoch))
        if len(self.frames) >= self.cap:
            self._thin()
        self.framesChanged.emit(len(self.frames))
        return image

    def _thin(self) -> None:
        self.frames = self.frames[::2]
        self.epochs = self.epochs[::2]
        self._every *= 2
        self._candidates = 0


def render_widget(widget, size: tuple[int, int]) -> QImage:
    """The widget painted into a new RGB888 image of ``size`` (scaled, antialiased)."""
    w, h = int(size[0]), int(size[1])
    image = QImage(w, h, QImage.Format.Format_RGB888)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        render = widget.render
        try:  # QGraphicsView.render(painter, target, source): draws the scene scaled to the target
            render(painter, QRectF(0, 0, w, h), widget.viewport().rect())
        except TypeError:
            painter.scale(w / max(1, widget.width()), h / max(1, widget.height()))
            widget.render(painter)
    finally:
        painter.end()
    return image


# ---------------------------------------------------------------------------------------------- GIF
def qimage_to_pil(image: QImage):
    """An RGB Pillow image with the pixels of ``image`` (copied)."""
    from PIL import Image  # Pillow loads only when a GIF is written: it stays out of the app's start-up

    rgb = image.convertToFormat(QImage.Format.Format_RGB888) if image.format() != QImage.Format.Format_RGB888 else image
    w, h, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    data = bytes(rgb.constBits())[: stride * h]
    return Image.frombuffer("RGB", (w, h), data, "raw", "RGB", stride, 1).copy()


def write_gif(frames, path, fps: float = GIF_FPS, progress=None, hold_last_ms: int = HOLD_LAST_MS) -> int:
    """Writes ``frames`` (QImages of one size) as a looping animated GIF; returns the number of frames.

    All frames share one 256-colour palette made from a sample of them (no flicker between frames).
    ``progress(done, total)`` is called as frames are converted; when it returns False the export
    stops with ``ExportCancelled`` and nothing is written. Atomic: the file appears complete or not at all.
    """
    from PIL import Image  # Pillow loads only when a GIF is written: it stays out of the app's start-up

    frames = list(frames)
    if not frames:
        raise ValueError("there are no frames to write")
    n = len(frames)
    total = n + 1
    step = max(1, n // 8)
    sample = [qimage_to_pil(frames[i]) for i in range(0, n, step)][:9]
    if (n - 1) % step:
        sample.append(qimage_to_pil(frames[-1]))
    w, h = sample[0].size
    montage = Image.new("RGB", (w, h * len(sample)))
    for i, im in enumerate(sample):
        montage.paste(im, (0, i * h))
    palette = montage.quantize(colors=256, method=Image.Quantize.MEDIANCUT)

    def report(done: int) -> None:
        if progress is not None and progress(done, total) is False:
            raise ExportCancelled()

    report(0)
    converted = []
    for i, frame in enumerate(frames):
        im = qimage_to_pil(frame)
        if im.size != (w, h):
            im = im.resize((w, h))
        converted.append(im.quantize(palette=palette, dither=Image.Dither.NONE))
        report(i + 1)
    frame_ms = max(20, round(1000.0 / max(1e-6, float(fps)) / 10.0) * 10)  # GIF counts centiseconds
    durations = [frame_ms] * n
    durations[-1] = max(frame_ms, int(hold_last_ms))

    def write(f) -> None:
        converted[0].save(
            f,
            format="GIF",
            save_all=True,
            append_images=converted[1:],
            duration=durations,
            loop=0,
            optimize=False,
            disposal=1,
        )

    atomic_write(path, write)
    report(total)
    return n


def write_gif_with_dialog(parent, frames, path, fps: float = GIF_FPS) -> bool:
    """``write_gif`` under a cancellable QProgressDialog; True when the file was written."""
    frames = list(frames)
    dialog = QProgressDialog("Writing the animation\u2026", "Cancel", 0, len(frames) + 1, parent)
    dialog.setWindowTitle("Export training animation")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(True)
    dialog.setAutoReset(False)
    last = [0.0]

    def progress(done: int, total: int) -> bool:
        dialog.setMaximum(total)
        dialog.setValue(done)
        now = time.perf_counter()
        if now - last[0] > 0.05:  # keep the dialog (and its Cancel button) alive
            last[0] = now
            QApplication.processEvents()
        return not dialog.wasCanceled()

    try:
        write_gif(frames, path, fps=fps, progress=progress)
    except ExportCancelled:
        return False
    finally:
        dialog.reset()
        dialog.close()
        dialog.deleteLater()
    return True


def default_name(base: str, suffix: str) -> str:
    """A file name for a save dialog: ``base`` stripped of unsafe characters plus ``suffix``."""
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in base).strip("-.") or "export"
    return safe + suffix


__all__ = [
    "GIF_FPS",
    "MAX_FRAMES",
    "ExportCancelled",
    "FrameRecorder",
    "default_name",
    "export_png",
    "export_svg",
    "qimage_to_pil",
    "render_widget",
    "write_gif",
    "write_gif_with_dialog",
]
