"""Section 1: training throughput, epochs per second, side by side in one run.

Every implementation starts from the same weights and trains the same full-batch
epochs; one trial runs each of them once (in a rotated order), and the table
shows the median over the trials with the lowest and highest in brackets. Time
is the CPU time of this process (``time.process_time``): everything here runs
on one thread, and on a shared machine wall time would also count the turns of
other processes. Ratios are taken per trial (the same trial's figures divided)
and summarised the same way.
"""

from __future__ import annotations

import math

from bench.common import epochs_per_cpu_second, fmt_range, fmt_ratio, interleaved, median_ratio, table
from bench.runners import EstimatorRunner, SessionRunner, SklearnRunner, TorchRunner, torch_available

SIZES = (200, 1000, 10000)
#: Epochs per timed run, chosen so that the slowest contestant takes ~0.3-0.5 s.
EPOCHS = {200: 2000, 1000: 1000, 10000: 100}
QUICK_EPOCHS = {200: 500, 1000: 250, 10000: 25}

#: (numerator, denominator, targets for N = 200 / 1 000 / 10 000) of the speed targets.
TARGETS = [
    ("session float32", "PyTorch float32", (6, 4, 3)),
    ("session float32", "scikit-learn float32", (3.5, 2.5, 2.5)),
    ("session float64", "PyTorch float32", (4, 2, 1.2)),
    ("estimator float32", "PyTorch float32", (6, 4, 3)),
    ("estimator float32", "scikit-learn float32", (3.5, 2.5, 2.5)),
    ("estimator float64", "PyTorch float32", (4, 2, 1.2)),
]

LABELS = {
    "session float32": "`TrainingSession.step`, float32",
    "session float64": "`TrainingSession.step`, float64",
    "estimator float32": "our `MLPClassifier.fit`, float32",
    "estimator float64": "our `MLPClassifier.fit`, float64",
    "scikit-learn float32": "scikit-learn `MLPClassifier.fit`, float32",
    "scikit-learn float64": "scikit-learn `MLPClassifier.fit`, float64",
    "PyTorch float32": "PyTorch eager, float32, 1 thread",
}


def contestants(n, optimizer, notes):
    """name -> runner for one N; missing implementations are noted, not fatal."""
    runners = {
        "session float32": SessionRunner(n, optimizer, "float32"),
        "session float64": SessionRunner(n, optimizer, "float64"),
    }
    try:
        runners["estimator float32"] = EstimatorRunner(n, optimizer, "float32")
        runners["estimator float64"] = EstimatorRunner(n, optimizer, "float64")
    except ImportError as error:
        notes.add(f"our MLPClassifier skipped: {error}")
    runners["scikit-learn float32"] = SklearnRunner(n, optimizer, "float32")
    runners["scikit-learn float64"] = SklearnRunner(n, optimizer, "float64")
    ok, why = torch_available()
    if ok:
        runners["PyTorch float32"] = TorchRunner(n, optimizer, "float32")
    else:
        notes.add(f"PyTorch skipped (not importable: {why})")
    return runners


def measure(optimizer: str, trials: int, quick: bool, log=print) -> dict:
    """{n: {"rates": name -> Timing, "losses": name -> float, "epochs": E}} for one optimizer."""
    results, notes = {}, set()
    for n in SIZES:
        epochs = (QUICK_EPOCHS if quick else EPOCHS)[n]
        runners = contestants(n, optimizer, notes)
        rates = interleaved(trials, {name: epochs_per_cpu_second(r, epochs) for name, r in runners.items()})
        results[n] = {"rates": rates, "losses": {name: r.final_loss for name, r in runners.items()}, "epochs": epochs}
        log(f"  [{optimizer}] N={n}: " + ", ".join(f"{k} {v.median:.0f}/s" for k, v in rates.items()))
    results["notes"] = sorted(notes)
    return results


def report(optimizer: str, results: dict, trials: int, learning_rate: float) -> str:
    sizes = [n for n in SIZES if n in results]
    header_n = [f"N = {n:,}".replace(",", " ") for n in sizes]
    names = list(results[sizes[0]]["rates"])
    title = "SGD" if optimizer == "sgd" else "Adam"
    runs = ", ".join(f"{results[n]['epochs']} at N = {n}" for n in sizes)
    out = [
        f"### Training throughput: {title} (learning rate {learning_rate:g}), full batch",
        "",
        f"Epochs per second (CPU time), median of {trials} interleaved trials (min–max); epochs per timed run: {runs}.",
        "",
    ]
    out.append(
        table(
            ["implementation", *header_n],
            [[LABELS[name], *(fmt_range(results[n]["rates"][name]) for n in sizes)] for name in names],
        )
    )
    out += ["", "Ratios (per trial, median (min–max)) and the targets:", ""]
    rows = []
    for num, den, targets in TARGETS:
        if num not in names or den not in names:
            continue
        cells = []
        for n, target in zip(sizes, targets):
            rates = results[n]["rates"]
            ratio = fmt_ratio(rates[num], rates[den])
            # Judged by the figure shown (the median of the paired trials' ratios), not by the ratio of
            # the two medians, which can fall on the other side of a target when the machine's speed drifts.
            met = median_ratio(rates[num], rates[den]) >= target
            cells.append(f"{ratio} {'✅' if met else '❌'} ≥ {target:g}")
        rows.append([f"{LABELS[num]} / {LABELS[den]}", *cells])
    out.append(table(["ratio", *header_n], rows))
    out += ["", "Final training loss (the loss each reported for its last epoch):", ""]
    loss_rows = [[LABELS[name], *(f"{results[n]['losses'][name]:.7f}" for n in sizes)] for name in names]
    spread = []
    for n in sizes:
        values = [v for v in results[n]["losses"].values() if math.isfinite(v)]
        mid = sorted(values)[len(values) // 2]
        spread.append(f"{max(abs(v - mid) for v in values) / mid:.1e}")
    loss_rows.append(["largest relative difference from the median", *spread])
    out.append(table(["implementation", *header_n], loss_rows))
    for note in results.get("notes", []):
        out += ["", f"Note: {note}."]
    return "\n".join(out)
