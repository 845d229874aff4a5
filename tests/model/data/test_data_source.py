"""A DataSource says where the points came from: in words a person reads, as the dataset a challenge checks, and,
carried by a real data set's Dataset as its origin, as what loads exactly those arrays again."""

from __future__ import annotations

import numpy as np
import pytest

from model.data import real_datasets
from model.data.data_source import DataSource
from model.data.dataset import Dataset
from model.data.generators import make
from model.data.view_plane import ViewPlane


def test_generated_data_is_named_with_how_it_was_made_until_edited():
    source = DataSource.generated("moons", 200, 0.1, 0, 3, 0.2)
    ds = source.regenerate()
    assert ds.same_as(make("moons", 200, 0.1, 0, 3, 0.2))
    assert source.describe(ds) == "Two moons: 2 classes, 200 points (40 test), noise 0.1, seed 0"
    assert source.generator == "moons"
    edited = source.after_edit()
    assert edited.generator is None and edited.after_edit() == edited
    more = ds.with_points(np.array([[0.0, 0.0]]), 1, False)
    assert edited.describe(more) == "Two moons, edited: 2 classes, 201 points (40 test)"


def test_drawn_file_and_unknown_data_are_described_by_what_is_there():
    X = np.arange(74, dtype=float).reshape(37, 2)
    drawn = Dataset.from_arrays(X, np.arange(37) % 4, test_fraction=0.0, n_classes=5)
    assert DataSource.drawn().describe(drawn) == "Drawn by hand: 4 classes, 37 points"  # classes that have points
    assert DataSource.drawn().after_edit() == DataSource.drawn()
    assert DataSource.from_file("/home/me/data/moons.csv").describe(drawn) == (
        "From file moons.csv: 4 classes, 37 points"
    )
    assert DataSource.from_file("a.csv").after_edit().describe(drawn).startswith("From file a.csv, edited:")
    curve = Dataset.from_arrays(np.zeros((5, 1)), np.ones(5), task="regression", test_fraction=0.4)
    assert DataSource().describe(curve) == "5 points (2 test), a curve"
    assert DataSource.drawn().describe(Dataset.empty()).startswith("No points")
    assert DataSource.from_file("x.csv").generator is None and DataSource.drawn().generator is None


def test_a_real_data_set_is_a_source_that_makes_it_again_and_says_what_it_is():
    source = DataSource.real("wine", 4, 0.25)
    assert source == DataSource.generated("wine", 178, 0.0, 4, 3, 0.25)  # what the data panel's Generate makes
    ds = source.regenerate()
    assert ds.same_as(real_datasets.load("wine", 0.25, 4)) and ds.origin == source
    assert source.is_real and source.generator == "wine"
    assert source.describe(ds) == "Wine: 3 classes, 178 points (45 test), 13 features, seed 4"
    shown = ds.with_view_plane(ViewPlane.of_features(6, 9))
    assert shown.origin == source  # another view of the same arrays
    edited = shown.relabeled(0, 2)
    assert edited.origin is None  # the edited points are no longer what the loader gives
    assert source.after_edit().describe(edited).startswith("Wine, edited: ")
    assert not DataSource.generated("moons", 200, 0.1, 0, 2, 0.2).is_real and not DataSource.drawn().is_real


def test_a_source_refuses_what_it_cannot_be():
    with pytest.raises(ValueError):
        DataSource("scanned")
    with pytest.raises(ValueError):
        DataSource.generated("nope", 10, 0.1, 0, 2, 0.2)
    with pytest.raises(ValueError):
        DataSource.drawn().regenerate()
    with pytest.raises(ValueError, match="150 points of 3 classes"):
        DataSource.generated("iris", 100, 0.0, 0, 3, 0.2)  # a real data set's size is its own
    for seed in (-1, 2**32):
        with pytest.raises(ValueError, match="seed"):
            DataSource.generated("moons", 200, 0.1, seed, 2, 0.2)
    with pytest.raises(ValueError, match="seed"):
        DataSource(seed=True)
    for fraction in (1.5, -0.1, float("nan")):
        with pytest.raises(ValueError, match="test fraction"):
            DataSource.real("iris", 0, fraction)
    with pytest.raises(ValueError, match="unknown real data set"):
        DataSource.real("mnist", 0, 0.2)


def test_a_dataset_takes_as_origin_only_an_unedited_real_data_sets_source():
    iris = real_datasets.load("iris")
    for wrong in (DataSource.real("iris", 0, 0.2).after_edit(), DataSource.drawn(), ("iris", 0, 0.2)):
        with pytest.raises(ValueError, match="origin"):
            Dataset(iris.X, iris.y, iris.is_test, "classification", 3, origin=wrong)


def test_the_same_points_are_the_same_generator_and_settings_untouched():
    circles = DataSource.generated("circles", 200, 0.05, 13, 2, 0.2)
    assert circles.same_points(DataSource.generated("circles", 200, 0.05, 13, 2, 0.2))
    assert circles.same_points(DataSource.generated("circles", 200, 0.05, 13, 5, 0.2))  # circles ignore the classes
    assert circles.same_points(DataSource.generated("circles", 200, 0.15 - 0.1, 13, 2, 0.2))  # 0.049999…
    for other in (
        DataSource.generated("circles", 10, 0.05, 13, 2, 0.2),  # fewer points
        DataSource.generated("circles", 200, 0.0, 13, 2, 0.2),  # no noise
        DataSource.generated("circles", 200, 0.05, 14, 2, 0.2),
        DataSource.generated("circles", 200, 0.05, 13, 2, 0.5),  # another split
        DataSource.generated("moons", 200, 0.05, 13, 2, 0.2),
        circles.after_edit(),
        DataSource.drawn(),
    ):
        assert not circles.same_points(other) and not other.same_points(circles), other
    spiral = DataSource.generated("spiral", 400, 0.02, 11, 2, 0.2)
    assert not spiral.same_points(DataSource.generated("spiral", 400, 0.02, 11, 3, 0.2))  # three arms
    assert DataSource.real("wine", 4, 0.25).same_points(DataSource.real("wine", 4, 0.25))
    assert not DataSource.real("wine", 4, 0.25).same_points(DataSource.real("wine", 5, 0.25))
    assert DataSource.from_file("a.csv").same_points(DataSource.from_file("a.csv"))
    assert not DataSource.from_file("a.csv").same_points(DataSource.from_file("a.csv").after_edit())
    assert not DataSource.drawn().same_points(DataSource.drawn())  # clicked points are never known to be the same


def test_points_made_from_a_source_are_its_points_edited_or_not():
    """A lesson's data as the person edited it is still made from the lesson's; other settings, other data or
    points cleared and drawn again are not."""
    moons = DataSource.generated("moons", 200, 0.1, 3, 2, 0.2)
    assert moons.made_from(moons) and moons.after_edit().made_from(moons)
    assert moons.after_edit().after_edit().made_from(DataSource.generated("moons", 200, 0.1, 3, 2, 0.2))
    for other in (
        DataSource.generated("moons", 200, 0.1, 4, 2, 0.2).after_edit(),  # edited from another seed
        DataSource.generated("circles", 200, 0.1, 3, 2, 0.2).after_edit(),
        DataSource.drawn(),  # cleared, then clicked
        DataSource(),
    ):
        assert not other.made_from(moons), other
    assert not moons.made_from(moons.after_edit())  # made from edited points: which edits is not known
    assert DataSource.from_file("drawn.csv").after_edit().made_from(DataSource.from_file("drawn.csv"))
    assert not DataSource.from_file("other.csv").after_edit().made_from(DataSource.from_file("drawn.csv"))
    assert DataSource.real("wine", 4, 0.25).after_edit().made_from(DataSource.real("wine", 4, 0.25))
    assert not DataSource.drawn().made_from(DataSource.drawn())
