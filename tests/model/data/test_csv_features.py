"""CSV files with more than two numeric input columns load as n-D data whose header names the features."""

from __future__ import annotations

import numpy as np
import pytest

from model.data.csv_data_files import MAX_FEATURES
from model.data.data_files import DataFileError, load_dataset, read_dataset, save_dataset_csv
from model.data.real_datasets import load as load_real
from model.data.view_plane import ViewPlane

IRIS_LIKE = (
    "sepal length,sepal width,petal length,petal width,species\n"
    "5.1,3.5,1.4,0.2,setosa\n4.9,3.0,1.4,0.2,setosa\n4.7,3.2,1.3,0.2,setosa\n5.0,3.6,1.4,0.2,setosa\n"
    "7.0,3.2,4.7,1.4,versicolor\n6.4,3.2,4.5,1.5,versicolor\n6.9,3.1,4.9,1.5,versicolor\n5.5,2.3,4.0,1.3,versicolor\n"
    "6.3,3.3,6.0,2.5,virginica\n5.8,2.7,5.1,1.9,virginica\n7.1,3.0,5.9,2.1,virginica\n6.3,2.9,5.6,1.8,virginica\n"
)


def _write(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_numeric_input_column_is_a_feature_named_by_the_header(tmp_path):
    loaded = read_dataset(_write(tmp_path, IRIS_LIKE))
    ds = loaded.dataset
    assert ds.n_features == 4
    assert ds.feature_names == ("sepal length", "sepal width", "petal length", "petal width")
    assert ds.class_names == ("setosa", "versicolor", "virginica")
    np.testing.assert_array_equal(ds.X[4], [7.0, 3.2, 4.7, 1.4])
    assert ds.view_plane == ViewPlane.pca()  # the plot shows a plane of them
    assert ds.plane_frame().axis_names == ("PC1", "PC2")
    assert not loaded.notes


def test_a_text_column_such_as_an_id_is_left_out_with_a_note(tmp_path):
    text = "id,a,b,c,label\nr1,1,2,3,x\nr2,4,5,6,y\nr3,7,8,9,x\nr4,1,0,1,y\n"
    loaded = read_dataset(_write(tmp_path, text))
    assert loaded.dataset.feature_names == ("a", "b", "c")
    assert "'id'" in loaded.notes[0] and "not numeric" in loaded.notes[0]


def test_a_bad_cell_in_a_third_feature_names_file_row_and_column(tmp_path):
    text = IRIS_LIKE.replace("6.9,3.1,4.9,1.5", "6.9,3.1,4.9,inf")
    with pytest.raises(DataFileError) as info:
        load_dataset(_write(tmp_path, text, "flowers.csv"))
    assert str(info.value) == "flowers.csv, row 8, column 'petal width': 'inf' is not a finite number"


def test_without_a_header_the_features_are_x1_to_xn(tmp_path):
    ds = load_dataset(_write(tmp_path, "1,2,3,0\n4,5,6,1\n7,8,9,0\n1,1,1,1\n"))
    assert ds.feature_names == ("x1", "x2", "x3")
    np.testing.assert_array_equal(ds.X[:, 2], [3, 6, 9, 1])


def test_more_columns_than_the_cap_use_the_first_ones(tmp_path):
    n = MAX_FEATURES + 3
    header = ",".join([f"f{i}" for i in range(n)] + ["label"])
    rows = [",".join([str(r + i) for i in range(n)] + [str(r % 2)]) for r in range(6)]
    loaded = read_dataset(_write(tmp_path, "\n".join([header, *rows]) + "\n"))
    assert loaded.dataset.n_features == MAX_FEATURES
    assert "ignored 3 extra input column(s)" in loaded.notes[0]


def test_regression_still_reads_two_inputs(tmp_path):
    loaded = read_dataset(_write(tmp_path, "a,b,c,target\n1,2,3,0.5\n4,5,6,1.5\n7,8,9,2.5\n"))
    assert loaded.dataset.task == "regression" and loaded.dataset.n_features == 2


def test_two_named_columns_among_text_columns_stay_the_plot_axes(tmp_path):
    loaded = read_dataset(_write(tmp_path, "id,x2,x1,label\na,1,2,0\nb,3,4,1\n"))
    np.testing.assert_array_equal(loaded.dataset.X, [[2, 1], [4, 3]])
    assert loaded.dataset.view_plane is None


@pytest.mark.parametrize("name", ["iris", "wine"])
def test_real_data_saved_as_csv_reads_back_with_its_feature_names(tmp_path, name):
    ds = load_real(name)
    path = tmp_path / f"{name}.csv"
    save_dataset_csv(ds, path)
    back = load_dataset(path)
    np.testing.assert_array_equal(back.X, ds.X)
    np.testing.assert_array_equal(back.is_test, ds.is_test)
    assert back.feature_names == ds.feature_names
    assert back.class_names == ds.class_names
    np.testing.assert_array_equal(back.y, ds.y)


def test_two_inputs_are_named_by_the_header_and_saved_with_their_names(tmp_path):
    loaded = load_dataset(_write(tmp_path, "width,height,label\n1,2,a\n3,4,b\n5,6,a\n7,8,b\n"))
    assert loaded.feature_names == ("width", "height")
    again = tmp_path / "again.csv"
    save_dataset_csv(loaded, again)
    assert again.read_text().splitlines()[0] == "width,height,label,is_test"
    assert load_dataset(again).same_as(loaded)
