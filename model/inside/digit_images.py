"""Digits as pictures: a drawing turned into the data set's 64 inputs, a unit's weights as an 8×8 image, and the
model's verdict on digit images.

The last step of how scikit-learn's digits were made (``model.data.real_datasets``: the UCI optdigits set): a
32×32 binary bitmap is divided into 8×8 non-overlapping blocks of 4×4 pixels and each block's count of set pixels,
0..16, is one input (``block_counts``); then the same scaling ``load`` applies to the data set
(``real_datasets.scaled``: divided by 16) gives the 64 features (``pad_features``). Pixel (r, c) of the 8×8 image
is feature 8·r + c, as in the data. The steps before it, for a drawing on the pad (fitting the strokes into the
frame, the pen that gives the data's ink), are ``model.inside.drawn_digit``'s.

    block_counts(bitmap32) -> (8, 8) int           pixels set in each 4×4 block, 0..16
    pad_features(bitmap32) -> (64,)                those counts scaled like the data set
    is_digit_data(dataset) -> bool                 the 64 pixel inputs of the digits data
    unit_images(snapshot) -> (n_units, 8, 8)       every first-layer unit's 64 incoming weights, as images
    symmetric_scale(images, shared) -> (n_units,)  max |w| per image (or one for all), for a colour scale
    class_outputs(snapshot, X) -> ClassOutputs     probabilities (or the perceptron's scores) and the class
    layer_outputs(snapshot, x) -> [a1, ..., aL]    every layer's output for one image (the diagram's values)
    verdicts(snapshot, dataset, indices) -> DigitVerdicts   images, true and predicted class, mistakes

Pure NumPy: this module must never import Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from model.data.dataset import Dataset
from model.data.real_datasets import DIGITS_SHAPE, scaled
from model.training.snapshot import Snapshot, network_from_snapshot

PAD_PIXELS = 32  # the optdigits bitmaps are 32×32
BLOCK = 4  # ... divided into non-overlapping 4×4 blocks
N_PIXELS = DIGITS_SHAPE[0] * DIGITS_SHAPE[1]
DIGIT_FEATURES = tuple(f"pixel_{r}_{c}" for r in range(DIGITS_SHAPE[0]) for c in range(DIGITS_SHAPE[1]))


def _bitmap(bitmap: npt.ArrayLike) -> np.ndarray:
    b = np.asarray(bitmap)
    if b.shape != (PAD_PIXELS, PAD_PIXELS):
        raise ValueError(f"a pad bitmap is {PAD_PIXELS}×{PAD_PIXELS}, got shape {b.shape}")
    return b.astype(bool)


def block_counts(bitmap: npt.ArrayLike) -> np.ndarray:
    """(8, 8) int64: how many pixels of each 4×4 block of the 32×32 binary ``bitmap`` are set (0..16)."""
    b = _bitmap(bitmap)
    n = PAD_PIXELS // BLOCK
    return b.reshape(n, BLOCK, n, BLOCK).sum(axis=(1, 3), dtype=np.int64)


def pad_features(bitmap: npt.ArrayLike) -> np.ndarray:
    """(64,) float64: the drawing's block counts, rows one after another, scaled as the digits data set is."""
    counts = block_counts(bitmap).reshape(1, N_PIXELS).astype(np.float64)
    return scaled("digits", counts, np.zeros(1, dtype=bool))[0]


def is_digit_data(dataset: Dataset | None) -> bool:
    """True for data whose inputs are the digits' 64 pixels (loaded or edited: the feature names tell)."""
    return dataset is not None and tuple(dataset.feature_names) == DIGIT_FEATURES


def reads_images(snapshot: Snapshot | None) -> bool:
    """True when the snapshot's network reads 64 inputs and nothing else (no extra features)."""
    return snapshot is not None and int(snapshot.layer_sizes[0]) == N_PIXELS and not snapshot.features


def unit_images(snapshot: Snapshot) -> np.ndarray:
    """(n_units, 8, 8) float64: unit k's incoming weights W₁[:, k] as an image (row r holds the weights of
    pixels 8·r .. 8·r + 7). The units of the first layer: hidden units in an MLP, the classes' output units in
    logistic regression and the perceptron (no hidden layer)."""
    if not reads_images(snapshot):
        raise ValueError(f"unit images need a network of {N_PIXELS} pixel inputs, got {snapshot.layer_sizes[0]}")
    W, _ = snapshot.layer_params()[0]
    return np.array(W, dtype=np.float64).T.reshape((-1,) + DIGITS_SHAPE)


def symmetric_scale(images: npt.ArrayLike, shared: bool = False) -> np.ndarray:
    """(n_units,) the largest |w| of each image (``shared``: the largest of all, for every image), so that
    a colour scale over [-scale, scale] puts 0 in the middle; 1.0 where an image is all zero."""
    arr = np.asarray(images, dtype=np.float64)
    a = np.abs(arr).reshape(arr.shape[0], -1)
    top = a.max(axis=1) if a.size else np.zeros(len(a))
    if shared:
        top = np.full(len(a), float(top.max()) if top.size else 0.0)
    return np.where(top > 0, top, 1.0)


@dataclass(frozen=True, eq=False)
class ClassOutputs:
    """The model's output per class for n images.

    values : (n, n_classes), class probabilities, or the perceptron's scores w·x + b (it has no probabilities)
    kind : "probabilities" | "scores"
    predicted : (n,) int64, the class of the largest value
    """

    values: np.ndarray
    kind: str
    predicted: np.ndarray


def class_outputs(snapshot: Snapshot, X: npt.ArrayLike) -> ClassOutputs:
    """What the snapshot's model says about each row of X (n, 64)."""
    X = np.atleast_2d(np.asarray(X, dtype=np.float64))
    net = network_from_snapshot(snapshot, np.float64)
    out = np.array(net.forward(X), dtype=np.float64)
    if snapshot.model_kind == "perceptron":
        z = net.layers[0].z
        scores = np.array(z if z is not None else out, dtype=np.float64)
        values = np.column_stack([-scores[:, 0], scores[:, 0]]) if scores.shape[1] == 1 else scores
        return ClassOutputs(values, "scores", np.argmax(values, axis=1).astype(np.int64))
    values = np.column_stack([1.0 - out[:, 0], out[:, 0]]) if out.shape[1] == 1 else out
    return ClassOutputs(values, "probabilities", np.argmax(values, axis=1).astype(np.int64))


def layer_outputs(snapshot: Snapshot, x: npt.ArrayLike) -> list[np.ndarray]:
    """Every layer's output for one image x (64,): [a₁ (first layer), ..., a_L (the output)]."""
    net = network_from_snapshot(snapshot, np.float64)
    x = np.asarray(x, dtype=np.float64).reshape(1, -1)
    return [np.array(a[0], dtype=np.float64) for a in net.hidden_outputs(x)]


@dataclass(frozen=True, eq=False)
class DigitVerdicts:
    """The model's verdict on some samples of a digits data set.

    indices : (n,) int64 rows of the dataset; images : (n, 8, 8) their pixels as the network reads them
    true, predicted : (n,) int64; wrong : (n,) bool, predicted != true
    outputs : ClassOutputs of those rows
    """

    indices: np.ndarray
    images: np.ndarray
    true: np.ndarray
    predicted: np.ndarray
    wrong: np.ndarray
    outputs: ClassOutputs


def verdicts(snapshot: Snapshot, dataset: Dataset, indices: Any) -> DigitVerdicts:
    """The images of ``dataset``'s rows ``indices`` and what ``snapshot``'s model makes of them. The predicted
    class is the snapshot's own prediction (the one the confusion matrix counts) when it has one per sample."""
    idx = np.asarray(indices, dtype=np.int64).reshape(-1)
    X = dataset.X[idx]
    outputs = class_outputs(snapshot, X) if len(idx) else ClassOutputs(np.empty((0, 0)), "probabilities", idx)
    predicted = outputs.predicted
    preds = snapshot.predictions
    if preds is not None and len(preds) == dataset.n_samples:
        predicted = np.asarray(preds)[idx].astype(np.int64)
    true = np.asarray(dataset.y)[idx].astype(np.int64)
    return DigitVerdicts(idx, X.reshape((-1,) + DIGITS_SHAPE), true, predicted, predicted != true, outputs)


__all__ = [
    "BLOCK",
    "DIGIT_FEATURES",
    "N_PIXELS",
    "PAD_PIXELS",
    "ClassOutputs",
    "DigitVerdicts",
    "block_counts",
    "class_outputs",
    "is_digit_data",
    "layer_outputs",
    "pad_features",
    "reads_images",
    "symmetric_scale",
    "unit_images",
    "verdicts",
]
