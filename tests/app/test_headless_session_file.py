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


def test_a_new_run_keeps_where_its_data_came_from_as_the_window_does(tmp_path, monkeypatch, capsys):
    from model.data.data_source import DataSource
    from model.storage.data_source_entry import read_data_source

    monkeypatch.chdir(tmp_path)
    common = ["--seed", 3, "--epochs", 2, "--quiet"]
    # a noise beyond the data panel's field: the source says it, the panel's fields leave it out
    code, _out, err = run_here(["train", "--dataset", "moons", "--noise", 2, "--n-samples", 50, *common], capsys)
    assert code == 0, err
    opened = open_session_file(tmp_path / "runs" / "moons" / "session.npz")
    source = read_data_source(opened.view["data_source"], opened.session.dataset)
    assert source is not None and source.same_points(DataSource.generated("moons", 50, 2.0, 3, 2, 0.2))
    assert source.describe(opened.session.dataset) == "Two moons: 2 classes, 50 points (10 test), noise 2, seed 3"
    fields = opened.view["data"]
    assert "noise" not in fields and (fields["name"], fields["n_samples"], fields["seed"]) == ("moons", 50, 3)
    assert opened.view_left_out == ()
    # a data file: its name, not the session file's
    from model.data.csv_data_files import save_dataset_csv

    save_dataset_csv(DataSource.generated("xor", 40, 0.1, 1, 2, 0.25).regenerate(), tmp_path / "points.csv")
    code, _out, err = run_here(["train", "--data", "points.csv", *common], capsys)
    assert code == 0, err
    opened = open_session_file(tmp_path / "runs" / "points" / "session.npz")
    assert read_data_source(opened.view["data_source"], opened.session.dataset) == DataSource.from_file("points.csv")
