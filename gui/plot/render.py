"""Render a training session to PNG files with the app's own views, without a window.

    render_session(session, "runs/moons")      # boundary.png and curves.png
    render_boundary(session, "boundary.png")   # the BoundaryView: data, boundary, score
    render_curves(session, "curves.png")       # the CurvesView: loss and accuracy / R² by epoch

The views are the app's ``BoundaryView`` and ``CurvesView``, drawn from a
``Snapshot`` exactly as in the window, then grabbed into an image. They are
never shown on screen: with no QApplication yet, ``ensure_app`` sets
``QT_QPA_PLATFORM=offscreen`` before creating one (so this works on a machine
without a display); inside the running app the widgets are laid out with
``WA_DontShowOnScreen``, so nothing flashes either.

The PNG bytes are deterministic: Qt's PNG writer adds no date (no tIME chunk)
and no text unless asked, the widgets have a fixed size, and nothing drawn
depends on the clock. ``png_chunks`` lists a file's chunks (the tests check it).
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

BOUNDARY_SIZE = (640, 640)
CURVES_SIZE = (960, 400)
BOUNDARY_FILE = "boundary.png"
CURVES_FILE = "curves.png"


def ensure_app(offscreen: bool = True):
    """The running QApplication, or a new one (offscreen unless ``offscreen`` is False).

    ``QT_QPA_PLATFORM`` is only read when the first QApplication is created:
    once one exists, it is returned as it is.
    """
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        return app
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        _quiet_offscreen_warnings()
    app = QApplication(["neural-playground-render"])
    try:
        from gui.widgets.style import apply_style  # the app's look (fonts, palette)
    except ImportError:
        app.setStyle("Fusion")
    else:
        apply_style(app)
        from gui.widgets.theme import ThemeChoice, manager

        manager().set_choice(ThemeChoice.LIGHT)  # a picture made without a window looks the same on any desktop
    return app


#: Messages of the offscreen platform that say nothing about the picture.
_NOISE = ("This plugin does not support propagateSizeHints()",)


def _quiet_offscreen_warnings() -> None:
    """Drop the offscreen platform's harmless warnings; print every other Qt message to stderr."""
    import sys

    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode, _context, message):
        if message not in _NOISE:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def _settle(widget, size) -> None:
    """Lay ``widget`` out at ``size`` without putting it on screen, and run pending events."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.resize(*size)
    widget.show()
    for _ in range(3):
        QApplication.processEvents()


def _grab(widget, path) -> None:
    """Paint ``widget`` into an image (twice: pyqtgraph settles its auto-range and axes while
    preparing the first paint) and save it as PNG, atomically."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtWidgets import QApplication

    from model.storage.atomic_files import atomic_write

    widget.grab()
    QApplication.processEvents()
    image = widget.grab().toImage()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError(f"could not encode {path} as PNG")
    buffer.close()
    raw = bytes(data.data())
    atomic_write(path, lambda f: f.write(raw))


def _view_range(view, ds) -> None:
    """The app's default view ([-6, 6]², or the curve's extent), or the data if it lies outside."""
    from gui.plot.plot_framing import DEFAULT_RANGE

    view.reset_view()
    if ds.n_samples and ds.n_features == 2:
        lo, hi = DEFAULT_RANGE
        X = ds.X
        if float(X.min()) < lo or float(X.max()) > hi:
            view.fit_to_data()


def render_boundary(session, path, size=BOUNDARY_SIZE) -> Path:
    """Draw the session's data and decision boundary (or fitted curve) in a ``BoundaryView``; write a PNG."""
    ensure_app()
    from gui.plot.boundary_view import BoundaryView

    view = BoundaryView()
    try:
        ds = session.dataset
        view.set_dataset(ds, session.data_version)
        _settle(view, size)
        _view_range(view, ds)
        _settle(view, size)
        # where the window puts the legend once the view rests (its timer fires after the resize, or not yet, as
        # busy the machine is): see-through over points, in the corner that hides the fewest, on every run
        view.place_legend()
        bounds, grid_size = view.grid_request()
        view.show_snapshot(session.snapshot(grid_bounds=bounds, grid_size=grid_size))
        view.flush()
        _grab(view, path)
    finally:
        view.close()
        view.deleteLater()
    return Path(path)


def render_curves(session, path, size=CURVES_SIZE, log_loss: bool = False) -> Path:
    """Draw the session's loss and accuracy (R²) curves in a ``CurvesView``; write a PNG."""
    ensure_app()
    from gui.plot.curves_view import CurvesView

    view = CurvesView()
    try:
        view.set_log_scale(log_loss)
        # a picture, not a control: the log boxes cannot be clicked in a PNG (the app's Export leaves them out too)
        view.log_check.hide()
        view.log_epochs_check.hide()
        view.show_snapshot(session.snapshot())
        _settle(view, size)
        _grab(view, path)
    finally:
        view.close()
        view.deleteLater()
    return Path(path)


def render_session(session, out_dir, log_loss: bool = False) -> list[Path]:
    """boundary.png and curves.png of ``session`` in ``out_dir`` (created); returns their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return [render_boundary(session, out / BOUNDARY_FILE), render_curves(session, out / CURVES_FILE, log_loss=log_loss)]


def png_chunks(data: bytes) -> list[str]:
    """The chunk types of a PNG file's bytes, in order (e.g. ['IHDR', 'IDAT', 'IEND'])."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    chunks, pos = [], 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunks.append(kind.decode("latin-1"))
        pos += 12 + length
    return chunks


__all__ = [
    "BOUNDARY_FILE",
    "CURVES_FILE",
    "ensure_app",
    "png_chunks",
    "render_boundary",
    "render_curves",
    "render_session",
]
