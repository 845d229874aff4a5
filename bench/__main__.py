"""``python -m bench``: every section of issue #6, printed as markdown tables.

    python -m bench                      # all sections (~5-8 minutes)
    python -m bench --quick              # a short run, fewer trials (~1-2 minutes)
    python -m bench --section throughput # one section: throughput, limit, grid, drawing, live, startup

Progress goes to stderr, the tables to stdout (paste them into bench/README.md).
"""

from __future__ import annotations

import argparse
import sys
import time

SECTIONS = ("throughput", "limit", "grid", "drawing", "live", "startup")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="short run: fewer trials and epochs")
    parser.add_argument("--section", choices=SECTIONS, action="append",
                        help="run only this section (repeatable)")
    parser.add_argument("--trials", type=int, default=None, help="interleaved trials per figure")
    args = parser.parse_args(argv)
    sections = args.section or list(SECTIONS)
    trials = args.trials or (3 if args.quick else 7)

    def log(message):
        print(message, file=sys.stderr, flush=True)

    from bench.common import LEARNING_RATES, limit_blas_threads, load_line, machine_line
    # One BLAS thread for us and scikit-learn (PyTorch: torch.set_num_threads(1)).
    # Kept for the whole run: the drawing and live sections measure the app as it runs,
    # and its training worker uses one BLAS thread too.
    limiter = limit_blas_threads(1)  # noqa: F841
    started = time.perf_counter()
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
    if "drawing" in sections:
        from bench import drawing as section
        log("drawing ...")
        print(section.run(trials, args.quick, log))
        print()
    if "live" in sections:
        from bench import live as section
        log("live ...")
        print(section.run(trials, args.quick, log))
        print()
    if "startup" in sections:
        from bench import startup as section
        log("startup ...")
        print(section.run(trials, args.quick, log))
        print()
    print(f"At the end: {load_line()}; {time.perf_counter() - started:.0f} s in all.")
    log(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
