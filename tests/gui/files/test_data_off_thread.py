"""A data file (CSV or .npz) is read off the window's thread, as a session file is: the window keeps turning
while it is read, the status bar names the file, a long read can be cancelled from the banner, and opening is all
or nothing (what arrives equals a read in the window's thread; a cancelled, superseded or failed read changes
nothing, and a bad file gets the very message it got when it was read in the window's thread)."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

import gui.files.data_io as data_io
from gui.files.file_dialogs import error_text
from model.data.data_files import CHUNK_ROWS, ReadCancelled, read_dataset, save_dataset_npz
from model.data.generators import make
from tests.gui.files.test_files import add_point, write_csv
from tests.gui.files.test_off_thread import LIMIT_S, TURNS, _deliver_finished_reads, _ticks
from tests.model.data.test_csv_large import big_csv, count_parsed_rows


def _slow_reads(monkeypatch, slow_names=None) -> threading.Event:
    """Reading a data file (all, or those whose name ends in one of `slow_names`) waits, as on a slow disk or a
    huge file, until the test sets the returned gate."""
    real = data_io.read_dataset
    gate = threading.Event()

    def slow(path, **kwargs):
        if slow_names is None or any(str(path).endswith(n) for n in slow_names):
            gate.wait(LIMIT_S)
        return real(path, **kwargs)

    monkeypatch.setattr(data_io, "read_dataset", slow)
    return gate


def test_a_slow_data_file_is_read_while_the_window_keeps_turning_and_arrives_as_a_plain_read(
    qtbot, window, dialogs, tmp_path, monkeypatch
):
    w = window
    data = w.file_actions.data_files
    path = tmp_path / "slow.npz"
    save_dataset_npz(make("circles", 120, seed=3), path)
    gate = _slow_reads(monkeypatch)
    before, count = w.dataset, w.undo_stack.count()
    timer, ticks = _ticks(qtbot)
    assert data.open_data(str(path))  # returns while the read is held: it only asked
    assert data.is_opening() and "slow.npz" in w.statusBar().currentMessage()
    assert QGuiApplication.overrideCursor() is not None
    assert QGuiApplication.overrideCursor().shape() == Qt.CursorShape.BusyCursor
    qtbot.waitUntil(lambda: len(ticks) >= TURNS, timeout=LIMIT_S * 1000)  # the window's thread keeps turning
    # a read that lasts past CANCEL_AFTER_MS gets a Cancel button
    qtbot.waitUntil(lambda: "Reading slow.npz" in w.banner.text() and not w.banner.isHidden(), timeout=10000)
    assert data.is_opening() and w.banner.action_button.text() == "Cancel"  # still being read
    assert w.dataset is before and w.undo_stack.count() == count  # nothing changes before the whole file is in
    with qtbot.waitSignal(data.openFinished, timeout=10000) as finished:
        gate.set()
    timer.stop()
    assert finished.args == [str(path), True]
    plain = read_dataset(path, test_fraction=w.document.test_fraction, seed=int(w.data_panel.params()["seed"]))
    assert w.dataset.same_as(plain.dataset) and w.undo_stack.count() == count + 1  # one undo step
    assert "Opened slow.npz: 120 points" in w.statusBar().currentMessage()
    assert "Reading slow.npz" not in w.banner.text() or w.banner.isHidden()  # the offer to cancel is gone
    assert not data.is_opening() and QGuiApplication.overrideCursor() is None
    w.undo_stack.undo()
    assert w.dataset is before


def test_cancel_leaves_the_points_as_they_were(qtbot, window, dialogs, tmp_path, monkeypatch):
    w = window
    add_point(w)
    data = w.file_actions.data_files
    path = write_csv(tmp_path / "held.csv", ["0.5,1.5,0", "-1,2,1", "2,-0.25,1"])
    gate = _slow_reads(monkeypatch)
    before, count, index, version = w.dataset, w.undo_stack.count(), w.undo_stack.index(), w.document.version
    data.open_data(path)
    qtbot.waitUntil(lambda: "Reading held.csv" in w.banner.text() and not w.banner.isHidden(), timeout=5000)
    w.banner.action_button.click()  # Cancel
    assert not data.is_opening() and QGuiApplication.overrideCursor() is None
    assert "cancelled" in w.statusBar().currentMessage()
    gate.set()
    _deliver_finished_reads(qtbot)  # the read ends in its thread; what it read is dropped
    qtbot.wait(50)
    assert w.dataset is before and w.document.version == version
    assert (w.undo_stack.count(), w.undo_stack.index()) == (count, index)
    assert dialogs.messages == [] and w.file_actions.recent.entries() == []


def test_cancel_stops_the_reading_thread_within_a_chunk_of_rows(qtbot, window, dialogs, tmp_path, monkeypatch):
    """The reading thread stops at its next look at the flag instead of parsing on to the end (8-11 s for a
    million rows, holding a core and the memory), and nothing it read is used."""
    w = window
    add_point(w)
    data = w.file_actions.data_files
    path = big_csv(tmp_path / "big.csv", 100 * CHUNK_ROWS)
    parsed = count_parsed_rows(monkeypatch)
    real_read = data_io.read_dataset
    clicked, ended = threading.Event(), threading.Event()
    asked: list[bool] = []
    outcome: list[object] = []

    def read(path, *, cancelled=None, **kwargs):
        def watched():  # the fifth look (four chunks read) waits until the test has pressed Cancel
            if len(asked) == 4:
                clicked.wait(LIMIT_S)
            asked.append(cancelled is not None and cancelled())
            return asked[-1]

        try:
            outcome.append(real_read(path, cancelled=watched, **kwargs))
        except BaseException as exc:
            outcome.append(exc)
            raise
        finally:
            ended.set()

    monkeypatch.setattr(data_io, "read_dataset", read)
    before, count, index, version = w.dataset, w.undo_stack.count(), w.undo_stack.index(), w.document.version
    data.open_data(str(path))
    qtbot.waitUntil(lambda: "Reading big.csv" in w.banner.text() and not w.banner.isHidden(), timeout=10000)
    w.banner.action_button.click()  # Cancel
    clicked.set()
    qtbot.waitUntil(ended.is_set, timeout=LIMIT_S * 1000)
    assert asked == [False, False, False, False, True]  # it stopped at its first look after Cancel
    assert isinstance(outcome[0], ReadCancelled)
    assert 0 < len(parsed) <= 4 * CHUNK_ROWS + 1  # the header and at most four chunks of the file's hundred
    _deliver_finished_reads(qtbot)
    assert w.dataset is before and w.document.version == version
    assert (w.undo_stack.count(), w.undo_stack.index()) == (count, index)
    assert dialogs.messages == [] and w.file_actions.recent.entries() == []
    assert not data.is_opening() and "cancelled" in w.statusBar().currentMessage()


def test_a_newer_open_supersedes_a_data_file_still_being_read(qtbot, window, dialogs, tmp_path, monkeypatch):
    w = window
    data = w.file_actions.data_files
    older = write_csv(tmp_path / "older.csv", ["0,0,0", "1,1,1", "2,2,1"])
    newer = write_csv(tmp_path / "newer.csv", ["0,0,0", "1,1,1", "2,2,1", "3,3,0"])
    gate = _slow_reads(monkeypatch, slow_names=["older.csv"])
    count = w.undo_stack.count()
    data.open_data(older)
    with qtbot.waitSignal(data.openFinished, timeout=10000) as finished:
        data.open_data(newer)
    assert finished.args == [newer, True] and w.dataset.n_samples == 4
    gate.set()
    _deliver_finished_reads(qtbot)
    assert w.dataset.n_samples == 4 and w.undo_stack.count() == count + 1


def test_a_bad_file_gets_the_message_a_plain_read_gives_and_changes_nothing(qtbot, window, dialogs, tmp_path):
    w = window
    add_point(w)
    data = w.file_actions.data_files
    path = write_csv(tmp_path / "bad.csv", ["0.5,1.5,0", "-1,abc,1", "2,0,1"])
    try:
        read_dataset(path)
    except ValueError as exc:
        expected = error_text(exc, path)
    before, count = w.dataset, w.undo_stack.count()
    with qtbot.waitSignal(data.openFinished, timeout=10000) as finished:
        data.open_data(path)
    assert finished.args == [path, False]
    ((kind, title, text),) = dialogs.messages
    assert (kind, title) == ("warning", "Could not open the data") and text == expected
    assert "bad.csv" in text and "row 3" in text and "column 'x2'" in text
    assert w.dataset is before and w.undo_stack.count() == count


def test_a_large_csv_file_is_read_while_the_window_keeps_turning(qtbot, window, dialogs, tmp_path, monkeypatch):
    """A real file of 200 000 rows, no stand-in: the window's thread turns while another thread parses it (the
    parse waits halfway, at a look at its stop flag, until the window's timer has ticked: counted, not timed)."""
    w = window
    data = w.file_actions.data_files
    path = big_csv(tmp_path / "big.csv", 200_000)
    before = w.dataset
    timer, ticks = _ticks(qtbot)
    turned = threading.Event()
    timer.timeout.connect(lambda: len(ticks) >= TURNS and turned.set())
    real_read = data_io.read_dataset
    looks: list[bool] = []  # for each look at the stop flag: whether the window's timer had ticked TURNS times

    def read(path, *, cancelled=None, **kwargs):
        def halfway():
            # 100 000 rows parsed of 200 000: waits for the window's thread (were it the one reading, in vain)
            looks.append(turned.wait(LIMIT_S) if len(looks) == 200 else turned.is_set())
            return cancelled is not None and cancelled()

        return real_read(path, cancelled=halfway, **kwargs)

    monkeypatch.setattr(data_io, "read_dataset", read)
    with qtbot.waitSignal(data.openFinished, timeout=60000) as finished:
        assert data.open_data(str(path))
        assert w.dataset is before  # back at once: the file is not read in the window's thread
    timer.stop()
    assert finished.args == [str(path), True] and w.dataset.n_samples == 200_000
    assert len(looks) > 300 and looks[200]  # the window's timer ticked while the file was half read


def test_a_session_opened_while_a_data_file_is_read_wins(qtbot, window, dialogs, tmp_path, monkeypatch):
    from tests.gui.files.test_off_thread import _session_file

    w = window
    fa = w.file_actions
    data_path = write_csv(tmp_path / "late.csv", ["0,0,0", "1,1,1", "2,2,1"])
    session_path = tmp_path / "wanted.npz"
    wanted = _session_file(session_path, "circles")
    gate = _slow_reads(monkeypatch)
    fa.sessions.confirm_discard = lambda reason: "discard"
    dialogs.open_paths.append(data_path)
    fa.open_data_action.trigger()
    assert fa.data_files.is_opening()
    dialogs.open_paths.append(str(session_path))
    with qtbot.waitSignal(fa.sessions.openFinished, timeout=10000):
        fa.open_session_action.trigger()
    assert not fa.data_files.is_opening()  # the newer open superseded it
    gate.set()
    _deliver_finished_reads(qtbot)
    qtbot.wait(50)
    assert w.dataset.same_as(wanted.dataset) and not w.undo_stack.count()
    assert dialogs.messages == []


def test_a_read_superseded_or_left_by_a_reader_gone_is_told_to_stop(qtbot):
    from gui.files.file_reading import FileReader

    gate = threading.Event()
    reader = FileReader()
    first, second, third = threading.Event(), threading.Event(), threading.Event()
    reader.start(lambda: gate.wait(LIMIT_S), first)
    reader.start(lambda: gate.wait(LIMIT_S), second)
    assert first.is_set() and not second.is_set()  # superseded: its thread may stop reading
    reader.cancel()
    assert second.is_set()
    reader.start(lambda: gate.wait(LIMIT_S), third)
    with qtbot.waitSignal(reader.destroyed, timeout=5000):
        reader.deleteLater()
    assert third.is_set()  # the window closed while it read
    gate.set()
    _deliver_finished_reads(qtbot)
