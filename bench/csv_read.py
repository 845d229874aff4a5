"""Opening a CSV file of a million rows: wall time of the read, the garbage collector's pauses, and the longest
stall of a 10 ms QTimer on the GUI thread while the file is read off it (``python -m bench.csv_read``).

The file is generated (two inputs rounded to 4 decimals and a 0/1 label, as a person's export would be, ~20 MB)
into a temporary folder. Each trial reads it with ``read_dataset`` in this thread (wall time, the collector's
pauses counted through ``gc.callbacks``), then through the app's ``FileReader`` in Qt's pool while a 10 ms timer
ticks on the GUI thread (offscreen): the longest gap between two ticks is what a person sees as a frozen window.
``--freeze`` calls ``gc.freeze()`` before each read, as the app does once its first data is made
(``gui.window.data_flow``): a collection then walks only what was made since.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import statistics
import sys
import tempfile
import time

import numpy as np

from bench.common import load_line, machine_line


def write_file(path: str, rows: int) -> None:
    rng = np.random.default_rng(5)
    X = np.round(rng.normal(size=(rows, 2)), 4)
    label = (X.sum(axis=1) > 0).astype(int)
    with open(path, "w", encoding="utf-8") as f:
        f.write("x1,x2,label\n")
        f.writelines(f"{a!r},{b!r},{k}\n" for (a, b), k in zip(X.tolist(), label.tolist()))


class GcPauses:
    """The collector's pauses while installed: how many, the longest and their sum (seconds)."""

    def __init__(self):
        self.pauses: list[float] = []
        self._start = 0.0

    def __call__(self, phase, info):
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.pauses.append(time.perf_counter() - self._start)

    def __enter__(self):
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc):
        gc.callbacks.remove(self)


def read_here(path: str, freeze: bool) -> tuple[float, GcPauses]:
    from model.data.data_files import read_dataset

    gc.collect()
    if freeze:
        gc.freeze()
    with GcPauses() as pauses:
        start = time.perf_counter()
        loaded = read_dataset(path)
        seconds = time.perf_counter() - start
    assert loaded.dataset.n_samples > 0
    return seconds, pauses


def read_off_thread(app, path: str, freeze: bool) -> tuple[float, float]:
    """(wall seconds, the longest gap between two ticks of a 10 ms timer on the GUI thread) of one read."""
    from PySide6.QtCore import QEventLoop, QTimer

    from gui.files.data_io import read_data_checked
    from gui.files.file_reading import FileReader

    gc.collect()
    if freeze:
        gc.freeze()
    reader = FileReader()
    loop = QEventLoop()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    results = []
    reader.finished.connect(lambda result: (results.append(result), loop.quit()))
    timer.start()
    start = time.perf_counter()
    reader.start(lambda: read_data_checked(path, 0.2, 0))
    loop.exec()
    seconds = time.perf_counter() - start
    timer.stop()
    assert type(results[0]).__name__ == "DataRead", results
    points = [start, *ticks, time.perf_counter()]
    stall = max(b - a for a, b in itertools.pairwise(points))
    reader.deleteLater()
    return seconds, stall


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.csv_read", description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--freeze", action="store_true", help="gc.freeze() before each read, as the app does")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(f"Machine: {machine_line()}. At the start: {load_line()}.\n", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-csv-") as tmp:
        path = os.path.join(tmp, "big.csv")
        write_file(path, args.rows)
        size = os.path.getsize(path)
        here, gc_max, gc_sum, gc_count, off, stalls = [], [], [], [], [], []
        for trial in range(args.trials):
            seconds, pauses = read_here(path, args.freeze)
            here.append(seconds)
            gc_max.append(max(pauses.pauses, default=0.0))
            gc_sum.append(sum(pauses.pauses))
            gc_count.append(len(pauses.pauses))
            seconds, stall = read_off_thread(app, path, args.freeze)
            off.append(seconds)
            stalls.append(stall)
            print(
                f"trial {trial + 1}: read {here[-1]:.2f} s (gc: {gc_count[-1]} pauses, longest {gc_max[-1] * 1e3:.0f}"
                f" ms, {gc_sum[-1] * 1e3:.0f} ms in all); off the GUI thread {off[-1]:.2f} s, longest stall of a"
                f" 10 ms timer {stall * 1e3:.0f} ms",
                file=sys.stderr,
                flush=True,
            )

    def fmt(values, scale=1.0, digits=2):
        low, mid, high = (v * scale for v in (min(values), statistics.median(values), max(values)))
        return f"{mid:.{digits}f} ({low:.{digits}f}–{high:.{digits}f})"

    frozen = ", gc.freeze() before each read" if args.freeze else ""
    print(f"{args.rows:,} rows, {size / 1e6:.1f} MB, {args.trials} trials{frozen}, median (min–max).")
    print(f"At the end: {load_line()}.\n")
    print("| figure | value |\n|---|---|")
    print(f"| `read_dataset`, wall s | {fmt(here)} |")
    print(f"| collector pauses during it (count) | {fmt(gc_count, digits=0)} |")
    print(f"| longest collector pause, ms | {fmt(gc_max, 1e3, 0)} |")
    print(f"| all collector pauses, ms | {fmt(gc_sum, 1e3, 0)} |")
    print(f"| opened through `FileReader` (off the GUI thread), wall s | {fmt(off)} |")
    print(f"| longest stall of a 10 ms timer on the GUI thread meanwhile, ms | {fmt(stalls, 1e3, 0)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
