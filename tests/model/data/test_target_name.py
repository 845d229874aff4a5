"""What is predicted, by the name a file gives it: a CSV file's label column named "charges" or "species" makes data
whose ``target_name`` says so; words that only say "the label" (label, class, target, y), no header, or a name too
long to show name none. Every edit keeps it; the app's own CSV and .npz files keep it when they read back as the
same data (the CSV otherwise writes "label" or "target", as for data that names none)."""

from __future__ import annotations

import numpy as np
import pytest

from model.data.data_files import DataFileError, load_dataset, save_dataset_csv, save_dataset_npz
from model.data.dataset import MAX_NAME_CHARS, Dataset
from model.data.generators import make
from model.data.plane_dataset import shown_plane_dataset
from model.storage.safe_files import write_npz
from tests.model.data.test_csv_columns import _insurance_rows


def _write(tmp_path, header, rows, name="data.csv"):
    path = tmp_path / name
    path.write_text((header + "\n" if header is not None else "") + "\n".join(rows) + "\n", encoding="utf-8")
    return path


FLOWERS = ["5.1,3.5,1.4,setosa", "7.0,3.2,4.7,versicolor", "6.3,3.3,6.0,virginica", "4.9,3.0,1.4,setosa"] * 3


def test_the_label_column_of_a_csv_file_names_what_is_predicted(tmp_path):
    insurance = _write(tmp_path, "age,sex,bmi,children,smoker,region,charges", _insurance_rows(30), "insurance.csv")
    charges = load_dataset(insurance)
    assert (charges.task, charges.target_name) == ("regression", "charges")
    species = load_dataset(_write(tmp_path, "sepal_length,sepal_width,petal_length,Species", FLOWERS))
    assert (species.task, species.target_name) == ("classification", "Species")  # as the header writes it
    first = load_dataset(_write(tmp_path, "diagnosis,radius,texture,area", ["M,1,2,3", "B,2,3,4", "M,3,4,5"] * 2))
    assert first.target_name == "diagnosis"  # a label written first, found without its name


@pytest.mark.parametrize(
    "header",
    [None, "x1,x2,label", "x1,x2,Class", "x1,x2,TARGET", "x1,x2,y", "x1,x2,", "x1,x2," + "w" * (MAX_NAME_CHARS + 1)],
    ids=["no header", "label", "class", "target", "y", "blank", "too long"],
)
def test_a_label_column_without_a_name_of_its_own_names_nothing(tmp_path, header):
    ds = load_dataset(_write(tmp_path, header, ["0.5,1.5,0", "-1,2,1", "2,-0.25,1", "1,1,0"]))
    assert ds.n_samples == 4 and ds.target_name == ""


def test_every_edit_keeps_the_name_and_a_bad_one_is_refused():
    X, y, is_test = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.5]]), np.array([0, 1, 1]), np.array([0, 0, 1], bool)
    ds = Dataset(X, y, is_test, target_name="species")
    edits = [
        ds.with_points(np.array([[0.5, 0.5]]), 2),
        ds.without(0),
        ds.moved(1, (0.2, 0.3)),
        ds.relabeled(0, 1),
        ds.with_test_fraction(0.5, seed=3),
        ds.with_description("flowers"),
    ]
    assert [edited.target_name for edited in edits] == ["species"] * len(edits)
    flowers = Dataset(np.c_[X, X[:, :1] * 2], y, is_test, target_name="species")  # three features: on a plane
    assert shown_plane_dataset(flowers).target_name == "species"  # trained on the two shown features alone
    assert not ds.same_as(Dataset(ds.X, ds.y, ds.is_test))  # the name is part of the data
    with pytest.raises(ValueError, match="the name of the target"):
        Dataset(ds.X, ds.y, ds.is_test, target_name="t" * (MAX_NAME_CHARS + 1))
    with pytest.raises(ValueError, match="target_name must be a str"):
        Dataset(ds.X, ds.y, ds.is_test, target_name=3)  # type: ignore[arg-type]


def _named(ds: Dataset, name: str) -> Dataset:
    return Dataset(ds.X, ds.y, ds.is_test, ds.task, ds.n_classes, ds.class_names, ds.feature_names, target_name=name)


@pytest.mark.parametrize(
    "ds",
    [
        _named(Dataset.from_labels([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]], ["b", "a", "c", "a"]), "species"),
        _named(Dataset.from_labels([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]], [3, 1, 2, 1]), "grade"),
        _named(make("spiral", 60, seed=2, n_classes=3), "arm"),  # class names "class 1".."class 3"
        _named(make("sine", 40, seed=2), "height"),
        _named(make("plane", 40, seed=2), "charges"),  # 2-D, more than ten different values
    ],
    ids=["words", "numbers", "default names", "curve", "surface"],
)
def test_the_apps_own_files_keep_the_name(tmp_path, ds):
    save_dataset_csv(ds, tmp_path / "out.csv")
    assert load_dataset(tmp_path / "out.csv").same_as(ds)
    save_dataset_npz(ds, tmp_path / "out.npz")
    assert load_dataset(tmp_path / "out.npz").same_as(ds)


@pytest.mark.parametrize(
    "ds, name",
    [
        (make("moons", 30, seed=1), "is_test"),
        (make("moons", 30, seed=1), "X2"),  # an input's name
        (make("moons", 30, seed=1), "id"),  # would be taken for row numbers
        (make("moons", 30, seed=1), "7"),  # a number: no header
        (make("moons", 30, seed=1), " padded "),
        (Dataset.from_labels([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]], [1, 2, 1]), "target"),  # read as numbers
        (Dataset.from_arrays(np.arange(8.0).reshape(4, 2), [1.0, 2.0, 1.0, 2.0], "regression"), "score"),  # classes
    ],
    ids=["test column", "input", "row numbers", "number", "spaces", "target of classes", "few values"],
)
def test_a_name_that_would_read_back_as_other_data_is_written_as_label_or_target(tmp_path, ds, name):
    named = _named(ds, name)
    save_dataset_csv(named, tmp_path / "out.csv")
    header = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[ds.n_features] == ("label" if ds.task == "classification" else "target")
    assert load_dataset(tmp_path / "out.csv").same_as(_named(ds, ""))


def test_an_npz_file_with_a_malformed_target_name_is_refused_naming_it(tmp_path):
    ds = make("moons", 20, seed=1)
    for bad in (np.array(["a", "b"]), np.array(3), np.array("n" * (MAX_NAME_CHARS + 1))):
        arrays = {"X": ds.X, "y": ds.y, "target_name": bad}
        with open(tmp_path / "bad.npz", "wb") as f:
            write_npz(f, arrays)
        with pytest.raises(DataFileError, match="target_name"):
            load_dataset(tmp_path / "bad.npz")
