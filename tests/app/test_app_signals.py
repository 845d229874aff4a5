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


def _children(pid: int) -> list[str]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found += f.read().split()
    except OSError:
        pass
    return found


@pytest.mark.skipif(not os.path.isdir("/proc/self/task") or os.name != "posix", reason="Linux /proc, signals")
def test_sigterm_closes_the_app_like_its_window(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path))
    app = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py")], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        started = time.monotonic()
        while not _children(app.pid) and time.monotonic() - started < 60:  # the training process: the window is up
            time.sleep(0.2)
        assert _children(app.pid), "the app did not start its training process"
        time.sleep(5)  # the window is shown and listens for signals
        app.send_signal(signal.SIGTERM)
        app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    assert app.returncode == 0  # closed, not killed by the signal (-15)
    assert list((tmp_path / "config").rglob("*.conf")), "the window's settings were written, as a close writes them"
