"""A session on data that names what it predicts (a CSV file's "charges") keeps that name: saved and reopened bit
for bit, saved again as the same bytes; a file of data that names none, and older files, have no such entry and
open with none; a malformed name is refused naming it; the exported script says which column its labels are."""

from __future__ import annotations

import pytest

from model.data.dataset import MAX_NAME_CHARS, Dataset
from model.data.generators import make
from model.storage.script_export import script_text
from model.storage.session_files import SessionFileError, load_session, save_session
from model.training.session import TrainingSession
from model.training.specs import ModelSpec
from tests.model.data.test_target_name import _named
from tests.model.storage.archive_edit import rewrite_archive


def _session(ds: Dataset) -> TrainingSession:
    session = TrainingSession(ds, ModelSpec(hidden_layer_sizes=(3,)), seed=2)
    session.step(2)
    return session


@pytest.fixture
def charges(tmp_path):
    path = tmp_path / "charges.npz"
    save_session(_session(_named(make("plane", 40, seed=2), "charges")), path)
    return path


def test_the_name_is_kept_bit_for_bit(charges, tmp_path):
    reopened, view = load_session(charges)
    assert reopened.dataset.target_name == "charges"
    assert reopened.dataset.same_as(_named(make("plane", 40, seed=2), "charges"))
    save_session(reopened, tmp_path / "again.npz", view)
    assert (tmp_path / "again.npz").read_bytes() == charges.read_bytes()


def test_data_naming_none_and_older_files_have_no_entry_and_open_with_none(charges, tmp_path):
    unnamed = tmp_path / "moons.npz"
    seen = {}
    save_session(_session(make("moons", 30, seed=1)), unnamed)
    rewrite_archive(unnamed, tmp_path / "copy.npz", lambda meta: seen.update(meta["dataset"]))
    assert "target_name" not in seen  # the metadata of such data is as before
    assert load_session(unnamed)[0].dataset.target_name == ""
    older = tmp_path / "older.npz"
    rewrite_archive(charges, older, lambda meta: meta["dataset"].pop("target_name"))
    assert load_session(older)[0].dataset.target_name == ""


@pytest.mark.parametrize(
    "name, message",
    [
        (7, "malformed target name"),
        (["charges"], "malformed target name"),
        ("c" * (MAX_NAME_CHARS + 1), "target name too long: 'cccc"),
    ],
)
def test_a_malformed_name_is_refused_naming_it(charges, tmp_path, name, message):
    bad = tmp_path / "bad.npz"
    rewrite_archive(charges, bad, lambda meta: meta["dataset"].update(target_name=name))
    with pytest.raises(SessionFileError, match=message):
        load_session(bad)


def test_the_exported_script_says_which_column_the_labels_are():
    assert "labels ('charges', target value)" in script_text(_session(_named(make("plane", 40, seed=2), "charges")))
    assert "labels (class index 0..N_CLASSES-1)" in script_text(_session(make("moons", 30, seed=1)))
