"""The measures of a model: accuracy, R², and labels or values from the network's output."""

from __future__ import annotations

import math

import numpy as np

from model.training.scores import accuracy, decide, r2, score


def test_accuracy_is_the_fraction_right_and_nan_without_samples():
    assert accuracy(np.array([0, 1, 1, 2]), np.array([0, 1, 2, 2])) == 0.75
    assert math.isnan(accuracy(np.empty(0), np.empty(0)))


def test_r2_matches_its_definition_and_its_edge_cases():
    y = np.array([1.0, 2.0, 4.0, 7.0])
    predicted = np.array([1.5, 2.0, 3.5, 7.5])
    expected = 1 - np.sum((y - predicted) ** 2) / np.sum((y - y.mean()) ** 2)
    assert math.isclose(r2(predicted, y), expected)
    assert math.isclose(score("regression", predicted, y), expected)
    assert math.isnan(r2(np.array([1.0]), np.array([1.0])))  # fewer than two samples
    flat = np.full(3, 2.0)
    assert r2(flat, flat) == 1.0 and r2(flat + 1, flat) == 0.0  # constant targets: exact, or not at all


def test_decide_reads_probabilities_scores_and_values():
    assert decide(np.array([[0.2], [0.5], [0.9]]), "classification").tolist() == [0, 1, 1]
    assert decide(np.array([[-0.1], [0.0], [0.3]]), "classification", from_scores=True).tolist() == [0, 1, 1]
    assert decide(np.array([[0.1, 0.7, 0.2], [0.5, 0.2, 0.3]]), "classification").tolist() == [1, 0]
    values = decide(np.array([[1.5], [-2.0]], dtype=np.float32), "regression")
    assert values.dtype == np.float64 and values.tolist() == [1.5, -2.0]
