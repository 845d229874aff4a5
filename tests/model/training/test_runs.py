"""The run table: records, sorting, CSV, and restoring a run exactly where it ended."""

import csv
import io
import math

import numpy as np
import pytest

from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.training.runs import (
    HEADERS,
    RunRecord,
    RunTable,
    describe_model,
    describe_training,
    record_from_session,
    restore_session,
)
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from model.training.timeline import Timeline


def _session(lr=0.1, seed=0, epochs=40, **train):
    X, y = make_dataset("moons", 60, 0.2, 0)
    s = TrainingSession(
        Dataset.from_arrays(X, y, test_fraction=0.25),
        ModelSpec(hidden_layer_sizes=(5,)),
        TrainSpec(learning_rate=lr, **train),
        seed=seed,
    )
    s.timeline = Timeline()
    s.timeline.restart(s)
    s.step(epochs)
    return s


def test_descriptions():
    assert (
        describe_model(ModelSpec(hidden_layer_sizes=(8, 8), alpha=0.01, features=("x1^2",)))
        == "MLP 8-8 tanh, L2 0.01, +x1^2"
    )
    assert describe_model(ModelSpec(kind="perceptron")) == "Perceptron"
    assert (
        describe_training(TrainSpec(optimizer="adam", learning_rate=0.001, batch_size=16)) == "Adam lr 0.001, batch 16"
    )
    assert (
        describe_training(TrainSpec(optimizer="momentum", learning_rate=0.1, dtype="float64"))
        == "Momentum lr 0.1 (m 0.9), float64"
    )


def test_a_perceptron_is_described_by_the_rule_it_trains_with():
    """The perceptron never uses the optimizer, the batch size or the penalties of its settings."""
    perceptron = ModelSpec(kind="perceptron", alpha=0.01)
    adam = TrainSpec(optimizer="adam", learning_rate=0.03, batch_size=16)
    assert describe_training(adam, perceptron) == "Perceptron rule lr 0.03"
    assert describe_model(perceptron) == "Perceptron"
    assert describe_training(adam, ModelSpec(kind="logistic")) == "Adam lr 0.03, batch 16"
    record = RunRecord(1, "Run 1", perceptron, adam)
    row = dict(zip(HEADERS, RunTable.row(record)))
    assert (row["Model"], row["Training"]) == ("Perceptron", "Perceptron rule lr 0.03")


def test_record_follows_a_session():
    s = _session()
    r = record_from_session(s, 1, wall_time=1.5)
    assert (r.name, r.epochs, r.wall_time, r.live) == ("Run 1", 40, 1.5, True)
    assert r.train_loss == s.train_loss and r.test_score == s.test_score
    assert not r.restorable
    s.step(5)
    r.update_from(s, wall_time=2.0)
    assert r.epochs == 45 and r.wall_time == 2.0


def _table():
    table = RunTable()
    for i, (lr, loss) in enumerate([(0.1, 0.3), (0.5, math.nan), (0.01, 0.1), (0.2, 0.2)], start=1):
        table.add(RunRecord(i, f"Run {i}", ModelSpec(), TrainSpec(learning_rate=lr), train_loss=loss, epochs=10 * i))
    return table


def test_sorting_keeps_missing_values_last():
    table = _table()
    assert [r.run_id for r in table.sorted("Train loss")] == [3, 4, 1, 2]
    assert [r.run_id for r in table.sorted("Train loss", descending=True)] == [1, 4, 3, 2]
    assert [r.run_id for r in table.sorted(HEADERS.index("Epochs"), descending=True)] == [4, 3, 2, 1]
    assert [r.run_id for r in table.sorted("Training")] == [3, 1, 4, 2]  # "SGD lr 0.01" < "SGD lr 0.1" ...
    with pytest.raises(ValueError):
        table.add(RunRecord(1, "again", ModelSpec(), TrainSpec()))


def test_a_finished_run_replaces_its_live_row_in_place():
    table = _table()
    finished = RunRecord(3, "Run 3 done", ModelSpec(), TrainSpec(learning_rate=0.01), train_loss=0.05, epochs=99)
    assert table.replace(finished) == 2
    assert [r.run_id for r in table] == [1, 2, 3, 4] and table.get(3) is finished
    assert table.replace(RunRecord(9, "never added", ModelSpec(), TrainSpec())) is None and len(table) == 4


def test_a_run_that_never_trained_is_not_listed():
    table = _table()
    live = table.upsert(RunRecord(5, "Run 5", ModelSpec(), TrainSpec(), session_id=3))
    assert live == ("added", 4) and table.get(5) is not None
    assert table.upsert(RunRecord(5, "Run 5", ModelSpec(), TrainSpec(), trained=False)) == ("removed", 4)
    assert table.get(5) is None and len(table) == 4
    assert table.upsert(RunRecord(6, "Run 6", ModelSpec(), TrainSpec(), trained=False)) is None and len(table) == 4
    done = RunRecord(3, "Run 3", ModelSpec(), TrainSpec(), epochs=30)
    assert table.upsert(done) == ("replaced", 2) and table.get(3) is done


def test_csv_export(tmp_path):
    table = _table()
    path = tmp_path / "runs.csv"
    text = table.to_csv(path)
    assert path.read_text() == text
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][: len(HEADERS)] == list(HEADERS) and "learning_rate" in rows[0]
    assert len(rows) == 5
    by_id = {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}
    assert float(by_id["3"]["Train loss"]) == 0.1 and by_id["2"]["Train loss"] == ""
    assert by_id["3"]["learning_rate"] == "0.01" and by_id["3"]["hidden_layer_sizes"] == "8 8"
    sorted_text = table.to_csv(records=table.sorted("Epochs", descending=True))
    assert [row[0] for row in csv.reader(io.StringIO(sorted_text))][1:] == ["4", "3", "2", "1"]


def test_restore_continues_bit_for_bit():
    s = _session(lr=0.05, optimizer="momentum", batch_size=8, epochs=30)
    table = RunTable()
    record = table.add(record_from_session(s, 1, keep_payload=True))
    table.finish(record.run_id)
    s.step(20)
    expected = s.network.params.copy()
    restored = restore_session(record)
    assert restored.epoch == 30 and len(restored.history) == 30
    assert restored.timeline.last.epoch == 30 and restored.timeline is not record.timeline
    restored.step(20)
    assert np.array_equal(restored.network.params, expected)
    assert np.array_equal(restored.history.column("train_loss"), s.history.column("train_loss"))


def test_only_the_recent_finished_runs_keep_a_payload():
    table = RunTable(max_payloads=2)
    s = _session(epochs=2)
    records = []
    for run_id in range(1, 5):
        r = table.add(record_from_session(s, run_id, keep_payload=True))
        table.finish(r.run_id)
        records.append(r)
    assert [r.restorable for r in records] == [False, False, True, True]
    with pytest.raises(ValueError, match="cannot be restored"):
        restore_session(records[0])
    live = table.add(record_from_session(s, 5, keep_payload=True))
    assert live.restorable and table.for_session(s.session_id) is live
