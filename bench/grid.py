"""Section 3: the boundary grid, milliseconds per ``TrainingSession.evaluate_grid``.

The view asks for the same bounds frame after frame, so the steady state is
what counts ("warm": the grid's input points are cached by the session and the
network's work arrays exist); "new bounds" is the first call after a pan or zoom
(the points are built again). Wall time here: this is latency the user sees.
"""

from __future__ import annotations

import statistics
import time

from bench.common import make_session, table

SIZES = (100, 200, 400)
BOUNDS = (-6.0, 6.0, -6.0, 6.0)
TARGET_MS = {("float32", 200): 1.0}


def measure(trials: int, quick: bool, log=print) -> dict:
    out = {}
    for dtype in ("float32", "float64"):
        session = make_session(1000, "sgd", dtype)
        session.step(200)
        for size in SIZES:
            repeat = (5 if quick else 15) * max(1, 400 // size)
            session.evaluate_grid(BOUNDS, size)  # warm: points cached, work arrays allocated
            warm = []
            for _ in range(max(trials, 5) * 3):
                start = time.perf_counter()
                for _ in range(repeat):
                    session.evaluate_grid(BOUNDS, size)
                warm.append((time.perf_counter() - start) / repeat)
            cold = []
            for k in range(max(trials, 5)):
                bounds = (BOUNDS[0] - 0.01 * (k + 1), *BOUNDS[1:])
                start = time.perf_counter()
                session.evaluate_grid(bounds, size)
                cold.append(time.perf_counter() - start)
            out[dtype, size] = {"warm": warm, "cold": cold}
            log(f"  [grid] {dtype} {size}²: {statistics.median(warm) * 1e3:.2f} ms")
    return out


def report(results: dict) -> str:
    rows = []
    for (dtype, size), r in results.items():
        warm = r["warm"]
        median = statistics.median(warm) * 1e3
        target = TARGET_MS.get((dtype, size))
        mark = "" if target is None else f" {'✅' if median <= target else '❌'} ≤ {target:g} ms"
        rows.append(
            [
                f"{size}² = {size * size:,}".replace(",", " ") + " points",
                dtype,
                f"**{median:.2f}** ({min(warm) * 1e3:.2f}–{max(warm) * 1e3:.2f}){mark}",
                f"{statistics.median(r['cold']) * 1e3:.2f}",
            ]
        )
    return "\n".join(
        [
            "### Boundary grid: `TrainingSession.evaluate_grid` (2-16-16-1 tanh, wall time)",
            "",
            'Milliseconds per call, median (min–max); "new bounds" includes building the points.',
            "",
            table(["grid", "dtype", "ms, same bounds", "ms, new bounds"], rows),
        ]
    )
