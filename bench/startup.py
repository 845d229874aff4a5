"""Start-up: seconds from launching Python to the main window on screen (offscreen Qt).

Each run is a fresh process doing what ``make run`` does (``main.run_gui``:
QApplication, style, MainWindow, show), with its own settings file, that
reports once the event loop has turned after ``show()`` (the window has been
painted) and quits. The first run warms the OS file cache; the figure is the
median of the warm runs. (The window imports no scikit-learn in the GUI thread:
its first dataset is generated in a background thread meanwhile, which still
competes for the interpreter while the window is built.)
"""

from __future__ import annotations

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

CHILD = r"""
import sys
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from gui.main_window import MainWindow, apply_style

app = QApplication(sys.argv[:1])
app.setOrganizationName("NeuralPlayground")
app.setApplicationName("Neural Playground")
apply_style(app)
window = MainWindow(settings=QSettings(sys.argv[1], QSettings.IniFormat))
window.show()

def shown():
    print("SHOWN", flush=True)
    window.close()
    app.quit()

QTimer.singleShot(0, shown)
app.exec()
"""


def one_start() -> float:
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, os.path.join(tmp, "settings.ini")],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        seconds = float("nan")
        for line in proc.stdout:
            if line.startswith("SHOWN"):
                seconds = time.perf_counter() - start
        proc.wait(timeout=60)
    return seconds


def run(trials: int, quick: bool, log=print) -> str:
    title = "### Start-up: launch to window shown (`make run`'s path, offscreen)"
    try:
        import gui.main_window  # noqa: F401
    except ImportError as error:
        return f"{title}\n\nmain window not available ({error})."
    one_start()  # cold: fills the file cache
    seconds = [one_start() for _ in range(3 if quick else 5)]
    median = statistics.median(seconds)
    log(f"  [startup] {median:.2f} s")
    mark = "✅" if median <= TARGET_S else "❌"
    return "\n".join(
        [
            title,
            "",
            table(
                ["warm starts", "seconds to window shown, median (min–max)"],
                [[len(seconds), f"**{median:.2f}** ({min(seconds):.2f}–{max(seconds):.2f}) {mark} ≤ {TARGET_S:g}"]],
            ),
        ]
    )
