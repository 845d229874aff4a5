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


def test_a_headless_session_of_a_built_in_dataset_opens_on_that_generator_and_its_fields(
    qtbot, window, tmp_path, monkeypatch
):
    from neural_playground import headless

    monkeypatch.chdir(tmp_path)
    args = ["train", "--dataset", "moons", "--n-samples", "80", "--noise", "0.3", "--seed", "4", "--epochs", "2"]
    assert headless.main([*args, "--out", "run", "--no-png", "--quiet"]) == 0
    w = window
    sessions = w.file_actions.sessions
    with qtbot.waitSignal(sessions.openFinished, timeout=15000):
        assert sessions.open_session(tmp_path / "run" / "session.npz", ask=False)
    text = w.data_panel.on_plot.text()
    assert "Two moons: 2 classes, 80 points" in text and "noise 0.3, seed 4" in text, text
    assert "session.npz" not in text
    fields = w.data_panel.params()
    assert (fields["name"], fields["n_samples"], fields["noise"], fields["seed"]) == ("moons", 80, 0.3, 4)
    assert w.lesson_actions.generated.name() == "moons"
