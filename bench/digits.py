"""Section "digits": training throughput on the 64 inputs and ten classes of the digits, against scikit-learn.

    python -m bench.digits            # 9 interleaved trials per figure (~1-2 minutes)
    python -m bench --section digits  # the same, inside the whole run

The data: scikit-learn's ``load_digits``, all 1 797 images as training points, pixels divided by 16 (as the app
loads them, ``model.data.real_datasets``). Four settings: a 64-32-10 tanh network and a 64-10 softmax regression
(no hidden layer), each trained full batch and on mini-batches of 128 in order (no shuffling, so both sides see
the same batches); SGD at learning rate 0.1, no momentum, no penalty; softmax output and cross-entropy.

Contestants, from the same Glorot weights in the same run: the app's ``TrainingSession.step`` (float32, the app's
default, and float64) and scikit-learn's ``MLPClassifier.fit`` (float32 and float64: it trains in the dtype of X)
at its leanest (``alpha=0, shuffle=False, momentum=0, tol=0, n_iter_no_change=10**9``, warm-started from the
common weights). Timing as in the throughput section (``bench.throughput``): CPU time, one BLAS thread, trials
interleaved in a rotated order, medians with (min–max), ratios per trial. The table also gives each contestant's
final loss: the same start and the same updates must end at the same loss (to float32 rounding).
"""

from __future__ import annotations

import math
import sys
import warnings

import numpy as np

from bench.common import (
    epochs_per_cpu_second,
    fmt_range,
    fmt_ratio,
    interleaved,
    limit_blas_threads,
    load_line,
    machine_line,
    table,
)

LEARNING_RATE = 0.1
MINI_BATCH = 128
#: (label, hidden layers, batch size or None, epochs per timed run, quick epochs)
SETTINGS = (
    ("64-32-10, full batch", (32,), None, 300, 60),
    ("64-32-10, mini-batches of 128", (32,), MINI_BATCH, 40, 8),
    ("64-10, full batch", (), None, 600, 120),
    ("64-10, mini-batches of 128", (), MINI_BATCH, 80, 16),
)


def digits():
    """(X float64 (1797, 64) in [0, 1], y int64): every image, scaled as the app scales it."""
    from sklearn.datasets import load_digits

    bunch = load_digits()
    return np.asarray(bunch.data, dtype=np.float64) / 16.0, np.asarray(bunch.target, dtype=np.int64)


def initial_weights(hidden):
    """(coefs, intercepts) float64 every contestant starts from (Glorot uniform, seed 0)."""
    from model.nn.network import Network

    net = Network([64, *hidden, 10], "tanh", "classification", np.float64)
    net.init_weights(np.random.default_rng(0), "glorot")
    return [W.copy() for W in net.coefs], [b.copy() for b in net.intercepts]


class SessionRunner:
    """The app's ``TrainingSession.step(epochs)`` on the digits."""

    def __init__(self, X, y, hidden, batch, dtype):
        from model.data.dataset import Dataset

        self.dataset = Dataset.from_arrays(X, y, test_fraction=0.0, n_classes=10)
        self.hidden, self.batch, self.dtype = hidden, batch, dtype
        self.session = None
        self.final_loss = math.nan

    def prepare(self):
        from model.training.session import TrainingSession
        from model.training.specs import ModelSpec, TrainSpec

        spec = ModelSpec("mlp", self.hidden, "tanh") if self.hidden else ModelSpec("logistic")
        train = TrainSpec("sgd", LEARNING_RATE, momentum=0.0, batch_size=self.batch, shuffle=False, dtype=self.dtype)
        self.session = TrainingSession(self.dataset, spec, train, seed=0)
        self.session.measures_within_chunks = False  # as scikit-learn's fit: no measuring while it trains
        self.session.network.set_coefs(*initial_weights(self.hidden))
        self.session.optimizer.reset()

    def run(self, epochs):
        self.final_loss = self.session.step(epochs).loss


class SklearnRunner:
    """scikit-learn's ``MLPClassifier.fit``, warm-started from the common weights."""

    def __init__(self, X, y, hidden, batch, dtype):
        self.X, self.y = X.astype(dtype), y
        self.hidden, self.batch, self.dtype = hidden, batch, dtype
        self.model = None
        self.final_loss = math.nan

    def prepare(self):
        from sklearn.neural_network import MLPClassifier

        self.model = MLPClassifier(
            hidden_layer_sizes=self.hidden,
            activation="tanh",
            solver="sgd",
            alpha=0.0,
            batch_size=self.batch or self.X.shape[0],
            learning_rate_init=LEARNING_RATE,
            learning_rate="constant",
            momentum=0.0,
            nesterovs_momentum=False,
            shuffle=False,
            tol=0.0,
            n_iter_no_change=10**9,
            early_stopping=False,
            max_iter=1,
            random_state=0,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.model.fit(self.X, self.y)
        coefs, intercepts = initial_weights(self.hidden)
        self.model.coefs_ = [W.astype(self.dtype) for W in coefs]
        self.model.intercepts_ = [b.astype(self.dtype) for b in intercepts]
        self.model.set_params(warm_start=True)

    def run(self, epochs):
        self.model.set_params(max_iter=epochs)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ConvergenceWarning: max_iter reached, as intended
            self.model.fit(self.X, self.y)
        self.final_loss = float(self.model.loss_curve_[-1])


NAMES = {
    "session float32": "`TrainingSession.step`, float32",
    "session float64": "`TrainingSession.step`, float64",
    "scikit-learn float32": "scikit-learn `MLPClassifier.fit`, float32",
    "scikit-learn float64": "scikit-learn `MLPClassifier.fit`, float64",
}


def measure(trials: int, quick: bool, log=print) -> list:
    """[(label, epochs, {name: Timing}, {name: final loss})] for every setting."""
    X, y = digits()
    results = []
    for label, hidden, batch, epochs, quick_epochs in SETTINGS:
        n_epochs = quick_epochs if quick else epochs
        runners = {
            "session float32": SessionRunner(X, y, hidden, batch, "float32"),
            "session float64": SessionRunner(X, y, hidden, batch, "float64"),
            "scikit-learn float32": SklearnRunner(X, y, hidden, batch, "float32"),
            "scikit-learn float64": SklearnRunner(X, y, hidden, batch, "float64"),
        }
        log(f"digits {label}: {n_epochs} epochs x {trials} trials")
        rates = interleaved(trials, {name: epochs_per_cpu_second(r, n_epochs) for name, r in runners.items()})
        results.append((label, n_epochs, rates, {name: r.final_loss for name, r in runners.items()}))
    return results


def report(results, trials: int) -> str:
    out = [
        "### Digits: 1 797 images of 64 pixels, ten classes (epochs/s, CPU time)",
        "",
        f"SGD at learning rate {LEARNING_RATE}, no momentum, mini-batches of {MINI_BATCH} in order; "
        f"median of {trials} interleaved trials (min–max).",
        "",
    ]
    rows = []
    for label, epochs, rates, losses in results:
        reference = losses["session float64"]
        for name, timing in rates.items():
            rows.append(
                [label if name == "session float32" else "", NAMES[name], fmt_range(timing), f"{losses[name]:.6f}"]
            )
        worst = max(abs(v - reference) / abs(reference) for v in losses.values())
        rows.append(["", f"*largest relative loss difference after {epochs} epochs*", "", f"{worst:.1e}"])
    out.append(table(["setting", "implementation", "epochs/s", "final loss"], rows))
    out += ["", "Ratios (per trial):", ""]
    ratio_rows = [
        [
            label,
            fmt_ratio(rates["session float32"], rates["scikit-learn float32"]),
            fmt_ratio(rates["session float64"], rates["scikit-learn float64"]),
            fmt_ratio(rates["session float32"], rates["scikit-learn float64"]),
        ]
        for label, _, rates, _ in results
    ]
    out.append(
        table(
            [
                "setting",
                "float32 / scikit-learn float32",
                "float64 / scikit-learn float64",
                "float32 / scikit-learn float64",
            ],
            ratio_rows,
        )
    )
    return "\n".join(out)


def run(trials: int, quick: bool, log=print) -> str:
    """The section as markdown (for ``python -m bench``)."""
    return report(measure(trials, quick, log), trials)


def main(argv=None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.digits", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 trials, fewer epochs")
    parser.add_argument("--trials", type=int, default=None)
    args = parser.parse_args(argv)
    trials = args.trials or (3 if args.quick else 9)
    with limit_blas_threads(1):
        print(machine_line())
        print(f"start: {load_line()}")
        text = run(trials, args.quick, lambda m: print(m, file=sys.stderr, flush=True))
        print(f"end: {load_line()}\n")
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
