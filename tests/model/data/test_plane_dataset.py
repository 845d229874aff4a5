"""The plane the plot shows, made into a 2-feature dataset (a model trained on the two shown features only)."""

from __future__ import annotations

import numpy as np
import pytest

from model.data import real_datasets
from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.data.plane_dataset import shown_plane_dataset
from model.data.view_plane import ViewPlane


@pytest.fixture(scope="module")
def wine():
    return real_datasets.load("wine")


def test_two_chosen_features_become_the_data_exactly(wine):
    two = shown_plane_dataset(wine.with_view_plane(ViewPlane.of_features(6, 9)))
    assert two.n_features == 2 and two.view_plane is None
    assert two.X.tobytes() == np.ascontiguousarray(wine.X[:, [6, 9]]).tobytes()
    assert two.feature_names == (wine.feature_names[6], wine.feature_names[9])
    assert two.y.tobytes() == wine.y.tobytes() and two.is_test.tobytes() == wine.is_test.tobytes()
    assert two.class_names == wine.class_names
    assert "only the features" in two.description and two.origin is None


def test_the_pca_plane_becomes_pc1_and_pc2_where_the_points_are_drawn(wine):
    two = shown_plane_dataset(wine)
    assert two.feature_names == ("PC1", "PC2")
    np.testing.assert_array_equal(two.X, wine.plot_points())
    # the components are uncorrelated on the training points and carry most variance first
    train = two.X[~two.is_test]
    assert abs(np.corrcoef(train.T)[0, 1]) < 1e-9 and train[:, 0].var() > train[:, 1].var()


def test_two_dimensional_data_has_no_plane_to_keep():
    with pytest.raises(ValueError):
        shown_plane_dataset(Dataset.from_arrays(*make_dataset("moons", n_samples=20)))
