"""Points in a plane whose classes are written as words (``x,y,color`` with red and blue; a German spreadsheet's
``x;y;Klasse`` with decimal commas) are a classification of the points by the words, the words the class names:
the columns of numbers are named as coordinates, so ``y`` is one of them, not the target it is elsewhere. A column
named label, class or target still is the label; a column of words that differ from row to row (names) is still
left out with a note; columns of numbers not named as coordinates keep the earlier rules."""

from __future__ import annotations

import numpy as np
import pytest

from model.data.data_files import read_dataset, save_dataset_csv

#: Two clusters of points, red to the lower left and blue to the upper right.
POINTS = [(0.1, 0.2), (0.9, 0.8), (0.2, 0.1), (0.8, 0.9), (0.3, 0.25), (0.7, 0.75), (0.15, 0.3), (0.85, 0.7)]
COLORS = ["red", "blue"] * 4


def _write(tmp_path, text, name="points.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _points_csv(header="x,y,color", colors=COLORS, cell=lambda row, color: [*map(str, row), color]):
    return header + "\n" + "\n".join(",".join(cell(p, c)) for p, c in zip(POINTS, colors)) + "\n"


def test_x_y_and_a_column_of_colors_are_points_classed_by_their_color(tmp_path):
    loaded = read_dataset(_write(tmp_path, _points_csv()))
    ds = loaded.dataset
    assert ds.task == "classification" and ds.n_features == 2
    assert ds.feature_names == ("x", "y") and ds.target_name == "color"
    assert ds.class_names == ("blue", "red")  # the words, in the order a person lists them
    np.testing.assert_array_equal(ds.X, POINTS)
    assert [ds.class_names[k] for k in ds.y] == COLORS
    assert loaded.notes == (
        "the label is column 'color': the columns of numbers ('x', 'y') are a point's coordinates, "
        "and it holds 2 different words, the classes",
    )


def test_a_german_spreadsheets_semicolons_and_decimal_commas_read_the_same(tmp_path):
    words = {"red": "rot", "blue": "blau"}
    rows = [
        ";".join([f"{a}".replace(".", ","), f"{b}".replace(".", ","), words[c]]) for (a, b), c in zip(POINTS, COLORS)
    ]
    text = "\ufeffx;y;Klasse\r\n" + "\r\n".join(rows) + "\r\n"  # as Excel writes "CSV UTF-8": a BOM, CRLF
    ds = read_dataset(_write(tmp_path, text, "excel_de.csv")).dataset
    assert ds.task == "classification" and ds.feature_names == ("x", "y") and ds.target_name == "Klasse"
    assert ds.class_names == ("blau", "rot")
    np.testing.assert_array_equal(ds.X, POINTS)
    assert [ds.class_names[k] for k in ds.y] == [words[c] for c in COLORS]


@pytest.mark.parametrize(
    "header, cell",
    [
        ("color,x,y", lambda p, c: [c, *map(str, p)]),
        ("X,Color,Y", lambda p, c: [str(p[0]), c, str(p[1])]),
        ("x1,x2,color", lambda p, c: [*map(str, p), c]),
        ("id,x,y,color", None),
    ],
)
def test_the_word_column_is_the_label_wherever_it_stands(tmp_path, header, cell):
    if cell is None:  # a first column numbering the rows, as Kaggle's files have: left out, as ever
        rows = [f"{k + 1},{p[0]},{p[1]},{c}" for k, (p, c) in enumerate(zip(POINTS, COLORS))]
        text = header + "\n" + "\n".join(rows) + "\n"
    else:
        text = _points_csv(header, cell=cell)
    ds = read_dataset(_write(tmp_path, text)).dataset
    assert ds.task == "classification" and ds.n_features == 2
    np.testing.assert_array_equal(ds.X, POINTS)
    assert [ds.class_names[k] for k in ds.y] == COLORS


def test_a_column_of_names_is_still_left_out_and_y_is_still_the_target(tmp_path):
    names = ["Ann", "Bob", "Cem", "Dana", "Eve", "Finn", "Gus", "Hal"]  # each row's own: no classes
    loaded = read_dataset(_write(tmp_path, _points_csv("x,y,name", names)))
    ds = loaded.dataset
    assert ds.task == "regression" and ds.feature_names == ("x",)
    np.testing.assert_array_equal(ds.y, [p[1] for p in POINTS])
    assert loaded.notes == (
        "left out 1 text column(s) 'name': they are not numeric",
        "read as regression of 'y' from 'x': the labels are numeric targets",
    )


def test_a_column_of_names_beside_the_colors_is_left_out_and_the_colors_are_the_classes(tmp_path):
    names = ["Ann", "Bob", "Cem", "Dana", "Eve", "Finn", "Gus", "Hal"]
    rows = [f"{n},{p[0]},{p[1]},{c}" for n, p, c in zip(names, POINTS, COLORS)]
    loaded = read_dataset(_write(tmp_path, "name,x,y,color\n" + "\n".join(rows) + "\n"))
    ds = loaded.dataset
    assert ds.task == "classification" and ds.class_names == ("blue", "red")
    np.testing.assert_array_equal(ds.X, POINTS)
    assert "left out 1 text column(s) 'name': they are not numeric" in loaded.notes


def test_words_nearly_as_many_as_the_rows_are_no_classes(tmp_path):
    """Three words over four rows name the rows more than they class them."""
    text = "x,y,what\n0.1,0.2,cat\n0.9,0.8,dog\n0.2,0.1,cat\n0.8,0.9,eel\n"
    assert read_dataset(_write(tmp_path, text)).dataset.task == "regression"


@pytest.mark.parametrize("label", ["label", "class", "target"])
def test_a_column_named_as_the_label_still_wins_over_the_words(tmp_path, label):
    rows = [f"{p[0]},{p[1]},{k % 2},{c}" for k, (p, c) in enumerate(zip(POINTS, COLORS))]
    loaded = read_dataset(_write(tmp_path, f"x,y,{label},color\n" + "\n".join(rows) + "\n"))
    ds = loaded.dataset
    assert ds.feature_names == ("x", "y")
    np.testing.assert_array_equal(ds.y, [k % 2 for k in range(len(POINTS))])
    assert "left out 1 text column(s) 'color': they are not numeric" in loaded.notes


def test_numbers_not_named_as_coordinates_keep_y_as_the_label(tmp_path):
    """age and income describe people, not a point in a plane: the column named y is what is predicted."""
    rows = [f"{20 + k},{1000 * (k + 1)},{k % 2},{c}" for k, c in enumerate(COLORS)]
    loaded = read_dataset(_write(tmp_path, "age,income,y,region\n" + "\n".join(rows) + "\n"))
    ds = loaded.dataset
    assert ds.task == "classification" and ds.feature_names == ("age", "income")
    np.testing.assert_array_equal(ds.y, [k % 2 for k in range(len(COLORS))])
    assert "left out 1 text column(s) 'region': they are not numeric" in loaded.notes


def test_points_classed_by_words_save_and_read_back_the_same(tmp_path):
    ds = read_dataset(_write(tmp_path, _points_csv())).dataset
    saved = tmp_path / "saved.csv"
    save_dataset_csv(ds, saved)
    again = read_dataset(saved).dataset
    assert again.class_names == ds.class_names and again.target_name == "color"
    np.testing.assert_array_equal(again.X, ds.X)
    np.testing.assert_array_equal(again.y, ds.y)
    np.testing.assert_array_equal(again.is_test, ds.is_test)


#: Eight points named by five people: three of them drew two points each, more words than half the rows.
PEOPLE = ["Ann", "Bob", "Cem", "Ann", "Bob", "Dana", "Cem", "Eve"]


def test_a_column_of_names_beside_a_y_of_few_whole_numbers_is_the_classes(tmp_path):
    """Read with y (0, 1, 2) as the label, x would be the only input, too few for classes: the names are."""
    rows = [f"{p[0]},{k % 3},{name}" for k, (p, name) in enumerate(zip(POINTS, PEOPLE))]
    loaded = read_dataset(_write(tmp_path, "x,y,name\n" + "\n".join(rows) + "\n"))
    ds = loaded.dataset
    assert ds.task == "classification" and ds.feature_names == ("x", "y") and ds.target_name == "name"
    assert ds.class_names == ("Ann", "Bob", "Cem", "Dana", "Eve")
    assert [ds.class_names[k] for k in ds.y] == PEOPLE
    np.testing.assert_array_equal(ds.X[:, 1], [k % 3 for k in range(len(POINTS))])
    assert loaded.notes == (
        "the label is column 'name': read with 'y' as the label, 'x' would be the only input; the columns of "
        "numbers are a point's coordinates, and it holds 5 different words, the classes",
    )


def test_names_each_in_one_row_beside_a_y_of_classes_are_refused_saying_how_to_make_the_file_work(tmp_path):
    names = ["Ann", "Bob", "Cem", "Dana", "Eve", "Finn", "Gus", "Hal"]  # each row's own: they class nothing
    rows = [f"{p[0]},{k % 3},{name}" for k, (p, name) in enumerate(zip(POINTS, names))]
    path = _write(tmp_path, "x,y,name\n" + "\n".join(rows) + "\n")
    with pytest.raises(ValueError) as error:
        read_dataset(path)
    said = str(error.value)
    assert "row 2, column 'name': 'Ann' is not a number: column 'name' holds words" in said
    assert "classes in 'y' need two columns of numbers to plot (only 'x' beside it)" in said
    assert "name that column 'label'" in said and "add a second column of numbers" in said
    # what it says works: named 'label', the names are the classes of the points (x, y)
    path.write_text("x,y,label\n" + "\n".join(rows) + "\n")
    ds = read_dataset(path).dataset
    assert ds.feature_names == ("x", "y") and sorted(ds.class_names) == sorted(names)
