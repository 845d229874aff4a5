"""What a session measures of its model: the loss, the labels or values it predicts, and their score.

The score is the accuracy for classification and R² for regression. Pure functions of a network and encoded
data (``TrainingSession`` encodes them); the session measures after every ``step`` and for ``predict``.
"""

from __future__ import annotations

import math

import numpy as np

from model.nn.losses import perceptron_loss
from model.nn.network import Network
from model.training.specs import ModelSpec


def accuracy(predicted: np.ndarray, y: np.ndarray) -> float:
    """The fraction of labels predicted right (NaN without samples)."""
    return float(np.mean(predicted == y)) if y.size else math.nan


def r2(predicted: np.ndarray, y: np.ndarray) -> float:
    """Coefficient of determination, 1 - SS_res / SS_tot (NaN with fewer than 2 samples)."""
    if y.size < 2:
        return math.nan
    ss_tot = float(np.sum((y - y.mean()) ** 2))
    ss_res = float(np.sum((y - predicted) ** 2))
    return 1.0 - ss_res / ss_tot if ss_tot > 0 else (1.0 if ss_res == 0 else 0.0)


def score(task: str, predicted: np.ndarray, y: np.ndarray) -> float:
    """R² for a regression, the accuracy otherwise."""
    return r2(predicted, y) if task == "regression" else accuracy(predicted, y)


def decide(output: np.ndarray, task: str, from_scores: bool = False) -> np.ndarray:
    """Labels (classification) or values (regression) from the network's output (``from_scores``: the
    perceptron's raw scores, whose threshold is 0, not a probability's 0.5)."""
    if task == "regression":
        return output[:, 0].astype(np.float64)
    if output.shape[1] == 1:
        threshold = 0.0 if from_scores else 0.5
        return (output[:, 0] >= threshold).astype(np.int64)
    return output.argmax(axis=1)


def perceptron_scores(network: Network, X: np.ndarray) -> np.ndarray:
    """The perceptron's raw scores X·W + b (its one layer, no activation) for encoded X."""
    layer = network.layers[0]
    return X @ layer.W + layer.b


def perceptron_data_loss(network: Network, X: np.ndarray, targets: np.ndarray) -> float:
    """The perceptron criterion over encoded X and its ±1 targets (NaN without samples)."""
    return perceptron_loss(targets, perceptron_scores(network, X)) if X.shape[0] else math.nan


def loss_and_predictions(
    network: Network, spec: ModelSpec, task: str, X: np.ndarray, Y: np.ndarray
) -> tuple[float, np.ndarray]:
    """Loss (with the spec's penalties) and predicted labels / values for encoded X, Y."""
    if X.shape[0] == 0:
        return math.nan, np.empty(0)
    if spec.kind == "perceptron":
        scores = perceptron_scores(network, X)
        return perceptron_loss(Y, scores), decide(scores, task, from_scores=True)
    loss = network.loss(X, Y, spec.alpha, spec.l1)
    return loss, decide(network.layers[-1].a, task)
