"""Weight penalties (regularization) on the flat weight vector.

Only weights are penalised, never biases (as scikit-learn does): the network
passes each layer's weights (a contiguous slice of its block, see
``model.nn.param_layout``) and their gradients.

Both follow scikit-learn's scaling: the penalty is divided by the number of
samples in the batch, so ``alpha`` means the same whatever the batch size.
"""

from __future__ import annotations

import numpy as np


def l2_penalty(weights: np.ndarray, alpha: float, n_samples: int) -> float:
    """Value ½·alpha·Σw² / n_samples (scikit-learn's ``alpha``)."""
    return 0.5 * alpha * float(np.dot(weights, weights)) / n_samples


def add_l2_gradient(weights: np.ndarray, weight_grads: np.ndarray, alpha: float, n_samples: int) -> None:
    """weight_grads += alpha·w / n_samples, in place."""
    weight_grads += (alpha / n_samples) * weights


def l1_penalty(weights: np.ndarray, l1: float, n_samples: int) -> float:
    """Value l1·Σ|w| / n_samples."""
    return l1 * float(np.abs(weights).sum()) / n_samples


def add_l1_gradient(weights: np.ndarray, weight_grads: np.ndarray, l1: float, n_samples: int) -> None:
    """weight_grads += l1·sign(w) / n_samples, in place (the subgradient 0 at w = 0)."""
    weight_grads += (l1 / n_samples) * np.sign(weights)
