"""The toolbar's class buttons are named as the data names its classes (iris's species, the digits "0".."9"),
numbers where it gives none; a long name is elided on the button and whole in its tooltip; the keys stay 1..9, 0.
Names that would read alike elided (the wine's "cultivar 1".."3") and a toolbar short of room give way to the
classes' numbers, on the markers themselves where room is shortest; the button past the data's classes says that it
adds a new class: it reads "+", never a number beside the data's own classes, beside an empty place for the class
rather than its marker."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QUndoStack
from PySide6.QtWidgets import QCheckBox, QToolButton, QWidget

from gui.panels.data_panel import DEFAULTS, build_dataset
from gui.plot.boundary_view import BoundaryView
from gui.window import toolbar_room
from gui.window.controls import CLASS_NAME_WIDTH, Controls
from model.data.dataset import Dataset


def _controls(qtbot, width: int = 1600) -> Controls:
    """Controls whose toolbar is shown ``width`` px wide."""
    window, box, plot = QWidget(), QCheckBox(), BoundaryView()
    for widget in (window, box, plot):
        qtbot.addWidget(widget)
    controls = Controls(window, QUndoStack(), plot, box, parent=window)
    controls.keep_alive = window  # pytest-qt holds widgets weakly
    qtbot.addWidget(controls.toolbar)
    controls.toolbar.resize(width, 48)
    controls.toolbar.show()
    qtbot.waitExposed(controls.toolbar)
    return controls


def _shown(controls: Controls) -> list[str]:
    return [b.text() for b, a in zip(controls.class_buttons, controls.class_button_actions) if a.isVisible()]


def test_iris_buttons_read_the_species_and_the_digits_theirs(qtbot):
    controls = _controls(qtbot)
    controls.update_classes(build_dataset({**DEFAULTS, "name": "iris"}))
    shown = _shown(controls)
    assert shown[0] == "setosa" and shown[3] == "+"  # a short name whole, and one more button for a new class
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
    assert _shown(controls) == ["1", "2", "+"]  # no names of their own: numbers
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


def _icon_only(controls: Controls, k: int) -> bool:
    return controls.class_buttons[k].toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly


def test_names_that_would_read_alike_give_way_to_numbers_and_the_new_class_button_says_what_it_does(qtbot):
    controls = _controls(qtbot)
    names = [f"cultivar of the north-east {k}" for k in range(1, 4)]  # each elided to "cultivar o…"
    controls.update_classes(Dataset.from_arrays(np.zeros((3, 2)), np.array([0, 1, 2]), class_names=names))
    assert _shown(controls) == ["1", "2", "3", "+"]
    for k in range(3):
        assert f"\u201c{names[k]}\u201d" in controls.class_buttons[k].toolTip()
        assert controls.class_buttons[k].accessibleName().startswith(f"Class \u201c{names[k]}\u201d")
    controls.update_classes(build_dataset({**DEFAULTS, "name": "wine"}))  # "cultivar 1".."3": never alike
    assert len(set(_shown(controls))) == 4, _shown(controls)
    new = controls.class_buttons[3]
    assert new.toolTip().startswith("Adds a new class") and "key 4" in new.toolTip()
    assert new.accessibleName() == "New class 4 (yellow)"
    assert not any(b.toolTip().startswith("Adds") for b in controls.class_buttons[:3])

    controls.update_classes(build_dataset({**DEFAULTS, "name": "moons"}))
    assert controls.class_buttons[2].accessibleName() == "New class 3 (bluish green)"
    assert controls.class_buttons[1].toolTip() == "New points get class 2 (sky blue); key 2."


def test_a_toolbar_short_of_room_shows_the_classes_numbers_on_their_markers(qtbot):
    controls = _controls(qtbot, width=1600)
    iris = build_dataset({**DEFAULTS, "name": "iris"})
    controls.update_classes(iris)
    assert controls.class_look == "names" and _shown(controls)[0] == "setosa"
    wide = [controls.class_buttons[k].sizeHint().width() for k in range(4)]

    controls.toolbar.resize(560, 48)  # the class buttons with their names, Add and Erase need more
    qtbot.waitUntil(lambda: controls.class_look != "names", timeout=2000)
    assert _shown(controls) == ["1", "2", "3", "+"]
    assert all(controls.class_buttons[k].sizeHint().width() < wide[k] for k in range(4))

    controls.toolbar.resize(380, 48)
    qtbot.waitUntil(lambda: controls.class_look.startswith("badges"), timeout=2000)
    assert all(_icon_only(controls, k) for k in range(4))
    icons = {controls.class_buttons[k].icon().cacheKey() for k in range(4)}
    assert len(icons) == 4  # each marker with its own number on it
    assert "\u201cversicolor\u201d" in controls.class_buttons[1].toolTip()  # the whole name still, in the tooltip

    controls.toolbar.resize(1600, 48)  # room again: the names again
    qtbot.waitUntil(lambda: controls.class_look == "names", timeout=2000)
    assert _shown(controls)[0] == "setosa" and not _icon_only(controls, 0)
    erase = controls.toolbar.widgetForAction(controls.erase_tool_action)
    assert isinstance(erase, QToolButton) and erase.toolButtonStyle() != Qt.ToolButtonStyle.ToolButtonIconOnly


@pytest.mark.parametrize(("width", "look"), [(1600, "names"), (380, "badges")])
def test_a_three_class_data_set_shows_its_three_classes_and_a_plus_that_adds_one(qtbot, width, look):
    controls = _controls(qtbot, width=width)
    iris = build_dataset({**DEFAULTS, "name": "iris"})  # names that stay apart elided, in any font
    controls.update_classes(iris)
    qtbot.waitUntil(lambda: controls.class_look.startswith(look), timeout=2000)
    shown = _shown(controls)
    assert len(shown) == 4 and shown[3] == "+", f"the iris's 3 classes show as {shown}"
    assert "+" not in shown[:3] and "4" not in shown, shown  # no 4th class that the data does not have
    plus = controls.class_buttons[3]
    assert plus.toolTip().startswith("Adds a new class"), plus.toolTip()
    assert plus.accessibleName().startswith("New class 4")
    if look == "badges":  # the marker says "+" on it: not the 4th class's number, not the 3rd's marker
        assert _icon_only(controls, 3)
        assert plus.icon().cacheKey() != toolbar_room.badge_icon(3, "4").cacheKey()
    controls.update_classes(Dataset.from_arrays(np.zeros((4, 2)), np.array([0, 1, 2, 3])))  # a point of class 4
    assert _shown(controls) == ["1", "2", "3", "4", "+"]


def _icon_alpha(button: QToolButton) -> np.ndarray:
    """The alpha of the button's icon as drawn, 18 x 18: where it has ink."""
    image = button.icon().pixmap(QSize(18, 18)).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    image = image.scaled(18, 18)
    raw = np.frombuffer(image.constBits(), np.uint8, count=image.height() * image.bytesPerLine())
    return raw.reshape(image.height(), image.bytesPerLine())[:, : 4 * image.width()].reshape(18, 18, 4)[..., 3]


def test_the_button_that_adds_a_fifth_class_is_not_its_plus_marker_beside_a_plus(qtbot):
    """With 4 classes the button that adds the fifth read "✚ +": the fifth class's marker is a plus. It now shows
    the new class's place, an empty circle in its colour, beside the "+": nothing drawn at its middle, where the
    marker's arms cross; the classes the data have keep their markers."""
    controls = _controls(qtbot)
    controls.update_classes(Dataset.from_arrays(np.zeros((4, 2)), np.array([0, 1, 2, 3])))
    assert _shown(controls) == ["1", "2", "3", "4", "+"]
    adds, fourth = controls.class_buttons[4], controls.class_buttons[3]
    middle = (slice(7, 11), slice(7, 11))
    assert _icon_alpha(adds)[middle].max() < 40  # empty in the middle
    assert _icon_alpha(adds).astype(int).sum() > 3000  # but drawn: a ring of the class's colour
    assert _icon_alpha(fourth)[middle].min() > 200  # a class the data have: its filled marker
    controls.update_classes(Dataset.from_arrays(np.zeros((5, 2)), np.arange(5)))  # a point of class 5 added
    assert _shown(controls) == ["1", "2", "3", "4", "5", "+"]
    assert _icon_alpha(controls.class_buttons[4])[middle].min() > 200  # now class 5's own plus marker
