"""Formulas that a wrapping text never breaks inside: "∂L/∂w" or "1 − a²" stay on one line.

Qt wraps rich text where Unicode allows a line break: at spaces, but also after "/", "·", "′" or "−". A formula
split there reads as two fragments ("∂L/" at the end of one line, "∂w" at the start of the next). ``unbroken``
joins a formula's characters with word joiners (U+2060, invisible, no break allowed beside them) and turns its
spaces into no-break spaces; HTML tags and entities inside it are left as they are. ``formula`` does the same
for a chain of equalities, but lets a long chain wrap before each "=", so that a chain wider than its label
still breaks between its links rather than inside one. ``formulas_unbroken`` finds the formulas of a lesson's
Markdown: its bold spans that hold mathematics and the runs of terms joined by operators ("f′(z) = 1 − a²"),
never inside a link, inline code or _emphasis_ (a lesson's own file may set one beside a formula).
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"
NO_BREAK_SPACE = "\u00a0"
ZERO_WIDTH_SPACE = "\u200b"  # a line may break here; nothing shows where it does not
SHORT_FORMULA = 24  # characters: a formula this short never wraps, even between the links of a chain

_MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")  # kept as they are: HTML tags and entities
# a run of terms joined by operators written with spaces around them: "f′(z) = 1 − a²", "w ← w + η·y·x"
_OPERATOR_RUN = re.compile(r"[^\s*]+(?: [=−+·←≤≥⊙/×] [^\s*]+)+")
_CHAIN_LINK = re.compile(r" (?=[=←] )")  # the space before a chain's "=" or "←": where a long chain may break
_BOLD = re.compile(r"\*\*(.+?)\*\*")
# left as they are: links and images ("[text](address)"), inline code, and words in _emphasis_
_MARKDOWN_MARKS = re.compile(r"(!?\[[^\]]*\]\([^)]*\)|`[^`]*`|(?<!\w)_[^_\s](?:[^_]*[^_\s])?_(?!\w))")
_MATH = re.compile(r"[=←·⊙∂Σσ≤≥√]|\S [−+/×] \S")  # what makes a bold span a formula, not a word in bold


def unbroken(text: str) -> str:
    """``text`` (plain or rich) that wraps nowhere inside: word joiners between its characters, no-break spaces."""
    pieces = []
    for part in _MARKUP.split(text):
        if not part:
            continue
        if _MARKUP.fullmatch(part):
            pieces.append(part)
        else:
            pieces.append(WORD_JOINER.join(part.replace(" ", NO_BREAK_SPACE)))
    return WORD_JOINER.join(pieces)


def formula(text: str) -> str:
    """A formula kept whole; a long chain "a = b = c" or "w ← w − …" (over ``SHORT_FORMULA`` characters) link by
    link: a line may break only before one of its "=" or "←" (which starts the next line, with the link it
    introduces). A link that is itself long (a sum of products written out in numbers, Adam's update) may also
    break before each of its "+" and "−" outside parentheses, and a term still long before its "·" outside
    parentheses: kept whole, such a link made the slow step's caption wider than the dock it stands in."""
    if _visible_length(text) <= SHORT_FORMULA:
        return unbroken(text)
    return " ".join(_link(link) for link in _CHAIN_LINK.split(text))


def _visible_length(text: str) -> int:
    return len(_MARKUP.sub("", text))


def _link(text: str) -> str:
    """One link of a chain: whole when short, else term by term, a long term factor by factor."""
    if _visible_length(text) <= SHORT_FORMULA:
        return unbroken(text)
    out = []
    for term in _top_level_pieces(text, (" + ", " − ")):
        if _visible_length(term) <= SHORT_FORMULA:
            out.append(unbroken(term))
        else:  # a break before a "·" shows nothing where the line does not break there
            out.append(ZERO_WIDTH_SPACE.join(unbroken(f) for f in _top_level_pieces(term, ("·",))))
    return " ".join(out)


def _top_level_pieces(text: str, separators: tuple[str, ...]) -> list[str]:
    """``text`` cut before each separator that stands outside parentheses and HTML tags (a separator's leading
    space is dropped: the pieces are joined again with a space)."""
    pieces, start, depth, i = [], 0, 0, 0
    while i < len(text):
        c = text[i]
        if c == "<":  # a tag: "<sup>t</sup>"
            close = text.find(">", i)
            i = len(text) if close < 0 else close + 1
            continue
        depth += (c == "(") - (c == ")")
        if depth == 0 and i > start:
            sep = next((sep for sep in separators if text.startswith(sep, i)), None)
            if sep is not None:
                pieces.append(text[start:i])
                start = i + 1 if sep.startswith(" ") else i
        i += 1
    pieces.append(text[start:])
    return [piece for piece in pieces if piece]


def plain(text: str) -> str:
    """``text`` as a reader copies it: without the word joiners, with ordinary spaces."""
    return text.replace(WORD_JOINER, "").replace(ZERO_WIDTH_SPACE, "").replace(NO_BREAK_SPACE, " ")


def formulas_unbroken(markdown: str) -> str:
    """A lesson's Markdown with its formulas kept whole: every bold span with mathematics in it (the lessons set
    their formulas in bold; "**Try this**" is words) and every run of terms joined by spaced operators. The
    Markdown's own marks (the ``**``) stay."""
    out = []
    last = 0
    for match in _BOLD.finditer(markdown):
        out.append(_operator_runs_unbroken(markdown[last : match.start()]))
        inside = match.group(1)
        out.append(f"**{formula(inside)}**" if _MATH.search(inside) else _operator_runs_unbroken(match.group(0)))
        last = match.end()
    out.append(_operator_runs_unbroken(markdown[last:]))
    return "".join(out)


def _operator_runs_unbroken(text: str) -> str:
    # a lesson's own file may hold links, inline code and emphasis next to a formula: a joiner inside their marks
    # (or a link's address) would show the marks as text
    return "".join(
        part if _MARKDOWN_MARKS.fullmatch(part) else _OPERATOR_RUN.sub(lambda m: formula(m.group(0)), part)
        for part in _MARKDOWN_MARKS.split(text)
        if part
    )
