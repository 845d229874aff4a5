"""SideBySide on its own: the Experiments menu's "Add ..." actions ask the manager for the right model, refuse
when four models train or a perceptron cannot classify, and bring the compare dock to the front with room."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from gui.experiments.side_by_side import MAX_MODELS, SideBySide
from gui.panels.data_commands import DataDocument
from gui.panels.data_panel import DataPanel
from gui.panels.model_panel import ModelPanel
from gui.panels.settings_panels import SettingsPanels
from gui.panels.training_panel import TrainingPanel
from gui.window.docks import DockLayout
from model.data.dataset import Dataset


class Manager:
    def __init__(self):
        self.primary_id = None
        self.members: list = []
        self.added: list = []
        self.n_models = 1

    def add_model(self, model_spec, train_spec, seed=None) -> None:
        self.added.append((model_spec, train_spec))
        self.n_models += 1


class Notices:
    def __init__(self):
        self.messages: list[str] = []

    def status(self, text, timeout_ms=8000):
        self.messages.append(text)


def test_adding_models_asks_for_the_right_ones_and_knows_when_to_refuse(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QLabel("plot"))
    docks = DockLayout(window)
    diagram = docks.new_dock("diagramDock", "Diagram", QLabel("d"), Qt.RightDockWidgetArea, visible=True)
    compare = docks.new_dock("compareDock", "Compare", QLabel("c"), Qt.RightDockWidgetArea)
    panels = SettingsPanels(DataPanel(), ModelPanel(), TrainingPanel())
    for panel in (panels.data, panels.model, panels.training):
        qtbot.addWidget(panel)
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    document = DataDocument(Dataset.from_arrays(X, np.array([0, 1])))
    manager, notices = Manager(), Notices()
    side = SideBySide(
        manager=manager, panels=panels, document=document, compare_dock=compare, docks=docks, notices=notices
    )
    window.show()
    qtbot.waitExposed(window)
    rate = panels.training.train_spec().learning_rate

    side.add_fast_action.trigger()
    model_spec, train_spec = manager.added[-1]
    assert train_spec.learning_rate == min(100.0, rate * 10) and model_spec == panels.model.model_spec()
    assert compare.isVisible() and compare in docks.tabified(diagram)  # in front, over the other right dock
    side.add_logistic_action.trigger()
    assert manager.added[-1][0].kind == "logistic"

    document.set_dataset(Dataset.from_arrays(X, np.array([0.5, 1.5]), task="regression"))
    side.add_perceptron_action.trigger()
    assert len(manager.added) == 2 and "classifies" in notices.messages[-1]

    side.add_slow_action.trigger()  # the fourth model
    assert manager.n_models == MAX_MODELS and manager.added[-1][1].learning_rate == rate / 10
    side.add_copy_action.trigger()
    assert len(manager.added) == 3 and f"At most {MAX_MODELS}" in notices.messages[-1]
