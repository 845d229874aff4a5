"""The layout remembered for the next start is the person's: docks that became tabs only to fit a small screen (large
fonts on 1024×700) come back beside the plot at the next start with room (a dock the person moved stays moved:
``test_window_fit``); View ▸ Reset layout puts every dock back where a new window has it."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QDockWidget

#: a 1024×700 screen at 150 % as the window's layout counts it (``QT_SCALE_FACTOR=1.5``: 683×467 of its pixels)
SMALL = QRect(0, 0, 683, 467)
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea


def _network_beside_the_plot(w) -> bool:
    network = w.inside_views.docks["diagram"]
    return (
        w.dockWidgetArea(network) == RIGHT
        and not network.isFloating()
        and w.panel_dock not in w.tabifiedDockWidgets(network)
        and not network.visibleRegion().isEmpty()
    )


def _close(w) -> None:
    w.file_actions.sessions.confirm_discard = lambda reason: "discard"
    w.close()


def _places(w, leaving_out: str = "") -> dict:
    """Each dock's area, floating or not, open or not, and the docks it shares tabs with (but ``leaving_out``)."""
    return {
        d.objectName(): (
            w.dockWidgetArea(d),
            d.isFloating(),
            d.isHidden(),
            sorted(t.objectName() for t in w.tabifiedDockWidgets(d) if t.objectName() != leaving_out),
        )
        for d in w.findChildren(QDockWidget)
        if d.objectName() != leaving_out
    }


def test_docks_made_tabs_for_a_small_screen_come_back_beside_the_plot_at_the_next_start(
    make_window, qtbot, monkeypatch
):
    with monkeypatch.context() as small_screen:
        small_screen.setattr(QScreen, "availableGeometry", lambda _screen: QRect(SMALL))
        small = make_window(size=None)
        network = small.inside_views.docks["diagram"]
        assert small.panel_dock in small.tabifiedDockWidgets(network)  # the columns do not fit side by side
        _close(small)
    again = make_window(size=None)  # a start at normal fonts on the tests' 1920×1080 screen
    assert _network_beside_the_plot(again)


def test_reset_layout_puts_every_dock_back_where_a_new_window_has_it(make_window, qtbot):
    w = make_window(size=None)
    fresh = _places(w)
    sizes = w.splitter.sizes()
    network = w.inside_views.docks["diagram"]
    w.tabifyDockWidget(w.panel_dock, network)
    w.inside_views.docks["probe"].show()  # a view opened: it stays open
    w.inside_views.docks["probe"].setFloating(True)
    w.panel_dock.hide()
    w.splitter.setSizes([sizes[0] + sizes[1] - 130, 130])
    (reset,) = [a for a in w.menus.view.actions() if a.text() == "Reset layout"]
    reset.trigger()
    qtbot.waitUntil(lambda: _network_beside_the_plot(w), timeout=3000)
    probe = w.inside_views.docks["probe"]
    assert w.dockWidgetArea(probe) == RIGHT and not probe.isFloating() and not probe.isHidden()  # open, beside it
    assert _places(w, leaving_out="probeDock") == {k: v for k, v in fresh.items() if k != "probeDock"}
    assert not w.panel_dock.isHidden()
    assert w.splitter.sizes() == sizes
