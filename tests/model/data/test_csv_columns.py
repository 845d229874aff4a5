"""CSV files as they come from elsewhere: a column that numbers the rows (Kaggle's "Id", pandas' unnamed index) is
no measurement and is left out, with a note; with no column named as the label, the last column is it (an
insurance table's charges, a regression, its columns of words left out with a note), unless the first column is
the only one of words, 2 to 10 different (Kaggle's breast cancer file keeps its diagnosis first, after the ids);
a label that cannot be read says which column was taken for it and why. Files this app writes read as before."""

from __future__ import annotations

import numpy as np
import pytest

from model.data.data_files import DataFileError, read_dataset, save_dataset_csv
from model.data.dataset import Dataset

SPECIES = ["Iris-setosa", "Iris-versicolor", "Iris-virginica"]


def _write(tmp_path, header, rows, name="data.csv"):
    path = tmp_path / name
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _measures(k):
    """Four measurements of row k that vary, none of them the row's number."""
    return [round(5 + (k % 7) * 0.3, 1), round(3 + (k % 5) * 0.2, 1), round(1 + (k % 11) * 0.4, 1), (k % 3) * 0.8]


def test_kaggles_iris_leaves_its_id_column_out_and_says_so(tmp_path):
    rows = [",".join([str(k + 1), *map(str, _measures(k)), SPECIES[k % 3]]) for k in range(30)]
    loaded = read_dataset(_write(tmp_path, "Id,SepalLengthCm,SepalWidthCm,PetalLengthCm,PetalWidthCm,Species", rows))
    ds = loaded.dataset
    assert ds.feature_names == ("SepalLengthCm", "SepalWidthCm", "PetalLengthCm", "PetalWidthCm")
    np.testing.assert_array_equal(ds.X[:, 0], [_measures(k)[0] for k in range(30)])
    assert ds.class_names == tuple(SPECIES) and ds.n_samples == 30
    assert loaded.notes == ("left out 'Id': whole numbers, each different, that number the rows",)


@pytest.mark.parametrize("name, shown", [("", "column 1"), ("Unnamed: 0", "'Unnamed: 0'"), ("index", "'index'")])
def test_a_pandas_index_column_is_left_out(tmp_path, name, shown):
    # df.to_csv(path) writes the index first, under no name, numbered from 0
    rows = [",".join([str(k), *map(str, _measures(k)[:3]), "xy"[k % 2]]) for k in range(20)]
    loaded = read_dataset(_write(tmp_path, f"{name},a,b,c,label", rows))
    assert loaded.dataset.feature_names == ("a", "b", "c")
    assert loaded.notes == (f"left out {shown}: whole numbers, each different, that number the rows",)


def test_kaggles_breast_cancer_takes_the_diagnosis_as_label_and_leaves_the_ids_out(tmp_path):
    ids = [842302, 842517, 84300903, 84348301, 84358402, 843786, 844359, 84458202, 844981, 84501001] * 2
    ids = [i + k for k, i in enumerate(ids)]  # all different, far from consecutive
    rows = [",".join([str(ids[k]), "MB"[k % 2], *map(str, _measures(k))]) for k in range(20)]
    loaded = read_dataset(_write(tmp_path, "id,diagnosis,radius_mean,texture_mean,perimeter_mean,area_mean", rows))
    ds = loaded.dataset
    assert ds.task == "classification" and ds.class_names == ("B", "M")
    assert ds.feature_names == ("radius_mean", "texture_mean", "perimeter_mean", "area_mean")
    np.testing.assert_array_equal(ds.y, [1, 0] * 10)
    assert loaded.notes == (
        "left out 'id': whole numbers, each different, that number the rows",
        "the label is column 'diagnosis': no column is named label, class, target or y, "
        "and it is the first column, the only one of 2 to 10 different words",
    )


def test_kaggles_breast_cancer_as_downloaded_ends_each_line_with_a_comma(tmp_path):
    # the file as Kaggle serves it: quoted header names and a delimiter after every line's last cell
    rows = [",".join([str(842302 + 97 * k), "MB"[k % 2], *map(str, _measures(k))]) + "," for k in range(20)]
    header = ",".join(f'"{n}"' for n in ("id", "diagnosis", "radius_mean", "texture_mean", "area_mean", "smoothness"))
    loaded = read_dataset(_write(tmp_path, header + ",", rows))
    ds = loaded.dataset
    assert ds.task == "classification" and ds.class_names == ("B", "M")
    assert ds.feature_names == ("radius_mean", "texture_mean", "area_mean", "smoothness")
    np.testing.assert_array_equal(ds.X[:, 3], [_measures(k)[3] for k in range(20)])
    assert not any("ignored" in note or "column 7" in note for note in loaded.notes), loaded.notes


def test_a_file_of_a_test_flag_and_an_empty_column_is_refused_by_name(tmp_path):
    # found by the file fuzzer: no column is left to be a label once the nameless, valueless one is passed over
    path = tmp_path / "data.csv"
    path.write_text("is_test,\n0.0,", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"data\.csv: has no label or input columns"):
        read_dataset(path)


def test_an_empty_column_with_a_name_is_still_a_gap_to_refuse(tmp_path):
    # only a column nothing was written in, not even a name, is passed over: a named one left empty is a mistake
    rows = [",".join([*map(str, _measures(k)[:2]), "", "xy"[k % 2]]) for k in range(10)]
    with pytest.raises(DataFileError) as error:
        read_dataset(_write(tmp_path, "a,b,c,label", rows))
    assert "column 'c': the cell is empty" in str(error.value)


SEXES, SMOKERS, REGIONS = ("female", "male"), ("no", "yes"), ("northeast", "northwest", "southeast", "southwest")


def _insurance_rows(n):
    """Rows of a table like Kaggle's insurance.csv: age, sex, bmi, children, smoker, region, charges."""
    return [
        f"{18 + k % 47},{SEXES[k % 2]},{22 + (k * 7 % 19) * 0.55:.2f},{k % 4},{SMOKERS[k % 5 == 0]},"
        f"{REGIONS[k % 4]},{1121.87 + k * 397.3 + (k % 5 == 0) * 20_000:.2f}"
        for k in range(n)
    ]


def test_an_insurance_table_is_a_regression_of_its_last_column_its_text_columns_left_out(tmp_path):
    rows = _insurance_rows(40)
    loaded = read_dataset(_write(tmp_path, "age,sex,bmi,children,smoker,region,charges", rows, "insurance.csv"))
    ds = loaded.dataset
    assert ds.task == "regression"
    np.testing.assert_array_equal(ds.y, [float(row.split(",")[-1]) for row in rows])
    np.testing.assert_array_equal(ds.X, [[float(row.split(",")[0]), float(row.split(",")[2])] for row in rows])
    assert ds.feature_names == ("age", "bmi")
    assert loaded.notes == (
        "left out 3 text column(s) 'sex', 'smoker', 'region': they are not numeric",
        "ignored 1 extra input column(s) 'children': the playground plots two inputs",
        "read as regression of 'charges' from 'age' and 'bmi': the labels are numeric targets",
    )


def test_a_last_column_of_few_words_after_other_columns_of_words_is_the_label(tmp_path):
    rows = [f"{20 + k},{SEXES[k % 2]},{22 + k * 0.7:.1f},{1000 + k * 37.5},{SMOKERS[k % 3 == 0]}" for k in range(24)]
    loaded = read_dataset(_write(tmp_path, "age,sex,bmi,charges,smoker", rows))
    ds = loaded.dataset
    assert ds.task == "classification" and ds.class_names == ("no", "yes")
    assert ds.feature_names == ("age", "bmi", "charges")
    assert loaded.notes == ("left out 1 text column(s) 'sex': they are not numeric",)


def test_a_last_column_of_numbers_is_still_a_regression_target(tmp_path):
    rows = [f"{k + 1},{k % 6 + 1},{50 + k * 3.5},{100_000 + k * 1234.5}" for k in range(30)]
    loaded = read_dataset(_write(tmp_path, "Id,rooms,area,price", rows))
    ds = loaded.dataset
    assert ds.task == "regression"
    np.testing.assert_array_equal(ds.X[:, 0], [k % 6 + 1 for k in range(30)])  # rooms and area, not the Id
    np.testing.assert_array_equal(ds.y, [100_000 + k * 1234.5 for k in range(30)])
    assert loaded.notes == (
        "left out 'Id': whole numbers, each different, that number the rows",
        "read as regression of 'price' from 'rooms' and 'area': the labels are numeric targets",
    )


def test_a_label_that_cannot_be_read_names_the_column_taken_and_why(tmp_path):
    rows = [f"{k * 0.5},{k % 4},{['a', 'b', 'c'][k % 3]}{k}" for k in range(30)]  # 30 different words
    with pytest.raises(DataFileError) as error:
        read_dataset(_write(tmp_path, "width,height,name", rows))
    assert str(error.value) == (
        "data.csv, column 'name': has 30 different labels; the playground supports at most 10 classes "
        "(taken as the label: no column is named label, class, target or y, so the last column is)"
    )


def test_an_empty_label_in_a_column_of_words_names_its_row_column_and_why(tmp_path):
    rows = [f"{k},{'MB'[k % 2] if k != 5 else ''},{k * 0.5},{k % 3}" for k in range(12)]
    with pytest.raises(DataFileError) as error:
        read_dataset(_write(tmp_path, "id,diagnosis,radius,texture", rows))
    assert str(error.value).startswith("data.csv, row 7, column 'diagnosis': the label is empty (taken as the label: ")


def test_columns_named_like_ids_that_do_not_number_the_rows_stay_inputs(tmp_path):
    # repeated "ids" (a patient seen twice) and a count in a column named x1 are measurements
    rows = [f"{k // 2},{k},{k % 5},{k % 3},{k % 2}" for k in range(12)]
    loaded = read_dataset(_write(tmp_path, "id,x1,b,c,label", rows))
    assert loaded.dataset.feature_names == ("id", "x1", "b", "c") and not loaded.notes


def test_two_inputs_beside_an_id_keep_the_id_as_before(tmp_path):
    # left out, the id would leave one input: no plot and no classification
    rows = [f"{k + 1},{k * 0.5},{k % 2}" for k in range(10)]
    ds = read_dataset(_write(tmp_path, "id,width,label", rows)).dataset
    np.testing.assert_array_equal(ds.X[:, 0], np.arange(1, 11))


def test_data_this_app_saves_with_a_feature_named_id_reads_back_the_same_points(tmp_path):
    X = np.column_stack([np.arange(12.0), np.linspace(0, 1, 12), np.arange(12.0) % 4])
    y = np.arange(12) % 2
    ds = Dataset(X, y, np.arange(12) % 4 == 0, "classification", 2, ("dog", "cat"), ("id", "weight", "legs"))
    path = tmp_path / "pets.csv"
    save_dataset_csv(ds, path)
    loaded = read_dataset(path)
    back = loaded.dataset
    np.testing.assert_array_equal(back.X, ds.X)
    np.testing.assert_array_equal(back.y, ds.y)
    assert back.class_names == ("dog", "cat") and not loaded.notes  # its class_index column is no ignored input
