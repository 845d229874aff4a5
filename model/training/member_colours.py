"""The colours of the models trained side by side, and how each compared model gets one of its own.

The main model is drawn in ``MODEL_COLOURS[0]``; each compared model in another of them, never one another
compared model has: the compare panes, the chart's curves and a session file tell the models apart by their
colours. ``first_free`` is the colour a new model gets; ``distinct_colours`` gives a later model of a list that
repeats a colour the first one free instead (the group does so as models are added, and opening a session file
written with twins does so too, rather than refusing the person's work).

Pure Python: this module must never import Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

#: Okabe-Ito blue (the main model), bluish green, reddish purple and orange. Vermillion is left out: the main
#: model's test curve is drawn in it.
MODEL_COLOURS: tuple[str, ...] = ("#0072B2", "#009E73", "#CC79A7", "#E69F00")


def same_colour(a: str, b: str) -> bool:
    """Whether two "#rrggbb" colours (or "" for the default) are one (letters in either case)."""
    return a.lower() == b.lower()


def first_free(taken: Iterable[str]) -> str | None:
    """The first compared model's colour none of ``taken`` is (None when every one is taken)."""
    used = {c.lower() for c in taken}
    return next((c for c in MODEL_COLOURS[1:] if c.lower() not in used), None)


def distinct_colours(colours: Sequence[str]) -> list[str]:
    """``colours`` (the compared models', in their order) with each one an earlier model already has replaced by
    the first colour free (one no model of the list has): no two the same. A repeat stays only when no colour is
    free (more models than colours; at most three are compared, so never in the app)."""
    out = list(colours)
    for i, colour in enumerate(out):
        if any(same_colour(colour, earlier) for earlier in out[:i]):
            free = first_free([*out[:i], *out[i + 1 :]])
            if free is not None:
                out[i] = free
    return out


__all__ = ["MODEL_COLOURS", "distinct_colours", "first_free", "same_colour"]
