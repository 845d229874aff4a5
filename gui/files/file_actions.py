"""The File menu's files: data files, whole sessions, recent files, exports, the window title.

``FileActions(window)`` adds to the main window's File menu (before Quit):

    Open data…  Save data as CSV…  |  Open session… (Ctrl+O)  Save session (Ctrl+S)  Save session as… (Ctrl+Shift+S)
    Open recent ▸  |  Export ▸ (plot / curves as PNG or SVG, data as CSV, Record animation, Training animation…)

* Open data replaces the points through one undoable ``ReplaceDatasetCommand``; a bad file gives a message with
  the row and column (``DataFileError``) and leaves the data and the undo stack untouched.
* A session file (``model.storage.session_files``) holds the data, both specs and the weights, the optimizer state, the
  history and the view settings (``view_settings()``). Saving happens in the training thread (the worker owns
  the session); opening hands the loaded session to the worker, which continues from it bit for bit, and makes
  the loaded data a new clean state of the undo stack.
* The title is ``"name[*] — Neural Playground"``; ``[*]`` shows while the undo stack is not clean. Saving marks
  it clean. Before New and Open session with unsaved changes, the person is asked Save / Discard / Cancel.
  ``confirm_discard`` (a callable(reason) -> "save" | "discard" | "cancel") answers instead of the dialog:
  tests set it; on the offscreen/minimal platforms (headless runs) unsaved changes are discarded without
  asking, so nothing ever blocks there.
* Closing never asks and never loses work: unsaved data edits, or training done since the session was last
  saved or opened, are kept in a recovery session file beside the settings (``RECOVERY_NAME``), and the next
  start offers to restore it in the window's banner.

All of it runs in the GUI thread; dialogs are the static ``QFileDialog`` / ``QMessageBox`` functions, so tests
monkeypatch them.
"""

from __future__ import annotations

import logging
import os

import shiboken6
from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from gui.files.exporters import FrameRecorder, default_name, export_png, export_svg, write_gif_with_dialog
from gui.files.recent_files import RecentFiles, RecentFilesMenu
from gui.panels.data_commands import ReplaceDatasetCommand

log = logging.getLogger(__name__)

APP_NAME = "Neural Playground"
UNTITLED = "Untitled"
SESSION_SUFFIX = ".npz"
SESSION_FILTER = "Neural Playground sessions (*.npz);;All files (*)"
DATA_OPEN_FILTER = (
    "Data files (*.csv *.npz *.txt *.tsv);;CSV files (*.csv *.txt *.tsv);;NumPy archives (*.npz);;All files (*)"
)
DATA_SAVE_FILTER = "CSV files (*.csv);;NumPy archives (*.npz)"
HEADLESS_PLATFORMS = ("offscreen", "minimal")
VIEW_FORMAT = 1
RECOVERY_NAME = "unsaved-session.npz"


class FileActions(QObject):
    """Owns the file actions of ``window`` (a gui.main_window.MainWindow) and the current session file."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.path: str | None = None
        #: Test / automation hook: callable(reason) -> "save" | "discard" | "cancel", asked instead of the dialog.
        self.confirm_discard = None
        self._kept_epoch = 0  # the epoch the session had when last saved or opened (0: a fresh start)
        self.recent = RecentFiles(window.settings, parent=self)
        self.recorder = FrameRecorder(window.boundary_view, parent=self)
        self._build_actions()
        self._install_menus()
        self._connect()
        self.update_title()

    # ================================================================== construction
    def _build_actions(self) -> None:
        w = self.window
        self.open_data_action = QAction("Open data\u2026", w)
        self.open_data_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.open_data_action.setToolTip("Replaces the points with those of a CSV or .npz file (undoable).")
        self.save_data_action = QAction("Save data as CSV\u2026", w)
        self.save_data_action.setToolTip("Writes the points (x1, x2, label, is_test) to a CSV file.")
        self.open_session_action = QAction("Open session\u2026", w)
        self.open_session_action.setShortcut(QKeySequence.Open)
        self.open_session_action.setToolTip("Opens a saved session: data, model, weights, optimizer, history, view.")
        self.save_session_action = QAction("Save session", w)
        self.save_session_action.setShortcut(QKeySequence.Save)
        self.save_session_action.setToolTip("Saves everything needed to resume training exactly where it is.")
        self.save_session_as_action = QAction("Save session as\u2026", w)
        self.save_session_as_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.save_session_as_action.setToolTip("Saves the session to a new file.")

        self.export_plot_png_action = QAction("Plot as PNG\u2026", w)
        self.export_plot_svg_action = QAction("Plot as SVG\u2026", w)
        self.export_curves_png_action = QAction("Curves as PNG\u2026", w)
        self.export_curves_svg_action = QAction("Curves as SVG\u2026", w)
        self.export_data_action = QAction("Data as CSV\u2026", w)
        self.export_script_action = QAction("Experiment as Python script\u2026", w)
        self.export_script_action.setToolTip(
            "A standalone script (NumPy only) that rebuilds these points and this model and trains it to the same loss."
        )
        self.record_action = QAction("Record animation", w)
        self.record_action.setCheckable(True)
        self.record_action.setToolTip(
            "Records the boundary while it trains (up to ~15 frames a second), for Export \u25b8 Training animation."
        )
        self.export_animation_action = QAction("Training animation (GIF)\u2026", w)
        self.export_animation_action.setToolTip("Writes the recorded frames as an animated GIF.")
        self.export_animation_action.setEnabled(False)
        self.clear_frames_action = QAction("Discard recorded frames", w)
        self.clear_frames_action.setEnabled(False)

    def _install_menus(self) -> None:
        w = self.window
        file_menu = _menu_holding(w.menuBar(), w.quit_action)
        self.recent_menu = RecentFilesMenu(self.recent, "Open &recent", w)
        self.export_menu = QMenu("&Export", w)
        for a in (
            self.export_plot_png_action,
            self.export_plot_svg_action,
            self.export_curves_png_action,
            self.export_curves_svg_action,
            self.export_data_action,
            self.export_script_action,
        ):
            self.export_menu.addAction(a)
        self.export_menu.addSeparator()
        self.export_menu.addAction(self.record_action)
        self.export_menu.addAction(self.export_animation_action)
        self.export_menu.addAction(self.clear_frames_action)
        if file_menu is None:  # no File menu with Quit: a menu of our own
            file_menu = w.menuBar().addMenu("&File")
            before = None
        else:
            before = w.quit_action
        self.file_menu = file_menu
        items = [
            self.open_session_action,
            self.recent_menu.menuAction(),
            self.save_session_action,
            self.save_session_as_action,
            None,
            self.open_data_action,
            self.save_data_action,
            None,
            self.export_menu.menuAction(),
            None,
        ]
        for a in items:  # after New and its separator, before Quit
            if a is None:
                file_menu.insertSeparator(before) if before is not None else file_menu.addSeparator()
            else:
                file_menu.insertAction(before, a) if before is not None else file_menu.addAction(a)

    def _connect(self) -> None:
        w = self.window
        self.open_data_action.triggered.connect(self._on_open_data)
        self.save_data_action.triggered.connect(self._on_save_data)
        self.export_data_action.triggered.connect(self._on_save_data)
        self.open_session_action.triggered.connect(self._on_open_session)
        self.save_session_action.triggered.connect(self._on_save_session)
        self.save_session_as_action.triggered.connect(self._on_save_session_as)
        self.export_plot_png_action.triggered.connect(self._on_export_plot_png)
        self.export_plot_svg_action.triggered.connect(self._on_export_plot_svg)
        self.export_curves_png_action.triggered.connect(self._on_export_curves_png)
        self.export_curves_svg_action.triggered.connect(self._on_export_curves_svg)
        self.record_action.toggled.connect(self.recorder.set_recording)
        self.recorder.framesChanged.connect(self._on_frames_changed)
        self.export_animation_action.triggered.connect(self._on_export_animation)
        self.export_script_action.triggered.connect(self._on_export_script)
        self.clear_frames_action.triggered.connect(self.recorder.clear)
        self.recent_menu.openRequested.connect(self._on_open_recent)
        self.recent_menu.missingRemoved.connect(self._on_missing_removed)
        w.undo_stack.cleanChanged.connect(self._on_clean_changed)

    # ================================================================== title and unsaved changes
    def display_name(self) -> str:
        return os.path.basename(self.path) if self.path else UNTITLED

    def update_title(self) -> None:
        w = self.window
        w.setWindowTitle(f"{self.display_name()}[*] \u2014 {APP_NAME}")
        w.setWindowFilePath(self.path or "")
        w.setWindowModified(not w.undo_stack.isClean())

    @Slot(bool)
    def _on_clean_changed(self, clean: bool) -> None:
        if shiboken6.isValid(self.window):  # the undo stack also says so while the window is being deleted
            self.window.setWindowModified(not clean)

    def has_unsaved_changes(self) -> bool:
        return not self.window.undo_stack.isClean()

    def trained_since_kept(self) -> bool:
        """Has training moved on since the session was last saved or opened?"""
        snap = self.window.controller.latest_snapshot
        return snap is not None and int(snap.epoch) != self._kept_epoch

    def maybe_save(self, reason: str = "close") -> bool:
        """Before New / Open session / closing: True to go on (saved or discarded), False to cancel.

        Closing never asks (a window manager's close must close): unsaved data edits, and training
        done since the last save, are kept in the recovery file instead, offered back at the next start.
        New and Open ask about data edits only (trying things out should not be nagged)."""
        if reason == "close" and self.trained_since_kept():
            self.keep_for_recovery()
            return True
        if not self.has_unsaved_changes():
            return True
        if reason == "close":
            self.keep_for_recovery()
            return True
        answer = self._ask_unsaved(reason)
        if answer == "save":
            return self.save_session()
        return answer == "discard"

    def _ask_unsaved(self, reason: str) -> str:
        if self.confirm_discard is not None:
            answer = self.confirm_discard(reason)
            return answer if answer in ("save", "discard", "cancel") else "cancel"
        if QGuiApplication.platformName() in HEADLESS_PLATFORMS:
            return "discard"  # nobody could answer: never block a headless run
        doing = {"close": "closing", "new": "starting anew", "open": "opening another session"}.get(reason, reason)
        button = QMessageBox.question(
            self.window,
            "Unsaved changes",
            f"The data of \u201c{self.display_name()}\u201d has changes that are not saved. "
            f"Save the session before {doing}?",
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel,
            QMessageBox.Save,
        )
        return {QMessageBox.Save: "save", QMessageBox.Discard: "discard"}.get(button, "cancel")

    # ------------------------------------------------------------------ recovery of unsaved work
    def recovery_path(self) -> str:
        return os.fspath(self.window.settings.folder() / RECOVERY_NAME)

    def keep_for_recovery(self) -> bool:
        """Saves the session to the recovery file (the training thread writes it, atomically)."""
        w, path = self.window, self.recovery_path()
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            w.controller.save_session(path, self.view_settings())
        except Exception:
            log.exception("could not keep the unsaved session in %s", path)
            return False
        w.settings.save("recovery/name", self.display_name())
        w.settings.sync()
        return True

    def offer_recovery(self) -> bool:
        """At start: if the last session closed with unsaved work, offer it back in the banner."""
        if not os.path.exists(self.recovery_path()):
            return False
        name = self.window.settings.load("recovery/name", UNTITLED)
        self.window.show_invitation(
            f"The last session (\u201c{name}\u201d) closed with unsaved work; it was kept.",
            "Restore it",
            self.restore_recovery,
        )
        return True

    @Slot()
    def restore_recovery(self) -> bool:
        """Opens the recovery file as an unsaved session (it has no file of its own), then deletes it."""
        path = self.recovery_path()
        if not self.open_session(path, ask=True, remember=False):
            return False
        self.path = None
        self.window.undo_stack.resetClean()  # unsaved: the [*] mark shows until the person saves
        self.update_title()
        try:
            os.remove(path)
        except OSError:
            pass
        return True

    def forget_path(self) -> None:
        """The document has no file any more (New)."""
        self.path = None
        self._kept_epoch = 0
        self.update_title()

    # ================================================================== data files
    def open_data(self, path) -> bool:
        """Replaces the points with the file's (one undo step). A bad file: a message, nothing changes."""
        from model.data.data_files import read_dataset

        w = self.window
        path = os.fspath(path)
        try:
            loaded = read_dataset(path, test_fraction=w.document.test_fraction, seed=int(w.data_panel.params()["seed"]))
        except (ValueError, OSError) as exc:
            QMessageBox.warning(w, "Could not open the data", _error_text(exc, path))
            return False
        ds = loaded.dataset
        w.undo_stack.push(ReplaceDatasetCommand(w.document, ds, f"Open {os.path.basename(path)}"))
        self._fit_view_if_outside(ds)
        self.recent.add(path, "data")
        self._remember_dir(path)
        notes = "; ".join(loaded.notes)
        w.statusBar().showMessage(
            f"Opened {os.path.basename(path)}: {ds.n_samples} points" + (f" ({notes})" if notes else "") + ".", 8000
        )
        return True

    def save_data(self, path) -> bool:
        """Writes the points as CSV (or .npz when the name ends in .npz)."""
        from model.data.data_files import save_dataset_csv, save_dataset_npz

        w = self.window
        path = os.fspath(path)
        try:
            if path.lower().endswith(".npz"):
                save_dataset_npz(w.dataset, path)
            else:
                save_dataset_csv(w.dataset, path)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(w, "Could not save the data", _error_text(exc, path))
            return False
        self._remember_dir(path)
        w.statusBar().showMessage(f"Saved {w.dataset.n_samples} points to {os.path.basename(path)}.", 6000)
        return True

    def _fit_view_if_outside(self, ds) -> None:
        """Zooms to the data when some of it lies outside the visible range."""
        import numpy as np

        v = self.window.boundary_view
        if ds.n_samples == 0:
            return
        xy = getattr(v, "_plot_xy", None)
        if not isinstance(xy, np.ndarray) or xy.shape[0] != ds.n_samples:
            return
        (x0, x1), (y0, y1) = v.vb.viewRange()
        inside = (xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)
        if not bool(inside.all()):
            v.fit_to_data()

    # ================================================================== sessions
    def save_session(self, path=None) -> bool:
        """Saves the whole session to `path` (default: its file; none yet: asks for one). True when saved."""
        w = self.window
        if path is None:
            path = self.path
        if path is None:
            path = self._ask_session_path()
            if path is None:
                return False
        path = os.fspath(path)
        try:
            epoch = w.controller.save_session(path, self.view_settings())
        except Exception as exc:
            QMessageBox.warning(w, "Could not save the session", _error_text(exc, path))
            return False
        self.path = os.path.abspath(path)
        self._kept_epoch = int(epoch)
        w.undo_stack.setClean()
        self.update_title()
        self.recent.add(self.path, "session")
        self._remember_dir(path)
        w.statusBar().showMessage(f"Saved the session at epoch {epoch:,} to {os.path.basename(path)}.", 6000)
        return True

    def open_session(self, path, ask: bool = True, remember: bool = True) -> bool:
        """Opens a session file: the worker continues from it; data, panels and views follow it."""
        from model.storage.session_files import load_session

        w = self.window
        if ask and not self.maybe_save("open"):
            return False
        path = os.fspath(path)
        try:
            session, view = load_session(path)
        except (ValueError, OSError) as exc:
            QMessageBox.warning(w, "Could not open the session", _error_text(exc, path))
            return False
        view = view if isinstance(view, dict) else {}
        ds, epoch = session.dataset, int(session.epoch)
        w.controller.pause()
        # the data: a new clean state (the commands of the previous document do not apply to it)
        w.undo_stack.clear()
        data_params = view.get("data")
        if isinstance(data_params, dict):
            w.data_panel.set_params(data_params)  # emits nothing
            try:
                w.document.set_test_fraction(float(data_params.get("test_fraction", w.document.test_fraction)))
            except (TypeError, ValueError):
                pass
        w.document.set_dataset(ds)  # views follow; the dataset request it sends is superseded below
        # the panels show the session's settings (set_params emits nothing)
        w.model_panel.set_params(model_panel_params(session.model_spec, view.get("model")))
        w.training_panel.set_params(training_panel_params(session.train_spec, view.get("training")))
        w.training_panel.keep_other_settings(session.train_spec)
        w.controller.set_speed(w.training_panel.speed_value())
        w.controller.set_limits(*w.training_panel.limits())
        self.apply_view_settings(view)
        w.curves_view.clear()
        # last: the worker adopts the session (requests queued before this one are dropped)
        self._kept_epoch = epoch
        w.controller.replace_session(session, w.document.version)
        del session  # the worker's now
        w.undo_stack.setClean()
        self.path = os.path.abspath(path)
        self.update_title()
        if remember:
            self.recent.add(self.path, "session")
            self._remember_dir(path)
        if hasattr(w, "banner"):
            w.banner.hide()
        w.statusBar().showMessage(f"Opened {os.path.basename(path)} at epoch {epoch:,}.", 8000)
        return True

    # ------------------------------------------------------------------ view settings
    def view_settings(self) -> dict:
        """What the session file keeps of the view (JSON values only)."""
        w = self.window
        (x0, x1), (y0, y1) = w.boundary_view.vb.viewRange()
        return {
            "format": VIEW_FORMAT,
            "plot_range": [float(x0), float(x1), float(y0), float(y1)],
            "show_test": bool(w.show_test_action.isChecked()),
            "log_scale": bool(w.curves_view.log_scale()),
            "current_class": int(w.boundary_view.current_class()),
            "tool": w.boundary_view.tool(),
            "curves_visible": bool(w.curves_toggle.isChecked()),
            "data": _jsonable(w.data_panel.params()),
            "model": _jsonable(w.model_panel.params()),
            "training": _jsonable(w.training_panel.params()),
        }

    def apply_view_settings(self, view: dict) -> None:
        """Puts back what ``view_settings`` saved; missing or broken values are left as they are."""
        w = self.window
        show = view.get("show_test")
        if isinstance(show, bool):
            w.show_test_action.setChecked(show)  # the panel's box and the view follow
            w.boundary_view.set_show_test(show)
        log = view.get("log_scale")
        if isinstance(log, bool):
            w.curves_view.set_log_scale(log)
        visible = view.get("curves_visible")
        if isinstance(visible, bool):
            w.curves_toggle.setChecked(visible)
        k = view.get("current_class")
        if isinstance(k, int) and not isinstance(k, bool) and 0 <= k < len(w.class_buttons):
            if w.class_button_actions[k].isVisible():
                w.class_buttons[k].click()  # as a person picks it (the add tool comes with it)
        tool = view.get("tool")
        if tool == "erase":
            w.erase_tool_action.setChecked(True)
        elif tool == "add":
            w.add_tool_action.setChecked(True)
        rng = view.get("plot_range")
        if isinstance(rng, list) and len(rng) == 4 and all(_finite(v) for v in rng):
            x0, x1, y0, y1 = (float(v) for v in rng)
            if x1 > x0 and y1 > y0:
                w.boundary_view.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    # ================================================================== exports
    def export_plot(self, path) -> bool:
        return self._export(self.window.boundary_view.getPlotItem(), path, "plot")

    def export_curves(self, path) -> bool:
        return self._export(self.window.curves_view.glw.ci, path, "curves")

    def _export(self, item, path, what: str) -> bool:
        w = self.window
        path = os.fspath(path)
        try:
            if path.lower().endswith(".svg"):
                export_svg(item, path)
            else:
                export_png(item, path, scale=2.0)
        except Exception as exc:
            log.exception("export failed")
            QMessageBox.warning(w, f"Could not export the {what}", _error_text(exc, path))
            return False
        self._remember_dir(path)
        w.statusBar().showMessage(f"Exported the {what} to {os.path.basename(path)}.", 6000)
        return True

    def export_script(self, path) -> bool:
        """Writes the experiment as a standalone NumPy script (written in the training thread, which owns
        the session): the data, the model's first weights and its training, up to the present epoch."""
        w = self.window
        try:
            epoch = w.controller.save_session(os.fspath(path), kind="script")
        except Exception as exc:
            QMessageBox.warning(w, "Could not export the script", _error_text(exc, os.fspath(path)))
            return False
        self._remember_dir(path)
        from model.storage.script_export import DEFAULT_EPOCHS

        w.statusBar().showMessage(
            f"Wrote {os.path.basename(os.fspath(path))}: it trains {epoch or DEFAULT_EPOCHS:,} "
            f"epochs with NumPy alone.",
            8000,
        )
        return True

    def export_animation(self, path) -> bool:
        """Writes the recorded frames as an animated GIF under a progress dialog (cancellable)."""
        w = self.window
        frames = list(self.recorder.frames)
        if not frames:
            QMessageBox.information(
                w,
                "No animation recorded",
                "Turn on Export \u25b8 Record animation, then train: the boundary is recorded while it changes.",
            )
            return False
        path = os.fspath(path)
        try:
            written = write_gif_with_dialog(w, frames, path, fps=self.recorder.fps)
        except Exception as exc:
            log.exception("animation export failed")
            QMessageBox.warning(w, "Could not write the animation", _error_text(exc, path))
            return False
        if written:
            self._remember_dir(path)
            w.statusBar().showMessage(f"Wrote {len(frames)} frames to {os.path.basename(path)}.", 6000)
        else:
            w.statusBar().showMessage("Export cancelled: nothing was written.", 6000)
        return written

    @Slot(int)
    def _on_frames_changed(self, n: int) -> None:
        self.export_animation_action.setEnabled(n > 0)
        self.clear_frames_action.setEnabled(n > 0)
        self.export_animation_action.setText(
            f"Training animation (GIF, {n} frames)\u2026" if n else "Training animation (GIF)\u2026"
        )

    # ================================================================== dialogs
    def _start_dir(self) -> str:
        d = self.window.settings.load("last_dir", "")
        return d if isinstance(d, str) and os.path.isdir(d) else os.path.expanduser("~")

    def _remember_dir(self, path) -> None:
        self.window.settings.save("last_dir", os.path.dirname(os.path.abspath(path)))

    def _suggest(self, name: str) -> str:
        return os.path.join(self._start_dir(), name)

    def _base_name(self) -> str:
        if self.path:
            return os.path.splitext(os.path.basename(self.path))[0]
        return str(self.window.data_panel.params().get("name") or "session")

    def _ask_session_path(self) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Save session", self._suggest(default_name(self._base_name(), SESSION_SUFFIX)), SESSION_FILTER
        )
        if not path:
            return None
        return path if os.path.splitext(path)[1] else path + SESSION_SUFFIX

    def _ask_save(self, title: str, suffix: str, file_filter: str, base: str | None = None) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, title, self._suggest(default_name(base or self._base_name(), suffix)), file_filter
        )
        if not path:
            return None
        return path if os.path.splitext(path)[1] else path + suffix

    # ================================================================== menu slots
    @Slot()
    def _on_open_data(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Open data", self._start_dir(), DATA_OPEN_FILTER)
        if path:
            self.open_data(path)

    @Slot()
    def _on_save_data(self) -> None:
        path = self._ask_save("Save data", ".csv", DATA_SAVE_FILTER)
        if path:
            self.save_data(path)

    @Slot()
    def _on_open_session(self) -> None:
        if not self.maybe_save("open"):
            return
        path, _ = QFileDialog.getOpenFileName(self.window, "Open session", self._start_dir(), SESSION_FILTER)
        if path:
            self.open_session(path, ask=False)

    @Slot()
    def _on_save_session(self) -> None:
        self.save_session()

    @Slot()
    def _on_save_session_as(self) -> None:
        path = self._ask_session_path()
        if path:
            self.save_session(path)

    @Slot(str, str)
    def _on_open_recent(self, path: str, kind: str) -> None:
        if not os.path.isfile(path):
            self.recent.remove(path)
            QMessageBox.warning(
                self.window, "File not found", f"{path} no longer exists; it was removed from the recent files."
            )
            return
        if kind == "session":
            self.open_session(path)
        else:
            self.open_data(path)

    @Slot(object)
    def _on_missing_removed(self, paths) -> None:
        names = ", ".join(os.path.basename(p) for p in paths)
        self.window.statusBar().showMessage(f"Removed from the recent files (no longer there): {names}.", 8000)

    @Slot()
    def _on_export_plot_png(self) -> None:
        path = self._ask_save("Export plot as PNG", ".png", "PNG images (*.png)", self._base_name() + "-plot")
        if path:
            self.export_plot(path)

    @Slot()
    def _on_export_plot_svg(self) -> None:
        path = self._ask_save("Export plot as SVG", ".svg", "SVG images (*.svg)", self._base_name() + "-plot")
        if path:
            self.export_plot(path)

    @Slot()
    def _on_export_curves_png(self) -> None:
        path = self._ask_save("Export curves as PNG", ".png", "PNG images (*.png)", self._base_name() + "-curves")
        if path:
            self.export_curves(path)

    @Slot()
    def _on_export_curves_svg(self) -> None:
        path = self._ask_save("Export curves as SVG", ".svg", "SVG images (*.svg)", self._base_name() + "-curves")
        if path:
            self.export_curves(path)

    @Slot()
    def _on_export_script(self) -> None:
        path = self._ask_save(
            "Export the experiment as a Python script",
            ".py",
            "Python scripts (*.py)",
            self._base_name() + "-experiment",
        )
        if path:
            self.export_script(path)

    @Slot()
    def _on_export_animation(self) -> None:
        if not self.recorder.frames:
            self.export_animation("")  # explains how to record
            return
        path = self._ask_save(
            "Export training animation", ".gif", "Animated GIF (*.gif)", self._base_name() + "-training"
        )
        if path:
            self.export_animation(path)

    # ================================================================== life cycle
    def shutdown(self) -> None:
        """Stops recording and listening to the undo stack (the window is closing)."""
        self.recorder.set_recording(False)
        try:
            self.window.undo_stack.cleanChanged.disconnect(self._on_clean_changed)
        except (RuntimeError, TypeError):
            pass


# ====================================================================== helpers
def _menu_holding(menubar, action) -> QMenu | None:
    for a in menubar.actions():
        menu = a.menu()
        if menu is not None and action in menu.actions():
            return menu
    return None


def _error_text(exc: BaseException, path: str) -> str:
    """The message for a box: DataFileError / SessionFileError already name the file, row and column."""
    from model.storage.safe_files import FileFormatError

    if isinstance(exc, FileFormatError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{os.path.basename(path) or path}: {exc.strerror or exc}"
    return f"{os.path.basename(path) or path}: {exc}"


def _finite(v) -> bool:
    import math

    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _jsonable(d: dict) -> dict:
    """Panel values as plain JSON values (NumPy numbers and tuples converted)."""
    import json

    return json.loads(json.dumps(d, default=lambda o: o.item() if hasattr(o, "item") else list(o)))


def model_panel_params(spec, saved: dict | None = None) -> dict:
    """The model panel's values for ``spec`` (the session's ModelSpec decides; `saved` fills the rest)."""
    p = dict(saved) if isinstance(saved, dict) else {}
    p["kind"] = spec.kind
    if spec.kind == "mlp":
        p["layers"] = [int(n) for n in spec.hidden]
        p["activations"] = list(spec.hidden_activations)
    p["alpha"] = float(spec.alpha)
    p["l1"] = float(spec.l1)
    p["weight_init"] = spec.weight_init
    return p


def training_panel_params(spec, saved: dict | None = None) -> dict:
    """The training panel's values for ``spec`` (speed and limits come from `saved`)."""
    p = dict(saved) if isinstance(saved, dict) else {}
    p["optimizer"] = spec.optimizer
    p["learning_rate"] = float(spec.learning_rate)
    p["batch_size"] = int(spec.batch_size or 0)
    p["dtype"] = spec.dtype
    return p


__all__ = ["APP_NAME", "UNTITLED", "FileActions", "model_panel_params", "training_panel_params"]
