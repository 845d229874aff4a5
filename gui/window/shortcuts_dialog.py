"""ShortcutsDialog: every keyboard shortcut of the window, in a table that scrolls (Help ▸ Keyboard shortcuts).

``shortcut_rows(window, base)`` is what it lists: the main window's own table (``base``), the mouse gestures other
parts add (Alt+click probes a point), then every other action of the window that has a shortcut (the docks' and
menus' actions added by other parts of the app), so the list cannot fall behind the actions.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFrame, QTextBrowser, QVBoxLayout, QWidget

GESTURES = (
    ("Alt+click", "Probe the point under the mouse: its forward and backward pass"),
    ("Network diagram: arrows, Space", "Pick a unit; switch a hidden unit off (its output held at 0) or on"),
)

_ARROWS = {"\u2192": "Right", "\u2190": "Left", "\u2191": "Up", "\u2193": "Down"}


def _tokens(keys: str) -> set[str]:
    """The key sequences a row of the table names: 'S  or  \u2192' -> {S, Right}; '1 \u2026 9' -> {1..9}."""
    text = keys.replace(" or ", " / ")
    parts = [p.strip() for p in re.split(r"\s*/\s*|\s{2,}", text) if p.strip()]
    found: set[str] = set()
    for part in parts:
        m = re.fullmatch(r"(\d)\s*\u2026\s*(\d)", part)
        if m:
            found.update(str(d) for d in range(int(m.group(1)), int(m.group(2)) + 1))
            continue
        for word in part.split():
            found.add(_ARROWS.get(word, word))
        found.add(part)
    return found


def _action_name(action: QAction) -> str:
    return action.text().replace("&", "").rstrip("\u2026.").strip()


def _action_description(action: QAction, keys: list[str], covered: set[str]) -> str:
    """What ``action`` does, said once: its tooltip (else its name) without a parenthesis's mention of its own
    ``keys`` or of a gesture another row lists ("… (P; Alt+click probes with any tool)" on the P row)."""
    text = _action_name(action)
    tip = action.toolTip().strip()
    words = tip if tip and tip.replace("&", "").rstrip("\u2026.").strip() != text else text
    m = re.fullmatch(r"(.*?)\s*\(([^()]*)\)(\.?)", words, re.DOTALL)
    if m is None:
        return words
    head, inside, stop = m.groups()
    kept = [
        part.strip()
        for part in inside.split(";")
        if part.strip() not in keys and not any(part.strip().startswith(f"{other} ") for other in covered)
    ]
    return f"{head} ({'; '.join(kept)}){stop}" if kept else f"{head}{stop}"


def _order(seq: QKeySequence) -> tuple[int, str]:
    """Plain keys before chords: F1 before Ctrl+B before Ctrl+Shift+N."""
    portable = seq.toString(QKeySequence.SequenceFormat.PortableText)
    return portable.count("+"), portable


def shortcut_rows(window, base=()) -> list[tuple[str, str]]:
    """(keys, what they do) for the shortcuts dialog: `base`, the gestures, then the window's other actions."""
    rows = list(base)
    covered: set[str] = set()
    for keys, _ in rows:
        covered |= _tokens(keys)
    for keys, what in GESTURES:
        if keys not in covered:
            rows.append((keys, what))
            covered.add(keys)
    # an action's keys on one row ("F11 / Alt+Enter | Full screen"), not one row each saying the same
    extra: dict[QAction, list[QKeySequence]] = {}
    for action in window.findChildren(QAction):
        for seq in action.shortcuts():
            portable = seq.toString(QKeySequence.SequenceFormat.PortableText)
            if not portable or portable in covered:
                continue
            if seq.toString(QKeySequence.SequenceFormat.NativeText).casefold() == _action_name(action).casefold():
                continue  # a keyboard's own "Redo" key (X11 binds it to Redo): "Redo | Redo" says nothing
            covered.add(portable)
            extra.setdefault(action, []).append(seq)
    for action, seqs in sorted(extra.items(), key=lambda item: min(map(_order, item[1]))):
        native = [seq.toString(QKeySequence.SequenceFormat.NativeText) for seq in sorted(seqs, key=_order)]
        rows.append((" / ".join(native), _action_description(action, native, covered)))
    return rows


class ShortcutsDialog(QDialog):
    """Every shortcut, in a table that scrolls when the screen is short (non-modal). As a message box it grew
    with its ~30 rows: taller than a 700-px screen, its last rows and its Close button were off the screen."""

    WIDTH_PX = 560

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.setModal(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 8)
        cells = ((html.escape(k, quote=False), html.escape(v, quote=False)) for k, v in rows)
        self._html = (
            "<table>"
            + "".join(f"<tr><td style='padding:2px 14px 2px 0'><b>{k}</b></td><td>{v}</td></tr>" for k, v in cells)
            + "</table>"
        )
        self.browser = QTextBrowser()
        self.browser.setFrameShape(QFrame.Shape.NoFrame)
        self.browser.setHtml(self._html)
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # the whole table where the screen has room, else the screen's height less room for the title bar
        document = self.browser.document()
        document.setTextWidth(self.WIDTH_PX - 40)
        wanted = int(document.size().height()) + buttons.sizeHint().height() + 40
        screen = (parent or self).screen().availableGeometry()
        self.resize(self.WIDTH_PX, min(wanted, screen.height() - 60))

    def text(self) -> str:
        """The table, as HTML."""
        return self._html
