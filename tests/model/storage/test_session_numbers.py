"""Every number a session file holds is range-checked: a SessionFileError names the file and the field."""

from __future__ import annotations

import pytest

from model.data.generators import make
from model.storage.session_files import SessionFileError, load_session, save_session
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.model.storage.archive_edit import rewrite_archive

HUGE = 10**400  # an int no float can hold


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    path = tmp_path_factory.mktemp("numbers") / "good.npz"
    s = TrainingSession(make("moons", 40, seed=0), ModelSpec(hidden_layer_sizes=(4,)), TrainSpec("adam", batch_size=8))
    s.step(3)
    save_session(s, path)
    return path


def _set(section, key, value):
    def edit(meta):
        (meta if section is None else meta[section])[key] = value

    return edit


CASES = [
    ("train_spec", "batch_size", 3_000_000_000, "batch_size"),
    ("train_spec", "batch_size", HUGE, "batch_size"),
    ("train_spec", "learning_rate", HUGE, "learning_rate"),
    ("train_spec", "learning_rate", 1e300, "learning_rate"),
    ("train_spec", "momentum", HUGE, "momentum"),
    ("train_spec", "momentum", 7.0, "momentum"),
    ("train_spec", "beta_2", 1.0, "beta_2"),
    ("train_spec", "epsilon", HUGE, "epsilon"),
    ("model_spec", "alpha", HUGE, "alpha"),
    ("model_spec", "l1", 1e300, "l1"),
    ("model_spec", "hidden_layer_sizes", [HUGE], "hidden_layer_sizes"),
    ("model_spec", "hidden_layer_sizes", [4.7], "hidden_layer_sizes"),
    ("model_spec", "hidden_layer_sizes", [1] * 1000, "hidden_layer_sizes"),
    (None, "epoch", HUGE, "epoch"),
    (None, "epoch", 2**60, "epoch"),
    (None, "seed", HUGE, "seed"),
    (None, "seed", 2**40, "seed"),
    (None, "sample_position", HUGE, "sample_position"),
    ("optimizer", "t", HUGE, "t"),
    ("recovery", "best_loss", HUGE, "best_loss"),
    ("recovery", "good_epoch", HUGE, "good_epoch"),
    ("dataset", "n_classes", HUGE, "n_classes"),
]


@pytest.mark.parametrize(
    "section, key, value, field", CASES, ids=[f"{c[1]}={'huge' if c[2] is HUGE else c[2]}"[:40] for c in CASES]
)
def test_a_number_out_of_range_is_refused_naming_the_field(saved, tmp_path, section, key, value, field):
    bad = tmp_path / "bad.npz"
    rewrite_archive(saved, bad, edit_meta=_set(section, key, value))
    with pytest.raises(SessionFileError) as info:
        load_session(bad)
    message = str(info.value)
    assert message.startswith("bad.npz: ")
    assert field in message
    assert len(message) < 300  # a 400-digit number is shown shortened


def test_a_batch_size_the_headless_trainer_accepts_is_opened(saved, tmp_path):
    """The widest batch size a file may hold is the widest a 32-bit spin box holds."""
    path = tmp_path / "wide.npz"
    rewrite_archive(saved, path, edit_meta=_set("train_spec", "batch_size", 2**31 - 1))
    session, _ = load_session(path)
    assert session.train_spec.batch_size == 2**31 - 1


def test_the_message_of_a_whole_number_out_of_range_reads_as_a_sentence(saved, tmp_path):
    bad = tmp_path / "bad.npz"
    rewrite_archive(saved, bad, edit_meta=_set(None, "epoch", -5))
    with pytest.raises(SessionFileError) as info:
        load_session(bad)
    assert str(info.value).startswith("bad.npz: has an invalid value: epoch = -5 is out of range (a whole number")
