"""View ▸ Theme in presenter mode: the theme chosen is the one shown, in its high-contrast kind (white on black for
Dark), readable from afar; the View menu never marks a theme the window is not in. Dark chosen in presenter mode
did nothing: the menu marked "Dark" over a window black on white."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from gui.widgets import theme
from gui.widgets.theme import ThemeChoice
from tests.gui.pixels import rgb
from tests.gui.seen_text import faint_text
from tests.gui.widgets.test_theme import contrast, most_common_colour
from tests.gui.window.test_presenter import PROJECTOR, enter, settle


@pytest.fixture(autouse=True)
def back_to_the_system_theme(qapp):
    yield
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    theme.manager().set_choice(ThemeChoice.SYSTEM)


def shown_choice(w) -> ThemeChoice:
    (checked,) = [choice for choice, action in w.theme_menu.actions.items() if action.isChecked()]
    return checked


def lightness(w) -> tuple[int, int]:
    """The most common lightness of the window's pixels, and of the boundary plot's left edge (its axis, its
    background)."""
    window = most_common_colour(rgb(w.grab())).lightness()
    return window, most_common_colour(rgb(w.boundary_view.grab())[:, :40]).lightness()


def test_the_theme_chosen_in_presenter_mode_is_shown_high_contrast_readable_and_kept_after(qtbot, make_window):
    w = make_window(size=PROJECTOR)
    w.theme_menu.choose(ThemeChoice.LIGHT)
    enter(qtbot, w)
    try:
        assert shown_choice(w) is ThemeChoice.LIGHT and max(lightness(w)) > 200
        w.theme_menu.choose(ThemeChoice.DARK)  # as from View ▸ Theme ▸ Dark
        settle(qtbot)
        assert shown_choice(w) is ThemeChoice.DARK
        assert w.palette().color(QPalette.ColorRole.Window).lightness() < 40
        assert max(lightness(w)) < 60, "the window stayed light"
        ink = theme.current()
        assert ink is theme.HIGH_CONTRAST_DARK
        assert ink.qss["text"] == ink.qss["text_soft"] == "#ffffff"  # no soft greys on a projector
        assert faint_text(w, least_runs=30) == []  # the few words presenter mode keeps, each at 4.5:1 or more
        assert contrast(QColor(ink.plot_foreground), QColor(ink.plot_background)) >= 7  # the axes: WCAG's AAA
        w.theme_menu.choose(ThemeChoice.LIGHT)
        settle(qtbot)
        assert theme.current() is theme.HIGH_CONTRAST and min(lightness(w)) > 200
        w.theme_menu.choose(ThemeChoice.DARK)
    finally:
        w.presenter.leave()
    settle(qtbot)
    assert theme.current() is theme.DARK and shown_choice(w) is ThemeChoice.DARK  # the desk's dark theme after
    assert max(lightness(w)) < 80
