""".npz data files whose X has more than two columns load as n-D data, named by their feature_names, and the app's
own .npz files keep n-D data exactly."""

from __future__ import annotations

import numpy as np
import pytest

from model.data.csv_data_files import MAX_FEATURES
from model.data.data_file_common import MAX_COLUMNS
from model.data.data_files import DataFileError, load_dataset, read_dataset, save_dataset_npz
from model.data.dataset import MAX_CLASSES, MAX_NAME_CHARS, Dataset
from model.data.real_datasets import load as load_real
from model.data.view_plane import ViewPlane
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

NAMES = ("height", "width", "depth", "weight", "age")


def _five_columns(n=120, seed=3):
    """Five inputs, two classes that only the third and the fifth column tell apart."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 5))
    y = (X[:, 2] + X[:, 4] > 0).astype(np.int64)
    return X, y


def test_every_column_of_x_is_a_feature_named_by_feature_names(tmp_path):
    X, y = _five_columns()
    np.savez(tmp_path / "five.npz", X=X, y=y, feature_names=np.array(NAMES))
    loaded = read_dataset(tmp_path / "five.npz")
    ds = loaded.dataset
    assert ds.n_features == 5 and ds.feature_names == NAMES
    np.testing.assert_array_equal(ds.X, X)  # every column, bit for bit
    assert ds.view_plane == ViewPlane.pca()  # shown on a plane of them, like an n-D CSV file
    assert not loaded.notes


def test_without_feature_names_the_features_are_x1_to_xn(tmp_path):
    X, y = _five_columns()
    np.savez(tmp_path / "five.npz", X=X, y=y)
    assert load_dataset(tmp_path / "five.npz").feature_names == ("x1", "x2", "x3", "x4", "x5")


def test_a_five_column_file_trains(tmp_path):
    X, y = _five_columns()
    np.savez(tmp_path / "five.npz", X=X, y=y)
    ds = load_dataset(tmp_path / "five.npz", seed=1)
    session = TrainingSession(ds, ModelSpec("logistic"), TrainSpec(learning_rate=0.5), seed=0)
    assert session.network.layer_sizes[0] == 5  # all five inputs, not the first two
    session.step(150)
    # The classes differ in the third and fifth columns only: the first two alone would score near chance.
    assert session.train_score > 0.9 and session.test_score > 0.8


@pytest.mark.parametrize(
    "ds",
    [
        Dataset(*_five_columns(), np.arange(120) % 5 == 0, "classification", 3, ("no", "yes", "maybe"), NAMES),
        load_real("wine", seed=4),
    ],
    ids=["five features", "wine"],
)
def test_n_d_data_saved_as_npz_reads_back_bit_for_bit(tmp_path, ds):
    save_dataset_npz(ds, tmp_path / "d.npz")
    back = load_dataset(tmp_path / "d.npz")
    for a, b in ((back.X, ds.X), (back.y, ds.y), (back.is_test, ds.is_test)):
        assert a.dtype == b.dtype and np.array_equal(a, b)
    assert back.feature_names == ds.feature_names and back.class_names == ds.class_names
    assert back.n_classes == ds.n_classes and back.view_plane == ViewPlane.pca()
    save_dataset_npz(back, tmp_path / "e.npz")
    assert (tmp_path / "d.npz").read_bytes() == (tmp_path / "e.npz").read_bytes()


def test_more_columns_than_the_cap_use_the_first_ones_with_a_note(tmp_path):
    n = MAX_FEATURES + 3
    X = np.arange(6 * n, dtype=np.float64).reshape(6, n)
    names = np.array([f"f{i}" for i in range(n)])
    np.savez(tmp_path / "wide.npz", X=X, y=np.arange(6) % 2, feature_names=names)
    loaded = read_dataset(tmp_path / "wide.npz")
    assert loaded.dataset.n_features == MAX_FEATURES
    assert loaded.dataset.feature_names == tuple(names[:MAX_FEATURES])
    assert loaded.notes == (f"used the first {MAX_FEATURES} of the {n} columns of X: at most {MAX_FEATURES} are read",)


def test_regression_still_reads_two_inputs(tmp_path):
    X = np.arange(12, dtype=np.float64).reshape(4, 3)
    np.savez(tmp_path / "r.npz", X=X, y=np.array([0.5, 1.5, 2.5, 3.25]), feature_names=np.array(["a", "b", "c"]))
    loaded = read_dataset(tmp_path / "r.npz")
    assert loaded.dataset.task == "regression" and loaded.dataset.feature_names == ("a", "b")
    np.testing.assert_array_equal(loaded.dataset.X, X[:, :2])
    assert "the first 2 of the 3 columns" in loaded.notes[0]


X5 = np.zeros((4, 5))
Y2 = np.array([0, 1, 0, 1])


@pytest.mark.parametrize(
    "arrays, message",
    [
        (
            dict(X=X5, y=Y2, feature_names=np.array(["a", "b"])),
            "flat.npz, column 'feature_names': feature_names must hold one name per column of X (5), got shape (2,)",
        ),
        (
            dict(X=X5, y=Y2, feature_names=np.arange(5)),
            "flat.npz, column 'feature_names': feature_names must be an array of strings, got dtype int64",
        ),
        (
            dict(X=X5, y=Y2, feature_names=np.array(["a", "b", "c" * (MAX_NAME_CHARS + 1), "d", "e"])),
            f"flat.npz, column 'feature_names': name 3 has {MAX_NAME_CHARS + 1} characters; "
            f"at most {MAX_NAME_CHARS} are read",
        ),
        (
            dict(X=np.where(np.eye(4, 5, 2) == 1, np.nan, 0.0), y=Y2),
            "flat.npz, row 1, column 'X': [0.0, 0.0, nan, 0.0, 0.0] holds a value that is not a finite number",
        ),
        (
            dict(X=np.zeros((4, 5, 1)), y=Y2),
            "flat.npz, column 'X': X must be a numeric array of shape (n_samples, n_features), "
            "got dtype float64 and shape (4, 5, 1)",
        ),
        (
            dict(X=np.zeros((1, MAX_COLUMNS + 1)), y=np.array([0])),
            f"flat.npz, column 'X': X has {MAX_COLUMNS + 1:,} columns; the playground reads at most {MAX_COLUMNS:,}",
        ),
        (
            dict(X=np.zeros((12, 5)), y=np.arange(MAX_CLASSES + 2), task=np.array("classification")),
            f"flat.npz, column 'y': has {MAX_CLASSES + 2} different labels; "
            f"the playground supports at most {MAX_CLASSES} classes",
        ),
        (
            dict(X=np.zeros((12, 5)), y=np.array(list("abcdefghijkl"))),
            f"flat.npz, column 'y': has 12 different labels; the playground supports at most {MAX_CLASSES} classes",
        ),
    ],
    ids=["names too few", "names not text", "name too long", "nan", "shape", "too many columns", "classes", "labels"],
)
def test_refusals_name_the_file_and_the_field(tmp_path, arrays, message):
    np.savez(tmp_path / "flat.npz", **arrays)
    with pytest.raises(DataFileError) as info:
        load_dataset(tmp_path / "flat.npz")
    assert str(info.value) == message
