"""Large CSV files: read in chunks of rows without the garbage collector walking them, stopped at once when the
caller cancels, and giving exactly what a row-by-row reading gives (the same points, the same first error)."""

from __future__ import annotations

import gc

import numpy as np
import pytest

from model.data import csv_table, data_file_common
from model.data.data_files import CHUNK_ROWS, DataFileError, ReadCancelled, read_dataset


def big_csv(path, rows: int):
    """A file of ``rows`` rows ``x1,x2,label`` (two normal inputs, the label their sum's sign) at ``path``."""
    rng = np.random.default_rng(5)
    X = np.round(rng.normal(size=(rows, 2)), 4)
    with open(path, "w", encoding="utf-8") as f:
        f.write("x1,x2,label\n")
        f.writelines(f"{a!r},{b!r},{int(a + b > 0)}\n" for a, b in X.tolist())
    return path


def count_parsed_rows(monkeypatch) -> list[int]:
    """A list that grows by one for each row (the header too) the CSV reader parses from now on."""
    parsed: list[int] = []
    real_records = csv_table._records

    def counted(*args):
        for record in real_records(*args):
            parsed.append(1)
            yield record

    monkeypatch.setattr(csv_table, "_records", counted)
    return parsed


def test_a_large_file_is_read_without_the_collector_walking_it(tmp_path):
    """Row lists kept until the end made hundreds of collections, a few of them of everything the application
    holds (each a pause of the whole application, 100-500 ms with a million rows)."""
    path = big_csv(tmp_path / "big.csv", 200_000)
    generations: list[int] = []

    def count(phase, info):
        if phase == "start":
            generations.append(info["generation"])

    gc.collect()
    gc.callbacks.append(count)
    try:
        loaded = read_dataset(path)
    finally:
        gc.callbacks.remove(count)
    assert loaded.dataset.n_samples == 200_000
    assert 2 not in generations, generations  # never a collection of the oldest generation
    assert len(generations) < 20, len(generations)  # (the row-by-row reading: ~580)


def test_a_cancelled_read_stops_at_once_and_parses_no_more_rows(tmp_path, monkeypatch):
    path = big_csv(tmp_path / "big.csv", 50 * CHUNK_ROWS)
    parsed = count_parsed_rows(monkeypatch)
    asked = []

    def cancelled():
        asked.append(len(parsed))
        return len(asked) >= 3  # the third look: the person pressed Cancel

    with pytest.raises(ReadCancelled):
        read_dataset(path, cancelled=cancelled)
    assert len(asked) == 3  # it stopped at the first look after the flag was set
    assert len(parsed) <= 2 * CHUNK_ROWS + 1  # two chunks, not the file's 50
    parsed.clear()
    assert read_dataset(path, cancelled=lambda: False).dataset.n_samples == 50 * CHUNK_ROWS
    assert len(parsed) == 50 * CHUNK_ROWS + 1


def test_a_cancelled_npz_read_raises_read_cancelled(tmp_path):
    from model.data.data_files import save_dataset_npz
    from model.data.generators import make

    path = tmp_path / "points.npz"
    save_dataset_npz(make("moons", 50, seed=1), path)
    with pytest.raises(ReadCancelled):
        read_dataset(path, cancelled=lambda: True)
    assert read_dataset(path, cancelled=lambda: False).dataset.n_samples == 50


# Files whose reading takes the careful paths somewhere: blank and space-only rows, trailing empty cells, quoted
# fields across lines, string labels, decimal commas, underscores, a test column, and errors of every kind.
FILES = {
    "plain": "x1,x2,label\n" + "".join(f"{i * 0.5},{-i},{i % 2}\n" for i in range(12)),
    "no header, words": "".join(f"{i},{i * i},{'cat' if i % 3 else 'dog'}\n" for i in range(11)),
    "blank rows": "x1,x2,label\n\n1,2,0\n  ,  , \n3,4,1\n\n\n5,6,0\n7,8,1\n,,\n9,1,1\n",
    "trailing cells": "x1,x2,label\n1,2,0,,\n3,4,1,\n5,6,0\n7,8,1, ,\n",
    "quoted lines": 'x1,x2,label\n1,2,"a\nb"\n3,4,c\n"5",6,"a\nb"\n7,8,c\n',
    "decimal commas": "x1;x2;label\n1,5;2;0\n-0,25;3,0E-2;1\n1_0;4;0\n2;,5;1\n7;8;1\n",
    "underscores": "x1,x2,label\n1_0,2,0\n3,4_5,1\n5,6,0\n",
    "semicolon underscores": "x1;x2;label\n1,5;2;0\n1_0,5;3;1\n4;5;0\n",
    "test column": "x1,x2,label,is_test\n1,2,0,1\n3,4,1,no\n5,6,0,TRUE\n7,8,1,train\n9,9,0,0\n",
    "regression": "x1,x2,target\n" + "".join(f"{i},{i / 3},{i * 0.25}\n" for i in range(9)),
    "bad x2 early, bad x1 late": "x1,x2,label\n1,2,0\n3,4,1\n5,zz,0\n7,8,1\nqq,1,0\n1,1,1\n",
    "bad x1 and x2 on one row": "x1,x2,label\n1,2,0\n3,4,1\nqq,zz,0\n7,8,1\n",
    "empty cell": "x1,x2,label\n1,2,0\n3,,1\n5,6,0\n",
    "infinite": "x1,x2,label\n1,2,0\n3,inf,1\n5,6,0\n",
    "decimal comma in a comma file": 'x1,x2,label\n1,2,0\n3,"4,5",1\n5,6,0\n',
    "wrong cell count after blanks": "x1,x2,label\n1,2,0\n\n3,4,1\n5,6\n7,8,1\n",
    "wrong cell count before a CSV error": 'x1,x2,label\n1,2,0\n5,6\n7,8,"' + "a" * 140_000 + '"\n',
    "CSV error": 'x1,x2,label\n1,2,0\n3,4,1\n7,8,"' + "a" * 140_000 + '"\n',
    "empty label": "x1,x2,label\n1,2,0\n3,4,\n5,6,1\n",
    "infinite label": "x1,x2,y\n1,2,0.5\n3,4,nan\n5,6,1\n",
    "a word among numbers": "x1,x2,label\n" + "".join(f"{i},{i},{i}\n" for i in range(12)) + "1,2,oops\n",
    "bad test flag": "x1,x2,label,is_test\n1,2,0,1\n3,4,1,maybe\n5,6,0,0\n",
    "only blank rows": "\n\n  \n,,\n",
    "header only": "x1,x2,label\n\n",
}


def _outcome(path):
    try:
        loaded = read_dataset(path, test_fraction=0.25, seed=3)
    except DataFileError as exc:
        return ("error", str(exc), exc.row, exc.column)
    ds = loaded.dataset
    return (
        "read",
        ds.X.tolist(),
        ds.y.tolist(),
        ds.is_test.tolist(),
        ds.task,
        ds.class_names,
        ds.feature_names,
        loaded.notes,
    )


@pytest.mark.parametrize("name", sorted(FILES))
def test_chunks_and_slices_give_what_a_row_by_row_reading_gives(tmp_path, monkeypatch, name):
    path = tmp_path / "data.csv"
    path.write_text(FILES[name], encoding="utf-8")
    with monkeypatch.context() as m:  # every row the careful way, every column in one slice
        m.setattr(csv_table._Builder, "add_fast", lambda self, start, records: False)
        m.setattr(csv_table, "CHUNK_ROWS", 1)
        row_by_row = _outcome(path)
    assert _outcome(path) == row_by_row
    for chunk_rows, slice_items in [(2, 3), (3, 2), (5, 1)]:
        with monkeypatch.context() as m:  # chunk and slice boundaries everywhere
            m.setattr(csv_table, "CHUNK_ROWS", chunk_rows)
            m.setattr(data_file_common, "SLICE", slice_items)
            assert _outcome(path) == row_by_row, (chunk_rows, slice_items)


def test_the_first_bad_cell_is_found_row_by_row_across_columns(tmp_path, monkeypatch):
    path = tmp_path / "data.csv"
    path.write_text(FILES["bad x2 early, bad x1 late"], encoding="utf-8")
    monkeypatch.setattr(data_file_common, "SLICE", 2)
    assert _outcome(path)[1:] == ("data.csv, row 4, column 'x2': 'zz' is not a number", 4, "x2")
    path.write_text(FILES["bad x1 and x2 on one row"], encoding="utf-8")
    assert _outcome(path)[1:] == ("data.csv, row 4, column 'x1': 'qq' is not a number", 4, "x1")


def test_the_fast_way_reads_plain_chunks(tmp_path, monkeypatch):
    """The comparisons above compare something: a plain file's chunks go the fast way, none row by row."""
    path = big_csv(tmp_path / "big.csv", 3 * CHUNK_ROWS)
    careful = []
    real = csv_table._Builder.add_careful
    monkeypatch.setattr(
        csv_table._Builder,
        "add_careful",
        lambda self, start, records: careful.append(start) or real(self, start, records),
    )
    assert read_dataset(path).dataset.n_samples == 3 * CHUNK_ROWS
    assert careful == []
