"""The window on an ordinary (1360×860) and a small (1024×700) screen, checked as a person would look at it.

One window per size, on a fresh profile (its own ini file), goes through three moments: just opened; with lesson 5 open
(the lesson text on the left, the compare view and the loss landscape beside the plot, the landscape a tab behind the
compare view where the column is too short for both, the curves that matter to that lesson); and with six view docks
opened from the View menu. At each moment the window keeps the asked size (no minimum size pushes it past the screen),
the boundary plot keeps a stated share of the window, the loss and score charts keep a plot area tall enough to read a
curve in, the plot's score box and the curves' summary line show their whole text, every dock's title fits its title bar
and every tab of a group of docks shows its whole title or at least its first ``TAB_CHARS`` characters. With lesson 5
open, the compare view and the loss landscape fit their docks' width (nothing scrolls sideways), and the status bar's
lesson message is drawn whole or elided with "…", the whole text in its tooltip.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import QDockWidget, QStyle, QStyleOptionDockWidget, QTabBar

from gui.widgets.style import RESOURCES
from tests.gui.window.view_menu_docks import docks_shown_from_the_view_menu

SIZES = [(1360, 860), (1024, 700)]
PLOT_WIDTH_SHARE = 0.40  # the boundary plot's share of the window's width...
PLOT_HEIGHT_SHARE = 0.44  # ...and of its height
CHART_HEIGHT = 120  # px: the plot area of the loss chart and of the score chart
LESSON_TEXT_WIDTH = 280  # px: the lesson text's dock, so that a line holds a few words
PANE_FLATTEST = 2.5  # a compared model's plot is at most this many times wider than tall
TAB_CHARS = 8  # a tab shows its whole title, or at least this many of its first characters
VIEW_DOCKS = ("diagramDock", "probeDock", "hiddenDock", "healthDock", "perceptronLessonDock", "landscapeDock")


def shown_docks(w) -> list[QDockWidget]:
    return [d for d in w.findChildren(QDockWidget) if d.isVisible() and not d.isFloating()]


def in_front(dock: QDockWidget) -> bool:
    return not dock.visibleRegion().isEmpty()


def layout_report(w) -> str:
    """Where the docks are, for a failure's message."""
    return "; ".join(
        f"{d.objectName()} {w.dockWidgetArea(d).name} {d.geometry().getRect()}" for d in shown_docks(w) if in_front(d)
    )


def settle(qtbot, w, size) -> None:
    """The window's layout has settled at ``size``: the main window lays docks out on later turns of the event
    loop, the plot's room is made after that, and a lesson arranges its views again once a resize or a view's new
    need rests; a person looks once nothing moves any more."""

    def where():
        return (w.size().toTuple(), w.boundary_view.size().toTuple(), layout_report(w))

    def still() -> bool:
        before = where()
        qtbot.wait(120)
        return where() == before and not w.lesson_actions.views.arranging()

    qtbot.waitUntil(still, timeout=5000)
    assert (w.width(), w.height()) == size, f"the window grew past the screen to {w.width()}×{w.height()}"


def check_plot_and_curves(w, size, moment: str) -> None:
    width, height = size
    assert (w.width(), w.height()) == size, f"{moment}: the window grew past the screen to {w.width()}×{w.height()}"
    plot = w.boundary_view
    assert plot.width() >= PLOT_WIDTH_SHARE * width, (
        f"{moment}: the plot is {plot.width()} px wide of {width}; {layout_report(w)}"
    )
    assert plot.height() >= PLOT_HEIGHT_SHARE * height, (
        f"{moment}: the plot is {plot.height()} px tall of {height}; {layout_report(w)}"
    )
    assert w.curves_view.isVisible(), moment
    for chart in (w.curves_view.loss_plot, w.curves_view.score_plot):
        area = chart.vb.boundingRect()
        assert area.height() >= CHART_HEIGHT, f"{moment}: a chart's plot area is {area.height():.0f} px tall"
        assert area.width() >= 80, f"{moment}: a chart's plot area is {area.width():.0f} px wide"


def check_texts_fit(w, moment: str) -> None:
    summary = w.curves_view.summary
    assert summary.text() and summary.shown_text() == summary.text(), f"{moment}: the summary is cut"
    score = w.boundary_view._score
    assert score.isVisible() and w.boundary_view.score_text(), moment
    box = score.mapRectToParent(score.boundingRect())
    assert w.boundary_view.vb.boundingRect().contains(box), f"{moment}: the score box is cut"


def title_padding() -> int:
    """The horizontal padding the style sheet gives a dock's title, on each side (px)."""
    sheet = (RESOURCES / "style.qss").read_text(encoding="utf-8")
    rule = re.search(r"QDockWidget::title\s*\{([^}]*)\}", sheet)
    assert rule is not None
    padding = re.search(r"padding:\s*(\d+)px(?:\s+(\d+)px)?", rule.group(1))
    return 0 if padding is None else int(padding.group(2) or padding.group(1))


def title_room(dock: QDockWidget) -> int:
    """The width a dock's title bar has for its title's text: where the style draws it (the float and close
    buttons left out), less the style sheet's padding."""
    option = QStyleOptionDockWidget()
    dock.initStyleOption(option)
    text = dock.style().subElementRect(QStyle.SubElement.SE_DockWidgetTitleBarText, option, dock)
    return text.width() - 2 * title_padding()


def check_titles_readable(w, moment: str) -> None:
    for dock in shown_docks(w):
        if not in_front(dock):
            continue  # behind another tab of its group: its tab is checked below
        need = QFontMetrics(dock.font()).horizontalAdvance(dock.windowTitle())  # the style sheet's bold included
        assert need <= title_room(dock), (
            f"{moment}: the title {dock.windowTitle()!r} needs {need} px, its title bar has {title_room(dock)} px"
        )
    for bar in w.findChildren(QTabBar):
        if bar.parent() is not w or not bar.isVisible():
            continue  # not a bar of tabified docks, or no such group shown now
        for i in range(bar.count()):
            title = bar.tabText(i)
            # the tab as wide as it asks to be for its whole text (else Qt cuts the text with "…")
            assert bar.tabRect(i).width() >= bar.tabSizeHint(i).width() - 1, (
                f"{moment}: the tab {title!r} is {bar.tabRect(i).width()} px wide; its whole text needs "
                f"{bar.tabSizeHint(i).width()} px (tabs: "
                f"{[(bar.tabText(j), bar.tabRect(j).width()) for j in range(bar.count())]} in {bar.width()} px)"
            )


def check_no_sideways_scrolling(docks, moment: str) -> None:
    for dock in docks:
        scroll = dock.widget()  # each view dock holds its view in a scroll area
        assert scroll.horizontalScrollBar().maximum() == 0, (
            f"{moment}: {dock.windowTitle()} scrolls sideways ({scroll.widget().minimumSizeHint().width()} px wide "
            f"in {scroll.viewport().width()} px)"
        )


def check_status_message(w, message: str, moment: str) -> None:
    bar = w.statusBar()
    assert bar.currentMessage() == message, moment
    shown = bar.shown_message()
    assert bar.fontMetrics().horizontalAdvance(shown) <= bar.message_rect().width(), f"{moment}: {shown!r} is cut"
    if shown != message:
        assert shown.endswith("\u2026") and message.startswith(shown[:-1]), f"{moment}: {shown!r}"
        tip = QTextDocument()
        tip.setHtml(bar.toolTip())
        assert tip.toPlainText() == message, f"{moment}: the tooltip has not the whole message"


def check_lesson_text(w, moment: str) -> None:
    dock = w.lesson_actions.lesson_dock
    assert dock.isVisible() and in_front(dock), moment
    assert dock.width() >= LESSON_TEXT_WIDTH, f"{moment}: the lesson text's dock is {dock.width()} px wide"
    browser = w.lesson_actions.lesson_panel.browser
    assert browser.lineWrapMode() != browser.LineWrapMode.NoWrap
    assert browser.horizontalScrollBar().maximum() == 0, f"{moment}: the lesson text is cut, not wrapped"
    assert browser.document().idealWidth() <= browser.viewport().width() + 1, moment


def check_compare_panes(w, moment: str) -> None:
    """The compared models' panes show their whole plots without scrolling, none squeezed flat (a pane shows the
    main plot's region: drawn much flatter, the data no longer looks like the main plot's)."""
    dock = w.experiments.compare_dock
    if not in_front(dock):
        dock.raise_()
    scroll = dock.widget()
    assert scroll.verticalScrollBar().maximum() == 0, f"{moment}: the compare view scrolls ({layout_report(w)})"
    for pane in w.experiments.compare_view.panes.values():
        width, height = pane.view.width(), pane.view.height()
        assert width <= PANE_FLATTEST * height, f"{moment}: a pane's plot is {width}×{height}"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_plot_curves_lesson_and_dock_tabs_stay_readable(make_window, qtbot, size):
    w = make_window(size=size)
    settle(qtbot, w, size)
    check_plot_and_curves(w, size, "just opened")
    check_titles_readable(w, "just opened")
    w.controller.step(3)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch == 3, timeout=5000)
    qtbot.waitUntil(lambda: "epoch 3" in w.curves_view.summary.text() and "epoch 3" in w.boundary_view.score_text())
    check_texts_fit(w, "just opened")

    # lesson 5: the lesson text, the compare view and the loss landscape, and the curves it is about
    w.lesson_actions.open_lesson("learning-rate")
    lesson_message = w.statusBar().currentMessage()
    assert lesson_message.startswith("Lesson 5")
    qtbot.waitUntil(lambda: len(w.compare.members) == 2, timeout=8000)
    settle(qtbot, w, size)
    w.notices.status(lesson_message, 0)  # again: on a busy machine the lesson's few seconds may be over
    check_status_message(w, lesson_message, "lesson 5")
    check_plot_and_curves(w, size, "lesson 5")
    check_lesson_text(w, "lesson 5")
    for name in ("compare", "landscape"):
        assert w.lesson_actions.view_is_open(name), name
    for dock in (w.experiments.compare_dock, w.experiments.landscape_dock, w.lesson_actions.lesson_dock):
        if dock is w.experiments.landscape_dock and not in_front(dock):
            # a column too short for both: the loss landscape is a tab behind the compare view (not both squeezed)
            assert dock in w.tabifiedDockWidgets(w.experiments.compare_dock), layout_report(w)
            dock.raise_()
            qtbot.waitUntil(lambda d=dock: in_front(d), timeout=2000)
            check_titles_readable(w, "lesson 5, the loss landscape's tab raised")
        assert in_front(dock), f"lesson 5: {dock.windowTitle()} is hidden"
        assert dock.width() >= 240 and dock.height() >= 180, (
            f"lesson 5: {dock.windowTitle()} is {dock.width()}×{dock.height()}"
        )
    check_titles_readable(w, "lesson 5")
    check_compare_panes(w, "lesson 5")
    check_no_sideways_scrolling((w.experiments.compare_dock, w.experiments.landscape_dock), "lesson 5")
    w.controller.step(3)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch == 3, timeout=5000)
    qtbot.waitUntil(lambda: "epoch 3" in w.curves_view.summary.text(), timeout=3000)
    check_texts_fit(w, "lesson 5")

    # six view docks opened from the View menu, each shown in front when asked for
    toggles = {d.objectName(): d for d in w.findChildren(QDockWidget)}
    for name in VIEW_DOCKS:
        dock = toggles[name]
        if not dock.isVisible():
            dock.toggleViewAction().trigger()
        elif not in_front(dock):
            dock.raise_()  # open already, a tab behind another (lesson 5's landscape): its tab clicked
        qtbot.waitUntil(lambda d=dock: d.isVisible() and in_front(d), timeout=2000)
    settle(qtbot, w, size)
    assert all(toggles[name].isVisible() for name in VIEW_DOCKS)
    check_plot_and_curves(w, size, "six docks")
    check_titles_readable(w, "six docks")
    tabbed = [b for b in w.findChildren(QTabBar) if b.parent() is w and b.isVisible() and b.count() >= 4]
    assert tabbed, "six docks: the view docks share a group of tabs"


def test_the_view_menu_shows_each_dock_in_front_on_a_small_screen(qtbot, make_window):
    w = make_window(size=(1024, 700))
    for dock in docks_shown_from_the_view_menu(qtbot, w):
        qtbot.waitUntil(lambda d=dock: d.isVisible() and in_front(d), timeout=2000)
        assert dock.width() >= 200 and dock.height() >= 120, f"{dock.windowTitle()}: {dock.width()}×{dock.height()}"
    assert (w.width(), w.height()) == (1024, 700), "the window grew past the screen"
