"""The toolbar's » (the way to the tools a narrow window has no room for, Slow step at 1024 px) is seen in every
theme: Fusion drew its arrows in one grey whatever the theme, 1.1:1 on the dark toolbar. (Whether the window's own
toolbar needs it at 1024 px depends on the fonts: offscreen, everything fits; hence a toolbar made too narrow.)"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMainWindow, QToolBar, QToolButton

from gui.widgets import theme
from gui.widgets.style import apply_style
from gui.widgets.theme import ThemeChoice
from tests.gui.pixels import rgb
from tests.gui.widgets.test_theme import GRAPHICS_CONTRAST, contrast, most_common_colour


@pytest.fixture(autouse=True)
def back_to_the_system_theme(qapp):
    yield
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    theme.manager().set_choice(ThemeChoice.SYSTEM)


def strongest_contrast(button: QToolButton) -> float:
    """The contrast of the button's most distinct pixel against its most common one (its background)."""
    pixels = rgb(button.grab())
    background = most_common_colour(pixels)
    colours = np.unique(pixels.reshape(-1, 3), axis=0)
    return max(contrast(QColor(*map(int, c)), background) for c in colours)


@pytest.mark.parametrize("choice", [ThemeChoice.LIGHT, ThemeChoice.DARK])
def test_the_overflow_button_stands_out_in_either_theme(qtbot, choice):
    """A toolbar styled as the window's (the app's style, and its name picks its rules in style.qss) with more tools
    than room, made in the other theme: the » follows a change of theme."""
    apply_style(QApplication.instance())
    theme.manager().set_choice(ThemeChoice.DARK if choice is ThemeChoice.LIGHT else ThemeChoice.LIGHT)
    window = QMainWindow()
    qtbot.addWidget(window)
    bar = QToolBar("Controls")
    bar.setObjectName("controls")
    for n in range(12):
        bar.addAction(f"Tool {n}")
    window.addToolBar(bar)
    window.resize(300, 200)
    window.show()
    qtbot.waitExposed(window)
    theme.manager().set_choice(choice)
    qtbot.wait(20)
    extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert extension is not None and extension.isVisible()
    assert strongest_contrast(extension) >= GRAPHICS_CONTRAST
