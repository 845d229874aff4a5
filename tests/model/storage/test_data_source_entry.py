"""The data's source kept in a session file is read back range-checked, and a claim to be generated data is
believed only of the points the generator makes."""

from __future__ import annotations

import pytest

from model.data.data_source import DataSource
from model.storage.data_source_entry import read_data_source

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
