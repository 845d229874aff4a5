"""The command line: --version, Qt's own options passed on to Qt, and the desktop entry it installs."""

import configparser
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
    assert entry["Exec"] == f"{desktop_entry.quote_exec_argument(sys.executable)} -m neural_playground"
    assert entry["TryExec"] == sys.executable
    assert entry["Path"] == str(ROOT)  # from a checkout, -m finds the package in its folder
    assert entry["Icon"] == APP_ID and entry["Name"] == "Neural Playground"
    svg = prefix / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert svg.read_bytes() == resource_path("icons", "neural-playground.svg").read_bytes()
    assert str(prefix / "applications" / f"{APP_ID}.desktop") in capsys.readouterr().out

    assert cli.main(["install-desktop", "--prefix", str(prefix), "--remove"]) == 0
    assert not [p for p in prefix.rglob("*") if p.is_file()]
    assert cli.main(["install-desktop", "--prefix", str(prefix), "--remove"]) == 0
    assert "nothing to remove" in capsys.readouterr().out


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
