"""What measuring the test loss and scores within a chunk costs the training (`python -m bench.measured_epochs`).

The live section's session (2-16-16-1 tanh, full-batch SGD, float32) trains its first E epochs in the chunks the
window's training process runs them in (sized to ``CHILD_PROCESS.chunk_target_s`` of training, as the worker
sizes them), once measuring within its chunks (``model.training.measured_epochs``, the app's way) and once only
after each chunk (before). CPU time, one BLAS thread, interleaved trials (median and min–max): on a shared machine
CPU time does not count other processes' turns, which moved the live section's wall-time shares by tens of points.
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench.app import dataset, model_spec, train_spec
from bench.common import table

RUNS = ((200, 3000), (1000, 3000), (1000, 30_000), (10_000, 1000))


def _train(n: int, epochs: int, within: bool) -> tuple[float, int]:
    """CPU seconds for the first ``epochs`` epochs in the worker's chunks, and the measurements made."""
    from model.training.contract import CHILD_PROCESS
    from model.training.session import TrainingSession

    session = TrainingSession(dataset(n), model_spec(), train_spec(), seed=0)
    session.measures_within_chunks = within
    session.step(1)
    chunk, done, busy = 1.0, 1, 0.0
    while done < epochs:
        size = min(int(chunk), epochs - done)
        started = time.process_time()
        session.step(size)
        spent = time.process_time() - started
        busy += spent
        done += size
        chunk = max(1.0, 0.5 * chunk + 0.5 * CHILD_PROCESS.chunk_target_s / max(spent / size, 1e-9))
    return busy, int(session.history.measured().sum())


def main() -> None:
    from threadpoolctl import threadpool_limits

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=5)
    args = parser.parse_args()
    rows = []
    with threadpool_limits(1):
        for n, epochs in RUNS:
            times: dict[bool, list[float]] = {False: [], True: []}
            counts = {}
            for trial in range(args.trials):
                for within in (trial % 2 == 0, trial % 2 == 1):
                    seconds, counts[within] = _train(n, epochs, within)
                    times[within].append(seconds)
            ratios = [a / b for a, b in zip(times[True], times[False])]
            rows.append(
                [
                    f"{n:,}",
                    f"{epochs:,}",
                    f"{counts[False]} / {counts[True]}",
                    f"{1e3 * statistics.median(times[False]):.0f} ms",
                    f"{1e3 * statistics.median(times[True]):.0f} ms",
                    f"**{100 * (statistics.median(ratios) - 1):+.1f} %** ({100 * (min(ratios) - 1):+.1f} to "
                    f"{100 * (max(ratios) - 1):+.1f})",
                ]
            )
    print(
        table(
            [
                "points",
                "epochs",
                "measured epochs: after chunks / within too",
                "CPU, after chunks only",
                "CPU, within too",
                "cost",
            ],
            rows,
        )
    )


if __name__ == "__main__":
    main()
