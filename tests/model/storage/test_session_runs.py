"""The run table's finished runs are kept in the session file: reopened, each is listed with its number, name, scores
and settings, a restorable one gives its network back bit for bit and trains on as the run restored before the save
would have; runs past the limits keep their row of scores only; a damaged run refuses the whole file, naming it."""

import math

import numpy as np
import pytest

from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.storage import session_runs
from model.storage.session_files import SessionFileError, open_session_file
from model.storage.session_runs import MAX_KEPT_WEIGHTS, saved_runs
from model.training.group_contract import RunFinished
from model.training.requests import SaveSession
from model.training.runs import restore_session
from model.training.session import TrainingSession
from model.training.session_group import SessionGroup
from model.training.specs import ModelSpec, TrainSpec
from tests.model.storage.archive_edit import rewrite_archive

MLP = ModelSpec(hidden_layer_sizes=(6, 4))
WIDER = ModelSpec(hidden_layer_sizes=(16, 4))
ADAM = TrainSpec(optimizer="adam", learning_rate=0.01, batch_size=10)


def _data(n_classes=2):
    X, y = make_dataset("blobs" if n_classes > 2 else "moons", 80, 0.2, 0, n_classes=n_classes)
    return Dataset.from_arrays(X, y, test_fraction=0.25)


def _group_with_finished_runs(architectures, epochs=12):
    """A group trained ``epochs`` on each architecture in turn: every change ends a run (as the window's table
    hears it); answers the group and the finished records, oldest first."""
    finished = []
    group = SessionGroup(TrainingSession(_data(), MLP, ADAM, seed=3))
    group.subscribe(lambda event: finished.append(event.record) if isinstance(event, RunFinished) else None)
    for spec in architectures:
        group.step(epochs)
        group.set_model_spec(spec)
    return group, [r for r in finished if r.trained]


def _save(group, path, records):
    SaveSession(str(path), {}, "session", saved_runs(records)).apply(group)


def test_a_finished_run_comes_back_bit_for_bit_and_trains_on_as_before(tmp_path):
    group, (record,) = _group_with_finished_runs([WIDER], epochs=77)
    path = tmp_path / "s.npz"
    _save(group, path, [record])

    (run,) = open_session_file(path).runs
    assert (run.number, run.name, run.epochs, run.restorable) == (1, "Run 1", 77, True)
    assert run.scores == (record.train_loss, record.test_loss, record.train_score, record.test_score)
    assert run.model_spec == MLP and run.train_spec == ADAM and run.seed == record.seed
    reopened = restore_session(run.record(1, "Run 1", group.primary.dataset, 0))
    before = restore_session(record)
    assert reopened.epoch == 77
    assert np.array_equal(reopened.network.params, before.network.params)
    assert reopened.network.params.dtype == before.network.params.dtype
    assert np.array_equal(reopened.history.arrays()["train_loss"], before.history.arrays()["train_loss"])
    reopened.step(20)
    before.step(20)
    assert np.array_equal(reopened.network.params, before.network.params)  # optimizer and shuffling kept too


def test_only_the_newest_runs_keep_their_weights_the_others_their_scores(tmp_path, monkeypatch):
    monkeypatch.setattr(session_runs, "MAX_KEPT_WEIGHTS", 2)
    group, records = _group_with_finished_runs([WIDER, MLP, WIDER], epochs=3)
    path = tmp_path / "s.npz"
    _save(group, path, records)
    runs = open_session_file(path).runs
    assert [(r.name, r.restorable) for r in runs] == [("Run 1", False), ("Run 2", True), ("Run 3", True)]
    assert runs[0].epochs == 3 and not math.isnan(runs[0].scores[0])  # the row of scores stays
    assert not runs[0].record(1, "Run 1", group.primary.dataset, 0).restorable


def test_the_weights_kept_stay_within_the_byte_budget(tmp_path, monkeypatch):
    group, records = _group_with_finished_runs([WIDER, MLP], epochs=3)
    last = saved_runs(records)[-1]
    monkeypatch.setattr(session_runs, "MAX_KEPT_BYTES", last.nbytes())  # room for the newest one only
    path = tmp_path / "s.npz"
    _save(group, path, records)
    assert [r.restorable for r in open_session_file(path).runs] == [False, True]
    assert MAX_KEPT_WEIGHTS == 20


def test_a_run_on_data_of_another_shape_keeps_its_row_only(tmp_path):
    group, (record,) = _group_with_finished_runs([WIDER], epochs=5)
    group.set_dataset(_data(n_classes=3))  # three classes: the two-class network cannot be restored beside it
    path = tmp_path / "s.npz"
    _save(group, path, [record])
    (run,) = open_session_file(path).runs
    assert (run.name, run.epochs, run.restorable) == ("Run 1", 5, False)


def test_a_file_without_runs_opens_with_none(tmp_path):
    group, _ = _group_with_finished_runs([], epochs=2)
    path = tmp_path / "s.npz"
    _save(group, path, [])
    assert open_session_file(path).runs == ()


def _saved(tmp_path):
    group, records = _group_with_finished_runs([WIDER, MLP], epochs=4)
    path = tmp_path / "s.npz"
    _save(group, path, records)
    return path


def _edited(path, out, edit):
    held = {}
    rewrite_archive(path, out, edit_meta=lambda m: held.update(meta=m), edit_arrays=lambda a: edit(held["meta"], a))
    return out


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (lambda m, a: m["runs"][0].update(name=""), "name of finished run 1"),
        (lambda m, a: m["runs"][0].update(name="a\nb"), "line break"),
        (lambda m, a: m["runs"][1].update(number=m["runs"][0]["number"]), "two finished runs numbered"),
        (lambda m, a: m["runs"][0].update(number=0), "number"),
        (lambda m, a: m["runs"][0].update(seconds=-1.0), "seconds"),
        (lambda m, a: m["runs"][0].update(train_loss="low"), "train_loss"),
        (lambda m, a: m["runs"][0].update(colour="red"), "colour"),
        (lambda m, a: m["runs"][0].update(task="ranking"), "task"),
        (lambda m, a: m["runs"][0].update(branched_from=[1]), "branched_from"),
        (lambda m, a: m["runs"][0].update(weights="yes"), "weights flag"),
        (lambda m, a: m["runs"][0].update(epoch=1), "finished run 1"),
        (lambda m, a: a.pop("runs.1.params"), "parameter vector"),
        (lambda m, a: a.__setitem__("runs.1.params", a["runs.1.params"] * np.nan), "not finite"),
        (lambda m, a: m["runs"][1].update(weights=False), "arrays of finished runs"),
        (lambda m, a: m.update(runs={"name": "Run 1"}), "malformed list of finished runs"),
        (lambda m, a: m.update(runs=[m["runs"][1]] * (MAX_KEPT_WEIGHTS + 1)), "weights of more than"),
    ],
)
def test_a_damaged_run_refuses_the_whole_file_and_says_which(tmp_path, edit, words):
    path = _edited(_saved(tmp_path), tmp_path / "bad.npz", edit)
    with pytest.raises(SessionFileError, match=words) as caught:
        open_session_file(path)
    assert "bad.npz" in str(caught.value)
