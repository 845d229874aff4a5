"""A data file's numbers must fit the 32-bit floats the network computes with: a larger one is refused, naming
the row and the column, instead of training into infinity at the first epoch."""

from __future__ import annotations

import numpy as np
import pytest

from model.data.data_files import DataFileError, load_dataset

F32_MAX = float(np.finfo(np.float32).max)


def _csv(tmp_path, header, rows):
    path = tmp_path / "data.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("huge", ["1e306", "-4e38", "1e40"])
def test_a_feature_beyond_32_bits_is_refused_naming_row_and_column(tmp_path, huge):
    rows = [f"{k},{k % 3},{k * 2},{k % 2}" for k in range(8)]
    rows[4] = f"4,1,{huge},0"
    with pytest.raises(DataFileError) as error:
        load_dataset(_csv(tmp_path, "a,b,c,label", rows))
    assert str(error.value).startswith(f"data.csv, row 6, column 'c': '{huge}' is too large")
    assert "32-bit" in str(error.value)


def test_a_regression_target_beyond_32_bits_is_refused(tmp_path):
    rows = [f"{k},{k * 0.5}" for k in range(20)]
    rows[2] = "2,5e38"
    with pytest.raises(DataFileError, match="row 4, column 'target': '5e38' is too large"):
        load_dataset(_csv(tmp_path, "x,target", rows))


def test_numbers_up_to_the_largest_32_bit_float_are_read(tmp_path):
    rows = [f"{k},{k % 3},{k % 2}" for k in range(8)]
    rows[0] = f"{F32_MAX!r},-{F32_MAX!r},0"
    ds = load_dataset(_csv(tmp_path, "x1,x2,label", rows))
    assert ds.X[0].tolist() == [F32_MAX, -F32_MAX]


def test_an_npz_file_of_features_or_targets_beyond_32_bits_is_refused(tmp_path):
    X = np.arange(20.0).reshape(10, 2)
    X[3, 1] = 1e39
    np.savez(tmp_path / "x.npz", X=X, y=np.arange(10) % 2)
    with pytest.raises(DataFileError, match=r"x.npz, row 4, column 'X': feature 2: 1e\+39 is too large"):
        load_dataset(tmp_path / "x.npz")
    y = np.linspace(0.0, 1.0, 20)
    y[7] = -1e300
    np.savez(tmp_path / "y.npz", X=np.arange(20.0).reshape(20, 1), y=y, task="regression")
    with pytest.raises(DataFileError, match=r"y.npz, row 8, column 'y': -1e\+300 is too large"):
        load_dataset(tmp_path / "y.npz")
