"""The view settings a session file keeps, checked value by value as the file is read.

The window keeps its view in a session file's ``view`` entry (``gui.files.sessions.view_settings``): the plot's
range, which class and tool are picked, which curves show, and what the data, model and training panels show
(the generator's fields, the layers, the pace and stop rules). Every value is checked here, for its type and
its range, before anything in the window changes: a value no control can show (a dataset's name that is null
or a number, a layer of a million neurons, a pace no one has) is left out, and the window keeps what it shows
for it.

Left out, not refused: these are preferences about how the work is shown, not the work (the data, the models,
their weights and history are checked strictly by ``model.storage.session_files``, and a problem there refuses
the file). A file whose plot range or pace is unusable still holds hours of training, which refusing it would
lock away. What was left out comes back as ``CheckedView.left_out`` ("data.name: None is not one of ...") for
the window to say so.

The ranges are those of the window's controls (the panels take their limits from here).

Pure Python: this module must never import Qt.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from model.data.dataset import MAX_CLASSES
from model.data.generators import DATASETS
from model.data.real_datasets import REAL_DATASETS
from model.nn.activations import HIDDEN_ACTIVATIONS
from model.nn.features import FEATURES
from model.nn.network import WEIGHT_INITS
from model.nn.optimizers import OPTIMIZERS
from model.storage.data_source_entry import KEY as DATA_SOURCE_KEY
from model.storage.value_checks import INT32_MAX, MAX_LEARNING_RATE, MAX_PENALTY, shown
from model.training.pace import PACE_KEYS
from model.training.specs import DTYPES, MODEL_KINDS

#: The data panel's limits: points a generator makes, the share held out for testing.
MAX_POINTS = 20_000
MAX_TEST_FRACTION = 0.9
#: The model panel's limits: hidden layers, and neurons in each.
MAX_LAYERS = 8
MAX_NEURONS = 64
#: The training panel's limits: the batch size (0: the full batch), the stop rules (0: none).
MAX_BATCH_SIZE = 100_000
MAX_STOP_EPOCHS = 10_000_000
MAX_TARGET_LOSS = 100.0
#: The widest plot range kept (pyqtgraph's arithmetic loses all precision far beyond it).
MAX_PLOT_COORDINATE = 1e12

Check = Callable[[object], str]  # why a value cannot be used, "" when it can


# ------------------------------------------------------------------------------------ value checks
def _flag(value: object) -> str:
    return "" if isinstance(value, bool) else f"{shown(value)} is not true or false"


def _whole(low: int, high: int) -> Check:
    def check(value: object) -> str:
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return ""
        return f"{shown(value)} is not a whole number from {low:,} to {high:,}"

    return check


def _real(low: float, high: float, *, above_low: bool = False) -> Check:
    def check(value: object) -> str:
        number = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        if number and (value > low if above_low else value >= low) and value <= high:  # type: ignore[operator]
            return ""
        edge = "above" if above_low else "from"
        return f"{shown(value)} is not a number {edge} {low:g} to {high:g}"

    return check


def _one_of(names: Any, what: str = "") -> Check:
    allowed = tuple(names)

    def check(value: object) -> str:
        if isinstance(value, str) and value in allowed:
            return ""
        return f"{shown(value)} is not {what or 'one of ' + ', '.join(allowed)}"

    return check


def _list_of(item: Check, most: int, least: int = 0) -> Check:
    def check(value: object) -> str:
        if not isinstance(value, list) or not least <= len(value) <= most:
            return f"{shown(value)} is not a list of {least} to {most} values"
        for i, v in enumerate(value):
            why = item(v)
            if why:
                return f"item {i + 1}: {why}"
        return ""

    return check


def _plot_range(value: object) -> str:
    usable = (
        isinstance(value, list)
        and len(value) == 4
        and not _list_of(_real(-MAX_PLOT_COORDINATE, MAX_PLOT_COORDINATE), 4)(value)
        and value[1] > value[0]
        and value[3] > value[2]
    )
    return "" if usable else f"{shown(value)} is not [x from, x to, y from, y to] with each 'to' above its 'from'"


def _any_object(value: object) -> str:
    # what is in it is read_data_source's to check against the data (it falls back to "from this file")
    return "" if isinstance(value, dict) else f"{shown(value)} is not a JSON object"


#: Every view setting the window reads back, by its key, and for the panels' entries by theirs.
TOP: dict[str, Check] = {
    "format": _whole(0, INT32_MAX),
    "plot_range": _plot_range,
    "show_test": _flag,
    "log_scale": _flag,
    "current_class": _whole(0, MAX_CLASSES - 1),
    "tool": _one_of(("add", "erase")),
    "curves_visible": _flag,
    "legend_visible": _flag,
    DATA_SOURCE_KEY: _any_object,
}
PANELS: dict[str, dict[str, Check]] = {
    "data": {
        "name": _one_of([*DATASETS, *REAL_DATASETS], "the name of a dataset the list offers"),
        "n_samples": _whole(1, MAX_POINTS),
        "noise": _real(0.0, 1.0),
        "n_classes": _whole(2, MAX_CLASSES),
        "seed": _whole(0, INT32_MAX),
        "test_fraction": _real(0.0, MAX_TEST_FRACTION),
        "show_test": _flag,
    },
    "model": {
        "kind": _one_of(MODEL_KINDS),
        "layers": _list_of(_whole(1, MAX_NEURONS), MAX_LAYERS),
        "activations": _list_of(_one_of(HIDDEN_ACTIVATIONS), MAX_LAYERS),
        "alpha": _real(0.0, MAX_PENALTY),
        "l1": _real(0.0, MAX_PENALTY),
        "weight_init": _one_of(WEIGHT_INITS),
        "features": _list_of(_one_of(FEATURES), len(FEATURES)),
    },
    "training": {
        "optimizer": _one_of(OPTIMIZERS),
        "learning_rate": _real(0.0, MAX_LEARNING_RATE, above_low=True),
        "batch_size": _whole(0, MAX_BATCH_SIZE),
        "dtype": _one_of(DTYPES),
        "max_epochs": _whole(0, MAX_STOP_EPOCHS),
        "target_loss": _real(0.0, MAX_TARGET_LOSS),
        "pace": _one_of(PACE_KEYS),
        "pause_on_plateau": _flag,
        "warn_overfitting": _flag,
    },
}


# ------------------------------------------------------------------------------------ the whole entry
@dataclass(frozen=True)
class CheckedView:
    """A file's view settings with every unusable value left out (``view``), and what was left out and why
    (``left_out``: "plot_range: ...", "data.name: ...", in the order of the file's keys)."""

    view: dict[str, Any]
    left_out: tuple[str, ...] = ()


def checked_view(value: object) -> CheckedView:
    """``value`` (a session file's ``view`` entry) with every setting the window cannot use left out.

    Keys this version does not know (a newer one's) are kept as they are: nothing reads them. Not a JSON object
    at all: no view settings (the window keeps its own)."""
    if not isinstance(value, Mapping):
        return CheckedView({}, () if value is None else (f"view: {shown(value)} is not a JSON object",))
    view: dict[str, Any] = {}
    left_out: list[str] = []
    for key, item in value.items():
        if key in PANELS:
            if not isinstance(item, Mapping):
                left_out.append(f"{key}: {shown(item)} is not a JSON object")
                continue
            view[key] = _kept(item, PANELS[key], f"{key}.", left_out)
        elif key in TOP:
            why = TOP[key](item)
            if why:
                left_out.append(f"{key}: {why}")
            else:
                view[key] = item
        else:
            view[key] = item
    return CheckedView(view, tuple(left_out))


def _kept(values: Mapping[str, Any], checks: dict[str, Check], where: str, left_out: list[str]) -> dict[str, Any]:
    kept = {}
    for key, item in values.items():
        why = checks[key](item) if key in checks else ""
        if why:
            left_out.append(f"{where}{key}: {why}")
        else:
            kept[key] = item
    return kept


__all__ = [
    "MAX_BATCH_SIZE",
    "MAX_LAYERS",
    "MAX_NEURONS",
    "MAX_POINTS",
    "MAX_STOP_EPOCHS",
    "MAX_TARGET_LOSS",
    "MAX_TEST_FRACTION",
    "CheckedView",
    "checked_view",
]
