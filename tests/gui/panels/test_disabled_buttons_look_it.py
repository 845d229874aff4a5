"""A button that does nothing now looks it: with logistic regression chosen, "+ Add layer" (its group greyed, its
neighbours greyed) kept its dark text and border, and a newcomer clicked it to no effect; the probe's "Step from
this point" and "Clear" with no point probed too. Its text is drawn in the theme's disabled colour, in light, dark
and high contrast alike."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QPushButton

from gui.main_window import apply_style
from gui.panels.model_panel import ModelPanel
from gui.widgets import theme
from gui.widgets.theme import ThemeChoice
from tests.gui.pixels import distance, hex_rgb, rgb


def ink(button: QPushButton) -> np.ndarray:
    """The colour of the button's text: of its pixels, the farthest from its background (the most common)."""
    pixels = rgb(button.grab()).reshape(-1, 3)
    packed = [tuple(p) for p in pixels]
    background = np.array(max(set(packed), key=packed.count), dtype=np.float64)
    return pixels[np.argmax(distance(pixels, background))].astype(np.float64)


@pytest.fixture(autouse=True)
def back_to_the_system_theme(qapp):
    yield
    theme.manager().set_choice(ThemeChoice.SYSTEM)


@pytest.mark.parametrize("choice", [ThemeChoice.LIGHT, ThemeChoice.DARK])
def test_add_layer_is_drawn_greyed_when_the_model_has_no_hidden_layers(qtbot, qapp, choice):
    apply_style(qapp)
    theme.manager().set_choice(choice)
    panel = ModelPanel()
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    button = panel.add_layer_button
    enabled = ink(button)
    panel.kind.setCurrentIndex(panel.kind.findData("logistic"))
    qtbot.waitUntil(lambda: not button.isEnabled(), timeout=2000)
    greyed = ink(button)
    assert distance(greyed[None], hex_rgb(theme.manager().theme.disabled_text))[0] < 40, f"the greyed text is {greyed}"
    assert distance(greyed[None], enabled)[0] > 40, "the button looks as when it worked"
