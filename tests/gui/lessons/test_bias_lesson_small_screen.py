"""The bias lesson (lesson 4) at 1024×700: the activation and bias explorer sits beside the plot it explains, not over
it (as a window of its own it was centred on the main window, over the plot and the lesson's text), and shows its
whole content there without scrolling: its chart, each curve's switch with its line, both sliders and the sentence.
The network diagram the lesson also lists is a readable tab away."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt

from gui.inside.bias_explorer import BiasExplorer
from tests.gui.lessons.test_digits_lesson_small_screen import check_tab_readable, check_whole, tab_of
from tests.gui.window.test_small_screens import check_plot_and_curves, in_front, settle

SIZE = (1024, 700)
CHART_PX = 150  # px: the least height and width of the explorer's chart


def on_screen(widget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def test_the_bias_explorer_is_beside_the_plot_and_whole_at_1024x700(make_window, qtbot):
    w = make_window(size=SIZE)
    w.lesson_actions.open_lesson("bias")
    settle(qtbot, w, SIZE)
    explorer = w.findChild(BiasExplorer)
    assert explorer is not None and explorer.isVisible(), "the lesson did not open the explorer"
    plot = on_screen(w.boundary_view)
    covered = on_screen(explorer.window()) if explorer.window() is not w else on_screen(explorer)
    assert not covered.intersects(plot), f"the explorer {covered.getRect()} covers the plot {plot.getRect()}"
    assert not on_screen(w.lesson_actions.lesson_panel).intersects(covered), "the explorer covers the lesson"
    check_plot_and_curves(w, SIZE, "lesson 4")
    dock = w.inside_views.explorer_dock
    assert explorer.window() is w and in_front(dock) and not dock.isFloating()
    check_whole(dock, "the bias explorer")
    viewport = dock.widget().viewport()
    for part in (explorer.w_slider, explorer.b_slider, explorer.sentence, *explorer.toggles.values()):
        box = QRect(part.mapTo(viewport, QPoint(0, 0)), part.size())
        assert viewport.rect().contains(box), f"{part.text() if hasattr(part, 'text') else part} is cut: {box}"
    chart = explorer.plot
    assert chart.height() >= CHART_PX and chart.width() >= CHART_PX, f"the chart is {chart.width()}×{chart.height()}"
    icons = {box.icon().cacheKey() for box in explorer.toggles.values()}
    assert len(icons) == len(explorer.toggles), "the curves' switches do not each show their own line"

    diagram = w.inside_views.docks["diagram"]
    found = tab_of(w, diagram)
    assert found is not None and not in_front(diagram), "the diagram is neither a tab away nor behind the explorer"
    bar, i = found
    check_tab_readable(bar, i, "lesson 4's diagram")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
    qtbot.waitUntil(lambda: in_front(diagram), timeout=3000)
    check_tab_readable(*tab_of(w, dock), "the bias explorer's tab")
