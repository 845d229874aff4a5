"""The toolbar's SVG icons are drawn in the theme's ink, and follow a change of theme at once."""

import numpy as np
import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor

from gui.widgets import theme
from gui.widgets.style import ICON_INK, icon
from gui.widgets.theme import ThemeChoice


@pytest.fixture(autouse=True)
def back_to_the_system_theme(qapp):
    yield
    theme.manager().set_choice(ThemeChoice.SYSTEM)


def _ink_pixels(pixmap) -> np.ndarray:
    """The opaque pixels' colours, (n, 3)."""
    image = pixmap.toImage()
    pixels = [image.pixelColor(x, y) for y in range(image.height()) for x in range(image.width())]
    return np.array([(c.red(), c.green(), c.blue()) for c in pixels if c.alpha() == 255])


def test_an_icon_is_drawn_in_the_ink_of_the_theme_shown_and_again_after_a_change():
    step = icon("step")
    theme.manager().set_choice(ThemeChoice.LIGHT)
    light = _ink_pixels(step.pixmap(QSize(24, 24)))
    ink = QColor(ICON_INK)
    assert len(light) and np.allclose(light.mean(axis=0), (ink.red(), ink.green(), ink.blue()), atol=3)
    theme.manager().set_choice(ThemeChoice.DARK)
    dark = _ink_pixels(step.pixmap(QSize(24, 24)))
    dark_ink = QColor(theme.current().plot_foreground)
    assert np.allclose(dark.mean(axis=0), (dark_ink.red(), dark_ink.green(), dark_ink.blue()), atol=3)
    theme.manager().set_choice(ThemeChoice.LIGHT)
    again = _ink_pixels(step.pixmap(QSize(24, 24)))
    np.testing.assert_array_equal(again, light)
    # Another size is drawn for that size, not scaled from the one kept.
    assert step.pixmap(QSize(48, 48)).size() == QSize(48, 48)
