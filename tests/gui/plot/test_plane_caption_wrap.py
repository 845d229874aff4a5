"""The plane caption's lines under the plot: each thing it says on a line of its own where each fits the view's
width; else run together and broken into as few lines as fit, of even length, between words (inside a name only
where it is wider than the plot); every word is kept, in order."""

from __future__ import annotations

from gui.plot.plane_caption import caption_lines
from tests.gui.plot.test_axis_titles_small_screen import rejoined


def width_of(text: str) -> float:
    return 6.0 * len(text)  # a fixed-width font of 6 px a character


PLANE = "PC1 (36 %) vs PC2 (20 %), other directions at the mean"
BOUNDARY = "boundary through the mean of the other 11 directions"


def test_statements_that_fit_keep_a_line_each():
    room = max(width_of(PLANE), width_of(BOUNDARY))
    assert caption_lines([PLANE, BOUNDARY], room, width_of) == [PLANE, BOUNDARY]


def test_a_statement_too_wide_runs_both_together_into_as_few_even_lines():
    plane = "mean concave points vs mean fractal dimension, other features at their mean"  # 75 characters
    boundary = "boundary through the mean of the other 28 features"
    room = 6.0 * 70  # too narrow for the first statement, wide enough for the two of them in two lines
    lines = caption_lines([plane, boundary], room, width_of)
    assert len(lines) == 2
    assert " ".join(lines) == f"{plane}; {boundary}"
    assert all(width_of(line) <= room for line in lines)
    assert abs(len(lines[0]) - len(lines[1])) <= 12  # even, not 70 characters and then 57


def test_no_word_is_lost_and_a_name_too_wide_is_broken_after_its_underscore():
    plane = "flavanoids vs color_intensity, other features at their mean"
    lines = caption_lines([plane, BOUNDARY], 60, width_of)
    assert all(width_of(line) <= 60 for line in lines)  # nothing runs off the plot's edge
    assert any(line.endswith("color_") for line in lines) and "intensity," in lines
    assert rejoined(lines) == f"{plane}; {BOUNDARY}"
