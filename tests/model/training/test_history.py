"""The history keeps every epoch of a normal run and a bounded, evenly spread record of a very long one."""

import numpy as np

from model.data.generators import make
from model.storage.session_files import load_session, save_session
from model.training.history import MAX_ROWS, History
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


def filled(n_epochs: int, max_rows: int, evaluate_every: int = 7) -> History:
    h = History(capacity=16, max_rows=max_rows)
    for e in range(1, n_epochs + 1):
        h.append_loss(1.0 / e)
        if e % evaluate_every == 0:
            h.record_evaluation(2.0 / e, 0.5, 0.25)
    return h


def test_a_short_run_keeps_every_epoch():
    h = filled(1000, max_rows=4096)
    assert len(h) == h.rows == 1000 and h.stride == 1
    np.testing.assert_array_equal(h.column("epoch"), np.arange(1, 1001))
    np.testing.assert_array_equal(h.column("train_loss"), 1.0 / np.arange(1, 1001))


def test_a_long_run_stays_within_its_rows_and_covers_all_of_it_evenly():
    h = filled(100_000, max_rows=256)
    assert len(h) == 100_000 and h.rows <= 256
    epochs = h.column("epoch")
    assert np.all(np.diff(epochs) == h.stride)  # evenly spread
    assert epochs[0] <= h.stride and 100_000 - epochs[-1] < h.stride  # from the start to now
    np.testing.assert_array_equal(h.column("train_loss"), 1.0 / epochs)  # each row its own epoch's value
    measured = epochs % 7 == 0  # the epochs evaluated (``filled``): each row holds its own epoch's measure
    assert measured.sum() > 10
    np.testing.assert_array_equal(h.column("test_loss")[measured], 2.0 / epochs[measured])
    assert np.isnan(h.column("test_loss")[~measured]).all() and np.array_equal(h.measured(), measured)


def test_memory_is_bounded_over_a_million_epochs():
    h = History()
    for _ in range(1_000_000):
        h.append_loss(0.5)
    assert len(h) == 1_000_000 and h.rows <= MAX_ROWS
    assert sum(column.nbytes for column in h._data.values()) <= 5 * 8 * MAX_ROWS


def test_truncate_copy_and_load_keep_the_epoch_count():
    h = filled(5000, max_rows=64)
    stride = h.stride
    c = h.copy()
    assert len(c) == 5000 and c.stride == stride
    np.testing.assert_array_equal(c.column("epoch"), h.column("epoch"))
    c.truncate(3001)
    assert len(c) == 3001 and c.column("epoch")[-1] <= 3001
    for _ in range(stride * 3):
        c.append_loss(0.1)
    assert np.all(np.diff(c.column("epoch")) > 0) and len(c) == 3001 + stride * 3
    loaded = History()
    loaded.load(h.arrays(), n_epochs=len(h))
    assert len(loaded) == 5000 and loaded.stride == stride
    old = History()  # arrays without an "epoch" column (one row per epoch)
    old.load({k: v for k, v in filled(50, 4096).arrays().items() if k != "epoch"})
    assert len(old) == 50 and old.column("epoch")[-1] == 50


def test_thinned_until_a_past_epoch():
    h = filled(10_000, max_rows=100_000)
    t = h.thinned(max_points=100, until_epoch=2500)
    assert t["epoch"][0] == 1 and t["epoch"][-1] == 2500 and len(t["epoch"]) <= 100


def test_a_saved_long_session_resumes_exactly_with_its_compacted_history(tmp_path):
    ds = make("moons", 60, seed=1)
    spec, train = ModelSpec(hidden_layer_sizes=(4,)), TrainSpec(learning_rate=0.1, dtype="float64")
    straight = TrainingSession(ds, spec, train, seed=2)
    straight.history.max_rows = 32
    straight.step(300)
    straight.step(300)
    stopped = TrainingSession(ds, spec, train, seed=2)
    stopped.history.max_rows = 32
    stopped.step(300)
    save_session(stopped, tmp_path / "s.npz")
    resumed, _ = load_session(tmp_path / "s.npz")
    resumed.history.max_rows = 32
    resumed.step(300)
    assert resumed.epoch == straight.epoch == 600 and len(resumed.history) == 600
    np.testing.assert_array_equal(resumed.network.params, straight.network.params)
    np.testing.assert_array_equal(resumed.history.column("epoch"), straight.history.column("epoch"))
    np.testing.assert_array_equal(resumed.history.column("train_loss"), straight.history.column("train_loss"))


def test_the_epochs_between_two_measurements_hold_no_made_up_values():
    h = History()
    h.record_evaluation(1.0, 0.5, 0.4)  # the first measurement (epoch 0, before training): no row
    for _ in range(4):
        h.append_loss(0.9)
    h.record_evaluation(0.6, 0.9, 0.8)
    np.testing.assert_array_equal(h.column("test_loss"), [np.nan, np.nan, np.nan, 0.6])
    np.testing.assert_array_equal(h.column("test_score"), [np.nan, np.nan, np.nan, 0.8])
    np.testing.assert_array_equal(h.measured(), [False, False, False, True])
    h.record_evaluation(0.1, 1.0, 1.0)  # measured again without a new epoch (a setting changed): kept as it was
    assert h.column("test_loss")[-1] == 0.6
    h.append_loss(0.5)
    h.record_evaluation(float("nan"), 1.0, float("nan"))  # no test points any more: no line to draw
    assert np.isnan(h.column("test_loss")[-1]) and h.column("train_score")[-1] == 1.0 and h.measured()[-1]


def test_a_thinned_long_history_keeps_its_measured_epochs():
    h = History()
    for e in range(1, 100_001):
        h.append_loss(1.0 / e)
        if e % 50 == 0:  # 2 000 measured epochs, most of which an even spread of 4 000 rows would miss
            h.record_evaluation(2.0 / e, 0.5, 0.25)
    t = h.thinned(max_points=4000)
    assert len(t["epoch"]) <= 4000 and t["epoch"][0] == 1 and t["epoch"][-1] == 100_000
    measured = np.isfinite(t["test_loss"])
    assert measured.sum() >= 1990
    np.testing.assert_array_equal(t["test_loss"][measured], 2.0 / t["epoch"][measured])
