"""The docks of the View menu, each shown by its menu item as a person would: hidden first if it is shown."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QDockWidget


def docks_shown_from_the_view_menu(qtbot, w) -> Iterator[QDockWidget]:
    """Each dock the View menu of window ``w`` has an item for (at least six), yielded once that item was
    triggered to show it; the test waits for what it expects of the dock."""
    toggles = {d.toggleViewAction(): d for d in w.findChildren(QDockWidget)}
    items = [a for a in w.menus.view.actions() if a in toggles]
    assert len(items) >= 6
    for action in items:
        dock = toggles[action]
        if action.isChecked():
            action.trigger()  # hide it first: the menu item then shows it
            qtbot.waitUntil(lambda d=dock: not d.isVisible(), timeout=2000)
        action.trigger()
        yield dock
