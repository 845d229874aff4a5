"""The command line: --version, Qt's own options passed on to Qt, and the desktop entry it installs."""

import configparser
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

import neural_playground
from model.resource_files import resource_path
from neural_playground import APP_ID, cli, desktop_entry
from tests.paths import ROOT


def test_version_is_the_packages_and_answers_without_loading_qt(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"neural-playground {neural_playground.__version__}"
    code = "import sys; from neural_playground import cli\ntry: cli.main(['--version'])\nexcept SystemExit: pass\n"
    code += "print(any(m.startswith(('PySide6', 'pyqtgraph', 'gui')) for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.split()[-1] == "False"


def test_opening_the_app_starts_the_first_datasets_process_before_loading_the_window():
    """The child process that makes the first dataset imports scikit-learn while the window's modules load."""
    code = (
        "import sys\n"
        "from gui.window import first_data_process\n"
        "def early():\n"
        "    print('window loaded' if 'gui.main_window' in sys.modules else 'window not loaded yet')\n"
        "    raise SystemExit(0)\n"
        "first_data_process.start_early = early\n"
        "from neural_playground import cli\n"
        "cli.main([])\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "window not loaded yet"


def test_python_dash_m_and_main_py_are_the_same_command():
    for command in ([sys.executable, "-m", "neural_playground"], [sys.executable, str(ROOT / "main.py")]):
        out = subprocess.run([*command, "--version"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        assert out.strip() == f"neural-playground {neural_playground.__version__}"


@pytest.mark.parametrize(
    "argv, ours, qt",
    [
        (["-style", "fusion", "--seed", "3"], ["--seed", "3"], ["-style", "fusion"]),
        (["--style=windows", "--dataset", "xor"], ["--dataset", "xor"], ["-style", "windows"]),
        (["-platform", "offscreen", "-reverse", "gui"], ["gui"], ["-platform", "offscreen", "-reverse"]),
        (["train", "--seed", "1"], ["train", "--seed", "1"], []),
        (["--", "-style", "x"], ["--", "-style", "x"], []),  # after "--" nothing is Qt's
        (["-style"], ["-style"], []),  # no value: left for argparse to complain about
    ],
)
def test_qt_options_are_taken_out_for_qt(argv, ours, qt):
    assert cli.split_qt_arguments(argv) == (ours, qt)


def test_qt_options_on_the_headless_trainer_are_an_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["-style", "fusion", "train", "--epochs", "1"])
    assert exit_.value.code == 2
    assert "apply to the window only" in capsys.readouterr().err


def train(args, capsys) -> tuple[int, str]:
    """``neural-playground train ARGS --no-png --quiet`` through the whole command line, in this process."""
    try:
        code = cli.main(["train", *map(str, args), "--no-png", "--quiet"])
    except SystemExit as exc:  # argparse's errors
        code = exc.code
    return code, capsys.readouterr().err


def summary(out) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_train_continues_a_session_given_with_session_as_the_help_says(tmp_path, capsys):
    """--session is the trainer's own option after `train`, not Qt's -session (a session manager's), in both of its
    spellings, as README, docs/headless.md and `train --help` show it."""
    first = tmp_path / "first"
    assert train(["--epochs", "3", "--out", first], capsys) == (0, "")
    session = first / "session.npz"
    assert (
        cli.main(["train", "--session", str(session), "--epochs", "2", "--out", str(tmp_path / "a"), "--no-png"]) == 0
    )
    assert cli.main(["train", f"--session={session}", "--epochs", "4", "--out", str(tmp_path / "b"), "--no-png"]) == 0
    assert summary(tmp_path / "a")["epoch"] == 5
    assert summary(tmp_path / "b")["epoch"] == 7
    capsys.readouterr()
    # before the command a Qt option is still Qt's, and refused for the trainer
    with pytest.raises(SystemExit) as exit_:
        cli.main([f"--session={session}", "train", "--epochs", "1"])
    assert exit_.value.code == 2 and "apply to the window only" in capsys.readouterr().err


def test_qt_options_are_taken_out_of_the_windows_arguments_only(monkeypatch):
    from neural_playground import headless

    seen = []
    monkeypatch.setattr(cli, "run_gui", lambda args: seen.append(args) or 0)
    monkeypatch.setattr(headless, "run_train", lambda args: seen.append(args) or 0)
    assert cli.main(["train", "--session", "s.npz", "--epochs", "9"]) == 0
    assert (seen[-1].command, seen[-1].session, seen[-1].epochs) == ("train", "s.npz", 9)
    assert cli.main(["-session", "id", "--seed", "3", "gui", "-reverse"]) == 0  # a session manager's restart
    assert (seen[-1].qt_arguments, seen[-1].seed) == (["-session", "id", "-reverse"], 3)


@pytest.mark.parametrize("before", [["--dataset", "iris", "--seed", "5"], ["--dataset=iris", "--seed=5"]])
def test_dataset_and_seed_before_train_are_trains(tmp_path, capsys, before):
    out = tmp_path / "run"
    try:
        code = cli.main([*before, "train", "--epochs", "1", "--out", str(out), "--no-png", "--quiet"])
    except SystemExit as exc:
        code = exc.code
    assert code == 0, capsys.readouterr().err
    assert (summary(out)["data"]["dataset"], summary(out)["seed"]) == ("iris", 5)


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--seed", "5", "train", "--seed", "6"], "--seed is given twice, before and after 'train'"),
        (["--dataset", "xor", "gui", "--dataset=moons"], "--dataset is given twice, before and after 'gui'"),
        (["--seed", "5", "install-desktop"], "--seed applies to the window and to 'train', not to 'install-desktop'"),
    ],
)
def test_dataset_and_seed_that_would_not_count_are_refused(capsys, argv, message):
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    assert exit_.value.code == 2 and message in capsys.readouterr().err


def test_dataset_and_seed_before_gui_open_the_window_on_them(monkeypatch):
    seen = []
    monkeypatch.setattr(cli, "run_gui", lambda args: seen.append((args.dataset, args.seed)) or 0)
    assert cli.main(["--dataset", "xor", "--seed", "7", "gui"]) == 0
    assert cli.main(["--dataset", "xor", "--seed", "7"]) == 0
    assert seen == [("xor", 7), ("xor", 7)]


# ------------------------------------------------------------------ desktop entry
def read_desktop(path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_shipped_desktop_entry_and_metainfo_name_the_app_and_its_icon():
    entry = read_desktop(resource_path("desktop", f"{APP_ID}.desktop"))
    assert entry["Type"] == "Application" and entry["Name"] == "Neural Playground"
    assert entry["Exec"].split()[0] == "neural-playground" and entry["Icon"] == APP_ID
    assert entry["Categories"].endswith(";") and "Education" in entry["Categories"].split(";")
    meta = ET.parse(resource_path("desktop", f"{APP_ID}.metainfo.xml")).getroot()
    assert meta.tag == "component" and meta.get("type") == "desktop-application"
    assert meta.findtext("id") == APP_ID and meta.findtext("project_license") == "MIT"
    assert meta.find("launchable").text == f"{APP_ID}.desktop"
    assert meta.find("provides/binary").text == "neural-playground"


#: The Desktop Entry Specification's main categories: an entry in two of them shows twice in some menus.
MAIN_CATEGORIES = {
    "AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics", "Network", "Office", "Science",
    "Settings", "System", "Utility",
}  # fmt: skip


def test_shipped_desktop_entry_is_in_one_main_category_and_a_version_validators_know():
    entry = read_desktop(resource_path("desktop", f"{APP_ID}.desktop"))
    categories = [c for c in entry["Categories"].split(";") if c]
    assert [c for c in categories if c in MAIN_CATEGORIES] == ["Education"]
    # desktop-file-validate 0.26 (Debian 12, Ubuntu 24.04) calls 1.5 "not a known version"; no 1.5 key is used
    assert entry["Version"] in ("1.0", "1.1", "1.2", "1.3", "1.4")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-validate is not installed")
def test_the_installed_desktop_entry_passes_desktop_file_validate(tmp_path):
    assert cli.main(["install-desktop", "--prefix", str(tmp_path)]) == 0
    path = tmp_path / "applications" / f"{APP_ID}.desktop"
    result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli is not installed")
def test_metainfo_passes_appstream_validation():
    path = resource_path("desktop", f"{APP_ID}.metainfo.xml")
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "arg, quoted",
    [
        ("/usr/bin/python3", "/usr/bin/python3"),
        ("/home/a b/venv/bin/python", '"/home/a b/venv/bin/python"'),
        ("/opt/$x/py", '"/opt/\\\\$x/py"'),  # \$ inside quotes, its backslash escaped once more
        ("/opt/100%/py", "/opt/100%%/py"),
    ],
)
def test_exec_arguments_are_quoted_as_the_desktop_entry_spec_says(arg, quoted):
    assert desktop_entry.quote_exec_argument(arg) == quoted


def test_install_desktop_writes_entry_metainfo_and_icons_and_remove_takes_them_away(tmp_path, capsys):
    prefix = tmp_path / "share"
    assert cli.main(["install-desktop", "--prefix", str(prefix)]) == 0
    written = sorted(p.relative_to(prefix).as_posix() for p in prefix.rglob("*") if p.is_file())
    assert written == [
        f"applications/{APP_ID}.desktop",
        f"icons/hicolor/256x256/apps/{APP_ID}.png",
        f"icons/hicolor/scalable/apps/{APP_ID}.svg",
        f"metainfo/{APP_ID}.metainfo.xml",
    ]
    entry = read_desktop(prefix / "applications" / f"{APP_ID}.desktop")
    command = desktop_entry.installed_command()
    assert entry["Icon"] == APP_ID and entry["Name"] == "Neural Playground"
    assert entry["Exec"] == f"{desktop_entry.quote_exec_argument(str(command))} %f"
    svg = prefix / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert svg.read_bytes() == resource_path("icons", "neural-playground.svg").read_bytes()
    out = capsys.readouterr().out
    assert str(prefix / "applications" / f"{APP_ID}.desktop") in out
    assert f"neural-playground install-desktop --remove --prefix {prefix}" in out  # how to take them out again

    assert cli.main(["install-desktop", "--prefix", str(prefix), "--remove"]) == 0
    assert not [p for p in prefix.rglob("*") if p.is_file()]
    assert cli.main(["install-desktop", "--prefix", str(prefix), "--remove"]) == 0
    assert "nothing to remove" in capsys.readouterr().out


@pytest.fixture
def installation(tmp_path, monkeypatch):
    """An installation in a folder with a space in its name: its scripts folder holds the neural-playground
    command that pip writes there (and removes again at uninstall)."""
    scripts = tmp_path / "my apps" / "bin"
    scripts.mkdir(parents=True)
    command = scripts / "neural-playground"
    command.write_text("#!/usr/bin/env python3\n")
    real_get_path = desktop_entry.sysconfig.get_path
    monkeypatch.setattr(
        desktop_entry.sysconfig,
        "get_path",
        lambda name, *scheme: str(scripts) if name == "scripts" and not scheme else real_get_path(name, *scheme),
    )
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no --user installation either
    monkeypatch.setattr(desktop_entry.sysconfig, "get_scheme_names", lambda: ())
    return command


def test_the_menu_entry_runs_the_installed_command_and_hides_once_it_is_uninstalled(installation, tmp_path):
    """Exec and TryExec name the installation's own neural-playground command: not `python -m`, which imports a
    `model` or `gui` of the folder it starts in, and not the interpreter, which outlives `pip uninstall` (the
    entry stayed in the menu launching nothing). The file a file manager opens with the app is its %f."""
    prefix = tmp_path / "share"
    assert cli.main(["install-desktop", "--prefix", str(prefix)]) == 0
    entry = read_desktop(prefix / "applications" / f"{APP_ID}.desktop")
    assert entry["Exec"] == f'"{installation}" %f'
    assert entry["TryExec"] == str(installation)
    assert "Path" not in entry and "MimeType" not in entry
    installation.unlink()  # what pip uninstall does: a desktop hides an entry whose TryExec is gone
    assert not os.path.exists(entry["TryExec"])


def test_install_desktop_refuses_an_installation_without_its_command(installation, tmp_path, capsys):
    installation.unlink()
    assert cli.main(["install-desktop", "--prefix", str(tmp_path / "share")]) == 2
    assert "has no neural-playground command for the menu entry to run" in capsys.readouterr().err
    assert not (tmp_path / "share").exists()


def test_install_desktop_defaults_to_the_users_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert desktop_entry.default_prefix() == tmp_path / "data"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert desktop_entry.default_prefix() == tmp_path / "home" / ".local" / "share"


@pytest.mark.parametrize("command", [[], ["gui"], ["train"], ["install-desktop"]])
def test_every_help_reads_as_plain_text_in_a_terminal(command, capsys):
    with pytest.raises(SystemExit) as done:
        cli.main([*command, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert "``" not in text  # no reStructuredText from a docstring
    assert not re.search(r":\n\n(options|positional arguments):", text)  # no sentence left hanging on a colon
