"""Session files written before the data's source and a real data set's origin became one ``DataSource`` still open,
say where their data came from, and save again as the very same arrays and metadata (the format's version 3 only
adds the list of compared models, empty here).

The files in ``sessions_of_743b2c9`` were written by the code of commit 743b2c9 (``save_session`` with the view's
``data_source`` entry as the GUI writes it):

- ``iris.npz``: ``real_datasets.load("iris", 0.25, 7)``, a logistic model after 4 epochs; the view's source is
  ``DataSource.generated("iris", 150, 0.0, 7, 3, 0.25)``, the dataset's origin ``{"iris", 7, 0.25}``.
- ``xor.npz``: ``DataSource.generated("xor", 40, 0.1, 12, 2, 0.2)``'s points, an MLP of 3 tanh units, 3 epochs.
- ``points_edited.npz``: those points less the first, a perceptron after 2 epochs; the source is the file
  ``points.csv``, edited.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from model.data import real_datasets
from model.data.data_source import DataSource
from model.storage.data_source_entry import KEY, read_data_source
from model.storage.safe_files import read_npz
from model.storage.script_data import real_data_lines
from model.storage.session_files import load_session, save_session

SAVED = Path(__file__).with_name("sessions_of_743b2c9")


def test_a_real_data_session_opens_with_its_origin_and_its_source():
    session, view = load_session(SAVED / "iris.npz")
    ds = session.dataset
    assert ds.origin == DataSource.real("iris", 7, 0.25)
    # the arrays, description and plane as loading the data set makes them; the features' names as the file holds
    # them (the loader's, written before the names said the numbers are standardised)
    loaded = real_datasets.load("iris", 0.25, 7)
    assert ds.feature_names == real_datasets.raw("iris")[2] == ("sepal length (cm)", *ds.feature_names[1:])
    assert ds.same_as(replace(loaded, feature_names=ds.feature_names))
    source = read_data_source(view[KEY], ds)
    assert source == ds.origin
    assert source.describe(ds) == "Iris: 3 classes, 150 points (38 test), 4 features, seed 7"
    assert real_data_lines(ds) is not None  # exports load it through scikit-learn again
    assert session.epoch == 4


def test_generated_and_edited_file_data_open_with_their_sources():
    session, view = load_session(SAVED / "xor.npz")
    source = read_data_source(view[KEY], session.dataset)
    assert source == DataSource.generated("xor", 40, 0.1, 12, 2, 0.2) and source.generator == "xor"
    assert session.dataset.origin is None
    session, view = load_session(SAVED / "points_edited.npz")
    source = read_data_source(view[KEY], session.dataset)
    assert source == DataSource.from_file("points.csv").after_edit()
    assert source.describe(session.dataset).startswith("From file points.csv, edited: 2 classes, 39 points")


def _contents(path):
    arrays = read_npz(path)
    meta = json.loads(str(arrays.pop("meta")[()]))
    return meta, arrays


@pytest.mark.parametrize("name", ["iris.npz", "xor.npz", "points_edited.npz"])
def test_saved_again_they_are_the_same_arrays_and_settings(tmp_path, name):
    session, view = load_session(SAVED / name)
    save_session(session, tmp_path / name, view)
    (old_meta, old_arrays), (new_meta, new_arrays) = _contents(SAVED / name), _contents(tmp_path / name)
    assert (old_meta.pop("version"), new_meta.pop("version")) == (2, 3)
    assert new_meta.pop("members") == []
    assert new_meta == old_meta
    assert new_arrays.keys() == old_arrays.keys()
    for key, array in old_arrays.items():
        assert new_arrays[key].dtype == array.dtype and new_arrays[key].tobytes() == array.tobytes()
