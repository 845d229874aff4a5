"""Benchmarks of side-by-side training, the timeline and the landscape (not tests):
``python -m bench.compare_bench [--quick]``.

1. timeline cost: epochs/s of one session with and without a timeline (it records every epoch of a
   short run, fewer and fewer of a long one);
2. side by side: epochs/s per model and in total for 1, 2 and 4 models stepped in turn by one thread
   (``SessionGroup``);
3. the window while 1 or 4 models train: the lateness of a 16 ms GUI timer (p50/p99) and the main
   model's epochs/s, in the real MainWindow (offscreen);
4. memory over a real 1 000 000-epoch run with a timeline: entries kept, their bytes, the process's
   resident memory.

Prints markdown tables. One BLAS thread, like the training worker.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from model.data.dataset import Dataset  # noqa: E402
from model.data.generators import make_dataset  # noqa: E402
from model.training.session import TrainingSession  # noqa: E402
from model.training.session_group import SessionGroup  # noqa: E402
from model.training.specs import ModelSpec, TrainSpec  # noqa: E402
from model.training.timeline import Timeline  # noqa: E402

MLP = ModelSpec(hidden_layer_sizes=(16, 16))
SGD = TrainSpec(optimizer="sgd", learning_rate=0.1)


def _moons(n: int) -> Dataset:
    X, y = make_dataset("moons", n, 0.2, 0)
    return Dataset.from_arrays(X, y, test_fraction=0.2, seed=0)


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def timeline_cost(trials: int, epochs: int) -> None:
    print("### Timeline cost (one session, 2-16-16-1, full batch SGD)\n")
    print("| N train | without timeline, epochs/s | with timeline, epochs/s | ratio |")
    print("|---:|---:|---:|---:|")
    for n in (250, 1250):
        ds = _moons(n)
        rates = {False: [], True: []}
        for _ in range(trials):
            for with_timeline in (False, True):
                s = TrainingSession(ds, MLP, SGD, seed=0)
                if with_timeline:
                    s.timeline = Timeline()
                    s.timeline.restart(s)
                s.step(20)
                t0 = time.perf_counter()
                s.step(epochs)
                rates[with_timeline].append(epochs / (time.perf_counter() - t0))
        a, b = max(rates[False]), max(rates[True])
        print(f"| {ds.n_train} | {a:,.0f} | {b:,.0f} | {b / a:.2f} |")
    print()


def side_by_side(trials: int, epochs: int) -> None:
    print("### Side by side: models stepped in turn by one thread (N train = 200, best of trials)\n")
    print("| models | epochs/s per model | model-epochs/s in total | vs one model alone |")
    print("|---:|---:|---:|---:|")
    ds = _moons(250)
    base = None
    for k in (1, 2, 4):
        best = 0.0
        for _ in range(trials):
            group = SessionGroup(TrainingSession(ds, MLP, SGD, seed=0))
            for i in range(k - 1):
                group.add_member(train_spec=TrainSpec(learning_rate=0.1 * (i + 2)))
            group.step(10)
            t0 = time.perf_counter()
            group.step(epochs)
            best = max(best, epochs / (time.perf_counter() - t0))
        base = base or best
        print(f"| {k} | {best:,.0f} | {k * best:,.0f} | {k * best / base:.2f} |")
    print()


def window_latency(seconds: float) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(Path("/tmp") / f"bench_compare_{os.getpid()}.ini"), QSettings.IniFormat)
    w = MainWindow(dataset="moons", seed=0, settings=settings)
    w.resize(1500, 950)
    w.show()

    def spin_until(cond, timeout=20.0):
        t0 = time.perf_counter()
        while not cond() and time.perf_counter() - t0 < timeout:
            app.processEvents()
            time.sleep(0.002)

    spin_until(lambda: w.data_ready and w.compare.ready and w.controller.latest_snapshot is not None)
    print(f"### The window while models train (real MainWindow, offscreen, {seconds:g} s each)\n")
    print("| models | 16 ms timer lateness p50 (ms) | p99 (ms) | max (ms) | main model epochs/s |")
    print("|---:|---:|---:|---:|---:|")
    for k in (1, 4):
        while w.compare.n_models < k:
            n = w.compare.n_models
            w.experiments.side_by_side.add_fast_action.trigger()
            spin_until(lambda n=n: w.compare.n_models > n)
        w.controller.reset()
        spin_until(lambda: w.controller.latest_snapshot.epoch == 0)
        late = []
        last = [None]

        def tick(late=late, last=last):
            now = time.perf_counter()
            if last[0] is not None:
                late.append(max(0.0, now - last[0] - 0.016) * 1000)
            last[0] = now

        timer = QTimer()
        timer.setInterval(16)
        timer.timeout.connect(tick)
        w.controller.play()
        spin_until(lambda: w.controller.running, 5)
        e0, t0 = w.controller.latest_snapshot.epoch, time.perf_counter()
        timer.start()
        while time.perf_counter() - t0 < seconds:
            app.processEvents()
            time.sleep(0.0005)
        timer.stop()
        rate = (w.controller.latest_snapshot.epoch - e0) / (time.perf_counter() - t0)
        w.controller.pause()
        spin_until(lambda: not w.controller.running, 5)
        q = statistics.quantiles(late, n=100) if len(late) > 2 else [0] * 99
        print(f"| {k} | {q[49]:.2f} | {q[98]:.2f} | {max(late):.1f} | {rate:,.0f} |")
    w.close()
    print()


def million_epochs(total: int) -> None:
    print(f"### Memory over a real {total:,}-epoch run (2-2-1 tanh on 12 XOR points, float64, timeline on)\n")
    X, y = make_dataset("xor", 12, 0.1, 0)
    ds = Dataset.from_arrays(X, y, test_fraction=0.25, seed=0)
    s = TrainingSession(ds, ModelSpec(hidden_layer_sizes=(2,)), TrainSpec(learning_rate=0.1, dtype="float64"), seed=0)
    s.timeline = Timeline()
    s.timeline.restart(s)
    gc.collect()
    rss0 = _rss_mb()
    print("| epoch | timeline entries | timeline bytes (est.) | history (MB) | RSS (MB) |")
    print("|---:|---:|---:|---:|---:|")
    t0 = time.perf_counter()
    checkpoints = {total // 1000, total // 100, total // 10, total // 2, total}
    done = 0
    while done < total:
        chunk = min(10_000, total - done)
        s.step(chunk)
        done += chunk
        if any(done >= c > done - chunk for c in checkpoints):
            hist = sum(a.nbytes for a in s.history._data.values()) / 2**20
            print(
                f"| {done:,} | {len(s.timeline):,} | {s.timeline.nbytes() / 2**20:.2f} MB | "
                f"{hist:.1f} | {_rss_mb():.0f} (+{_rss_mb() - rss0:.0f}) |"
            )
    elapsed = time.perf_counter() - t0
    tl = s.timeline
    print(
        f"\n{total:,} epochs in {elapsed:.0f} s ({total / elapsed:,.0f} epochs/s); "
        f"timeline: {len(tl)} entries (limit {tl.limit}), "
        f"{tl.thinnings} thinnings, now recording every {tl.every} epochs. The history (4 float64 columns, "
        f"one row per epoch, not part of the benchmark) is the only part that grows with the run.\n"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.compare_bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--skip-window", action="store_true")
    args = parser.parse_args(argv)
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        trials = 3 if args.quick else 5
        print("## Issue #7: compare, timeline, landscape\n")
        timeline_cost(trials, 1000 if args.quick else 3000)
        side_by_side(trials, 500 if args.quick else 2000)
        if not args.skip_window:
            window_latency(3.0 if args.quick else 6.0)
        million_epochs(100_000 if args.quick else 1_000_000)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
