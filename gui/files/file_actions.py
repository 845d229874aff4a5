"""The File menu: its actions and what each asks (a file name), handed to the objects that do the work.

``FileActions`` makes, for the window's File menu (``menu_items()``, placed before Quit)::

    Open session… (Ctrl+O)  Open recent ▸  Save session (Ctrl+S)  Save session as… (Ctrl+Shift+S)
    Restore Unsaved Work… (enabled while some is kept: ``update_restore_action``)  |
    Open data…  Save data as CSV…  |  Export ▸ (plot / curves as PNG or SVG, data as CSV, script, animation)

and the three that do the work: ``sessions`` (``gui.files.sessions``: session files, the title, unsaved changes,
recovery), ``data_files`` (``gui.files.data_io``: CSV and .npz points) and ``exports``
(``gui.files.export_actions``). It gets the objects they need, not the window: the data document and its undo
stack, the training controller, the settings panels, the plot and the curves, a ``ViewState``, the settings and
``Notices``; ``parent`` is the widget dialogs are centred on.

All of it runs in the GUI thread; dialogs are the static ``QFileDialog`` / ``QMessageBox`` functions, so tests
monkeypatch them.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from gui.files.data_io import DataFiles
from gui.files.export_actions import Exports
from gui.files.exporters import FrameRecorder
from gui.files.file_dialogs import FileDialogs, plain_text_box
from gui.files.kept_work_dialog import KeptWorkDialog
from gui.files.recent_files import RecentFiles, RecentFilesMenu
from gui.files.recovery import RESTORE_WORDS
from gui.files.sessions import SESSION_FILTER, Sessions

DATA_OPEN_FILTER = (
    "Data files (*.csv *.npz *.txt *.tsv);;CSV files (*.csv *.txt *.tsv);;NumPy archives (*.npz);;All files (*)"
)
DATA_SAVE_FILTER = "CSV files (*.csv);;NumPy archives (*.npz)"


class FileActions(QObject):
    """The File menu's actions and the session file, data files and exports behind them.

    ``openingOther`` is emitted when other data or a session is about to replace what is on the screen (a file
    chosen): a lesson open until then is left, its locks lifted."""

    openingOther = Signal()

    def __init__(
        self, *, parent: QWidget, document, undo_stack, controller, panels, plot, curves, view_state, settings, notices
    ):
        super().__init__(parent)
        self.dialogs = FileDialogs(parent, settings)
        self.recent = RecentFiles(settings, parent=self)
        self.recorder = FrameRecorder(plot, parent=self)
        self.sessions = Sessions(
            document=document,
            undo_stack=undo_stack,
            controller=controller,
            panels=panels,
            view_state=view_state,
            curves=curves,
            settings=settings,
            recent=self.recent,
            dialogs=self.dialogs,
            notices=notices,
        )
        self.data_files = DataFiles(
            document=document,
            undo_stack=undo_stack,
            data_seed=lambda: panels.data.params()["seed"],
            view_state=view_state,
            recent=self.recent,
            dialogs=self.dialogs,
            notices=notices,
        )
        self.exports = Exports(
            plot=plot,
            curves=curves,
            controller=controller,
            dialogs=self.dialogs,
            notices=notices,
            recorder=self.recorder,
        )
        self.notices = notices
        self._build_actions(parent)
        self._build_menus(parent)
        self._connect()

    # ================================================================== construction
    def _build_actions(self, w: QWidget) -> None:
        self.open_data_action = QAction("Open data\u2026", w)
        self.open_data_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.open_data_action.setToolTip("Replaces the points with those of a CSV or .npz file (undoable).")
        self.save_data_action = QAction("Save data as CSV\u2026", w)
        self.save_data_action.setToolTip(
            "Writes the points to a CSV file: their inputs (x1, x2 or the names they came with), label, is_test."
        )
        self.open_session_action = QAction("Open session\u2026", w)
        self.open_session_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_session_action.setToolTip("Opens a saved session: data, model, weights, optimizer, history, view.")
        self.save_session_action = QAction("Save session", w)
        self.save_session_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_session_action.setToolTip("Saves everything needed to resume training exactly where it is.")
        self.save_session_as_action = QAction("Save session as\u2026", w)
        self.save_session_as_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.save_session_as_action.setToolTip("Saves the session to a new file.")
        self.restore_kept_action = QAction(RESTORE_WORDS, w)
        self.restore_kept_action.setToolTip(
            "Lists the unsaved work kept when sessions ended (closed, crashed or killed): restore one, or discard it."
        )
        self.kept_dialog: KeptWorkDialog | None = None  # the list, while it is open

        self.export_plot_png_action = QAction("Plot as PNG\u2026", w)
        self.export_plot_svg_action = QAction("Plot as SVG\u2026", w)
        self.export_curves_png_action = QAction("Curves as PNG\u2026", w)
        self.export_curves_svg_action = QAction("Curves as SVG\u2026", w)
        self.export_data_action = QAction("Data as CSV\u2026", w)
        self.export_plot_png_action.setStatusTip("Saves the plot as a PNG picture.")
        self.export_plot_svg_action.setStatusTip("Saves the plot as an SVG drawing (scales without blur).")
        self.export_curves_png_action.setStatusTip("Saves the loss and accuracy charts as a PNG picture.")
        self.export_curves_svg_action.setStatusTip("Saves the loss and accuracy charts as an SVG drawing.")
        self.export_data_action.setStatusTip(
            "Saves the points as a CSV file: their inputs (x1, x2 or the names they came with), label, is_test."
        )
        self.export_script_action = QAction("Experiment as Python script\u2026", w)
        self.export_script_action.setToolTip(
            "A standalone script (NumPy only) that rebuilds these points and this model and trains it to the same loss."
        )
        self.export_torch_action = QAction("PyTorch module\u2026", w)
        self.export_torch_action.setToolTip(
            "A .py file with this network as a PyTorch nn.Module, its trained weights, the points and the training "
            "settings as a PyTorch loop: the experiment continues in PyTorch."
        )
        self.record_action = QAction("Record animation", w)
        self.record_action.setCheckable(True)
        self.record_action.setToolTip(
            "Records the boundary while it trains (up to ~15 frames a second), for "
            "File \u25b8 Export \u25b8 Training animation (GIF)\u2026"
        )
        self.export_animation_action = QAction("Training animation (GIF)\u2026", w)
        self.export_animation_action.setToolTip("Writes the recorded frames as an animated GIF.")
        self.export_animation_action.setEnabled(False)
        self.clear_frames_action = QAction("Discard recorded frames", w)
        self.clear_frames_action.setEnabled(False)
        self.clear_frames_action.setStatusTip("Forgets the frames recorded so far for the animation.")

    def _build_menus(self, w: QWidget) -> None:
        self.recent_menu = RecentFilesMenu(self.recent, "Open &recent", w)
        self.export_menu = QMenu("&Export", w)
        for a in (
            self.export_plot_png_action,
            self.export_plot_svg_action,
            self.export_curves_png_action,
            self.export_curves_svg_action,
            self.export_data_action,
            self.export_script_action,
            self.export_torch_action,
        ):
            self.export_menu.addAction(a)
        self.export_menu.addSeparator()
        self.export_menu.addAction(self.record_action)
        self.export_menu.addAction(self.export_animation_action)
        self.export_menu.addAction(self.clear_frames_action)

    def menu_items(self) -> list:
        """The File menu's entries (actions, menus; None for a separator), to go after New, before Quit."""
        return [
            self.open_session_action,
            self.recent_menu,
            self.save_session_action,
            self.save_session_as_action,
            self.restore_kept_action,
            None,
            self.open_data_action,
            self.save_data_action,
            None,
            self.export_menu,
            None,
        ]

    def _connect(self) -> None:
        self.open_data_action.triggered.connect(self._on_open_data)
        self.save_data_action.triggered.connect(self._on_save_data)
        self.export_data_action.triggered.connect(self._on_save_data)
        self.open_session_action.triggered.connect(self._on_open_session)
        self.save_session_action.triggered.connect(self._on_save_session)
        self.save_session_as_action.triggered.connect(self._on_save_session_as)
        self.restore_kept_action.triggered.connect(self._on_restore_kept)
        self.update_restore_action()
        self.export_plot_png_action.triggered.connect(self._on_export_plot_png)
        self.export_plot_svg_action.triggered.connect(self._on_export_plot_svg)
        self.export_curves_png_action.triggered.connect(self._on_export_curves_png)
        self.export_curves_svg_action.triggered.connect(self._on_export_curves_svg)
        self.record_action.toggled.connect(self.recorder.set_recording)
        self.recorder.framesChanged.connect(self._on_frames_changed)
        self.export_animation_action.triggered.connect(self._on_export_animation)
        self.export_script_action.triggered.connect(self._on_export_script)
        self.export_torch_action.triggered.connect(self._on_export_torch)
        self.clear_frames_action.triggered.connect(self.recorder.clear)
        self.recent_menu.openRequested.connect(self._on_open_recent)
        self.recent_menu.missingRemoved.connect(self._on_missing_removed)

    # ================================================================== menu slots
    def _ask_save(self, title: str, suffix: str, file_filter: str, what: str | None = None) -> str | None:
        base = self.sessions.base_name() + (f"-{what}" if what else "")
        return self.dialogs.ask_save(title, suffix, file_filter, base)

    @Slot()
    def _on_open_data(self) -> None:
        path = self.dialogs.ask_open("Open data", DATA_OPEN_FILTER)
        if path:
            self.open_data_file(path)

    def open_data_file(self, path: str) -> None:
        """Open data… with ``path`` chosen (the file named on the command line): the points are replaced with the
        file's in one undoable step once it is read in full; a file that cannot be read is named, nothing changes."""
        self._open_data(os.fspath(path))

    def say_cannot_open(self, problem: str) -> None:
        """A file named on the command line that no menu opens (not there, none of the app's files): ``problem``
        (naming it) said in a message, as a menu says a file it cannot read; nothing changes."""
        self.dialogs.warn_text("Could not open the file", plain_text_box(problem))

    @Slot()
    def _on_save_data(self) -> None:
        path = self._ask_save("Save data", ".csv", DATA_SAVE_FILTER)
        if path:
            self.data_files.save_data(path)

    @Slot()
    def _on_open_session(self) -> None:
        if not self.sessions.maybe_save("open"):
            return
        path = self.dialogs.ask_open("Open session", SESSION_FILTER)
        if path:
            self._open_session(path, ask=False)

    def open_session_file(self, path: str) -> None:
        """Open session… with ``path`` chosen (the file named on the command line): unsaved work is offered to be
        saved first; the session replaces the window's once read in full, or a message names the file."""
        self._open_session(os.fspath(path), ask=True)

    @Slot()
    def _on_save_session(self) -> None:
        self.sessions.save_session()

    @Slot()
    def _on_save_session_as(self) -> None:
        path = self.sessions.ask_session_path()
        if path:
            self.sessions.save_session(path)

    @Slot()
    def update_restore_action(self) -> None:
        """Restore Unsaved Work… is enabled while some is kept (the window calls it as the File menu opens)."""
        self.restore_kept_action.setEnabled(bool(self.sessions.kept_work()))

    @Slot()
    def _on_restore_kept(self) -> None:
        if self.kept_dialog is not None:
            self.kept_dialog.close()
        self.kept_dialog = KeptWorkDialog(self.sessions, self.dialogs.parent)
        self.kept_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.kept_dialog.destroyed.connect(self._on_kept_dialog_gone)
        self.kept_dialog.open()  # window-modal, and the window's event loop goes on

    @Slot()
    def _on_kept_dialog_gone(self) -> None:
        self.kept_dialog = None

    @Slot(str, str)
    def _on_open_recent(self, path: str, kind: str) -> None:
        if not os.path.isfile(path):
            self.recent.remove(path)
            self.dialogs.warn_text("File not found", f"{path} no longer exists; it was removed from the recent files.")
            return
        if kind == "session":
            self._open_session(path)
        else:
            self._open_data(path)

    def _open_data(self, path: str) -> None:
        """The newest open wins: a session still being read opens no more."""
        self.openingOther.emit()
        self.sessions.stop_reading()
        self.data_files.open_data(path)

    def _open_session(self, path: str, ask: bool = True) -> None:
        """The newest open wins: a data file still being read opens no more."""
        self.openingOther.emit()
        if self.sessions.open_session(path, ask=ask):
            self.data_files.cancel_reading()

    @Slot(object)
    def _on_missing_removed(self, paths) -> None:
        names = ", ".join(os.path.basename(p) for p in paths)
        self.notices.status(f"Removed from the recent files (no longer there): {names}.", 8000)

    @Slot()
    def _on_export_plot_png(self) -> None:
        path = self._ask_save("Export plot as PNG", ".png", "PNG images (*.png)", "plot")
        if path:
            self.exports.export_plot(path)

    @Slot()
    def _on_export_plot_svg(self) -> None:
        path = self._ask_save("Export plot as SVG", ".svg", "SVG images (*.svg)", "plot")
        if path:
            self.exports.export_plot(path)

    @Slot()
    def _on_export_curves_png(self) -> None:
        path = self._ask_save("Export curves as PNG", ".png", "PNG images (*.png)", "curves")
        if path:
            self.exports.export_curves(path)

    @Slot()
    def _on_export_curves_svg(self) -> None:
        path = self._ask_save("Export curves as SVG", ".svg", "SVG images (*.svg)", "curves")
        if path:
            self.exports.export_curves(path)

    @Slot()
    def _on_export_script(self) -> None:
        path = self._ask_save("Export the experiment as a Python script", ".py", "Python scripts (*.py)", "experiment")
        if path and self._training_revived():
            self.exports.export_script(path)

    @Slot()
    def _on_export_torch(self) -> None:
        path = self._ask_save("Export the network as a PyTorch module", ".py", "Python files (*.py)", "torch")
        if path and self._training_revived():
            self.exports.export_torch(path)

    def _training_revived(self) -> bool:
        """The script and the module are written by the training session: started again if its process died
        (False when it could not start; the person was told why)."""
        dead = self.sessions.dead_training
        return dead is None or dead.revive()

    @Slot()
    def _on_export_animation(self) -> None:
        if not self.recorder.frames:
            self.exports.export_animation("")  # explains how to record
            return
        path = self._ask_save("Export training animation", ".gif", "Animated GIF (*.gif)", "training")
        if path:
            self.exports.export_animation(path)

    @Slot(int)
    def _on_frames_changed(self, n: int) -> None:
        self.export_animation_action.setEnabled(n > 0)
        self.clear_frames_action.setEnabled(n > 0)
        self.export_animation_action.setText(
            f"Training animation (GIF, {n} frames)\u2026" if n else "Training animation (GIF)\u2026"
        )

    # ================================================================== life cycle
    def shutdown(self) -> None:
        """Stops recording and autosaving (the window is closing, its work kept): the recovery file is free."""
        self.sessions.stop_autosave()
        self.sessions.stop_reading()
        self.data_files.cancel_reading()
        self.sessions.release_recovery()
        self.recorder.set_recording(False)
