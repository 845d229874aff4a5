"""Files through the real window: data files, sessions, title, recent files, exports.

Dialogs never block: QFileDialog / QMessageBox static functions are monkeypatched, and the unsaved-changes
question is answered through ``window.file_actions.sessions.confirm_discard``. Waits are on conditions,
never sleeps.
"""

from __future__ import annotations

import os
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from gui.main_window import MainWindow, apply_style
from gui.panels.data_commands import AddPointsCommand
from tests.gui.shots import take_shot


# ------------------------------------------------------------------------------------------------ fixtures
class Dialogs:
    """Stands in for QFileDialog / QMessageBox: answers queued paths, records messages."""

    def __init__(self, monkeypatch):
        self.open_paths: list[str] = []
        self.save_paths: list[str] = []
        self.messages: list[tuple[str, str, str]] = []
        self.questions: list[str] = []
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(self._open))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self._save))
        monkeypatch.setattr(QMessageBox, "warning", staticmethod(self._message("warning")))
        monkeypatch.setattr(QMessageBox, "information", staticmethod(self._message("information")))
        monkeypatch.setattr(QMessageBox, "critical", staticmethod(self._message("critical")))
        monkeypatch.setattr(QMessageBox, "question", staticmethod(self._question))

    def _open(self, *args, **kwargs):
        return (self.open_paths.pop(0) if self.open_paths else "", "")

    def _save(self, *args, **kwargs):
        return (self.save_paths.pop(0) if self.save_paths else "", "")

    def _message(self, kind):
        def box(parent, title, text, *args, **kwargs):
            self.messages.append((kind, title, text))
            return QMessageBox.Ok

        return box

    def _question(self, parent, title, text, *args, **kwargs):
        self.questions.append(text)
        return QMessageBox.Cancel


@pytest.fixture
def dialogs(monkeypatch):
    return Dialogs(monkeypatch)


@pytest.fixture
def window(qtbot, tmp_path, dialogs):
    apply_style(QApplication.instance())
    w = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    # up to 30 s, as the shared make_window: a training process starting on a machine with every core busy
    qtbot.waitUntil(
        lambda: w.data_ready and snap(w) is not None and snap(w).data_version == w.document.version, timeout=30000
    )
    yield w
    w.file_actions.sessions.confirm_discard = lambda reason: "discard"
    w.close()
    assert not w.controller.is_alive


def snap(w):
    return w.controller.latest_snapshot


def wait_epoch(qtbot, w, epoch):
    qtbot.waitUntil(
        lambda: snap(w) is not None and snap(w).epoch == epoch and snap(w).data_version == w.document.version,
        timeout=10000,
    )


def step(qtbot, w, n):
    target = snap(w).epoch + n
    w.controller.step(n)
    wait_epoch(qtbot, w, target)


def add_point(w, x=0.5, y=0.5):
    w.undo_stack.push(AddPointsCommand(w.document, [[x, y]], 0))


def open_and_wait(qtbot, sessions, path, ask=True) -> bool:
    """Opens a session file and waits until it has been read off the GUI thread: True when it opened."""
    with qtbot.waitSignal(sessions.openFinished, timeout=10000) as finished:
        assert sessions.open_session(str(path), ask=ask)
    return finished.args[1]


def write_csv(path, rows, header="x1,x2,label"):
    Path(path).write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


# ------------------------------------------------------------------------------------------------ data files
def test_open_data_replaces_the_points_in_one_undo_step_and_saves_as_csv(qtbot, window, dialogs, tmp_path):
    from model.data.data_files import load_dataset

    w = window
    before, count = w.dataset, w.undo_stack.count()
    path = write_csv(tmp_path / "points.csv", ["0.5,1.5,0", "-1,2,1", "2,-0.25,1", "1,1,0", "3,3,2"])
    dialogs.open_paths.append(path)
    with qtbot.waitSignal(w.file_actions.data_files.openFinished, timeout=10000):  # read off the GUI thread
        w.file_actions.open_data_action.trigger()
    ds = w.dataset
    assert ds is not before and ds.n_samples == 5 and ds.n_classes == 3
    np.testing.assert_array_equal(ds.X[0], [0.5, 1.5])
    assert w.undo_stack.count() == count + 1 and w.isWindowModified()
    qtbot.waitUntil(lambda: snap(w).data_version == w.document.version, timeout=5000)
    assert w.file_actions.recent.entries()[0] == {"path": os.path.abspath(path), "kind": "data"}

    # File > Save data as CSV writes them back exactly
    dialogs.save_paths.append(str(tmp_path / "saved"))  # no suffix: .csv is added
    w.file_actions.save_data_action.trigger()
    back = load_dataset(tmp_path / "saved.csv")
    for name in ("X", "y", "is_test"):
        np.testing.assert_array_equal(getattr(back, name), getattr(ds, name))
    w.undo_stack.undo()
    assert w.dataset is before and not w.isWindowModified()


def test_a_bad_file_names_row_and_column_and_leaves_data_and_undo_untouched(qtbot, window, dialogs, tmp_path):
    w = window
    add_point(w)  # something on the undo stack
    before, count, index, version = w.dataset, w.undo_stack.count(), w.undo_stack.index(), w.document.version
    path = write_csv(tmp_path / "bad.csv", ["0.5,1.5,0", "-1,abc,1", "2,0,1"])
    dialogs.open_paths.append(path)
    with qtbot.waitSignal(w.file_actions.data_files.openFinished, timeout=10000):
        w.file_actions.open_data_action.trigger()
    assert len(dialogs.messages) == 1
    kind, _title, text = dialogs.messages[0]
    assert kind == "warning" and "bad.csv" in text and "row 3" in text and "column 'x2'" in text
    assert w.dataset is before and w.document.version == version
    assert (w.undo_stack.count(), w.undo_stack.index()) == (count, index)
    assert w.file_actions.recent.entries() == []


# ------------------------------------------------------------------------------------------------ sessions
def test_a_saved_session_resumes_bit_for_bit_in_the_window(qtbot, window, dialogs, tmp_path):
    from model.storage.session_files import load_session
    from model.training.session import TrainingSession

    w = window
    w.controller.reset()
    wait_epoch(qtbot, w, 0)
    ds = w.dataset
    model_spec, train_spec = w.model_panel.model_spec(), w.training_panel.train_spec()
    seed = int(w.data_panel.params()["seed"])
    step(qtbot, w, 25)
    # view settings that must come back
    w.curves_view.set_log_scale(True)
    w.controls.show_test_action.setChecked(False)
    w.controls.class_buttons[1].click()
    w.boundary_view.vb.setRange(xRange=(-3, 2), yRange=(-2, 1), padding=0)
    (x0, x1), (y0, y1) = w.boundary_view.vb.viewRange()
    path = str(tmp_path / "moons.npz")
    dialogs.save_paths.append(path)
    w.file_actions.save_session_as_action.trigger()
    assert os.path.isfile(path) and w.windowTitle() == "moons.npz[*] \u2014 Neural Playground"

    # the session moves on and is changed in every way before it is opened again
    lr = w.training_panel.learning_rate.value()
    w.training_panel.set_learning_rate(lr * 3)
    w.training_panel.precision.setCurrentIndex(w.training_panel.precision.findData("float64"))
    w.curves_view.set_log_scale(False)
    w.controls.show_test_action.setChecked(True)
    w.controls.class_buttons[0].click()
    w.boundary_view.reset_view()
    p = w.data_panel.params()
    p.update(name="circles", seed=3)
    w.data_panel.set_params(p)
    w.data_panel.generate_button.click()
    qtbot.waitUntil(lambda: snap(w).data_version == w.document.version, timeout=5000)
    step(qtbot, w, 7)
    assert w.isWindowModified()

    w.file_actions.sessions.confirm_discard = lambda reason: "discard"
    dialogs.open_paths.append(path)
    w.file_actions.open_session_action.trigger()
    wait_epoch(qtbot, w, 25)
    assert w.undo_stack.count() == 0 and not w.isWindowModified()
    assert w.windowTitle() == "moons.npz[*] \u2014 Neural Playground"
    np.testing.assert_array_equal(w.dataset.X, ds.X)
    assert w.data_panel.params()["name"] == "moons"
    assert w.training_panel.learning_rate.value() == lr
    assert w.training_panel.train_spec() == train_spec  # 32-bit again, as saved
    assert w.model_panel.model_spec() == model_spec
    assert w.curves_view.log_scale() and not w.controls.show_test_action.isChecked()
    assert w.boundary_view.current_class() == 1
    (a0, a1), (b0, b1) = w.boundary_view.vb.viewRange()  # the same centre; the saved range fits inside
    tol = 0.02 * (x1 - x0)
    assert abs((a0 + a1) - (x0 + x1)) / 2 < tol and abs((b0 + b1) - (y0 + y1)) / 2 < tol
    assert a0 <= x0 + tol and a1 >= x1 - tol and b0 <= y0 + tol and b1 >= y1 - tol

    step(qtbot, w, 30)
    resumed = snap(w).params
    never_stopped = TrainingSession(ds, model_spec, train_spec, seed=seed)
    never_stopped.step(25)
    never_stopped.step(30)
    headless, view = load_session(path)
    headless.step(30)
    assert view["log_scale"] is True
    np.testing.assert_array_equal(resumed, never_stopped.network.params)
    np.testing.assert_array_equal(resumed, headless.network.params)
    assert snap(w).curves["epoch"][-1] == 55


def test_a_session_made_headless_opens_with_its_own_training_settings(qtbot, window, dialogs, tmp_path):
    """A file with no view settings (written by the headless trainer or a script), 64-bit with momentum 0.5:
    the training panel shows the session's settings, its precision included, and an edit of the learning rate
    keeps the momentum the panel has no control for; the window trains on exactly as the session would."""
    from model.data.generators import make
    from model.storage.session_files import save_session
    from model.training.session import TrainingSession
    from model.training.specs import ModelSpec, TrainSpec

    spec = TrainSpec(optimizer="momentum", momentum=0.5, learning_rate=0.3, dtype="float64")
    session = TrainingSession(make("xor", 80, seed=2), ModelSpec(hidden_layer_sizes=(4,)), spec, seed=2)
    session.step(12)
    path = str(tmp_path / "headless.npz")
    save_session(session, path)
    w = window
    w.file_actions.sessions.confirm_discard = lambda reason: "discard"
    dialogs.open_paths.append(path)
    w.file_actions.open_session_action.trigger()
    wait_epoch(qtbot, w, 12)
    assert w.training_panel.train_spec() == spec
    assert w.training_panel.precision.currentText().startswith("64-bit")
    assert snap(w).params.dtype == np.float64
    with qtbot.waitSignal(w.training_panel.trainSpecChanged, timeout=1000) as edit:
        w.training_panel.learning_rate.setValue(0.2)
    assert edit.args[0].momentum == 0.5 and edit.args[0].learning_rate == 0.2
    qtbot.waitUntil(lambda: snap(w).learning_rate == 0.2, timeout=3000)
    step(qtbot, w, 3)
    session.set_learning_rate(0.2)
    session.step(3)
    np.testing.assert_array_equal(snap(w).params, session.network.params)


def test_a_damaged_session_file_changes_nothing(qtbot, window, dialogs, tmp_path):
    w = window
    add_point(w)
    path = tmp_path / "broken.npz"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    before, count = w.dataset, w.undo_stack.count()
    w.file_actions.sessions.confirm_discard = lambda reason: "discard"
    assert not open_and_wait(qtbot, w.file_actions.sessions, path)
    assert dialogs.messages and "broken.npz" in dialogs.messages[0][2]
    assert w.dataset is before and w.undo_stack.count() == count and w.isWindowModified()
    assert w.windowTitle().startswith("Untitled[*]")


def test_title_shows_the_file_and_the_unsaved_mark_follows_edits_undo_and_save(qtbot, window, dialogs, tmp_path):
    w = window
    assert w.windowTitle() == "Untitled[*] \u2014 Neural Playground" and not w.isWindowModified()
    add_point(w)
    assert w.isWindowModified()
    w.undo_stack.undo()
    assert not w.isWindowModified()
    w.undo_stack.redo()
    assert w.isWindowModified()
    dialogs.save_paths.append(str(tmp_path / "first"))  # Ctrl+S on an untitled session asks for a name
    w.file_actions.save_session_action.trigger()
    assert (tmp_path / "first.npz").is_file()
    assert w.windowTitle() == "first.npz[*] \u2014 Neural Playground" and not w.isWindowModified()
    add_point(w, 1.0, 1.0)
    assert w.isWindowModified()
    w.file_actions.save_session_action.trigger()  # saves to the same file without asking
    assert not dialogs.save_paths and not w.isWindowModified()
    w.undo_stack.undo()
    assert w.isWindowModified()


def test_unsaved_changes_are_asked_about_before_new(qtbot, window, dialogs, tmp_path):
    w = window
    add_point(w)
    asked = []

    def answer(value):
        def hook(reason):
            asked.append(reason)
            return value

        return hook

    before = w.dataset
    w.file_actions.sessions.confirm_discard = answer("cancel")
    w.controls.new_action.trigger()
    assert asked == ["new"] and w.dataset is before
    w.file_actions.sessions.confirm_discard = answer("save")
    dialogs.save_paths.append(str(tmp_path / "kept.npz"))
    w.controls.new_action.trigger()
    assert (tmp_path / "kept.npz").is_file() and w.dataset.n_samples == 0
    assert w.windowTitle().startswith("Untitled[*]")  # New forgets the file
    assert not dialogs.questions  # the hook answered, no dialog


def test_closing_never_asks_and_the_next_start_restores_the_unsaved_work(qtbot, window, dialogs, tmp_path):
    from model.storage.session_files import load_session

    w = window
    step(qtbot, w, 5)
    add_point(w)
    w.file_actions.sessions.confirm_discard = lambda reason: pytest.fail(f"asked before {reason}")
    edited, ini = w.dataset, w.settings.q.fileName()
    w.close()
    assert not w.isVisible() and not dialogs.questions  # a window manager's close closes at once
    kept = tmp_path / "unsaved-session.npz"
    assert kept.is_file()
    written = time.strftime("%H:%M", time.localtime(kept.stat().st_mtime))
    epoch = load_session(kept)[0].epoch

    again = MainWindow(settings=QSettings(ini, QSettings.IniFormat))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.banner.isVisible() and "unsaved" in again.banner.text(), timeout=5000)
    assert f"ended with unsaved work, kept at {written}" in again.banner.text()  # how recent it is (a crash)
    again.banner.action_button.click()  # "Restore it"
    # while it is read: said in the person's words, not the name of the app's own file
    assert again.statusBar().currentMessage() == "Restoring the unsaved work of the last session\u2026"
    qtbot.waitUntil(lambda: again.dataset.same_as(edited), timeout=5000)
    restored = f"Restored the unsaved work of the last session, at epoch {epoch:,}."  # once it is shown
    qtbot.waitUntil(lambda: again.statusBar().currentMessage() == restored, timeout=5000)
    assert again.isWindowModified() and again.windowTitle().startswith("Untitled[*]")  # still unsaved
    assert kept.exists()  # kept until newer work is written over it: a kill now loses nothing
    assert all("unsaved-session" not in p for p in again.file_actions.recent.paths())  # the recent files do not list it
    again.close()


def test_recent_files_menu_opens_and_drops_missing_files(qtbot, window, dialogs, tmp_path):
    w = window
    fa = w.file_actions
    session = str(tmp_path / "s.npz")
    assert fa.sessions.save_session(session)
    data = write_csv(tmp_path / "d.csv", ["0,0,0", "1,1,1", "2,2,1"])
    with qtbot.waitSignal(fa.data_files.openFinished, timeout=10000):
        assert fa.data_files.open_data(data)
    menu = fa.recent_menu
    assert [e["path"] for e in fa.recent.entries()] == [data, session]
    entries = menu.entry_actions()
    assert len(entries) == 2 and "d.csv" in entries[0].text() and "s.npz" in entries[1].text()
    fa.sessions.confirm_discard = lambda reason: "discard"
    with qtbot.waitSignal(fa.sessions.openFinished, timeout=10000) as opened:  # the file is read off the GUI thread
        entries[1].trigger()  # the session
    assert opened.args == [session, True]
    qtbot.waitUntil(lambda: snap(w).data_version == w.document.version, timeout=5000)
    assert w.dataset.n_samples != 3 and fa.sessions.path == session
    os.remove(data)
    menu.entry_actions()[1].trigger()  # d.csv, now gone
    assert dialogs.messages and "no longer exists" in dialogs.messages[-1][2]
    assert fa.recent.paths() == [session]
    os.remove(session)
    menu.aboutToShow.emit()
    assert fa.recent.paths() == [] and "s.npz" in w.statusBar().currentMessage()
    for i in range(10):
        fa.recent.add(tmp_path / f"f{i}.csv", "data")
    assert len(fa.recent.entries()) == 8 and fa.recent.paths()[0].endswith("f9.csv")


# ------------------------------------------------------------------------------------------------ exports
def test_plot_and_curves_export_as_png_and_svg(qtbot, window, dialogs, tmp_path):
    w = window
    step(qtbot, w, 10)
    # the plot draws the step's snapshot on a tick of the window's draw clock after it came (the first one, on
    # screen until then, has no boundary yet): exported once the plot shows it, as a person would
    qtbot.waitUntil(lambda: getattr(w.boundary_view.snapshot(), "epoch", None) == snap(w).epoch, timeout=5000)
    w.boundary_view.flush()
    r = w.boundary_view.getPlotItem().sceneBoundingRect()
    dialogs.save_paths += [
        str(tmp_path / "plot.png"),
        str(tmp_path / "plot.svg"),
        str(tmp_path / "curves.png"),
        str(tmp_path / "curves.svg"),
    ]
    fa = w.file_actions
    for a in (
        fa.export_plot_png_action,
        fa.export_plot_svg_action,
        fa.export_curves_png_action,
        fa.export_curves_svg_action,
    ):
        a.trigger()
    assert not dialogs.messages, dialogs.messages
    img = QImage(str(tmp_path / "plot.png"))
    size = (img.width(), img.height(), r, w.boundary_view.getPlotItem().sceneBoundingRect())
    assert not img.isNull() and img.width() == 2 * int(r.width()) and abs(img.height() - 2 * r.height()) <= 2, size
    assert not QImage(str(tmp_path / "curves.png")).isNull()
    for name in ("plot.svg", "curves.svg"):
        root = ET.parse(tmp_path / name).getroot()
        assert root.tag.endswith("svg") and len(list(root.iter())) > 10
    assert b"<image" in (tmp_path / "plot.svg").read_bytes()  # the boundary is in it


@pytest.mark.shots
def test_recorded_training_exports_as_an_animated_gif(qtbot, window, dialogs, tmp_path):
    from PIL import Image

    w = window
    fa = w.file_actions
    assert not fa.export_animation_action.isEnabled()  # nothing recorded yet
    assert not fa.exports.export_animation(str(tmp_path / "empty.gif"))  # explains how to record
    assert dialogs.messages[-1][0] == "information" and not (tmp_path / "empty.gif").exists()
    fa.record_action.setChecked(True)
    for _ in range(4):
        n = len(fa.recorder.frames)
        step(qtbot, w, 5)
        qtbot.waitUntil(lambda n=n: len(fa.recorder.frames) > n, timeout=5000)
    fa.record_action.setChecked(False)
    frames = len(fa.recorder.frames)
    assert frames >= 4 and fa.export_animation_action.isEnabled()
    dialogs.save_paths.append(str(tmp_path / "training.gif"))
    fa.export_animation_action.trigger()
    with Image.open(tmp_path / "training.gif") as im:
        assert im.n_frames == frames > 1 and im.info.get("loop") == 0
        assert im.size == fa.recorder.frame_size()
    take_shot(w, "files_window.png")


def test_gif_writing_can_be_cancelled_and_frames_thin_out(qtbot, tmp_path):
    from gui.files.exporters import ExportCancelled, FrameRecorder, write_gif
    from gui.plot.boundary_view import BoundaryView

    view = BoundaryView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    rec = FrameRecorder(view, max_frames=60)
    for _ in range(60):
        rec.capture(0)
    assert len(rec.frames) == 30 and rec._every == 2  # thinned: every other frame, half the rate
    calls = []

    def progress(done, total):
        calls.append(done)
        return done < 5

    with pytest.raises(ExportCancelled):
        write_gif(rec.frames, tmp_path / "cancelled.gif", progress=progress)
    assert not any(tmp_path.iterdir())  # no file, no temporary left over


def test_the_experiment_exports_as_a_numpy_script_that_reaches_the_same_loss(qtbot, window, dialogs, tmp_path):
    import ast
    import re
    import subprocess
    import sys

    w = window
    step(qtbot, w, 30)
    dialogs.save_paths.append(str(tmp_path / "experiment.py"))
    w.file_actions.export_script_action.trigger()
    script = tmp_path / "experiment.py"
    assert script.is_file() and "experiment.py" in w.statusBar().currentMessage()
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(ast.parse(script.read_text()))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")])
    }
    assert imported <= {"numpy", "__future__"}, imported
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=True).stdout
    loss = float(re.search(r"final train loss: (\S+)", out).group(1).strip("np.float32()"))
    assert abs(loss - snap(w).train_loss) <= 1e-4 * abs(snap(w).train_loss)


def test_closing_after_training_keeps_the_weights_and_closing_untouched_keeps_nothing(qtbot, window, tmp_path):
    w = window
    ini = w.settings.q.fileName()
    w.close()  # nothing trained, nothing edited
    assert not (tmp_path / "unsaved-session.npz").exists()

    again = MainWindow(settings=QSettings(ini, QSettings.IniFormat))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: snap(again) is not None, timeout=5000)
    step(qtbot, again, 12)  # training, but no data edits
    params = np.array(snap(again).params)
    again.close()
    assert (tmp_path / "unsaved-session.npz").is_file()

    third = MainWindow(settings=QSettings(ini, QSettings.IniFormat))
    qtbot.addWidget(third)
    third.show()
    qtbot.waitUntil(lambda: third.banner.isVisible() and "unsaved" in third.banner.text(), timeout=5000)
    third.banner.action_button.click()
    qtbot.waitUntil(lambda: snap(third) is not None and snap(third).epoch == 12, timeout=5000)
    np.testing.assert_array_equal(snap(third).params, params)
    third.close()
