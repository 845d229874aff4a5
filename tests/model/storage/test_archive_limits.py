"""Archives are checked against their manifest and their members' sizes before anything is inflated."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest

from model.data.generators import make
from model.storage import safe_files
from model.storage.session_files import MAX_SESSION_BYTES, SessionFileError, load_session, save_session
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    path = tmp_path_factory.mktemp("limits") / "good.npz"
    s = TrainingSession(make("moons", 40, seed=0), ModelSpec(hidden_layer_sizes=(4,)), TrainSpec(optimizer="adam"))
    s.step(2)
    save_session(s, path)
    return path


def _bomb(saved, out, member: str, n_zeros: int) -> None:
    """A copy of ``saved`` whose ``member`` array is replaced by ``n_zeros`` float64 zeros, deflated
    (a few kilobytes on disk); its metadata still describes the original array."""
    with zipfile.ZipFile(saved) as src, zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == member:
                with dst.open(member, "w", force_zip64=True) as f:
                    np.lib.format.write_array(f, np.zeros(n_zeros))
            else:
                dst.writestr(info.filename, src.read(info))


@pytest.fixture
def inflations(monkeypatch):
    """Records every call of np.load: the only place an archive's arrays are inflated."""
    calls = []
    real = safe_files.np.load

    def spy(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(safe_files.np, "load", spy)
    return calls


def test_a_member_unlike_its_manifest_is_refused_before_it_is_inflated(saved, tmp_path, inflations):
    bad = tmp_path / "bomb.npz"
    _bomb(saved, bad, "history.train_loss.npy", 12_000_000)  # 96 MB of zeros in ~100 KB
    assert bad.stat().st_size < 1_000_000
    with pytest.raises(SessionFileError, match=r"history\.train_loss") as info:
        load_session(bad)
    assert "metadata" in str(info.value)
    assert inflations == []  # refused before a byte of it was inflated


def test_the_size_cap_is_one_a_person_can_read(saved, tmp_path, monkeypatch, inflations):
    assert MAX_SESSION_BYTES < 400_000_000
    bad = tmp_path / "big.npz"
    _bomb(saved, bad, "params.npy", 3_000_000)  # 24 MB unpacked
    with pytest.raises(SessionFileError) as info:
        safe_files.read_archive(bad, "neural-playground-session", 2, SessionFileError, max_bytes=10_000_000)
    assert "unpacks to 24 MB" in str(info.value) and "the limit is 10 MB" in str(info.value)
    assert inflations == []


def test_an_oversized_metadata_entry_is_refused_unread(saved, tmp_path, inflations):
    arrays = safe_files.read_npz(saved)
    meta = json.loads(str(arrays["meta"][()]))
    meta["view"] = {"padding": "x" * (20 * 1024 * 1024)}
    arrays["meta"] = np.array(json.dumps(meta))
    path = tmp_path / "fat-meta.npz"
    with open(path, "wb") as f:
        safe_files.write_npz(f, arrays)
    inflations.clear()
    with pytest.raises(SessionFileError, match="metadata"):
        load_session(path)
    assert inflations == []


def test_a_first_look_at_a_session_file_inflates_nothing(saved, tmp_path, inflations):
    from model.storage.session_files import check_session_file

    check_session_file(saved)  # a good file passes
    bad = tmp_path / "bomb.npz"
    _bomb(saved, bad, "params.npy", 12_000_000)
    with pytest.raises(SessionFileError, match="metadata says"):
        check_session_file(bad)
    damaged = tmp_path / "damaged.npz"
    damaged.write_bytes(saved.read_bytes()[:500])
    with pytest.raises(SessionFileError, match=r"damaged\.npz"):
        check_session_file(damaged)
    assert inflations == []
