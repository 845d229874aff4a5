"""The window's thread never waits for a session file: opening reads and checks it on another thread (the window
keeps turning, and changes only when the whole checked session arrives; a newer open supersedes an older
one; closing meanwhile is safe), and an autosave is only asked of the training thread, which replies later."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication

import gui.files.session_reading as session_reading
from model.data.generators import make
from model.storage.session_files import save_session
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.gui.files.test_files import add_point, step

HELD_MS = 400  # how long a test watches the window's thread while the training thread is held
TURNS = 7  # the 20 ms timer's ticks a test waits for while a read is held: the window's thread kept turning
LIMIT_S = 20  # a held thread goes on by itself after this, so a failing test cannot hang the run


def _session_file(path, name="moons", epochs=5):
    session = TrainingSession(make(name, 30, seed=1), ModelSpec(hidden_layer_sizes=(3,)), TrainSpec())
    session.step(epochs)
    save_session(session, path)
    return session


def _slow_reads(monkeypatch, slow_names=None) -> threading.Event:
    """Reading a session file (all of them, or those whose name is in `slow_names`) waits, as on a slow disk,
    until the test sets the returned gate."""
    real = session_reading.open_session_file
    gate = threading.Event()

    def slow(path):
        if slow_names is None or any(str(path).endswith(n) for n in slow_names):
            gate.wait(LIMIT_S)
        return real(path)

    monkeypatch.setattr(session_reading, "open_session_file", slow)
    return gate


def _deliver_finished_reads(qtbot) -> None:
    """Every read thread has ended and its queued result has reached the window's thread."""
    assert QThreadPool.globalInstance().waitForDone(LIMIT_S * 1000)
    qtbot.wait(0)


def _ticks(qtbot):
    """A 20 ms timer in the GUI thread; the list grows while the thread turns. (Counted, not timed: under load the
    window's thread gets a core now and then, and 400 ms brought as few as one tick.)"""
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    return timer, ticks


class _Busy(QObject):
    """Keeps the training thread busy (as a long chunk or a slow disk would) until ``release``."""

    go = Signal()

    def __init__(self):
        super().__init__()
        self.held = threading.Event()
        self._gate = threading.Event()

    @Slot()
    def hold(self) -> None:
        self.held.set()
        self._gate.wait(LIMIT_S)

    def release(self) -> None:
        self._gate.set()


def _busy_training_thread(w) -> _Busy:
    busy = _Busy()
    busy.moveToThread(w.controller._thread)
    busy.go.connect(busy.hold)
    busy.go.emit()
    assert busy.held.wait(LIMIT_S)
    return busy


@pytest.fixture
def kept_window(shared_window):
    """The window the tests up to the closing one share, in their order: the autosaves first (a window on no file
    keeps its work as "Untitled"; the failed one's folder is gone before the other writes), then the opens."""
    return shared_window


def test_an_autosave_that_fails_is_reported_later_and_closing_says_so(qtbot, kept_window, dialogs):
    w = kept_window
    step(qtbot, w, 2)
    add_point(w)
    blocker = Path(w.file_actions.sessions.recovery_path())
    blocker.mkdir()  # a folder is in the recovery file's way
    sessions = w.file_actions.sessions
    with qtbot.waitSignal(w.controller.saveDone, timeout=10000) as reply:
        assert sessions.autosave()
    assert reply.args[0].error is not None
    assert "unsaved-session.npz" in sessions.recovery_error
    blocker.rmdir()


def test_an_autosave_is_only_asked_and_the_training_thread_replies_later(qtbot, kept_window, dialogs):
    w = kept_window
    recovery = Path(w.file_actions.sessions.recovery_path())
    step(qtbot, w, 3)
    add_point(w)
    sessions = w.file_actions.sessions
    busy = _busy_training_thread(w)
    assert sessions.autosave()  # returns while the training thread is held: the window did not wait
    qtbot.wait(HELD_MS)
    assert not recovery.exists()
    with qtbot.waitSignal(w.controller.saveDone, timeout=10000) as reply:
        busy.release()
    assert reply.args[0].error is None and reply.args[0].epoch >= 3
    assert recovery.exists() and sessions._kept_name(str(recovery)) == "Untitled"
    del busy


def test_a_slow_session_file_is_read_while_the_window_keeps_turning_and_nothing_changes_before(
    qtbot, kept_window, dialogs, tmp_path, monkeypatch
):
    w = kept_window
    add_point(w)
    path = tmp_path / "slow.npz"
    loaded = _session_file(path)
    gate = _slow_reads(monkeypatch)
    sessions = w.file_actions.sessions
    sessions.confirm_discard = lambda reason: "discard"
    before, count, title = w.dataset, w.undo_stack.count(), w.windowTitle()
    timer, ticks = _ticks(qtbot)
    assert sessions.open_session(str(path))  # returns while the read is held: it only asked
    assert sessions.is_opening()
    assert QGuiApplication.overrideCursor() is not None
    assert QGuiApplication.overrideCursor().shape() == Qt.CursorShape.BusyCursor
    assert "slow.npz" in w.statusBar().currentMessage()
    qtbot.waitUntil(lambda: len(ticks) >= TURNS, timeout=LIMIT_S * 1000)  # the window's thread keeps turning
    assert sessions.is_opening()  # while the file is still being read
    assert w.dataset is before and w.undo_stack.count() == count and w.windowTitle() == title
    with qtbot.waitSignal(sessions.openFinished, timeout=10000) as finished:
        gate.set()
    timer.stop()
    assert finished.args == [str(path), True]
    assert w.dataset.same_as(loaded.dataset) and w.windowTitle().startswith("slow.npz")
    assert not sessions.is_opening() and QGuiApplication.overrideCursor() is None


def test_a_slow_damaged_file_leaves_everything_as_it_was_and_names_the_file(
    qtbot, kept_window, dialogs, tmp_path, monkeypatch
):
    w = kept_window
    add_point(w)
    path = tmp_path / "slow-broken.npz"
    path.write_bytes(b"PK\x03\x04 not a session")
    gate = _slow_reads(monkeypatch)
    sessions = w.file_actions.sessions
    sessions.confirm_discard = lambda reason: "discard"
    before, count, title = w.dataset, w.undo_stack.count(), w.windowTitle()
    sessions.open_session(str(path))
    assert sessions.is_opening() and not dialogs.messages
    with qtbot.waitSignal(sessions.openFinished, timeout=10000) as finished:
        gate.set()
    assert finished.args == [str(path), False]
    assert dialogs.messages and "slow-broken.npz" in dialogs.messages[-1][2]
    assert w.dataset is before and w.undo_stack.count() == count and w.windowTitle() == title
    assert w.isWindowModified() and QGuiApplication.overrideCursor() is None


def test_a_newer_open_supersedes_an_older_one_still_being_read(qtbot, kept_window, dialogs, tmp_path, monkeypatch):
    w = kept_window
    older, newer = tmp_path / "older.npz", tmp_path / "newer.npz"
    _session_file(older, "moons")
    wanted = _session_file(newer, "circles", epochs=3)
    gate = _slow_reads(monkeypatch, slow_names=["older.npz"])
    sessions = w.file_actions.sessions
    sessions.confirm_discard = lambda reason: "discard"
    finished = []
    sessions.openFinished.connect(lambda path, ok: finished.append((path, ok)))
    sessions.open_session(str(older))
    sessions.open_session(str(newer))
    qtbot.waitUntil(lambda: bool(finished), timeout=10000)  # the newer read ends while the older one is held
    gate.set()
    _deliver_finished_reads(qtbot)  # the older read ends too: its result is dropped
    assert finished == [(str(newer), True)]
    assert w.dataset.same_as(wanted.dataset) and w.windowTitle().startswith("newer.npz")
    assert QGuiApplication.overrideCursor() is None


def test_closing_the_window_while_a_file_is_read_is_safe(qtbot, window, dialogs, tmp_path, monkeypatch):
    w = window
    path = tmp_path / "slow.npz"
    _session_file(path)
    gate = _slow_reads(monkeypatch)
    sessions = w.file_actions.sessions
    sessions.confirm_discard = lambda reason: "discard"
    finished = []
    sessions.openFinished.connect(lambda p, ok: finished.append(ok))
    sessions.open_session(str(path))
    w.close()
    assert not w.controller.is_alive and QGuiApplication.overrideCursor() is None
    gate.set()
    _deliver_finished_reads(qtbot)
    assert finished == []  # nothing opened into a closed window
