"""Numbers typed into the settings are taken when the typing is done, and before anything that reads them runs.

A number field (a spin box, or an editable list such as the learning-rate box) takes what is typed when the
person presses Enter or leaves it, and at the press of anything else in the window or any shortcut: the Play
button, Step, a menu, Save, a click on the plot. So what the box shows is what trains, and a typed "16" is one
change to 16, never a change to 1 first (asked about, trained, put on the undo stack) while the "6" is on its
way. The arrow keys and the mouse wheel still change the value a step at a time, each step at once.

Why not take the value as it is typed, after a pause? Every number passes through others on its way ("30" through
"3", "16" through "1"), and a new number of neurons is a new network: a pause long enough never to catch one
half-typed would feel like lag on the other fields. Why not let the toolbar's buttons take the focus? They take
none so that Space and the other keys stay with the window's shortcuts, and a shortcut (Ctrl+S) would still skip
it; committing at the press and at the shortcut, in one place, is what a desktop form does before an action of its
window runs.

A text that is not a number the field takes ("", "1e", a rate above its maximum) is not applied: the field shows
its value again, as a spin box does when it loses the focus. Escape drops what was typed and shows the value in use
again, as Escape cancels an edit elsewhere; with nothing typed it does what it does in the window or the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget
from shiboken6 import isValid


def take_typed_numbers_when_done(root: QWidget) -> None:
    """The spin boxes in ``root`` (``root`` itself too) change their value when the typing is done (Enter, leaving
    the box, or ``CommitTypedNumbers`` at a press elsewhere), not at every key: their arrows and the wheel still
    change it a step at a time."""
    boxes = root.findChildren(QAbstractSpinBox)
    if isinstance(root, QAbstractSpinBox):
        boxes.append(root)
    for box in boxes:
        box.setKeyboardTracking(False)


def number_field(widget: QObject | None) -> QWidget | None:
    """The number field ``widget`` is or is part of (its line edit, its arrows): a spin box, or an editable list
    with ``interpretText`` as a spin box has (``gui.panels.form.RateBox``); None for anything else."""
    w = widget if isinstance(widget, QWidget) else None
    while w is not None:
        if isinstance(w, QAbstractSpinBox):
            return w
        if isinstance(w, QComboBox) and w.isEditable():
            return w if callable(getattr(w, "interpretText", None)) else None
        w = w.parentWidget()
    return None


def commit(field: QWidget) -> None:
    """Takes the number typed into ``field`` (its valueChanged follows when it differs), or shows its value
    again when the text is not one it takes."""
    field.interpretText()  # type: ignore[attr-defined]  # QAbstractSpinBox's, or RateBox's of the same meaning


def revert(field: QWidget) -> bool:
    """Shows the value ``field`` uses again, dropping what was typed; True when the text shown changed."""
    before = _text(field)
    if isinstance(field, QAbstractSpinBox):
        field.setValue(field.value())  # type: ignore[attr-defined]  # a spin box shows its value again at setValue
    else:
        field.revert()  # type: ignore[attr-defined]  # RateBox's
    return _text(field) != before


def _text(field: QWidget) -> str:
    return field.text() if isinstance(field, QAbstractSpinBox) else field.currentText()  # type: ignore[attr-defined]


def _is_escape(event: QEvent) -> bool:
    return (
        isinstance(event, QKeyEvent)
        and event.key() == Qt.Key.Key_Escape
        and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    )


def _within(widget: QWidget, ancestor: QWidget) -> bool:
    """``widget`` is ``ancestor`` or inside it, across windows too (a floating dock, a list's popup)."""
    w: QWidget | None = widget
    while w is not None:
        if w is ancestor:
            return True
        w = w.parentWidget()
    return False


class CommitTypedNumbers(QObject):
    """While a number field in ``window`` has the keyboard focus, a mouse press anywhere else (a toolbar button,
    which takes no focus, a menu, the plot) or a shortcut first takes the number typed into it (``commit``).

    It listens to the whole application only while such a field has the focus, so the rest of the time no event
    passes through Python here. The press or the shortcut then does what it does, with the number taken; only a
    press whose click ended in a question the change asked (a new network after long training) stops there.
    """

    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window
        self._field: QWidget | None = None
        self._committing = False
        self._released_meanwhile = False  # a mouse button released while committing (in a question's window)
        self._escape_taken = False  # an Escape that put a typed text back: its key press goes no further
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self._app = app
        app.focusChanged.connect(self._on_focus_changed)

    def field(self) -> QWidget | None:
        """The number field being watched (it has the focus), or None."""
        return self._field

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        field = number_field(new)
        if field is not None and not _within(field, self._window):
            field = None
        if field is self._field:
            return
        if self._field is None:
            self._app.installEventFilter(self)
        elif field is None:
            self._app.removeEventFilter(self)
        self._field = field

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self._committing:
            self._released_meanwhile |= kind == QEvent.Type.MouseButtonRelease
            return False
        field = self._field
        if field is None:
            return False
        if not isValid(field):  # deleted with the focus on it (a model's layer rows rebuilt)
            self._field = None
            self._app.removeEventFilter(self)
            return False
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and _is_escape(event):
            return self._escape(field, watched, event)
        pressed_elsewhere = (
            kind == QEvent.Type.MouseButtonPress and isinstance(watched, QWidget) and not _within(watched, field)
        )
        if not (pressed_elsewhere or kind == QEvent.Type.Shortcut):
            return False
        self._committing, self._released_meanwhile = True, False
        try:
            commit(field)
        finally:
            self._committing = False
        # The change asked a question first (a new network after long training): the click's release came while it
        # was open, so this press is over; passed on, it would leave the button held down.
        if pressed_elsewhere:
            assert isinstance(event, QMouseEvent)
            return self._released_meanwhile or not QGuiApplication.mouseButtons() & event.button()
        return False

    def _escape(self, field: QWidget, watched: QObject, event: QEvent) -> bool:
        """Escape in ``field``: what was typed gives way to the value in use, and the key goes no further (a
        second Escape closes the dialog, or goes back to the boundary); with nothing typed, it goes on as usual.
        Taken at the shortcut check, which comes first, so that a shortcut on Escape does not run."""
        if not isinstance(watched, QWidget) or not _within(watched, field):
            return False
        if isinstance(field, QComboBox) and field.view().isVisible():
            return False  # Escape closes the open list first
        if event.type() == QEvent.Type.KeyPress and self._escape_taken:
            self._escape_taken = False
            return True
        if not revert(field):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # overridden: no shortcut runs; the key press follows, and stops here
            self._escape_taken = True
        return True
