"""The data panel describes the points actually on the plot (drawn, opened, generated), and says when its fields
wait for Generate instead of silently doing nothing."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gui.panels.data_panel import DataPanel, build_dataset, generated_source
from model.data.data_files import save_dataset_csv
from model.data.data_source import DataSource
from model.data.generators import make


def test_edited_fields_wait_for_generate_and_say_so(qtbot):
    panel = DataPanel()
    qtbot.addWidget(panel)
    panel.show()
    params = panel.params()
    panel.show_data(build_dataset(params), generated_source(params))
    assert panel.pending_fields() == [] and panel.pending_hint.isHidden()
    assert not panel.generate_button.property("pending")

    panel.n_samples.setValue(350)
    panel.noise.setValue(0.25)
    assert panel.pending_fields() == ["Points", "Noise"]
    assert panel.pending_hint.isVisible() and panel.generate_button.property("pending")
    assert "Points and Noise changed: press <b>Generate</b> to apply" in panel.pending_hint.text()
    panel.n_classes.setValue(5)  # two moons have no classes to set: nothing waits for it
    panel.test_fraction.setValue(30)
    assert panel.pending_fields() == ["Points", "Noise", "Split"]

    with qtbot.waitSignal(panel.generateRequested, timeout=1000) as blocker:
        qtbot.mouseClick(panel.generate_button, Qt.LeftButton)
    generated = blocker.args[0]
    panel.show_data(build_dataset(generated), generated_source(generated))  # what the window does next
    assert panel.pending_fields() == [] and panel.pending_hint.isHidden()
    assert not panel.generate_button.property("pending")
    assert "350 points" in panel.on_plot.text()

    panel.seed.setValue(panel.seed.value() + 1)  # then the points are drawn over: the fields start from now
    drawn = make("xor", 12, seed=0)
    panel.show_data(drawn, DataSource.drawn())
    assert panel.pending_fields() == [] and "Drawn by hand" in panel.on_plot.text()
    panel.noise.setValue(0.05)
    assert panel.pending_fields() == ["Noise"]
    panel.show_data(drawn.without([0]), DataSource.drawn())  # another point drawn: the noise still waits
    assert panel.pending_fields() == ["Noise"]


@pytest.fixture
def window(make_window):
    return make_window(size=(1360, 860))


def test_the_panel_describes_drawn_opened_and_generated_points(window, qtbot, tmp_path):
    w = window
    said = w.data_panel.on_plot.text
    assert "Two moons: 2 classes, 200 points (40 test), noise 0.1, seed 0" in said()
    w.edits.clear()
    assert "No points" in said()
    rng = np.random.default_rng(0)
    for k, n in enumerate((10, 9, 9, 9)):  # four classes by hand, 37 points
        assert w.view_state.choose_class(k)
        w.boundary_view.addPointsRequested.emit(rng.uniform(-4, 4, size=(n, 2)))
    assert w.document.dataset.n_samples == 37
    assert "Drawn by hand: 4 classes, 37 points" in said()
    assert w.data_panel.generator.currentText() == "Two moons"  # the fields still say what Generate makes

    csv = tmp_path / "moons.csv"
    save_dataset_csv(make("moons", 150, seed=4), csv)
    with qtbot.waitSignal(w.file_actions.data_files.openFinished, timeout=10000):
        assert w.file_actions.data_files.open_data(csv)
    assert "From file moons.csv: 2 classes, 150 points" in said()
    w.boundary_view.addPointsRequested.emit(np.array([[0.0, 0.0]]))
    assert "From file moons.csv, edited: 2 classes, 151 points" in said()
    w.controls.undo_action.trigger()
    w.controls.undo_action.trigger()
    assert "Drawn by hand: 4 classes, 37 points" in said()  # undo gives back the points and where they came from


def test_while_the_first_points_are_made_the_panel_says_so(make_window, monkeypatch):
    import gui.main_window

    monkeypatch.setattr(gui.main_window, "_sklearn_loaded", lambda: False)  # as at a real start: made off-thread
    said = []
    original = gui.main_window.DataPanel.show_data

    def show_data(panel, dataset, source, coming=None):
        original(panel, dataset, source, coming)
        said.append(panel.on_plot.text())

    monkeypatch.setattr(gui.main_window.DataPanel, "show_data", show_data)
    w = make_window()
    assert said and all("No points" not in text for text in said)  # the empty plot is not "draw some points"
    assert any("being made" in text for text in said)
    assert "Two moons: 2 classes, 200 points" in w.data_panel.on_plot.text()
