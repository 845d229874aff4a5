"""Range checks for the numbers a file holds, before any of them reaches NumPy or a widget.

A file may say anything: a batch size of 3 000 000 000 (more than a 32-bit spin box holds), a
learning rate of 10**400 (an int no float can hold: ``float()`` raises OverflowError), a layer
of a billion neurons (a MemoryError later). Each loader checks every number it reads here first
and turns the ``ValueOutOfRange`` into its own error type, naming the file; the message names
the field and the bad value, shortened so a 400-digit number does not flood a message box.

The limits are the widest any part of the program accepts (the window's controls are narrower:
lessons use those, see ``model.teaching.lessons``).

Pure Python: this module must never import Qt.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from typing import Any, Literal, overload

#: The largest whole number a 32-bit spin box or ``np.int32`` holds: seeds, batch sizes, counts.
INT32_MAX = 2**31 - 1
#: The largest whole number kept as such in a file's JSON (NumPy's int64); larger ones are refused.
INT64_MAX = 2**63 - 1
#: Epochs are stored in float64 history columns, exact up to 2**53.
MAX_EPOCH = 2**53
#: A network's shape: at most this many hidden layers, each of at most this many neurons...
MAX_HIDDEN_LAYERS = 100
MAX_LAYER_WIDTH = 100_000
#: ... and at most this many weights and biases (400 MB as float64, with Adam's two moments 1.2 GB).
MAX_PARAMETERS = 50_000_000
#: Learning rates and penalties beyond these only ever diverge.
MAX_LEARNING_RATE = 1e6
MAX_PENALTY = 1e6


class ValueOutOfRange(ValueError):
    """A number (or a value where a number belongs) outside what the program accepts.

    ``str(error)`` names the field and the value, e.g.
    ``batch_size = 3000000000 is out of range (a whole number from 1 to 2,147,483,647)``.
    """


def shown(value: object, limit: int = 40) -> str:
    """``repr(value)`` cut to about ``limit`` characters (a 10**400 shows its first digits and its length)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**limit:
        digits = len(str(abs(value)))  # Python refuses str() of ints over 4300 digits: bounded below
        return f"{str(value)[:12]}… ({digits:,} digits)"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fmt(number: float) -> str:
    if isinstance(number, int):
        return f"{number:,}"
    return f"{number:g}"


@overload
def whole(value: object, name: str, low: int, high: int, allow_none: Literal[False] = False) -> int: ...
@overload
def whole(value: object, name: str, low: int, high: int, allow_none: bool) -> int | None: ...
def whole(value: object, name: str, low: int, high: int, allow_none: bool = False) -> int | None:
    """``value`` if it is an int (not a bool) in [low, high] (or None when allowed), else ``ValueOutOfRange``."""
    if value is None and allow_none:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        extra = " or none" if allow_none else ""
        raise ValueOutOfRange(
            f"{name} = {_shown_int(value)} is out of range (a whole number from {_fmt(low)} to {_fmt(high)}{extra})"
        )
    return value


def _shown_int(value: object) -> str:
    try:
        return shown(value)
    except ValueError:  # an int of more than 4300 digits: str() refuses it
        return "a number of more than 4,300 digits"


def real(value: object, name: str, low: float, high: float, low_open: bool = False, high_open: bool = False) -> float:
    """``value`` as a float if it is a finite int or float in the range, else ``ValueOutOfRange``.

    ``low_open`` / ``high_open`` exclude the ends ((0, 1e6] for a learning rate).
    """
    number = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:  # an int beyond 1.8e308
            number = None
    if (
        number is None
        or not math.isfinite(number)
        or number < low
        or number > high
        or (low_open and number == low)
        or (high_open and number == high)
    ):
        left, right = "(" if low_open else "[", ")" if high_open else "]"
        raise ValueOutOfRange(
            f"{name} = {_shown_int(value)} is out of range (a number in {left}{low:g}, {high:g}{right})"
        )
    return number


def check_json_numbers(value: object, where: str = "") -> None:
    """Refuse any JSON integer beyond NumPy's int64 anywhere in ``value`` (dicts, lists).

    Such a number fits nothing the program uses, and ``float()`` of one past 1.8e308 raises
    OverflowError; refusing them all here keeps that error out of every later step.
    Written without recursion: ``json.loads`` already refused documents nested too deep for it,
    and this must not be the one to fail on them.
    """
    stack: list[tuple[object, str]] = [(value, where)]
    while stack:
        item, path = stack.pop()
        if isinstance(item, dict):
            stack.extend((v, f"{path}.{k}" if path else str(k)) for k, v in item.items())
        elif isinstance(item, list):  # an entry with a name is shown by it: attributes[t_].value
            stack.extend((v, f"{path}[{_entry_name(v, i)}]") for i, v in enumerate(item))
        elif isinstance(item, int) and not isinstance(item, bool) and abs(item) > INT64_MAX:
            raise ValueOutOfRange(f"{path or 'a value'} = {_shown_int(item)} is too large for any setting")


def _entry_name(item: object, index: int) -> str:
    name = item.get("name") if isinstance(item, dict) else None
    return name if isinstance(name, str) and len(name) <= 40 else str(index)


def count_parameters(layer_sizes: Iterable[int]) -> int:
    """Weights and biases of a dense network with these layer sizes (inputs first)."""
    sizes = list(layer_sizes)
    return sum(a * b + b for a, b in itertools.pairwise(sizes))


def check_hidden_layers(sizes: object, name: str = "hidden_layer_sizes") -> tuple[int, ...]:
    """A list of hidden layer sizes: at most ``MAX_HIDDEN_LAYERS`` ints in 1..``MAX_LAYER_WIDTH``."""
    if isinstance(sizes, int) and not isinstance(sizes, bool):
        sizes = [sizes]
    if not isinstance(sizes, (list, tuple)):
        raise ValueOutOfRange(f"{name} = {shown(sizes)} is not a list of layer sizes")
    if len(sizes) > MAX_HIDDEN_LAYERS:
        raise ValueOutOfRange(f"{name} has {len(sizes):,} layers (at most {MAX_HIDDEN_LAYERS})")
    return tuple(whole(s, f"{name}[{i}]", 1, MAX_LAYER_WIDTH) for i, s in enumerate(sizes))


def check_network_size(layer_sizes: Iterable[int]) -> int:
    """The number of parameters of a network of these layer sizes, if at most ``MAX_PARAMETERS``."""
    total = count_parameters(layer_sizes)
    if total > MAX_PARAMETERS:
        raise ValueOutOfRange(
            f"a network of layers {'-'.join(map(str, layer_sizes))} has {total:,} weights and biases "
            f"(at most {MAX_PARAMETERS:,})"
        )
    return total


# ------------------------------------------------------------------------- model and training settings
def check_model_spec_dict(d: dict[str, Any]) -> None:
    """The numbers of a ``ModelSpec.to_dict()`` read from a file (the spec checks names and kinds)."""
    if "hidden_layer_sizes" in d:
        check_hidden_layers(d["hidden_layer_sizes"])
    for name in ("alpha", "l1"):
        if name in d:
            real(d[name], name, 0.0, MAX_PENALTY)
    for name in ("kind", "weight_init"):
        if name in d and not isinstance(d[name], str):
            raise ValueOutOfRange(f"{name} = {shown(d[name])} is not a name")
    activation = d.get("activation", "tanh")
    if not isinstance(activation, str) and not (
        isinstance(activation, list)
        and len(activation) <= MAX_HIDDEN_LAYERS
        and all(isinstance(a, str) for a in activation)
    ):
        raise ValueOutOfRange(f"activation = {shown(activation)} is not a name or a list of names")
    features = d.get("features", [])
    if not isinstance(features, list) or len(features) > 100 or not all(isinstance(f, str) for f in features):
        raise ValueOutOfRange(f"features = {shown(features)} is not a list of feature names")


def check_train_spec_dict(d: dict[str, Any]) -> None:
    """The numbers of a ``TrainSpec.to_dict()`` read from a file."""
    if "learning_rate" in d:
        real(d["learning_rate"], "learning_rate", 0.0, MAX_LEARNING_RATE, low_open=True)
    if "momentum" in d:
        real(d["momentum"], "momentum", 0.0, 1.0)
    for name in ("beta_1", "beta_2"):
        if name in d:
            real(d[name], name, 0.0, 1.0, high_open=True)
    if "epsilon" in d:
        real(d["epsilon"], "epsilon", 0.0, 1.0, low_open=True)
    if "batch_size" in d:
        whole(d["batch_size"], "batch_size", 1, INT32_MAX, allow_none=True)
    if "shuffle" in d and not isinstance(d["shuffle"], bool):
        raise ValueOutOfRange(f"shuffle = {shown(d['shuffle'])} is not true or false")
    for name in ("optimizer", "dtype"):
        if name in d and not isinstance(d[name], str):
            raise ValueOutOfRange(f"{name} = {shown(d[name])} is not a name")


__all__ = [
    "INT32_MAX",
    "INT64_MAX",
    "MAX_EPOCH",
    "MAX_HIDDEN_LAYERS",
    "MAX_LAYER_WIDTH",
    "MAX_LEARNING_RATE",
    "MAX_PARAMETERS",
    "MAX_PENALTY",
    "ValueOutOfRange",
    "check_hidden_layers",
    "check_json_numbers",
    "check_model_spec_dict",
    "check_network_size",
    "check_train_spec_dict",
    "count_parameters",
    "real",
    "shown",
    "whole",
]
