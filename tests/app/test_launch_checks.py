"""What the command line checks before a window opens: a display and Qt's one system library, the file given to
open, and that ``python -m neural_playground`` imports the app's packages whatever folder it starts in."""

import ctypes
import os
import socket
import subprocess
import sys

import pytest

from model.data.data_files import load_dataset, save_dataset_npz
from neural_playground import cli
from neural_playground.file_argument import FileArgumentError, file_kind, kind_by_name
from neural_playground.window_system import missing_window_system, wayland_display_reached, x_display_reached
from tests.paths import ROOT

X11 = {"DISPLAY": ":0"}


def missing(env, found=True, qt=(), platform="linux", reached=True):
    return missing_window_system(list(qt), env, lambda name: found, platform, lambda environ: reached)


def test_a_desktop_with_its_libraries_opens_the_window():
    assert missing(X11) is None
    assert missing({"WAYLAND_DISPLAY": "wayland-0"}, found=False) is None  # Qt's X11 plugin is not used
    assert missing({}, platform="win32") is None and missing({}, platform="darwin") is None


def test_without_libxcb_cursor_the_package_to_install_is_named():
    """Qt's own message blamed the installation ("Reinstalling the application may fix this problem") and
    aborted; the package that brings the library is named instead."""
    said = missing(X11, found=False)
    assert "libxcb-cursor" in said and "sudo apt install libxcb-cursor0" in said and "xcb-util-cursor" in said


def test_without_a_display_it_says_so_and_points_at_the_headless_trainer():
    said = missing({})
    assert "no display" in said and "neural-playground train" in said


def test_a_display_named_but_not_reached_is_said_to_be_so():
    """A stale ssh -X session's DISPLAY, or a WAYLAND_DISPLAY with no compositor: Qt said "could not connect to
    display", blamed a library that was installed, advised reinstalling, and aborted."""
    said = missing({"DISPLAY": ":99"}, reached=False)
    assert "cannot connect to the display (DISPLAY=:99)" in said and "neural-playground train" in said
    said = missing({"WAYLAND_DISPLAY": "wayland-9", "DISPLAY": ":99"}, found=False, reached=False)
    assert "WAYLAND_DISPLAY=wayland-9 and DISPLAY=:99" in said and "libxcb-cursor" not in said


def _libxcb_loads() -> bool:
    try:
        ctypes.CDLL("libxcb.so.1")
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _libxcb_loads(), reason="libxcb (every X client's) is not installed")
def test_an_x_display_no_server_answers_is_not_reached():
    assert not x_display_reached(":987")  # no X server listens there (nor its socket /tmp/.X11-unix/X987)


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="Wayland's sockets are Unix sockets")
def test_a_wayland_display_is_reached_where_a_compositor_listens(tmp_path):
    env = {"XDG_RUNTIME_DIR": str(tmp_path)}
    assert not wayland_display_reached("wayland-9", env)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listening:
        listening.bind(str(tmp_path / "wayland-9"))
        listening.listen(1)
        assert wayland_display_reached("wayland-9", env)
        assert wayland_display_reached(str(tmp_path / "wayland-9"), {})  # a path, as WAYLAND_DISPLAY may be


def test_a_platform_asked_for_is_left_to_qt():
    assert missing({}, found=False, qt=["-platform", "offscreen"]) is None
    assert missing({"QT_QPA_PLATFORM": "offscreen"}, found=False) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11's library is looked for on Linux")
def test_the_command_line_stops_with_one_line_and_status_2(monkeypatch, capsys):
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("neural_playground.window_system.library_present", lambda name: False)
    monkeypatch.setattr("neural_playground.window_system.display_reached", lambda environ: True)
    assert cli.main([]) == 2
    err = capsys.readouterr().err
    assert (
        err.startswith("neural-playground: the window needs the system library libxcb-cursor") and err.count("\n") == 1
    )


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not _libxcb_loads(), reason="an X display is looked for on Linux"
)
def test_a_display_not_reached_stops_the_command_line_with_one_line_and_status_2(monkeypatch, capsys):
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":987")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert cli.main([]) == 2
    err = capsys.readouterr().err
    assert err.startswith("neural-playground: cannot connect to the display (DISPLAY=:987)") and err.count("\n") == 1


# ------------------------------------------------------------------ the file to open
@pytest.fixture
def session_file(tmp_path):
    out = tmp_path / "run"
    assert cli.main(["train", "--epochs", "2", "--out", str(out), "--no-png", "--quiet"]) == 0
    return out / "session.npz"


def test_each_of_the_apps_files_is_told_by_its_name(tmp_path, session_file):
    csv = tmp_path / "points.csv"
    csv.write_text("x1,x2,label\n0,0,0\n1,1,1\n", encoding="utf-8")
    points = tmp_path / "points.npz"
    save_dataset_npz(load_dataset(csv), points)
    lesson = ROOT / "resources" / "lessons" / sorted(os.listdir(ROOT / "resources" / "lessons"))[0]
    assert file_kind(session_file) == "session"
    assert file_kind(points) == "data"  # a NumPy archive of points, not a session
    assert file_kind(csv) == "data"
    assert lesson.suffix == ".toml" and file_kind(lesson) == "lesson"


@pytest.mark.parametrize(
    "name, content, message, menu",
    [
        ("gone.npz", None, "gone.npz: no such file", None),
        ("notes.pdf", b"%PDF", "notes.pdf: is not a file the app opens: it opens a session (.npz)", None),
        ("broken.npz", b"not a zip", "broken.npz: is not a NumPy .npz archive", "session"),
        ("lesson.toml", b"kind = [", "lesson.toml: is not valid TOML", "lesson"),
        ("points.csv", b"", None, "data"),
    ],
)
def test_a_file_the_app_cannot_open_is_named_in_one_line(tmp_path, name, content, message, menu):
    """The line goes to the terminal; the window then opens and its menu (by the file's name) says it again, or,
    for a file no menu opens, the window says this line (tests/gui/files/test_open_from_command_line.py)."""
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert kind_by_name(path) == menu
    if message is None:
        return
    with pytest.raises(FileArgumentError) as error:
        file_kind(path)
    said = str(error.value)
    assert said.startswith(str(path) if content is None else message) and message in said and "\n" not in said


def test_python_dash_m_works_in_a_folder_with_its_own_model_and_gui(tmp_path):
    """A project folder often holds a model.py or a gui/ of its own: `-m` puts the folder first on the module
    path, and the app imported those ("No module named 'model.data'; 'model' is not a package")."""
    (tmp_path / "model.py").write_text("raise SystemExit('the folder’s own model was imported')\n")
    (tmp_path / "gui").mkdir()
    (tmp_path / "gui" / "__init__.py").write_text("raise SystemExit('the folder’s own gui was imported')\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's packages, after the folder as -m puts it
    result = subprocess.run(
        [sys.executable, "-m", "neural_playground", "--dataset", "nothing"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "invalid choice: 'nothing'" in result.stderr, result.stderr  # the app's dataset names were read
    result = subprocess.run(
        [sys.executable, "-m", "neural_playground", "train", "--epochs", "1", "--no-png", "--quiet", "--out", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "run" / "session.npz").is_file()


def test_python_dash_m_drops_the_current_folder_after_the_installed_copys_packages(tmp_path):
    """Importing the installed package puts its ``_app`` folder first, before the folder ``-m`` put there: that
    folder still goes (its own model.py would be found before any package of the app's dependencies)."""
    from neural_playground.__main__ import drop_current_folder

    app, here, lib = str(tmp_path / "site" / "neural_playground" / "_app"), str(tmp_path / "project"), "/usr/lib"
    path = [app, here, lib]
    drop_current_folder(path, app, here, safe_path=False)
    assert path == [app, lib]
    path = [here, lib]  # a checkout run from its top folder keeps it: its packages are there
    drop_current_folder(path, here, here, safe_path=False)
    assert path == [here, lib]
    path = [app, here, lib]  # -P put no current folder there: the entry is the user's own
    drop_current_folder(path, app, here, safe_path=True)
    assert path == [app, here, lib]
