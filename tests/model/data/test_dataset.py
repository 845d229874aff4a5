"""Tests for model.data.dataset.Dataset (no Qt)."""

import numpy as np
import pytest

from model.data.dataset import Dataset
from model.data.train_test_split import split_mask


def small():
    X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, 2.0]])
    y = np.array([0, 1, 0, 1, 1])
    return Dataset.from_arrays(X, y, test_fraction=0.4, seed=1)


def regression():
    X = np.array([[-1.0], [0.0], [2.0]])
    y = np.array([3.0, 0.5, -2.0])
    return Dataset.from_arrays(X, y, task="regression", test_fraction=0.0)


# ------------------------------------------------------------------ construction
def test_from_arrays_types_and_shapes():
    ds = small()
    assert ds.X.dtype == np.float64 and ds.X.shape == (5, 2)
    assert ds.y.dtype == np.int64 and ds.y.shape == (5,)
    assert ds.is_test.dtype == bool and ds.is_test.sum() == 2
    assert ds.task == "classification" and ds.n_classes == 2
    assert ds.class_names == ("class 1", "class 2")
    assert ds.n_samples == 5 and ds.n_features == 2


def test_regression_dataset():
    ds = regression()
    assert ds.X.shape == (3, 1) and ds.y.dtype == np.float64
    assert ds.n_classes == 1 and ds.class_names == ()
    np.testing.assert_array_equal(ds.plot_points(), [[-1, 3], [0, 0.5], [2, -2]])


def test_plane_regression_plots_X():
    X = np.array([[0.0, 1.0], [2.0, 3.0]])
    ds = Dataset.from_arrays(X, [1.5, 2.5], task="regression")
    np.testing.assert_array_equal(ds.plot_points(), X)


def test_n_classes_declared_and_minimum():
    X = np.zeros((3, 2))
    assert Dataset.from_arrays(X, [0, 0, 0]).n_classes == 2
    assert Dataset.from_arrays(X, [0, 3, 1]).n_classes == 4
    ds = Dataset.from_arrays(X, [0, 1, 1], n_classes=5)
    assert ds.n_classes == 5 and ds.class_names[-1] == "class 5"


def test_float_whole_number_labels_accepted():
    ds = Dataset.from_arrays(np.zeros((2, 2)), np.array([0.0, 1.0]))
    assert ds.y.dtype == np.int64


def test_from_labels_strings():
    X = np.arange(8.0).reshape(4, 2)
    ds = Dataset.from_labels(X, ["dog", "cat", "dog", "bird"])
    assert ds.class_names == ("bird", "cat", "dog")
    np.testing.assert_array_equal(ds.y, [2, 1, 2, 0])
    assert ds.n_classes == 3


def test_from_labels_numbers():
    ds = Dataset.from_labels(np.zeros((3, 2)), [-1, 1, 1])
    np.testing.assert_array_equal(ds.y, [0, 1, 1])
    assert ds.class_names == ("-1", "1")


def test_empty():
    ds = Dataset.empty()
    assert ds.X.shape == (0, 2) and ds.n_classes == 2
    assert ds.nearest(0, 0) is None
    reg = Dataset.empty("regression")
    assert reg.X.shape == (0, 1) and reg.plot_points().shape == (0, 2)
    assert Dataset.empty(n_classes=4).n_classes == 4


@pytest.mark.parametrize(
    "X, y, kwargs, message",
    [
        (np.zeros(4), [0, 1, 0, 1], {}, "shape"),
        (np.zeros((4, 1)), [0, 1, 0, 1], {}, "shape"),
        (np.zeros((4, 2)), [0, 1, 0], {}, "samples"),
        (np.zeros((2, 2)), [[0], [1]], {}, "shape"),
        (np.array([[0, np.nan], [1, 1]]), [0, 1], {}, "NaN"),
        (np.array([[0, np.inf], [1, 1]]), [0, 1], {}, "infinite"),
        (np.zeros((2, 2)), [0, 10], {}, "0..9"),
        (np.zeros((2, 2)), [-1, 1], {}, "0..9"),
        (np.zeros((2, 2)), [0, 0.5], {}, "whole-number"),
        (np.zeros((2, 2)), ["a", "b"], {}, "from_labels"),
        (np.zeros((2, 2)), [0, 1], {"task": "clustering"}, "task"),
        (np.zeros((2, 2)), [0, 1], {"test_fraction": 1.5}, "test_fraction"),
        (np.zeros((2, 2)), [0, 1], {"n_classes": 11}, "at most 10"),
        (np.zeros((2, 3)), [0.0, 1.0], {"task": "regression"}, "shape"),
        (np.zeros((2, 1)), [0.0, np.nan], {"task": "regression"}, "NaN"),
    ],
)
def test_validation_errors(X, y, kwargs, message):
    with pytest.raises(ValueError, match=message):
        Dataset.from_arrays(X, y, **kwargs)


def test_from_labels_too_many_classes():
    with pytest.raises(ValueError, match="at most 10"):
        Dataset.from_labels(np.zeros((11, 2)), list("abcdefghijk"))


# ------------------------------------------------------------------ immutability
def test_arrays_read_only_and_private():
    X = np.zeros((4, 2))
    y = np.array([0, 1, 0, 1])
    ds = Dataset.from_arrays(X, y)
    X[0, 0] = 99.0
    y[0] = 1
    assert ds.X[0, 0] == 0.0 and ds.y[0] == 0  # private copies
    for arr in (ds.X, ds.y, ds.is_test, ds.train_X, ds.test_y, ds.plot_points()):
        with pytest.raises(ValueError):
            arr[0] = 1


def test_fields_frozen():
    ds = small()
    with pytest.raises(AttributeError):
        ds.task = "regression"


def test_equality_is_identity_same_as_compares_contents():
    a, b = small(), small()
    assert a != b and a.same_as(b)
    assert not a.same_as(a.moved(0, (5, 5)))
    assert not a.same_as(regression())


# ------------------------------------------------------------------ edits
def test_with_points_appends_and_keeps_old():
    ds = small()
    before = ds.X.copy()
    new = ds.with_points([[3.0, 3.0], [4.0, 4.0]], [2, 0], [True, False])
    assert new is not ds and new.n_samples == 7 and new.n_classes == 3
    np.testing.assert_array_equal(new.X[5:], [[3, 3], [4, 4]])
    np.testing.assert_array_equal(new.y[5:], [2, 0])
    np.testing.assert_array_equal(new.is_test[5:], [True, False])
    assert new.class_names == ("class 1", "class 2", "class 3")
    np.testing.assert_array_equal(ds.X, before)
    assert ds.n_samples == 5 and ds.n_classes == 2


def test_with_points_scalar_label_and_flag():
    new = small().with_points([[3.0, 3.0], [4.0, 4.0]], 1)
    np.testing.assert_array_equal(new.y[5:], [1, 1])
    assert not new.is_test[5:].any()


def test_with_points_keeps_custom_names():
    ds = Dataset.from_labels(np.zeros((2, 2)), ["a", "b"])
    assert ds.with_points([[1.0, 1.0]], [2]).class_names == ("a", "b", "class 3")


def test_with_points_regression_uses_plot_coordinates():
    new = regression().with_points([[5.0, 7.0]], None)
    assert new.X[-1, 0] == 5.0 and new.y[-1] == 7.0


def test_with_points_validation():
    ds = small()
    with pytest.raises(ValueError, match="NaN"):
        ds.with_points([[np.nan, 0.0]], [0])
    with pytest.raises(ValueError, match=r"0\.\.9"):
        ds.with_points([[0.0, 0.0]], [10])
    with pytest.raises(ValueError, match="labels"):
        ds.with_points([[0.0, 0.0]], None)


def test_without():
    ds = small()
    new = ds.without([0, 2, 2])
    assert new.n_samples == 3 and ds.n_samples == 5
    np.testing.assert_array_equal(new.X, ds.X[[1, 3, 4]])
    np.testing.assert_array_equal(new.is_test, ds.is_test[[1, 3, 4]])
    assert ds.without(1).n_samples == 4
    # Removing every point of a class keeps the class declared.
    assert ds.without([1, 3, 4]).n_classes == 2
    with pytest.raises(IndexError):
        ds.without(5)


def test_moved():
    ds = small()
    new = ds.moved(1, (3.5, -2.0))
    np.testing.assert_array_equal(new.X[1], [3.5, -2.0])
    np.testing.assert_array_equal(ds.X[1], [1.0, 0.0])
    assert new.y[1] == ds.y[1]
    with pytest.raises(IndexError):
        ds.moved(5, (0, 0))
    with pytest.raises(ValueError):
        ds.moved(0, (np.inf, 0))


def test_moved_regression_changes_target():
    ds = regression().moved(0, (1.5, 4.0))
    assert ds.X[0, 0] == 1.5 and ds.y[0] == 4.0


def test_relabeled():
    ds = small()
    new = ds.relabeled(0, 4)
    assert new.y[0] == 4 and new.n_classes == 5 and ds.y[0] == 0
    with pytest.raises(ValueError):
        ds.relabeled(0, 10)
    assert regression().relabeled(1, 2.5).y[1] == 2.5


def test_nearest():
    ds = small()
    assert ds.nearest(0.9, 0.1) == 1
    assert ds.nearest(10, 10) == 4
    assert ds.nearest(10, 10, max_distance=1.0) is None
    assert ds.nearest(0.0, 0.5) == 0  # tie between 0 and 2: lowest index


def test_nearest_regression_uses_target_axis():
    ds = regression()
    # By x alone point 0 (x=-1) would be nearest; in the plot (0, 0.5) is.
    assert ds.nearest(-0.6, 0.5) == 1
    assert ds.nearest(1.8, -1.5) == 2


# ------------------------------------------------------------------ split
@pytest.mark.parametrize("n, fraction", [(200, 0.2), (7, 0.5), (10, 0.0), (10, 1.0), (3, 0.33), (1, 0.5)])
def test_split_size_exact(n, fraction):
    rng = np.random.default_rng(0)
    ds = Dataset.from_arrays(rng.normal(size=(n, 2)), rng.integers(0, 3, n), test_fraction=fraction)
    assert ds.n_test == int(np.floor(fraction * n + 0.5))
    assert ds.n_train + ds.n_test == n
    assert ds.train_X.shape == (ds.n_train, 2) and ds.test_y.shape == (ds.n_test,)


def test_split_stratified():
    y = np.repeat([0, 1, 2], [100, 50, 10])
    mask = split_mask(y, "classification", 0.2, seed=3)
    assert mask.sum() == 32
    assert [mask[y == k].sum() for k in range(3)] == [20, 10, 2]


def test_split_keeps_small_classes_on_both_sides():
    y = np.array([0] * 20 + [1, 1] + [2, 2, 2])
    mask = split_mask(y, "classification", 0.1, seed=0)
    assert mask.sum() == 3  # 25 * 0.1 = 2.5 rounds half up
    for k in (1, 2):
        assert 0 < mask[y == k].sum() < (y == k).sum()


def test_split_deterministic_and_seeded():
    ds = Dataset.from_arrays(np.zeros((50, 2)), np.arange(50) % 2)
    again = Dataset.from_arrays(np.zeros((50, 2)), np.arange(50) % 2)
    assert ds.same_as(again)
    other = ds.with_test_fraction(0.2, seed=5)
    assert not np.array_equal(ds.is_test, other.is_test)
    assert other.n_test == 10


def test_with_test_fraction():
    ds = small()
    new = ds.with_test_fraction(0.0)
    assert new.n_test == 0 and ds.n_test == 2
    np.testing.assert_array_equal(new.X, ds.X)


def test_repr_is_short():
    assert "n_samples=5" in repr(small())
