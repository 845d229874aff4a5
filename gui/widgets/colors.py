"""Colours and marker symbols for classes, and fast NumPy colouring of probability grids.

Class colours follow the Okabe-Ito palette (safe for the common colour-vision deficiencies); every
class also has its own marker symbol, so classes stay distinguishable without colour at all.

The image helpers turn a model's grid into a ``uint8`` RGBA image of shape (G, G, 4) through a
256-entry lookup table (one fancy-indexing pass over a ``uint32`` view), fast enough to run for every
frame: a 200 x 200 grid takes a few hundred microseconds.

* two classes: P(class 2) -> a diverging map, class-1 colour -> near-white (unsure) -> class-2 colour;
* K classes: the most probable class's colour, blended toward white as the model gets unsure;
* in the dark theme both start from a dark grey instead (``Shading``): unsure is dark, each class a dark tint;
* regression / neuron heatmaps: a neutral map that does not look like any class.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# Okabe & Ito (2008) "Color Universal Design", plus a grey, a dark red-brown and an indigo for classes 8 to 10
# (ten: the digits data set).
CLASS_COLORS: tuple[str, ...] = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#7F7F7F",  # grey (Okabe-Ito's black, lightened so a dark outline stays visible)
    "#8C4A2F",  # dark red-brown
    "#3B2A8C",  # indigo (dark, unlike the sky blue and the blue; its symbol tells it from the brown)
)
CLASS_NAMES_OF_COLORS: tuple[str, ...] = (
    "orange",
    "sky blue",
    "bluish green",
    "yellow",
    "blue",
    "vermillion",
    "reddish purple",
    "grey",
    "brown",
    "indigo",
)
# pyqtgraph marker symbols, one per class.
CLASS_SYMBOLS: tuple[str, ...] = ("o", "s", "t", "d", "+", "x", "star", "p", "h", "t1")
MAX_CLASSES = len(CLASS_COLORS)

NEAR_WHITE = (248, 248, 246)
NAN_RGBA = (200, 200, 200, 255)  # a grid cell that is NaN (a diverged model)
OUTLINE = "#202020"  # dark outline around filled markers
BOUNDARY_LINE = "#262626"  # decision-boundary contour
MISCLASSIFIED = "#000000"  # ring around misclassified points (drawn over a white halo)
REGRESSION_POINT = "#0072B2"

LUT_SIZE = 256
# How far a fully confident cell goes from near-white toward the class colour: < 1 keeps the
# background lighter than the markers drawn over it.
DEFAULT_STRENGTH = 0.72


@dataclass(frozen=True)
class Shading:
    """What the boundary's shading starts from (where the model is unsure), how far a sure cell goes toward its
    class colour, and the boundary line drawn over it."""

    base: tuple[int, int, int] = NEAR_WHITE
    strength: float = DEFAULT_STRENGTH
    line: str = BOUNDARY_LINE


LIGHT_SHADING = Shading()
#: The dark theme's: unsure cells near the plot's dark background, a sure cell a bit more than half way to its class
#: colour (darker tints than the markers drawn over them, which keep their full colours), a light boundary line.
DARK_SHADING = Shading(base=(38, 42, 48), strength=0.5, line="#e4e7eb")


def _hex_to_rgb(color: str) -> tuple[int, int, int]:
    c = color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


CLASS_RGB = np.array([_hex_to_rgb(c) for c in CLASS_COLORS], dtype=np.uint8)  # (10, 3)


def class_color(k: int) -> str:
    """Hex colour of class k (cycles after 10)."""
    return CLASS_COLORS[int(k) % MAX_CLASSES]


def class_symbol(k: int) -> str:
    """pyqtgraph marker symbol of class k (cycles after 10)."""
    return CLASS_SYMBOLS[int(k) % MAX_CLASSES]


def class_qcolor(k: int, alpha: int = 255):
    """QColor of class k (imports Qt lazily so the NumPy helpers work without it)."""
    from PySide6.QtGui import QColor

    c = QColor(class_color(k))
    c.setAlpha(int(alpha))
    return c


# ---------------------------------------------------------------------------------------------- tables
def _blend(white: np.ndarray, color: np.ndarray, t: np.ndarray) -> np.ndarray:
    """(n,) weights t in [0, 1] -> (n, 3) float colours from white (t=0) to color (t=1)."""
    return white[None, :] + (color[None, :] - white[None, :]) * t[:, None]


def _pack(rgb: np.ndarray) -> np.ndarray:
    """(..., 3) float/uint8 RGB -> (...,) uint32 whose bytes are R, G, B, 255 in memory order."""
    rgb = np.clip(np.rint(rgb), 0, 255).astype(np.uint8)
    rgba = np.empty(rgb.shape[:-1] + (4,), dtype=np.uint8)
    rgba[..., :3] = rgb
    rgba[..., 3] = 255
    return np.ascontiguousarray(rgba).view(np.uint32)[..., 0]


@lru_cache(maxsize=64)
def diverging_lut(
    c0: int = 0, c1: int = 1, strength: float = DEFAULT_STRENGTH, base: tuple[int, int, int] = NEAR_WHITE
) -> np.ndarray:
    """(256,) uint32 RGBA table: entry i is the colour for P(class c1) = i / 255 (``base`` at 0.5)."""
    white = np.array(base, dtype=np.float64)
    p = np.linspace(0.0, 1.0, LUT_SIZE)
    conf = np.abs(2.0 * p - 1.0) * strength  # 0 at p = 0.5, `strength` at p = 0 or 1
    target = np.where((p < 0.5)[:, None], CLASS_RGB[c0].astype(float), CLASS_RGB[c1].astype(float))
    lut = _pack(white[None, :] + (target - white[None, :]) * conf[:, None])
    lut.setflags(write=False)
    return lut


@lru_cache(maxsize=16)
def multiclass_lut(
    n_classes: int, strength: float = DEFAULT_STRENGTH, base: tuple[int, int, int] = NEAR_WHITE
) -> np.ndarray:
    """(K, 256) uint32 RGBA table: [k, i] is class k's colour at confidence i / 255 (``base`` at 0)."""
    white = np.array(base, dtype=np.float64)
    t = np.linspace(0.0, 1.0, LUT_SIZE) * strength
    rows = [_pack(_blend(white, CLASS_RGB[k % MAX_CLASSES].astype(float), t)) for k in range(n_classes)]
    lut = np.stack(rows)
    lut.setflags(write=False)
    return lut


def _interp_stops(stops: list[tuple[float, tuple[int, int, int]]]) -> np.ndarray:
    x = np.linspace(0.0, 1.0, LUT_SIZE)
    pos = np.array([s[0] for s in stops])
    cols = np.array([s[1] for s in stops], dtype=np.float64)
    return np.stack([np.interp(x, pos, cols[:, c]) for c in range(3)], axis=1)


@lru_cache(maxsize=8)
def scalar_lut(name: str = "regression") -> np.ndarray:
    """(256,) uint32 RGBA table of a neutral colormap that does not imitate any class colour.

    ``"regression"``: a lightened cividis (blue-grey -> khaki; designed for colour-vision deficiency);
    ``"regression_points"``: the same at full strength, for the data points drawn over it;
    ``"diverging"``: slate blue -> near-white -> brown, for signed values such as tanh activations in [-1, 1];
    ``"sequential"``: near-white -> dark slate, for values in [0, 1].
    """
    if name in ("regression", "regression_points"):
        # cividis key colours (Nuñez et al. 2018); the surface is blended 35 % toward white so markers
        # (drawn in the full-strength colours) stay readable on it.
        stops = [
            (0.0, (0, 34, 78)),
            (0.25, (61, 78, 108)),
            (0.5, (124, 123, 120)),
            (0.75, (188, 175, 111)),
            (1.0, (255, 234, 70)),
        ]
        rgb = _interp_stops(stops)
        if name == "regression":
            rgb = rgb + (np.array(NEAR_WHITE, dtype=float) - rgb) * 0.35
    elif name == "diverging":
        rgb = _interp_stops([(0.0, (59, 86, 122)), (0.5, NEAR_WHITE), (1.0, (130, 84, 42))])
    elif name == "sequential":
        rgb = _interp_stops([(0.0, NEAR_WHITE), (1.0, (47, 62, 79))])
    else:
        raise ValueError(f"unknown colormap {name!r}")
    lut = _pack(rgb)
    lut.setflags(write=False)
    return lut


# ---------------------------------------------------------------------------------------------- images
def lut_index(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Float array -> intp indices 0..255 of values mapped linearly from [lo, hi] (clipped)."""
    scale = (LUT_SIZE - 1) / (hi - lo) if hi > lo else 0.0
    idx = (np.asarray(values, dtype=np.float32) - np.float32(lo)) * np.float32(scale) + np.float32(0.5)
    np.fmax(idx, 0, out=idx)  # fmax/fmin also turn NaN into a valid index; callers patch NaN cells
    np.fmin(idx, LUT_SIZE - 1, out=idx)
    return idx.astype(np.intp)


def _as_rgba(packed: np.ndarray) -> np.ndarray:
    """(G, H) uint32 -> (G, H, 4) uint8 (a view; the packed array is freshly allocated by the caller)."""
    return np.ascontiguousarray(packed).view(np.uint8).reshape(packed.shape + (4,))


def _patch_nan(rgba: np.ndarray, values: np.ndarray) -> np.ndarray:
    bad = ~np.isfinite(values)
    if bad.any():
        rgba[bad] = NAN_RGBA
    return rgba


def binary_image(
    p: np.ndarray,
    c0: int = 0,
    c1: int = 1,
    strength: float = DEFAULT_STRENGTH,
    base: tuple[int, int, int] = NEAR_WHITE,
) -> np.ndarray:
    """(G, H) P(class c1) -> (G, H, 4) uint8 RGBA through the diverging class-c0 / class-c1 map."""
    p = np.asarray(p)
    lut = diverging_lut(int(c0), int(c1), float(strength), tuple(base))
    rgba = _as_rgba(lut[lut_index(p, 0.0, 1.0)])
    return _patch_nan(rgba, p)


def multiclass_image(
    probs: np.ndarray, strength: float = DEFAULT_STRENGTH, base: tuple[int, int, int] = NEAR_WHITE
) -> np.ndarray:
    """(G, H, K) class probabilities -> (G, H, 4) uint8: argmax colour, whitened by uncertainty.

    The confidence (max p - 1/K) / (1 - 1/K) is 0 where all classes are equally likely (white) and 1
    where one class is certain (full colour).
    """
    probs = np.asarray(probs)
    k = probs.shape[-1]
    # argmax over a short last axis is slow in NumPy (a strided reduction): go class-major, take the
    # max (fast), then mark each cell's first class reaching it, lowest class last so it wins ties.
    q = np.ascontiguousarray(np.moveaxis(probs, -1, 0), dtype=np.float32)
    top = q.max(axis=0)
    flat_index = np.full(top.shape, (k - 1) * LUT_SIZE, dtype=np.intp)  # winner * 256
    for j in range(k - 2, -1, -1):
        np.putmask(flat_index, q[j] == top, j * LUT_SIZE)
    flat_index += lut_index(top, 1.0 / k, 1.0)
    lut = multiclass_lut(int(k), float(strength), tuple(base)).reshape(-1)
    rgba = _as_rgba(lut[flat_index])
    return _patch_nan(rgba, top)


def probability_image(grid: np.ndarray, n_classes: int | None = None, shading: Shading = LIGHT_SHADING) -> np.ndarray:
    """Dispatch: a (G, H) grid is P(class 2) of a two-class model, a (G, H, K) grid holds K probabilities."""
    grid = np.asarray(grid)
    strength, base = shading.strength, shading.base
    if grid.ndim == 2:
        return binary_image(grid, strength=strength, base=base)
    if grid.ndim == 3:
        if grid.shape[-1] == 1:
            return binary_image(grid[..., 0], strength=strength, base=base)
        return multiclass_image(grid, strength, base)
    raise ValueError(f"grid must have shape (G, H) or (G, H, K), got {grid.shape}")


def scalar_image(values: np.ndarray, vmin: float, vmax: float, name: str = "regression") -> np.ndarray:
    """(G, H) values -> (G, H, 4) uint8 through a neutral colormap over [vmin, vmax]."""
    values = np.asarray(values)
    rgba = _as_rgba(scalar_lut(name)[lut_index(values, vmin, vmax)])
    return _patch_nan(rgba, values)


def scalar_colors(values: np.ndarray, vmin: float, vmax: float, name: str = "regression") -> np.ndarray:
    """(n,) values -> (n, 4) uint8 RGBA (for colouring regression targets like the surface behind them)."""
    return scalar_image(np.asarray(values).reshape(-1), vmin, vmax, name).reshape(-1, 4)
