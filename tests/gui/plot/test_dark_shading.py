"""In the dark theme the boundary's shading is dark too: unsure cells near the dark background, each class a dark
tint still told apart from the others, the boundary line light, the legend a dark box with light text; the light
theme's shading is as it always was."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QImage, QPainter

from gui.widgets import colors, theme
from model.data.dataset import Dataset
from tests.gui.plot.plot_helpers import snap

BOUNDS, G = (-6.0, 6.0, -6.0, 6.0), 60


def luminance(rgb) -> float:
    r, g, b = (float(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_the_shading_turns_dark_with_the_theme_and_light_again_exactly(boundary_view):
    view = boundary_view
    view.set_dataset(Dataset.from_arrays(np.array([[-3.0, 0.0], [3.0, 0.0]]), np.array([0, 1])), 1)
    xs = np.linspace(0.0, 1.0, G, dtype=np.float32)
    grid = np.tile(xs, (G, 1))  # P(class 2): sure of class 1 on the left, unsure in the middle, class 2 right
    themes = theme.manager()
    choice = themes.choice
    try:
        themes.set_choice(theme.ThemeChoice.LIGHT)  # by name: the test machine's own scheme may be either
        view.show_snapshot(snap(grid=grid, grid_bounds=BOUNDS))
        view.flush()
        light = view.model_layers.image.image.copy()
        assert np.array_equal(light, colors.binary_image(grid))  # the light theme's shading, as before
        themes.set_choice(theme.ThemeChoice.DARK)
        dark = view.model_layers.image.image  # drawn again at once, no new snapshot needed
        left, middle, right = dark[G // 2, 0], dark[G // 2, G // 2], dark[G // 2, -1]
        assert luminance(middle) < 60  # unsure: near the dark background
        for k, cell in ((0, left), (1, right)):
            assert luminance(cell) < luminance(light[G // 2, 0 if k == 0 else -1]) - 40  # darker than in light
            assert luminance(cell) > luminance(middle) + 20  # but a tint, not the background
        assert np.abs(left[:3].astype(int) - right[:3].astype(int)).sum() > 120  # the two classes told apart
        line = view.model_layers.contour.pen().color()
        assert line.lightness() > 200  # the boundary line reads on the dark tints
        legend = view.data_points.legend
        labels = [label.item.defaultTextColor() for _, label in legend.items]
        assert legend.brush().color().lightness() < 60 and labels and all(c.lightness() > 180 for c in labels)

        probs = np.zeros((G, G, 3), np.float32)
        for k in range(3):
            probs[:, k * G // 3 : (k + 1) * G // 3, k] = 1.0  # three classes, each sure in a band
        view.show_snapshot(snap(grid=probs, grid_bounds=BOUNDS))
        view.flush()
        tints = [view.model_layers.image.image[G // 2, (2 * k + 1) * G // 6, :3].astype(int) for k in range(3)]
        for a in range(3):
            assert luminance(tints[a]) < 150
            for b in range(a + 1, 3):
                assert np.abs(tints[a] - tints[b]).sum() > 60, (a, b)
        view.show_snapshot(snap(grid=grid, grid_bounds=BOUNDS))
        view.flush()
        themes.set_choice(theme.ThemeChoice.LIGHT)
        assert np.array_equal(view.model_layers.image.image, light)
        assert view.model_layers.contour.pen().color().name() == colors.BOUNDARY_LINE
        labels = [label.item.defaultTextColor() for _, label in legend.items]
        assert legend.brush().color().lightness() > 240 and all(c.lightness() < 80 for c in labels)
    finally:
        themes.set_choice(choice)


def _drawn_box(view) -> QImage:
    """The score box as it paints itself, on a mid-grey ground (so that neither a white nor a dark box is the
    ground's own colour)."""
    score = view._score
    rect = score.boundingRect()
    image = QImage(int(rect.width()) + 2, int(rect.height()) + 2, QImage.Format.Format_ARGB32)
    image.fill(QColor(128, 128, 128))
    painter = QPainter(image)
    painter.translate(-rect.left(), -rect.top())
    score.paint(painter, None)
    painter.end()
    return image


def test_the_score_box_turns_dark_with_the_theme_and_white_again(boundary_view):
    view = boundary_view
    view.set_dataset(Dataset.from_arrays(np.array([[-3.0, 0.0], [3.0, 0.0]]), np.array([0, 1])), 1)
    themes = theme.manager()
    choice = themes.choice
    try:
        themes.set_choice(theme.ThemeChoice.LIGHT)
        view.show_snapshot(snap(grid=np.full((G, G), 0.5, np.float32), grid_bounds=BOUNDS, epoch=12))
        view.flush()
        assert view.score_text()
        light = _drawn_box(view)
        assert light.pixelColor(3, 3).lightness() > 240  # white, as it always was
        assert view._score.border.color() == QColor("#bbbbbb")
        themes.set_choice(theme.ThemeChoice.DARK)
        dark = _drawn_box(view)
        assert dark.pixelColor(3, 3).lightness() < 60  # no white box on the dark plot
        inks = [QColor(c).lightness() for c in (theme.DARK.score_text, theme.DARK.score_soft)]
        assert min(inks) > 150  # light text on it
        ink = max(dark.pixelColor(x, y).lightness() for x in range(dark.width()) for y in range(dark.height()))
        assert ink > 150  # and drawn so
        themes.set_choice(theme.ThemeChoice.LIGHT)
        assert _drawn_box(view) == light
    finally:
        themes.set_choice(choice)


def test_a_closed_view_no_longer_follows_the_theme(boundary_view):
    """pyqtgraph's close deletes the plot's items at once, the view a moment later: a theme change in between (the
    next window setting its theme) must not reach the deleted items."""
    themes = theme.manager()
    choice = themes.choice
    boundary_view.close()
    try:
        themes.set_choice(theme.ThemeChoice.DARK)  # raised "Internal C++ object (CaptionRow) already deleted"
        themes.set_choice(theme.ThemeChoice.LIGHT)
    finally:
        themes.set_choice(choice)
