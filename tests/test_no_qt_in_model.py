"""The model layer must never load Qt: it runs headless, in tests and in the worker alike."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_importing_every_model_module_loads_no_qt():
    modules = sorted(p.stem for p in (ROOT / "model").glob("*.py") if p.stem != "__init__")
    code = (
        "import sys, importlib\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module('model.' + name)\n"
        "import model\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'PyQt5', 'PyQt6', 'pyqtgraph', 'shiboken6')]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"model imported Qt modules: {out.stdout}"


def test_no_model_source_mentions_qt():
    for path in (ROOT / "model").glob("*.py"):
        text = path.read_text()
        for name in ("PySide6", "PyQt", "pyqtgraph"):
            assert f"import {name}" not in text and f"from {name}" not in text, path
