"""The confusion matrix's column heads in a narrow dock: a class name that fits its column is written over it; one
of which nothing fits is left out (the class's symbol under it says which class, its row names it), rather than a
row of bare "…" over Iris's or Wine's columns."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QFontMetrics

from gui.inside.confusion_grid import TITLE_GAP, ConfusionGrid


def ink_over_the_columns(qtbot, names) -> int:
    """Dark pixels in the band of the column names, over the cells."""
    grid = ConfusionGrid()
    qtbot.addWidget(grid)
    counts = np.array([[5, 1, 0], [0, 6, 1], [1, 0, 7]])
    grid.set_matrix(counts, counts / counts.sum(axis=1, keepdims=True), names)
    grid.resize(165, 120)  # a narrow dock: cells of about 16 px, as Iris's beside the plot at 1024×700
    grid.show()
    qtbot.waitExposed(grid)
    image = grid.grab().toImage()
    fm = QFontMetrics(grid.font())
    left, _top, size = grid._layout()
    band_top = fm.height() + TITLE_GAP
    dark = 0
    for y in range(band_top, band_top + fm.height()):
        for x in range(left, left + 3 * size):
            if image.pixelColor(x, y).lightness() < 128:
                dark += 1
    return dark


@pytest.mark.parametrize(
    ("names", "written"), [(("setosa", "versicolor", "virginica"), False), (("0", "1", "2"), True)]
)
def test_a_column_name_is_written_only_when_some_of_it_fits(qtbot, names, written):
    assert (ink_over_the_columns(qtbot, names) > 0) == written
