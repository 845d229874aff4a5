"""Every "A ▸ B" path the app's own texts name (its README, the user guide, the lessons, the strings the window
shows) is one a person can follow in the window: a menu's items (``File ▸ Export ▸ Plot as PNG…``), or a dock's
group, row and choice (``Settings ▸ Data ▸ Dataset ▸ Digits (8×8)``). A renamed or moved item fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QDockWidget, QGroupBox, QLabel, QMenu, QWidget

ROOT = Path(__file__).resolve().parents[3]
ARROW = " ▸ "
#: a path's first name: a capitalised word not itself inside a path ("View" in "View ▸ Theme")
_HEAD = re.compile(r"(?<!▸ )\b([A-Z][a-z]+) ▸ ")


def _doc_texts() -> dict[str, str]:
    paths = [ROOT / "README.md", ROOT / "resources" / "guide.md", *sorted((ROOT / "resources" / "lessons").iterdir())]
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in paths if p.suffix in (".md", ".toml")}


def _shown_strings(path: Path) -> list[str]:
    """The strings of a module a person may read: all but its docstrings (written for programmers); an f-string
    with the module's own string constants put in (``f"in File ▸ {RESTORE_WORDS}"``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
        if isinstance(node, ast.JoinedStr):
            skip.update(id(part) for part in node.values)

    def text(node: ast.expr) -> str:
        if isinstance(node, ast.Constant):
            return str(node.value)
        if isinstance(node, ast.JoinedStr):
            return "".join(text(part) for part in node.values)
        if isinstance(node, ast.FormattedValue) and isinstance(node.value, ast.Name):
            return constants.get(node.value.id, "{}")
        return "{}"

    strings = [
        text(n)
        for n in ast.walk(tree)
        if ((isinstance(n, ast.Constant) and isinstance(n.value, str)) or isinstance(n, ast.JoinedStr))
        and id(n) not in skip
    ]
    return [s for s in strings if ARROW in s]


def _code_texts() -> dict[str, str]:
    texts = {}
    for package in ("gui", "model", "neural_playground"):
        for path in sorted((ROOT / package).rglob("*.py")):
            strings = _shown_strings(path)
            if strings:
                texts[str(path.relative_to(ROOT))] = "\n".join(strings)
    return texts


def _plain(text: str) -> str:
    """Text as read: markdown's emphasis and code marks gone, a line's wrap a space."""
    return re.sub(r"\s+", " ", re.sub(r"[*`_]", "", text))


def _named(text: str) -> list[tuple[str, str]]:
    """(first name, the text after its arrow) of each path in ``text``."""
    text = _plain(text)
    return [(m.group(1), text[m.end() :]) for m in _HEAD.finditer(text)]


def _starts_with_name(rest: str, names: list[str]) -> str | None:
    """The longest of ``names`` ``rest`` starts with as a whole name (an item's "…" may be left out)."""
    found = []
    for name in names:
        for form in {name, name.rstrip("…")}:
            if form and rest.startswith(form) and not rest[len(form) : len(form) + 1].isalnum():
                found.append(form)
    return max(found, key=len, default=None)


def _follows_menu(menu: QMenu, rest: str) -> bool:
    items = {a.text().replace("&", ""): a for a in menu.actions() if not a.isSeparator()}
    name = _starts_with_name(rest, list(items))
    if name is None:
        return False
    after = rest[len(name) :]
    sub = items.get(name, items.get(name + "…"))
    if after.startswith(ARROW) and sub is not None and sub.menu() is not None:
        return _follows_menu(sub.menu(), after[len(ARROW) :])
    return True


def _follows_dock(dock: QDockWidget, rest: str) -> bool:
    """A group of the dock, a row's label in it, and maybe one of the choices of that group."""
    boxes = {b.title(): b for b in dock.findChildren(QGroupBox)}
    name = _starts_with_name(rest, list(boxes))
    if name is None:
        return False
    box, rest = boxes[name], rest[len(name) :]
    if not rest.startswith(ARROW):
        return True
    rest = rest[len(ARROW) :]
    label = _starts_with_name(rest, [w.text() for w in box.findChildren(QLabel)])
    if label is None:
        return False
    rest = rest[len(label) :]
    if not rest.startswith(ARROW):
        return True
    choices = [c.itemText(i) for c in box.findChildren(QComboBox) for i in range(c.count())]
    return _starts_with_name(rest[len(ARROW) :], choices) is not None


def _unfollowable(window: QWidget, texts: dict[str, str]) -> list[str]:
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions() if a.menu() is not None}
    docks = {d.windowTitle(): d for d in window.findChildren(QDockWidget)}
    wrong = []
    for where, text in texts.items():
        for head, rest in _named(text):
            if head in menus:
                ok = _follows_menu(menus[head], rest)
            elif head in docks:
                ok = _follows_dock(docks[head], rest)
            else:
                ok = False
            if not ok:
                wrong.append(f"{where}: {head}{ARROW}{rest[:40]}")
    return wrong


def test_the_texts_name_paths_there_are(shared_window):
    texts = {**_doc_texts(), **_code_texts()}
    assert sum(len(_named(t)) for t in texts.values()) > 30  # the texts are read, their paths found
    assert _unfollowable(shared_window, texts) == []


def test_a_path_that_is_not_there_is_found(shared_window):
    texts = {
        "a": "Add one (Models ▸ Compare: add a model).",
        "b": "models compared (**Experiments ▸ Side by\n  side**)",
        "c": "Lessons ▸ Open lesson file…",
        "d": "Settings ▸ Data ▸ Dataset ▸ Digits (9×9)",
        "e": "View ▸ Themes",
    }
    assert len(_unfollowable(shared_window, texts)) == len(texts)
    fine = {
        "a": "**File ▸ Export ▸ Plot as\n  PNG**",
        "b": "Help ▸ Start page, offered",
        "c": "Settings ▸ Data ▸ Dataset ▸ Digits (8×8)",
        "d": "View ▸ Theme is Dark",
    }
    assert _unfollowable(shared_window, fine) == []
