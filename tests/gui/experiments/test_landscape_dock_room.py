"""The loss landscape opened from the Experiments menu shows its surface and its slice whole, in front, without
scrolling, on a small screen and a large one; the network diagram stays a tab away. (Under the plot, the band it
had was ~170 px tall at every window size: its charts scrolled out of sight or were squeezed to a strip.)"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

SIZES = [(1024, 700), (1920, 1080)]
SURFACE_MIN = 100  # px: the height of the surface's plot area, enough to follow the path on it


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_landscape_opens_in_front_with_its_charts_whole(make_window, qtbot, size):
    w = make_window(size=size)
    dock, view = w.experiments.landscape_dock, w.experiments.landscape
    w.controller.step(20)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch == 20, timeout=5000)
    with qtbot.waitSignal(w.compare.landscapeReady, timeout=15000):
        dock.toggleViewAction().trigger()  # Experiments > Loss landscape
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty(), timeout=2000)
    qtbot.wait(100)

    scroll = dock.widget()
    viewport = scroll.viewport()
    charts = view.glw
    shown = QRect(charts.mapTo(viewport, charts.rect().topLeft()), charts.size())
    assert viewport.rect().contains(shown), f"{size}: charts at {shown.getRect()} in a view of {viewport.size()}"
    assert scroll.verticalScrollBar().maximum() == 0, f"{size}: the landscape scrolls"
    surface = view.plot.vb.sceneBoundingRect()
    assert surface.height() >= SURFACE_MIN, f"{size}: the surface is {surface.height():.0f} px tall"
    slice_box = view.slice_plot.vb.sceneBoundingRect()
    assert slice_box.height() >= SURFACE_MIN / 2 and slice_box.width() >= SURFACE_MIN / 2
    assert (w.width(), w.height()) == size, "the window grew past the screen"
    assert w.inside_views.docks["diagram"] in w.tabifiedDockWidgets(dock), "the diagram a tab away"


def charts_whole(dock, charts) -> bool:
    viewport = dock.widget().viewport()
    return viewport.rect().contains(QRect(charts.mapTo(viewport, charts.rect().topLeft()), charts.size()))


def test_asked_for_while_models_are_compared_the_landscape_stands_under_their_panes(make_window, qtbot):
    w = make_window(size=(1400, 960))
    w.experiments.side_by_side.add_fast_action.trigger()  # Experiments > a model with 10× the learning rate
    qtbot.waitUntil(lambda: len(w.compare.members) == 1, timeout=10000)
    compare, land = w.experiments.compare_dock, w.experiments.landscape_dock
    qtbot.waitUntil(lambda: not compare.visibleRegion().isEmpty(), timeout=2000)
    with qtbot.waitSignal(w.compare.landscapeReady, timeout=15000):
        land.toggleViewAction().trigger()  # Experiments > Loss landscape
    qtbot.waitUntil(lambda: not land.visibleRegion().isEmpty(), timeout=2000)
    qtbot.wait(100)
    assert not compare.visibleRegion().isEmpty(), "the compared models' panes went behind a tab"
    assert land.geometry().top() >= compare.geometry().bottom(), "the landscape stands under the panes"
    assert charts_whole(land, w.experiments.landscape.glw)
    for dock in (compare, land):
        assert dock.widget().verticalScrollBar().maximum() == 0, f"{dock.windowTitle()} scrolls"
