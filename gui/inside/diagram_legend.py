"""The network diagram's words: the legend under it (what the lines' colours and widths mean in the mode shown,
what a click does, why the switches are locked, which units new layers switched on again) and the note along
its bottom (lines left out, no maps of n-D inputs, the inputs drawn as one digit image), each note in full and in
a few words for a narrow diagram.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from gui.inside.inspect_common import NEGATIVE, POSITIVE
from gui.widgets.theme import LIGHT, Theme

LOCKED_PREFIX = "Locked by this lesson"  # how a lesson's locks begin their tips (gui.lessons.lesson_locks)
NOTE_ORDER = ("lines", "maps", "input")  # the notes under the diagram, in this order


def locked_switches_sentence(tip: str) -> str:
    """The legend's sentence for switches a lesson locked: "Locked by this lesson: the model type, …" becomes
    "Unit switches locked by this lesson, along with the model type, …", as the locked controls say it."""
    if not tip.startswith(LOCKED_PREFIX):
        return f"Unit switches locked: {tip}"
    what = tip[len(LOCKED_PREFIX) :].strip(" :.")
    return "Unit switches locked by this lesson" + (f", along with {what}." if what else ".")


def _key(positive: bool, word: str, ink: Theme) -> str:
    """A line colour's key: a square in the lines' colour, then its word in the matching text colour of ``ink`` (the
    lines' own blue and orange are too light for words on the dark theme's and the light theme's panels)."""
    line, text = (POSITIVE, ink.positive_text) if positive else (NEGATIVE, ink.negative_text)
    return f"<span style='color:{line}'>■</span> <span style='color:{text}'>{word}</span>"


def legend_text(
    mode: str,
    *,
    has_probe: bool,
    has_digit: bool,
    locked: bool,
    locked_tip: str,
    switched_on: str,
    ink: Theme = LIGHT,
) -> str:
    """The legend (rich text) for the lines' ``mode`` ("weights", "probe" or "signal"), in ``ink``'s colours."""
    if mode == "signal":
        text = (
            "Lines: what the drawn digit sends along each weight, the value leaving its source × the weight: "
            f"{_key(True, 'raises', ink)} / {_key(False, 'lowers', ink)} the next unit's input, width ∝ size. "
            + ("" if has_digit else "<i>Draw a digit (View ▸ Draw a digit) to see it.</i>")
        )
    elif mode == "probe" and not has_probe:
        text = (
            "<i>No probed point: Alt+click the plot (or use the probe tool) to see the "
            "backward pass of one point here.</i>"
        )
    elif mode == "probe":
        text = (
            f"Lines: the step gradient descent takes on each weight for the probed point, "
            f"−dL/dw: {_key(True, 'increases', ink)}, {_key(False, 'decreases', ink)}; width ∝ |dL/dw|; "
            f"arrows: the error flows backward. Rims: dL/dz of each unit."
        )
    else:
        text = (
            f"{_key(True, 'positive', ink)} / {_key(False, 'negative', ink)} weight, width ∝ |w| in its layer. "
            f"Hover for values; click a node to see its map on the plot, "
            f"its corner's switch to turn a hidden unit off."
        )
        if locked:
            text = text.replace(", its corner's switch to turn a hidden unit off.", ".")
            text += f" {html.escape(locked_switches_sentence(locked_tip))}"
    if switched_on:
        text += f"<br><b>Switched on again</b> (the new layers have no such unit): {switched_on}."
    return text


def lines_note(hidden: int) -> tuple[str, str] | None:
    """The note about the weaker lines left out, in full and in a few words (None when none are)."""
    if not hidden:
        return None
    return (
        f"showing the strongest weights of each layer ({hidden} weaker lines hidden)",
        f"{hidden} weaker lines hidden",
    )


def maps_note(n_raw: int) -> tuple[str, str]:
    """The note saying why the nodes have no maps of ``n_raw`` (more than two) inputs."""
    return f"no neuron maps of {n_raw} inputs (they need 2)", f"no maps of {n_raw} inputs"


def input_note(source: str | None) -> tuple[str, str]:
    """The note about the inputs drawn as one digit image: ``source`` "drawn" (the pad's digit), "stepped"
    (the sample a slow step takes), or None (no digit: a blank image)."""
    if source == "drawn":
        return "input: the drawn digit; units filled by their output for it", "input: the drawn digit"
    if source == "stepped":
        return "input: the step's sample, as its 8×8 image", "input: the step's sample"
    return "input: the 8×8 image (Draw a digit to see its path through the network)", "input: the 8×8 image"


def note_texts(notes: Mapping[str, tuple[str, str]]) -> tuple[str, str]:
    """Every note in full, and every note in a few words, each joined by "; " in ``NOTE_ORDER``."""
    present = [notes[key] for key in NOTE_ORDER if key in notes]
    return "; ".join(full for full, _ in present), "; ".join(short for _, short in present)
