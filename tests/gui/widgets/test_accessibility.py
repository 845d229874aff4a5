"""Every control a person can reach has a name a screen reader can say, and every action a status tip."""

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QHeaderView,
    QLineEdit,
    QScrollBar,
    QTabBar,
    QWidget,
)

from gui.widgets.accessibility import accessible_name, needs_name

CONTROLS = (QAbstractButton, QComboBox, QAbstractSpinBox, QAbstractSlider, QLineEdit, QTabBar, QAbstractItemView)


def is_part_of_another_control(widget) -> bool:
    """A spin box's or combo box's own editor, a table's header, a scroll area's bar: read with their owner."""
    owner = widget.parentWidget()
    return (
        isinstance(widget, (QScrollBar, QHeaderView))
        or (isinstance(widget, QLineEdit) and isinstance(owner, (QAbstractSpinBox, QComboBox)))
        or widget.objectName().startswith("qt_")
    )


def unnamed_controls(window) -> list[str]:
    return [
        f"{type(c).__name__} (tooltip {c.toolTip()[:40]!r}) reads as {accessible_name(c)!r}"
        for c in window.findChildren(QWidget)
        if isinstance(c, CONTROLS)
        and c.isVisible()
        and not is_part_of_another_control(c)
        and needs_name(accessible_name(c))
    ]


def test_names_are_names():
    assert needs_name("") and needs_name("−") and needs_name("✕") and needs_name("0") and needs_name("41×41")
    assert not needs_name("Class 1 (orange)") and not needs_name("x₁²")


def test_every_visible_control_has_a_name_with_every_dock_open_and_a_layer_added(make_window, qtbot):
    w = make_window()
    for dock in w.findChildren(QDockWidget):
        dock.show()
    w.model_panel.add_layer_button.click()
    qtbot.wait(50)
    controls = [c for c in w.findChildren(QWidget) if isinstance(c, CONTROLS) and c.isVisible()]
    assert len(controls) > 80  # the docks' controls are in, not only the side panels'
    assert unnamed_controls(w) == []
    names = {accessible_name(b) for b in w.controls.class_buttons if b.isVisible()}
    assert "Class 1 (orange)" in names
    rows = [accessible_name(c) for c in w.findChildren(QAbstractButton) if c.objectName() == "removeLayer"]
    assert sorted(rows) == [f"Remove layer {k}" for k in range(1, len(rows) + 1)] and len(rows) >= 3


def test_every_action_of_the_window_has_a_status_tip(make_window):
    """The status bar says what every menu item, toolbar action and shortcut does while it is highlighted."""
    w = make_window()
    actions = [a for a in w.findChildren(QAction) if a.text() and not a.isSeparator() and a.menu() is None]
    assert len(actions) > 60
    assert [a.text() for a in actions if not a.statusTip()] == []
    assert "class 3" in w.controls.class_actions[2].statusTip()


def test_every_action_with_a_tooltip_has_a_status_tip(make_window):
    w = make_window()
    actions = [
        a
        for a in w.findChildren(QAction)
        if a.toolTip().replace("&", "").rstrip("….") != a.text().replace("&", "").rstrip("….")
    ]
    assert len(actions) > 30
    assert [a.text() for a in actions if not a.statusTip()] == []
    assert w.controls.play_action.statusTip() == w.controls.play_action.toolTip()
