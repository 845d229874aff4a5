"""File ▸ Save killed while it wrote leaves the hidden temporary file of the write beside the session file (the file
itself whole); the next save into that folder removes it, and nothing else there."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from model.storage.atomic_files import is_our_temporary
from model.storage.session_files import load_session
from tests.gui.files.test_files import add_point, step
from tests.model.storage.test_atomic_files import KILLED_WRITE, _age


@pytest.mark.skipif(os.name != "posix", reason="a kill -9")
def test_the_next_save_clears_what_a_killed_save_left_beside_the_session(qtbot, window, dialogs, tmp_path):
    w = window
    sessions = w.file_actions.sessions
    path = tmp_path / "work.npz"
    step(qtbot, w, 3)
    assert sessions.save_session(str(path))
    subprocess.run([sys.executable, "-c", KILLED_WRITE, str(path)], timeout=60, cwd=os.getcwd())  # a save killed
    (left,) = [p for p in tmp_path.iterdir() if is_our_temporary(p.name)]
    _age(left)  # the next start is some time later
    theirs = tmp_path / ".work.npz.swp"
    theirs.write_bytes(b"an editor's")
    _age(theirs)

    add_point(w)
    assert sessions.save_session()  # File > Save, into the same folder
    assert not left.exists() and theirs.read_bytes() == b"an editor's"
    assert load_session(path)[0].dataset.n_samples == w.dataset.n_samples
