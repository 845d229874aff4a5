"""The session file on disk may no longer be what the window last opened or saved: another window saved over it,
the person made it read-only, or deleted it. Save asks before writing over it, and nothing is lost unasked."""

from __future__ import annotations

import os

from model.storage.session_files import load_session
from tests.gui.files.test_files import add_point, open_and_wait, step
from tests.gui.files.test_work_kept import _close, _open_window


def _points(path) -> int:
    return len(load_session(path)[0].dataset.X)


def _answer(sessions, *answers):
    """Answers the Save questions with ``answers`` in turn; returns the list of (why, file name) asked."""
    asked, queue = [], list(answers)

    def confirm(why, path):
        asked.append((why, os.path.basename(path)))
        return queue.pop(0)

    sessions.confirm_write_over = confirm
    return asked


def test_a_file_another_window_saved_since_is_not_overwritten_without_asking(qtbot, window, dialogs, tmp_path):
    a = window
    target = tmp_path / "shared.npz"
    assert a.file_actions.sessions.save_session(target)
    b = _open_window(qtbot, a.settings.q.fileName())
    sb = b.file_actions.sessions
    sb.confirm_discard = lambda reason: "discard"
    assert open_and_wait(qtbot, sb, target, ask=False)
    start = _points(target)

    for i in range(3):  # window A adds three points and saves
        add_point(a, 0.1 * i, 0.9)
    asked_a = _answer(a.file_actions.sessions)
    assert a.file_actions.sessions.save_session()
    assert asked_a == [] and _points(target) == start + 3  # its own last version: no question

    add_point(b, -0.7, -0.7)  # window B adds one and saves afterwards
    asked_b = _answer(sb, "cancel", "save_as")
    assert not sb.save_session()
    assert asked_b == [("changed", "shared.npz")]
    assert _points(target) == start + 3 and b.isWindowModified()  # A's version stays; B's work stays in B

    dialogs.save_paths.append(str(tmp_path / "mine.npz"))
    assert sb.save_session()  # Save As… keeps both versions
    assert asked_b == [("changed", "shared.npz")] * 2
    assert _points(target) == start + 3 and _points(tmp_path / "mine.npz") == start + 1
    assert not b.isWindowModified() and b.windowTitle().startswith("mine.npz")

    add_point(a, 0.3, 0.3)  # A saves again over its own file: nobody changed it since
    assert a.file_actions.sessions.save_session() and asked_a == []
    _close(b)


def test_overwrite_writes_over_the_changed_file_and_a_deleted_one_is_put_back(qtbot, window, dialogs, tmp_path):
    w = window
    sessions = w.file_actions.sessions
    name = "work" + "x" * 242 + ".npz"  # 250 bytes: as long as most file systems allow
    target = tmp_path / name
    assert sessions.save_session(target) and dialogs.messages == []
    add_point(w)
    os.utime(target, ns=(1, 1))  # another program touched it since
    asked = _answer(sessions, "overwrite")
    assert sessions.save_session() and asked == [("changed", name)]
    assert _points(target) == len(w.dataset.X) and not w.isWindowModified()

    add_point(w, 0.2, 0.2)
    os.remove(target)
    assert sessions.save_session() and asked == [("changed", name)]  # nothing to write over: no question
    assert open_and_wait(qtbot, sessions, target, ask=False)
    assert len(w.dataset.X) == _points(target) and w.windowTitle().startswith("workxxx")


def test_a_read_only_file_is_not_saved_over_and_save_as_is_offered(qtbot, window, dialogs, tmp_path):
    w = window
    sessions = w.file_actions.sessions
    step(qtbot, w, 3)
    target = tmp_path / "protected.npz"
    assert sessions.save_session(target)
    os.chmod(target, 0o444)  # the person protects their good version
    before = target.read_bytes()
    add_point(w)
    asked = _answer(sessions, "cancel", "save_as")
    assert not sessions.save_session()
    assert asked == [("read_only", "protected.npz")]
    assert target.read_bytes() == before and w.isWindowModified()

    dialogs.save_paths.append(str(tmp_path / "copy.npz"))
    assert sessions.save_session()
    assert target.read_bytes() == before and _points(tmp_path / "copy.npz") == len(w.dataset.X)
    assert w.windowTitle().startswith("copy.npz") and not w.isWindowModified()

    points = tmp_path / "points.csv"  # the points saved as CSV over a read-only file: refused, the file named
    points.write_text("x1,x2,label\n0,0,0\n", encoding="utf-8")
    os.chmod(points, 0o444)
    assert not w.file_actions.data_files.save_data(points)
    assert (
        dialogs.messages[-1][1] == "Could not save the data"
        and "points.csv: the file is read-only" in (dialogs.messages[-1][2])
    )
    assert points.read_text(encoding="utf-8") == "x1,x2,label\n0,0,0\n"


def test_a_session_whose_file_was_deleted_is_kept_at_closing_and_offered_at_the_next_start(qtbot, dialogs, tmp_path):
    ini = str(tmp_path / "profile" / "settings.ini")
    w = _open_window(qtbot, ini)
    add_point(w)
    target = tmp_path / "work.npz"
    assert w.file_actions.sessions.save_session(target)
    assert not w.isWindowModified() and not w.file_actions.sessions.unsaved_work()
    os.remove(target)  # another program, or the person in a file manager, deletes it
    asked = []
    w.file_actions.sessions.confirm_discard = lambda reason: (asked.append(reason), "cancel")[1]
    assert not w.file_actions.sessions.maybe_save("new") and asked == ["new"]  # New asks before it is lost
    w.close()
    assert not w.controller.is_alive and not target.exists()

    again = _open_window(qtbot, ini)
    qtbot.waitUntil(lambda: "work.npz" in again.banner.text() and not again.banner.isHidden(), timeout=5000)
    assert "unsaved work" in again.banner.text()
    _close(again)


def test_settings_that_cannot_be_written_are_said_once(qtbot, dialogs, tmp_path):
    ini = tmp_path / "settings.ini"
    ini.mkdir()  # a folder in the settings file's place: no one (not even the superuser) can write it
    w = _open_window(qtbot, str(ini))
    qtbot.waitUntil(lambda: "settings.ini" in w.banner.text() and not w.banner.isHidden(), timeout=5000)
    assert str(ini) in w.banner.text() and "cannot be saved" in w.banner.text()
    w.notices.dismiss()
    w.settings.save("probe", 1)
    w.settings.sync()
    assert w.banner.isHidden()  # said once
    _close(w)
