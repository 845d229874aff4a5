"""Two windows open on one profile keep their unsaved work in two files: neither overwrites the other's, a
window opened second offers nothing that is the first's, and a lock left by a killed window is no hold."""

from __future__ import annotations

import os
import subprocess
import sys

from gui.files.recovery_slot import RecoverySlot, held_by_a_running_window
from model.storage.session_files import load_session
from tests.gui.files.test_files import add_point, step
from tests.gui.files.test_work_kept import _close, _open_window


def test_two_windows_on_one_profile_each_keep_their_own_work(qtbot, window, tmp_path):
    first = window
    ini = first.settings.q.fileName()
    second = _open_window(qtbot, ini)
    step(qtbot, first, 5)
    add_point(first)
    for x in (0.1, 0.2, 0.3):
        add_point(second, x, 0.4)
    assert second.file_actions.sessions.recovery_path() != first.file_actions.sessions.recovery_path()
    first_points, second_points = len(first.dataset.X), len(second.dataset.X)
    assert first_points != second_points

    first.close()  # keeps its work, then the second keeps its: the second does not overwrite the first
    second.close()

    kept = sorted(tmp_path.glob("unsaved-session*.npz"))
    assert len(kept) == 2, kept
    assert sorted(len(load_session(p)[0].dataset.X) for p in kept) == sorted([first_points, second_points])
    assert not list(tmp_path.glob("*.lock"))  # both windows closed: every file is free

    third = _open_window(qtbot, ini)  # the next start offers one and says the other is kept too
    qtbot.waitUntil(lambda: "1 older unsaved session kept too" in third.banner.text(), timeout=5000)
    _close(third)


def test_the_next_starts_name_each_windows_session_not_the_last_closed_one(qtbot, window, tmp_path):
    first = window
    ini = first.settings.q.fileName()
    second = _open_window(qtbot, ini)
    for w, name in ((first, "first-work.npz"), (second, "second-work.npz")):
        step(qtbot, w, 2)
        assert w.file_actions.sessions.save_session(str(tmp_path / name))
        add_point(w, 0.2, 0.1)  # unsaved work, kept at closing
    first.close()
    second.close()  # the last to keep its work: it must not rename the first's

    third = _open_window(qtbot, ini)
    qtbot.waitUntil(lambda: "ended with unsaved work" in third.banner.text(), timeout=5000)
    assert "first-work.npz" in third.banner.text() and "second-work.npz" not in third.banner.text()
    main = tmp_path / "unsaved-session.npz"
    assert len(load_session(main)[0].dataset.X) == len(first.dataset.X)
    _close(third)

    main.unlink()  # the first's work gone: the next start offers the second's, by its own name
    fourth = _open_window(qtbot, ini)
    qtbot.waitUntil(lambda: "ended with unsaved work" in fourth.banner.text(), timeout=5000)
    assert "second-work.npz" in fourth.banner.text()
    assert len(load_session(main)[0].dataset.X) == len(second.dataset.X)
    _close(fourth)


def test_a_window_opened_while_another_runs_offers_nothing_and_autosaves_apart(qtbot, window, tmp_path):
    first = window
    step(qtbot, first, 3)
    add_point(first)
    ini = first.settings.q.fileName()
    kept = tmp_path / "unsaved-session.npz"
    with qtbot.waitSignal(first.controller.saveDone, timeout=10000):
        assert first.file_actions.sessions.autosave()
    assert kept.exists()

    second = _open_window(qtbot, ini)
    qtbot.wait(300)
    assert "unsaved" not in second.banner.text()  # the first window's live work is not "the last session"
    add_point(second)
    with qtbot.waitSignal(second.controller.saveDone, timeout=10000):
        assert second.file_actions.sessions.autosave()
    own = second.file_actions.sessions.recovery_path()
    assert os.path.exists(own) and os.path.basename(own).startswith("unsaved-session-2")
    assert len(load_session(kept)[0].dataset.X) == len(first.dataset.X)  # the first window's file is its own
    assert held_by_a_running_window(own)  # a start now would not take the second window's live file
    _close(second)
    assert not held_by_a_running_window(own)


def test_a_lock_left_by_a_killed_window_is_taken_over(tmp_path):
    folder = str(tmp_path)
    lock = os.path.join(folder, "unsaved-session.npz.lock")
    code = (
        "import os, sys\n"
        "from PySide6.QtCore import QLockFile\n"
        "lock = QLockFile(sys.argv[1]); assert lock.tryLock(0)\n"
        "os.kill(os.getpid(), 9)\n"
    )
    subprocess.run([sys.executable, "-c", code, lock], timeout=60)
    assert os.path.exists(lock)  # what a kill -9 leaves behind
    slot = RecoverySlot(folder, "unsaved-session.npz", "unsaved-session")
    assert slot.claim() == os.path.join(folder, "unsaved-session.npz") and slot.first
    other = RecoverySlot(folder, "unsaved-session.npz", "unsaved-session")
    assert other.claim() != slot.path and not other.first  # held now, by a live window
    other.release()
    slot.release()
    assert not os.path.exists(lock)


def test_a_write_cut_short_by_a_kill_leaves_the_file_whole_and_the_next_start_clears_its_temporary(tmp_path):
    recovery = tmp_path / "unsaved-session.npz"
    recovery.write_bytes(b"the last autosave")
    code = (
        "import os, sys\n"
        "from model.storage.safe_files import atomic_write\n"
        "def write(f):\n"
        "    f.write(b'half of the next one'); f.flush()\n"
        "    os.kill(os.getpid(), 9)\n"
        "atomic_write(sys.argv[1], write)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(recovery)], timeout=60, cwd=os.getcwd())
    left = list(tmp_path.glob(".unsaved-session.npz.*.tmp"))
    assert len(left) == 1 and recovery.read_bytes() == b"the last autosave"  # whole, as it was
    running = tmp_path / "unsaved-session-20260101-120000.npz"  # another window's file, being written now
    other = RecoverySlot(str(tmp_path), running.name, "unsaved-session")
    other.claim()
    assert other.path == str(running)
    (tmp_path / f".{running.name}.0123456789ab.tmp").write_bytes(b"being written")

    slot = RecoverySlot(str(tmp_path), "unsaved-session.npz", "unsaved-session")
    slot.claim()
    assert [p.name for p in tmp_path.glob(".*.tmp")] == [f".{running.name}.0123456789ab.tmp"]
    assert recovery.read_bytes() == b"the last autosave"
    slot.release()
    other.release()
