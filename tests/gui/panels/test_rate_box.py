"""The learning-rate box steps from the value it shows: after a value set from outside (an undo, a lesson) or
typed in, the arrow keys go to the presets beside that value, not beside a preset picked earlier."""

from PySide6.QtCore import Qt

from gui.panels.form import RateBox

PRESETS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)


def _box(qtbot) -> RateBox:
    box = RateBox(PRESETS, 0.01)
    qtbot.addWidget(box)
    return box


def test_the_arrows_step_from_a_value_set_from_outside(qtbot):
    box = _box(qtbot)
    box.setCurrentIndex(PRESETS.index(0.3))  # the person picked 0.3...
    box.activated.emit(PRESETS.index(0.3))
    assert box.value() == 0.3
    box.setValue(0.01)  # ...and an undo put 0.01 back
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.value() == 0.03 and box.currentText() == "0.03"  # the preset after 0.01, not after 0.3
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.value() == 0.01


def test_a_value_between_presets_steps_from_the_nearest(qtbot):
    box = _box(qtbot)
    box.setValue(0.025)  # typed, or from a file
    assert box.currentText() == "0.025" and box.value() == 0.025
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.value() == 0.1  # 0.03 is the nearest preset; the next one down the list is 0.1


def test_zero_is_shown_beside_a_zero_preset(qtbot):
    box = RateBox((0.0, 1e-4, 1e-3), 1e-3)
    qtbot.addWidget(box)
    box.setValue(0.0)
    assert box.currentIndex() == 0 and box.value() == 0.0
