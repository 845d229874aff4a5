"""The digits lesson ("What a hidden unit looks for") on the smallest screen we support, 1024×700, as a person
would look at it: the boundary plot and the loss and score charts keep their usable size (the plot 40 % of the
window's width and 44 % of its height, each chart's plot area 120 px tall, as on every small screen); each digits
view in sight shows its whole content without scrolling; a view a tab away has its tab in sight, its title
readable, and shows its whole content once its tab is clicked (the draw pad also once a digit is drawn); the unit
images and the test images are in sight together (the lesson asks to watch both while training); the same when
the lesson was opened in a larger window that is then made 1024×700; heights the person set stay when a resize
keeps the views grouped as they are. Also
``share_out``, which shares a column's height."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTabBar

from gui.widgets.dock_heights import share_out
from tests.gui.inside.test_digit_views import _open_digits_lesson
from tests.gui.window.test_small_screens import check_plot_and_curves, in_front, settle

SIZE = (1024, 700)
TAB_CHARS = 8  # a tab shows its whole title, or at least this many of its first characters


def tab_of(w, dock) -> tuple[QTabBar, int] | None:
    """The main window's tab bar showing ``dock``'s tab, and its index, if ``dock`` is in a group of tabs."""
    for bar in w.findChildren(QTabBar):
        if bar.parent() is not w or not bar.isVisible():
            continue
        for i in range(bar.count()):
            if bar.tabText(i) == dock.windowTitle():
                return bar, i
    return None


def check_whole(dock, moment: str) -> None:
    scroll = dock.widget()  # each view dock holds its view in a scroll area
    view = scroll.widget()
    width = scroll.viewport().width()
    asks = view.heightForWidth(width) if view.hasHeightForWidth() else view.minimumSizeHint().height()
    assert scroll.verticalScrollBar().maximum() == 0, (
        f"{moment}: {dock.windowTitle()} scrolls up and down ({scroll.viewport().height()} px tall, its view asks "
        f"{asks})"
    )
    assert scroll.horizontalScrollBar().maximum() == 0, f"{moment}: {dock.windowTitle()} scrolls sideways"


def check_tab_readable(bar: QTabBar, i: int, moment: str) -> None:
    metrics = bar.fontMetrics()
    title = bar.tabText(i)
    assert bar.rect().contains(bar.tabRect(i)), f"{moment}: the tab {title!r} is out of sight, behind arrows"
    extra = bar.tabSizeHint(i).width() - metrics.horizontalAdvance(title)  # the tab's padding
    readable = min(metrics.horizontalAdvance(title), metrics.horizontalAdvance(title[:TAB_CHARS] + "\u2026"))
    assert bar.tabRect(i).width() >= readable + extra - 1, f"{moment}: the tab {title!r} shows too little"


@pytest.mark.parametrize(
    "opened_at", [SIZE, (1360, 860)], ids=["opened-at-1024x700", "opened-at-1360x860-then-resized"]
)
def test_every_digits_view_fits_at_1024x700_and_the_plot_and_curves_keep_their_size(make_window, qtbot, opened_at):
    w = make_window(size=opened_at)
    _open_digits_lesson(w, qtbot)
    if opened_at != SIZE:  # the views stacked for the taller window; then it is made smaller
        settle(qtbot, w, opened_at)
        assert all(in_front(dock) for dock in w.digit_views.docks.values()), "stacked at 1360×860"
        w.resize(*SIZE)
        qtbot.waitUntil(lambda: not in_front(w.digit_views.docks["draw"]), timeout=3000)  # once the window rests
    w.controller.step(1)  # the views with a model: unit images, the test digits with their verdicts
    views = w.digit_views
    qtbot.waitUntil(
        lambda: len(views.units.grid.images) == 16 and views.test_images.verdicts is not None, timeout=10000
    )
    settle(qtbot, w, SIZE)
    check_plot_and_curves(w, SIZE, "digits lesson")
    docks = views.docks
    assert all(dock.isVisible() and not dock.isFloating() for dock in docks.values())
    assert in_front(docks["units"]) and in_front(docks["test_images"]), "the unit and test images are not in sight"

    for key, dock in docks.items():
        for view in (views.units, views.test_images, views.draw):
            view.flush()
        if in_front(dock):
            check_whole(dock, key)
            continue
        found = tab_of(w, dock)
        assert found is not None, f"{key}: hidden, and no tab to show it by"
        bar, i = found
        check_tab_readable(bar, i, key)
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
        qtbot.waitUntil(lambda d=dock: in_front(d), timeout=3000)
        settle(qtbot, w, SIZE)
        check_whole(dock, f"{key}, its tab clicked")
        if key == "draw":  # a drawn 7 and the network's verdict under the pad: nothing grows out of sight
            views.draw.pad.stroke((8, 6), (24, 6))
            views.draw.pad.stroke((24, 6), (14, 28))
            views.draw.flush()
            assert re.fullmatch(r"Epoch \d+: the network says \d \(probability [0-9.]+\)\.", views.draw.caption.text())
            settle(qtbot, w, SIZE)
            check_whole(dock, "a digit drawn")
        assert dock.height() >= 200, f"{key}: {dock.height()} px tall"
        check_plot_and_curves(w, SIZE, f"{key}, its tab clicked")
    for bar in (b for b in w.findChildren(QTabBar) if b.parent() is w and b.isVisible()):
        for i in range(bar.count()):
            check_tab_readable(bar, i, "digits lesson")
    assert docks["units"].mapTo(w, QPoint(0, 0)).y() < docks["test_images"].mapTo(w, QPoint(0, 0)).y()


def test_a_column_is_shared_equally_unless_a_part_needs_more():
    assert share_out(600, [100, 100, 100]) == [200, 200, 200]
    assert share_out(600, [300, 100, 100]) == [300, 150, 150]  # the rest shared by the others
    assert share_out(541, [295, 127]) == [295, 246]
    assert share_out(700, [260, 250, 10]) == [260, 250, 190]


def test_heights_the_person_set_stay_when_the_window_is_resized_and_the_views_keep_their_grouping(make_window, qtbot):
    w = make_window(size=(1360, 860))
    _open_digits_lesson(w, qtbot)
    settle(qtbot, w, (1360, 860))
    docks = w.digit_views.docks
    assert all(in_front(dock) for dock in docks.values()), "stacked at 1360×860"
    # The person drags the separator: the unit images get most of the column.
    w.resizeDocks([docks["units"], docks["test_images"]], [500, 120], Qt.Orientation.Vertical)
    settle(qtbot, w, (1360, 860))
    chosen = docks["units"].height()
    assert chosen > docks["test_images"].height() + 150
    arranging = w.lesson_actions.views._resized  # the lesson arranges its views once a resize rests
    w.resize(1380, 870)  # a little larger: the same grouping fits
    qtbot.waitUntil(arranging.isActive, timeout=3000)
    qtbot.waitUntil(lambda: not arranging.isActive(), timeout=3000)
    settle(qtbot, w, (1380, 870))
    assert all(in_front(dock) for dock in docks.values())
    assert abs(docks["units"].height() - chosen) <= 20, (
        "the lesson shared the column out again over the person's choice"
    )
