"""Class names cut to the room a label has, keeping the part that tells the classes apart.

Wine's classes are "cultivar 1", "cultivar 2", "cultivar 3": cut from the right to a narrow column, each reads
"cu…", the same for all three. A name that does not fit is first shortened where the names agree (the words they
all begin with, abbreviated: "c. 1"), then to the part that differs alone ("1"), and only then cut with "…"
(iris: "versi…"). Whoever draws the label keeps the whole name for its tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics


def _common_words(names: Sequence[str]) -> list[str]:
    """The words every name begins with, leaving each at least one word of its own."""
    split = [name.split() for name in names]
    if len(split) < 2:
        return []
    common: list[str] = []
    for words in zip(*split, strict=False):
        if len(set(words)) != 1:
            break
        common.append(words[0])
    if any(len(words) <= len(common) for words in split):
        common = common[: min(len(words) for words in split) - 1]
    return common


def shorter_forms(name: str, names: Sequence[str]) -> list[str]:
    """``name`` and its shorter forms among ``names``, longest first: the whole name; the words all names begin
    with abbreviated ("c. 1"); the part that differs alone ("1")."""
    forms = [name]
    common = _common_words(names)
    if common and name.split()[: len(common)] == common:
        own = " ".join(name.split()[len(common) :])
        forms.append(" ".join(word[0] + "." for word in common) + " " + own)
        forms.append(own)
    return forms


def fitted_label(name: str, names: Sequence[str], width: int, metrics: QFontMetrics) -> str:
    """The longest form of ``name`` (``shorter_forms``) that fits ``width`` pixels (measured as ``width`` was,
    in whole pixels: Qt's own cutting, which measures finer, cut names a label had been made wide enough for),
    else the shortest cut with "…"."""
    forms = shorter_forms(name, names)
    for form in forms:
        if metrics.horizontalAdvance(form) <= width:
            return form
    return metrics.elidedText(forms[-1], Qt.TextElideMode.ElideRight, max(0, width))


__all__ = ["fitted_label", "shorter_forms"]
