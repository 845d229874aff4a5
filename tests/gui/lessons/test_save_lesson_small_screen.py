"""File ▸ Save as lesson… on a 1024×700 screen: the dialog opens inside the screen, the text box shows a paragraph,
and every row of the goal and of "What students may change" is as tall as its check box and its words (the dialog
was taller than the screen; the window manager cut it to 646 px and the rows were squeezed: check boxes cut in half,
"editing" and "layers" without their descenders). What does not fit scrolls."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QComboBox, QLabel, QLineEdit

from gui.widgets.screen_fit import FRAME_PX

SCREEN = QRect(0, 0, 1024, 700)


def _open_dialog(w, qtbot):
    dialog = w.lesson_actions.show_save_dialog()
    qtbot.waitExposed(dialog)
    opened = dialog.size()
    # what a window manager does with a window taller than the screen: it cuts it to the screen's height
    dialog.resize(dialog.width(), min(dialog.height(), SCREEN.height() - FRAME_PX))
    qtbot.wait(50)
    return dialog, opened


def _whole(part) -> bool:
    """As tall as it asks to be (a check box, a field, a label's line with its descenders)."""
    if isinstance(part, QLabel) and part.wordWrap():
        return part.height() >= part.heightForWidth(part.width())
    return part.height() >= part.sizeHint().height()


def test_the_save_lesson_dialog_is_readable_on_a_1024x700_screen(make_window, qtbot, monkeypatch):
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(SCREEN))
    w = make_window(size=(1024, 700))
    dialog, opened = _open_dialog(w, qtbot)
    dialog.goal_box.setChecked(True)
    qtbot.wait(50)

    assert opened.width() <= SCREEN.width() and opened.height() + FRAME_PX <= SCREEN.height(), "past the screen"
    lines = dialog.text.fontMetrics().lineSpacing()
    assert dialog.text.viewport().height() >= 6 * lines, "the text box shows less than a paragraph"

    parts = [
        p
        for kind in (QCheckBox, QLabel, QComboBox, QAbstractSpinBox, QLineEdit)
        for p in dialog.findChildren(kind)
        if p.isVisible() and not isinstance(p.parent(), QAbstractSpinBox | QComboBox)  # not a field's own editor
    ]
    assert len(dialog.lock_boxes) + len(dialog.hide_boxes) <= sum(isinstance(p, QCheckBox) for p in parts)
    squeezed = [(type(p).__name__, getattr(p, "text", lambda: "")()) for p in parts if not _whole(p)]
    assert squeezed == []
    # each row can be scrolled into sight, whole
    settings = dialog.settings_scroll
    viewport = settings.viewport()
    for box in (*dialog.lock_boxes.values(), *dialog.hide_boxes.values(), dialog.hint):
        settings.ensureWidgetVisible(box)
        where = QRect(box.mapTo(viewport, QPoint(0, 0)), box.size())
        assert QRect(QPoint(0, 0), viewport.size()).contains(where), box.accessibleName()
    dialog.reject()


def test_the_dialog_shows_all_of_it_where_the_screen_has_room(make_window, qtbot):
    w = make_window()
    dialog = w.lesson_actions.show_save_dialog()
    qtbot.waitExposed(dialog)
    # the goal and the controls do not scroll unless the screen is too short for them
    room = w.screen().availableGeometry().height() - FRAME_PX
    assert not dialog.settings_scroll.verticalScrollBar().isVisible() or dialog.height() >= room
    dialog.reject()
