"""A DataSource says where the points came from, in words a person reads and as the dataset a challenge checks."""

from __future__ import annotations

import numpy as np
import pytest

from model.data.data_source import DataSource
from model.data.dataset import Dataset
from model.data.generators import make


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


def test_a_source_refuses_what_it_cannot_be():
    with pytest.raises(ValueError):
        DataSource("scanned")
    with pytest.raises(ValueError):
        DataSource.generated("nope", 10, 0.1, 0, 2, 0.2)
    with pytest.raises(ValueError):
        DataSource.drawn().regenerate()
