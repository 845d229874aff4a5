"""The learning-rate lesson (lesson 5: the compare view and the loss landscape beside the plot) on the smallest screen
we support, 1024×700, as a person would look at it: each of its views beside the plot is in sight or a readable tab
away, and shows its whole content without scrolling once in front; the loss landscape's plots keep a readable height,
and its 1-D slice goes under the surface rather than be squeezed beside it. The same when the compare view's models
arrive after the lesson laid its views out (they always do: they are built in the training thread), and when the
window is made 1024×700 from a larger one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from gui.experiments.landscape_view import PLOT_MIN_HEIGHT
from tests.gui.lessons.test_digits_lesson_small_screen import check_tab_readable, check_whole, tab_of
from tests.gui.window.test_small_screens import check_plot_and_curves, in_front, settle

SIZE = (1024, 700)
CHART_PX = 60  # px: the least width and height of the landscape's two charts' plot areas


@pytest.mark.parametrize(
    "opened_at", [SIZE, (1360, 860)], ids=["opened-at-1024x700", "opened-at-1360x860-then-resized"]
)
def test_the_compare_view_and_the_whole_loss_landscape_fit_at_1024x700(make_window, qtbot, opened_at):
    w = make_window(size=opened_at)
    w.lesson_actions.open_lesson("learning-rate")
    qtbot.waitUntil(lambda: len(w.compare.members) == 2, timeout=8000)
    settle(qtbot, w, opened_at)
    if opened_at != SIZE:
        w.resize(*SIZE)
    w.controller.step(2)  # a landscape to draw and the compare view's models with a snapshot
    landscape = w.experiments.landscape
    qtbot.waitUntil(lambda: landscape.landscape is not None, timeout=15000)
    settle(qtbot, w, SIZE)
    check_plot_and_curves(w, SIZE, "lesson 5")
    compare, land = w.experiments.compare_dock, w.experiments.landscape_dock
    assert in_front(compare), "the compare view, the lesson's first view, is not in sight"
    check_whole(compare, "compare view")
    if not in_front(land):
        found = tab_of(w, land)
        assert found is not None, "the loss landscape is hidden, and no tab shows it"
        bar, i = found
        check_tab_readable(bar, i, "loss landscape")
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
        qtbot.waitUntil(lambda: in_front(land), timeout=3000)
        settle(qtbot, w, SIZE)
    check_whole(land, "loss landscape")
    assert landscape.glw.height() >= PLOT_MIN_HEIGHT, f"the landscape's plots are {landscape.glw.height()} px tall"
    viewport = land.widget().viewport()
    plots = QRect(landscape.glw.mapTo(viewport, QPoint(0, 0)), landscape.glw.size())
    assert viewport.rect().contains(plots), f"the plots {plots} are cut by the dock's {viewport.rect()}"
    shown = landscape.glw.viewport().rect()
    for name, chart in (("surface", landscape.plot), ("slice along the last update", landscape.slice_plot)):
        drawn = landscape.glw.mapFromScene(chart.sceneBoundingRect()).boundingRect()
        assert shown.adjusted(-1, -1, 1, 1).contains(drawn), f"the {name} {drawn} is cut by the view's {shown}"
        area = chart.vb.boundingRect()  # under or beside the surface, never a sliver
        assert area.width() >= CHART_PX and area.height() >= CHART_PX, (
            f"the {name} is {area.width():.0f}×{area.height():.0f}"
        )
    check_plot_and_curves(w, SIZE, "lesson 5, the loss landscape in front")
