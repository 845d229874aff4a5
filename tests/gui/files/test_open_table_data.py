"""A table from elsewhere opened through File ▸ Open data: an insurance-like CSV (age, sex, bmi, children, smoker,
region, charges) opens as a regression of its last column, charges, on its first two numeric columns; the status
bar says which columns were left out and why, and names the target and the inputs; the data panel names the inputs
and says a number is predicted."""

from __future__ import annotations

import numpy as np

from tests.gui.files.test_files import write_csv
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
    said = w.data_panel.file_rows.texts()
    assert said["File"] == "insurance.csv" and said["Inputs"] == "age, bmi"
    assert said["Target"] == "a number to predict (regression)"
    assert "Classes" not in said
