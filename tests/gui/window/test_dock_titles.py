"""Dock titles on the smallest screen we support (1024×700), as a person reads them: on the window just opened, on
the digits with their three views opened from the View menu, and in the digits lesson, every dock in sight shows its
whole title in its title bar (the text's width, in the dock's own bold font, within the title bar's room for text:
the style's text rectangle less the style sheet's padding); a tab of a group of docks shows at least its title's first
characters (tests/gui/window/test_small_screens.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget

from tests.gui.inside.test_digit_views import _open_digits_lesson
from tests.gui.window.test_small_screens import check_titles_readable, in_front, settle

SIZE = (1024, 700)


def check_titles_whole(w, moment: str) -> list[str]:
    """Every dock in sight shows its whole title (``check_titles_readable``: its text's width within its title bar's
    room for text), every tab of a group of docks at least its first characters; returns the titles read."""
    check_titles_readable(w, moment)
    return [d.windowTitle() for d in w.findChildren(QDockWidget) if d.isVisible() and in_front(d)]


def test_every_dock_title_is_whole_on_the_window_just_opened(make_window, qtbot):
    w = make_window(size=SIZE)
    settle(qtbot, w, SIZE)
    assert {"Settings", "Network diagram"} <= set(check_titles_whole(w, "just opened"))


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
    assert {"Unit images", "Test images"} <= set(check_titles_whole(w, "digits lesson"))
    views["draw"].raise_()  # the pad, a tab behind the unit images: its tab clicked
    qtbot.waitUntil(lambda: in_front(views["draw"]), timeout=3000)
    settle(qtbot, w, SIZE)
    assert {"Draw a digit", "Test images"} <= set(check_titles_whole(w, "digits lesson, the pad's tab clicked"))
