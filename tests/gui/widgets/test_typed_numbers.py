"""A number typed into a field is taken when the typing is done, and before a press elsewhere or a shortcut runs
anything: a toolbar button (which takes no focus) or a shortcut reads the number the field shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QToolButton, QVBoxLayout, QWidget

from gui.panels.form import RateBox
from gui.widgets.typed_numbers import CommitTypedNumbers, take_typed_numbers_when_done


class Form(QWidget):
    """A spin box and a rate box, a toolbar-like button and a shortcut that read them, as the window's Play does."""

    def __init__(self):
        super().__init__()
        layout = QVBoxLayout(self)
        self.spin = QSpinBox()
        self.spin.setRange(1, 256)
        self.spin.setValue(8)
        self.rate = RateBox((0.001, 0.01, 0.1), 0.01, minimum=1e-8, maximum=100.0)
        self.other = QLabel("elsewhere")
        self.action = QAction("Read", self)
        self.action.setShortcut(QKeySequence("Ctrl+K"))
        self.addAction(self.action)
        self.button = QToolButton()
        self.button.setDefaultAction(self.action)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # as a toolbar's buttons
        for w in (self.spin, self.rate, self.other, self.button):
            layout.addWidget(w)
        take_typed_numbers_when_done(self)
        self.read: list[tuple[int, float]] = []  # what the action read each time it ran
        self.action.triggered.connect(lambda: self.read.append((self.spin.value(), self.rate.value())))
        self.changes: list[int] = []
        self.spin.valueChanged.connect(self.changes.append)
        self.commit = CommitTypedNumbers(self)


@pytest.fixture
def form(qtbot):
    f = Form()
    qtbot.addWidget(f)
    f.show()
    qtbot.waitExposed(f)
    return f


def _type(qtbot, field, text: str) -> None:
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.lineEdit().selectAll()
    qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Backspace)
    qtbot.keyClicks(field.lineEdit(), text)
    assert field.lineEdit().text() == text


def test_a_number_typed_is_taken_once_when_done_not_digit_by_digit(qtbot, form):
    _type(qtbot, form.spin, "16")
    assert form.changes == [] and form.spin.value() == 8  # still typing
    qtbot.keyClick(form.spin, Qt.Key.Key_Return)
    assert form.changes == [16]


def test_the_arrow_keys_still_change_the_number_at_each_step(qtbot, form):
    form.spin.setFocus()
    qtbot.waitUntil(form.spin.hasFocus)
    qtbot.keyClick(form.spin, Qt.Key.Key_Up)
    qtbot.keyClick(form.spin, Qt.Key.Key_Up)
    assert form.changes == [9, 10]


def test_a_button_that_takes_no_focus_reads_the_number_typed(qtbot, form):
    _type(qtbot, form.spin, "16")
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert form.read == [(16, 0.01)] and form.changes == [16]
    assert form.spin.hasFocus()  # the button took no focus: typing goes on in the field


def test_a_rate_typed_is_read_by_the_button(qtbot, form):
    _type(qtbot, form.rate, "0.3")
    assert form.rate.value() == 0.01
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert form.read == [(8, 0.3)] and form.rate.currentText() == "0.3"


def test_a_shortcut_reads_the_number_typed(qtbot, form):
    _type(qtbot, form.spin, "32")
    qtbot.keyClick(form.spin, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert form.read == [(32, 0.01)]


@pytest.mark.parametrize("text", ["", "1e", "300"])
def test_a_rate_not_taken_is_shown_as_the_rate_used_again(qtbot, form, text):
    _type(qtbot, form.rate, text)
    assert form.rate.currentText() == text
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert form.read == [(8, 0.01)] and form.rate.currentText() == "0.01"


def test_a_rate_not_taken_is_shown_again_when_the_box_is_left(qtbot, form):
    _type(qtbot, form.rate, "1e")
    form.spin.setFocus()
    qtbot.waitUntil(form.spin.hasFocus)
    assert form.rate.currentText() == "0.01" and form.rate.value() == 0.01


def test_an_empty_spin_box_shows_its_number_again_at_the_press(qtbot, form):
    _type(qtbot, form.spin, "")
    assert form.spin.text() == ""
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert form.read == [(8, 0.01)] and form.spin.text() == "8" and form.changes == []


def test_a_press_elsewhere_takes_the_number_too(qtbot, form):
    _type(qtbot, form.spin, "5")
    qtbot.mouseClick(form.other, Qt.MouseButton.LeftButton)
    assert form.changes == [5]


def test_no_press_is_watched_once_the_field_has_no_focus(qtbot, form):
    _type(qtbot, form.spin, "5")
    assert form.commit.field() is form.spin
    form.setFocus()
    form.other.setFocus()
    qtbot.waitUntil(lambda: form.commit.field() is None)
    assert form.changes == [5]  # leaving the box took it, as Qt's own focus-out does


FINE = 0.0123456789  # more digits than a rate box shows ("0.0123457")


def _click_into(qtbot, field) -> None:
    qtbot.mouseClick(field.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(field.hasFocus)


def test_a_rate_box_clicked_into_and_not_typed_in_keeps_its_exact_rate(qtbot, form):
    form.rate.setValue(FINE)
    assert form.rate.currentText() == "0.0123457"
    seen = []
    form.rate.valueChanged.connect(seen.append)
    _click_into(qtbot, form.rate)
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(form.rate, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    form.spin.setFocus()  # and left
    qtbot.waitUntil(form.spin.hasFocus)
    assert form.read == [(8, FINE), (8, FINE)] and form.rate.value() == FINE and seen == []


def test_a_rate_typed_finer_than_shown_is_kept_whole_and_taken_once(qtbot, form):
    seen = []
    form.rate.valueChanged.connect(seen.append)
    _type(qtbot, form.rate, "0.0123456789")
    qtbot.keyClick(form.rate, Qt.Key.Key_Return)
    assert seen == [FINE] and form.rate.currentText() == "0.0123457"  # shown rounded, kept whole
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert form.read == [(8, FINE)] and seen == [FINE]


def test_a_rate_typed_as_shown_is_taken_as_typed(qtbot, form):
    form.rate.setValue(FINE)
    _type(qtbot, form.rate, "0.0123457")  # the person typed the shorter number: that is the one meant
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert form.read == [(8, 0.0123457)]


def test_escape_puts_back_the_number_in_use_and_the_next_press_changes_nothing(qtbot, form):
    _type(qtbot, form.spin, "16")
    qtbot.keyClick(form.spin.findChild(QLineEdit), Qt.Key.Key_Escape)
    assert form.spin.text() == "8"
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert form.read == [(8, 0.01)] and form.changes == []


def test_escape_puts_back_the_rate_in_use(qtbot, form):
    form.rate.setValue(FINE)
    _type(qtbot, form.rate, "0.3")
    qtbot.keyClick(form.rate.lineEdit(), Qt.Key.Key_Escape)
    assert form.rate.currentText() == "0.0123457"
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert form.read == [(8, FINE)]


def test_escape_cancels_the_typing_first_and_its_shortcut_runs_at_the_next_press(qtbot, form):
    backs = []
    back = QAction("Back", form)  # as the window's Escape back to the boundary
    back.setShortcut(QKeySequence(Qt.Key.Key_Escape))
    back.triggered.connect(lambda: backs.append(form.spin.text()))
    form.addAction(back)
    _type(qtbot, form.spin, "16")
    qtbot.keyClick(form.spin.findChild(QLineEdit), Qt.Key.Key_Escape)
    assert form.spin.text() == "8" and backs == []
    qtbot.keyClick(form.spin.findChild(QLineEdit), Qt.Key.Key_Escape)
    assert backs == ["8"] and form.changes == []
