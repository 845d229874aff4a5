"""Rosenblatt's perceptron learning rule, sample by sample, one-vs-rest.

For each output k (one for two classes, one per class otherwise) with targets
y_k ∈ {−1, +1} and score z_k = w_k·x + b_k, a sample that is misclassified or on
the boundary (y_k·z_k ≤ 0) moves the boundary toward it:

    w_k ← w_k + η·y_k·x,    b_k ← b_k + η·y_k

On linearly separable data this stops after finitely many updates (Novikoff's
theorem); on XOR it never stops, because no line separates the classes.
The rule is inherently sequential, so it is the one per-sample Python loop in
``model/``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np


def encode_sign_targets(y: np.ndarray, n_classes: int) -> np.ndarray:
    """Class indices of shape (n_samples,) -> ±1 targets of shape (n_samples, n_outputs).

    Two classes use one output (+1 for class 1); K > 2 classes use K outputs,
    one-vs-rest.
    """
    y = np.asarray(y, dtype=np.int64)
    if n_classes <= 2:
        return np.where(y == 1, 1.0, -1.0)[:, None]
    return np.where(y[:, None] == np.arange(n_classes)[None, :], 1.0, -1.0)


@dataclass(frozen=True)
class PerceptronUpdate:
    """What one sample did to the weights (shown by the perceptron lesson).

    index : int, position of the sample in the training set
    x : ndarray of shape (n_features,)
    target : ndarray of shape (n_outputs,), ±1
    score : ndarray of shape (n_outputs,), w·x + b before the update
    updated : ndarray of shape (n_outputs,) bool, which outputs were misclassified and moved
    delta_W : ndarray of shape (n_features, n_outputs), η·y·x on updated outputs, else 0
    delta_b : ndarray of shape (n_outputs,)
    """

    index: int
    x: np.ndarray
    target: np.ndarray
    score: np.ndarray
    updated: np.ndarray
    delta_W: np.ndarray
    delta_b: np.ndarray


def perceptron_update(
    W: np.ndarray, b: np.ndarray, x: np.ndarray, target: np.ndarray, learning_rate: float, index: int = -1
) -> PerceptronUpdate:
    """Apply the rule for one sample, in place on W (n_features, n_outputs) and b (n_outputs,)."""
    score = x @ W + b
    updated = target * score <= 0
    step = learning_rate * target * updated
    delta_W = np.outer(x, step).astype(W.dtype)
    delta_b = step.astype(b.dtype)
    W += delta_W
    b += delta_b
    return PerceptronUpdate(index, x.copy(), target.copy(), score, updated, delta_W, delta_b)


def perceptron_epoch(
    W: np.ndarray, b: np.ndarray, X: np.ndarray, targets: np.ndarray, learning_rate: float, order: Iterable[int]
) -> int:
    """One pass of the rule over the samples in ``order``; returns the number of updates.

    W : ndarray of shape (n_features, n_outputs), updated in place
    b : ndarray of shape (n_outputs,), updated in place
    X : ndarray of shape (n_samples, n_features)
    targets : ndarray of shape (n_samples, n_outputs), ±1
    """
    n_updates = 0
    for i in order:
        x, t = X[i], targets[i]
        score = x @ W + b
        wrong = t * score <= 0
        if wrong.any():
            step = learning_rate * t * wrong
            W += np.outer(x, step)
            b += step
            n_updates += 1
    return n_updates


def perceptron_pass_part(
    W: np.ndarray,
    b: np.ndarray,
    X: np.ndarray,
    targets: np.ndarray,
    learning_rate: float,
    order: np.ndarray,
    start: int,
    max_updates: int,
) -> tuple[int, int, int]:
    """The rule over ``order[start:]``, stopping at the sample that would make update ``max_updates + 1`` (not
    applied: the next part begins with it), so a pass can be shown a few corrections at a time; the same
    arithmetic as ``perceptron_epoch`` (written out in both: a call per sample would slow the whole epochs by a
    third), so the parts of a pass end where the whole pass does.

    Returns (position in ``order`` reached: ``len(order)`` when the pass ended, updates made, the training index
    of the last sample corrected: -1 when none was).
    """
    n_updates = 0
    last = -1
    for position in range(int(start), len(order)):
        i = order[position]
        x, t = X[i], targets[i]
        score = x @ W + b
        wrong = t * score <= 0
        if wrong.any():
            if n_updates >= max_updates:
                return position, n_updates, last
            step = learning_rate * t * wrong
            W += np.outer(x, step)
            b += step
            n_updates += 1
            last = i
    return len(order), n_updates, last
