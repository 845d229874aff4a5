"""The toolbar's class buttons are named as the data names its classes (iris's species, the digits "0".."9"),
numbers where it gives none; a long name is elided on the button and whole in its tooltip; the keys stay 1..9, 0."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QCheckBox, QWidget

from gui.panels.data_panel import DEFAULTS, build_dataset
from gui.plot.boundary_view import BoundaryView
from gui.window.controls import CLASS_NAME_WIDTH, Controls
from model.data.dataset import Dataset


def _controls(qtbot) -> Controls:
    window, box, plot = QWidget(), QCheckBox(), BoundaryView()
    for widget in (window, box, plot):
        qtbot.addWidget(widget)
    controls = Controls(window, QUndoStack(), plot, box, parent=window)
    controls.keep_alive = window  # pytest-qt holds widgets weakly
    return controls


def _shown(controls: Controls) -> list[str]:
    return [b.text() for b, a in zip(controls.class_buttons, controls.class_button_actions) if a.isVisible()]


def test_iris_buttons_read_the_species_and_the_digits_theirs(qtbot):
    controls = _controls(qtbot)
    controls.update_classes(build_dataset({**DEFAULTS, "name": "iris"}))
    shown = _shown(controls)
    assert shown[0] == "setosa" and shown[3] == "4"  # a short name whole, and one more button for a new class
    for text, name in zip(shown[1:3], ("versicolor", "virginica")):
        assert text == name or (text.endswith("\u2026") and name.startswith(text[:-1]) and len(text) > 4), text
    assert "\u201cversicolor\u201d" in controls.class_buttons[1].toolTip()
    assert controls.class_buttons[0].accessibleName() == "Class \u201csetosa\u201d (orange)"

    controls.update_classes(build_dataset({**DEFAULTS, "name": "digits"}))
    assert _shown(controls) == [str(d) for d in range(10)]
    controls.class_actions[0].trigger()  # the key "1", as README's key list says: the first class, the digit 0
    assert controls.class_actions[0].shortcut().toString() == "1" and controls.current_class() == 0
    assert controls.class_buttons[0].isChecked() and "key 1" in controls.class_buttons[0].toolTip()
    assert controls.class_actions[9].shortcut().toString() == "0"

    controls.update_classes(build_dataset({**DEFAULTS, "name": "moons"}))
    assert _shown(controls) == ["1", "2", "3"]  # no names of their own: numbers
    assert controls.class_buttons[1].accessibleName() == "Class 2 (sky blue)"


def test_a_long_class_name_is_elided_on_its_button_and_whole_in_its_tooltip(qtbot):
    controls = _controls(qtbot)
    name = "Iris versicolor from the Gaspé peninsula"
    ds = Dataset.from_arrays(np.zeros((2, 2)), np.array([0, 1]), class_names=["short", name])
    controls.update_classes(ds)
    button = controls.class_buttons[1]
    assert button.text().endswith("\u2026") and name.startswith(button.text()[:-1])
    assert button.fontMetrics().horizontalAdvance(button.text()) <= CLASS_NAME_WIDTH + 8  # the bold face may be wider
    assert name in button.toolTip()
