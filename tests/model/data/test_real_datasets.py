"""The bundled real data sets: shapes, names, scaling, the stratified split and the origin that rebuilds them."""

import numpy as np
import pytest
from sklearn.datasets import load_digits, load_iris, load_wine

from model.data import real_datasets
from model.data.csv_data_files import csv_text
from model.data.data_source import DataSource
from model.data.dataset import MAX_CLASSES, Dataset
from model.data.standardised_names import short_feature_name
from model.data.view_plane import ViewPlane
from model.storage.session_files import open_session_file, save_session
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


@pytest.mark.parametrize(
    "name,n,features,classes",
    [("digits", 1797, 64, 10), ("iris", 150, 4, 3), ("wine", 178, 13, 3), ("breast_cancer", 569, 30, 2)],
)
def test_each_data_set_loads_with_its_sizes_names_and_origin(name, n, features, classes):
    ds = real_datasets.load(name, test_fraction=0.2, seed=3)
    assert (ds.n_samples, ds.n_features, ds.n_classes) == (n, features, classes)
    assert len(ds.feature_names) == features and len(ds.class_names) == classes
    assert ds.origin == DataSource.real(name, 3, 0.2) and ds.origin.regenerate().same_as(ds)
    assert ds.description and ds.view_plane is not None
    assert ds.n_test == round(0.2 * n)
    info = real_datasets.info(name)
    assert (info.n_samples, info.n_features, info.n_classes) == (n, features, classes)
    assert info.class_names == ds.class_names  # what a window shows while the data load is what they name


def test_digits_have_ten_classes_named_by_their_digit_and_pixels_in_0_1():
    assert MAX_CLASSES >= 10
    ds = real_datasets.load("digits")
    assert ds.class_names == tuple(str(d) for d in range(10))
    bunch = load_digits()
    np.testing.assert_array_equal(ds.X, bunch.data / 16.0)
    np.testing.assert_array_equal(ds.y, bunch.target)
    assert ds.X.min() == 0.0 and ds.X.max() == 1.0
    # Pixel (r, c) is feature 8r + c: the image of a row is the loader's image.
    np.testing.assert_array_equal(real_datasets.digit_image(ds.X[5]), bunch.images[5] / 16.0)
    assert ds.feature_names[8 * 2 + 3] == "pixel_2_3"


def test_tabular_features_are_standardised_on_the_training_points_only():
    ds = real_datasets.load("wine", seed=1)
    train = ds.X[~ds.is_test]
    np.testing.assert_allclose(train.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(train.std(axis=0), 1.0, rtol=1e-12)
    # The test points use the training statistics: their own mean is not exactly 0.
    assert np.abs(ds.X[ds.is_test].mean(axis=0)).max() > 0.01
    raw = load_wine().data
    mean, std = raw[~ds.is_test].mean(axis=0), raw[~ds.is_test].std(axis=0)
    np.testing.assert_allclose(ds.X, (raw - mean) / std, rtol=1e-12)


def test_iris_names_its_species_and_measurements_without_a_unit_the_numbers_do_not_have():
    ds = real_datasets.load("iris")
    assert ds.class_names == ("setosa", "versicolor", "virginica")
    assert ds.feature_names == tuple(name.replace("(cm)", "(standardised)") for name in load_iris().feature_names)
    setosa = ds.X[ds.y == 0]
    assert setosa[:, 2].mean() < 0  # a petal "-1.3 cm" long: the numbers are not in centimetres


@pytest.mark.parametrize("name", ["iris", "wine", "breast_cancer"])
def test_standardised_features_say_so_wherever_their_names_go(name, tmp_path):
    ds = real_datasets.load(name)
    assert all(f.endswith(" (standardised)") and "(cm)" not in f for f in ds.feature_names)
    assert real_datasets.feature_names(name) == ds.feature_names
    header = csv_text(ds).splitlines()[0]  # File ▸ Save data as CSV
    assert header.startswith(",".join(ds.feature_names[:2])) and "(cm)" not in header
    plane = ds.with_view_plane(ViewPlane.of_features(0, 1)).plane_frame()
    assert plane.axis_names == ds.feature_names[:2]
    assert short_feature_name(ds.feature_names[0]) == ds.feature_names[0].removesuffix(" (standardised)")


def test_digits_pixels_keep_their_names():
    assert real_datasets.load("digits").feature_names == real_datasets.raw("digits")[2]


def test_a_session_saved_with_the_loaders_names_opens_with_them_bit_for_bit(tmp_path):
    """Files written before the names said the numbers are standardised hold "petal length (cm)": they open."""
    ds = real_datasets.load("iris", 0.2, 3)
    old_names = tuple(load_iris().feature_names)
    old = Dataset(ds.X, ds.y, ds.is_test, ds.task, ds.n_classes, ds.class_names, old_names, ds.description, ds.origin)
    session = TrainingSession(old, ModelSpec(hidden_layer_sizes=(3,)), TrainSpec(), seed=0)
    session.step(2)
    save_session(session, tmp_path / "old.npz")
    opened = open_session_file(tmp_path / "old.npz").session
    assert opened.dataset.feature_names == old_names and opened.dataset.same_as(old)
    opened.step(3)
    session.step(3)
    assert opened.train_loss == session.train_loss  # training goes on as it would have


def test_split_is_stratified_and_seeded():
    a, b, c = (real_datasets.load("digits", seed=s) for s in (7, 7, 8))
    assert np.array_equal(a.is_test, b.is_test) and not np.array_equal(a.is_test, c.is_test)
    for k in range(10):
        share = a.is_test[a.y == k].mean()
        assert 0.15 < share < 0.25  # every digit has about a fifth of its images in the test set


def test_edits_drop_the_origin_but_keep_names_and_plane():
    ds = real_datasets.load("iris")
    edited = ds.relabeled(0, 2)
    assert edited.origin is None
    assert edited.feature_names == ds.feature_names and edited.description == ds.description
    assert edited.view_plane == ds.view_plane
    assert ds.with_view_plane(ds.view_plane).origin == ds.origin


def test_unknown_name_is_refused():
    with pytest.raises(ValueError, match="unknown real data set"):
        real_datasets.load("mnist")


def test_feature_names_default_to_x_and_must_fit():
    assert Dataset.from_arrays(np.zeros((4, 3)), [0, 1, 0, 1]).feature_names == ("x1", "x2", "x3")
    with pytest.raises(ValueError, match="feature names"):
        Dataset(np.zeros((2, 3)), np.array([0, 1]), np.zeros(2, bool), feature_names=("a", "b"))
