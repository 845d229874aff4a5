"""An opened session says where its data came from: a real data set's session without view settings (as the
headless trainer writes one) names the data set, not the session file."""

from __future__ import annotations

from model.data import real_datasets
from model.storage.session_files import save_session
from model.training.session import TrainingSession
from model.training.specs import ModelSpec


def test_a_headless_real_data_session_opens_as_that_data_set(qtbot, window, tmp_path):
    session = TrainingSession(real_datasets.load("iris", 0.25, 7), ModelSpec("logistic"), seed=1)
    session.step(2)
    path = tmp_path / "run.npz"
    save_session(session, path)  # no view settings: no data source entry
    w = window
    sessions = w.file_actions.sessions
    with qtbot.waitSignal(sessions.openFinished, timeout=15000):
        assert sessions.open_session(path, ask=False)
    assert w.document.source == session.dataset.origin
    assert "Iris: 3 classes, 150 points (38 test), 4 features, seed 7" in w.data_panel.on_plot.text()
    assert w.lesson_actions.generated.name() == "iris"
