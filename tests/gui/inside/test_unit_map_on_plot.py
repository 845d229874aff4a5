"""A unit clicked in the network diagram, as a person sees it in a 1024×700 window: the plot shows that unit's map
with a key naming it as the diagram does, its colour bar in the map's colours for the values written under it; the
map and its key follow training and the timeline; Esc (or a click on the unit again) brings the boundary back."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from gui.widgets import colors
from model.inside.neuron_maps import unit_map
from model.nn.activations import get_activation
from tests.gui.pixels import PlotPixels, rgb


def click_node(qtbot, diagram, layer: int, unit: int) -> None:
    diagram.flush()
    centre = diagram.node_center(layer, unit)
    qtbot.mouseClick(diagram.canvas, Qt.MouseButton.LeftButton, pos=QPoint(int(centre.x()), int(centre.y())))


def bar_ends(view) -> tuple[np.ndarray, np.ndarray]:
    """The colours of the plot's grab at the ends of the key's colour bar (three pixels in, its middle row)."""
    key = view.unit_key
    c0, r0, c1, r1 = PlotPixels.scene_rect(view, view, key.mapRectToScene(key.bar_rect()))
    image = rgb(view.grab())
    row = (r0 + r1) // 2
    return image[row, c0 + 3].astype(float), image[row, c1 - 3].astype(float)


def test_a_units_map_says_what_it_is_and_escape_brings_the_boundary_back(make_window, qtbot):
    w = make_window(size=(1024, 700), dataset="xor", seed=3)
    view, iv = w.boundary_view, w.inside_views
    w.controller.step(60)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch >= 60, timeout=10000)
    iv.docks["diagram"].show()
    iv.docks["diagram"].raise_()
    snap = w.controller.latest_snapshot
    activation = get_activation(snap.activations[0]).display_name
    assert not view.unit_key.isVisible()

    click_node(qtbot, iv.diagram, 1, 2)
    assert view.heatmap_override_active() and view.unit_key.isVisible()
    lines = view.unit_key_text().splitlines()
    assert lines[0] == f"unit h1.3 · {activation}"
    assert lines[2:] == ["Esc or click it again: the boundary"]
    scale = view.unit_key.shown_scale
    assert lines[1] == "  …  ".join(
        {-1.0: "−1", 0.0: "0", 1.0: "+1"}.get(v, f"{v:+.2g}".replace("-", "−")) for v in scale.ticks()
    )
    # the map is that unit's output, drawn in the scale the key shows
    grid, bounds = view.model_layers.heatmap
    expected = unit_map(w.controller.latest_snapshot, bounds, grid.shape[0], 1, 2)
    assert np.allclose(grid, expected, atol=1e-5)
    assert np.array_equal(view.model_layers.image.image, colors.scalar_image(grid, scale.low, scale.high, scale.cmap))
    qtbot.wait(50)
    left, right = bar_ends(view)
    ends = colors.scalar_image(np.array([[scale.low, scale.high]], np.float32), scale.low, scale.high, scale.cmap)
    assert np.abs(left - ends[0, 0, :3]).max() <= 12
    assert np.abs(right - ends[0, 1, :3]).max() <= 12

    # training on, the map follows; the key stays
    before = grid.copy()
    w.controller.step(300)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch >= 360, timeout=10000)
    qtbot.waitUntil(lambda: not np.allclose(view.model_layers.heatmap[0], before, atol=1e-3), timeout=3000)
    assert view.unit_key_text().splitlines()[0] == f"unit h1.3 · {activation}"

    # the timeline's past: the map is the unit's output at that moment
    w.experiments.timeline.scrub_to(20)
    qtbot.waitUntil(lambda: w.experiments._moment is not None and w.experiments._moment.epoch == 20, timeout=10000)

    def shows_the_moment() -> bool:
        grid, bounds = view.model_layers.heatmap
        moment = unit_map(w.experiments._moment, bounds, grid.shape[0], 1, 2)
        return bool(np.allclose(grid, moment, atol=1e-5))

    qtbot.waitUntil(shows_the_moment, timeout=3000)
    assert view.unit_key.isVisible()

    # Esc: the boundary again, the key gone
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert not view.heatmap_override_active() and not view.unit_key.isVisible()
    assert view.unit_key_text() == "" and view.model_layers.contour.isVisible()
    assert iv.diagram.canvas.selected is None
    assert not iv.back_to_boundary_action.isEnabled()  # Esc means nothing more to the window

    # a click on another node shows its key; a click on it again takes it away
    click_node(qtbot, iv.diagram, len(snap.layer_sizes) - 1, 0)
    assert view.unit_key_text().splitlines()[0] == f"output · {get_activation(snap.output_activation).display_name}"
    click_node(qtbot, iv.diagram, len(snap.layer_sizes) - 1, 0)
    assert not view.unit_key.isVisible() and not view.heatmap_override_active()

    # a unit that the network no longer has: its map and key go, the boundary is back
    assert len(snap.layer_sizes) == 4  # two hidden layers
    click_node(qtbot, iv.diagram, 2, 5)
    assert view.unit_key_text().splitlines()[0] == f"unit h2.6 · {get_activation(snap.activations[1]).display_name}"
    w.model_panel._rows[1][3].click()  # the second hidden layer's "−"
    qtbot.waitUntil(lambda: len(w.controller.latest_snapshot.layer_sizes) == 3, timeout=10000)
    qtbot.waitUntil(lambda: not view.heatmap_override_active(), timeout=3000)
    assert not view.unit_key.isVisible() and view.model_layers.contour.isVisible()
    assert not iv.back_to_boundary_action.isEnabled()
