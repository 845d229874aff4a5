"""Help ▸ Keyboard shortcuts says each thing once: no row whose description is its key's own name (X11 binds the
keyboard's "Redo" key to Redo: a row "Redo | Redo"), and the P row does not repeat its key or the Alt+click row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from gui.window.menus import SHORTCUTS
from gui.window.shortcuts_dialog import shortcut_rows


def test_the_rows_say_each_key_and_phrase_once(make_window):
    w = make_window(size=(1024, 700))
    redo = w.controls.redo_action
    # the keys X11 gives Redo: the keyboard's own Redo key among them
    redo.setShortcuts([*redo.shortcuts(), QKeySequence(Qt.Key.Key_Redo)])
    rows = shortcut_rows(w, SHORTCUTS)

    for keys, what in rows:
        assert keys.casefold() != what.casefold(), (keys, what)
    assert "Redo" not in [keys for keys, _ in rows]

    probe = [what for keys, what in rows if keys == "P"]
    assert probe == ["Clicking the plot probes that point: its forward and backward pass."]
    assert [keys for keys, what in rows if "Alt+click" in keys + what] == ["Alt+click"]
    descriptions = [what for _, what in rows]
    assert len(descriptions) == len(set(descriptions))
