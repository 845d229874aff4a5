"""What the app saves, it opens again, however large: the largest data the data files give and the largest models
the window makes fit in a session file together, and a session too large to be opened again is refused before
anything is written, saying how large it would be and why."""

from __future__ import annotations

import pickle
import tracemalloc
import zipfile

import numpy as np
import pytest

from model.data import data_file_common
from model.data.csv_data_files import MAX_FEATURES
from model.data.data_file_common import MAX_DATA_BYTES, MAX_FILE_BYTES, MAX_ROWS, data_bytes
from model.data.data_files import DataFileError, load_dataset
from model.data.dataset import MAX_CLASSES, Dataset
from model.nn.param_layout import n_params
from model.storage import session_files
from model.storage.safe_files import archive_bytes, read_npz
from model.storage.session_files import (
    MAX_SESSION_BYTES,
    MODEL_PART_BYTES,
    SessionFileError,
    load_session,
    save_session,
)
from model.storage.session_members import MAX_MEMBERS
from model.storage.session_runs import MAX_KEPT_BYTES
from model.storage.view_entries import MAX_LAYERS, MAX_NEURONS
from model.training import history
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


def _largest_csv_data_bytes() -> int:
    """The most data a CSV file the reader accepts can hold: every cell one character and its delimiter (a
    one-digit number), as many rows as the file's size allows, for every number of inputs."""
    return max(
        data_bytes(min(MAX_ROWS, MAX_FILE_BYTES // (2 * (n_inputs + 1))), n_inputs)
        for n_inputs in range(1, MAX_FEATURES + 1)
    )


def test_the_largest_data_a_csv_file_gives_fits_a_session_beside_the_largest_models():
    largest = _largest_csv_data_bytes()
    assert 200e6 < largest <= MAX_DATA_BYTES  # 210 MB: 259 548 rows of 100 inputs
    assert MAX_SESSION_BYTES == MAX_DATA_BYTES + (MAX_MEMBERS + 1) * MODEL_PART_BYTES + MAX_KEPT_BYTES
    assert MAX_SESSION_BYTES < 400_000_000  # the finished runs' kept weights beside them


def test_the_largest_model_the_window_makes_fits_its_part_of_a_session():
    """Its weights, Adam's two moments and the last good weights, and a history of the most rows kept."""
    params = n_params([MAX_FEATURES, *[MAX_NEURONS] * MAX_LAYERS, MAX_CLASSES])
    history_bytes = history.MAX_ROWS * (len(history.COLUMNS) + 1) * 8
    entries = 4 + len(history.COLUMNS) + 1
    assert 4 * params * 8 + history_bytes + entries * 2048 <= MODEL_PART_BYTES


def test_a_session_keeps_its_data_in_the_bytes_the_data_limit_counts(tmp_path):
    """So the arithmetic above is what a file weighs: the data's arrays take ``data_bytes`` in the file, the rest is
    the model's, and ``archive_bytes`` (what saving checks) is no less than the file or what it unpacks to."""
    rows, n_inputs = 3_000, MAX_FEATURES
    rng = np.random.default_rng(0)
    ds = Dataset(rng.integers(0, 10, (rows, n_inputs)).astype(float), np.arange(rows) % 2, rng.random(rows) < 0.2)
    session = TrainingSession(ds, ModelSpec(hidden_layer_sizes=(8,)), TrainSpec(optimizer="adam"))
    session.step(2)
    path = tmp_path / "wide.npz"
    save_session(session, path)
    with zipfile.ZipFile(path) as zf:
        sizes = {info.filename: info.file_size for info in zf.infolist()}
    data_entries = sum(sizes[f"data.{key}.npy"] for key in ("X", "y", "is_test"))
    assert data_bytes(rows, n_inputs) <= data_entries <= data_bytes(rows, n_inputs) + 3 * 1024
    entries = read_npz(path)
    assert archive_bytes(entries) >= max(path.stat().st_size, sum(sizes.values()))
    assert path.stat().st_size - data_entries < MODEL_PART_BYTES
    again, _ = load_session(path)
    np.testing.assert_array_equal(again.dataset.X, ds.X)


def test_a_session_too_large_to_open_again_is_not_written_and_save_says_why(tmp_path, monkeypatch):
    ds = Dataset(np.random.default_rng(1).random((20_000, 10)), np.arange(20_000) % 2, np.zeros(20_000, bool))
    session = TrainingSession(ds, ModelSpec(hidden_layer_sizes=(4,)), TrainSpec())
    path = tmp_path / "kept.npz"
    path.write_bytes(b"the file saved before")
    monkeypatch.setattr(session_files, "MAX_SESSION_BYTES", 1_000_000)  # 20 000 rows of 10 inputs: 1.8 MB
    with pytest.raises(SessionFileError) as info:
        save_session(session, path)
    assert str(info.value) == (
        "kept.npz: is not saved: the session file would take 2 MB, more than the 1 MB a session file may take to be "
        "opened again (its data takes 2 MB, its 1 model(s) and finished runs the rest)"
    )
    assert path.read_bytes() == b"the file saved before"  # nothing was written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.npz"]  # no temporary file left either
    # The save runs where the session lives (the training process): the error crosses back to the window whole.
    crossed = pickle.loads(pickle.dumps(info.value))
    assert type(crossed) is SessionFileError and str(crossed) == str(info.value) and crossed.path == str(path)


def test_data_larger_than_a_session_holds_is_refused_when_the_file_is_opened(tmp_path, monkeypatch):
    """An .npz of small integers (a byte each) is the one data file that can hold more than a session can: 50 MB
    of them are 400 MB of the app's numbers. Shown here with a lower limit, the same arithmetic: the refusal names
    the file and the array, and is decided from X's header, so it never holds X as the app's numbers (8 bytes a
    value), nor even X as the file holds it (a byte a value)."""
    monkeypatch.setattr(data_file_common, "MAX_DATA_BYTES", 1_000_000)
    rng = np.random.default_rng(2)
    np.savez(tmp_path / "first.npz", X=rng.integers(0, 10, (2_000, 400), dtype=np.int8), y=np.arange(2_000) % 2)
    with pytest.raises(DataFileError):  # the first open imports what reading takes: not the refusal's memory
        load_dataset(tmp_path / "first.npz")
    X = rng.integers(0, 10, (20_000, 400), dtype=np.int8)  # 8 MB; its 100 inputs read are 16 MB of the app's
    np.savez(tmp_path / "bytes.npz", X=X, y=(np.arange(20_000) % 2).astype(np.uint8))
    tracemalloc.start()
    try:
        with pytest.raises(DataFileError) as info:
            load_dataset(tmp_path / "bytes.npz")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(info.value) == (
        "bytes.npz, column 'X': holds 20,000 rows of 100 inputs: 16 MB as the app keeps them (8 bytes a number), "
        "more than the 1 MB a session can hold; use fewer rows or columns"
    )
    assert peak < X.nbytes / 8, f"peak {peak:,} bytes"  # 1 MB: the labels' few arrays, one number a row
