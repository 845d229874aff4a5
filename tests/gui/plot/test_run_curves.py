"""A run's curves reduced to pixel columns (``column_peaks``): the same points as the obvious column-by-column
reduction, and a spike still drawn."""

from __future__ import annotations

import itertools
import types

import numpy as np
import pytest

from gui.plot.run_curves import column_peaks


def _column_by_column(x, y, left, right, columns, log_x):
    """``column_peaks`` written out one column at a time, as its docstring says it."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if log_x:
        x, y = x[x > 0], y[x > 0]
    if x.size <= 2 or columns <= 0 or not right > left:
        return x, y
    per_unit = columns / (right - left)
    pos = np.log10(x) if log_x else x
    column = np.floor((pos - left) * per_unit)
    bounds = [0] + [i for i in range(1, x.size) if column[i] != column[i - 1]] + [x.size]
    if len(bounds) - 1 == x.size:
        return x, y
    out = []
    for a, b in itertools.pairwise(bounds):
        if b - a == 1:
            out.append((x[a], y[a]))
            continue
        values = y[a:b][~np.isnan(y[a:b])]
        high, low = (values.max(), values.min()) if values.size else (np.nan, np.nan)
        centre = left + (column[a] + 0.5) / per_unit
        centre = 10.0**centre if log_x else centre
        centre = x[0] if a == 0 else min(max(centre, x[0]), x[-1])
        pair = [(centre, low), (centre, high)] if y[b - 1] > y[a] else [(centre, high), (centre, low)]
        out.extend(pair)
    if out[-1][0] != x[-1] or out[-1][1] != y[-1]:
        out.append((x[-1], y[-1]))
    return np.array([p[0] for p in out]), np.array([p[1] for p in out])


@pytest.mark.parametrize("seed", range(8))
def test_each_column_keeps_its_lowest_and_highest_value_in_the_order_the_line_visits_them(seed):
    """Random lines (NaN where a test loss was not measured yet, spikes, epochs from 0 on a log axis) in random
    views: the fast reduction gives exactly the column-by-column one."""
    rng = np.random.default_rng(seed)
    for _ in range(25):
        n = int(rng.integers(1, 3000))
        x = np.cumsum(rng.uniform(0.01, 3.0, n)) - 1.0
        y = 0.5 + 0.1 * rng.standard_normal(n)
        y[rng.random(n) < 0.05] = np.nan
        y[rng.random(n) < 0.02] *= 40
        if rng.random() < 0.1:
            y[-1] = np.nan
        log_x = bool(rng.integers(2))
        top = float(np.log10(max(x[-1], 2.0))) + 0.3 if log_x else float(x[-1]) * 1.2 + 1
        view = (top * rng.uniform(-0.2, 0.5), top, int(rng.integers(1, 600)), log_x)
        got, want = column_peaks(x, y, *view), _column_by_column(x, y, *view)
        np.testing.assert_allclose(got[0], want[0], rtol=1e-14)  # 10**x of an array may round otherwise
        np.testing.assert_array_equal(got[1], want[1])  # NaN where NaN


def test_a_spike_in_the_new_epochs_is_drawn_with_the_columns_low(make_curves_view):
    """What a person checks: a one-epoch spike of the loss that arrives in a later frame shows in the drawn
    line, at its height, and so does the lowest value near it, each about where it happened."""
    view = make_curves_view(800, 300)
    view.set_log_epochs(False)
    epoch = np.arange(1.0, 20_001.0)
    loss = 0.5 + 0.05 * np.cos(epoch / 50.0)
    curves = {"epoch": epoch, "train_loss": loss, "test_loss": loss, "train_score": loss, "test_score": loss}

    def frame(n):
        part = {key: v[:n] for key, v in curves.items()}
        last = {key: float(v[-1]) for key, v in part.items()}
        view.show_snapshot(types.SimpleNamespace(curves=part, task="classification", session_id=0, **last))
        view.grab()
        return view.run().train_loss

    frame(15_000)
    loss[15_100] = 9.0  # a spike and, three epochs later, a dip
    loss[15_103] = 0.01
    item = frame(15_300)
    x, y = item.xData, item.yData
    assert y.max() == 9.0 and y.min() == 0.01
    (left, right), width = view.loss_plot.vb.viewRange()[0], view.loss_plot.vb.width()
    column = (right - left) / width  # epochs a pixel column
    assert abs(x[np.argmax(y)] - 15_101) <= column and abs(x[np.argmin(y)] - 15_104) <= column
