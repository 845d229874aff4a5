"""A challenge knows its own data after the session is saved and opened again: the data's source travels in the
session file, and the generator it names is believed only of the very points it makes."""

from __future__ import annotations

import numpy as np
import pytest

from model.storage.data_source_entry import KEY


@pytest.fixture
def window(make_window):
    return make_window(size=(1360, 860))


def _open(w, qtbot, path):
    sessions = w.file_actions.sessions
    with qtbot.waitSignal(sessions.openFinished, timeout=15000) as blocker:
        assert sessions.open_session(path, ask=False)
    assert blocker.args == [str(path), True]
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.data_version == w.document.version, timeout=8000)


def test_the_xor_challenge_recognises_its_data_after_a_session_round_trip(window, qtbot, tmp_path):
    w, la = window, window.lesson_actions
    la.start_challenge("xor-fewest-neurons")
    card = la.challenges_panel.cards["xor-fewest-neurons"]
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.data_version == w.document.version, timeout=8000)
    assert la.generated.name() == "xor"
    saved = tmp_path / "xor.npz"
    assert w.file_actions.sessions.save_session(saved)
    assert w.file_actions.sessions.view_settings()[KEY]["name"] == "xor"

    w.data_panel.generator.setCurrentIndex(w.data_panel.generator.findData("moons"))
    w.data_panel.generate_button.click()  # other data meanwhile
    assert la.generated.name() == "moons"

    _open(w, qtbot, saved)
    assert la.generated.name() == "xor"
    assert w.data_panel.on_plot.text().startswith("<b>On the plot:</b> XOR: 2 classes, 200 points")
    epoch = w.controller.latest_snapshot.epoch
    w.controller.step(1)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch > epoch and card.reason != "", timeout=8000)
    qtbot.waitUntil(lambda: la.board._last is not None, timeout=5000)
    assert card.reason != "generate the xor dataset first"
    assert card.reason.startswith("test accuracy ≥ 95 %")

    # edited XOR points come back edited: not the challenge's data
    w.boundary_view.addPointsRequested.emit(np.array([[0.5, 0.5]]))
    edited = tmp_path / "edited.npz"
    assert w.file_actions.sessions.save_session(edited)
    _open(w, qtbot, edited)
    assert la.generated.name() is None and "XOR, edited" in w.data_panel.on_plot.text()
