"""Section 2: the limit, a floor for one epoch of this work on this machine.

floor = (NumPy calls per epoch) × (cost of one trivial NumPy call)
      + (matrix FLOPs per epoch) / (matrix-multiply rate)

* The calls are counted, not guessed: ``bench.ncalls`` runs the session with
  counting arrays (every ufunc, in-place operator, reduction and ``np.dot`` on a
  model array counts one).
* A trivial call is the median cost of a panel of calls on 1-element arrays
  (multiply, tanh, a 1×1 ``np.dot``, ``.sum()``): what a call costs
  when it has no data to work on. Each is the best of several timings (CPU
  time), as is the rate below: a floor wants the machine at its best.
* The FLOPs are the products' 2·m·k·n: forward ``[x 1]·[W; b]`` (the bias in
  the product), ``[dW; db] = [x 1]ᵀ·delta`` and dx (not for the first layer).
* The rate is measured on this network's main product at that N, written as
  the layer writes it (17×16 times 17×N, one BLAS thread).

The floor leaves out the element-wise work (tanh, its derivative, the loss),
so no implementation can reach it; at large N that work is a
large share of the epoch. A second reference shows what that work costs: the
same NumPy calls as the session, as one straight script with no Python
structure around them (``straight_line_epoch``); the session's fraction of it is
what its own Python costs.
"""

from __future__ import annotations

import functools
import itertools
import statistics
import time
import timeit

import numpy as np

from bench.common import LAYER_SIZES, fmt_rate, make_session, table
from bench.ncalls import calls_per_epoch
from model.nn.blas import remainder_rows_cost_a_block
from model.nn.layers import BROADCAST_OUTER_FROM, ROWWISE_REMAINDER_FROM

SIZES = (200, 1000, 10000)


def trivial_call_seconds(dtype) -> dict:
    """Seconds per call of each trivial call in the panel, and their median.

    Each is timed by ``timeit`` (the statement inlined in its loop) in CPU time,
    and the best of several repeats is kept: a floor wants the cost without
    interference from other processes.
    """
    names = {
        "a": np.ones(1, dtype),
        "b": np.ones(1, dtype),
        "c": np.empty(1, dtype),
        "A": np.ones((1, 1), dtype),
        "B": np.ones((1, 1), dtype),
        "C": np.empty((1, 1), dtype),
        "np": np,
    }
    # Not in place: on a 1-element array NumPy's overlap check makes ``np.multiply(a, b,
    # out=a)`` three times slower (0.7 µs) than on 16 elements, an artefact of size 1.
    panel = ("np.multiply(a, b, out=c)", "np.tanh(b, out=c)", "np.dot(A, B, out=C)", "a.sum()")
    costs = {stmt: _best(stmt, names, number=20000) for stmt in panel}
    costs["median"] = statistics.median(costs.values())
    return costs


def _best(stmt, names, number, repeat=9) -> float:
    """Best CPU seconds per execution of ``stmt`` over ``repeat`` runs of ``number``."""
    return min(timeit.repeat(stmt, globals=names, number=number, repeat=repeat, timer=time.process_time)) / number


def matmul_flops(n: int, sizes=LAYER_SIZES) -> int:
    """Matrix FLOPs of one full-batch epoch: forward [x 1]·[W; b], [dW; db] = [x 1]ᵀ·delta,
    and dx = delta·Wᵀ (layers after the first)."""
    pairs = list(itertools.pairwise(sizes))
    forward = sum(2 * n * (i + 1) * o for i, o in pairs)
    weight_grads = forward
    input_grads = sum(2 * n * i * o for i, o in pairs[1:])
    return forward + weight_grads + input_grads


def matmul_rate(n: int, dtype, width: int = 16) -> float:
    """FLOP/s of the hidden layer's product at batch n, as the layer writes it (best of 9)."""
    rng = np.random.default_rng(0)
    names = {
        "np": np,
        "Wb": rng.standard_normal((width + 1, width)).astype(dtype),
        "x1": np.asfortranarray(rng.standard_normal((n, width + 1)).astype(dtype)),
        "z": np.empty((n, width), dtype, order="F"),
    }
    seconds = _best("np.dot(Wb.T, x1.T, out=z.T)", names, number=max(20, 400000 // n))
    return 2 * n * (width + 1) * width / seconds


def peak_rate(dtype, size: int = 512) -> float:
    """FLOP/s of a large square product (for reference: the best BLAS does here)."""
    names = {"np": np, "a": np.ones((size, size), dtype), "c": np.empty((size, size), dtype)}
    return 2 * size**3 / _best("np.dot(a, a, out=c)", names, number=5, repeat=7)


def straight_line_epoch(session):
    """One epoch of ``session`` (SGD or Adam, 2-16-16-1 tanh, sigmoid + BCE) as a flat run
    of the same NumPy calls, returning the epoch function and nothing else.

    Shares the session's parameters, data and optimizer settings; it updates the
    parameters like the session does (checked by ``check_straight_line``).
    """
    net = session.network
    data = session._train_batch()
    X1, sign, clip_sign, ones = data.inputs, *data.binary
    n, dt = X1.shape[0], net.dtype
    params, grads = net.params, net.grads
    (Wb1, Wb2, Wb3), (dWb1, dWb2, dWb3) = [L.Wb for L in net.layers], [L.dWb for L in net.layers]
    W2, W3 = net.layers[1].W, net.layers[2].W
    F = dict(dtype=dt, order="F")
    h1, h2 = np.ones((n, 17), **F), np.ones((n, 17), **F)  # activations and the ones column
    a1, a2 = h1[:, :16], h2[:, :16]
    d1, d2, g1, g2 = (np.empty((n, 16), **F) for _ in range(4))
    z3, e3, t3 = (np.empty((n, 1), dt) for _ in range(3))
    backup, work = np.empty_like(params), np.empty_like(params)
    rowwise = n >= ROWWISE_REMAINDER_FROM and remainder_rows_cost_a_block()  # as the layers split [dW; db]
    h1T16, dW2_16, ones1, db2 = h1.T[:16], dWb2[:16], h1[:, 16], dWb2[16]
    X1_cols, dWb1_rows = [X1[:, i] for i in range(3)], [dWb1[i] for i in range(3)]
    scale = -0.5 / n  # the output delta is -2·(p - y)
    opt = session.optimizer
    lr = opt.learning_rate
    adam = type(opt).__name__ == "Adam"
    if adam:
        m, v = np.zeros_like(params), np.zeros_like(params)
        b1_, b2_, eps_ = opt.beta_1, opt.beta_2, opt.epsilon
        t = [0]

    def epoch():
        backup[...] = params
        np.dot(Wb1.T, X1.T, out=a1.T)
        np.tanh(a1, out=a1)
        np.dot(Wb2.T, h1.T, out=a2.T)
        np.tanh(a2, out=a2)
        np.dot(Wb3.T, h2.T, out=z3.T)
        np.multiply(z3, -0.5, out=e3)
        np.tanh(e3, out=e3)
        np.subtract(e3, sign, out=e3)
        np.multiply(e3, clip_sign, out=t3)
        np.log1p(t3, out=t3)
        loss = -float(np.vdot(ones, t3)) / n
        np.dot(h2.T, e3, out=dWb3)
        if n >= BROADCAST_OUTER_FROM:
            np.multiply(W3, e3.T, out=g2.T)
        else:
            np.dot(W3, e3.T, out=g2.T)
        np.multiply(a2, a2, out=d2)
        np.subtract(1, d2, out=d2)
        np.multiply(g2, d2, out=g2)
        if rowwise:
            np.dot(h1T16, g2, out=dW2_16)
            np.dot(g2.T, ones1, out=db2)
        else:
            np.dot(h1.T, g2, out=dWb2)
        np.dot(W2, g2.T, out=g1.T)
        np.multiply(a1, a1, out=d1)
        np.subtract(1, d1, out=d1)
        np.multiply(g1, d1, out=g1)
        if rowwise:
            g1T = g1.T
            np.dot(g1T, X1_cols[0], out=dWb1_rows[0])
            np.dot(g1T, X1_cols[1], out=dWb1_rows[1])
            np.dot(g1T, X1_cols[2], out=dWb1_rows[2])
        else:
            np.dot(X1.T, g1, out=dWb1)
        np.multiply(grads, scale, out=grads)
        if adam:
            t[0] += 1
            np.multiply(m, b1_, out=m)
            np.multiply(grads, 1 - b1_, out=work)
            np.add(m, work, out=m)
            np.multiply(v, b2_, out=v)
            np.multiply(grads, grads, out=work)
            np.multiply(work, 1 - b2_, out=work)
            np.add(v, work, out=v)
            lr_t = lr * (1 - b2_ ** t[0]) ** 0.5 / (1 - b1_ ** t[0])
            np.sqrt(v, out=work)
            np.add(work, eps_, out=work)
            np.divide(m, work, out=work)
            np.multiply(work, lr_t, out=work)
            np.subtract(params, work, out=params)
        else:
            np.multiply(grads, lr, out=work)
            np.subtract(params, work, out=params)
        np.dot(params, params)
        return loss

    return epoch


def check_straight_line(n: int, optimizer: str, dtype: str, epochs: int = 50) -> float:
    """Relative difference of the straight script's loss from the session's after some epochs."""
    a, b = make_session(n, optimizer, dtype), make_session(n, optimizer, dtype)
    epoch = straight_line_epoch(b)
    result = a.step(epochs)
    for _ in range(epochs):
        loss = epoch()
    return abs(loss - result.loss) / abs(result.loss)


def straight_line_rate(n: int, optimizer: str, dtype: str, trials: int, epochs: int) -> list:
    epoch = straight_line_epoch(make_session(n, optimizer, dtype))
    rates = []
    for _ in range(trials):
        start = time.process_time()
        for _ in range(epochs):
            epoch()
        rates.append(epochs / (time.process_time() - start))
    return rates


def measure(throughput: dict, trials: int, quick: bool, log=print) -> dict:
    """The floor per (optimizer, dtype, N), with the calls counted and the costs measured."""
    out = {"trivial": {}, "rate": {}, "peak": {}, "calls": {}, "floor": {}, "straight": {}, "check": {}}
    for dtype in ("float32", "float64"):
        out["trivial"][dtype] = trivial_call_seconds(np.dtype(dtype))
        out["peak"][dtype] = peak_rate(np.dtype(dtype))
        for n in SIZES:
            out["rate"][dtype, n] = matmul_rate(n, np.dtype(dtype))
    for optimizer in throughput:
        for dtype in ("float32", "float64"):
            for n in SIZES:
                counts = calls_per_epoch(functools.partial(make_session, n, optimizer, dtype))
                out["calls"][optimizer, dtype, n] = counts
                calls = sum(counts.values())
                floor = calls * out["trivial"][dtype]["median"] + matmul_flops(n) / out["rate"][dtype, n]
                out["floor"][optimizer, dtype, n] = floor
                epochs = max(20, int((0.05 if quick else 0.2) / floor / 4))
                out["straight"][optimizer, dtype, n] = straight_line_rate(
                    n, optimizer, dtype, 3 if quick else 5, epochs
                )
                out["check"][optimizer, dtype, n] = check_straight_line(n, optimizer, dtype)
        log(
            f"  [limit] {optimizer}: "
            + " / ".join(str(sum(out["calls"][optimizer, "float32", n].values())) for n in SIZES)
            + " NumPy calls per epoch"
        )
    return out


def report(limit: dict, throughput: dict) -> str:
    sizes = SIZES
    header_n = [f"N = {n:,}".replace(",", " ") for n in sizes]
    lines = ["### The limit", ""]
    # What was counted and measured.
    for optimizer in throughput:
        listings = []
        for n in sizes:
            counts = limit["calls"][optimizer, "float32", n]
            listing = ", ".join(f"{name} {k}" for name, k in sorted(counts.items(), key=lambda x: -x[1]))
            listings.append(f"**{sum(counts.values())}** at N = {n} ({listing})")
        lines.append(
            f"- {optimizer.upper() if optimizer == 'sgd' else 'Adam'}, NumPy calls per "
            f"epoch: " + "; ".join(listings) + "."
        )
    for dtype in ("float32", "float64"):
        trivial = limit["trivial"][dtype]
        panel = ", ".join(f"`{k}` {v * 1e6:.2f}" for k, v in trivial.items() if k != "median")
        rates = ", ".join(f"{limit['rate'][dtype, n] / 1e9:.0f} at N = {n}" for n in sizes)
        lines.append(
            f"- {dtype}: one trivial call **{trivial['median'] * 1e6:.2f} µs** "
            f"(median of {panel} µs); matrix-multiply rate (GFLOP/s, [W; b]ᵀ 16×17 by 17×N) "
            f"{rates}; a 512³ product reaches {limit['peak'][dtype] / 1e9:.0f}."
        )
    lines.append(
        "- Matrix FLOPs per epoch: " + ", ".join(f"{matmul_flops(n) / 1e6:.2f} M at N = {n}" for n in sizes) + "."
    )
    lines.append("")
    for optimizer, results in throughput.items():
        title = "SGD" if optimizer == "sgd" else "Adam"
        rows = []
        for dtype in ("float32", "float64"):
            floors = [limit["floor"][optimizer, dtype, n] for n in sizes]
            rows.append(
                [
                    f"**floor, {dtype}** (calls × trivial call + FLOPs / rate)",
                    *(f"{f * 1e6:.1f} µs = {fmt_rate(1 / f)}/s" for f in floors),
                ]
            )
        for dtype in ("float32", "float64"):
            cells = []
            for n in sizes:
                rate = statistics.median(limit["straight"][optimizer, dtype, n])
                cells.append(
                    f"{fmt_rate(rate)}/s: {rate * limit['floor'][optimizer, dtype, n]:.0%}"
                    f" (loss check {limit['check'][optimizer, dtype, n]:.0e})"
                )
            rows.append([f"same NumPy calls as one straight script, {dtype}", *cells])
        names = list(results[sizes[0]]["rates"])
        for name in names:
            dtype = "float64" if "float64" in name else "float32"
            cells = []
            for n in sizes:
                rate = results[n]["rates"][name].median
                fraction = rate * limit["floor"][optimizer, dtype, n]
                target = 0.85 if n <= 1000 else 0.70
                mark = (
                    f" {'✅' if fraction >= target else '❌'} ≥ {target:.0%}"
                    if name.startswith("session float32")
                    else ""
                )
                cells.append(f"{fraction:.0%}{mark}")
            rows.append([name, *cells])
        lines += [
            f"Fraction of the floor reached ({title}; an implementation's epochs/s × the "
            f"floor's seconds per epoch; each against the floor of its own dtype):",
            "",
            table(["", *header_n], rows),
            "",
        ]
    return "\n".join(lines)
