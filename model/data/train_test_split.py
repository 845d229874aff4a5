"""The train/test split of a dataset: a random mask, stratified by class for classification.

Pure NumPy: this module must never import Qt.
"""

from __future__ import annotations

import math

import numpy as np


def _check_fraction(test_fraction: float) -> float:
    f = float(test_fraction)
    if not 0.0 <= f <= 1.0:
        raise ValueError(f"test_fraction must lie in [0, 1], got {test_fraction!r}")
    return f


def _class_quotas(counts: np.ndarray, n_test: int, fraction: float) -> np.ndarray:
    """How many test points to take from each class so the total is exactly n_test.

    Start from each class's proportional share, then move single points by
    largest remainder. A class with >= 2 points is kept in both sets when the
    total allows it; only otherwise are those bounds relaxed.
    """
    ideal = counts * fraction
    both = counts >= 2
    lo = np.where(both, 1, 0)
    hi = np.where(both, counts - 1, counts)
    if lo.sum() > n_test or hi.sum() < n_test:  # cannot keep every class on both sides
        lo, hi = np.zeros_like(counts), counts.copy()
    quota = np.clip(np.floor(ideal).astype(np.int64), lo, hi)
    while quota.sum() < n_test:
        gap = np.where(quota < hi, ideal - quota, -np.inf)
        quota[int(np.argmax(gap))] += 1
    while quota.sum() > n_test:
        gap = np.where(quota > lo, ideal - quota, np.inf)
        quota[int(np.argmin(gap))] -= 1
    return quota


def split_mask(y: np.ndarray, task: str, test_fraction: float, seed: int = 0) -> np.ndarray:
    """Random test mask with exactly round(test_fraction * n) True entries (halves round up).

    For classification the test points are drawn per class (stratified), so
    each class with at least two points appears in both train and test sets
    whenever the total number of test points allows it.

    Parameters
    ----------
    y : ndarray of shape (n_samples,)
    task : "classification" or "regression"
    test_fraction : float in [0, 1]
    seed : int, seeds ``np.random.default_rng``

    Returns
    -------
    is_test : ndarray of shape (n_samples,), bool
    """
    fraction = _check_fraction(test_fraction)
    y = np.asarray(y)
    n = y.shape[0]
    n_test = math.floor(fraction * n + 0.5)
    rng = np.random.default_rng(seed)
    mask = np.zeros(n, dtype=bool)
    if task == "regression" or n == 0:
        mask[rng.choice(n, size=n_test, replace=False)] = True
        return mask
    classes = np.unique(y)
    members = [np.flatnonzero(y == c) for c in classes]
    quotas = _class_quotas(np.array([len(m) for m in members]), n_test, fraction)
    for idx, q in zip(members, quotas):
        mask[rng.choice(idx, size=int(q), replace=False)] = True
    return mask
