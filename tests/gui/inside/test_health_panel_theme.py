"""Network health in the dark theme: the gradient norms' legend and the table's dead-ReLU and saturation cells are
read as in the light theme, also once the panel drew its newest snapshot after the theme changed."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from gui.widgets import theme
from gui.widgets.theme import ThemeChoice
from model.nn.param_layout import layer_views
from tests.gui.inside.test_inside_views import make_session
from tests.gui.pixels import rgb

WCAG_AA = 4.5


@pytest.fixture(autouse=True)
def back_to_the_system_theme(qapp):
    yield
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    theme.manager().set_choice(ThemeChoice.SYSTEM)


def luminance(c: np.ndarray) -> np.ndarray:
    s = np.asarray(c, dtype=np.float64) / 255
    s = np.where(s <= 0.04045, s / 12.92, ((s + 0.055) / 1.055) ** 2.4)
    return s @ np.array([0.2126, 0.7152, 0.0722])


def contrasts(pixels: np.ndarray, behind: np.ndarray) -> np.ndarray:
    """WCAG's contrast ratio of every pixel with the colour ``behind``."""
    lum, back = luminance(pixels.reshape(-1, 3)), luminance(behind)
    return (np.maximum(lum, back) + 0.05) / (np.minimum(lum, back) + 0.05)


def most_common(pixels: np.ndarray) -> np.ndarray:
    colours, counts = np.unique(pixels.reshape(-1, 3), axis=0, return_counts=True)
    return colours[np.argmax(counts)]


def readable_pixels(pixels: np.ndarray, behind: np.ndarray) -> int:
    """How many of ``pixels`` a person reads against ``behind`` (WCAG AA's 4.5:1): the strokes of the words."""
    return int((contrasts(pixels, behind) >= WCAG_AA).sum())


@pytest.fixture
def health_panel(qtbot):
    """A shown HealthPanel, followed by the theme, on a ReLU network with one dead unit in its first layer, and
    the session it shows (to step on)."""
    from gui.inside.health_panel import HealthPanel
    from gui.widgets.style import apply_style

    apply_style(QApplication.instance())
    session = make_session(name="moons", hidden=(6, 4), activation="relu")
    session.step(20)
    snap = session.snapshot()
    params = np.array(snap.params)
    layer_views(params, snap.layer_sizes)[0][1][1] = -1e3  # unit 2 of layer 1 can never fire again
    panel = HealthPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 560)
    panel.show()
    qtbot.waitExposed(panel)
    theme.manager().follow(panel)
    panel.set_dataset(session.dataset)
    panel.show_snapshot(replace(snap, params=params))
    panel.flush()
    for _ in range(3):
        session.step(10)
        panel.show_snapshot(session.snapshot())
        panel.flush()
    return panel, session


def legend_words_and_box(panel) -> tuple[np.ndarray, np.ndarray]:
    """(the pixels of the legend's words "h1", "h2", "out", its box's colour)."""
    view = panel.norm_plot
    pixels = rgb(view.grab())
    legend = view.getPlotItem().legend
    box_rect = view.mapFromScene(legend.sceneBoundingRect()).boundingRect().intersected(view.rect())
    box = most_common(pixels[box_rect.top() : box_rect.bottom(), box_rect.left() : box_rect.right()])
    words = []
    for _, label in legend.items:
        r = view.mapFromScene(label.sceneBoundingRect()).boundingRect().intersected(view.rect())
        words.append(pixels[r.top() : r.bottom(), r.left() : r.right()].reshape(-1, 3))
    assert len(words) == 3
    return np.concatenate(words), box


def cell_pixels(panel, row: int, column: int) -> np.ndarray:
    table = panel.table
    rect = table.visualRect(table.model().index(row, column))
    return rgb(table.viewport().grab(rect))


@pytest.mark.parametrize("choice", [ThemeChoice.LIGHT, ThemeChoice.DARK])
def test_the_health_legend_and_table_read_in_both_themes(health_panel, qtbot, choice):
    """The legend's words stand out from its box at 4.5:1 or more, switched to the theme and after the panel drew
    again in it (the box was near-white in every theme, and the dark theme's words light on it from the first
    redraw on); the table's "dead ReLU" and "saturated" cells read as the others (they were black on the dark
    table)."""
    panel, session = health_panel
    theme.manager().set_choice(choice)
    qtbot.wait(50)
    for _ in range(2):
        words, box = legend_words_and_box(panel)
        assert (luminance(box) < 0.2) == (choice is ThemeChoice.DARK)
        assert readable_pixels(words, box) >= 30
        # "25 % (1/4)" dead in the second hidden layer, "sure 39 %" saturated in the output
        for row, column, measure in ((1, 1, "dead ReLU"), (2, 2, "saturated")):
            assert len(panel.cell(column, measure)) > 5
            cell = cell_pixels(panel, row, column)
            assert readable_pixels(cell, most_common(cell)) >= 15, panel.cell(column, measure)
        session.step(10)
        panel.show_snapshot(session.snapshot())
        panel.flush()
        qtbot.wait(50)


def test_a_theme_change_after_the_panel_was_emptied_raises_nothing(qtbot):
    """Emptied (no snapshot), the table has no cells: a theme change coloured the warnings of the health it had
    shown before, in cells no longer there (an AttributeError in the event loop)."""
    from gui.inside.health_panel import HealthPanel

    session = make_session(name="moons", hidden=(6, 4), activation="relu")
    session.step(5)
    panel = HealthPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 560)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_dataset(session.dataset)
    panel.show_snapshot(session.snapshot())
    panel.flush()
    assert panel.table.columnCount() > 0
    panel.redraw(None)
    with qtbot.captureExceptions() as raised:
        theme.manager().set_choice(ThemeChoice.DARK)
        qtbot.wait(50)
    assert raised == [] and panel.table.columnCount() == 0
