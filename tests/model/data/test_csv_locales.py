"""CSV files as spreadsheets in other locales write them: decimal commas with semicolons or tabs,
no header, UTF-16 ("Unicode text"); and files far too wide are refused quickly in a few words."""

from __future__ import annotations

import codecs

import numpy as np
import pytest

from model.data.data_files import DataFileError, load_dataset, read_dataset

ROWS = [(1.5, 2.25, 0), (-0.5, 3.0, 1), (2.0, -1.75, 0), (0.25, 0.5, 1), (1.0, 1.0, 0)]


def _text(delimiter: str, header: bool = True) -> str:
    lines = [delimiter.join(("x1", "x2", "label"))] if header else []
    for x1, x2, label in ROWS:
        lines.append(delimiter.join((f"{x1}".replace(".", ","), f"{x2}".replace(".", ","), str(label))))
    return "\r\n".join(lines) + "\r\n"


def _expected_X():
    return np.array([[x1, x2] for x1, x2, _ in ROWS])


@pytest.mark.parametrize("delimiter", [";", "\t"])
@pytest.mark.parametrize("header", [True, False])
def test_decimal_commas_are_read_with_semicolons_or_tabs(tmp_path, delimiter, header):
    path = tmp_path / "europe.csv"
    path.write_text(_text(delimiter, header), encoding="utf-8")
    ds = load_dataset(path)
    order = np.argsort(ds.X[:, 0])
    np.testing.assert_array_equal(ds.X[order], _expected_X()[np.argsort(_expected_X()[:, 0])])
    assert ds.task == "classification" and ds.n_samples == len(ROWS)


def test_a_semicolon_file_without_a_header_names_no_bogus_column(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("1,5;2,5;0\n0,5;1,5;1\n2,5;0,5;0\n1;1;1\n", encoding="utf-8")
    loaded = read_dataset(path)
    assert loaded.dataset.n_samples == 4  # the first row is data, not a header
    assert not any("ignored" in note for note in loaded.notes)


def test_a_decimal_comma_in_a_comma_separated_file_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "quoted.csv"
    path.write_text('x1,x2,label\n"1,5",2.0,0\n0.5,1.0,1\n', encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_dataset(path)
    assert info.value.row == 2 and info.value.column == "x1"
    assert "decimal comma" in str(info.value) and "semicolon" in str(info.value)


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
@pytest.mark.parametrize("with_bom", [True, False])
def test_utf16_text_is_read(tmp_path, encoding, bom, with_bom):
    """A spreadsheet's "Unicode text": UTF-16, tab-separated, decimal commas in some locales."""
    path = tmp_path / "unicode.txt"
    path.write_bytes((bom if with_bom else b"") + _text("\t").replace("label", "étiquette").encode(encoding))
    ds = load_dataset(path)
    assert ds.n_samples == len(ROWS)
    assert sorted(ds.X[:, 0]) == sorted(_expected_X()[:, 0])


def test_two_million_columns_are_refused_before_a_cell_is_read_in_a_short_message(tmp_path, monkeypatch):
    import model.data.csv_data_files as csv_data_files

    cells_read = []
    for name in ("_number", "_number_decimal_comma"):
        real = getattr(csv_data_files, name)
        monkeypatch.setattr(csv_data_files, name, lambda cell, real=real: cells_read.append(cell) or real(cell))
    path = tmp_path / "wide.csv"
    row = ",".join(["1"] * 2_000_000)
    path.write_text(row + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        read_dataset(path)
    assert cells_read == []  # the column count alone refused it
    assert "2,000,000 columns" in str(info.value) and len(str(info.value)) < 200


def test_the_note_about_ignored_columns_stays_short(tmp_path):
    path = tmp_path / "many.csv"
    header = ",".join([f"c{i}" for i in range(500)] + ["label"])
    rows = [",".join(["0.5"] * 500 + [str(k % 2)]) for k in range(6)]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    loaded = read_dataset(path)
    assert loaded.notes and all(len(note) < 300 for note in loaded.notes)
    assert "400" in " ".join(loaded.notes)  # says how many were ignored (the first 100 are features)
