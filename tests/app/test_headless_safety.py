"""The headless trainer checks what it can before training (the output folder, the network's size,
numbers a saved session must be able to hold), and a SIGTERM writes what Ctrl-C writes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from model.storage.session_files import load_session
from neural_playground import headless
from tests.paths import ROOT

LONG = ["train", "--dataset", "moons", "--n-samples", "60", "--hidden", "4", "--epochs", "100000000", "-q", "--no-png"]


def run_here(args, capsys) -> tuple[int, str]:
    try:
        code = headless.main([*map(str, args), "--no-png"])
    except SystemExit as exc:  # argparse's errors
        code = exc.code
    _, err = capsys.readouterr()
    return code, err


def _one_line_error(err: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err and "error" in lines[0], err


def _count_training(monkeypatch) -> list[int]:
    """A list that grows by one whenever the headless trainer starts training (which it then does not)."""
    trained: list[int] = []
    monkeypatch.setattr("model.training.headless_train.train", lambda *a, **k: trained.append(1))
    return trained


def test_an_out_folder_that_cannot_be_created_is_refused_before_training(tmp_path, capsys, monkeypatch):
    (tmp_path / "a-file").write_text("not a folder")
    trained = _count_training(monkeypatch)
    code, err = run_here(LONG + ["--out", tmp_path / "a-file" / "run"], capsys)  # would train for hours
    assert code == 2 and "--out" in err and "a-file" in err and trained == []
    _one_line_error(err)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="POSIX permissions; root writes anywhere")
def test_a_read_only_out_folder_is_refused_before_training(tmp_path, capsys):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        code, err = run_here(LONG + ["--out", folder], capsys)
    finally:
        folder.chmod(0o700)
    assert code == 2 and "cannot write" in err
    _one_line_error(err)


def test_an_unwritable_out_folder_is_refused_before_training(tmp_path, capsys, monkeypatch):
    """A full disk or a read-only folder (for root too): the probe write fails, nothing is trained."""
    out = tmp_path / "full"
    trained = _count_training(monkeypatch)
    real_open = open

    def full_disk_open(path, mode="r", *args, **kwargs):
        if os.fspath(path).startswith(os.fspath(out)) and "w" in mode:
            raise OSError(28, "No space left on device", os.fspath(path))
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", full_disk_open)
    code, err = run_here(LONG + ["--out", out], capsys)
    assert code == 2 and "No space left on device" in err and trained == []
    _one_line_error(err)


@pytest.mark.parametrize(
    "args, named",
    [
        (["--hidden", "100000,100000"], "weights and biases"),
        (["--hidden", "1000000"], "--hidden"),
        (["--hidden", ",".join(["4"] * 500)], "--hidden"),
        (["--hidden", "5000,5000"], "a session file may take to be opened again"),
    ],
)
def test_too_large_a_network_is_a_one_line_error(tmp_path, capsys, monkeypatch, args, named):
    trained = _count_training(monkeypatch)
    code, err = run_here([*LONG, *args, "--out", tmp_path / "run"], capsys)
    assert code == 2 and named in err and trained == [], err
    _one_line_error(err)
    assert not (tmp_path / "run" / "session.npz").exists()


@pytest.mark.parametrize(
    "args, named",
    [
        (["--batch-size", "3000000000"], "--batch-size: must be at most 2,147,483,647"),
        (["--seed", "3000000000"], "--seed: must be at most 2,147,483,647"),
        (["--lr", "1e300"], "--lr: must be at most"),
        (["--alpha", "1e300"], "--alpha: must be at most"),
        (["--n-samples", "1000000000"], "--n-samples: must be at most"),
        (["--epochs", "1" + "0" * 30], "--epochs: must be at most"),
    ],
)
def test_a_number_no_saved_session_could_hold_is_refused(tmp_path, capsys, args, named):
    """A run writes session.npz; the app and --session must be able to open it again."""
    code, err = run_here([*LONG, *args, "--out", tmp_path / "run"], capsys)
    assert code == 2 and named in err and "Traceback" not in err, err
    assert not (tmp_path / "run").exists()


def test_a_network_whose_activations_need_too_much_memory_is_refused(tmp_path, capsys):
    args = ["train", "--dataset", "moons", "--n-samples", "20000", "--hidden", "50000,50", "--epochs", "1", "-q"]
    code, err = run_here([*args, "--out", tmp_path / "run"], capsys)
    assert code == 2 and "memory" in err, err
    _one_line_error(err)


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_writes_the_files_with_the_weights_so_far(tmp_path, signum, status):
    out = tmp_path / "run"
    args = [a for a in LONG if a != "-q"]
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args, "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = process.stderr.readline()  # "Training ... for 100,000,000 epochs": training starts now
        assert first.startswith("Training"), first
        process.stderr.readline()  # the first progress line: some epochs are done
        process.send_signal(signum)
        _stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == status, stderr
    assert "Traceback" not in stderr
    session, _ = load_session(out / "session.npz")
    assert session.epoch > 0
    assert (out / "history.csv").exists() and (out / "model.npz").exists()
