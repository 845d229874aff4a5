"""A text's lines (an axis title, the plane caption): the text itself where it fits; else broken into as few lines as
fit, of even length, between words, else after a "_", "/" or "-" inside a name, else anywhere; every word kept; a
text that would need more lines than allowed (an axis title: three) shortened in the middle."""

from __future__ import annotations

from gui.plot.axis_title import MOST_LINES
from gui.plot.text_lines import ELLIPSIS, text_lines


def width_of(text: str) -> float:
    return 6.0 * len(text)  # a fixed-width font of 6 px a character


def test_a_title_that_fits_is_one_line():
    assert text_lines("mean fractal dimension", 6.0 * 22, width_of) == ["mean fractal dimension"]
    assert text_lines("x₂", 40, width_of) == ["x₂"]


def test_a_long_title_is_broken_between_words_into_as_few_even_lines():
    title = "temperature of the water at the surface C"  # 41 characters
    lines = text_lines(title, 6.0 * 30, width_of)
    assert len(lines) == 2 and " ".join(lines) == title
    assert all(width_of(line) <= 6.0 * 30 for line in lines)
    assert abs(len(lines[0]) - len(lines[1])) <= 6  # even, not 30 characters and then 10


def test_a_name_without_spaces_breaks_after_its_underscores_and_slashes():
    lines = text_lines("concentration_of_dissolved_oxygen_in_mgL", 6.0 * 25, width_of)
    assert lines == ["concentration_of_", "dissolved_oxygen_in_mgL"]
    lines = text_lines("od280/od315_of_diluted_wines", 6.0 * 16, width_of)
    assert "".join(lines) == "od280/od315_of_diluted_wines" and len(lines) == 2
    assert all(line.endswith(("_", "/")) for line in lines[:-1])


def test_a_word_longer_than_the_axis_is_broken_between_its_characters():
    lines = text_lines("mean pneumonoultramicroscopicsilicovolcanoconiosis", 6.0 * 20, width_of)
    assert "".join(lines).replace(" ", "") == "meanpneumonoultramicroscopicsilicovolcanoconiosis"
    assert all(width_of(line) <= 6.0 * 20 for line in lines) and len(lines) == 3


def test_a_title_needing_more_than_three_lines_is_shortened_in_the_middle():
    title = "the " + " ".join(f"word{k}" for k in range(40)) + " end"
    room = 6.0 * 30
    lines = text_lines(title, room, width_of, MOST_LINES)
    assert len(lines) == 3 and all(width_of(line) <= room for line in lines)
    joined = " ".join(lines)
    head, tail = joined.split(ELLIPSIS)
    assert title.startswith(head) and title.endswith(tail)
    assert len(joined) >= 3 * 30 - 12  # the three lines nearly full: as much of the title as fits


def test_without_a_limit_every_word_is_kept_however_many_lines_it_takes():
    text = "the " + " ".join(f"word{k}" for k in range(40)) + " end"
    lines = text_lines(text, 6.0 * 30, width_of)
    assert " ".join(lines) == text and len(lines) > 3
    assert all(width_of(line) <= 6.0 * 30 for line in lines)
