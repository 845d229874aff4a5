"""A training process's start: seconds from asking for a ``SessionProxy`` to its session built and answering.

Each window trains in a child process, and a new one is started for a restart after the process died, for every
window opened and for every test window. Two ways of starting it, alternated in one run:

- **spawn**: a new interpreter that imports NumPy, scikit-learn and the models (what every start cost before);
- **fork server** (``gui.training.child_processes``): forked from a server that imported them once. Its first
  start includes starting the server (itself a new interpreter importing the same); the later ones are forks.
"""

from __future__ import annotations

import multiprocessing
import statistics
import time

from gui.training import child_processes
from gui.training.session_process import SessionProxy
from model.data.generators import make
from model.training.specs import ModelSpec, TrainSpec


def _start_and_close(data) -> float:
    started = time.perf_counter()
    proxy = SessionProxy("session", data, ModelSpec(hidden_layer_sizes=(8,)), TrainSpec(), 0)
    proxy.step(1)
    seconds = time.perf_counter() - started
    proxy.close()
    return seconds


def run(trials: int, quick: bool, log) -> str:
    data = make("moons", n_samples=200, noise=0.2, seed=0)
    spawn = multiprocessing.get_context("spawn")
    forkserver = child_processes._make_context(["forkserver"])
    times: dict[str, list[float]] = {"spawn": [], "fork server": []}
    first = None
    for trial in range(trials):
        for name, ctx in (("fork server", forkserver), ("spawn", spawn)):
            child_processes._context = ctx
            seconds = _start_and_close(data)
            if name == "fork server" and first is None:
                first = seconds  # the server's own start, once
            else:
                times[name].append(seconds)
        log(f"  trial {trial + 1}/{trials}")
    child_processes._context = None
    lines = [
        "### A training process's start (`--section process_start`)\n",
        "| started by | first | then: median (min–max) |",
        "|---|---|---|",
        f"| fork server | {first:.3f} s (the server's start) | {_summary(times['fork server'])} |",
        f"| spawn | {times['spawn'][0]:.3f} s | {_summary(times['spawn'][1:])} |",
    ]
    return "\n".join(lines)


def _summary(values: list[float]) -> str:
    if not values:
        return "–"
    return f"{statistics.median(values):.3f} s ({min(values):.3f}–{max(values):.3f})"
