"""Every character the app writes is one its font has: no text of the window, the lessons or the guide shows a
missing-glyph box (a branch's name once carried "⑂", which the usual desktop fonts lack)."""

from __future__ import annotations

import ast

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from tests.paths import ROOT


def texts() -> dict[str, str]:
    """The string literals of the GUI's and the model's code (not their comments: the model names runs and
    words its errors for the window) and the text of the lessons and the guide."""
    found = {}
    for path in sorted([*(ROOT / "gui").rglob("*.py"), *(ROOT / "model").rglob("*.py")]):
        strings = [
            node.value
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        ]
        found[str(path.relative_to(ROOT))] = "\n".join(strings)
    for path in sorted((ROOT / "resources").rglob("*")):
        if path.suffix in (".toml", ".md", ".html"):
            found[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    return found


def test_every_character_shown_is_in_the_apps_font(qtbot):
    metrics = QFontMetrics(QApplication.font())
    missing = {
        where: sorted({c for c in text if ord(c) > 127 and not metrics.inFontUcs4(ord(c))})
        for where, text in texts().items()
    }
    assert {where: chars for where, chars in missing.items() if chars} == {}
