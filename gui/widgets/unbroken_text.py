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
SHORT_FORMULA = 24  # characters: a formula this short never wraps, even between the links of a chain

_MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")  # kept as they are: HTML tags and entities
# a run of terms joined by operators written with spaces around them: "f′(z) = 1 − a²", "w ← w + η·y·x"
_OPERATOR_RUN = re.compile(r"[^\s*]+(?: [=−+·←≤≥⊙/×] [^\s*]+)+")
_TERM_SIGN = re.compile(r" (?=[+−] )")  # the space before a spaced "+" or "−": where a long sum may break
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
    """A formula kept whole; a long chain "a = b = c" (over ``SHORT_FORMULA`` characters) link by link: a line
    may break only before one of its "=" (the "=" starts the next line, with the link it introduces). A link that
    is itself long (a sum of many products, written out in numbers) may also break before each of its spaced
    "+" and "−", term by term: kept whole, it made the slow step's caption wider than the dock it stands in."""
    if _visible_length(text) <= SHORT_FORMULA:
        return unbroken(text)
    links = text.split(" = ")
    return " ".join([_link(links[0])] + [_link("= " + link) for link in links[1:]])


def _visible_length(text: str) -> int:
    return len(_MARKUP.sub("", text))


def _link(text: str) -> str:
    """One link of a chain, whole when short, else term by term (a line may break before a term's sign)."""
    if _visible_length(text) <= SHORT_FORMULA:
        return unbroken(text)
    terms = [""]
    for part in _MARKUP.split(text):  # signs inside HTML tags are left alone
        if not part:
            continue
        if _MARKUP.fullmatch(part):
            terms[-1] += part
            continue
        first, *rest = _TERM_SIGN.split(part)
        terms[-1] += first
        terms.extend(rest)
    return " ".join(unbroken(term) for term in terms if term)


def plain(text: str) -> str:
    """``text`` as a reader copies it: without the word joiners, with ordinary spaces."""
    return text.replace(WORD_JOINER, "").replace(NO_BREAK_SPACE, " ")


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
