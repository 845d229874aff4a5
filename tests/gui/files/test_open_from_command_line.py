"""A file named on the command line (or opened with the app from a file manager, the desktop entry's %f) opens
as the File menu opens it: a session as Open session…, points as Open data…; told apart by the file's name."""

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

import gui.main_window
from gui.main_window import MainWindow
from model.data.data_files import load_dataset, save_dataset_npz
from model.storage.session_files import open_session_file
from neural_playground import cli


def open_on_command_line(qtbot, monkeypatch, ini, argv, opened) -> dict:
    """Runs ``cli.main(argv)`` with the test's settings file; its event loop runs until ``opened(window)``, then
    answers what the window shows."""
    seen = {}

    def exec_until_opened(app):
        window = next(x for x in QApplication.topLevelWidgets() if isinstance(x, MainWindow) and x.isVisible())
        qtbot.addWidget(window)  # deleted by pytest-qt as the test's own windows are
        qtbot.waitUntil(lambda: opened(window), timeout=30000)
        seen.update(
            points=window.dataset.X.tobytes(),
            title=window.windowTitle(),
            path=window.file_actions.sessions.path,
            banner=window.notices.banner.text(),
            status=window.statusBar().currentMessage(),
        )
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_until_opened)
    monkeypatch.setattr(
        gui.main_window, "MainWindow", lambda **kw: MainWindow(settings=QSettings(ini, QSettings.IniFormat), **kw)
    )
    assert cli.main(argv) == 0
    return seen


def test_a_session_file_opens_as_open_session_does(qtbot, monkeypatch, ini, tmp_path):
    """It said "is not UTF-8 text": the file argument was read as a lesson whatever it was."""
    out = tmp_path / "moons"
    assert cli.main(["train", "--dataset", "xor", "--epochs", "3", "--out", str(out), "--no-png", "--quiet"]) == 0
    path = out / "session.npz"
    saved = open_session_file(path).session.dataset
    seen = open_on_command_line(
        qtbot, monkeypatch, ini, [str(path)], lambda w: w.file_actions.sessions.path == str(path)
    )
    assert seen["points"] == saved.X.tobytes()
    assert "session.npz" in seen["title"]


def test_data_files_open_as_open_data_does(qtbot, monkeypatch, ini, tmp_path):
    """It said "is not valid TOML" for a CSV file."""
    csv = tmp_path / "pts.csv"
    csv.write_text("x1,x2,label\n0.1,0.2,0\n0.9,0.8,1\n0.2,0.1,0\n0.8,0.9,1\n0.3,0.3,0\n0.7,0.7,1\n", encoding="utf-8")
    points = load_dataset(csv)
    seen = open_on_command_line(qtbot, monkeypatch, ini, [str(csv)], lambda w: w.dataset.n_samples == 6)
    assert seen["points"] == points.X.tobytes() and seen["path"] is None  # points, not a session

    archive = tmp_path / "pts.npz"  # a NumPy archive of points is data, though sessions are .npz too
    save_dataset_npz(points, archive)
    seen = open_on_command_line(
        qtbot, monkeypatch, ini, ["--seed", "4", str(archive)], lambda w: w.dataset.n_samples == 6
    )
    assert seen["points"] == points.X.tobytes() and seen["path"] is None


def test_how_a_data_file_was_read_is_on_screen_after_opening_it_from_the_command_line(
    qtbot, monkeypatch, ini, tmp_path
):
    """The notes went only to the status bar, which the first generated dataset, arriving after the file, cleared."""
    csv = tmp_path / "people.csv"
    rows = [f"{k / 10},{k * k / 8},{name}" for k, name in enumerate(["Ann", "Bob", "Cem", "Dana", "Eve", "Finn"])]
    csv.write_text("x,y,name\n" + "\n".join(rows) + "\n", encoding="utf-8")
    seen = open_on_command_line(
        qtbot, monkeypatch, ini, [str(csv)], lambda w: w.dataset.n_samples == 6 and w.data_ready
    )
    notes = (
        "left out 1 text column(s) 'name': they are not numeric; "
        "read as regression of 'y' from 'x': the labels are numeric targets"
    )
    assert seen["banner"] == f"Opened people.csv: {notes}."
    assert seen["status"] == f"Opened people.csv: 6 points ({notes})."
