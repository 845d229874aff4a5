"""The window from the keyboard: Tab goes from the plot through the settings in their order, then the toolbar's
buttons, then on; the plot's
tools, the classes and training have keys, and the keys work while the plot has the focus."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from gui.window.focus_chain import takes_tab


def panel_of(window, widget) -> str | None:
    for name, panel in (
        ("data", window.data_panel),
        ("model", window.model_panel),
        ("training", window.training_panel),
        ("curves", window.curves_view),
    ):
        if panel.isAncestorOf(widget):
            return name
    return None


def tab_from_the_plot(window, qtbot, presses: int) -> list:
    window.boundary_view.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.boundary_view, timeout=3000)
    visited = []
    for _ in range(presses):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    return visited


def test_tab_from_the_plot_goes_through_data_model_training_the_toolbar_then_the_curves(make_window, qtbot):
    w = make_window()
    w.model_panel.add_layer_button.click()  # a row added after the window was built keeps its place too
    qtbot.waitUntil(lambda: w.model_panel._rows[-1][1].isVisible(), timeout=3000)
    settings = {"data", "model", "training"}
    controls = {
        c
        for p in (w.data_panel, w.model_panel, w.training_panel)
        for c in p.findChildren(QWidget)
        if takes_tab(c) and c.isVisible() and c.isEnabled()
    }
    visited = tab_from_the_plot(w, qtbot, len(controls) + 1)
    assert visited[0] is w.data_panel.generator  # the data panel's first control
    panels = [panel_of(w, c) for c in visited]
    in_settings = panels[: len(controls)]
    assert in_settings == sorted(in_settings, key=["data", "model", "training"].index)  # never back
    assert set(in_settings) == settings
    assert set(visited[: len(controls)]) == controls  # every control of the settings, each once
    toolbar = w.controls.toolbar_keys.stops()
    assert visited[len(controls)] is w.controls.play_button  # then the toolbar: Play first
    extra = tab_from_the_plot(w, qtbot, len(controls) + len(toolbar) + 1)[len(controls) :]
    on_toolbar = next(i for i, c in enumerate(extra) if c not in toolbar)
    assert extra[:4] == toolbar[:4] and on_toolbar >= 7  # Play, Step, the pace, Reset, ... the tools
    assert panel_of(w, extra[on_toolbar]) == "curves"  # then on to the curves under the plot
    model = [c for c in visited if panel_of(w, c) == "model"]
    rows = [(spin, act, remove) for _label, spin, act, remove in w.model_panel._rows]
    assert len(rows) == 3
    expected = [w.model_panel.kind] + [c for row in rows for c in row] + [w.model_panel.add_layer_button]
    assert model[: len(expected)] == expected  # the layer rows in their order, then Add layer


def test_the_plots_tools_classes_and_training_have_keys_that_work_on_the_plot(make_window, qtbot):
    w = make_window()
    c = w.controls
    keys = {
        "erase": c.toggle_tool_action,
        "probe": w.inside_views.probe_tool_action,
        "play": c.play_action,
        "step": c.step_action,
        "reset": c.reset_action,
    }
    assert all(not a.shortcut().isEmpty() for a in keys.values())
    # 1..9, and 0 for the tenth class (the digits have ten)
    assert [a.shortcut().toString() for a in c.class_actions] == [str(k % 10) for k in range(1, 11)]
    w.boundary_view.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.boundary_view, timeout=3000)
    assert c.add_tool_action.isChecked()
    qtbot.keyClick(w.boundary_view, Qt.Key.Key_E)
    assert c.erase_tool_action.isChecked()
    qtbot.keyClick(w.boundary_view, Qt.Key.Key_E)
    assert c.add_tool_action.isChecked()
    qtbot.keyClick(w.boundary_view, Qt.Key.Key_P)
    assert w.inside_views.probe_tool_action.isChecked()
    assert not c.add_tool_action.isChecked() and not c.erase_tool_action.isChecked()  # one tool at a time
    qtbot.keyClick(w.boundary_view, Qt.Key.Key_E)  # back to editing the points
    assert not w.inside_views.probe_tool_action.isChecked()
    assert c.add_tool_action.isChecked() or c.erase_tool_action.isChecked()
    before = w.controller.latest_snapshot.epoch
    qtbot.keyClick(w.boundary_view, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch > before, timeout=10000)
