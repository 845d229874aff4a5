"""The headless trainer (`python main.py train`): files, help, determinism, errors.

The command runs in subprocesses, as a user runs it, without QT_QPA_PLATFORM and
without a display: it must draw its PNGs offscreen on its own.
"""

import csv
import io
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gui.plot.render import png_chunks
from model.data.generators import make
from model.resource_files import resource_path
from model.storage.model_files import load_model
from model.storage.session_files import load_session
from model.training.headless_train import estimator_from_session, history_csv_text, train
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from neural_playground import headless
from tests.paths import ROOT

FILES = ("model.npz", "session.npz", "history.csv", "summary.json", "boundary.png", "curves.png")
SMALL = [
    "train",
    "--dataset",
    "moons",
    "--n-samples",
    "100",
    "--epochs",
    "200",
    "--model",
    "mlp",
    "--hidden",
    "6,4",
    "--activation",
    "tanh",
    "--lr",
    "0.1",
    "--seed",
    "3",
]
#: The options the headless trainer offers.
OPTIONS = (
    "--dataset",
    "--data",
    "--session",
    "--n-samples",
    "--noise",
    "--classes",
    "--test-fraction",
    "--model",
    "--hidden",
    "--activation",
    "--optimizer",
    "--lr",
    "--momentum",
    "--batch-size",
    "--alpha",
    "--l1",
    "--features",
    "--epochs",
    "--seed",
    "--dtype",
    "--out",
    "--quiet",
    "--export-script",
    "--init",
    "--no-shuffle",
    "--eval-every",
    "--no-png",
    "--log-loss",
)


def start(args, cwd=None) -> subprocess.Popen:
    """`python main.py ...` in a subprocess with no display and no Qt platform preset."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        cwd=cwd or ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen, timeout=120) -> subprocess.CompletedProcess:
    stdout, stderr = process.communicate(timeout=timeout)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def run(args, cwd=None, timeout=120) -> subprocess.CompletedProcess:
    return finish(start(args, cwd), timeout)


def run_here(args, capsys) -> tuple[int, str, str]:
    """The command in this process (faster: the imports are done), without PNGs (no Qt here)."""
    try:
        code = headless.main([*map(str, args), "--no-png"])
    except SystemExit as exc:  # argparse's errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """The same flags twice into two folders (with the script export), run side by side."""
    outs = [tmp_path_factory.mktemp(f"run_{name}") for name in ("a", "b")]
    processes = [start([*SMALL, "--out", out, "--export-script", out / "experiment.py"]) for out in outs]
    results = [finish(p) for p in processes]
    for result in results:
        assert result.returncode == 0, result.stderr
    return list(zip(outs, results))


def test_writes_every_file(two_runs):
    out, result = two_runs[0]
    for name in FILES + ("experiment.py",):
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    assert "Traceback" not in result.stderr
    # the progress bar on stderr names the last epoch and the loss; the report goes to stdout
    assert re.search(r"epoch 200 \[#+\] 100%\s+loss \d", result.stderr), result.stderr
    assert "epochs/s" in result.stderr
    assert "epoch 200: train loss" in result.stdout and "model.npz" in result.stdout


def test_files_hold_the_run(two_runs):
    out, _ = two_runs[0]
    session, _view = load_session(out / "session.npz")
    assert session.epoch == 200
    assert session.model_spec.hidden_layer_sizes == (6, 4) and session.train_spec.learning_rate == 0.1

    rows = list(csv.reader(io.StringIO((out / "history.csv").read_text())))
    assert rows[0] == ["epoch", "train_loss", "test_loss", "train_score", "test_score"]
    assert len(rows) == 201 and [int(r[0]) for r in rows[1:]] == list(range(1, 201))
    history = session.history.arrays()
    table = np.array([[float(v) for v in r] for r in rows[1:]])
    for j, column in enumerate(("epoch", "train_loss", "test_loss", "train_score", "test_score")):
        np.testing.assert_array_equal(table[:, j], history[column])  # exact: written to round-trip

    estimator = load_model(out / "model.npz")
    X = session.dataset.X
    np.testing.assert_array_equal(estimator.predict(X), session.predict(X))
    np.testing.assert_array_equal(estimator.coefs_[0], session.network.coefs[0])

    summary = json.loads((out / "summary.json").read_text())
    assert summary["epoch"] == 200 and summary["final"]["train_loss"] == session.train_loss
    assert summary["model_inputs"] == ["x1", "x2"] and summary["data"]["dataset"] == "moons"

    for name in ("boundary.png", "curves.png"):
        chunks = png_chunks((out / name).read_bytes())
        assert chunks[0] == "IHDR" and chunks[-1] == "IEND"
        assert not {"tIME", "tEXt", "zTXt", "iTXt"} & set(chunks), chunks  # no date, no text


def test_same_flags_give_identical_bytes(two_runs):
    (a, _), (b, _) = two_runs
    for name in FILES + ("experiment.py",):
        assert (a / name).read_bytes() == (b / name).read_bytes(), f"{name} differs between two runs"


def test_exported_script_trains_to_the_summary_loss(two_runs):
    out, _ = two_runs[0]
    result = subprocess.run([sys.executable, str(out / "experiment.py")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    loss = float(re.search(r"final train loss: (\S+)", result.stdout).group(1))
    expected = json.loads((out / "summary.json").read_text())["final"]["train_loss"]
    assert loss == pytest.approx(expected, rel=1e-5)  # float32, the app's default


def test_help_explains_every_option():
    result = run(["train", "--help"])
    assert result.returncode == 0
    text = result.stdout
    parser = headless.build_parser()
    train_parser = parser._subparsers._group_actions[0].choices["train"]
    declared = {s for a in train_parser._actions for s in a.option_strings if s.startswith("--")}
    assert set(OPTIONS) <= declared
    for action in train_parser._actions:
        if action.option_strings and action.option_strings[0] != "-h":
            assert action.help and len(action.help) > 15, action.option_strings
    for option in declared:
        assert re.search(rf"^\s+(-\w, )?{re.escape(option)}\b", text, re.M), f"{option} not explained in --help"
    for name in FILES:
        assert name in text
    assert "train" in run(["--help"]).stdout  # listed as a sub-command of main.py
    # the examples run as printed where the app is installed, and every file the help points to exists
    assert (
        re.findall(r"^  (neural-playground train|python main.py train) --", text, re.M)
        == ["neural-playground train"] * 4
    )
    root = Path(headless.__file__).resolve().parents[1]
    for path in re.findall(r"[\w/]+/[\w.]+\.(?:py|md)\b", text):
        assert (root / path).is_file(), f"--help points to {path}, which does not exist"
    # ...where it is installed too: the data format is read in the user guide the package carries, not in docs/
    assert "Data files in the app's user guide, Help > User guide" in " ".join(text.split())
    guide = resource_path("guide.md").read_text(encoding="utf-8")
    assert "**Data files**" in guide and "`is_test`" in guide and "`label`" in guide
    assert "docs/" not in text


@pytest.mark.parametrize(
    "content, message",
    [
        ("x1,x2,label\n1,2,0\n3,abc,1\n", "row 3, column 'x2': 'abc' is not a number"),
        ("x1,x2,label\n1,2,0\n3,4,0\n", "only one class"),
        ("", "is empty"),
    ],
)
def test_bad_data_file_gives_a_clear_message(tmp_path, capsys, content, message):
    path = tmp_path / "points.csv"
    path.write_text(content)
    code, out, err = run_here(["train", "--data", path, "--out", tmp_path / "out"], capsys)
    assert code == 2 and out == ""
    assert err.strip().startswith("neural-playground train: error: cannot open the data file: points.csv")
    assert message in err
    assert not (tmp_path / "out").exists()


def test_bad_data_file_exits_without_a_traceback(tmp_path):
    (tmp_path / "points.csv").write_text("x1,x2,label\n1,2,0\n3,abc,1\n")
    result = run(["train", "--data", "points.csv"], cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "neural-playground train: error: cannot open the data file: points.csv, "
        "row 3, column 'x2': 'abc' is not a number\n"
    )
    assert not (tmp_path / "runs").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--data", "nope.csv"], "nope.csv: no such file"),
        (["--session", "nope.npz"], "cannot open the session file"),
        (["--hidden", "8,x"], "--hidden: '8,x' is not a comma-separated list"),
        (["--activation", "tanh,swish"], "swish: choose from"),
        (["--model", "logistic", "--hidden", "4"], "--hidden only applies to --model mlp"),
        (["--dataset", "sine", "--model", "perceptron"], "the perceptron classifies"),
        (["--dataset", "moons", "--classes", "3"], "--classes applies to blobs and spiral only"),
        (["--hidden", "4,4", "--activation", "tanh,relu,relu"], "3 activations given for 2 hidden layers"),
        (["--dataset", "sine", "--features", "x2^2"], "feature 'x2^2' needs two inputs"),
        (["--data", "x.csv", "--noise", "0.2"], "--noise only applies to a built-in --dataset"),
        (["--lr", "0"], "--lr: must be > 0"),
        (["--dataset", "moons", "--data", "x.csv"], "not allowed with argument"),
    ],
)
def test_bad_options_give_clear_messages(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    code, _out, err = run_here(["train", *args, "-q"], capsys)
    assert code == 2, err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "runs").exists()


def test_session_continues_bit_for_bit(tmp_path, monkeypatch, capsys):
    """100 epochs, then --session for 100 more, writes the very session of 200 epochs at once."""
    monkeypatch.chdir(tmp_path)
    base = [
        "train",
        "--dataset",
        "xor",
        "--n-samples",
        "80",
        "--optimizer",
        "adam",
        "--lr",
        "0.01",
        "--batch-size",
        "16",
        "--dtype",
        "float64",
        "-q",
    ]
    assert run_here([*base, "--epochs", 100, "--out", "half"], capsys)[0] == 0
    first = (tmp_path / "half" / "session.npz").read_bytes()
    code, out, err = run_here(["train", "--session", "half/session.npz", "--epochs", 100, "-q"], capsys)
    assert code == 0 and out == "" and err == ""  # --quiet
    assert (tmp_path / "half" / "session.npz").read_bytes() != first  # continued in its folder
    assert run_here([*base, "--epochs", 200, "--out", "whole"], capsys)[0] == 0
    for name in ("session.npz", "history.csv", "model.npz"):
        assert (tmp_path / "half" / name).read_bytes() == (tmp_path / "whole" / name).read_bytes(), name


def test_a_session_with_a_compared_model_trains_the_main_model_and_keeps_the_other(tmp_path, monkeypatch, capsys):
    """--session on an app's file with a model compared beside the main one: the main model trains on, the note
    and summary.json say the compared model is not trained, and session.npz keeps it as it was saved."""
    from model.storage.session_files import open_session_file, save_session
    from model.storage.session_members import SavedMember
    from model.training.state_start import StateStart

    monkeypatch.chdir(tmp_path)
    data = make("moons", 60, seed=2)
    main, other = TrainingSession(data, seed=1), TrainingSession(data, train_spec=TrainSpec(learning_rate=0.5), seed=3)
    main.step(5)
    other.step(5)
    compared = SavedMember("fast", "#009e73", "", other.model_spec, other.train_spec, 3, StateStart.of(other))
    save_session(main, tmp_path / "app.npz", members=(compared,))
    code, _out, err = run_here(["train", "--session", "app.npz", "--epochs", 7, "--out", "more"], capsys)
    assert code == 0
    assert "note: the session also holds 1 compared model, “fast” at epoch 5: only the main model trains here" in err
    opened = open_session_file(tmp_path / "more" / "session.npz")
    assert opened.session.epoch == 12
    (kept,) = opened.members
    assert (kept.name, kept.colour, kept.epoch) == ("fast", "#009e73", 5)
    np.testing.assert_array_equal(kept.state.params, other.network.params)
    summary = json.loads((tmp_path / "more" / "summary.json").read_text(encoding="utf-8"))
    assert summary["compared_models_not_trained"] == [{"name": "fast", "epoch": 5}]


def test_data_file_run(tmp_path, monkeypatch, capsys):
    ds = make("circles", 60, seed=1)
    # the label column named for what it holds: the last column, read as two classes, kept by that name
    rows = ["x1,x2,ring"] + [f"{x!r},{y!r},{int(k)}" for (x, y), k in zip(ds.X.tolist(), ds.y)]
    (tmp_path / "ring.csv").write_text("\n".join(rows) + "\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_here(
        [
            "train",
            "--data",
            "ring.csv",
            "--model",
            "logistic",
            "--features",
            "x1^2,x2^2",
            "--lr",
            "0.05",
            "--epochs",
            50,
        ],
        capsys,
    )
    assert code == 0, err
    assert "Training Logistic regression on ring.csv (48 training, 12 test points)" in err
    result_dir = tmp_path / "runs" / "ring"  # the default folder is named after the file
    assert f"wrote {os.path.join('runs', 'ring', 'model.npz')}" in out
    summary = json.loads((result_dir / "summary.json").read_text())
    assert summary["model_inputs"] == ["x1", "x2", "x1^2", "x2^2"] and summary["data"]["file"] == "ring.csv"
    assert summary["data"]["target_name"] == "ring" and summary["data"]["class_names"] == ["0", "1"]
    assert load_session(result_dir / "session.npz")[0].dataset.target_name == "ring"
    assert load_model(result_dir / "model.npz").n_features_in_ == 4


def test_divergence_is_reported_and_written(tmp_path, capsys):
    # plain SGD at rate 5 runs away on the sine (Adam's steps are bounded by its rate: it would not)
    args = ["train", "--dataset", "sine", "--optimizer", "sgd", "--lr", "5", "--epochs", 100, "--out", tmp_path]
    code, _out, err = run_here(args, capsys)
    assert code == 3
    assert "warning: Training diverged" in err
    assert json.loads((tmp_path / "summary.json").read_text())["diverged"] is True


def test_a_loss_that_grows_while_staying_a_number_stops_as_the_window_pauses(tmp_path, capsys):
    """Plain SGD at rate 100 on the spiral: its loss climbs from 1.2 to 14 in one epoch and never overflows. The
    window pauses it (``model.training.stop_rules``); the command stops there too rather than train on for
    nothing, says so in numbers and writes the weights it stopped at."""
    args = ["train", "--dataset", "spiral", "--optimizer", "sgd", "--lr", "100", "--epochs", 300, "--out", tmp_path]
    code, _out, err = run_here([*args, "--eval-every", 10], capsys)
    assert code == 3
    said = re.search(
        r"warning: Training diverged with learning rate 100: training loss up from ([0-9.]+) at epoch 0 "
        r"to ([0-9.]+) by epoch 10, .*Stopped at epoch 10 .*try a learning rate of 10\.",
        err,
    )
    assert said and float(said.group(2)) > 10 * float(said.group(1)), err
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["diverged"] is True and summary["epoch"] == 10
    rows = list(csv.DictReader(io.StringIO((tmp_path / "history.csv").read_text())))
    assert len(rows) == 10 and all(math.isfinite(float(row["train_loss"])) for row in rows)


def test_eval_every_help_says_what_history_csv_holds_between_measurements(tmp_path, capsys):
    """``train --help`` names what history.csv holds for an epoch not measured, and the file holds that."""
    with pytest.raises(SystemExit):
        headless.main(["train", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    said = re.search(r"--eval-every N (.*?)\(default: 1\)", help_text)
    assert said and "nan" in said.group(1) and "repeat" not in said.group(1), said
    code, _out, err = run_here(["train", "--epochs", 6, "--eval-every", 3, "--out", tmp_path, "--quiet"], capsys)
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO((tmp_path / "history.csv").read_text())))
    measured = [int(r["epoch"]) for r in rows if not math.isnan(float(r["test_loss"]))]
    between = [r["test_loss"] for r in rows if int(r["epoch"]) not in measured]
    assert measured == [3, 6] and between == ["nan"] * 4


# ------------------------------------------------------------------------------------ in-process
@pytest.mark.parametrize(
    "kind, name, optimizer",
    [
        ("perceptron", "blobs", "sgd"),
        ("logistic", "moons", "momentum"),
        ("mlp", "spiral", "nesterov"),
        ("mlp", "sine", "adam"),
        ("logistic", "plane", "sgd"),
    ],
)
def test_estimator_predicts_like_the_session(tmp_path, kind, name, optimizer):
    ds = make(name, 60, seed=2, n_classes=3)
    session = TrainingSession(
        ds,
        ModelSpec(kind=kind, hidden_layer_sizes=(5,)),
        TrainSpec(optimizer=optimizer, learning_rate=0.01, batch_size=16),
        seed=1,
    )
    train(session, 20)
    estimator = estimator_from_session(session)
    from model.storage.model_files import save_model

    save_model(estimator, tmp_path / "m.npz")
    loaded = load_model(tmp_path / "m.npz")
    predicted, expected = loaded.predict(ds.X), session.predict(ds.X)
    if ds.task == "classification":
        np.testing.assert_array_equal(predicted, expected)
    else:
        np.testing.assert_allclose(predicted, expected, rtol=1e-5, atol=1e-5)
    assert loaded.loss_curve_ == session.history.column("train_loss").tolist()
    assert loaded.n_iter_ == 20


def test_history_is_independent_of_how_often_progress_is_shown():
    ds = make("moons", 50, seed=0)
    a, b = (TrainingSession(ds, seed=0) for _ in range(2))
    calls = []
    train(a, 30, on_progress=lambda done, total, loss: calls.append(done))
    train(b, 30)
    assert calls == list(range(1, 31))
    assert history_csv_text(a) == history_csv_text(b)


def test_progress_bar_redraws_at_most_ten_times_a_second():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    bar = headless.ProgressBar(10_000, stream=stream)
    for done in range(1, 10_001):
        bar.update(done, 0.5)
    bar.finish()
    text = stream.getvalue()
    assert 2 <= text.count("\r") <= 4  # the first, maybe one 0.1 s later, and the last
    assert "epoch 10,000 [########################] 100%  loss 0.5" in text and text.endswith("\n")
