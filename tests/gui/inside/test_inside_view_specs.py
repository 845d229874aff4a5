"""The registry of the inside views: a lesson file can name each of them, and each dock keeps the object name under
which the window's saved layout (``QMainWindow.saveState``) remembers it."""

from __future__ import annotations

from gui.inside.inside_view_specs import INSIDE_VIEWS
from model.teaching.lesson_content import VIEWS


def test_every_inside_view_has_one_key_a_lesson_file_may_name():
    keys = [spec.key for spec in INSIDE_VIEWS]
    assert len(set(keys)) == len(keys)
    assert [key for key in keys if key not in VIEWS] == []  # else a lesson listing it is refused when read


def test_the_docks_keep_the_names_saved_layouts_know_them_by():
    names = {spec.key: spec.dock_name for spec in INSIDE_VIEWS}
    assert len(set(names.values())) == len(names)
    saved_before = {  # the names of the window's layouts saved by earlier versions
        "diagram": "diagramDock",
        "probe": "probeDock",
        "hidden_space": "hiddenDock",
        "health": "healthDock",
        "perceptron_lesson": "perceptronLessonDock",
    }
    assert {key: names.get(key) for key in saved_before} == saved_before
