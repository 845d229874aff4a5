"""The probe marker, the probe panel's text and the perceptron lesson's ring belong to the data and the model
they were made on: new data, a reset or another architecture takes them away, and a plot exported afterwards
shows none of them. Training on (the same model, later epochs) keeps them."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from gui.files.exporters import export_svg
from gui.panels.data_commands import DataDocument
from model.data.generators import make
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.gui.inside.standalone import inside_views_alone

PROBE_PEN_WIDTH = 'stroke-width="2.5"'  # the probe marker's pen in an SVG export (nothing else is drawn that wide)


class Controller(QObject):
    snapshotReady = Signal(object)
    pointStepped = Signal(object)
    perceptronUpdated = Signal(object)
    latest_snapshot = None

    def single_point_step(self, point, label) -> None:
        """Not used here."""

    def perceptron_sample_step(self) -> None:
        """Not used here."""


def _inside(qtbot, document):
    controller = Controller()
    inside, window, plot, _features = inside_views_alone(qtbot, controller, document)
    plot.resize(400, 400)
    window.show()
    return inside, controller, plot


def _marker_shown(inside) -> bool:
    x, _ = inside.probe_marker.getData()
    return inside.probe_marker.isVisible() and len(x) == 1


def _probe_title(inside) -> str:
    panel = inside.probe_panel
    panel.flush()
    return panel.title.text() + panel.browser.toPlainText()


def _svg(plot, tmp_path) -> str:
    path = tmp_path / "plot.svg"
    export_svg(plot.getPlotItem(), path)
    return path.read_text()


def test_new_data_clears_the_probe_and_an_export_has_no_marker(qtbot, tmp_path):
    ds = make("moons", 60, seed=1)
    document = DataDocument(ds)
    inside, controller, plot = _inside(qtbot, document)
    session = TrainingSession(ds, ModelSpec(hidden_layer_sizes=(4,)), TrainSpec(dtype="float64"), seed=0)
    session.step(5)
    controller.snapshotReady.emit(session.snapshot())
    inside.probe_at(5.5, -5.5)
    assert _marker_shown(inside) and "Probe at" in _probe_title(inside)
    assert PROBE_PEN_WIDTH in _svg(plot, tmp_path)

    document.set_dataset(make("circles", 60, seed=2))  # new data: Generate, Open, a session...
    assert not _marker_shown(inside)
    assert inside.probe_panel.point is None and "Probe at" not in _probe_title(inside)
    assert PROBE_PEN_WIDTH not in _svg(plot, tmp_path)


def test_a_reset_or_another_architecture_clears_the_probe_training_on_keeps_it(qtbot):
    ds = make("moons", 60, seed=1)
    document = DataDocument(ds)
    inside, controller, _plot = _inside(qtbot, document)
    session = TrainingSession(ds, ModelSpec(hidden_layer_sizes=(4,)), TrainSpec(dtype="float64"), seed=0)
    session.step(20)
    controller.snapshotReady.emit(session.snapshot())
    inside.probe_at(1.0, 1.0)
    session.step(5)
    controller.snapshotReady.emit(session.snapshot())  # training on: the probe follows the model
    assert _marker_shown(inside) and "Probe at" in _probe_title(inside)

    session.reset()
    controller.snapshotReady.emit(session.snapshot())  # Reset: epoch 0 again, new weights
    assert not _marker_shown(inside) and inside.probe_panel.point is None

    inside.probe_at(1.0, 1.0)
    session.set_model_spec(ModelSpec(hidden_layer_sizes=(6, 3)))
    controller.snapshotReady.emit(session.snapshot())  # another architecture
    assert not _marker_shown(inside) and "Probe at" not in _probe_title(inside)


def test_the_perceptron_lessons_ring_goes_with_its_data(qtbot, tmp_path):
    ds = make("linearly_separable", 40, seed=3)
    document = DataDocument(ds)
    inside, controller, plot = _inside(qtbot, document)
    session = TrainingSession(ds, ModelSpec(kind="perceptron"), TrainSpec(dtype="float64"), seed=0)
    controller.snapshotReady.emit(session.snapshot())
    inside.docks["perceptron_lesson"].show()
    controller.perceptronUpdated.emit(session.perceptron_sample_step())
    controller.snapshotReady.emit(session.snapshot())
    inside.lesson.flush()
    ring = inside.lesson.highlight
    assert ring.isVisible() and len(ring.getData()[0]) == 1
    assert "Sample #" in inside.lesson.text.toPlainText()
    ring_pen = f'stroke-width="{ring.opts["pen"].widthF():g}"'
    rings_before = _svg(plot, tmp_path).count(ring_pen)

    document.set_dataset(make("linearly_separable", 40, seed=4))
    inside.lesson.flush()
    assert not ring.isVisible() and len(ring.getData()[0]) == 0
    assert "Sample #" not in inside.lesson.text.toPlainText()
    assert _svg(plot, tmp_path).count(ring_pen) == rings_before - 1  # the plot's points are still drawn
