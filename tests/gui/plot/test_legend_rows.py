"""The legend of many classes stands in rows: on a 1024×700 window's plot the digits' ten classes take two rows of
five and the test points' and the rings' entries a row of their own, all of it on at most an eighth of the plot
(in two columns as wide as "misclassified" it took a third), every entry whole, in a corner clear of the points
and of the score, in the dark theme's colours too, and hidden when the person hides it. A few classes are still
listed one under the other."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRectF

from gui.panels.data_panel import DEFAULTS, build_dataset
from gui.plot.points_legend import LEGEND_COLOURS, row_length
from gui.widgets import theme
from tests.gui.plot.test_legend_place import hidden_points, settled
from tests.gui.plot.test_points_legend import most_common, pixels_of

MOST_OF_THE_PLOT = 0.12  # the share of the plot's area the digits' legend may take at 1024×700


def entries(legend) -> list[tuple[str, QRectF, QRectF]]:
    """Each entry's words, and its sample's and its words' boxes in the scene."""
    return [(label.text, sample.sceneBoundingRect(), label.sceneBoundingRect()) for sample, label in legend.items]


def rows_of(legend) -> list[list[str]]:
    """The entries' words, row by row as a person reads them (top to bottom, left to right)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for text, sample, _words in entries(legend):
        rows.setdefault(round(sample.center().y()), []).append((sample.left(), text))
    return [[text for _x, text in sorted(row)] for _y, row in sorted(rows.items())]


def check_whole(legend) -> None:
    """Every entry inside the legend's box, its words as wide as they are written, no two entries' ink (the
    words without their text margin, the marker drawn in the middle of its sample) overlapping."""
    box = legend.sceneBoundingRect()
    seen: list[QRectF] = []
    for sample, label in legend.items:
        text, words = label.text, label.sceneBoundingRect()
        assert box.contains(sample.sceneBoundingRect()) and box.contains(words), f"{text!r} reaches out of the box"
        assert words.width() >= label.item.boundingRect().width() - 0.5, f"{text!r} is cut"
        margin = label.item.document().documentMargin()
        size = sample.item.opts["size"]
        centre = sample.sceneBoundingRect().center()
        ink = [words.adjusted(margin, margin, -margin, -margin), QRectF(0, 0, size, size).translated(centre)]
        ink[1].moveCenter(centre)
        for mine in ink:
            assert not any(mine.intersects(other) for other in seen), f"{text!r} overlaps another entry"
        seen += ink


def test_at_1024x700_the_digits_legend_stands_in_rows_on_a_small_share_of_the_plot(make_window, qtbot):
    w = make_window(size=(1024, 700), dataset="digits")
    view = w.boundary_view
    legend = view.data_points.legend
    qtbot.waitUntil(lambda: legend.has_entries() and view._score.isVisible(), timeout=10000)
    settled(qtbot, view)
    assert legend.isVisible() and legend.form() == ""  # every entry, not the classes alone
    assert rows_of(legend) == [["0", "1", "2", "3", "4"], ["5", "6", "7", "8", "9"], ["test points", "misclassified"]]
    check_whole(legend)
    box, plot = legend.sceneBoundingRect(), view.vb.sceneBoundingRect()
    share = box.width() * box.height() / (plot.width() * plot.height())
    assert share <= MOST_OF_THE_PLOT, f"the legend covers {share:.0%} of the plot ({box.size()} of {plot.size()})"
    # still where it hides no point, clear of the score
    assert hidden_points(view) == []
    assert not box.intersects(view._score.sceneBoundingRect())

    w.boundary_view.legend_hand.show_action.setChecked(False)  # View ▸ Plot legend
    assert not legend.isVisible()
    w.boundary_view.legend_hand.show_action.setChecked(True)
    settled(qtbot, view)
    assert legend.isVisible() and rows_of(legend)[-1] == ["test points", "misclassified"]


@pytest.mark.parametrize("dark", [False, True])
def test_the_rows_take_the_themes_colours(boundary_view, qtbot, dark):
    view = boundary_view
    themes = theme.manager()
    choice = themes.choice
    try:
        themes.set_choice(theme.ThemeChoice.DARK if dark else theme.ThemeChoice.LIGHT)
        view.set_dataset(build_dataset({**DEFAULTS, "name": "digits"}), 1)
        settled(qtbot, view)
        legend = view.data_points.legend
        words = [label.item.defaultTextColor().lightness() for _s, label in legend.items[:11]]  # not the greyed
        assert all(c > 180 for c in words) if dark else all(c < 80 for c in words)
        box = most_common(pixels_of(view, legend)).astype(int)  # the box, as the points show through it
        assert np.abs(box - np.array(_rgb(LEGEND_COLOURS[dark][0]))).max() <= 24
        check_whole(legend)
    finally:
        themes.set_choice(choice)


def _rgb(name: str) -> tuple[int, int, int]:
    return int(name[1:3], 16), int(name[3:5], 16), int(name[5:7], 16)


@pytest.mark.parametrize("name", ["moons", "iris", "blobs"])
def test_a_few_classes_are_still_listed_one_under_the_other(boundary_view, qtbot, name):
    view = boundary_view
    view.set_dataset(build_dataset({**DEFAULTS, "name": name}), 1)
    settled(qtbot, view)
    legend = view.data_points.legend
    rows = rows_of(legend)
    assert all(len(row) == 1 for row in rows) and rows[-2:] == [["test points"], ["misclassified"]]
    check_whole(legend)


def test_rows_are_as_even_as_they_can_be():
    assert [row_length(n) for n in (5, 6, 7, 8, 9, 10, 11, 12, 15, 16)] == [5, 3, 4, 4, 5, 5, 4, 4, 5, 4]
