"""Started on a file it cannot open (``neural-playground bad.json``, the desktop entry's %f) with unsaved work kept
from the last session: both reach the person, one after the other. The message box naming the file's fault comes
over the window, whose banner already offers the work kept ("Restore it": no box of its own, nothing modal); once
the box is closed the offer is still there and restores the work. Every kind of file that fails: not there, none
of the app's, a damaged session, a bad lesson, data that cannot be read."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QMessageBox

from model.storage import safe_files
from model.storage.session_files import open_session_file
from tests.gui.files.test_open_from_command_line import open_on_command_line, trained_session


def _bad_file(kind: str, tmp_path, session):
    if kind == "not there":
        return tmp_path / "gone.csv", "Could not open the file"
    if kind == "not the app's":
        path = tmp_path / "bad.json"
        path.write_text("{}", encoding="utf-8")
        return path, "Could not open the file"
    if kind == "damaged session":
        path = tmp_path / "broken.npz"
        arrays = safe_files.read_npz(session)
        arrays["params"] = arrays["params"][:5]
        with open(path, "wb") as f:
            safe_files.write_npz(f, arrays)
        return path, "Could not open the session"
    if kind == "bad lesson":
        path = tmp_path / "lesson.toml"
        path.write_text("title = [unclosed\n", encoding="utf-8")
        return path, "Could not open the lesson"
    path = tmp_path / "points.csv"
    path.write_text("x,y,label\n1,2\n", encoding="utf-8")
    return path, "Could not open the data"


@pytest.mark.parametrize("kind", ["not there", "not the app's", "damaged session", "bad lesson", "bad data"])
def test_the_offer_of_kept_work_and_the_bad_file_s_message_both_reach_the_person(
    qtbot, monkeypatch, ini, tmp_path, kind
):
    session = trained_session(tmp_path)
    kept_epoch = open_session_file(session).session.epoch
    shutil.copy(session, tmp_path / "unsaved-session.npz")  # beside the settings: work kept from the last session
    bad, title = _bad_file(kind, tmp_path, session)
    boxes: list = []  # (title, what the window showed while the box was up)

    def box(parent, box_title, text, *args):
        window = parent.window()
        boxes.append((box_title, window.isVisible(), window.notices.banner.isVisible(), window.notices.banner.text()))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(box))
    restored: list = []

    def then_restore(window):
        banner = window.notices.banner
        assert banner.isVisible() and "unsaved work" in banner.text(), "the offer was lost behind the message"
        with qtbot.waitSignal(window.file_actions.sessions.openFinished, timeout=15000):
            banner.action_button.click()  # "Restore it"
        qtbot.waitUntil(lambda: window.controller.latest_snapshot.epoch == kept_epoch, timeout=10000)
        restored.append(window.controller.latest_snapshot.epoch)
        window.file_actions.sessions.confirm_discard = lambda reason: "discard"

    open_on_command_line(qtbot, monkeypatch, ini, [str(bad)], lambda w: len(boxes) >= 1, then_restore)
    assert len(boxes) == 1, boxes  # one box: the file's fault
    box_title, window_shown, offer_shown, offer = boxes[0]
    assert box_title == title
    assert window_shown and offer_shown and "ended with unsaved work" in offer  # the offer, under the box
    assert restored == [kept_epoch]
