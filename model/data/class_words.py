"""How a sentence names a class: by the dataset's own name for it, as the data panel and the confusion matrix do.

Digits are named "0".."9", iris "setosa", .., a CSV file its labels, drawn points "class 1".."class K". A name that
is only a number reads as a class with "class " before it ("predicted class 4", not "predicted 4"); any other name
is said as it is ("predicted setosa", "predicted class 2").
"""

from __future__ import annotations

from collections.abc import Sequence


def class_word(names: Sequence[str], k: int) -> str:
    """Class ``k`` (an index) in a sentence: its name from ``names``, "class <name>" for a bare number, and
    "class <k + 1>" past the end of ``names`` (data without names)."""
    k = int(k)
    if not 0 <= k < len(names):
        return f"class {k + 1}"
    name = str(names[k])
    try:
        float(name)
    except ValueError:
        return name
    return f"class {name}"
