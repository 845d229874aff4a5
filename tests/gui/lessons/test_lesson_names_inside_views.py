"""A lesson file naming the inside views as lesson files always have ("hidden_space", "perceptron_lesson") opens
each of them: the window knows its docks by the same names."""

from __future__ import annotations

LESSON = """\
kind = "lesson"
id = "every-inside-view"
title = "Every view of the network's inside"
text = "Look inside."
views = ["diagram", "probe", "hidden_space", "health", "perceptron_lesson"]

[data]
dataset = "moons"
n_samples = 40

[model]
hidden_layer_sizes = [3]
"""


def test_a_lesson_file_opens_every_inside_view_it_names(make_window, qtbot, tmp_path):
    w = make_window(size=(1024, 700))
    path = tmp_path / "inside.toml"
    path.write_text(LESSON, encoding="utf-8")
    assert w.lesson_actions.open_lesson_file(path)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.layer_sizes == (2, 3, 1), timeout=10000)
    assert w.lesson_actions.missing_views == []
    docks = w.inside_views.docks
    for name in ("diagram", "probe", "hidden_space", "health", "perceptron_lesson"):
        assert not docks[name].isHidden() and docks[name].toggleViewAction().isChecked(), name
    assert not w.lesson_actions.view_is_open("landscape")
