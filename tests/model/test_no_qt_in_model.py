"""The model layer must never load Qt: it runs headless, in tests and in the worker alike."""

import subprocess
import sys

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
