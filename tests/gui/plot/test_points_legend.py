"""The main plot's legend: names that come from files (class labels of a CSV) are shown as text, never as HTML; its
samples are seen on its box in both themes."""

from __future__ import annotations

import numpy as np
import pytest

from gui.widgets.theme import DARK, LIGHT
from model.data.dataset import Dataset
from tests.gui.pixels import PlotPixels, rgb

HOSTILE = ("<img src=x>", "<b>bold</b> & co")


def test_class_names_in_the_legend_are_plain_text(boundary_view):
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.5, 0.2], [0.2, 0.8]])
    ds = Dataset(X, np.array([0, 1, 0, 1]), np.zeros(4, bool), "classification", 2, HOSTILE)
    boundary_view.set_dataset(ds, 1)
    shown = [label.item.toPlainText() for _, label in boundary_view.data_points.legend.items]
    assert shown[:2] == list(HOSTILE)


def pixels_of(view, item) -> np.ndarray:
    """The pixels of a scene item (the legend, one of its samples), as the plot shows them."""
    a, b, c, d = PlotPixels.scene_rect(view, view, item.sceneBoundingRect(), view.grab().devicePixelRatio())
    return rgb(view.grab())[b:d, a:c]


def most_common(pixels: np.ndarray) -> np.ndarray:
    colours, counts = np.unique(pixels.reshape(-1, 3), axis=0, return_counts=True)
    return colours[np.argmax(counts)]


@pytest.mark.parametrize("dark", [False, True])
def test_the_ring_sample_is_seen_on_the_legend_box_in_both_themes(boundary_view, qtbot, dark):
    """The ring beside "misclassified" stands out from the legend's box at 3:1 or more in the dark theme too, as
    the rings do on the dark plot (a dark circle over a white halo): it was a black ring alone, 1.4:1 on the dark
    box, which a person could hardly see."""
    view = boundary_view
    view.set_dataset(Dataset.from_arrays(np.random.default_rng(0).normal(size=(40, 2)), np.arange(40) % 2), 1)
    view.set_theme(DARK if dark else LIGHT)
    qtbot.wait(50)
    legend = view.data_points.legend
    sample, words = legend.items[-1]
    assert words.text == "misclassified"
    box = most_common(pixels_of(view, legend))
    assert (luminance(box) < 0.05) == dark
    pixels = pixels_of(view, sample).reshape(-1, 3)
    ring = [p for p in pixels if contrast(p, box) >= 3.0]
    assert len(ring) >= 20  # a circle's worth of pixels, not a few stray ones


def luminance(c: np.ndarray) -> float:
    """WCAG's relative luminance of an RGB colour."""
    s = np.asarray(c, dtype=np.float64) / 255
    s = np.where(s <= 0.04045, s / 12.92, ((s + 0.055) / 1.055) ** 2.4)
    return float(s @ (0.2126, 0.7152, 0.0722))


def contrast(a: np.ndarray, b: np.ndarray) -> float:
    """WCAG's contrast ratio of two RGB colours."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
