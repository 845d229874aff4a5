"""What every section shares: the task, the starting weights, timing and tables."""

from __future__ import annotations

import os
import platform
import statistics
import time
from dataclasses import dataclass

import numpy as np

#: The benchmark task: make_moons (noise 0.2), a 2-16-16-1 tanh network with a
#: sigmoid output and binary cross-entropy, full-batch training.
HIDDEN = (16, 16)
LAYER_SIZES = (2, *HIDDEN, 1)
NOISE = 0.2
SEED = 0
#: Learning rates: plain SGD as the issue says; Adam with a rate at which it is stable.
LEARNING_RATES = {"sgd": 0.1, "adam": 0.01}


def limit_blas_threads(n: int = 1):
    """One BLAS thread for everything that follows (NumPy, scikit-learn); returns the limiter."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=n)


def moons(n: int):
    """(X float64 (n, 2), y int64 (n,)) from scikit-learn's make_moons, always the same."""
    from sklearn.datasets import make_moons

    X, y = make_moons(n_samples=n, noise=NOISE, random_state=SEED)
    return X, y.astype(np.int64)


def initial_weights(seed: int = SEED):
    """(coefs, intercepts) float64 lists every implementation starts from (Glorot uniform)."""
    from model.nn.network import Network

    net = Network(LAYER_SIZES, "tanh", "classification", np.float64)
    net.init_weights(np.random.default_rng(seed), "glorot")
    return [W.copy() for W in net.coefs], [b.copy() for b in net.intercepts]


def make_session(n: int, optimizer: str = "sgd", dtype: str = "float32", X=None, y=None):
    """A TrainingSession on n moons (all of them training points) starting from ``initial_weights``, measuring
    its scores only after each ``step`` call: the libraries it is timed against measure nothing while they train
    (the measurements within a chunk, on in the app, are in the live section's figures)."""
    from model.data.dataset import Dataset
    from model.training.session import TrainingSession
    from model.training.specs import ModelSpec, TrainSpec

    if X is None:
        X, y = moons(n)
    dataset = Dataset.from_arrays(X, y, test_fraction=0.0)
    session = TrainingSession(
        dataset,
        ModelSpec(kind="mlp", hidden_layer_sizes=HIDDEN, activation="tanh", alpha=0.0),
        TrainSpec(
            optimizer=optimizer, learning_rate=LEARNING_RATES[optimizer], batch_size=None, shuffle=False, dtype=dtype
        ),
        seed=SEED,
    )
    session.measures_within_chunks = False
    coefs, intercepts = initial_weights()
    session.network.set_coefs(coefs, intercepts)
    session.optimizer.reset()
    return session


# -- timing ----------------------------------------------------------------------------------------
@dataclass
class Timing:
    """Repeated measurements of one quantity (per-trial values)."""

    values: list

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)


def interleaved(trials: int, contestants: dict, warmup: int = 1) -> dict:
    """Run every contestant once per trial, in a rotated order, ``trials`` times.

    ``contestants`` maps a name to a zero-argument function returning the value
    measured by that run (e.g. epochs per second). Returns name -> Timing. The
    rotation keeps a slow drift of the machine (clock, other load) from
    favouring whoever always runs first.
    """
    names = list(contestants)
    for _ in range(warmup):
        for name in names:
            contestants[name]()
    results = {name: [] for name in names}
    for trial in range(trials):
        shift = trial % len(names)
        for name in names[shift:] + names[:shift]:
            results[name].append(contestants[name]())
    return {name: Timing(values) for name, values in results.items()}


def epochs_per_cpu_second(runner, epochs: int):
    """A contestant for ``interleaved``: ``runner`` (of ``bench.runners``) prepared afresh, then timed over
    ``epochs`` epochs in CPU time; returns epochs per second."""

    def trial():
        runner.prepare()
        start = time.process_time()
        runner.run(epochs)
        return epochs / (time.process_time() - start)

    return trial


# -- printing --------------------------------------------------------------------------------------
def fmt_rate(value: float) -> str:
    """Epochs per second as 51.5k / 980."""
    if value >= 1000:
        return f"{value / 1000:.1f}k"
    return f"{value:.0f}"


def fmt_range(t: Timing, fmt=fmt_rate) -> str:
    return f"{fmt(t.median)} ({fmt(t.low)}–{fmt(t.high)})"


def trial_ratios(num: Timing, den: Timing) -> list[float]:
    """The per-trial ratios (trials are paired by index: each pair ran back to back)."""
    return [a / b for a, b in zip(num.values, den.values)]


def median_ratio(num: Timing, den: Timing) -> float:
    """The figure a ratio is reported and judged by: the median of the per-trial ratios."""
    return statistics.median(trial_ratios(num, den))


def fmt_ratio(num: Timing, den: Timing) -> str:
    """Median ratio with the range of per-trial ratios."""
    ratios = trial_ratios(num, den)
    return f"**{median_ratio(num, den):.2f}×** ({min(ratios):.2f}–{max(ratios):.2f})"


def table(header: list, rows: list) -> str:
    """A markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def machine_line() -> str:
    """One line describing where the figures come from."""
    from threadpoolctl import threadpool_info

    blas = [
        f"{i.get('internal_api')} {i.get('version')} ({i.get('architecture')})"
        for i in threadpool_info()
        if i.get("user_api") == "blas"
    ]
    return (
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, NumPy {np.__version__}, BLAS {', '.join(blas) or '?'}, "
        f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}"
    )


def load_line() -> str:
    """The machine's load right now: other processes share these CPUs."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPUs"
