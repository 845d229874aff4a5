"""Where Save as lesson… writes: the file dialog proposes a name made of the title without the characters a file
name cannot hold, and a teacher's own CSV file of the name the lesson's points would take is replaced only when
the teacher says so (No: nothing written, the dialog stays open for another name)."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.lessons.save_lesson_dialog import SaveLessonDialog, screen_draft
from model.data.data_files import load_dataset


def _dialog(w, qtbot, title: str) -> SaveLessonDialog:
    base = screen_draft(panels=w.panels, dataset=w.dataset, views=w.lesson_actions.views)
    dialog = SaveLessonDialog(base, w, view_words=w.lesson_actions.views.words)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title.setText(title)
    return dialog


def test_the_proposed_file_name_is_the_title_a_file_name_can_hold(make_window, qtbot, monkeypatch):
    w = make_window()
    dialog = _dialog(w, qtbot, "XOR / AND: which?")
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda _w, _t, start, _f: asked.append(start) or ("", ""))
    dialog._on_save()
    assert asked == ["XOR - AND- which.toml"]


def test_a_teachers_csv_is_replaced_only_when_the_teacher_says_so(make_window, qtbot, monkeypatch, tmp_path):
    w = make_window()
    w.boundary_view.addPointsRequested.emit(np.array([[0.25, -0.5]]))  # edited: saved as points
    qtbot.waitUntil(lambda: w.dataset.n_samples == w.data_panel.params()["n_samples"] + 1)
    mine = tmp_path / "moons.csv"
    mine.write_text("x1,x2,label\n0,0,a\n1,1,b\n", encoding="utf-8")
    dialog = _dialog(w, qtbot, "Moons")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "moons.toml"), ""))
    questions = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: questions.append(a[2]) or QMessageBox.StandardButton.No
    )
    dialog._on_save()
    assert "moons.csv is already in that folder" in questions[0]
    assert mine.read_text(encoding="utf-8") == "x1,x2,label\n0,0,a\n1,1,b\n"
    assert not (tmp_path / "moons.toml").exists() and dialog.isVisible() and dialog.saved_path is None

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog._on_save()
    assert dialog.saved_path == str(tmp_path / "moons.toml")
    assert load_dataset(mine).X.tobytes() == w.dataset.X.tobytes()
