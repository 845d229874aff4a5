"""Points drawn by hand, and a lesson made of them: the data panel shows no generator settings for them. The
points, noise, classes, seed and split it kept showing at their last values looked like the settings that made the
points; now the list alone stays, labelled Generate (picking a dataset replaces the points), as for a file's points.
A lesson of drawn points shows the rows of the CSV file that holds them."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QFileDialog

from tests.gui.panels.test_data_panel_file_rows import GENERATOR_FIELDS, shown


def _draw(w, qtbot, points) -> None:
    before = w.dataset.n_samples
    for k, (x, y) in enumerate(points):
        w.view_state.choose_class(k % 2)
        w.boundary_view.addPointsRequested.emit(np.array([[x, y]]))
    qtbot.waitUntil(lambda: w.dataset.n_samples == before + len(points), timeout=3000)
    qtbot.wait(50)


def test_drawn_points_and_a_lesson_of_them_show_no_generator_settings(make_window, qtbot, tmp_path, monkeypatch):
    w = make_window(size=(1024, 700))
    panel = w.data_panel
    w.controls.clear_action.trigger()  # an empty plot: the fields are what Generate will make
    qtbot.waitUntil(lambda: w.dataset.n_samples == 0, timeout=3000)
    qtbot.wait(50)
    assert shown(panel) == set(GENERATOR_FIELDS) and panel.generator_label.text() == "Dataset"

    _draw(w, qtbot, [(0.5, 0.5), (-0.5, -0.5), (0.5, -0.5), (-0.5, 0.5), (1.0, 0.0)])
    assert "Drawn by hand" in panel.on_plot.text()
    assert shown(panel) == set(), f"the generator's {sorted(shown(panel))} still show for drawn points"
    assert panel.generator_label.text() == "Generate" and "the points drawn" in panel.generator.toolTip()
    assert panel.clear_button.isVisible() and panel.file_rows.texts() == {}

    # saved as a lesson, then opened: its points come from the lesson's CSV file, whose rows the panel shows
    lesson = tmp_path / "five points.toml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(lesson), ""))
    dialog = w.lesson_actions.files.show_save_dialog()
    dialog.title.setText("Five points")
    dialog._on_save()
    assert dialog.saved_path == str(lesson)
    panel.generator.setCurrentIndex(panel.generator.findData("circles"))
    panel.generator.activated.emit(panel.generator.currentIndex())  # generated: the fields come back
    qtbot.waitUntil(lambda: "Circles" in panel.on_plot.text(), timeout=3000)
    qtbot.wait(50)
    assert shown(panel) == set(GENERATOR_FIELDS)
    assert w.lesson_actions.open_lesson_file(str(lesson))
    qtbot.waitUntil(lambda: w.dataset.n_samples == 5, timeout=5000)
    qtbot.wait(50)
    assert shown(panel) == set(), f"the generator's {sorted(shown(panel))} show for the lesson's drawn points"
    assert panel.file_rows.texts()["File"] == "five points.csv" and panel.generator_label.text() == "Generate"
