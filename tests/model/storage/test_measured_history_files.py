"""A session file keeps which epochs' test loss and scores were measured (NaN at the others) bit for bit, and a
file written before (its history filled between measurements) still opens with its values as they were."""

import numpy as np

from model.data.generators import make
from model.storage.session_files import load_session, save_session
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


def _session() -> TrainingSession:
    return TrainingSession(make("moons", 80, seed=2), ModelSpec(hidden_layer_sizes=(5,)), TrainSpec(), seed=4)


def test_a_saved_session_reopens_with_its_measured_and_unmeasured_epochs_bit_for_bit(tmp_path):
    session = _session()
    session.step(150)
    save_session(session, tmp_path / "s.npz")
    opened, _ = load_session(tmp_path / "s.npz")
    saved, back = session.history.arrays(), opened.history.arrays()
    assert np.isnan(saved["test_loss"]).any() and np.isfinite(saved["test_loss"]).any()
    for name, column in saved.items():
        assert column.tobytes() == back[name].tobytes(), name
    np.testing.assert_array_equal(opened.history.measured(), session.history.measured())


def test_a_file_whose_history_was_filled_between_measurements_opens_as_it_was(tmp_path):
    session = _session()
    session.step(150)
    filled = session.history.arrays()
    for name in ("test_loss", "train_score", "test_score"):  # as files written before held them: no NaN
        known = np.isfinite(filled[name])
        filled[name] = np.interp(filled["epoch"], filled["epoch"][known], filled[name][known])
    session.history.load(filled, n_epochs=session.epoch)
    save_session(session, tmp_path / "old.npz")
    opened, _ = load_session(tmp_path / "old.npz")
    for name, column in filled.items():
        np.testing.assert_array_equal(opened.history.column(name), column)
    opened.step(10)  # and trains on, measuring as now
    assert opened.epoch == 160 and np.isfinite(opened.history.column("test_loss")[-1])
