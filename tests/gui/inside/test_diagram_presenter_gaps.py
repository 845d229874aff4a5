"""In presenter mode the network diagram's lines are wider, and so are the gaps between its node maps: at the
size the diagram has in a 1280×720 presenter window, two maps of a column stand at least 12 px apart (they were
8 px apart, the wide lines filling the gap so that they looked joined), the switch on a map's corner stays clear
of the map above it, and the ordinary look keeps its maps as they were."""

from __future__ import annotations

import math

import numpy as np

from gui.inside.diagram_canvas import DiagramCanvas
from gui.inside.network_diagram import NetworkDiagram
from gui.widgets.plot_look import PRESENTER, PlotLook

PRESENTER_CANVAS = (380, 390)  # px: the diagram's canvas in a 1280×720 window in presenter mode


def _gaps(canvas: DiagramCanvas) -> list[float]:
    """The free space between every two neighbouring maps of a column."""
    return [float(np.min(np.diff(pos[:, 1]))) - canvas.node_px for pos in canvas.positions[1:] if len(pos) > 1]


def _canvas(qtbot, line_scale: float) -> DiagramCanvas:
    canvas = DiagramCanvas()
    qtbot.addWidget(canvas)
    canvas.sizes = (2, 8, 8, 1)
    canvas.labels = [["x₁", "x₂"]]
    canvas.line_scale = line_scale
    canvas.resize(*PRESENTER_CANVAS)
    canvas.layout_nodes()
    return canvas


def test_presenter_maps_keep_apart(qtbot):
    canvas = _canvas(qtbot, math.sqrt(PRESENTER.line_scale))
    assert min(_gaps(canvas)) >= 12, f"maps {canvas.node_px:.0f} px, gaps {_gaps(canvas)}"
    # a switch, centred on its map's top-right corner, keeps 4 px clear of the map above
    assert min(_gaps(canvas)) >= canvas.switch_radius + 4
    assert canvas.node_px >= 24  # still maps to read
    ordinary = _canvas(qtbot, 1.0)
    assert ordinary.node_px > canvas.node_px


def test_presenter_mode_lays_the_diagram_out_again(qtbot):
    diagram = NetworkDiagram()
    qtbot.addWidget(diagram)
    canvas = diagram.canvas
    canvas.sizes = (2, 8, 8, 1)
    canvas.labels = [["x₁", "x₂"]]
    canvas.resize(*PRESENTER_CANVAS)
    canvas.layout_nodes()
    before = canvas.node_px
    diagram.set_look(PRESENTER)
    assert canvas.node_px < before
    diagram.set_look(PlotLook())
    assert canvas.node_px == before
