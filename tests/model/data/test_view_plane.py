"""The plane the plot shows of n-D data: projection, lifting back, labels, and a Dataset's use of it (no Qt)."""

import numpy as np
import pytest
from sklearn.decomposition import PCA

from model.data import real_datasets
from model.data.dataset import Dataset
from model.data.view_plane import ViewPlane, fit_plane


def _wine():
    return real_datasets.load("wine", seed=2)


def test_pca_plane_is_sklearns_pca_of_the_training_points():
    ds = _wine()
    frame = ds.plane_frame()
    pca = PCA(n_components=2, svd_solver="full").fit(ds.train_X)
    np.testing.assert_allclose(frame.project(ds.X), pca.transform(ds.X), atol=1e-12)
    grid = np.array([[0.0, 0.0], [1.5, -2.0], [-3.0, 0.5]])
    # lift = inverse_transform: the PC plane mapped back, the other directions at the mean.
    np.testing.assert_allclose(frame.lift(grid), pca.inverse_transform(grid), atol=1e-12)
    np.testing.assert_allclose(frame.lift([[0.0, 0.0]])[0], ds.train_X.mean(axis=0), atol=1e-12)
    np.testing.assert_allclose(frame.project(frame.lift(grid)), grid, atol=1e-12)
    r = pca.explained_variance_ratio_
    assert frame.label == f"PC1 ({round(100 * r[0])} %) vs PC2 ({round(100 * r[1])} %), other directions at the mean"
    assert frame.axis_names == ("PC1", "PC2")


def test_feature_plane_shows_two_features_and_holds_the_others_at_their_mean():
    ds = real_datasets.load("iris").with_view_plane(ViewPlane.of_features(2, 3))
    frame = ds.plane_frame()
    np.testing.assert_array_equal(ds.plot_points(), ds.X[:, [2, 3]])
    lifted = frame.lift([[0.25, -1.0]])[0]
    mean = ds.train_X.mean(axis=0)
    assert lifted[2] == 0.25 and lifted[3] == -1.0
    np.testing.assert_allclose(lifted[[0, 1]], mean[[0, 1]])
    assert frame.label == "petal length vs petal width (standardised), other features at their mean"


def test_dataset_edits_on_the_plot_go_through_the_plane():
    ds = real_datasets.load("iris").with_view_plane(ViewPlane.of_features(0, 2))
    added = ds.with_points([[1.0, 2.0]], labels=[1])
    np.testing.assert_allclose(added.plot_points()[-1], [1.0, 2.0])
    np.testing.assert_allclose(added.X[-1, [1, 3]], ds.train_X.mean(axis=0)[[1, 3]])
    moved = ds.moved(4, (0.5, -0.5))
    np.testing.assert_allclose(moved.X[4], [0.5, ds.X[4, 1], -0.5, ds.X[4, 3]])
    pca = real_datasets.load("wine")
    shifted = pca.moved(0, (2.0, 1.0))
    # On a PCA plane a drag moves the point along the two components only.
    step = shifted.X[0] - pca.X[0]
    axes = pca.plane_frame().axes
    np.testing.assert_allclose(step, (step @ axes.T) @ axes, atol=1e-12)
    np.testing.assert_allclose(pca.plane_frame().project(shifted.X[:1])[0], [2.0, 1.0], atol=1e-12)


def test_two_feature_data_has_no_plane_and_refuses_one():
    ds = Dataset.from_arrays(np.random.default_rng(0).normal(size=(10, 2)), [0, 1] * 5)
    assert ds.view_plane is None and ds.plane_frame() is None
    assert ds.plot_points() is ds.X or np.array_equal(ds.plot_points(), ds.X)
    with pytest.raises(ValueError):
        ds.with_view_plane(ViewPlane.pca())


@pytest.mark.parametrize(
    "kind,features,message",
    [("tsne", (0, 1), "kind"), ("features", (1, 1), "different"), ("features", (0, 9), "more than")],
)
def test_a_plane_is_checked(kind, features, message):
    with pytest.raises(ValueError, match=message):
        ds = real_datasets.load("iris")
        ds.with_view_plane(ViewPlane(kind, features))


def test_a_plane_round_trips_through_its_dict_and_refuses_junk():
    for plane in (ViewPlane.pca(), ViewPlane.of_features(3, 1)):
        assert ViewPlane.from_dict(plane.to_dict()) == plane
    for junk in ({"kind": "pca"}, {"kind": "features", "features": [0, "1"]}, [], {"kind": "x", "features": [0, 1]}):
        with pytest.raises(ValueError):
            ViewPlane.from_dict(junk)


def test_fit_on_no_points_still_gives_a_plane():
    frame = fit_plane(ViewPlane.pca(), np.empty((0, 5)), tuple("abcde"))
    np.testing.assert_array_equal(frame.lift([[1.0, 2.0]]), [[1.0, 2.0, 0.0, 0.0, 0.0]])


def test_training_points_that_do_not_vary_show_two_features_and_say_why():
    """Every training point alike: no principal components (PCA's shares would be 0/0), so the first two features,
    named, and the label says the points do not vary; no warning, no NaN."""
    import warnings

    X = np.ones((12, 3))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frame = fit_plane(ViewPlane.pca(), X, ("a", "b", "c"))
    assert frame.axis_names == ("a", "b")
    assert frame.label == "a vs b: the training points do not vary, so they have no principal components"
    assert frame.project(X).tolist() == [[1.0, 1.0]] * 12 and "nan" not in frame.label
