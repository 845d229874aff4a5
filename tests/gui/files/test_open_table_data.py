"""A table from elsewhere opened through File ▸ Open data: an insurance-like CSV (age, sex, bmi, children, smoker,
region, charges) opens as a regression of its last column, charges, on its first two numeric columns; the status
bar and the banner say which columns were left out and why, and name the target and the inputs; the data panel
names the inputs and the column predicted. A table of flowers whose classes are in a column named "species" says
so too, through an edit, its undo and redo, and a session saved and opened again. Points classed by words
(x,y,color) open as those classes, named by the words."""

from __future__ import annotations

import numpy as np

from tests.gui.files.test_files import add_point, open_and_wait, write_csv
from tests.model.data.test_csv_columns import _insurance_rows


def test_an_insurance_table_opens_as_a_regression_of_its_charges(qtbot, window, dialogs, tmp_path):
    w = window
    rows = _insurance_rows(40)
    path = write_csv(tmp_path / "insurance.csv", rows, header="age,sex,bmi,children,smoker,region,charges")
    dialogs.open_paths.append(path)
    with qtbot.waitSignal(w.file_actions.data_files.openFinished, timeout=10000) as finished:
        w.file_actions.open_data_action.trigger()
    assert finished.args == [path, True] and dialogs.messages == []
    ds = w.dataset
    assert ds.task == "regression" and ds.n_samples == 40
    np.testing.assert_array_equal(ds.y, [float(row.split(",")[-1]) for row in rows])
    np.testing.assert_array_equal(ds.X[:, 0], [float(row.split(",")[0]) for row in rows])  # age
    np.testing.assert_array_equal(ds.X[:, 1], [float(row.split(",")[2]) for row in rows])  # bmi
    assert w.statusBar().currentMessage() == (
        "Opened insurance.csv: 40 points (left out 3 text column(s) 'sex', 'smoker', 'region': they are not numeric; "
        "ignored 1 extra input column(s) 'children': the playground plots two inputs; "
        "read as regression of 'charges' from 'age' and 'bmi': the labels are numeric targets)."
    )
    assert w.notices.banner.text() == (  # and above the plot, where it stays until closed
        "Opened insurance.csv: left out 3 text column(s) 'sex', 'smoker', 'region': they are not numeric; "
        "ignored 1 extra input column(s) 'children': the playground plots two inputs; "
        "read as regression of 'charges' from 'age' and 'bmi': the labels are numeric targets."
    )
    said = w.data_panel.file_rows.texts()
    assert said["File"] == "insurance.csv" and said["Inputs"] == "age, bmi"
    assert said["Target"] == "charges: a number to predict (regression)"
    assert "Classes" not in said

    flowers = ["5.1,3.5,1.4,setosa", "7.0,3.2,4.7,versicolor", "6.3,3.3,6.0,virginica", "4.9,3.0,1.4,setosa"]
    path = write_csv(tmp_path / "flowers.csv", flowers * 3, header="sepal_length,sepal_width,petal_length,species")
    dialogs.open_paths.append(path)
    with qtbot.waitSignal(w.file_actions.data_files.openFinished, timeout=10000):
        w.file_actions.open_data_action.trigger()
    said = w.data_panel.file_rows.texts()
    assert said["Target"] == "species" and said["Classes"] == "3: setosa, versicolor, virginica"
    add_point(w)  # an edit of the file's points: still its species
    assert w.data_panel.file_rows.texts()["File"] == "flowers.csv (edited since)"
    for step in (w.undo_stack.undo, w.undo_stack.redo):
        step()
        assert w.data_panel.file_rows.texts()["Target"] == "species"
    session = str(tmp_path / "flowers.npz")
    dialogs.save_paths.append(session)
    w.file_actions.save_session_as_action.trigger()
    w.data_panel.generate_button.click()  # other points, which name no target
    qtbot.waitUntil(lambda: w.data_panel.file_rows.texts() == {})
    assert open_and_wait(qtbot, w.file_actions.sessions, session, ask=False)
    assert w.dataset.target_name == "species"
    assert w.data_panel.file_rows.texts()["Target"] == "species"


def _shown_classes(w) -> list[str]:
    return [b.text() for b, a in zip(w.controls.class_buttons, w.controls.class_button_actions) if a.isVisible()]


def test_points_with_their_classes_in_words_open_as_those_classes_and_say_how(qtbot, window, dialogs, tmp_path):
    """x,y,color with red and blue: the colours are the classes, on the class buttons and in the legend; how the file
    was read stays above the plot until another file replaces it."""
    w = window
    rows = ["0.1,0.2,red", "0.9,0.8,blue", "0.2,0.1,red", "0.8,0.9,blue", "0.3,0.25,red", "0.7,0.75,blue"]
    path = write_csv(tmp_path / "points.csv", rows, header="x,y,color")
    dialogs.open_paths.append(path)
    with qtbot.waitSignal(w.file_actions.data_files.openFinished, timeout=10000):
        w.file_actions.open_data_action.trigger()
    assert w.dataset.task == "classification" and dialogs.messages == []
    assert _shown_classes(w) == ["blue", "red", "+"]
    legend = [label.item.toPlainText() for _, label in w.boundary_view.data_points.legend.items]
    assert legend[:2] == ["blue", "red"]
    said = w.data_panel.file_rows.texts()
    assert said["Inputs"] == "x, y" and said["Target"] == "color" and said["Classes"] == "2: blue, red"
    note = (
        "Opened points.csv: the label is column 'color': the columns of numbers ('x', 'y') are a point's "
        "coordinates, and it holds 2 different words, the classes."
    )
    assert w.notices.banner.text() == note

    path = write_csv(tmp_path / "plain.csv", ["0.1,0.2,0", "0.9,0.8,1", "0.2,0.1,0", "0.8,0.9,1"])
    dialogs.open_paths.append(path)
    with qtbot.waitSignal(w.file_actions.data_files.openFinished, timeout=10000):
        w.file_actions.open_data_action.trigger()
    assert w.notices.banner.text() == ""  # it described the file no longer shown, and this one needs no note


def test_the_note_on_how_a_file_was_read_goes_with_the_undo_of_its_opening_and_comes_back_with_the_redo(
    qtbot, window, dialogs, tmp_path
):
    w = window
    before = w.dataset
    rows = ["0.1,0.2,red", "0.9,0.8,blue", "0.2,0.1,red", "0.8,0.9,blue", "0.3,0.25,red", "0.7,0.75,blue"]
    dialogs.open_paths.append(write_csv(tmp_path / "points.csv", rows, header="x,y,color"))
    with qtbot.waitSignal(w.file_actions.data_files.openFinished, timeout=10000):
        w.file_actions.open_data_action.trigger()
    note = w.notices.banner.text()
    assert note.startswith("Opened points.csv: the label is column 'color'") and w.notices.banner.isVisible()
    assert w.controls.undo_action.text() == "Undo Open points.csv"
    w.controls.undo_action.trigger()  # the points before are back: the note described the file's
    assert w.dataset is before
    assert not w.notices.banner.isVisible() and w.notices.banner.text() == ""
    w.controls.redo_action.trigger()
    assert w.dataset.target_name == "color"
    assert w.notices.banner.isVisible() and w.notices.banner.text() == note
