"""FileActions built from its narrow objects alone, without a MainWindow: a plain QWidget to centre dialogs on,
the data document and its undo stack, a controller that saves and adopts sessions, the panels, the views, a
view state and notices. What the File menu does must follow from those objects only."""

from __future__ import annotations

import os

import numpy as np
import pytest
from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gui.files.file_actions import FileActions
from gui.files.settings import AppSettings
from gui.panels.data_commands import DataDocument
from gui.panels.data_panel import DataPanel
from gui.panels.model_panel import ModelPanel
from gui.panels.settings_panels import SettingsPanels
from gui.panels.training_panel import TrainingPanel
from gui.plot.boundary_view import BoundaryView
from gui.plot.curves_view import CurvesView
from model.data.dataset import Dataset
from model.storage.session_files import save_session
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


class SessionController(QObject):
    """Stands in for the TrainingController: its session lives here, saved and replaced in this thread."""

    saveDone = Signal(object)  # a SaveDone, as the training thread's reply to a save nobody waits for
    runningChanged = Signal(bool)  # training started or paused (how long it ran is asked about before New)
    failed = Signal(object)  # a TrainingFailure (a dead process: an autosave it cut short is kept without it)

    def __init__(self, session: TrainingSession):
        super().__init__()
        self.session = session
        self.latest_snapshot = None
        self.running = False
        self.replaced = []
        self.calls = []

    def save_session(self, path, view=None, kind="session", runs=()) -> int:
        save_session(self.session, path, view, runs=runs)
        return int(self.session.epoch)

    def replace_session(self, session, data_version: int, run=None, members=()) -> None:
        self.replaced.append((session, data_version))

    def pause(self) -> None:
        self.calls.append("pause")

    def set_pace(self, key) -> None:
        self.calls.append("pace")

    def set_limits(self, max_epochs, target_loss) -> None:
        self.calls.append("limits")


class RecordingNotices:
    def __init__(self):
        self.messages: list[str] = []
        self.invitations: list[str] = []
        self.warnings: list[str] = []
        self.dismissed = 0

    def status(self, text: str, timeout_ms: int = 8000) -> None:
        self.messages.append(text)

    def invite(self, text: str, action: str, on_action, *, lasting: bool = False) -> None:
        self.invitations.append(text)

    def warn(self, text: str) -> None:
        self.warnings.append(text)

    def note(self, text: str) -> None:
        self.warnings.append(text)

    def take_back(self, text: str) -> None:
        if text in self.warnings:
            self.warnings.remove(text)

    def dismiss(self) -> None:
        self.dismissed += 1

    def withdraw(self, on_action) -> None:
        self.dismissed += 1


class PlainViewState:
    """The view state as plain values, recording when the plot was zoomed to the data."""

    def __init__(self):
        self.values = {
            "show_test": True,
            "log_scale": False,
            "current_class": 0,
            "tool": "add",
            "curves_visible": True,
            "legend_visible": True,
            "plot_range": (-6.0, 6.0, -6.0, 6.0),
        }
        self.fitted = 0

    def show_test(self):
        return self.values["show_test"]

    def set_show_test(self, v):
        self.values["show_test"] = v

    def log_scale(self):
        return self.values["log_scale"]

    def set_log_scale(self, v):
        self.values["log_scale"] = v

    def current_class(self):
        return self.values["current_class"]

    def choose_class(self, k):
        self.values["current_class"] = k
        return True

    def tool(self):
        return self.values["tool"]

    def set_tool(self, v):
        self.values["tool"] = v

    def curves_visible(self):
        return self.values["curves_visible"]

    def legend_visible(self):
        return self.values["legend_visible"]

    def set_legend_visible(self, v):
        self.values["legend_visible"] = v

    def set_curves_visible(self, v):
        self.values["curves_visible"] = v

    def plot_range(self):
        return self.values["plot_range"]

    def asked_range(self):
        return self.values["plot_range"]

    def set_plot_range(self, *r):
        self.values["plot_range"] = tuple(r)
        return True

    def fit_to_data(self):
        self.fitted += 1


@pytest.fixture
def parts(qtbot, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: warnings.append(text)))
    parent = QWidget()
    qtbot.addWidget(parent)
    rng = np.random.default_rng(3)
    X = rng.normal(size=(40, 2))
    ds = Dataset.from_arrays(X, (X[:, 0] > 0).astype(int), seed=1)
    session = TrainingSession(ds, ModelSpec(kind="mlp", hidden_layer_sizes=(4,)), TrainSpec(learning_rate=0.05))
    session.step(7)
    panels = SettingsPanels(DataPanel(), ModelPanel(), TrainingPanel())
    for panel in (panels.data, panels.model, panels.training):
        qtbot.addWidget(panel)
    plot, curves = BoundaryView(), CurvesView()
    qtbot.addWidget(plot)
    qtbot.addWidget(curves)
    undo = QUndoStack()
    document = DataDocument(ds)
    fa = FileActions(
        parent=parent,
        document=document,
        undo_stack=undo,
        controller=SessionController(session),
        panels=panels,
        plot=plot,
        curves=curves,
        view_state=PlainViewState(),
        settings=AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)),
        notices=RecordingNotices(),
    )
    return fa, warnings


def test_a_session_saves_and_opens_through_the_narrow_objects_alone(qtbot, parts, tmp_path):
    fa, warnings = parts
    sessions, controller, view = fa.sessions, fa.sessions.controller, fa.sessions.view_state
    titles = []
    sessions.titleChanged.connect(lambda title, path: titles.append((title, path)))
    path = str(tmp_path / "run.npz")
    view.values.update(current_class=1, tool="erase", plot_range=(-2.0, 3.0, -1.0, 4.0), log_scale=True)
    assert sessions.save_session(path)
    assert titles[-1] == ("run.npz[*] \u2014 Neural Playground", os.path.abspath(path))
    assert sessions.undo_stack.isClean() and fa.recent.paths() == [os.path.abspath(path)]
    assert "epoch 7" in sessions.notices.messages[-1]

    view.values.update(current_class=0, tool="add", plot_range=(-6.0, 6.0, -6.0, 6.0), log_scale=False)
    before = sessions.document.dataset
    with qtbot.waitSignal(sessions.openFinished, timeout=10000) as finished:
        assert sessions.open_session(path, ask=False)  # read off the GUI thread
    assert finished.args == [path, True]
    loaded, version = controller.replaced[-1]
    assert loaded.epoch == 7 and version == sessions.document.version
    np.testing.assert_array_equal(sessions.document.dataset.X, before.X)
    assert view.values["current_class"] == 1 and view.values["tool"] == "erase" and view.values["log_scale"]
    assert view.values["plot_range"] == (-2.0, 3.0, -1.0, 4.0)
    assert controller.calls[0] == "pause" and sessions.notices.dismissed == 1 and not warnings


def test_data_files_push_one_undo_step_and_zoom_only_to_data_outside_the_plot(qtbot, parts, tmp_path):
    fa, warnings = parts
    data, undo, view = fa.data_files, fa.data_files.undo_stack, fa.data_files.view_state

    def opened(path) -> bool:  # read off the GUI thread: True when the file was opened
        with qtbot.waitSignal(data.openFinished, timeout=10000) as finished:
            assert data.open_data(path)
        return finished.args[1]

    inside = tmp_path / "inside.csv"
    inside.write_text("x1,x2,label\n0.5,1.5,0\n-1,2,1\n2,-0.25,1\n", encoding="utf-8")
    assert opened(inside)
    assert undo.count() == 1 and data.document.dataset.n_samples == 3 and view.fitted == 0
    outside = tmp_path / "outside.csv"
    outside.write_text("x1,x2,label\n0.5,1.5,0\n40,2,1\n", encoding="utf-8")
    assert opened(outside)
    assert undo.count() == 2 and view.fitted == 1

    broken = tmp_path / "broken.csv"
    broken.write_text("x1,x2,label\n0.5,abc,0\n", encoding="utf-8")
    assert not opened(broken)
    assert undo.count() == 2 and data.document.dataset.n_samples == 2
    assert warnings and "broken.csv" in warnings[-1]


def test_the_menu_asks_for_a_file_name_on_the_plain_parent(parts, tmp_path, monkeypatch):
    fa, _ = parts
    asked = []

    def get_save(parent, title, suggestion, file_filter):
        asked.append((parent, os.path.basename(suggestion)))
        return str(tmp_path / "points"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save))
    fa.save_data_action.trigger()
    assert asked and asked[0][0] is fa.dialogs.parent and asked[0][1].endswith(".csv")
    assert (tmp_path / "points.csv").read_text(encoding="utf-8").count("\n") >= 40
