"""Start-up: seconds from launching Python to the main window painted, and to its first data on the plot.

Each run is a fresh process that runs ``make run``'s own path, ``neural_playground.cli.main([])`` (argument
parsing, the QApplication and its identity, style, ``MainWindow``, ``show``, the event loop), with fresh XDG
directories of its own (a first start: the lessons' invitation, no recovery), on the offscreen platform. Two
moments are reported:

- **window painted**: the event loop has finished the turn in which the window received its first paint event
  (the whole window is painted, children included, in that turn). Until 2026-12-04 the bench stopped at the
  first zero-delay timer after ``show()``, which Qt runs ~0.1 s *before* the first paint;
- **data ready**: the first dataset is on the plot and the window takes Play (``MainWindow.data_ready``; it is
  made in a child process while the window is built, see ``gui.window.initial_data``).

Bytecode: this machine's environment sets ``PYTHONDONTWRITEBYTECODE=1``, so the checkout's modules (~240 of them
at start) are compiled again at every launch, in the window's process and in each child. A person's checkout
keeps its bytecode after the first launch, and an installed copy has it from the install (pip compiles it). Both
are measured: **bytecode kept** (the children write and read it under a directory of the bench's own,
``PYTHONPYCACHEPREFIX``, so the checkout stays clean) and **compiled at each launch** (the environment as it is).

In each case the first run warms the OS file cache (and writes the bytecode); the figures are medians of the warm
runs.
"""

from __future__ import annotations

import importlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import table

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 1.5

# Run with ``-c``: a script file would be run again as the main module of the child processes ("spawn").
CHILD = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from gui.main_window import MainWindow
from neural_playground import cli


class FirstPaint(QObject):
    painted = False

    def eventFilter(self, obj, event):
        if not self.painted and event.type() == QEvent.Type.Paint:
            self.painted = True
            QTimer.singleShot(0, lambda: print("PAINTED", flush=True))  # after the turn that paints the window
        return False


first_paint = FirstPaint()
show = MainWindow.show


def show_and_watch(window):
    window.installEventFilter(first_paint)
    show(window)

    def data_or_wait():
        if window.data_ready and first_paint.painted:
            print("DATA", flush=True)
            window.close()
        else:
            QTimer.singleShot(5, data_or_wait)

    QTimer.singleShot(0, data_or_wait)


MainWindow.show = show_and_watch
sys.exit(cli.main([]))
"""


def one_start(bytecode_dir: str | None = None) -> tuple[float, float]:
    """(seconds to the window painted, seconds to the first data ready), from the process' launch; bytecode kept
    under ``bytecode_dir``, or (None) as the environment says."""
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        xdg = {f"XDG_{kind}_HOME": os.path.join(tmp, kind.lower()) for kind in ("CONFIG", "DATA", "STATE", "CACHE")}
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **xdg)
        if bytecode_dir is not None:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = bytecode_dir
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        painted = data = float("nan")
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("PAINTED"):
                painted = time.perf_counter() - start
            elif line.startswith("DATA"):
                data = time.perf_counter() - start
        proc.wait(timeout=60)
    return painted, data


def _cell(values: list[float], mark: str = "") -> str:
    median = statistics.median(values)
    return f"**{median:.2f}** ({min(values):.2f}–{max(values):.2f}){mark}"


def run(trials: int, quick: bool, log=print) -> str:
    title = "### Start-up: launch to window painted (`make run`'s path, offscreen)"
    try:
        importlib.import_module("gui.main_window")
    except ImportError as error:
        return f"{title}\n\nmain window not available ({error})."
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-startup-bytecode-") as bytecode:
        for name, bytecode_dir in (("bytecode kept", bytecode), ("compiled at each launch", None)):
            one_start(bytecode_dir)  # cold: fills the file cache (and writes the bytecode)
            starts = [one_start(bytecode_dir) for _ in range(3 if quick else 5)]
            painted = [p for p, _ in starts]
            data = [d for _, d in starts]
            median = statistics.median(painted)
            log(f"  [startup] {name}: painted {median:.2f} s, data {statistics.median(data):.2f} s")
            mark = f" {'✅' if median <= TARGET_S else '❌'} ≤ {TARGET_S:g}"
            rows.append([name, len(starts), _cell(painted, mark), _cell(data)])
    return "\n".join(
        [
            title,
            "",
            table(
                ["", "warm starts", "seconds to window painted, median (min–max)", "seconds to first data ready"],
                rows,
            ),
        ]
    )
