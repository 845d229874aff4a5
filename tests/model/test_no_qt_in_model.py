"""The model layer must never load Qt: it runs headless, in tests and in the worker alike."""

import os
import subprocess
import sys
import tomllib

import pytest

from tests.paths import ROOT


def test_importing_every_model_module_loads_no_qt():
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in (ROOT / "model").rglob("*.py")
    )
    assert len(modules) > 40  # every subpackage is walked, not only the top level
    code = (
        "import sys, importlib\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "import model\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'PyQt5', 'PyQt6', 'pyqtgraph', 'shiboken6')]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"model imported Qt modules: {out.stdout}"


def test_no_model_source_mentions_qt():
    paths = list((ROOT / "model").rglob("*.py"))
    assert len(paths) > 40
    for path in paths:
        text = path.read_text()
        for name in ("PySide6", "PyQt", "pyqtgraph"):
            assert f"import {name}" not in text and f"from {name}" not in text, path


def _lint_imports(cwd):
    """Run import-linter in ``cwd`` with the contracts of its pyproject.toml: (passed, report)."""
    code = (
        "import sys\nfrom importlinter.cli import lint_imports\nsys.exit(lint_imports(no_cache=True, no_logo=True))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(cwd)},
    )
    return out.returncode == 0, out.stdout + out.stderr


def test_the_import_contracts_of_pyproject_hold():
    pytest.importorskip("importlinter")
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    assert any(c["type"] == "forbidden" and c["source_modules"] == ["model"] for c in contracts)
    passed, report = _lint_imports(ROOT)
    assert passed, report
    assert f"Contracts: {len(contracts)} kept, 0 broken." in report


def test_the_no_qt_contract_finds_qt_deep_inside_a_subpackage(tmp_path):
    """The same forbidden contract, on a copy of the model that imports pyqtgraph three packages down."""
    pytest.importorskip("importlinter")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    no_qt = next(c for c in config["contracts"] if c["type"] == "forbidden" and c["source_modules"] == ["model"])
    deep = tmp_path / "model" / "inside" / "views"
    deep.mkdir(parents=True)
    for package in (tmp_path / "model", deep.parent, deep):
        (package / "__init__.py").write_text("")
    (deep / "picture.py").write_text("def draw():\n    import pyqtgraph\n\n    return pyqtgraph\n")
    (tmp_path / "pyproject.toml").write_text(
        "[tool.importlinter]\n"
        'root_packages = ["model"]\n'
        "include_external_packages = true\n"
        "[[tool.importlinter.contracts]]\n"
        f"name = {no_qt['name']!r}\n"
        'type = "forbidden"\n'
        'source_modules = ["model"]\n'
        f"forbidden_modules = {[m for m in no_qt['forbidden_modules'] if m not in ('gui', 'neural_playground')]!r}\n"
    )
    passed, report = _lint_imports(tmp_path)
    assert not passed
    assert "model.inside.views.picture -> pyqtgraph" in report
