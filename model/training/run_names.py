"""What a run can be called: one line of at most ``MAX_RUN_NAME_CHARS`` characters, none the same as another live
run's.

A run's name reaches every place a run is named (the run table, the chart's legend, the compare panes, the
timeline) and a session file. It is "Run N", a lesson's label (any text its file holds), or made from another
name: "Run 3 from epoch 120" (a branch), "Run 3 (restored)" (a restore), which grow with every branch of a
branch. The group passes each through ``fitting`` (one line, cut to length, never empty) and ``distinct`` (never
a second live model under one name: two branches from one moment would be), so that every name it gives, and
so every name a session file is written with, passes ``name_problem``, which is what opening a file checks.
``run_name`` does both for a new run: the live group names its runs with it, and so does the window's copy of the
compared models while the training process is dead, so that the two cannot name a run differently.

Pure Python: this module must never import Qt.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection

#: The longest name a run is given or a file may hold (a lesson's label is at most 200 characters too).
MAX_RUN_NAME_CHARS = 200
#: Control characters (tab, newline, NUL, ...) and the Unicode line and paragraph separators: they break a name's
#: one line in a table cell or a pane's title.
_BREAKING = frozenset({"Cc", "Zl", "Zp"})


def _breaks_line(character: str) -> bool:
    return unicodedata.category(character) in _BREAKING


def name_problem(name: object) -> str | None:
    """What is wrong with ``name`` as a run's name, or None when it is one the app could have given."""
    if not isinstance(name, str):
        return "is not text"
    if not name.strip():
        return "is empty"
    if len(name) > MAX_RUN_NAME_CHARS:
        return f"is {len(name):,} characters long (at most {MAX_RUN_NAME_CHARS})"
    if any(_breaks_line(c) for c in name):
        return "holds a line break or another control character"
    return None


def fitting(name: str) -> str:
    """``name`` as one line (each run of line breaks, tabs and other control characters a space, no spaces around
    it) of at most ``MAX_RUN_NAME_CHARS`` characters (cut with "…"); "" when nothing is left."""
    text = "".join(" " if _breaks_line(c) else c for c in name)
    text = " ".join(text.split())
    if len(text) > MAX_RUN_NAME_CHARS:
        text = text[: MAX_RUN_NAME_CHARS - 1].rstrip() + "\u2026"
    return text


def distinct(name: str, taken: Collection[str], first: int = 2) -> str:
    """``name``, or when another live run has it, "``name`` (2)", "(3)" ... the first one free (``name`` cut to
    leave room for it); from "(1)" with ``first=1`` (an earlier run stepping aside for a lesson's model)."""
    if name not in taken:
        return name
    n = first
    while True:
        suffix = f" ({n})"
        candidate = fitting(name[: MAX_RUN_NAME_CHARS - len(suffix)]) + suffix
        if candidate not in taken:
            return candidate
        n += 1


def run_name(wanted: str, run_id: int, taken: Collection[str]) -> str:
    """The name of a new run numbered ``run_id``: ``wanted`` (a lesson's label, a branch's name; "" for none) as one
    line (``fitting``), "Run ``run_id``" when nothing is left, made distinct from ``taken``: the names of the other
    live runs, the main model's among them."""
    return distinct(fitting(wanted) or f"Run {run_id}", taken)


__all__ = ["MAX_RUN_NAME_CHARS", "distinct", "fitting", "name_problem", "run_name"]
