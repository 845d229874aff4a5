"""The toolbar on the smallest screen (1024×700: the two moons, iris, the wine's three cultivars and the digits' ten
classes) and an ordinary one (1360×860, iris's three species): what a newcomer looks for (Play, Step, Reset, the
class buttons, Add, Erase and Probe) is on the toolbar itself, not behind its », also once the epoch counter has
grown to six digits, and with a desktop font 1.25 times larger (the tools, Probe too, and then Step and Reset shrink
to their icons); the class buttons say less where room is short, never alike. The pace box shows a short text; its
list and its tooltip the whole one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QToolButton

from gui.panels.training_panel import TrainingPanel
from gui.window import toolbar_room
from tests.gui.window.test_small_screens import settle


def _needed(w):
    c = w.controls
    tb = c.toolbar
    probe = next(a for a in tb.actions() if a.text() == "Probe")
    actions = [c.play_action, c.step_action, c.reset_action, c.add_tool_action, c.erase_tool_action, probe]
    actions += [a for a in c.class_button_actions if a.isVisible()]
    if c.class_menu_action.isVisible():  # the classes as one list (many classes)
        actions.append(c.class_menu_action)
    return {a.text() or _name(tb.widgetForAction(a)): tb.widgetForAction(a) for a in actions}


def _name(widget) -> str:
    return widget.text() if isinstance(widget, QToolButton) else widget.accessibleName()


@pytest.mark.fresh_profile  # the app's own pace, as a newcomer's first start has it
@pytest.mark.parametrize(
    ("size", "data", "first"),
    [
        ((1024, 700), "moons", "1"),
        ((1024, 700), "iris", "\u201csetosa\u201d"),
        ((1024, 700), "wine", "\u201ccultivar 1\u201d"),
        ((1024, 700), "digits", "\u201c0\u201d"),
        ((1360, 860), "iris", "\u201csetosa\u201d"),
    ],
    ids=["1024-moons", "1024-iris", "1024-wine", "1024-digits", "1360-iris"],
)
def test_a_newcomers_controls_are_on_the_toolbar_not_behind_its_overflow(make_window, qtbot, size, data, first):
    w = make_window(size=size)
    if data != "moons":
        generator = w.data_panel.generator
        generator.setCurrentIndex(generator.findData(data))
        w.data_panel.generate_button.click()
    qtbot.waitUntil(lambda: w.controls.class_buttons[0].accessibleName().startswith(f"Class {first} "), timeout=5000)
    w.controls.epoch_label.setText("123,456")  # a long run's counter, as wide as it gets
    settle(qtbot, w, size)
    tb = w.controls.toolbar
    extension = tb.findChild(QToolButton, "qt_toolbar_ext_button")
    room = extension.geometry().left() if extension.isVisible() else tb.contentsRect().right()
    needed = _needed(w)
    assert len(needed) == 6 + {"moons": 3, "digits": 1}.get(data, 4)  # the digits' ten classes: one list
    for name, widget in needed.items():
        assert widget.isVisible(), f"{name} is behind the toolbar's » at {size[0]} px"
        assert widget.geometry().right() <= room, f"{name} reaches under the » ({widget.geometry()})"
    shown = [b for b, a in zip(w.controls.class_buttons, w.controls.class_button_actions) if a.isVisible()]
    looks = [(b.text(), b.icon().cacheKey()) for b in shown]
    assert len(set(looks)) == len(looks), f"class buttons that read alike: {[b.text() for b in shown]}"
    if size[0] > 1024 and data == "iris":
        assert shown[0].text() == "setosa"  # room enough: the names
    if data == "digits":  # the tools keep their words beside the ten classes' list
        check_digits_class_menu(w, qtbot)


def check_digits_class_menu(w, qtbot) -> None:
    c = w.controls
    for action in c.tool_group.actions():  # Add, Erase, Probe
        tool = c.toolbar.widgetForAction(action)
        assert tool.toolButtonStyle() != Qt.ToolButtonStyle.ToolButtonIconOnly, f"{action.text()} lost its word"
    menu = c.class_menu
    assert [menu.itemText(i) for i in range(menu.count())] == [str(d) for d in range(10)]
    assert not any(a.isVisible() for a in c.class_button_actions)  # the list, not the buttons too
    menu.setCurrentIndex(7)
    menu.activated.emit(7)  # a person picks the digit 7
    assert c.current_class() == 7 and w.boundary_view.current_class() == 7
    c.class_actions[2].trigger()  # the key 3: the digit 2, shown in the list
    assert c.current_class() == 2 and menu.currentText() == "2"


def test_the_pace_box_is_narrow_and_its_list_and_tooltip_say_the_whole_pace(qtbot):
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    box = panel.pace
    box.setCurrentIndex(box.findData("watch"))
    assert box.shown_text() == "Watch"
    assert box.currentText().startswith("Watch (") and "Now: Watch (" in box.toolTip()
    whole = max(box.fontMetrics().horizontalAdvance(box.itemText(i)) for i in range(box.count()))
    assert box.sizeHint().width() < whole  # narrower than its longest whole text...
    for i in range(box.count()):  # ...yet wide enough for every short one
        short = box.itemData(i, Qt.ItemDataRole.UserRole + 1)
        assert box.fontMetrics().horizontalAdvance(short) < box.sizeHint().width() - 20, short
    box.setCurrentIndex(box.findData("max"))
    assert box.shown_text() == "Fastest" and "Now: As fast as possible." in box.toolTip()
    box.showPopup()
    view = box.view()
    assert view.width() >= view.sizeHintForColumn(0)  # the list shows its whole texts
    box.hidePopup()


@pytest.fixture
def larger_desktop_font():
    """The desktop's font 1.25 times the app's least (10 pt), as a person who reads better larger sets it; put back
    after the test."""
    app = QApplication.instance()
    kept = app.font()
    larger = QFont(kept)
    larger.setPointSizeF(max(10.0, kept.pointSizeF()) * 1.25)
    app.setFont(larger)
    yield
    app.setFont(kept)


@pytest.mark.parametrize("data", ["moons", "digits"])
def test_with_a_larger_font_at_1024_px_play_to_probe_are_on_the_toolbar(make_window, qtbot, larger_desktop_font, data):
    w = make_window(size=(1024, 700))
    assert w.controls.toolbar.font().pointSizeF() >= 12.5
    if data != "moons":
        generator = w.data_panel.generator
        generator.setCurrentIndex(generator.findData(data))
        w.data_panel.generate_button.click()
        qtbot.waitUntil(lambda: w.document.dataset.n_features == 64, timeout=10000)
    qtbot.wait(300)  # laid out (not settle: the status bar's readouts may make the window a little wider)
    w.resize(1024, 700)
    qtbot.waitUntil(lambda: w.controls.toolbar.width() <= w.width(), timeout=2000)
    tb = w.controls.toolbar
    extension = tb.findChild(QToolButton, "qt_toolbar_ext_button")
    room = extension.geometry().left() if extension.isVisible() else tb.contentsRect().right()
    room = min(room, 1024 - toolbar_room.EXTENSION_ROOM)  # on a 1024 px screen, whatever the window's width
    needed = _needed(w)
    for name, widget in needed.items():
        assert widget.isVisible(), f"{name} is behind the toolbar's » at 1024 px with a larger font"
        assert widget.geometry().right() <= room, f"{name} reaches under the » ({widget.geometry()})"
    probe = needed["Probe"]
    assert not probe.icon().isNull(), "Probe has no icon to shrink to"
    if probe.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:  # shrunk: its tooltip still says what it is
        assert probe.toolTip().startswith("Clicking the plot probes")
