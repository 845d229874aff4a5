"""``train --session FILE``: what it writes back keeps the app's view of the file, the work is written first,
and a file the app would refuse is refused here too, before anything is written."""

from __future__ import annotations

from model.data.generators import make
from model.storage.session_files import open_session_file, save_session
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.app.test_headless import run_here

VIEW = {
    "format": 1,
    "plot_range": [-2.0, 3.0, -1.5, 2.0],
    "log_scale": True,
    "data": {"name": "moons", "n_samples": 60, "seed": 2},
    "model": {"kind": "mlp", "layers": [4], "activations": ["tanh"]},
    "training": {"optimizer": "sgd", "learning_rate": 0.03, "max_epochs": 500, "pace": "watch", "target_loss": 0.1},
}


def _saved(tmp_path, spec=None, data="moons"):
    session = TrainingSession(make(data, 60, seed=2), spec or ModelSpec(hidden_layer_sizes=(4,)), TrainSpec())
    session.step(5)
    save_session(session, tmp_path / "app.npz", view=VIEW)
    return session


def test_the_session_written_back_keeps_the_view_it_was_opened_with(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _saved(tmp_path)
    code, _out, err = run_here(["train", "--session", "app.npz", "--epochs", 4, "--out", "more"], capsys)
    assert code == 0, err
    opened = open_session_file(tmp_path / "more" / "session.npz")
    assert opened.session.epoch == 9 and opened.view == VIEW


def test_the_session_is_written_first_and_kept_when_another_file_cannot_be(tmp_path, monkeypatch, capsys):
    import model.storage.model_files

    def cannot_write(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(model.storage.model_files, "save_model", cannot_write)
    _saved(tmp_path)
    code, _out, err = run_here(["train", "--session", "app.npz", "--epochs", 4, "--out", "more"], capsys)
    assert code == 2 and "No space left on device" in err
    assert open_session_file(tmp_path / "more" / "session.npz").session.epoch == 9  # the training done is kept


def test_a_perceptron_on_regression_data_is_refused_before_anything_is_written(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _saved(tmp_path, ModelSpec(kind="perceptron"), data="sine")
    code, _out, err = run_here(["train", "--session", "app.npz", "--epochs", 5, "--out", "steps"], capsys)
    assert code == 2 and "app.npz" in err and "model_spec.kind" in err and "Traceback" not in err
    assert not (tmp_path / "steps").exists()
