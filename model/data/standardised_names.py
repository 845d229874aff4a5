"""How a standardised feature is named: the measurement without its unit, "(standardised)" after it.

Standardised numbers (training mean 0, standard deviation 1: ``model.data.real_datasets``) are in no unit, so a
loader's "petal length (cm)" would claim one they do not have; "petal length (standardised)" says what they are.
Where room is short the suffix may be said once for two names ("petal length vs sepal width (standardised)") or
left out (a network diagram's node label: "petal length"), which claims no unit either.
"""

from __future__ import annotations

import re

STANDARDISED = " (standardised)"
_UNIT = re.compile(r"\s*\([^()]*\)$")  # a loader's unit after a measurement's name: " (cm)"


def standardised_name(loader_name: str) -> str:
    """ "petal length (cm)" -> "petal length (standardised)"; "alcohol" -> "alcohol (standardised)"."""
    return _UNIT.sub("", loader_name) + STANDARDISED


def short_feature_name(name: str) -> str:
    """A standardised feature's name without "(standardised)" ("petal length"); any other name as it is."""
    return name.removesuffix(STANDARDISED)


def pair_label(first: str, second: str) -> str:
    """Two features' names with "vs" between, "(standardised)" said once when both are."""
    if first.endswith(STANDARDISED) and second.endswith(STANDARDISED):
        return f"{short_feature_name(first)} vs {short_feature_name(second)}{STANDARDISED}"
    return f"{first} vs {second}"


__all__ = ["STANDARDISED", "pair_label", "short_feature_name", "standardised_name"]
