"""The rate box steps like a spin box: Up (the arrow key, the wheel turned up) to the next larger preset, Down to
the next smaller one, stopping at the last preset; it steps from the value it shows, also one set from outside (an
undo, a lesson) or typed in, not from a preset picked earlier."""

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from gui.panels.form import RateBox

PRESETS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)


def _box(qtbot, value=0.01) -> RateBox:
    box = RateBox(PRESETS, value)
    qtbot.addWidget(box)
    box.show()
    box.setFocus()
    return box


def wheel(widget, delta_y: int) -> None:
    """The wheel turned by ``delta_y`` eighths of a degree (120: one notch up) over the middle of ``widget``."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, delta_y),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_up_makes_the_rate_larger_and_down_smaller_stopping_at_the_ends(qtbot):
    box = _box(qtbot)
    seen = []
    box.valueChanged.connect(seen.append)
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.value() == 0.03 and box.currentText() == "0.03"
    for _ in range(5):
        qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.value() == 1.0 and box.currentText() == "1"  # the largest preset: Up stays there
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.value() == 0.3
    for _ in range(8):
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.value() == 0.001 and box.currentText() == "0.001"
    assert seen == [0.03, 0.1, 0.3, 1.0, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001]  # no change at the ends


def test_page_up_and_down_step_ten_presets_as_in_a_spin_box(qtbot):
    box = _box(qtbot)
    qtbot.keyClick(box, Qt.Key.Key_PageUp)
    assert box.value() == 1.0
    qtbot.keyClick(box, Qt.Key.Key_PageDown)
    assert box.value() == 0.001


def test_the_wheel_turned_up_makes_the_rate_larger(qtbot):
    box = _box(qtbot)
    wheel(box, 120)
    assert box.value() == 0.03 and box.currentText() == "0.03"
    wheel(box, -120)
    wheel(box, -120)
    assert box.value() == 0.003
    for _ in range(3):  # a touchpad's small turns: a step once they make a notch
        wheel(box, 40)
    assert box.value() == 0.01
    wheel(box, 40)
    assert box.value() == 0.01


def test_the_arrows_step_from_a_value_set_from_outside(qtbot):
    box = _box(qtbot)
    box.setCurrentIndex(PRESETS.index(0.3))  # the person picked 0.3...
    box.activated.emit(PRESETS.index(0.3))
    assert box.value() == 0.3
    box.setValue(0.01)  # ...and an undo put 0.01 back
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.value() == 0.03 and box.currentText() == "0.03"  # the preset above 0.01, not above 0.3
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.value() == 0.01


def test_a_value_between_presets_steps_to_the_presets_beside_it(qtbot):
    box = _box(qtbot)
    box.setValue(0.025)  # typed, or from a file
    assert box.currentText() == "0.025" and box.value() == 0.025
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.value() == 0.01  # the next smaller preset, though 0.03 is the nearest
    box.setValue(0.025)
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.value() == 0.03


def test_a_value_typed_and_not_yet_confirmed_is_stepped_from(qtbot):
    box = _box(qtbot)
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "0.05")
    assert box.value() == 0.01  # not confirmed yet
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.value() == 0.1 and box.currentText() == "0.1"


def test_a_step_is_told_from_a_pick(qtbot):
    box = _box(qtbot)
    stepping = []
    box.valueChanged.connect(lambda _v: stepping.append(box.stepping()))
    qtbot.keyClick(box, Qt.Key.Key_Up)
    box.setCurrentIndex(PRESETS.index(0.3))
    box.activated.emit(PRESETS.index(0.3))  # a pick in the list
    assert stepping == [True, False] and not box.stepping()


def test_zero_is_shown_beside_a_zero_preset(qtbot):
    box = RateBox((0.0, 1e-4, 1e-3), 1e-3)
    qtbot.addWidget(box)
    box.setValue(0.0)
    assert box.currentIndex() == 0 and box.value() == 0.0
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.value() == 1e-4
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.value() == 0.0


def test_a_number_typed_is_not_completed_to_a_preset(qtbot):
    box = RateBox((1e-5, 0.001, 0.01, 1.0), 0.01)  # "1e-05" comes first in the list and starts with "1"
    qtbot.addWidget(box)
    box.show()
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "1")
    assert box.currentText() == "1"
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.value() == 1.0


def test_enter_on_a_text_that_is_no_rate_shows_the_rate_again(qtbot):
    box = _box(qtbot)
    seen = []
    box.valueChanged.connect(seen.append)
    for text in ("1e", "5000"):  # half a number, above the largest rate
        box.lineEdit().selectAll()
        qtbot.keyClicks(box, text)
        assert box.currentText() == text
        qtbot.keyClick(box, Qt.Key.Key_Return)
        assert box.currentText() == "0.01" and box.value() == 0.01
    assert seen == []
