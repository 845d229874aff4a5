"""A session file's view settings come from the file too: numbers no control can hold are left out
(the panel keeps its default) instead of failing half-way through opening."""

from __future__ import annotations

from model.data.generators import make
from model.storage.session_files import save_session
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.gui.files.test_files import open_and_wait


def test_view_numbers_beyond_any_control_open_the_session_whole(qtbot, window, dialogs, tmp_path):
    w = window
    path = tmp_path / "hostile-view.npz"
    session = TrainingSession(make("moons", 30, seed=1), ModelSpec(hidden_layer_sizes=(3,)), TrainSpec())
    session.step(4)
    view = {
        "data": {"seed": 3_000_000_000, "n_samples": 10**12, "noise": float("inf")},
        "training": {"max_epochs": 3_000_000_000, "speed": 1e300},
        "model": {"alpha": 1e300},
    }
    save_session(session, path, view=view)
    w.file_actions.sessions.confirm_discard = lambda reason: "discard"
    assert open_and_wait(qtbot, w.file_actions.sessions, path)
    assert w.windowTitle().startswith("hostile-view.npz")
    assert w.dataset.same_as(session.dataset) and not w.isWindowModified()
    assert 0 <= w.data_panel.params()["seed"] <= 2**31 - 1
    assert not dialogs.messages
