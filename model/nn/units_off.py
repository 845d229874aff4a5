"""Hidden units switched off: their names, and which of them fit a network's hidden layers.

A unit is ``(layer, unit)``, numbered as the network diagram numbers its nodes: layer 0 is the inputs,
1 .. n_hidden the hidden layers, and ``unit`` counts from 0 within its layer. Only hidden units can be
switched off (an input or an output held at 0 would not be the same model any more). People read them
as the diagram labels them, ``"h1.3"``: hidden layer 1, third unit (units count from 1 there).

A set of switched-off units is a ``frozenset`` of such pairs (``UnitsOff``): immutable, so it travels
between threads and processes as a value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

UnitsOff = frozenset[tuple[int, int]]

#: No unit switched off.
NONE_OFF: UnitsOff = frozenset()

_NAME = re.compile(r"^h([1-9][0-9]{0,2})\.([1-9][0-9]{0,4})$")


def unit_name(unit: tuple[int, int]) -> str:
    """The diagram's name of a hidden unit: ``(1, 2)`` is ``"h1.3"``."""
    layer, index = unit
    return f"h{int(layer)}.{int(index) + 1}"


def parse_unit_name(name: object) -> tuple[int, int]:
    """``"h1.3"`` -> ``(1, 2)``; ``ValueError`` for anything else."""
    match = _NAME.match(name) if isinstance(name, str) else None
    if match is None:
        raise ValueError(f"{name!r} is not a hidden unit's name such as 'h1.3' (hidden layer 1, unit 3)")
    return int(match.group(1)), int(match.group(2)) - 1


def names(units: Iterable[tuple[int, int]]) -> list[str]:
    """The units' names in the diagram's order (layer by layer, top to bottom)."""
    return [unit_name(u) for u in sorted(units)]


def fits(unit: tuple[int, int], hidden_sizes: Sequence[int]) -> bool:
    """Whether ``unit`` is a unit of hidden layers of these sizes."""
    layer, index = unit
    return 1 <= layer <= len(hidden_sizes) and 0 <= index < hidden_sizes[layer - 1]


def split_fitting(units: Iterable[tuple[int, int]], hidden_sizes: Sequence[int]) -> tuple[UnitsOff, UnitsOff]:
    """(the units that fit these hidden layers, those that do not)."""
    pairs = [(int(layer), int(index)) for layer, index in units]
    kept = frozenset(u for u in pairs if fits(u, hidden_sizes))
    return kept, frozenset(pairs) - kept


def checked(units: Iterable[object], hidden_sizes: Sequence[int]) -> UnitsOff:
    """``units`` as a ``UnitsOff``, each a pair of ints that fits the hidden layers; ``ValueError`` otherwise."""
    out = set()
    for unit in units:
        if (
            not isinstance(unit, (tuple, list))
            or len(unit) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in unit)
        ):
            raise ValueError(f"{unit!r} is not a (hidden layer, unit) pair of integers")
        pair = (int(unit[0]), int(unit[1]))
        if not fits(pair, hidden_sizes):
            sizes = "-".join(map(str, hidden_sizes)) or "none"
            raise ValueError(f"unit (layer {pair[0]}, index {pair[1]}) is not in the hidden layers ({sizes})")
        out.add(pair)
    return frozenset(out)


__all__ = ["NONE_OFF", "UnitsOff", "checked", "fits", "names", "parse_unit_name", "split_fitting", "unit_name"]
