"""A class's or a feature's name is at most ``MAX_NAME_CHARS`` long however it comes in (a CSV or .npz data file, a
Dataset made in code): a data file of longer names is refused when opened, naming the file, the row or column and
which name, so the app never holds data whose sessions (which refuse such names) it could not open again."""

from __future__ import annotations

import numpy as np
import pytest

from model.data.data_files import DataFileError, load_dataset
from model.data.dataset import MAX_NAME_CHARS, Dataset
from model.storage.session_files import load_session, save_session
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

LONG = ("Iris setosa from the western shore " * 7).strip()  # 244 characters (a cell is read stripped)
AT_LIMIT = ("a" * MAX_NAME_CHARS, "b" * MAX_NAME_CHARS)


def _rows(n: int = 12) -> list[tuple[float, float, float]]:
    return [(i * 0.5, (i * 7) % 5, (i * 3) % 4) for i in range(n)]


def test_a_csv_with_a_class_name_too_long_is_refused_naming_the_row_the_column_and_the_name(tmp_path):
    path = tmp_path / "flowers.csv"
    lines = ["x1,x2,class"] + [f"{a},{b},{LONG if i % 2 else 'versicolor'}" for i, (a, b, _) in enumerate(_rows())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_dataset(path)
    # the header is row 1, the first row of the long class row 3
    assert str(info.value) == (
        "flowers.csv, row 3, column 'class': the class name 'Iris setosa from the western shore Iris …' "
        f"has 244 characters; a name is at most {MAX_NAME_CHARS}"
    )


def test_a_csv_with_a_feature_name_too_long_is_refused_naming_the_column_by_number(tmp_path):
    path = tmp_path / "wide.csv"
    header = f"width,{LONG},depth,label"
    path.write_text(header + "\n" + "".join(f"{a},{b},{c},{i % 2}\n" for i, (a, b, c) in enumerate(_rows())))
    with pytest.raises(DataFileError) as info:
        load_dataset(path)
    assert str(info.value) == (
        "wide.csv, column 2: the feature name 'Iris setosa from the western shore Iris …' "
        f"has 244 characters; a name is at most {MAX_NAME_CHARS}"
    )


def test_a_csv_with_a_class_index_column_and_a_class_name_too_long_is_refused(tmp_path):
    path = tmp_path / "indexed.csv"
    rows = [f"{a},{b},{'short' if i % 2 else LONG},{1 - i % 2}" for i, (a, b, _) in enumerate(_rows())]
    path.write_text("x1,x2,label,class_index\n" + "\n".join(rows) + "\n")
    with pytest.raises(DataFileError, match=r"indexed\.csv, row 2, column 'label': the class name 'Iris setosa"):
        load_dataset(path)


def test_a_long_header_of_a_column_not_kept_as_a_feature_is_no_problem(tmp_path):
    """Two inputs are the plot's axes, named by the header when its names can be kept, else x1 and x2."""
    path = tmp_path / "two.csv"
    path.write_text(f"{LONG},b,label\n" + "".join(f"{a},{b},{i % 2}\n" for i, (a, b, _) in enumerate(_rows())))
    assert load_dataset(path).feature_names == ("x1", "x2")


def test_an_npz_with_word_labels_too_long_is_refused_naming_the_sample(tmp_path):
    labels = np.array(["short", LONG] * 6)
    np.savez(tmp_path / "words.npz", X=np.array(_rows())[:, :2], y=labels)
    with pytest.raises(DataFileError, match=r"words\.npz, row 2, column 'y': the class name 'Iris setosa"):
        load_dataset(tmp_path / "words.npz")


@pytest.mark.parametrize("what", ["class", "feature"])
def test_a_dataset_refuses_a_name_too_long_whoever_makes_it(what):
    X, y = np.array(_rows())[:, :2], np.arange(12) % 2
    names = {"class_names": ("a", LONG)} if what == "class" else {"feature_names": ("x", LONG)}
    with pytest.raises(ValueError, match=f"the name of {what} 2, 'Iris setosa.*has 244 characters"):
        Dataset(X, y, np.zeros(12, bool), **names)


def test_names_at_the_limit_open_and_their_session_opens_again(tmp_path):
    path = tmp_path / "limit.csv"
    header = ",".join(("c" * MAX_NAME_CHARS, "d", "e", "label"))
    rows = "".join(f"{a},{b},{c},{AT_LIMIT[i % 2]}\n" for i, (a, b, c) in enumerate(_rows()))
    path.write_text(header + "\n" + rows)
    ds = load_dataset(path)
    assert ds.class_names == AT_LIMIT and ds.feature_names[0] == "c" * MAX_NAME_CHARS
    save_session(TrainingSession(ds, ModelSpec(), TrainSpec()), tmp_path / "limit.npz")
    again = load_session(tmp_path / "limit.npz")[0].dataset
    assert again.class_names == AT_LIMIT and again.feature_names == ds.feature_names
