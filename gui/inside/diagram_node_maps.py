"""What fills the network diagram's nodes: each unit's map over the plot region (its output at every point of a
coarse grid, as TensorFlow Playground shows it) as a small image, or, on nodes too small for one, a disc
coloured by the map's mean; in the backward pass, a rim whose colour and width are the unit's dL/dz.

A unit's map over the plot's two coordinates needs a network of two inputs (plus extra features of them): with
more (n-D data) the nodes are left plain and the note says so.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

from gui.inside.diagram_geometry import thumb_size
from gui.inside.inspect_common import NEGATIVE, POSITIVE, fixed_colour_scale, rgba_to_qimage, unit_map_rgba
from gui.widgets import colors
from model.inside.neuron_maps import neuron_maps

MIN_THUMB_PX = 14  # smaller nodes are drawn as discs without a heat map


def activation_names(snap) -> list[str]:
    """Every layer's activation, "input" for the inputs."""
    return ["input"] + list(snap.activations) + [snap.output_activation]


def fill_nodes(canvas, snap, maps, *, thumbs: bool, bounds, probe=None):
    """Sets ``canvas``'s node images, fills and rims for ``snap`` and returns its ``NeuronMaps`` (None for a
    network of more than two raw inputs; ``maps``, the last ones, when none are wanted). ``thumbs``: the maps are
    wanted as images; ``bounds``: the plot region when the snapshot carries none; ``probe``: a probe whose dL/dz
    the rims show (None: no rims)."""
    canvas.images, canvas.node_fill, canvas.rims = {}, {}, {}
    n_nodes = sum(canvas.sizes)
    want_thumbs = thumbs and canvas.node_px >= MIN_THUMB_PX
    n_raw = canvas.sizes[0] - len(snap.features)
    if n_raw > 2:  # a unit's map over the plot's two coordinates needs a network of two inputs
        maps = None
    elif want_thumbs or canvas.node_px >= 3:
        maps = neuron_maps(snap, snap.grid_bounds or bounds, thumb_size(n_nodes))
    activations = activation_names(snap)
    for k, layer_maps in enumerate(maps.maps if maps is not None else ()):
        output = k == len(canvas.sizes) - 1
        classes = output and snap.task == "classification"
        layer_rgba = _layer_rgba(layer_maps, activations[k], classes) if want_thumbs else None
        for u in range(layer_maps.shape[0]):
            values = layer_maps[u]
            if want_thumbs:
                if layer_rgba is not None:
                    rgba = layer_rgba[u]
                else:
                    rgba = unit_map_rgba(
                        values,
                        activations[k],
                        task=snap.task,
                        unit=u if output else None,
                        n_outputs=canvas.sizes[-1],
                    )
                canvas.images[(k, u)] = rgba_to_qimage(rgba)
            else:
                mean = float(np.nanmean(values)) if np.isfinite(values).any() else 0.0
                rgba = unit_map_rgba(np.array([[mean]]), activations[k])[0, 0]
                canvas.node_fill[(k, u)] = QColor(int(rgba[0]), int(rgba[1]), int(rgba[2]))
    if probe is not None:
        for k, lp in enumerate(probe.layers, 1):
            dz = np.asarray(lp.dz)
            top = float(np.max(np.abs(dz))) if dz.size else 0.0
            for u, g in enumerate(dz):
                if top > 0 and abs(g) > 0:
                    color = QColor(POSITIVE if -g >= 0 else NEGATIVE)
                    canvas.rims[(k, u)] = (color, 1.0 + 3.0 * abs(g) / top)
    return maps


def _layer_rgba(layer_maps: np.ndarray, activation: str, classes: bool) -> np.ndarray | None:
    """(n, G, G, 4) RGBA of a whole layer's maps at once, as ``unit_map_rgba`` colours each on its own, when the
    activation fixes the colour scale (``fixed_colour_scale``: σ, softmax, step, tanh); None when each map has its
    own scale (ReLU, identity, the inputs) or the class colours (a classifier's outputs). One colour lookup for the 16
    maps of a layer instead of 16: the diagram's redraw is one of the window's longer turns while training."""
    fixed = None if classes else fixed_colour_scale(activation)
    if fixed is None:
        return None
    return colors.scalar_image(np.asarray(layer_maps, dtype=np.float32), *fixed)
