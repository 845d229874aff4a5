"""Each View menu item that shows a dock brings it to the front: shown into a group of tabs, a dock used to stay
behind the current tab, and nothing visible happened."""

from PySide6.QtWidgets import QDockWidget


def test_every_dock_of_the_view_menu_shows_in_front(qtbot, make_window):
    w = make_window(size=(1360, 860))
    toggles = {d.toggleViewAction(): d for d in w.findChildren(QDockWidget)}
    items = [a for a in w.menus.view.actions() if a in toggles]
    assert len(items) >= 6
    for action in items:
        dock = toggles[action]
        if action.isChecked():
            action.trigger()  # hide it first: the menu item then shows it
            qtbot.waitUntil(lambda d=dock: not d.isVisible(), timeout=2000)
        action.trigger()
        qtbot.waitUntil(lambda d=dock: d.isVisible(), timeout=2000)
        assert not dock.visibleRegion().isEmpty(), f"{dock.windowTitle()} is shown but not in front"
