"""What an atomic write takes on: a file named as long as the folder allows, and a file the person made
read-only (refused, left as it was)."""

from __future__ import annotations

import os
import stat

import pytest

from model.storage.atomic_files import ReadOnlyFile, atomic_write, is_our_temporary


def _write(data: bytes):
    return lambda f: f.write(data)


def test_a_file_named_up_to_the_folders_limit_is_written_and_replaced_whole(tmp_path):
    name = "é" * 100 + "x" * 46 + ".npz"  # 250 bytes: the temporary file's name must be shorter than the name
    target = tmp_path / name
    assert len(os.fsencode(name)) == 250
    atomic_write(target, _write(b"first"))
    assert target.read_bytes() == b"first"

    def fails(f):
        f.write(b"half of the second")
        raise RuntimeError("the disk is full")

    with pytest.raises(RuntimeError):
        atomic_write(target, fails)
    atomic_write(target, _write(b"second"))
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temporary file left


def test_the_temporary_file_of_a_long_name_is_one_of_ours(tmp_path):
    seen = []
    target = tmp_path / ("y" * 240 + ".csv")
    atomic_write(target, lambda f: seen.extend(p.name for p in tmp_path.iterdir() if p.name != target.name))
    (temporary,) = seen
    assert is_our_temporary(temporary) and temporary.startswith(".yyyy") and len(os.fsencode(temporary)) <= 255


def test_a_read_only_file_is_not_replaced(tmp_path):
    target = tmp_path / "kept.csv"
    target.write_bytes(b"the good version")
    os.chmod(target, 0o444)
    with pytest.raises(ReadOnlyFile) as raised:
        atomic_write(target, _write(b"something else"))
    assert raised.value.filename == str(target) and "read-only" in str(raised.value)
    assert target.read_bytes() == b"the good version"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.csv"]
