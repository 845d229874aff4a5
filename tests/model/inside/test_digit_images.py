"""Digits as pictures: the draw pad's downsampling is the data set's (4×4 blocks counted, scaled by 1/16), a unit's
image is its incoming weights, and the verdicts mark exactly the misclassified samples."""

from __future__ import annotations

import numpy as np
import pytest

from model.data import real_datasets
from model.inside.digit_images import (
    block_counts,
    class_outputs,
    is_digit_data,
    layer_outputs,
    pad_features,
    symmetric_scale,
    unit_images,
    verdicts,
)
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


@pytest.fixture(scope="module")
def digits():
    return real_datasets.load("digits", seed=0)


def test_a_filled_block_counts_sixteen_in_its_cell_only():
    bitmap = np.zeros((32, 32), bool)
    bitmap[8:12, 20:24] = True  # block row 2, block column 5
    counts = block_counts(bitmap)
    expected = np.zeros((8, 8), np.int64)
    expected[2, 5] = 16
    assert np.array_equal(counts, expected)
    features = pad_features(bitmap)
    assert features[8 * 2 + 5] == 1.0 and features.sum() == 1.0  # 16 / 16, as the data set is scaled


def test_a_vertical_line_counts_its_height_in_each_block_of_its_column():
    bitmap = np.zeros((32, 32), bool)
    bitmap[2:30, 13] = True  # one pixel wide, rows 2..29, in block column 3
    counts = block_counts(bitmap)
    assert np.array_equal(counts[:, 3], [2, 4, 4, 4, 4, 4, 4, 2])
    assert counts.sum() == counts[:, 3].sum() == 28
    assert np.allclose(pad_features(bitmap).reshape(8, 8)[:, 3], np.array([2, 4, 4, 4, 4, 4, 4, 2]) / 16)


def test_the_pad_scaling_is_the_data_sets():
    X, _, _, _ = real_datasets.raw("digits")
    bitmap = np.zeros((32, 32), bool)
    bitmap[:, :] = True
    assert np.array_equal(pad_features(bitmap), real_datasets.scaled("digits", np.full((1, 64), 16.0), [False])[0])
    assert X.max() == 16  # the loader's counts are 0..16, as the blocks' are


def test_the_unit_image_is_the_units_incoming_weights_and_moves_with_training(digits):
    session = TrainingSession(digits, ModelSpec("mlp", (16,)), TrainSpec(learning_rate=0.5, batch_size=64), seed=3)
    before = session.snapshot()
    images = unit_images(before)
    W = np.asarray(before.layer_params()[0][0])
    assert images.shape == (16, 8, 8)
    for k in (0, 7, 15):
        assert np.array_equal(images[k], W[:, k].reshape(8, 8))
        assert images[k][2, 5] == W[8 * 2 + 5, k]
    session.step(1)
    after = unit_images(session.snapshot())
    assert not np.allclose(after, images)
    assert np.array_equal(after[4], np.asarray(session.snapshot().layer_params()[0][0])[:, 4].reshape(8, 8))


def test_without_a_hidden_layer_the_images_are_the_classes_weights(digits):
    session = TrainingSession(digits, ModelSpec("logistic", ()), TrainSpec(learning_rate=0.5), seed=0)
    session.step(2)
    snap = session.snapshot()
    images = unit_images(snap)
    assert images.shape == (10, 8, 8)
    assert np.array_equal(images[3].ravel(), np.asarray(snap.layer_params()[0][0])[:, 3])


def test_the_symmetric_scale_per_image_or_shared():
    images = np.zeros((3, 8, 8))
    images[0, 0, 0], images[1, 2, 2], images[1, 3, 3] = -2.0, 0.5, -0.25
    assert np.array_equal(symmetric_scale(images), [2.0, 0.5, 1.0])
    assert np.array_equal(symmetric_scale(images, shared=True), [2.0, 2.0, 2.0])


def test_the_verdicts_mark_exactly_the_misclassified_samples(digits):
    session = TrainingSession(digits, ModelSpec("mlp", (8,)), TrainSpec(learning_rate=0.2, batch_size=64), seed=0)
    session.step(2)
    snap = session.snapshot()
    test_rows = np.flatnonzero(digits.is_test)
    v = verdicts(snap, digits, test_rows)
    predicted = session.predict(digits.X[test_rows])
    assert np.array_equal(v.predicted, predicted)
    assert np.array_equal(np.flatnonzero(v.wrong), np.flatnonzero(predicted != digits.y[test_rows]))
    assert 0 < v.wrong.sum() < len(test_rows)
    assert np.array_equal(v.images[5], digits.X[test_rows[5]].reshape(8, 8))
    assert np.allclose(v.outputs.values.sum(axis=1), 1.0) and v.outputs.kind == "probabilities"
    assert np.array_equal(v.outputs.predicted, predicted)


def test_the_perceptron_gives_scores_and_layer_outputs_end_in_the_probabilities(digits):
    session = TrainingSession(digits, ModelSpec("perceptron", ()), TrainSpec(learning_rate=0.1), seed=0)
    session.step(1)
    snap = session.snapshot()
    out = class_outputs(snap, digits.X[:20])
    assert out.kind == "scores" and np.array_equal(out.predicted, session.predict(digits.X[:20]))
    mlp = TrainingSession(digits, ModelSpec("mlp", (16,)), TrainSpec(learning_rate=0.1), seed=0).snapshot()
    layers = layer_outputs(mlp, digits.X[0])
    assert [a.shape for a in layers] == [(16,), (10,)]
    assert np.allclose(layers[-1], class_outputs(mlp, digits.X[:1]).values[0])


def test_digit_data_is_known_by_its_pixels(digits):
    assert is_digit_data(digits)
    assert not is_digit_data(real_datasets.load("iris"))
    assert not is_digit_data(None)
