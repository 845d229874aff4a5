"""Dock titles on the smallest screen we support (1024×700), as a person reads them: on the window just opened, on
the digits with their three views opened from the View menu, and in the digits lesson, every dock in sight shows its
whole title in its title bar (the text's width, in the dock's own bold font, within the title bar's room for text:
the style's text rectangle less the style sheet's padding), and every tab of a group of docks its whole title, not
cut with "…" (tests/gui/window/test_small_screens.py); so does every lesson that opens views beside the plot. The
View menu names each view in full."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDockWidget, QTabBar

from tests.gui.inside.test_digit_views import _open_digits_lesson
from tests.gui.window.test_small_screens import check_titles_readable, in_front, settle

SIZE = (1024, 700)


def check_titles_whole(w, moment: str) -> list[str]:
    """Every dock in sight shows its whole title (``check_titles_readable``: its text's width within its title bar's
    room for text), every tab of a group of docks its whole title; returns the titles read."""
    check_titles_readable(w, moment)
    return [d.windowTitle() for d in w.findChildren(QDockWidget) if d.isVisible() and in_front(d)]


def test_every_dock_title_is_whole_on_the_window_just_opened(make_window, qtbot):
    w = make_window(size=SIZE)
    settle(qtbot, w, SIZE)
    assert {"Settings", "Network"} <= set(check_titles_whole(w, "just opened"))
    assert w.inside_views.docks["diagram"].toggleViewAction().text() == "Network diagram"  # in full in the View menu


def test_every_dock_title_is_whole_on_the_digits_with_their_views_open(make_window, qtbot):
    w = make_window(size=SIZE)
    generator = w.data_panel.generator
    generator.setCurrentIndex(generator.findData("digits"))
    w.data_panel.generate_button.click()
    qtbot.waitUntil(lambda: w.document.dataset.n_features == 64, timeout=10000)
    for key in ("units", "test_images", "draw"):
        dock = w.digit_views.docks[key]
        dock.toggleViewAction().trigger()  # as from the View menu: shown, in front
        qtbot.waitUntil(lambda d=dock: d.isVisible() and in_front(d), timeout=3000)
        settle(qtbot, w, SIZE)
        assert dock.windowTitle() in check_titles_whole(w, f"digits, {dock.windowTitle()} opened")


def test_every_dock_title_is_whole_in_the_digits_lesson(make_window, qtbot):
    w = make_window(size=SIZE)
    _open_digits_lesson(w, qtbot)
    w.controller.step(1)  # the views with a model, as tall as they get
    qtbot.waitUntil(lambda: len(w.digit_views.units.grid.images) == 16, timeout=10000)
    settle(qtbot, w, SIZE)
    views = w.digit_views.docks
    assert {"Units", "Test set"} <= set(check_titles_whole(w, "digits lesson"))
    views["draw"].raise_()  # the pad, a tab behind the unit images: its tab clicked
    qtbot.waitUntil(lambda: in_front(views["draw"]), timeout=3000)
    settle(qtbot, w, SIZE)
    assert {"Draw", "Test set"} <= set(check_titles_whole(w, "digits lesson, the pad's tab clicked"))


@pytest.mark.parametrize("lesson", ["logistic-blobs", "perceptron-xor", "bias", "backpropagation"])
def test_every_tab_is_whole_in_the_lessons_that_open_views_beside_the_plot(make_window, qtbot, lesson):
    w = make_window(size=SIZE)
    w.lesson_actions.open_lesson(lesson)
    settle(qtbot, w, SIZE)
    tabs = [bar for bar in w.findChildren(QTabBar) if bar.parent() is w and bar.isVisible() and bar.count() > 1]
    assert tabs, "the lesson's views share no tabs (the test shows nothing)"
    check_titles_whole(w, f"lesson {lesson}")
