"""The plane caption's lines break to the width the plot leaves beside the legend: after the comma first, then
between words into lines of even length; every word is kept, in order, and a line that fits stays whole."""

from __future__ import annotations

from gui.plot.plane_caption import wrap_evenly


def width_of(text: str) -> float:
    return 6.0 * len(text)  # a fixed-width font of 6 px a character


def test_a_line_that_fits_stays_whole():
    line = "PC1 (36 %) vs PC2 (20 %), other directions at the mean"
    assert wrap_evenly(line, width_of(line), width_of) == [line]


def test_a_long_line_breaks_after_its_comma_then_into_even_lines():
    first = "PC1 (36 %) vs PC2 (20 %), other directions at the mean"
    assert wrap_evenly(first, 200, width_of) == ["PC1 (36 %) vs PC2 (20 %),", "other directions at the mean"]
    second = "boundary through the mean of the other 11 directions"
    lines = wrap_evenly(second, 240, width_of)
    assert lines == ["boundary through the mean", "of the other 11 directions"]  # not 38 characters, then 13
    assert all(width_of(line) <= 240 for line in lines)


def test_no_word_is_lost_and_a_word_too_wide_keeps_a_line_of_its_own():
    line = "flavanoids vs color_intensity, other features at their mean"
    lines = wrap_evenly(line, 60, width_of)
    assert " ".join(lines) == line
    assert "color_intensity," in lines
