"""A file named on the command line (or opened with the app from a file manager, the desktop entry's %f) opens
as the File menu opens it: a session as Open session…, points as Open data…; told apart by the file's name. A file
that cannot be opened is said in the window, as its menu says it, and on the terminal."""

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

import gui.main_window
from gui.main_window import MainWindow
from model.data.data_files import load_dataset, save_dataset_npz
from model.storage import safe_files
from model.storage.session_files import open_session_file
from neural_playground import cli


def open_on_command_line(qtbot, monkeypatch, ini, argv, opened, also=None) -> dict:
    """Runs ``cli.main(argv)`` with the test's settings file; its event loop runs until ``opened(window)``, then
    answers what the window shows (and calls ``also(window)`` before it closes)."""
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
        if also is not None:
            also(window)
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


def trained_session(tmp_path):
    out = tmp_path / "run"
    assert cli.main(["train", "--dataset", "xor", "--epochs", "2", "--out", str(out), "--no-png", "--quiet"]) == 0
    return out / "session.npz"


def warnings_said(monkeypatch) -> list:
    said: list = []
    warn = staticmethod(lambda parent, title, text, *a: said.append((title, text)))
    monkeypatch.setattr(QMessageBox, "warning", warn)
    return said


def test_a_damaged_session_opens_the_window_and_says_in_it_what_file_open_says(
    qtbot, monkeypatch, ini, tmp_path, capsys
):
    """From a file manager (the desktop entry's %f, no terminal) the app exited with status 2 and no window: what
    was wrong went to a terminal nobody saw."""
    path = tmp_path / "broken.npz"
    arrays = safe_files.read_npz(trained_session(tmp_path))
    arrays["params"] = arrays["params"][:5]  # its metadata still lists the whole vector
    with open(path, "wb") as f:
        safe_files.write_npz(f, arrays)
    said = warnings_said(monkeypatch)
    from_menu = []

    def open_from_the_menu(window):
        monkeypatch.setattr(window.file_actions.dialogs, "ask_open", lambda *a: str(path))
        window.file_actions.open_session_action.trigger()
        qtbot.waitUntil(lambda: len(said) == 2, timeout=30000)
        from_menu.append(said[1])

    seen = open_on_command_line(qtbot, monkeypatch, ini, [str(path)], lambda w: len(said) == 1, open_from_the_menu)
    title, text = said[0]
    assert title == "Could not open the session"
    assert "broken.npz: array 'params'" in text
    assert "has dtype" in text and "the metadata says" in text
    assert from_menu == [said[0]]  # word for word what File ▸ Open session… says of it
    assert seen["path"] is None and "broken.npz" not in seen["title"]  # the window's own start, nothing replaced
    err = capsys.readouterr().err
    assert "neural-playground: broken.npz: array 'params' has dtype" in err  # and on a terminal, if one is there


def test_a_file_that_is_not_there_opens_the_window_and_says_so(qtbot, monkeypatch, ini, tmp_path, capsys):
    gone = tmp_path / "gone.csv"
    said = warnings_said(monkeypatch)
    open_on_command_line(qtbot, monkeypatch, ini, [str(gone)], lambda w: len(said) == 1)
    title, text = said[0]
    assert title == "Could not open the file" and f"{gone}: no such file" in text
    assert f"neural-playground: {gone}: no such file" in capsys.readouterr().err


def test_a_file_the_app_does_not_open_is_said_in_the_window(qtbot, monkeypatch, ini, tmp_path, capsys):
    notes = tmp_path / "notes<b>.pdf"
    notes.write_bytes(b"%PDF")
    said = warnings_said(monkeypatch)
    open_on_command_line(qtbot, monkeypatch, ini, [str(notes)], lambda w: len(said) == 1)
    title, text = said[0]
    assert title == "Could not open the file"
    assert "notes&lt;b&gt;.pdf: is not a file the app opens: it opens a session (.npz)" in text  # shown as written
    assert "notes<b>.pdf: is not a file the app opens" in capsys.readouterr().err
