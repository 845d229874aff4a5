"""A write killed half-way leaves its hidden temporary file beside the person's file; the next write into that
folder removes such leftovers of ours, and never another file (another program's, or a write still under way)."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time

import pytest

from model.storage.atomic_files import atomic_write, is_our_temporary, remove_leftovers

pytestmark = pytest.mark.skipif(os.name != "posix", reason="a kill -9 and flock")

KILLED_WRITE = (
    "import os, sys\n"
    "from model.storage.atomic_files import atomic_write\n"
    "def write(f):\n"
    "    f.write(b'half of the new one'); f.flush()\n"
    "    os.kill(os.getpid(), 9)\n"
    "atomic_write(sys.argv[1], write)\n"
)


def _age(path, seconds=120.0):
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_killed_write_leaves_a_temporary_the_next_write_to_the_folder_removes_and_nothing_else(tmp_path):
    saved = tmp_path / "my-session.npz"
    saved.write_bytes(b"the last save")
    subprocess.run([sys.executable, "-c", KILLED_WRITE, str(saved)], timeout=60, cwd=os.getcwd())
    (left,) = [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert is_our_temporary(left.name) and left.name.startswith(".my-session.npz.")
    assert saved.read_bytes() == b"the last save"  # whole, as it was
    others = {
        ".my-session.npz.0123456789ab.tmp": b"another program's, named much like ours",
        ".other.csv.neural-playground-0123456789ab.tmp.bak": b"not quite our name",
        "neural-playground-0123456789ab.tmp": b"not hidden: not ours",
        "notes.tmp": b"someone's notes",
    }
    for name, content in others.items():
        (tmp_path / name).write_bytes(content)
        _age(tmp_path / name)

    atomic_write(tmp_path / "points.csv", lambda f: f.write(b"x1,x2,label\n"))
    assert left.exists()  # written to a moment ago: its writer might be about to lock it
    _age(left)
    atomic_write(tmp_path / "points.csv", lambda f: f.write(b"x1,x2,label\n0,0,1\n"))
    assert not left.exists()
    for name, content in others.items():
        assert (tmp_path / name).read_bytes() == content
    assert saved.read_bytes() == b"the last save"
    assert (tmp_path / "points.csv").read_bytes() == b"x1,x2,label\n0,0,1\n"
    assert not [p for p in tmp_path.iterdir() if is_our_temporary(p.name)]


def test_a_write_still_under_way_is_no_leftover(tmp_path):
    """Another window (or process) writing into the folder holds its temporary's lock: it is left alone, however
    long its write takes."""
    seen = []

    def slow_write(f):
        (temporary,) = [p for p in tmp_path.iterdir() if is_our_temporary(p.name)]
        _age(temporary)  # as if this write had taken minutes
        seen.append(remove_leftovers(tmp_path))  # what another save into this folder would remove now
        f.write(b"all of it")

    atomic_write(tmp_path / "big.npz", slow_write)
    assert seen == [[]] and (tmp_path / "big.npz").read_bytes() == b"all of it"


def test_a_lock_is_what_protects_a_temporary_not_its_name(tmp_path):
    temporary = tmp_path / ".a.npz.neural-playground-00112233aabb.tmp"
    temporary.write_bytes(b"partial")
    _age(temporary)
    fd = os.open(temporary, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert remove_leftovers(tmp_path) == [] and temporary.exists()
    finally:
        os.close(fd)  # the writer died: its lock went with it
    assert remove_leftovers(tmp_path) == [str(temporary)] and not temporary.exists()
