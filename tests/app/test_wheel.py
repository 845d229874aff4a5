"""The wheel a user installs holds every package and every data file, and the installed copy finds its data.
It installs one top-level name, ``neural_playground``: the checkout's ``model`` and ``gui`` go inside it, in
``_app/``, so that another project's ``model`` beside it in site-packages is neither overwritten nor shadowed.

The wheel is built once per test run, with pip as ``pip install .`` does (build isolation fetches the build backend
from the package index), from a copy of what the build needs as a developer's checkout has it: with bytecode
beside the modules, and a ``build/`` folder an earlier build left holding a module and a lesson deleted since.
None of that may ship.
"""

import configparser
import email
import os
import py_compile
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import neural_playground
from tests.paths import ROOT

BUILD_INPUTS = ("pyproject.toml", "setup.py", "README.md", "LICENSE", "model", "gui", "neural_playground", "resources")
IGNORED = shutil.ignore_patterns("*.egg-info", "build")
#: what an earlier build copied into build/lib, deleted from the checkout since
STALE = ("neural_playground/_app/model/deleted_since.py", "neural_playground/resources/lessons/99_deleted_since.toml")
#: where the wheel puts the checkout's model/ and gui/
APP = "neural_playground/_app"


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def _in_wheel(module: Path) -> str:
    """Where a module of the checkout is in the wheel: model/ and gui/ under _app/."""
    relative = module.relative_to(ROOT).as_posix()
    return relative if relative.startswith("neural_playground/") else f"{APP}/{relative}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in BUILD_INPUTS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=IGNORED)
        else:
            shutil.copy2(ROOT / name, source / name)
    py_compile.compile(str(source / "model" / "resource_files.py"), doraise=True)  # as running the checkout does
    lessons = sorted((ROOT / "resources" / "lessons").glob("[0-9]*.toml"))
    for stale in STALE:
        path = source / "build" / "lib" / stale
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(lessons[0].read_bytes() if stale.endswith(".toml") else b"GONE = True\n")
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def names(wheel) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_every_file_under_resources_is_in_the_wheel(names):
    files = _files(ROOT / "resources")
    assert len(files) > 20 and any(p.suffix == ".toml" for p in files)
    missing = [
        p for p in files if f"neural_playground/resources/{p.relative_to(ROOT / 'resources').as_posix()}" not in names
    ]
    assert not missing, f"not in the wheel: {missing}"


def test_every_module_of_every_package_is_in_the_wheel(names):
    modules = [p for top in ("model", "gui", "neural_playground") for p in _files(ROOT / top) if p.suffix == ".py"]
    assert any(p.parent.name == "panels" for p in modules)  # subpackages are walked too
    missing = [p for p in modules if _in_wheel(p) not in names]
    assert not missing, f"not in the wheel: {missing}"


def test_nothing_stale_or_of_the_checkout_alone_is_in_the_wheel(wheel, names):
    assert not [name for name in names if name in STALE or "__pycache__" in name or name.endswith(".pyc")]
    tops = {name.split("/")[0] for name in names}
    info = f"neural_playground-{neural_playground.__version__}.dist-info"
    assert tops == {"neural_playground", info}
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read(f"{info}/top_level.txt").decode().split() == ["neural_playground"]
    assert f"{APP}/__init__.py" not in names  # a plain folder: ``neural_playground._app`` is no module of ours


def test_the_wheel_declares_the_launcher_version_and_license(wheel, names):
    version = neural_playground.__version__
    assert wheel.name.startswith(f"neural_playground-{version}-py3-none-any")
    info = f"neural_playground-{version}.dist-info"
    with zipfile.ZipFile(wheel) as archive:
        entry_points = configparser.ConfigParser()
        entry_points.read_string(archive.read(f"{info}/entry_points.txt").decode())
        metadata = email.message_from_bytes(archive.read(f"{info}/METADATA"))
    assert entry_points["gui_scripts"]["neural-playground"] == "neural_playground.cli:main"
    assert metadata["Version"] == version and metadata["License-Expression"] == "MIT"
    assert f"{info}/licenses/LICENSE" in names
    assert any(req.startswith("scikit-learn>=1.6") for req in metadata.get_all("Requires-Dist"))


def test_the_installed_copy_finds_its_data_from_another_folder(wheel, tmp_path):
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)  # what pip does with a pure-Python wheel, minus the scripts
    code = (
        "import neural_playground\n"  # what every way of starting the app does first: puts _app on the path
        "import model.resource_files as r, model.teaching.lessons as l\n"
        "lessons, challenges, errors = l.load_all()\n"
        "print(r.resource_root()); print(len(lessons), len(challenges), len(errors)); print(r.__file__)\n"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    root, counts, module = result.stdout.split("\n")[:3]
    assert Path(module).is_relative_to(target / APP)  # the installed copy ran, not the checkout
    assert Path(root) == target / "neural_playground" / "resources"
    shipped = len(list((ROOT / "resources" / "lessons").glob("[0-9]*.toml")))  # lessons; challenges are challenge_*
    assert counts.split()[0] == str(shipped) and counts.split()[2] == "0"


def test_another_projects_model_beside_the_installed_copy_stays_its_own(wheel, tmp_path):
    """A machine-learning project often has a ``model`` package of its own, installed in the same site-packages:
    the app neither replaces it nor is shadowed by it."""
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    (site / "model").mkdir()
    (site / "model" / "__init__.py").write_text("WHOSE = 'the other project'\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}

    def run(code: str) -> list[str]:
        result = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout.split("\n")

    assert run("import model; print(model.WHOSE)")[0] == "the other project"  # the project's own code
    app = run(  # the app's process: the app's own model
        "import neural_playground, neural_playground.cli, sys\n"
        "from model.data.generators import DATASETS\n"
        "print(len(DATASETS)); print(sys.modules['model'].__file__)\n"
    )
    assert int(app[0]) > 3 and Path(app[1]).is_relative_to(site / APP)
    assert (site / "model" / "__init__.py").read_text() == "WHOSE = 'the other project'\n"
