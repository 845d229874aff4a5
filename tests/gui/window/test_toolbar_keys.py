"""The toolbar from the keyboard: Tab from the plot reaches Play (after the settings), then Step, the pace, Reset,
the class and the tools in the toolbar's order; the button Tab reached wears a frame in the accent colour; Space on
Play starts training (not the window's Space shortcut: Space on Step trains one epoch, it does not play), Enter
presses too; Space or Enter on a class button picks the class, Space on the pace list opens it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.widgets import theme
from tests.gui.pixels import distance, hex_rgb, rgb


def _focused():
    return QApplication.focusWidget()


def test_tab_from_the_plot_reaches_play_and_the_keys_press_the_buttons(make_window, qtbot):
    w = make_window(size=(1024, 700))
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    c = w.controls
    qtbot.waitUntil(lambda: w.controller.latest_snapshot is not None, timeout=8000)
    play, step = c.play_button, c.toolbar.widgetForAction(c.step_action)
    unfocused = rgb(play.grab())
    # from the plot through the settings (tests/gui/test_keyboard.py) to Play, then along the toolbar
    w.boundary_view.setFocus()
    qtbot.waitUntil(w.boundary_view.hasFocus)
    for _ in range(80):
        qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
        if _focused() is play:
            break
    assert _focused() is play
    stops = [play]
    for _ in range(7):
        qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
        stops.append(_focused())
    expected = [play, step, w.training_panel.pace, c.toolbar.widgetForAction(c.reset_action)]
    assert stops[:4] == expected
    assert stops[4] is c.class_buttons[0]
    tools = [c.toolbar.widgetForAction(a) for a in (c.add_tool_action, c.erase_tool_action)]
    assert stops[5:7] == tools and stops[7] is c.toolbar.widgetForAction(w.inside_views.probe_tool_action)

    # a frame in the accent colour round the focused button, none without the focus
    play.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(play.hasFocus)
    accent = hex_rgb(theme.current().qss["primary"])
    framed = rgb(play.grab())
    assert (distance(framed, accent) < 40).mean() > 0.05
    assert (distance(unfocused, accent) < 40).mean() < 0.01

    # Space on Step trains one epoch and leaves training paused; Enter on it another
    step.setFocus(Qt.FocusReason.TabFocusReason)
    epoch = w.controller.latest_snapshot.epoch
    qtbot.keyClick(step, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch == epoch + 1, timeout=8000)
    assert not w.controller.running
    qtbot.keyClick(step, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch == epoch + 2, timeout=8000)
    assert not w.controller.running

    # Space on Play starts training
    play.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(play, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: w.controller.running, timeout=8000)
    qtbot.keyClick(play, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not w.controller.running, timeout=8000)

    # Space and Enter on a class button pick that class (they do not play); Space on the pace list opens it
    second = c.class_buttons[1]
    second.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(second, Qt.Key.Key_Space)
    assert second.isChecked() and not c.class_buttons[0].isChecked()
    c.class_buttons[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(c.class_buttons[0], Qt.Key.Key_Return)
    assert c.class_buttons[0].isChecked() and not second.isChecked()
    pace = w.training_panel.pace
    pace.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(pace, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: pace.view().isVisible(), timeout=3000)
    qtbot.keyClick(pace.view(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not pace.view().isVisible(), timeout=3000)
    assert not w.controller.running
