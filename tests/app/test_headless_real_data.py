"""The headless trainer on the real data sets (`--dataset digits|iris|wine|breast_cancer`)."""

import json

import pytest

from model.data import real_datasets
from model.storage.model_files import load_model
from model.storage.session_files import load_session
from tests.app.test_headless import run_here


@pytest.mark.parametrize(
    "name,n_features,n_classes", [("digits", 64, 10), ("iris", 4, 3), ("wine", 13, 3), ("breast_cancer", 30, 2)]
)
def test_each_real_data_set_trains_and_is_written(tmp_path, monkeypatch, capsys, name, n_features, n_classes):
    monkeypatch.chdir(tmp_path)
    args = [
        "train",
        "--dataset",
        name,
        "--model",
        "mlp",
        "--hidden",
        "8",
        "--batch-size",
        "32",
        "--lr",
        "0.1",
        "--epochs",
        "20",
        "--seed",
        "2",
        "--test-fraction",
        "0.3",
    ]
    code, _out, err = run_here(args, capsys)
    assert code == 0, err
    folder = tmp_path / "runs" / name
    summary = json.loads((folder / "summary.json").read_text())
    assert summary["data"]["dataset"] == name and summary["data"]["n_features"] == n_features
    assert summary["layer_sizes"] == [n_features, 8, 1 if n_classes == 2 else n_classes]
    expected = real_datasets.load(name, test_fraction=0.3, seed=2)
    assert summary["model_inputs"] == list(expected.feature_names)
    assert summary["data"]["class_names"] == list(expected.class_names)
    assert summary["final"]["test_score"] > 0.8  # far above chance on every one of them
    assert load_model(folder / "model.npz").n_features_in_ == n_features
    session, _ = load_session(folder / "session.npz")
    assert session.dataset.same_as(expected) and session.epoch == 20


@pytest.mark.parametrize(
    "args, message",
    [
        (["--dataset", "digits", "--features", "x1^2"], "--features (x1^2) are made of two raw inputs"),
        (["--dataset", "iris", "--n-samples", "50"], "--n-samples cannot change iris"),
        (["--dataset", "wine", "--classes", "3"], "--classes cannot change wine"),
        (["--dataset", "mnist"], "invalid choice"),
    ],
)
def test_options_that_do_not_fit_real_data_are_refused(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    code, _out, err = run_here(["train", *args, "-q"], capsys)
    assert code == 2, err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "runs").exists()
