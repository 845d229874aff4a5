"""A CSV file the app saves opens with the classes it was saved with: the same names, in the same order, each point
in its class; and a CSV from elsewhere names its classes by its labels as written."""

from __future__ import annotations

import numpy as np
import pytest

from model.data import real_datasets
from model.data.data_files import DataFileError, load_dataset, save_dataset_csv
from model.data.dataset import Dataset
from model.data.generators import make

_DRAWN = make("spiral", 60, seed=1, n_classes=3)


def _named(names: tuple[str, ...]) -> Dataset:
    """The drawn points with classes the person named (in the order they gave the names)."""
    return Dataset(_DRAWN.X, _DRAWN.y, _DRAWN.is_test, "classification", len(names), names)


def _ten_default_classes() -> Dataset:
    rng = np.random.default_rng(3)
    return Dataset.from_arrays(rng.normal(size=(40, 2)), np.arange(40) % 10, seed=2)


@pytest.mark.parametrize(
    "ds",
    [
        real_datasets.load("digits"),
        real_datasets.load("iris"),
        real_datasets.load("wine"),
        real_datasets.load("breast_cancer"),
        _DRAWN,
        _ten_default_classes(),
        _named(("dog", "cat", "ant")),
        _named(("1", "2", "3")),
        _named(("10", "2", "3")),
        _named(("1.0", "2", "0")),
        _named(("nan", "b", "a")),
        _named(("same", "same", "other")),
    ],
    ids=[
        "digits",
        "iris",
        "wine",
        "breast cancer",
        "drawn, default names",
        "ten default names",
        "typed names",
        "1, 2, 3",
        "10, 2, 3",
        "1.0, 2, 0",
        "nan, b, a",
        "a name twice",
    ],
)
def test_a_saved_csv_reopens_with_the_same_classes_in_the_same_order(tmp_path, ds):
    path = tmp_path / "saved.csv"
    save_dataset_csv(ds, path)
    back = load_dataset(path)
    assert back.class_names == ds.class_names and back.n_classes == ds.n_classes
    assert back.y.tobytes() == ds.y.tobytes()
    assert back.X.tobytes() == ds.X.tobytes() and back.is_test.tobytes() == ds.is_test.tobytes()
    assert back.feature_names == ds.feature_names


def _label_cells(path) -> tuple[list[str], list[str]]:
    """The header and the label column's cells of a saved CSV."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    column = header.index("label")
    return header, [line.split(",")[column] for line in lines[1:]]


def test_the_file_holds_the_names_a_person_sees_and_a_class_number_only_when_needed(tmp_path):
    digits = real_datasets.load("digits")
    save_dataset_csv(digits, tmp_path / "digits.csv")
    header, labels = _label_cells(tmp_path / "digits.csv")
    assert "class_index" not in header and sorted(set(labels), key=int) == [str(k) for k in range(10)]
    assert load_dataset(tmp_path / "digits.csv").class_names == tuple(str(k) for k in range(10))

    save_dataset_csv(_DRAWN, tmp_path / "drawn.csv")
    header, labels = _label_cells(tmp_path / "drawn.csv")
    assert header == ["x1", "x2", "label", "is_test"] and set(labels) == {"class 1", "class 2", "class 3"}

    cancer = real_datasets.load("breast_cancer")
    save_dataset_csv(cancer, tmp_path / "cancer.csv")
    header = (tmp_path / "cancer.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[-3:] == ["label", "class_index", "is_test"]  # "benign" sorts before "malignant", class 0


def test_a_class_without_points_between_others_keeps_its_place(tmp_path):
    y = _DRAWN.y.copy()
    y[y == 1] = 2
    ds = Dataset(_DRAWN.X, y, _DRAWN.is_test, "classification", 3, ("red", "green", "blue"))
    save_dataset_csv(ds, tmp_path / "gap.csv")
    back = load_dataset(tmp_path / "gap.csv")
    assert back.class_names == ("red", "class 2", "blue") and back.y.tobytes() == y.tobytes()


@pytest.mark.parametrize(
    "labels, names, y",
    [
        (["0", "1", "2", "1"], ("0", "1", "2"), [0, 1, 2, 1]),  # 0..K-1: the digits' way
        (["1", "2", "3", "2"], ("1", "2", "3"), [0, 1, 2, 1]),  # 1..K: the class numbers a person counts
        (["2.0", "10", "-1", "10"], ("-1", "2", "10"), [1, 2, 0, 2]),  # by value, whole numbers without ".0"
        (["class 10", "class 2", "Class 3", "class 2"], ("class 2", "Class 3", "class 10"), [2, 0, 1, 0]),
    ],
    ids=["0..K-1", "1..K", "other numbers", "words with numbers"],
)
def test_labels_from_elsewhere_are_the_class_names_as_written(tmp_path, labels, names, y):
    rows = "".join(f"{i},{-i},{label}\n" for i, label in enumerate(labels))
    (tmp_path / "other.csv").write_text("x1,x2,label\n" + rows, encoding="utf-8")
    back = load_dataset(tmp_path / "other.csv")
    assert back.class_names == names
    np.testing.assert_array_equal(back.y, y)


def test_an_npz_from_elsewhere_with_labels_0_to_k_names_them_so(tmp_path):
    np.savez(tmp_path / "digits.npz", X=np.arange(12.0).reshape(6, 2), y=np.array([0, 1, 2, 2, 1, 0]))
    back = load_dataset(tmp_path / "digits.npz")
    assert back.class_names == ("0", "1", "2") and back.y.tolist() == [0, 1, 2, 2, 1, 0]


@pytest.mark.parametrize(
    "rows, row, problem",
    [
        ("0,0,a,0\n1,1,b,1.5\n", 3, "'1.5' is not a class index (a whole number 0..9)"),
        ("0,0,a,0\n1,1,b,10\n", 3, "'10' is not a class index"),
        ("0,0,a,0\n1,1,b,x\n", 3, "'x' is not a class index"),
        ("0,0,a,0\n1,1,b,1\n2,2,c,0\n", 4, "class 0 is named 'a' in row 2, here 'c'"),
    ],
    ids=["a fraction", "past the tenth class", "a word", "two names for one class"],
)
def test_a_wrong_class_number_names_its_row(tmp_path, rows, row, problem):
    (tmp_path / "bad.csv").write_text("x1,x2,label,class_index\n" + rows, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_dataset(tmp_path / "bad.csv")
    assert info.value.row == row and info.value.column == "class_index" and problem in info.value.problem
