"""What a lesson's locks reach outside the settings panels, in the real window: with the network locked, the
network diagram's unit switches are refused (the diagram says why); with the optimizer and its learning rate
locked, a divergence message offers no smaller rate to click. Closing the lesson gives both back."""

from __future__ import annotations

LESSON = """\
kind = "lesson"
id = "fixed-network"
title = "A network that stays as it is"
text = "Watch it diverge."
locked = {locked}

[data]
dataset = "moons"
n_samples = 40

[model]
hidden_layer_sizes = [4]

[train]
optimizer = "sgd"
learning_rate = 100.0
"""


def open_lesson(w, qtbot, tmp_path, locked):
    path = tmp_path / "fixed.toml"
    path.write_text(LESSON.format(locked=locked), encoding="utf-8")
    assert w.lesson_actions.open_lesson_file(path)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.layer_sizes == (2, 4, 1), timeout=10000)


def diverge(w, qtbot):
    w.notices.dismiss()
    w.controls.play_action.trigger()
    qtbot.waitUntil(lambda: w.banner.isVisible() and "diverged" in w.banner.label.text(), timeout=15000)
    qtbot.waitUntil(lambda: not w.controller.running, timeout=5000)


def test_locked_network_and_rate_reach_the_diagram_and_the_divergence_message(make_window, qtbot, tmp_path):
    w = make_window()
    open_lesson(w, qtbot, tmp_path, '["architecture", "optimizer"]')
    diagram = w.inside_views.diagram
    assert diagram.units_locked
    assert "Locked by this lesson" in diagram.describe(("switch", 1, 0))
    asked = []
    diagram.unitsOffRequested.connect(asked.append)
    diagram.canvas.clicked.emit(("switch", 1, 0))  # what a click on the switch or Space on the unit sends
    assert asked == [] and diagram.units_off() == frozenset()
    diverge(w, qtbot)
    assert not w.banner.action_button.isVisible()
    assert "Locked by this lesson" in w.banner.label.text() and "Try a learning rate" not in w.banner.label.text()
    assert w.training_panel.learning_rate.value() == 100.0

    w.lesson_actions.close_lesson_action.trigger()
    assert not diagram.units_locked
    w.controls.reset_action.trigger()  # fresh weights, the same rate: they diverge again
    diverge(w, qtbot)
    assert w.banner.action_button.isVisible() and w.banner.action_button.text() == "Use 10"
    diagram.canvas.clicked.emit(("switch", 1, 0))
    assert asked == [{(1, 0)}]


def test_a_lesson_locking_only_the_data_leaves_the_switches_and_the_rate_free(make_window, qtbot, tmp_path):
    w = make_window()
    open_lesson(w, qtbot, tmp_path, '["data"]')
    assert not w.inside_views.diagram.units_locked
    diverge(w, qtbot)
    assert w.banner.action_button.isVisible()
    w.banner.action_button.click()
    assert w.training_panel.learning_rate.value() == 10.0
