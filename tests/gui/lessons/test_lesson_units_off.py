"""A lesson that lists hidden units switched off opens with them off: the panels' model reaches the training
thread first, then the units, and the first snapshots of the lesson's run show them off."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow

from gui.files.settings import AppSettings
from gui.lessons.lesson_actions import LessonActions
from gui.panels.data_commands import DataDocument
from gui.panels.data_panel import DataPanel
from gui.panels.model_panel import ModelPanel
from gui.panels.settings_panels import SettingsPanels
from gui.panels.training_panel import TrainingPanel
from gui.training.training_controller import TrainingController
from gui.window.data_edits import DataEdits
from gui.window.docks import DockLayout
from model.training.specs import ModelSpec, TrainSpec
from tests.gui.lessons.test_lesson_actions_alone import Manager, Notices

LESSON = """\
kind = "lesson"
id = "units-off"
title = "Two neurons switched off"
text = "What does the network do without them?"

[data]
dataset = "moons"
n_samples = 60

[model]
hidden_layer_sizes = [4, 3]
units_off = ["h1.2", "h2.3"]

[train]
learning_rate = 0.1
"""


def test_a_lesson_with_units_off_opens_with_them_off(qtbot, tmp_path):
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "units.toml").write_text(LESSON, encoding="utf-8")
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QLabel("plot"))
    docks = DockLayout(window)
    settings_dock = docks.new_dock("settingsDock", "Settings", QLabel("panels"), Qt.LeftDockWidgetArea, visible=True)
    panels = SettingsPanels(DataPanel(), ModelPanel(), TrainingPanel())
    for panel in (panels.data, panels.model, panels.training):
        qtbot.addWidget(panel)
    document, undo, notices = DataDocument(), QUndoStack(), Notices()
    edits = DataEdits(document, undo, lambda: 0, notices)
    panels.data.generateRequested.connect(edits.generate)
    controller = TrainingController(document.dataset, ModelSpec(hidden_layer_sizes=(2,)), TrainSpec(dtype="float64"))
    # what the window does with the panels' settings and the data
    panels.model.modelSpecChanged.connect(controller.set_model_spec)
    panels.training.trainSpecChanged.connect(controller.set_train_spec)
    document.datasetChanged.connect(lambda ds: controller.set_dataset(ds, document.version))
    snaps = []
    controller.snapshotReady.connect(snaps.append)
    try:
        actions = LessonActions(
            docks=docks,
            settings_dock=settings_dock,
            settings=AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)),
            panels=panels,
            controller=controller,
            manager=Manager(),
            document=document,
            notices=notices,
            data_ready=lambda: True,
            reset=controller.reset,
            go_live=lambda: None,
            views={},
            directory=tmp_path / "lessons",
        )
        assert [lesson.id for lesson in actions.lessons] == ["units-off"]
        actions.open_lesson("units-off")
        qtbot.waitUntil(lambda: bool(snaps) and snaps[-1].layer_sizes == (2, 4, 3, 1), timeout=10000)
        qtbot.waitUntil(lambda: snaps[-1].units_off == {(1, 1), (2, 2)}, timeout=10000)
        assert snaps[-1].epoch == 0
        controller.step(3)
        qtbot.waitUntil(lambda: snaps[-1].epoch == 3, timeout=10000)
        assert snaps[-1].units_off == {(1, 1), (2, 2)}  # they stay off while it trains
    finally:
        assert controller.shutdown()
