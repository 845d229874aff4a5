"""Confusion matrix, per-class scores and residuals against scikit-learn's metrics, on random data, with classes
that are never predicted and classes that have no sample in the split."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    mean_squared_error,
    precision_recall_fscore_support,
    r2_score,
)

from model.data.generators import make
from model.inside.class_scores import class_scores, confusion_counts, residuals
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


def random_classification(seed: int, n: int = 300, k: int = 5):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, k, n)
    # mostly right, sometimes wrong, never class k-1 (a class with no predictions)
    pred = np.where(rng.random(n) < 0.6, y, rng.integers(0, k, n))
    pred[pred == k - 1] = 0
    is_test = rng.random(n) < 0.3
    # class 1 has no test sample (absent from the test split)
    is_test[y == 1] = False
    return y, pred, is_test


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("split", ["train", "test"])
def test_counts_and_scores_equal_scikit_learns(seed, split):
    k = 5
    y, pred, is_test = random_classification(seed, k=k)
    scores = class_scores(y, pred, is_test, k, split)
    chosen = is_test if split == "test" else ~is_test
    yt, yp = y[chosen], pred[chosen]
    labels = list(range(k))
    assert np.array_equal(scores.counts, confusion_matrix(yt, yp, labels=labels))
    # rates: scikit-learn's row normalisation where a row has samples; a row without any is undefined (NaN),
    # where scikit-learn writes 0s
    present = scores.support > 0
    assert np.allclose(scores.rates[present], confusion_matrix(yt, yp, labels=labels, normalize="true")[present])
    assert np.all(np.isnan(scores.rates[~present]))
    p, r, f, s = precision_recall_fscore_support(yt, yp, labels=labels, zero_division=np.nan)
    assert np.allclose(scores.precision, p, equal_nan=True)
    assert np.allclose(scores.recall, r, equal_nan=True)
    assert np.allclose(scores.f1, f, equal_nan=True)
    assert np.array_equal(scores.support, s)
    assert scores.accuracy == pytest.approx(accuracy_score(yt, yp))
    # the never-predicted class has an undefined precision, not a 0
    assert math.isnan(scores.precision[k - 1])
    # with scikit-learn's default (0 for 0/0) the defined scores agree too
    p0, r0, f0, _ = precision_recall_fscore_support(yt, yp, labels=labels, zero_division=0)
    assert np.allclose(np.nan_to_num(scores.precision), p0)
    assert np.allclose(np.nan_to_num(scores.recall), r0)
    assert np.allclose(np.nan_to_num(scores.f1), f0)


def test_a_class_absent_from_the_test_split_has_an_empty_row_and_undefined_recall():
    y, pred, is_test = random_classification(4)
    scores = class_scores(y, pred, is_test, 5, "test")
    assert scores.support[1] == 0
    assert np.all(np.isnan(scores.rates[1]))
    assert math.isnan(scores.recall[1])
    defined = [0, 2, 3, 4]
    assert np.allclose(np.nansum(scores.rates[defined], axis=1), 1.0)


def test_a_cell_names_exactly_the_samples_of_that_true_and_predicted_class():
    y, pred, is_test = random_classification(5)
    scores = class_scores(y, pred, is_test, 5, "test")
    for i in range(5):
        for j in range(5):
            cell = scores.cell_samples(i, j)
            expected = np.flatnonzero(is_test & (y == i) & (pred == j))
            assert np.array_equal(cell, expected)
            assert cell.size == scores.counts[i, j]


def test_probability_rows_are_read_as_their_argmax():
    probs = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8], [0.3, 0.6, 0.1]])
    scores = class_scores([0, 1, 1], probs, [False, False, False], 3, "train")
    assert np.array_equal(scores.predicted, [0, 2, 1])


def test_an_empty_split_has_no_counts_and_no_accuracy():
    scores = class_scores([0, 1], [0, 1], [False, False], 2, "test")
    assert scores.counts.sum() == 0 and math.isnan(scores.accuracy)
    assert np.all(np.isnan(scores.recall)) and np.all(np.isnan(scores.precision))


def test_wrong_lengths_and_labels_are_refused():
    with pytest.raises(ValueError):
        class_scores([0, 1, 1], [0, 1], [False] * 3, 2, "train")
    with pytest.raises(ValueError):
        class_scores([0, 1], [0, 1], [False] * 2, 2, "validation")
    with pytest.raises(ValueError):
        confusion_counts([0, 2], [0, 1], 2)


@pytest.mark.parametrize("split", ["train", "test"])
def test_residuals_rmse_and_r2_equal_scikit_learns(split):
    rng = np.random.default_rng(7)
    y = rng.normal(size=200) * 3
    pred = y + rng.normal(size=200)
    is_test = rng.random(200) < 0.25
    res = residuals(y, pred, is_test, split)
    chosen = is_test if split == "test" else ~is_test
    assert np.array_equal(res.sample_index, np.flatnonzero(chosen))
    assert np.allclose(res.residual, y[chosen] - pred[chosen])
    assert res.rmse == pytest.approx(math.sqrt(mean_squared_error(y[chosen], pred[chosen])))
    assert res.r2 == pytest.approx(r2_score(y[chosen], pred[chosen]))


def test_r2_of_constant_targets_follows_scikit_learn():
    assert residuals([2.0, 2.0], [2.0, 2.0], [False, False], "train").r2 == r2_score([2.0, 2.0], [2.0, 2.0])
    assert residuals([2.0, 2.0], [1.0, 2.0], [False, False], "train").r2 == r2_score([2.0, 2.0], [1.0, 2.0])
    assert math.isnan(residuals([2.0], [1.0], [False], "train").r2)


def test_a_sessions_snapshot_gives_the_accuracy_and_r2_the_session_reports():
    for name, task in (("blobs", "classification"), ("sine", "regression")):
        ds = make(name, n_samples=120, seed=3, n_classes=3, test_fraction=0.25)
        assert ds.task == task
        session = TrainingSession(ds, ModelSpec(hidden_layer_sizes=(6,)), TrainSpec(learning_rate=0.01), seed=1)
        session.step(15)
        snap = session.snapshot()
        for split, reported in (("train", snap.train_score), ("test", snap.test_score)):
            if task == "classification":
                score = class_scores(ds.y, snap.predictions, ds.is_test, ds.n_classes, split).accuracy
            else:
                score = residuals(ds.y, snap.predictions, ds.is_test, split).r2
            assert score == pytest.approx(reported, abs=1e-6)
