"""The key of a unit's map on the main plot: while a unit's output takes the boundary's place, the plot names the
unit, shows its colour scale (the bar's ends in the map's own colours for the values written under them) and the
way back; it is gone with the map. Read from the rendered plot, in both themes, and in an exported PNG."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from gui.plot.unit_map_key import MapScale, UnitMapTitle, map_scale, tick_text
from gui.widgets import colors, theme
from gui.widgets.theme import ThemeChoice
from tests.gui.inside.test_health_panel_theme import readable_pixels
from tests.gui.pixels import PlotPixels, hex_rgb, rgb
from tests.gui.plot.plot_helpers import sample_dataset, snap

BOUNDS = (-6.0, 6.0, -6.0, 6.0)
H13 = UnitMapTitle("unit h1.3", "tanh")


@pytest.fixture(autouse=True)
def back_to_the_system_theme(qapp):
    yield
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    theme.manager().set_choice(ThemeChoice.SYSTEM)


@pytest.fixture
def view(boundary_view):
    boundary_view.set_dataset(sample_dataset(2), 1)
    boundary_view.show_snapshot(snap(grid=np.full((100, 100), 0.8, np.float32), grid_bounds=BOUNDS))
    boundary_view.flush()
    return boundary_view


def ramp(low: float, high: float, size: int = 96) -> np.ndarray:
    """A map running from ``low`` (left) to ``high`` (right)."""
    return np.tile(np.linspace(low, high, size, dtype=np.float32), (size, 1))


def on_grab(view, rect) -> tuple[int, int, int, int]:
    """(col0, row0, col1, row1) of a rectangle of the key (its coordinates) in the pixels of the view's grab."""
    return PlotPixels.scene_rect(view, view, view.unit_key.mapRectToScene(rect))


def bar_pixels(view, image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The rendered colours at the key's colour bar's left and right ends (three pixels in, the bar's middle row)."""
    c0, r0, c1, r1 = on_grab(view, view.unit_key.bar_rect())
    row = (r0 + r1) // 2
    return image[row, c0 + 3].astype(float), image[row, c1 - 3].astype(float)


def colour_of(value: float, scale: MapScale) -> np.ndarray:
    return colors.scalar_image(np.array([[value]], np.float32), scale.low, scale.high, scale.cmap)[0, 0, :3].astype(
        float
    )


# ---------------------------------------------------------------------------------------------- the scale
def test_a_bounded_activation_keeps_its_range_whatever_the_values_shown():
    # a tanh unit positive all over the plot is still on the −1 … +1 diverging scale: its colours keep their meaning
    assert map_scale(ramp(0.2, 0.9), (-1.0, 1.0)) == MapScale(-1.0, 1.0, "diverging")
    assert map_scale(ramp(0.0, 0.3), (0.0, 1.0)) == MapScale(0.0, 1.0, "sequential")  # σ, the step


def test_an_open_range_is_scaled_by_the_values_shown():
    assert map_scale(ramp(0.0, 3.2), (0.0, math.inf)) == MapScale(0.0, pytest.approx(3.2), "sequential")  # ReLU
    assert map_scale(ramp(0.0, 0.4), (0.0, math.inf)) == MapScale(0.0, 1.0, "sequential")
    assert map_scale(ramp(-2.5, 1.0)) == MapScale(-2.5, 2.5, "diverging")  # identity, leaky ReLU, an input
    assert map_scale(ramp(-0.5, 0.5)) == MapScale(-1.0, 1.0, "diverging")
    assert map_scale(ramp(0.0, 0.5)) == MapScale(0.0, 1.0, "sequential")


def test_the_values_under_the_bar():
    assert [tick_text(v) for v in MapScale(-1.0, 1.0, "diverging").ticks()] == ["−1", "0", "+1"]
    assert [tick_text(v) for v in MapScale(0.0, 3.2, "sequential").ticks()] == ["0", "+3.2"]
    assert tick_text(-12.4) == "−12"


# ---------------------------------------------------------------------------------------------- on the plot
def test_the_key_names_the_unit_and_its_bar_is_in_the_maps_colours(view, qtbot, shot):
    assert not view.unit_key.isVisible() and view.unit_key_text() == ""
    view.show_heatmap_override(ramp(-1, 1), BOUNDS, H13, (-1.0, 1.0))
    qtbot.wait(20)
    text = view.unit_key_text()
    assert text.splitlines() == [
        "unit h1.3 · tanh",
        "−1  …  0  …  +1",
        "Esc or click it again: the boundary",
    ]
    image = rgb(shot(view, "unit_map_key.png"))
    scale = MapScale(-1.0, 1.0, "diverging")
    left, right = bar_pixels(view, image)
    assert np.abs(left - colour_of(-1.0, scale)).max() <= 12
    assert np.abs(right - colour_of(1.0, scale)).max() <= 12
    # the same colours as the map's own at those values: the plot's left edge is −1 there, its right edge +1
    (cx0, row), (cx1, _) = PlotPixels(view, view.vb).to_pixels([[-5.95, 5.0], [5.95, 5.0]]).astype(int)
    assert np.abs(image[row, cx0] - left).max() <= 20
    assert np.abs(image[row, cx1] - right).max() <= 20
    # the key sits in the plot's bottom-right corner, inside the view box
    k0, k1, k2, k3 = on_grab(view, view.unit_key.boundingRect())
    v0, v1, v2, v3 = PlotPixels.scene_rect(view, view, view.vb.sceneBoundingRect())
    assert v0 <= k0 and k2 <= v2 and v1 <= k1 and k3 <= v3
    assert k0 > (v0 + v2) / 2 and k1 > (v1 + v3) / 2


def test_the_key_follows_the_maps_scale(view, qtbot):
    view.show_heatmap_override(ramp(0.0, 0.4), BOUNDS, UnitMapTitle("unit h2.1", "ReLU"), (0.0, math.inf))
    assert view.unit_key_text().splitlines()[:2] == ["unit h2.1 · ReLU", "0  …  +1"]
    view.show_heatmap_override(ramp(0.0, 3.2), BOUNDS, UnitMapTitle("unit h2.1", "ReLU"), (0.0, math.inf))
    qtbot.wait(20)
    assert view.unit_key_text().splitlines()[1] == "0  …  +3.2"
    scale = MapScale(0.0, 3.2, "sequential")
    left, right = bar_pixels(view, rgb(view.grab()))
    assert np.abs(left - colour_of(0.0, scale)).max() <= 12
    assert np.abs(right - colour_of(3.2, scale)).max() <= 12
    assert np.array_equal(view.model_layers.image.image, colors.scalar_image(ramp(0.0, 3.2), 0.0, 3.2, "sequential"))


def test_the_key_goes_with_the_map(view, qtbot):
    view.show_heatmap_override(ramp(-1, 1), BOUNDS, H13, (-1.0, 1.0))
    assert view.unit_key.isVisible()
    view.show_heatmap_override(None)
    assert not view.unit_key.isVisible() and view.unit_key_text() == ""
    assert not view.heatmap_override_active() and view.model_layers.contour.isVisible()
    assert np.array_equal(view.model_layers.image.image, colors.binary_image(np.full((100, 100), 0.8, np.float32)))


def test_the_legend_keeps_clear_of_the_key(view, qtbot):
    view.show_heatmap_override(ramp(-1, 1), BOUNDS, H13, (-1.0, 1.0))
    view.place_legend()
    legend = view.data_points.legend
    key = view.unit_key
    if legend.isVisible():
        assert not legend.mapRectToScene(legend.boundingRect()).intersects(key.mapRectToScene(key.boundingRect()))


def test_the_key_reads_in_the_dark_theme(view, qtbot):
    theme.manager().set_choice(ThemeChoice.DARK)
    view.show_heatmap_override(ramp(-1, 1), BOUNDS, H13, (-1.0, 1.0))
    qtbot.wait(20)
    image = rgb(view.grab())
    b0, b1, b2, b3 = on_grab(view, view.unit_key.boundingRect())
    _, r0, _, r1 = on_grab(view, view.unit_key.bar_rect())
    fill = hex_rgb(theme.current().score_fill)
    heading = image[b1 + 3 : r0 - 2, b0 + 3 : b2 - 3]
    below = image[r1 + 3 : b3 - 3, b0 + 3 : b2 - 3]
    # the box is the dark theme's, and its words stand out of it: many of their pixels at WCAG AA's contrast
    assert np.abs(image[b1 + 3, b0 + 3] - fill).max() <= 20
    assert readable_pixels(heading, fill) >= 40
    assert readable_pixels(below, fill) >= 120


def test_an_exported_plot_keeps_the_key(view, qtbot, tmp_path):
    from gui.files.exporters import export_png

    view.show_heatmap_override(ramp(-1, 1), BOUNDS, H13, (-1.0, 1.0))
    path = tmp_path / "plot.png"
    export_png(view.getPlotItem(), path, scale=2)
    image = rgb(QImage(str(path)))
    key = view.unit_key
    # where the bar is on screen, at twice the size (the export draws the plot item's scene region scaled)
    origin = view.getPlotItem().mapRectToScene(view.getPlotItem().boundingRect()).topLeft()
    bar = key.mapRectToScene(key.bar_rect()).translated(-origin)
    row = int(2 * bar.center().y())
    scale = MapScale(-1.0, 1.0, "diverging")
    assert np.abs(image[row, int(2 * bar.left()) + 5] - colour_of(-1.0, scale)).max() <= 12
    assert np.abs(image[row, int(2 * bar.right()) - 5] - colour_of(1.0, scale)).max() <= 12
