""" "Step from this point" says what it does: one plain gradient step at the learning rate, whatever the optimizer."""

from __future__ import annotations

from gui.inside.probe_panel import ProbePanel
from model.data.generators import make
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


def test_the_probe_panel_says_the_step_is_a_plain_gradient_step_at_the_learning_rate(qtbot):
    ds = make("moons", 60, seed=1)
    s = TrainingSession(ds, ModelSpec(hidden_layer_sizes=(4,)), TrainSpec("adam", 0.03, dtype="float64"), seed=0)
    s.step(10)
    panel = ProbePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_dataset_info("classification", 2)
    panel.show_snapshot(s.snapshot())
    panel.set_point((1.0, 0.5), 1)
    panel.flush()
    words = panel.step_note.text()
    assert "one plain gradient step" in words and "learning rate 0.03" in words
    assert "optimizer" in words and panel.step_note.isVisible()
    assert "one plain gradient step" in panel.step_button.toolTip().lower()

    requests = []
    panel.stepRequested.connect(requests.append)
    panel.step_button.click()
    assert requests == [((1.0, 0.5), 1)]
    before, after = s.single_point_step(*requests[0])
    panel.show_step_result(before, after)
    panel.show_snapshot(s.snapshot())
    panel.flush()
    assert "Last step from this point (one plain gradient step, learning rate 0.03)" in panel.title.text()
