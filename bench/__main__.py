"""``python -m bench``: every section, printed as markdown tables.

    python -m bench                      # all sections (~5-8 minutes)
    python -m bench --quick              # a short run, fewer trials (~1-2 minutes)
    python -m bench --section throughput # one section: throughput, limit, grid, digits, drawing, live, startup,
                                         # process_start

Progress goes to stderr, the tables to stdout (paste them into bench/README.md).
"""

from __future__ import annotations

import argparse
import importlib
import signal
import subprocess
import sys
import time

SECTIONS = ("throughput", "limit", "grid", "digits", "drawing", "live", "startup", "process_start")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="short run: fewer trials and epochs")
    parser.add_argument("--section", choices=SECTIONS, action="append", help="run only this section (repeatable)")
    parser.add_argument("--trials", type=int, default=None, help="interleaved trials per figure")
    parser.add_argument("--bare", action="store_true", help=argparse.SUPPRESS)  # a child: no header
    args = parser.parse_args(argv)
    sections = args.section or list(SECTIONS)
    trials = args.trials or (3 if args.quick else 9)

    def log(message):
        print(message, file=sys.stderr, flush=True)

    from bench.common import LEARNING_RATES, limit_blas_threads, load_line, machine_line

    # One BLAS thread for us and scikit-learn (PyTorch: torch.set_num_threads(1)).
    # Kept for the whole run: the drawing and live sections measure the app as it runs,
    # and its training worker uses one BLAS thread too.
    limiter = limit_blas_threads(1)  # noqa: F841
    started = time.perf_counter()
    if not args.bare:
        print(f"## Benchmarks (`python -m bench{' --quick' if args.quick else ''}`)\n")
        print(f"Machine: {machine_line()}. {trials} trials per figure. At the start: {load_line()}.\n")

    throughput = {}
    if "throughput" in sections or "limit" in sections:
        from bench import throughput as section

        for optimizer in ("sgd", "adam"):
            log(f"throughput, {optimizer} ...")
            throughput[optimizer] = section.measure(optimizer, trials, args.quick, log)
        if "throughput" in sections:
            for optimizer, results in throughput.items():
                print(section.report(optimizer, results, trials, LEARNING_RATES[optimizer]))
                print()
    if "limit" in sections:
        from bench import limit as section

        log("limit ...")
        print(section.report(section.measure(throughput, trials, args.quick, log), throughput))
        print()
    if "grid" in sections:
        from bench import grid as section

        log("grid ...")
        print(section.report(section.measure(trials, args.quick, log)))
        print()
    if "digits" in sections:
        from bench import digits as section

        log("digits ...")
        print(section.run(trials, args.quick, log))
        print()
    for name in ("drawing", "live"):
        if name in sections:
            if args.bare:  # already in a child process of its own
                section = importlib.import_module(f"bench.{name}")
                print(section.run(trials, args.quick, log))
            else:
                log(f"{name} (in a process of its own) ...")
                print(_in_child(name, trials, args.quick))
            print()
    if "startup" in sections:
        from bench import startup as section

        log("startup ...")
        print(section.run(trials, args.quick, log))
        print()
    if "process_start" in sections:
        from bench import process_start as section

        log("process_start ...")
        print(section.run(trials, args.quick, log))
        print()
    if not args.bare:
        print(f"At the end: {load_line()}; {time.perf_counter() - started:.0f} s in all.")
    log(f"done in {time.perf_counter() - started:.0f} s")
    return 0


def _in_child(name: str, trials: int, quick: bool) -> str:
    """Run a GUI section in a process of its own: one main window per process, and a
    crash of the app (Qt aborts, segfaults) is reported instead of ending the whole run."""
    command = [sys.executable, "-m", "bench", "--bare", "--section", name, "--trials", str(trials)]
    if quick:
        command.append("--quick")
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    if result.returncode != 0:
        how = (
            f"signal {signal.Signals(-result.returncode).name}"
            if result.returncode < 0
            else f"exit code {result.returncode}"
        )
        return (
            result.stdout.strip() + "\n\n" if result.stdout.strip() else ""
        ) + f"**The {name} section's process failed ({how}).**"
    return result.stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
