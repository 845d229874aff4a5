"""Saved sessions: resuming is bit for bit, files are deterministic, saves are atomic."""

from __future__ import annotations

import json
import os
import zipfile

import numpy as np
import pytest

from model.data.generators import make
from model.storage import safe_files
from model.storage.session_files import FORMAT, VERSION, SessionFileError, load_session, save_session
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.model.nn.test_param_layout import weights_then_biases
from tests.model.storage.archive_edit import rewrite_archive as _rewrite

CASES = {
    "sgd full batch": (ModelSpec(hidden_layer_sizes=(6, 4)), TrainSpec(optimizer="sgd")),
    "sgd mini-batch shuffled": (ModelSpec(), TrainSpec(optimizer="sgd", batch_size=16)),
    "adam mini-batch shuffled": (
        ModelSpec(activation="relu"),
        TrainSpec(optimizer="adam", learning_rate=0.01, batch_size=10),
    ),
    "momentum float64": (ModelSpec(), TrainSpec(optimizer="momentum", batch_size=32, dtype="float64")),
    "nesterov with penalties": (
        ModelSpec(alpha=0.01, l1=0.001, features=("x1^2", "x1*x2")),
        TrainSpec(optimizer="nesterov", batch_size=25),
    ),
    "perceptron shuffled": (ModelSpec(kind="perceptron"), TrainSpec(learning_rate=0.5)),
    "logistic adam": (ModelSpec(kind="logistic"), TrainSpec(optimizer="adam", batch_size=8)),
}


def _dataset(kind="classification"):
    if kind == "regression":
        return make("sine", 80, seed=4)
    return make("spiral", 120, seed=1, n_classes=3)


def _params_equal(a: TrainingSession, b: TrainingSession) -> bool:
    pa, pb = a.network.params, b.network.params
    return pa.dtype == pb.dtype and pa.tobytes() == pb.tobytes()


@pytest.mark.parametrize("name", list(CASES))
def test_resuming_a_loaded_session_gives_the_same_numbers_as_never_stopping(tmp_path, name):
    model_spec, train_spec = CASES[name]
    straight = TrainingSession(_dataset(), model_spec, train_spec, seed=7)
    straight.step(50)
    straight.step(50)

    first = TrainingSession(_dataset(), model_spec, train_spec, seed=7)
    first.step(50)
    save_session(first, tmp_path / "s.npz")
    resumed, view = load_session(tmp_path / "s.npz")
    assert view == {}
    assert resumed.epoch == 50
    assert _params_equal(resumed, first)
    resumed.step(50)

    assert resumed.epoch == straight.epoch == 100
    assert _params_equal(resumed, straight)
    for column, values in straight.history.arrays().items():
        np.testing.assert_array_equal(resumed.history.arrays()[column], values, err_msg=column)
    assert resumed.train_loss == straight.train_loss
    # The strongest check: both sessions save to the very same bytes.
    save_session(straight, tmp_path / "a.npz")
    save_session(resumed, tmp_path / "b.npz")
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()


def test_params_match_an_uninterrupted_single_call_too(tmp_path):
    model_spec, train_spec = CASES["adam mini-batch shuffled"]
    straight = TrainingSession(_dataset(), model_spec, train_spec, seed=3)
    straight.step(100)
    first = TrainingSession(_dataset(), model_spec, train_spec, seed=3)
    first.step(50)
    save_session(first, tmp_path / "s.npz")
    resumed, _ = load_session(tmp_path / "s.npz")
    resumed.step(50)
    assert _params_equal(resumed, straight)


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_a_divergence_right_after_loading_rewinds_as_without_the_save(tmp_path, optimizer):
    """The last good weights are saved too: a huge learning rate set just after loading
    makes the very next epoch overflow, and the rewind goes to the same epoch."""
    spec, train = ModelSpec(hidden_layer_sizes=(10,)), TrainSpec(optimizer=optimizer, learning_rate=0.05, batch_size=16)
    straight = TrainingSession(_dataset("regression"), spec, train, seed=1)
    straight.step(50)
    save_session(straight, tmp_path / "s.npz")
    resumed, _ = load_session(tmp_path / "s.npz")
    for s in (straight, resumed):
        s.set_learning_rate(1e38)
        result = s.step(10)
        assert result.diverged
    assert resumed.epoch == straight.epoch == 49
    assert _params_equal(resumed, straight) and resumed.message == straight.message
    np.testing.assert_array_equal(resumed.history.arrays()["train_loss"], straight.history.arrays()["train_loss"])


def test_regression_session_round_trip(tmp_path):
    spec, train = ModelSpec(hidden_layer_sizes=(10,)), TrainSpec(optimizer="adam", batch_size=16)
    a = TrainingSession(_dataset("regression"), spec, train, seed=2)
    a.step(30)
    save_session(a, tmp_path / "r.npz", view={"curve": True})
    b, view = load_session(tmp_path / "r.npz")
    assert view == {"curve": True}
    assert b.task == "regression" and b.dataset.same_as(a.dataset)
    a.step(20)
    b.step(20)
    assert _params_equal(a, b)


def test_perceptron_sample_position_is_restored(tmp_path):
    ds = make("linearly_separable", 40, seed=2)
    a = TrainingSession(ds, ModelSpec(kind="perceptron"), TrainSpec(), seed=0)
    for _ in range(13):
        a.perceptron_sample_step()
    save_session(a, tmp_path / "p.npz")
    b, _ = load_session(tmp_path / "p.npz")
    for _ in range(40):
        ua, ub = a.perceptron_sample_step(), b.perceptron_sample_step()
        assert ua.index == ub.index
    assert _params_equal(a, b) and a.epoch == b.epoch


def test_everything_comes_back(tmp_path):
    ds = _dataset()
    spec = ModelSpec(
        hidden_layer_sizes=(5, 3), activation=("relu", "tanh"), weight_init="he", alpha=0.001, features=("sin_x1",)
    )
    train = TrainSpec(optimizer="adam", learning_rate=0.02, beta_1=0.8, batch_size=20, shuffle=False, dtype="float64")
    a = TrainingSession(ds, spec, train, seed=11)
    a.step(12)
    view = {"bounds": [-6.0, 6.0, -6.0, 6.0], "show_test": False, "name": "spiral ✓", "nested": {"b": 1, "a": [1, 2]}}
    save_session(a, tmp_path / "s.npz", view=view)
    b, got_view = load_session(tmp_path / "s.npz")
    assert got_view == view
    assert b.model_spec == spec and b.train_spec == train and b.seed == 11
    assert b.dataset.same_as(ds)
    assert b.dataset.class_names == ds.class_names
    assert b.epoch == 12 and len(b.history) == 12
    assert b.test_score == a.test_score


def test_same_session_saved_twice_gives_identical_bytes(tmp_path):
    spec, train = CASES["adam mini-batch shuffled"]
    sessions = [TrainingSession(_dataset(), spec, train, seed=5) for _ in range(2)]
    for i, s in enumerate(sessions):
        s.step(20)
        save_session(s, tmp_path / f"{i}.npz", view={"z": 1, "a": 2})
    assert (tmp_path / "0.npz").read_bytes() == (tmp_path / "1.npz").read_bytes()


def test_file_is_a_plain_npz_with_json_metadata(tmp_path):
    a = TrainingSession(_dataset(), *CASES["sgd mini-batch shuffled"], seed=0)
    a.step(3)
    save_session(a, tmp_path / "s.npz")
    with np.load(tmp_path / "s.npz", allow_pickle=False) as npz:
        meta = json.loads(str(npz["meta"][()]))
        assert meta["format"] == FORMAT and meta["version"] == VERSION == 3
        assert meta["members"] == []
        assert meta["epoch"] == 3
        np.testing.assert_array_equal(npz["params"], a.network.params)
        assert set(meta["arrays"]) == set(npz.files) - {"meta"}
    with zipfile.ZipFile(tmp_path / "s.npz") as zf:
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_view_must_be_json(tmp_path):
    a = TrainingSession(_dataset(), seed=0)
    with pytest.raises(TypeError):
        save_session(a, tmp_path / "s.npz", view={"x": object()})
    with pytest.raises(TypeError):
        save_session(a, tmp_path / "s.npz", view=[1, 2])
    assert not (tmp_path / "s.npz").exists()


# ------------------------------------------------------------------------- crash safety
def _old_file(tmp_path):
    old = TrainingSession(_dataset(), seed=1)
    old.step(5)
    path = tmp_path / "session.npz"
    save_session(old, path)
    return old, path, path.read_bytes()


class Boom(RuntimeError):
    pass


def test_a_crash_while_writing_arrays_never_corrupts_the_previous_file(tmp_path, monkeypatch):
    old, path, before = _old_file(tmp_path)
    new = TrainingSession(_dataset(), seed=2)
    new.step(9)
    real = safe_files.npy_format.write_array
    calls = []

    def write_array_then_crash(fp, array, *args, **kwargs):
        calls.append(1)
        if len(calls) == 4:  # midway: some entries are written already
            fp.write(b"\x93NUMPY partial")
            raise Boom("disk on fire")
        return real(fp, array, *args, **kwargs)

    monkeypatch.setattr(safe_files.npy_format, "write_array", write_array_then_crash)
    with pytest.raises(Boom):
        save_session(new, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    loaded, _ = load_session(path)
    assert loaded.epoch == 5 and _params_equal(loaded, old)
    assert os.listdir(tmp_path) == ["session.npz"]  # no temporary file left behind


@pytest.mark.parametrize("target", ["fsync", "replace"])
def test_a_crash_at_fsync_or_rename_keeps_the_previous_file(tmp_path, monkeypatch, target):
    _old, path, before = _old_file(tmp_path)
    new = TrainingSession(_dataset(), seed=2)

    def crash(*args, **kwargs):
        raise OSError("no space left on device")

    monkeypatch.setattr(safe_files.os, target, crash)
    with pytest.raises(OSError):
        save_session(new, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert load_session(path)[0].epoch == 5
    assert os.listdir(tmp_path) == ["session.npz"]


def test_a_crash_in_the_middle_of_the_bytes_keeps_the_previous_file(tmp_path, monkeypatch):
    """Kill the write after a few kilobytes have reached the temporary file."""
    _old, path, before = _old_file(tmp_path)
    new = TrainingSession(_dataset(), seed=2)
    new.step(50)
    real_write_npz = safe_files.write_npz

    class Dying:
        def __init__(self, f):
            self.f, self.n = f, 0

        def write(self, data):
            self.n += len(data)
            if self.n > 2000:
                raise Boom("power cut")
            return self.f.write(data)

        def __getattr__(self, name):
            return getattr(self.f, name)

    monkeypatch.setattr(safe_files, "write_npz", lambda f, arrays: real_write_npz(Dying(f), arrays))
    with pytest.raises(Boom):
        save_session(new, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["session.npz"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and symlinks")
def test_saving_over_a_file_keeps_its_permissions_and_follows_symlinks(tmp_path):
    _old, path, _before = _old_file(tmp_path)
    os.chmod(path, 0o600)
    link = tmp_path / "link.npz"
    link.symlink_to(path.name)
    new = TrainingSession(_dataset(), seed=2)
    new.step(2)
    save_session(new, link)
    assert link.is_symlink() and link.resolve() == path
    assert load_session(path)[0].epoch == 2
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert sorted(os.listdir(tmp_path)) == ["link.npz", "session.npz"]


# ---------------------------------------------------------------------------- bad files


@pytest.fixture
def saved(tmp_path):
    s = TrainingSession(_dataset(), *CASES["adam mini-batch shuffled"], seed=0)
    s.step(4)
    path = tmp_path / "good.npz"
    save_session(s, path)
    return path


@pytest.mark.parametrize(
    "edit_meta, edit_arrays, message",
    [
        (lambda m: m.update(version=VERSION + 1), None, "newer"),
        (lambda m: m.update(version="1"), None, "version"),
        (lambda m: m.update(format="neural-playground-model"), None, "model file, not a session"),
        (lambda m: m.update(format="something-else"), None, "not a Neural Playground session"),
        (lambda m: m["model_spec"].update(kind="transformer"), None, "model settings"),
        (lambda m: m["model_spec"].update(hidden_layer_sizes="abc"), None, "model settings"),
        (lambda m: m["model_spec"].update(hidden_layer_sizes=[10**9]), None, "hidden_layer_sizes"),
        (lambda m: m["model_spec"].update(alpha=float("nan")), None, "alpha"),
        (lambda m: m["train_spec"].update(learning_rate=-1), None, "training settings"),
        (lambda m: m["train_spec"].update(batch_size=2.5), None, "batch_size"),
        (lambda m: m["train_spec"].update(optimizer="sgd"), None, "optimizer state"),
        (lambda m: m["train_spec"].update(dtype="float64"), None, "parameter vector"),
        (lambda m: m.update(seed=-3), None, "seed"),
        (lambda m: m.update(epoch="x"), None, "epoch"),
        (lambda m: m.update(view=[1]), None, "view"),
        (lambda m: m["optimizer"].update(t=-1), None, "optimizer value"),
        (lambda m: m.update(shuffle_rng={"bit_generator": "MT19937"}), None, "random state"),
        (lambda m: m["shuffle_rng"].update(state={"state": "x", "inc": 1}), None, "random state"),
        (lambda m: m["dataset"].update(task="clustering"), None, "task"),
        (lambda m: m["dataset"].update(n_classes=40), None, "dataset.n_classes = 40"),
        (lambda m: m["dataset"].update(class_names="ab"), None, "class names"),
        (lambda m: m["recovery"].update(good_epoch=10**6), None, "divergence-recovery"),
        (lambda m: m.pop("recovery"), None, "divergence-recovery"),
        (None, lambda a: a.update({"recovery.good_params": a["params"][:3]}), "last good weights"),
        (None, lambda a: a.update({"params": a["params"][:-1]}), "parameters"),
        (None, lambda a: a.update({"optimizer.m": a["optimizer.m"][:3]}), "optimizer array"),
        (None, lambda a: a.update({"data.y": a["data.y"].astype(np.float64)}), "labels"),
        (None, lambda a: a.update({"data.X": np.full_like(a["data.X"], np.nan)}), "data.X"),
        (None, lambda a: a.update({"history.test_loss": a["history.test_loss"][:2]}), "history"),
        (None, lambda a: a.pop("history.train_score"), "history"),
    ],
)
def test_inconsistent_files_raise_a_clear_session_file_error(saved, tmp_path, edit_meta, edit_arrays, message):
    bad = tmp_path / "bad.npz"
    _rewrite(saved, bad, edit_meta, edit_arrays)
    with pytest.raises(SessionFileError) as info:
        load_session(bad)
    assert str(info.value).startswith("bad.npz: ")
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)


def test_manifest_mismatch_is_caught(saved, tmp_path):
    arrays = safe_files.read_npz(saved)
    arrays["params"] = arrays["params"].astype(np.float64)  # the manifest still says float32
    with open(tmp_path / "bad.npz", "wb") as f:
        safe_files.write_npz(f, arrays)
    with pytest.raises(SessionFileError, match="metadata says"):
        load_session(tmp_path / "bad.npz")


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"hello world", "not a NumPy .npz"),
        (b"PK\x03\x04" + b"\x00" * 40, "damaged"),
    ],
)
def test_garbage_files(tmp_path, content, message):
    path = tmp_path / "x.session"
    path.write_bytes(content)
    with pytest.raises(SessionFileError, match=message):
        load_session(path)


def test_a_data_file_is_not_a_session(tmp_path):
    np.savez(tmp_path / "d.npz", X=np.zeros((3, 2)), y=np.arange(3))
    with pytest.raises(SessionFileError, match="no metadata"):
        load_session(tmp_path / "d.npz")


def test_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_session(tmp_path / "nope.npz")


def test_a_version_1_file_opens_with_its_vectors_reordered(tmp_path):
    """Version 1 laid the parameter vectors out as all weights, then all biases."""
    model_spec, train_spec = CASES["adam mini-batch shuffled"]
    session = TrainingSession(_dataset(), model_spec, train_spec, seed=3)
    session.step(20)
    save_session(session, tmp_path / "v2.npz")
    sizes = session.network.layer_sizes

    def to_version_1(meta):
        meta["version"] = 1

    def old_layout(arrays):
        for key in ("params", "recovery.good_params", "optimizer.m", "optimizer.v"):
            arrays[key] = weights_then_biases(arrays[key], sizes)

    _rewrite(tmp_path / "v2.npz", tmp_path / "v1.npz", to_version_1, old_layout)
    loaded, _ = load_session(tmp_path / "v1.npz")
    assert _params_equal(loaded, session)
    np.testing.assert_array_equal(loaded.optimizer.m, session.optimizer.m)
    np.testing.assert_array_equal(loaded.recovery_state()["good_params"], session.recovery_state()["good_params"])
    loaded.step(10)
    session.step(10)
    assert _params_equal(loaded, session)
