"""How good a snapshot's predictions are, class by class: the confusion matrix and per-class scores of a
classifier, the residuals of a regression.

Both are computed from what every ``Snapshot`` already carries (``predictions``: a class index or a value for
every point of the dataset the snapshot was trained on) and the dataset's labels and train/test mask, for one
split ("train" or "test"). Each result keeps the dataset indices of the samples it counted, so that a view can
say *which* samples make up a cell of the matrix (``ClassScores.cell_samples``) or a point of the residual plot.

Undefined scores are NaN, never a made-up 0: the precision of a class the model never predicts (0 / 0), the
recall of a class that has no sample in the split, a row of rates with no sample. This is scikit-learn's
``zero_division=np.nan``; the F1 score is 2·TP / (2·TP + FP + FN) as in scikit-learn (0 for a class that has
samples but is never predicted, NaN only when the class is neither present nor predicted).

Pure NumPy; never Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

SPLITS = ("train", "test")


def _split_index(is_test: npt.ArrayLike, split: str) -> np.ndarray:
    """Dataset indices of the samples in ``split`` ("train" or "test")."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    test = np.asarray(is_test, dtype=bool)
    return np.flatnonzero(test if split == "test" else ~test)


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator / denominator, NaN where the denominator is 0."""
    num = np.asarray(numerator, dtype=np.float64)
    den = np.asarray(denominator, dtype=np.float64)
    out = np.full(np.broadcast(num, den).shape, np.nan)
    np.divide(num, den, out=out, where=den != 0)
    return out


def _frozen(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)
    return array


def confusion_counts(true: npt.ArrayLike, predicted: npt.ArrayLike, n_classes: int) -> np.ndarray:
    """(n_classes, n_classes) int64: entry [i, j] counts samples of true class i predicted as class j."""
    t = np.asarray(true, dtype=np.int64)
    p = np.asarray(predicted, dtype=np.int64)
    if t.shape != p.shape or t.ndim != 1:
        raise ValueError(f"true and predicted must be 1-D of the same length, got {t.shape} and {p.shape}")
    k = int(n_classes)
    if t.size and (t.min() < 0 or t.max() >= k or p.min() < 0 or p.max() >= k):
        raise ValueError(f"class indices must lie in [0, {k})")
    return np.bincount(t * k + p, minlength=k * k).reshape(k, k)


@dataclass(frozen=True, eq=False)
class ClassScores:
    """A classifier's confusion matrix and per-class scores on one split.

    split : "train" | "test"
    counts : (K, K) int64, row = true class, column = predicted class
    sample_index : (n,) int64, the dataset indices of the split's samples, in dataset order
    true, predicted : (n,) int64, their true and predicted classes
    """

    split: str
    counts: np.ndarray
    sample_index: np.ndarray
    true: np.ndarray
    predicted: np.ndarray

    @property
    def n_classes(self) -> int:
        return int(self.counts.shape[0])

    @property
    def n_samples(self) -> int:
        return int(self.sample_index.shape[0])

    @property
    def support(self) -> np.ndarray:
        """(K,) int64, samples of each true class (the row sums)."""
        return self.counts.sum(axis=1)

    @property
    def predicted_counts(self) -> np.ndarray:
        """(K,) int64, samples predicted as each class (the column sums)."""
        return self.counts.sum(axis=0)

    @property
    def rates(self) -> np.ndarray:
        """(K, K) float: each row divided by its sum (the share of class i's samples predicted as j); a row
        without samples is NaN."""
        return _ratio(self.counts, self.support[:, None])

    @property
    def true_positives(self) -> np.ndarray:
        return np.diag(self.counts).copy()

    @property
    def precision(self) -> np.ndarray:
        """(K,) TP / (TP + FP): of the samples predicted as k, the share that are k (NaN: k never predicted)."""
        return _ratio(self.true_positives, self.predicted_counts)

    @property
    def recall(self) -> np.ndarray:
        """(K,) TP / (TP + FN): of the samples of class k, the share predicted as k (NaN: no sample of k)."""
        return _ratio(self.true_positives, self.support)

    @property
    def f1(self) -> np.ndarray:
        """(K,) 2·TP / (2·TP + FP + FN), the harmonic mean of precision and recall (NaN: k neither present nor
        predicted)."""
        tp = self.true_positives
        return _ratio(2 * tp, self.support + self.predicted_counts)

    @property
    def accuracy(self) -> float:
        """Share of the split's samples predicted right (NaN for an empty split)."""
        n = self.n_samples
        return float(np.trace(self.counts) / n) if n else math.nan

    def cell_samples(self, true_class: int, predicted_class: int) -> np.ndarray:
        """Dataset indices of the split's samples of ``true_class`` predicted as ``predicted_class``."""
        chosen = (self.true == int(true_class)) & (self.predicted == int(predicted_class))
        return self.sample_index[chosen]


def class_scores(
    labels: npt.ArrayLike, predictions: npt.ArrayLike, is_test: npt.ArrayLike, n_classes: int, split: str
) -> ClassScores:
    """The confusion matrix and per-class scores of ``predictions`` on one split of a dataset.

    labels : (n_samples,) the dataset's class indices
    predictions : (n_samples,) predicted class indices for every point, or (n_samples, K) scores (argmax)
    is_test : (n_samples,) bool, the dataset's test mask
    n_classes : K (classes that have no sample or no prediction still get their row and column)
    """
    y = np.asarray(labels, dtype=np.int64)
    pred = np.asarray(predictions)
    if pred.ndim == 2:
        pred = pred.argmax(axis=1)
    pred = pred.astype(np.int64)
    if pred.shape != y.shape:
        raise ValueError(f"{pred.shape[0]} predictions for {y.shape[0]} samples")
    if np.asarray(is_test).shape != y.shape:
        raise ValueError("is_test must have one entry per sample")
    index = _split_index(is_test, split)
    true, predicted = y[index], pred[index]
    counts = confusion_counts(true, predicted, n_classes)
    return ClassScores(split, _frozen(counts), _frozen(index), _frozen(true), _frozen(predicted))


@dataclass(frozen=True, eq=False)
class Residuals:
    """A regression's errors on one split.

    split : "train" | "test"
    sample_index : (n,) int64, the dataset indices of the split's samples, in dataset order
    target, predicted : (n,) float64, y and ŷ
    """

    split: str
    sample_index: np.ndarray
    target: np.ndarray
    predicted: np.ndarray

    @property
    def n_samples(self) -> int:
        return int(self.sample_index.shape[0])

    @property
    def residual(self) -> np.ndarray:
        """(n,) y − ŷ: positive where the model predicts too low."""
        with np.errstate(over="ignore", invalid="ignore"):
            return self.target - self.predicted

    @property
    def rmse(self) -> float:
        """Root of the mean squared residual (NaN for an empty split)."""
        if not self.n_samples:
            return math.nan
        with np.errstate(over="ignore", invalid="ignore"):
            return float(np.sqrt(np.mean(self.residual**2)))

    @property
    def r2(self) -> float:
        """1 − SS_res / SS_tot, as the training curves show it: NaN with fewer than 2 samples; with constant
        targets 1 for a perfect fit, else 0 (scikit-learn's ``r2_score`` does the same)."""
        y = self.target
        if y.size < 2:
            return math.nan
        with np.errstate(over="ignore", invalid="ignore"):
            ss_tot = float(np.sum((y - y.mean()) ** 2))
            ss_res = float(np.sum(self.residual**2))
        if ss_tot > 0:
            return 1.0 - ss_res / ss_tot
        return 1.0 if ss_res == 0 else 0.0


def residuals(targets: npt.ArrayLike, predictions: npt.ArrayLike, is_test: npt.ArrayLike, split: str) -> Residuals:
    """The residuals of ``predictions`` (one value per point of the dataset) on one split."""
    y = np.asarray(targets, dtype=np.float64).ravel()
    pred = np.asarray(predictions, dtype=np.float64).ravel()
    if pred.shape != y.shape:
        raise ValueError(f"{pred.shape[0]} predictions for {y.shape[0]} samples")
    if np.asarray(is_test).shape != y.shape:
        raise ValueError("is_test must have one entry per sample")
    index = _split_index(is_test, split)
    return Residuals(split, _frozen(index), _frozen(y[index]), _frozen(pred[index]))
