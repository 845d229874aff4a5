"""While the training process is dead, asking for the loss landscape or scrubbing a compared model's timeline (both
answered by that process) says in the status bar that training must be restarted first, instead of nothing."""

from __future__ import annotations

import os

import pytest

from tests.gui.files.test_files import step
from tests.gui.window.test_compared_models_restart import _add_a_compared_model
from tests.gui.window.test_process_restart import _kill_training


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_the_landscape_and_a_compared_models_timeline_say_to_restart_training_while_it_is_dead(qtbot, window, dialogs):
    w = window
    member = _add_a_compared_model(qtbot, w)
    step(qtbot, w, 6)
    qtbot.waitUntil(lambda: member.session_id in w.experiments._member_latest, timeout=10000)
    _kill_training(qtbot, w)
    w.statusBar().clearMessage()

    w.experiments.landscape_dock.show()
    w.experiments.landscape.recompute_button.click()
    said = w.statusBar().currentMessage()
    assert said.startswith("Training has stopped: restart it (Play)") and "loss landscape" in said, said

    w.statusBar().clearMessage()
    timeline = w.experiments.timeline
    timeline.model_box.setCurrentIndex(timeline.model_box.findData(member.session_id))  # the compared model's past
    assert timeline.session_id == member.session_id
    timeline.scrub_to(2)
    said = w.statusBar().currentMessage()
    assert said.startswith("Training has stopped: restart it (Play)") and "timeline" in said, said
    # nothing in the past is shown: the bar says the present, not "epoch 2 of 6"
    assert not timeline.scrubbing and timeline.slider.value() == timeline.slider.maximum()
    assert "live" in timeline.label.text(), timeline.label.text()
