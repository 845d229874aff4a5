"""The training process is started from a fork server that has the session's code imported, never by forking the
GUI process (which runs Qt and threads), on Linux; elsewhere (macOS, where a fork after NumPy started Accelerate is
unsafe; Windows), a new interpreter is spawned for it and training works the same."""

from __future__ import annotations

import multiprocessing
import os
import sys

import pytest

from gui.training import child_processes
from gui.training.session_process import SessionProxy
from model.data.generators import make
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

MODEL = ModelSpec(hidden_layer_sizes=(4,))
TRAIN = TrainSpec(optimizer="adam", learning_rate=0.03, dtype="float64")


@pytest.fixture(scope="module")
def blobs():
    return make("blobs", n_samples=120, noise=0.1, seed=1, n_classes=2)


def _trains_as_here(proxy: SessionProxy, blobs) -> None:
    here = TrainingSession(blobs, MODEL, TRAIN, seed=0)
    assert proxy.step(5).loss == here.step(5).loss
    assert proxy.epoch == 5


def _parent_and_libraries(pid: int) -> tuple[int, str]:
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        parent = int(f.read().rsplit(")", 1)[1].split()[1])
    with open(f"/proc/{pid}/maps", encoding="ascii", errors="replace") as f:
        return parent, f.read()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the processes' parents in /proc")
def test_training_processes_come_from_a_fork_server_that_never_loaded_qt(blobs):
    proxies = [SessionProxy("session", blobs, MODEL, TRAIN, 0) for _ in range(2)]
    try:
        for proxy in proxies:
            _trains_as_here(proxy, blobs)
        pids = [proxy._process.pid for proxy in proxies]
        parents = {_parent_and_libraries(pid)[0] for pid in pids}
        assert len(parents) == 1 and os.getpid() not in parents, "not forked by one fork server"
        for pid in [*pids, *parents]:
            assert "libQt6" not in _parent_and_libraries(pid)[1], f"process {pid} has Qt loaded: a fork of the GUI"
    finally:
        for proxy in proxies:
            proxy.close()
    assert not any(proxy.alive for proxy in proxies)


def test_without_a_fork_server_a_new_interpreter_trains_the_same(blobs, monkeypatch):
    spawn = child_processes._make_context(["spawn"])
    assert spawn is multiprocessing.get_context("spawn")
    monkeypatch.setattr(child_processes, "_context", spawn)
    proxy = SessionProxy("session", blobs, MODEL, TRAIN, 0)
    try:
        assert os.getpid() == _parent_and_libraries(proxy._process.pid)[0] or not sys.platform.startswith("linux")
        _trains_as_here(proxy, blobs)
    finally:
        proxy.close()
    assert not proxy.alive


def test_on_macos_and_windows_each_training_process_is_a_new_interpreter(monkeypatch):
    for platform in ("darwin", "win32"):
        monkeypatch.setattr(sys, "platform", platform)
        monkeypatch.setattr(child_processes, "_context", None)
        assert child_processes.context() is multiprocessing.get_context("spawn"), platform
