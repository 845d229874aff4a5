"""Exports: the plot or the curves as PNG or SVG, the experiment as a NumPy script or a PyTorch module, the
training as a GIF."""

from __future__ import annotations

import logging
import os

from gui.files.exporters import FrameRecorder, export_png, export_svg, write_gif_with_dialog
from model.storage.script_export import DEFAULT_EPOCHS

log = logging.getLogger(__name__)


class Exports:
    """Exports ``plot`` (BoundaryView) and ``curves`` (CurvesView); ``controller`` writes the script (the training
    thread owns the session); ``recorder`` keeps frames of the plot while it trains, for the animation."""

    def __init__(self, *, plot, curves, controller, dialogs, notices, recorder: FrameRecorder):
        self.plot = plot
        self.curves = curves
        self.controller = controller
        self.dialogs = dialogs
        self.notices = notices
        self.recorder = recorder

    def export_plot(self, path) -> bool:
        return self._export(self.plot.getPlotItem(), path, "plot")

    def export_curves(self, path) -> bool:
        return self._export(self.curves.glw.ci, path, "curves")

    def _export(self, item, path, what: str) -> bool:
        path = os.fspath(path)
        try:
            if path.lower().endswith(".svg"):
                export_svg(item, path)
            else:
                export_png(item, path, scale=2.0)
        except Exception as exc:
            log.exception("export failed")
            self.dialogs.warn(f"Could not export the {what}", exc, path)
            return False
        self.dialogs.remember_dir(path)
        self.notices.status(f"Exported the {what} to {os.path.basename(path)}.", 6000)
        return True

    def export_script(self, path) -> bool:
        """Writes the experiment as a standalone NumPy script (written in the training thread, which owns
        the session): the data, the model's first weights and its training, up to the present epoch."""
        path = os.fspath(path)
        try:
            epoch = self.controller.save_session(path, kind="script")
        except Exception as exc:
            self.dialogs.warn("Could not export the script", exc, path)
            return False
        self.dialogs.remember_dir(path)
        self.notices.status(
            f"Wrote {os.path.basename(path)}: it trains {epoch or DEFAULT_EPOCHS:,} epochs with NumPy alone.", 8000
        )
        return True

    def export_torch(self, path) -> bool:
        """Writes the network, its trained weights and its training as a PyTorch module (in the training thread,
        which owns the session; model.storage.torch_export)."""
        path = os.fspath(path)
        try:
            self.controller.save_session(path, kind="torch")
        except Exception as exc:
            self.dialogs.warn("Could not export the PyTorch module", exc, path)
            return False
        self.dialogs.remember_dir(path)
        self.notices.status(f"Wrote {os.path.basename(path)}: run it with PyTorch to train on.", 8000)
        return True

    def export_animation(self, path) -> bool:
        """Writes the recorded frames as an animated GIF under a progress dialog (cancellable)."""
        frames = list(self.recorder.frames)
        if not frames:
            self.dialogs.inform(
                "No animation recorded",
                "Turn on File \u25b8 Export \u25b8 Record animation, then train: the boundary is recorded while it "
                "changes.",
            )
            return False
        path = os.fspath(path)
        try:
            written = write_gif_with_dialog(self.dialogs.parent, frames, path, fps=self.recorder.fps)
        except Exception as exc:
            log.exception("animation export failed")
            self.dialogs.warn("Could not write the animation", exc, path)
            return False
        if written:
            self.dialogs.remember_dir(path)
            self.notices.status(f"Wrote {len(frames)} frames to {os.path.basename(path)}.", 6000)
        else:
            self.notices.status("Export cancelled: nothing was written.", 6000)
        return written
