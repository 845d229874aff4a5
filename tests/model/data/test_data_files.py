"""Opening and saving datasets: CSV rules, error messages with row and column, round trips."""

from __future__ import annotations

import os

import numpy as np
import pytest

from model.data import csv_table, data_files
from model.data.data_files import DataFileError, load_dataset, read_dataset, save_dataset_csv, save_dataset_npz
from model.data.dataset import Dataset
from model.data.generators import make
from model.storage import safe_files


def _write(tmp_path, text, name="data.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def _error(tmp_path, text, name="data.csv") -> DataFileError:
    with pytest.raises(DataFileError) as info:
        load_dataset(_write(tmp_path, text, name))
    assert isinstance(info.value, ValueError)
    return info.value


# ------------------------------------------------------------------------- reading CSV
def test_header_and_string_labels(tmp_path):
    ds = load_dataset(_write(tmp_path, "x1,x2,label\n0,1,cat\n2,3,dog\n4,5,cat\n1,1,dog\n"))
    assert ds.task == "classification" and ds.n_samples == 4
    assert ds.class_names == ("cat", "dog")
    np.testing.assert_array_equal(ds.y, [0, 1, 0, 1])
    np.testing.assert_array_equal(ds.X, [[0, 1], [2, 3], [4, 5], [1, 1]])


def test_no_header_label_is_the_last_column(tmp_path):
    ds = load_dataset(_write(tmp_path, "0.5,1,1\n2,3,0\n-4,5e-1,1\n"))
    np.testing.assert_array_equal(ds.X, [[0.5, 1], [2, 3], [-4, 0.5]])
    np.testing.assert_array_equal(ds.y, [1, 0, 1])
    assert ds.class_names == ("0", "1")  # the labels as written, each its own class: 0 the first


def test_a_number_row_ending_in_a_word_is_data_not_a_header(tmp_path):
    ds = load_dataset(_write(tmp_path, "1,2,red\n3,4,blue\n5,6,red\n"))
    assert ds.n_samples == 3 and ds.class_names == ("blue", "red")


def test_label_column_found_by_name_anywhere(tmp_path):
    ds = load_dataset(_write(tmp_path, "Class,x1,x2\na,1,2\nb,3,4\n"))
    np.testing.assert_array_equal(ds.X, [[1, 2], [3, 4]])
    assert ds.class_names == ("a", "b")


def test_numeric_labels_that_are_not_0_to_k_become_names(tmp_path):
    ds = load_dataset(_write(tmp_path, "x1,x2,label\n0,0,2\n1,1,10\n2,2,2\n3,3,-1\n"))
    assert ds.class_names == ("-1", "2", "10")  # sorted as numbers
    np.testing.assert_array_equal(ds.y, [1, 2, 1, 0])


def test_is_test_column_is_kept(tmp_path):
    text = "x1,x2,y,is_test\n0,0,0,1\n1,1,1,0\n2,2,0,true\n3,3,1,train\n"
    ds = load_dataset(_write(tmp_path, text))
    np.testing.assert_array_equal(ds.is_test, [True, False, True, False])


def test_without_is_test_a_seeded_split_is_drawn(tmp_path):
    rows = "".join(f"{i},{i % 3},{i % 2}\n" for i in range(50))
    path = _write(tmp_path, "x1,x2,label\n" + rows)
    a, b = load_dataset(path, test_fraction=0.3, seed=4), load_dataset(path, test_fraction=0.3, seed=4)
    assert a.n_test == 15 and np.array_equal(a.is_test, b.is_test)


@pytest.mark.parametrize(
    "text, task, n_features",
    [
        ("x,y\n0,0.5\n1,1.5\n2,0.25\n", "regression", 1),  # one input: a curve
        ("x,y\n0,1\n1,2\n2,1\n", "regression", 1),  # one input, whole targets
        ("x1,x2,y\n0,0,0.5\n1,1,1.5\n2,2,0.25\n", "regression", 2),  # y with fractions
        ("x1,x2,y\n0,0,0\n1,1,1\n2,2,1\n", "classification", 2),  # y with 0/1
        ("x1,x2,target\n0,0,1\n1,1,2\n2,2,1\n", "regression", 2),  # target is always a target
        ("x1,x2,label\n0,0,0.5\n1,1,1.5\n2,2,0.5\n", "classification", 2),  # label never is
    ],
)
def test_regression_or_classification(tmp_path, text, task, n_features):
    ds = load_dataset(_write(tmp_path, text))
    assert (ds.task, ds.n_features) == (task, n_features)


def test_many_distinct_numbers_without_a_header_are_regression(tmp_path):
    rows = "".join(f"{i},{-i},{i * 0.37:.3f}\n" for i in range(20))
    ds = load_dataset(_write(tmp_path, rows))
    assert ds.task == "regression" and ds.n_features == 2
    assert ds.y[3] == pytest.approx(1.11)


def test_float_class_labels_keep_their_text(tmp_path):
    ds = load_dataset(_write(tmp_path, "x1,x2,label\n0,0,0.5\n1,1,1.5\n"))
    assert ds.class_names == ("0.5", "1.5")


@pytest.mark.parametrize(
    "text",
    [
        "x1;x2;label\n0;1;a\n2;3;b\n",
        "x1\tx2\tlabel\n0\t1\ta\n2\t3\tb\n",
        "\ufeffx1,x2,label\r\n0,1,a\r\n\r\n2,3,b\r\n",  # BOM, CRLF, a blank line
        ' x1 , x2 ,label\n"0", 1 ,"a"\n2,3,b,,\n',  # spaces, quotes, trailing empties
    ],
)
def test_dialects(tmp_path, text):
    ds = load_dataset(_write(tmp_path, text))
    np.testing.assert_array_equal(ds.X, [[0, 1], [2, 3]])
    assert ds.class_names == ("a", "b")


def test_windows_1252_text_is_accepted(tmp_path):
    ds = load_dataset(_write(tmp_path, "x1,x2,label\n0,1,café\n2,3,thé\n", encoding="cp1252"))
    assert ds.class_names == ("café", "thé")


def test_extra_input_columns_are_ignored_with_a_note(tmp_path):
    loaded = read_dataset(_write(tmp_path, "id,x2,x1,x3,label\na,1,2,x,0\nb,3,4,y,1\n"))
    # x1 and x2 are found by name, in that order; id and x3 are ignored (even non-numeric)
    np.testing.assert_array_equal(loaded.dataset.X, [[2, 1], [4, 3]])
    assert "'id'" in loaded.notes[0] and "'x3'" in loaded.notes[0]


# -------------------------------------------------------------------------- bad CSV files
@pytest.mark.parametrize(
    "text, row, column, problem",
    [
        ("x1,x2,label\n0,1,a\n1,2,b\n3,4,a\n5,6,b\n7,8,a\n9,abc,b\n", 7, "x2", "'abc' is not a number"),
        ("x1,x2,label\n0,nan,a\n1,2,b\n", 2, "x2", "'nan' is not a finite number"),
        ("x1,x2,label\n0,1,a\n-inf,2,b\n", 3, "x1", "'-inf' is not a finite number"),
        ("x1,x2,label\n0,,a\n1,2,b\n", 2, "x2", "the cell is empty"),
        ("x1,x2,label\n0,1,\n1,2,b\n", 2, "label", "the label is empty"),
        ("x1,x2,label\n0,1,a\n1,2\n", 3, None, "has 2 cells where the header has 3"),
        ("0,1,0\n1,2,1,7\n", 2, None, "has 4 cells where the first row has 3"),
        ("x1,x2,label\n0,1,a\n1,2,a\n", None, "label", "only one class"),
        ("x1,x2,y\n0,1,3\n1,2,nan\n", 3, "y", "'nan' is not a finite number"),
        ("label,is_test\na,1\n", None, None, "has no input columns"),
        ("x1,x2,label,is_test\n0,1,a,maybe\n1,2,b,0\n", 2, "is_test", "'maybe' is not a test flag"),
        ("x1,x2,label\n", None, None, "has no rows of data"),
        ("\n\n  \n", None, None, "is empty"),
        ("1\n2\n", 1, None, "at least two columns"),
        ("a,label\n1,x\n2,y\n", None, None, "needs two input columns"),
    ],
)
def test_bad_csv_names_the_row_and_the_column(tmp_path, text, row, column, problem):
    err = _error(tmp_path, text)
    assert (err.row, err.column) == (row, column)
    assert problem in err.problem
    assert str(err).startswith("data.csv")


def test_the_message_reads_like_a_sentence(tmp_path):
    text = "x1,x2,label\n0,1,a\n1,2,b\n3,4,a\n5,6,b\n7,8,a\n9,abc,b\n"
    assert str(_error(tmp_path, text)) == "data.csv, row 7, column 'x2': 'abc' is not a number"
    assert str(_error(tmp_path, "1,2,0\n1,x,1\n")) == "data.csv, row 2, column 2: 'x' is not a number"


def test_eleven_classes_are_too_many(tmp_path):
    rows = "".join(f"{i},{i},c{i}\n" for i in range(11))
    err = _error(tmp_path, "x1,x2,label\n" + rows)
    assert "11 different labels" in str(err) and err.column == "label"


def test_a_word_among_numeric_targets_is_reported_as_not_a_number(tmp_path):
    rows = [f"{i},{i},{i * 0.5}" for i in range(30)]
    rows[12] = "12,12,oops"
    err = _error(tmp_path, "x1,x2,y\n" + "\n".join(rows))
    assert (err.row, err.column) == (14, "y") and "'oops' is not a number" in str(err)


def test_binary_files_are_refused(tmp_path):
    err = _error(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", name="image.csv")
    assert "not a text file" in str(err)


def test_too_large_files_are_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(data_files, "MAX_FILE_BYTES", 100)
    path = _write(tmp_path, "x1,x2,label\n" + "1,2,a\n" * 50)
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(a) or real_open(*a, **k))
    with pytest.raises(DataFileError, match="too large"):
        load_dataset(path)
    assert opened == []  # the size alone decided


def test_too_many_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_table, "MAX_ROWS", 5)  # the CSV reader counts the rows as it reads them
    err = _error(tmp_path, "x1,x2,label\n" + "1,2,a\n3,4,b\n" * 4)
    assert "more than 5 rows" in str(err) and err.row == 7


def test_oversized_fields_are_a_data_file_error(tmp_path):
    err = _error(tmp_path, 'x1,x2,label\n1,2,"' + "a" * 200_000 + '"\n')
    assert "cannot be read as CSV" in str(err) and err.row == 2


def test_a_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_dataset(tmp_path / "nope.csv")


# ----------------------------------------------------------------------------- saving CSV
def _awkward_classification():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(size=(30, 2)) * 1e-7, [[0.1, 1 / 3], [3.3e38, -2.5e-300]]])
    y = np.arange(32) % 3
    return Dataset.from_arrays(X, y, test_fraction=0.25, seed=1, n_classes=3)


@pytest.mark.parametrize(
    "ds",
    [
        _awkward_classification(),
        Dataset.from_labels(np.arange(12.0).reshape(6, 2), ["cat", "dog", "a, b", 'say "hi"', "cat", "dog"]),
        make("spiral", 90, seed=3, n_classes=4),
        make("sine", 40, seed=2),
        make("plane", 40, seed=2),
    ],
    ids=["floats", "custom names", "spiral", "sine", "plane"],
)
def test_csv_round_trip_is_exact(tmp_path, ds):
    path = tmp_path / "out.csv"
    save_dataset_csv(ds, path)
    back = load_dataset(path)
    assert back.same_as(ds), (back, ds)


def test_csv_header_and_bytes(tmp_path):
    ds = make("moons", 10, seed=0)
    save_dataset_csv(ds, tmp_path / "a.csv")
    save_dataset_csv(make("moons", 10, seed=0), tmp_path / "b.csv")
    text = (tmp_path / "a.csv").read_text()
    assert text.splitlines()[0] == "x1,x2,label,is_test"
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert make_regression_header(tmp_path) == "x1,target,is_test"


def make_regression_header(tmp_path):
    save_dataset_csv(make("sine", 5, seed=0), tmp_path / "r.csv")
    return (tmp_path / "r.csv").read_text().splitlines()[0]


def test_saving_is_atomic(tmp_path, monkeypatch):
    path = tmp_path / "data.csv"
    save_dataset_csv(make("xor", 20, seed=0), path)
    before = path.read_bytes()

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr(safe_files.os, "fsync", crash)
    with pytest.raises(OSError):
        save_dataset_csv(make("xor", 30, seed=1), path)
    monkeypatch.undo()
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["data.csv"]


# ---------------------------------------------------------------------------------- NPZ
@pytest.mark.parametrize(
    "ds",
    [_awkward_classification(), make("sine", 30, seed=1), Dataset.from_labels(np.zeros((3, 2)), ["b", "a", "b"])],
    ids=["classification", "regression", "names"],
)
def test_npz_round_trip_is_exact(tmp_path, ds):
    save_dataset_npz(ds, tmp_path / "d.npz")
    assert load_dataset(tmp_path / "d.npz").same_as(ds)
    save_dataset_npz(ds, tmp_path / "e.npz")
    assert (tmp_path / "d.npz").read_bytes() == (tmp_path / "e.npz").read_bytes()


def test_plain_npz_from_numpy(tmp_path):
    X = np.array([[0, 0], [1, 1], [2, 2], [3, 3]])
    np.savez(tmp_path / "a.npz", X=X, y=np.array([0, 1, 1, 0]))
    ds = load_dataset(tmp_path / "a.npz")
    assert ds.task == "classification" and ds.n_samples == 4 and ds.n_test == 1
    np.savez(tmp_path / "b.npz", X=X[:, :1], y=np.array([0.5, 1.0, 1.5, 3.0]))
    assert load_dataset(tmp_path / "b.npz").task == "regression"
    np.savez(tmp_path / "c.npz", X=X, y=np.array(["no", "yes", "yes", "no"]))
    assert load_dataset(tmp_path / "c.npz").class_names == ("no", "yes")
    np.savez(tmp_path / "d.npz", X=np.hstack([X, X]), y=np.array([1, 2, 1, 2]), other=X)
    loaded = read_dataset(tmp_path / "d.npz")
    assert loaded.dataset.n_features == 4 and loaded.dataset.class_names == ("1", "2")
    assert len(loaded.notes) == 1  # the ignored array; every column of X is a feature


@pytest.mark.parametrize(
    "arrays, problem",
    [
        (dict(y=np.arange(3)), "no array 'X'"),
        (dict(X=np.zeros((3, 2))), "no array 'y'"),
        (dict(X=np.zeros(3), y=np.arange(3)), "X must be"),
        (dict(X=np.zeros((3, 2)), y=np.arange(4)), "y must be"),
        (dict(X=np.array([[0, 1], [np.nan, 1]]), y=np.arange(2)), "not a finite number"),
        (dict(X=np.zeros((2, 2)), y=np.array([0.0, np.inf])), "not a finite number"),
        (dict(X=np.zeros((0, 2)), y=np.zeros(0)), "no rows"),
        (dict(X=np.zeros((2, 2)), y=np.arange(2), task=np.array("clustering")), "task must be"),
        (dict(X=np.zeros((2, 2)), y=np.arange(2), is_test=np.array([0, 5])), "is_test"),
        (dict(X=np.zeros((2, 2)), y=np.array([0, 0])), "only one class"),
        (dict(X=np.zeros((2, 1)), y=np.array(["a", "b"])), "two columns"),
        (dict(X=np.zeros((2, 2)), y=np.array([0.5, 1]), class_names=np.array(["a", "b"])), "class indices"),
    ],
)
def test_bad_npz(tmp_path, arrays, problem):
    np.savez(tmp_path / "bad.npz", **arrays)
    with pytest.raises(DataFileError, match=problem) as info:
        load_dataset(tmp_path / "bad.npz")
    assert str(info.value).startswith("bad.npz")


def test_npz_with_a_pickled_object_is_refused(tmp_path):
    np.savez(tmp_path / "p.npz", X=np.zeros((2, 2)), y=np.array([{"a": 1}, None], dtype=object))
    with pytest.raises(DataFileError, match="pickled"):
        load_dataset(tmp_path / "p.npz")


def test_a_file_named_npz_that_is_not_one(tmp_path):
    err = _error(tmp_path, "x1,x2,label\n1,2,a\n", name="data.npz")
    assert "not a NumPy .npz archive" in str(err)
