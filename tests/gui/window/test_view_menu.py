"""Each View menu item that shows a dock brings it to the front: shown into a group of tabs, a dock used to stay
behind the current tab, and nothing visible happened."""

from tests.gui.window.view_menu_docks import docks_shown_from_the_view_menu


def test_every_dock_of_the_view_menu_shows_in_front(qtbot, make_window):
    w = make_window(size=(1360, 860))
    for dock in docks_shown_from_the_view_menu(qtbot, w):
        qtbot.waitUntil(lambda d=dock: d.isVisible(), timeout=2000)
        assert not dock.visibleRegion().isEmpty(), f"{dock.windowTitle()} is shown but not in front"
