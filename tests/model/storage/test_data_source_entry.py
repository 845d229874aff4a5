"""The data's source kept in a session file is read back range-checked, and a claim to be generated data is
believed only of the points the generator makes; a real data set's origin entry is read back checked too."""

from __future__ import annotations

import pytest

from model.data import real_datasets
from model.data.data_source import DataSource
from model.data.dataset import Dataset
from model.data.view_plane import ViewPlane
from model.storage.data_source_entry import origin_entry, read_data_source, read_origin

XOR = DataSource.generated("xor", 200, 0.1, 12, 2, 0.2)


def test_a_generated_source_comes_back_for_its_own_points():
    ds = XOR.regenerate()
    assert read_data_source(XOR.to_dict(), ds) == XOR
    edited = XOR.after_edit()
    fewer = ds.without([0])
    assert read_data_source(edited.to_dict(), fewer) == edited  # edited: nothing to regenerate
    assert read_data_source(XOR.to_dict(), fewer) is None  # claims the generator's points, holds others
    moved = ds.moved(3, (0.5, 0.5))
    assert read_data_source(XOR.to_dict(), moved) is None


def test_files_and_drawings_come_back_by_name():
    ds = XOR.regenerate()
    for source in (DataSource.from_file("moons.csv"), DataSource.from_file("a.csv").after_edit(), DataSource.drawn()):
        assert read_data_source(source.to_dict(), ds) == source


@pytest.mark.parametrize(
    "field, value",
    [
        ("kind", "scanned"),
        ("kind", None),
        ("name", "nope"),
        ("name", 3),
        ("n_samples", 10**400),
        ("n_samples", 0),
        ("n_samples", 2.5),
        ("noise", float("nan")),
        ("noise", -1),
        ("seed", -1),
        ("seed", 2**31),
        ("n_classes", 11),  # at most MAX_CLASSES = 10 (the digits)
        ("n_classes", True),
        ("test_fraction", 1.5),
        ("edited", "no"),
    ],
)
def test_every_field_is_range_checked(field, value):
    ds = XOR.regenerate()
    assert read_data_source({**XOR.to_dict(), field: value}, ds) is None


def test_anything_else_is_no_source():
    ds = XOR.regenerate()
    for value in (None, [], "xor", 3, {"name": "x" * 300, "kind": "file"}):
        assert read_data_source(value, ds) is None
    assert read_data_source({**XOR.to_dict(), "n_samples": 1_000_000}, ds) is None  # not generated to find out


def test_a_real_data_sets_source_is_believed_of_its_points_on_any_plane_only():
    source = DataSource.real("wine", 4, 0.25)
    shown = real_datasets.load("wine", 0.25, 4).with_view_plane(ViewPlane.of_features(6, 9))
    assert read_data_source(source.to_dict(), shown) == source
    assert read_data_source(source.to_dict(), shown.relabeled(0, 2)) is None
    # wine has 178 points: an entry that says 150 is no source; the points' own origin is
    assert read_data_source({**source.to_dict(), "n_samples": 150}, shown) == shown.origin == source


def test_without_an_entry_a_real_data_sets_origin_is_its_source_if_it_loads_these_points():
    iris = real_datasets.load("iris", 0.3, 2)
    assert read_data_source(None, iris) == iris.origin == DataSource.real("iris", 2, 0.3)
    assert read_data_source({"kind": "drawn"}, iris) == DataSource.drawn()  # an entry says more than the origin
    claimed = Dataset(iris.X + 1.0, iris.y, iris.is_test, "classification", 3, origin=iris.origin)
    assert read_data_source(None, claimed) is None  # a file's claim is believed of the loader's points only


def test_an_origin_entry_reads_back_as_the_source_that_loads_the_data_again():
    origin = real_datasets.load("iris", 0.3, 2).origin
    assert origin_entry(origin) == {"name": "iris", "seed": 2, "test_fraction": 0.3}  # the saved form, unchanged
    assert read_origin(origin_entry(origin)) == origin == DataSource.real("iris", 2, 0.3)
    assert origin_entry(None) is None and read_origin(None) is None


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"name": "", "seed": 0, "test_fraction": 0.2}, "no data set this program knows"),
        ({"name": "moons", "seed": 0, "test_fraction": 0.2}, "no data set this program knows"),  # not a real one
        ({"name": "iris", "seed": -1, "test_fraction": 0.2}, "seed = -1 is out of range"),
        ({"name": "iris", "seed": 2**32, "test_fraction": 0.2}, "seed = 4294967296 is out of range"),
        ({"name": "iris", "seed": 0, "test_fraction": 1.5}, "test_fraction = 1.5 is out of range"),
        ({"name": "iris", "seed": True, "test_fraction": 0}, "seed = True is out of range"),
        ({"name": "iris", "seed": 0}, "a data origin is"),
        ("iris", "a data origin is"),
    ],
)
def test_an_origin_entry_is_range_checked(bad, message):
    with pytest.raises(ValueError, match=message):
        read_origin(bad)
