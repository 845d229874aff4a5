"""InsideViews built from its narrow objects alone, without a MainWindow: a controller that only has the signals
and requests the views use, the data document, the plot, a draw queue, a dock layout, the class new points get,
and the model panel's input features."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal

from gui.panels.data_commands import DataDocument
from model.data.dataset import Dataset
from tests.gui.inside.standalone import inside_views_alone


class Controller(QObject):
    snapshotReady = Signal(object)
    pointStepped = Signal(object)
    perceptronUpdated = Signal(object)

    def __init__(self):
        super().__init__()
        self.latest_snapshot = None
        self.point_steps = []
        self.sample_steps = 0

    def single_point_step(self, point, label) -> None:
        self.point_steps.append((point, label))

    def perceptron_sample_step(self) -> None:
        self.sample_steps += 1


def test_probing_uses_the_class_new_points_get_and_a_step_goes_to_the_controller(qtbot):
    X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]])
    document = DataDocument(Dataset.from_arrays(X, np.array([0, 1, 2])))
    controller = Controller()
    inside, window, _plot, features = inside_views_alone(qtbot, controller, document, current_class=2)
    assert all(box.isEnabled() for box in features.boxes.values())
    assert list(inside.docks) == ["diagram", "probe", "hidden_space", "health", "perceptron_lesson"]  # lessons' names
    assert all(window.dockWidgetArea(d) == Qt.RightDockWidgetArea for d in inside.docks.values())
    assert [a.text() for a in inside.view_actions()][-1].startswith("Activation and bias explorer")

    inside.probe_at(-4.0, 5.0)  # far from every point: the label is the class new points get
    assert inside.probe_panel.point == (-4.0, 5.0) and inside.probe_panel.label == 2
    assert not inside.docks["probe"].isHidden()
    inside.probe_panel.step_button.click()
    assert controller.point_steps == [((-4.0, 5.0), 2)]

    inside.lesson.sampleStepRequested.emit()
    assert controller.sample_steps == 1

    curve = Dataset.from_arrays(np.array([[0.0], [1.0]]), np.array([0.5, 1.5]), task="regression")
    document.set_dataset(curve)  # 1-D data: the extra inputs are those of x1 alone
    assert not features.boxes["x2^2"].isEnabled() and features.boxes["x1^2"].isEnabled()
    inside.probe_at(0.5, 3.0)  # in 1-D regression the click is sample x with target y
    assert inside.probe_panel.point == (0.5,) and inside.probe_panel.label == 3.0
