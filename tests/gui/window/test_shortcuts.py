"""Every keyboard shortcut of the window (the F1 list) triggers exactly one action: none is bound twice, which Qt
calls an "ambiguous shortcut overload" and answers by triggering nothing (Ctrl+Shift+Z, Redo, did that)."""

from collections import Counter

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest


class ShortcutCatcher(QObject):
    """Receives the shortcut events Qt sends to actions and keeps them from triggering anything."""

    def __init__(self):
        super().__init__()
        self.events = []

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Shortcut:
            self.events.append((obj, event.isAmbiguous()))
            return True
        return False


def window_shortcuts(w):
    return [(action, seq) for action in w.findChildren(QAction) for seq in action.shortcuts() if not seq.isEmpty()]


def test_no_key_is_bound_to_two_actions_or_twice_to_one(make_window):
    w = make_window()
    counts = Counter(seq.toString(QKeySequence.PortableText) for _, seq in window_shortcuts(w))
    assert [key for key, n in counts.items() if n > 1] == []


def test_every_shortcut_triggers_exactly_one_action(qtbot, make_window):
    w = make_window()
    w.controls.clear_action.trigger()
    w.controls.undo_action.trigger()  # something to redo: Redo's keys are checked too
    catcher = ShortcutCatcher()
    pairs = window_shortcuts(w)
    for action, _ in pairs:
        action.installEventFilter(catcher)
    w.boundary_view.setFocus()
    checked = 0
    for action, seq in pairs:
        if not action.isEnabled():
            continue
        catcher.events.clear()
        QTest.keySequence(w.boundary_view, seq)
        assert catcher.events == [(action, False)], f"{seq.toString()} ({action.text()}): {catcher.events}"
        checked += 1
    assert checked >= 10


def test_ctrl_shift_z_redoes(qtbot, make_window):
    w = make_window()
    assert w.document.dataset.n_samples > 0
    w.controls.clear_action.trigger()
    w.controls.undo_action.trigger()
    assert w.controls.redo_action.isEnabled()
    w.boundary_view.setFocus()
    QTest.keySequence(w.boundary_view, QKeySequence("Ctrl+Shift+Z"))
    assert not w.controls.redo_action.isEnabled()  # redone: nothing left to redo
    assert w.document.dataset.n_samples == 0
