"""Text broken into lines for a given room: between words, else after a "_", "/" or "-" inside a name, else
between characters; as few lines as fit, of even length; shortened in the middle past a number of lines.

Pure arithmetic on a ``width_of(text) -> px`` function (a font's metrics), for what the plot writes along its edges:
its axis titles (``axis_title``) and the plane caption under it (``plane_caption``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

ELLIPSIS = "…"
#: a piece of a text up to where a line may break: after spaces, or after a "_", "/" or "-" inside a name
_PIECE = re.compile(r"[^ _/-]*[ _/-]*")

WidthOf = Callable[[str], float]


def text_lines(text: str, room: float, width_of: WidthOf, most: int | None = None) -> list[str]:
    """``text`` as lines no wider than ``room`` (by ``width_of``, in px): itself where it fits; else broken into as
    few lines as fit, as even in length as that many allow; shortened in the middle (``ELLIPSIS``) where it would
    need more than ``most`` (None: never). Joined again (a space where a line broke between words), the lines are the
    text."""
    if width_of(text) <= room or not text:
        return [text]
    if most is None or len(_fill(text, room, width_of)) <= most:
        return _even(text, room, width_of)
    # the most of the text's two ends that fit in ``most`` lines (fewer characters never need more lines)
    fits, too_many = 0, len(text)
    while too_many - fits > 1:
        keep = (fits + too_many) // 2
        if len(_fill(_shortened(text, keep), room, width_of)) <= most:
            fits = keep
        else:
            too_many = keep
    return _even(_shortened(text, fits), room, width_of)


def _shortened(text: str, keep: int) -> str:
    """``text``'s first and last characters, ``keep`` of them in all, around an ellipsis."""
    head = (keep + 1) // 2
    return text[:head] + ELLIPSIS + text[len(text) - (keep - head) :]


def _even(text: str, room: float, width_of: WidthOf) -> list[str]:
    """``text`` in as many lines as greedy filling of ``room`` needs, filled into the narrowest room that needs no
    more (lines of even length, not a full line and a word)."""
    count = len(_fill(text, room, width_of))
    narrow, wide = 0.0, float(room)  # greedy filling never needs fewer lines in a narrower room
    while wide - narrow > 1.0:
        middle = (narrow + wide) / 2
        if len(_fill(text, middle, width_of)) <= count:
            wide = middle
        else:
            narrow = middle
    return _fill(text, wide, width_of)


def _fill(text: str, room: float, width_of: WidthOf) -> list[str]:
    """``text``'s pieces joined greedily into lines no wider than ``room``; a piece wider than that alone is
    broken between its characters. Spaces ending a line are dropped."""
    lines: list[str] = []
    for piece in _PIECE.findall(text):
        parts = [piece] if width_of(piece.rstrip(" ")) <= room else list(piece)
        for part in parts:
            if lines and width_of((lines[-1] + part).rstrip(" ")) <= room:
                lines[-1] += part
            elif part != " " or not lines:
                lines.append(part)
    return [line.rstrip(" ") for line in lines if line.strip(" ")]
