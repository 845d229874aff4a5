"""The app, as a logout ends it: SIGTERM closes the window as its close button does (settings written,
the training process stopped, exit status 0) instead of killing it mid-way."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.paths import ROOT


def _catches_sigterm(pid: int) -> bool:
    """The process has a handler for SIGTERM (bit 15 of SigCgt in /proc/PID/status): the window is up and
    listens, since the app installs its handler right after showing the window."""
    try:
        with open(f"/proc/{pid}/status") as f:
            caught = next(line.split()[1] for line in f if line.startswith("SigCgt:"))
    except (OSError, StopIteration):
        return False
    return bool(int(caught, 16) & (1 << (signal.SIGTERM - 1)))


def _wait_until_it_catches_sigterm(app: subprocess.Popen, limit_s: float = 60) -> bool:
    deadline = time.monotonic() + limit_s
    while not _catches_sigterm(app.pid) and time.monotonic() < deadline:
        try:
            app.wait(timeout=0.1)  # returns at once if the app ended
            return False
        except subprocess.TimeoutExpired:
            pass
    return _catches_sigterm(app.pid)


@pytest.mark.skipif(not os.path.isfile("/proc/self/status") or os.name != "posix", reason="Linux /proc, signals")
def test_sigterm_closes_the_app_like_its_window(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path))
    app = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py")], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        assert _wait_until_it_catches_sigterm(app), "the app's window did not come up and listen for signals"
        app.send_signal(signal.SIGTERM)
        app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    assert app.returncode == 0  # closed, not killed by the signal (-15)
    assert list((tmp_path / "config").rglob("*.conf")), "the window's settings were written, as a close writes them"
