"""Save and open a whole training session in one file, to resume exactly where it stopped.

    save_session(session, path, view=None)
    session, view = load_session(path)

Continuing a loaded session gives bit for bit the numbers of never stopping:
the file holds the data, both specs and the seed, the network's flat
parameters, the optimizer's state (Adam's moments and step count, the momentum
velocity), the shuffling generator's exact state, the epoch, the perceptron's
sample position, the last good weights a divergence would rewind to, and the
full history. ``view`` is a free JSON object the GUI
fills with its view settings; it comes back unchanged.

File format (version 2): a ``.npz`` archive (``np.load(path, allow_pickle=False)``
reads it) written by ``model.storage.safe_files.write_archive``: atomically, with fixed
zip dates, so the same session saved twice gives identical bytes. Entries:

    meta               0-d str array: JSON object (sorted keys)
        format         "neural-playground-session"
        version        2 (version 1 files are read too: their vectors are reordered)
        arrays         {name: {"dtype": "<f8", "shape": [n, 2]}} for every array below
        dataset        {"task", "n_classes", "class_names", "feature_names", "description", "origin", "view_plane"}:
                       origin null or {"name", "seed", "test_fraction"} (a real data set's DataSource,
                       model.storage.data_source_entry), view_plane
                       null or {"kind", "features"} (model.data.view_plane); files without the last four
                       keys (drawn data, older files) get the defaults
        model_spec     ModelSpec.to_dict()
        train_spec     TrainSpec.to_dict()
        seed, epoch, sample_position   ints
        optimizer      optimizer.state() with every array replaced by the string "array"
                       (stored as "optimizer.<key>"), None as null, numbers as numbers
        shuffle_rng    numpy's PCG64 bit_generator.state (a JSON object of ints)
        recovery       {"good_epoch": int, "best_loss": float (may be Infinity)}: what a
                       divergence rewinds to (TrainingSession.recovery_state())
        units_off      [[layer, unit], ...]: the hidden units switched off (model.nn.units_off;
                       optional, none when absent), each checked against the model's hidden layers
        view           the GUI's JSON object (or {})
    data.X             (n_samples, n_features) float64
    data.y             (n_samples,) int64 class index, or float64 target (regression)
    data.is_test       (n_samples,) bool
    params             (n_params,) float32 or float64 (TrainSpec.dtype), laid out by model.nn.param_layout:
                       one [W; b] block per layer, the biases as the last row of its weights
    optimizer.<key>    arrays of the optimizer state, shape and dtype of params
    recovery.good_params  the last good weights, shape and dtype of params
    history.<column>   (n_rows,) float64 for epoch, train_loss, test_loss, train_score, test_score
                       (one row per epoch, or per stride-th epoch of a very long run: see model.training.history)

Anything wrong with a file raises ``SessionFileError`` (a ``ValueError``)
naming the file and the problem; ``OSError`` only when the file cannot be
opened at all. Nothing is ever pickled. Each entry is read back and checked by
``model.storage.session_entries``.

Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

from numbers import Integral, Real
from typing import Any, NoReturn

import numpy as np

from model.storage.data_source_entry import origin_entry
from model.storage.safe_files import FileFormatError, FilePath, check_archive, json_text, read_archive, write_archive
from model.storage.session_entries import (
    check_model_spec_numbers,
    check_train_spec_types,
    dataset_entry,
    from_version_1,
    history_entry,
    integer_entry,
    layer_sizes,
    optimizer_entry,
    parameter_count,
    recovery_entry,
    rng_entry,
    spec_entry,
    units_off_entry,
)
from model.storage.value_checks import (
    INT32_MAX,
    MAX_EPOCH,
    ValueOutOfRange,
    check_json_numbers,
    check_model_spec_dict,
    check_train_spec_dict,
)
from model.training.history import COLUMNS
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

FORMAT = "neural-playground-session"
VERSION = 2  # 2: parameter vectors laid out by model.nn.param_layout (1: weights, then biases)
#: Larger files are refused unread (a session with a million epochs of history is ~40 MB).
MAX_SESSION_BYTES = 200_000_000


class SessionFileError(FileFormatError):
    """A session file that cannot be opened: ``str(error)`` names the file and the problem."""


# ------------------------------------------------------------------------------------ saving
def save_session(session: TrainingSession, path: FilePath, view: dict[str, Any] | None = None) -> None:
    """Write ``session`` (and the GUI's ``view`` settings, a JSON-able dict) to ``path``.

    Atomic: a crash or error during the save leaves any previous file at
    ``path`` intact. Raises ``TypeError`` if ``view`` is not JSON-serialisable.
    """
    view = {} if view is None else view
    if not isinstance(view, dict):
        raise TypeError(f"view must be a dict, got {type(view).__name__}")
    try:
        json_text(view)
    except (TypeError, ValueError, RecursionError) as exc:
        raise TypeError(f"view must hold only JSON values: {exc}") from None
    ds = session.dataset
    state = session.training_state()
    recovery = session.recovery_state()
    arrays = {
        "data.X": ds.X,
        "data.y": ds.y,
        "data.is_test": ds.is_test,
        "params": state["params"],
        "recovery.good_params": recovery["good_params"],
    }
    optimizer: dict[str, Any] = {}
    for key, value in state["optimizer"].items():
        if isinstance(value, np.ndarray):
            arrays[f"optimizer.{key}"] = value
            optimizer[key] = "array"
        else:
            optimizer[key] = _json_number(value)
    history = session.history.arrays()
    for column in ("epoch",) + COLUMNS:  # "epoch": a long run keeps every stride-th epoch only
        arrays[f"history.{column}"] = np.asarray(history[column], dtype=np.float64)
    meta = {
        "dataset": {
            "task": ds.task,
            "n_classes": int(ds.n_classes),
            "class_names": list(ds.class_names),
            "feature_names": list(ds.feature_names),
            "description": ds.description,
            "origin": origin_entry(ds.origin),
            "view_plane": None if ds.view_plane is None else ds.view_plane.to_dict(),
        },
        "model_spec": session.model_spec.to_dict(),
        "train_spec": session.train_spec.to_dict(),
        "seed": int(session.seed),
        "epoch": int(state["epoch"]),
        "sample_position": int(state.get("sample_position", 0)),
        "optimizer": optimizer,
        "shuffle_rng": state["shuffle_rng"],
        "recovery": {"good_epoch": int(recovery["good_epoch"]), "best_loss": float(recovery["best_loss"])},
        "units_off": [list(unit) for unit in sorted(session.units_off)],
        "view": view,
    }
    write_archive(path, FORMAT, VERSION, meta, arrays)


def _json_number(value: object) -> bool | str | int | float | None:
    """Optimizer scalars as plain JSON values (NumPy scalars become Python ones)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Real):
        return float(value)
    raise TypeError(f"cannot save an optimizer state value of type {type(value).__name__}")


# ----------------------------------------------------------------------------------- loading
def load_session(path: FilePath) -> tuple[TrainingSession, dict[str, Any]]:
    """Open a file written by ``save_session``: (a session ready to continue, the view dict).

    Raises ``SessionFileError`` (a ``ValueError``) for a damaged, foreign,
    newer-version or inconsistent file; nothing in the file is ever executed.
    """
    meta, arrays = read_archive(path, FORMAT, VERSION, SessionFileError, MAX_SESSION_BYTES, what="session file")
    fail = _Failer(path)
    try:  # the random state holds 128-bit numbers: NumPy checks those itself
        check_json_numbers({key: value for key, value in meta.items() if key != "shuffle_rng"})
    except ValueOutOfRange as exc:
        fail(f"has a number out of range: {exc}")
    dataset = dataset_entry(meta, arrays, fail)
    model_spec = spec_entry(ModelSpec, meta.get("model_spec"), "model settings", fail, check_model_spec_dict)
    train_spec = spec_entry(TrainSpec, meta.get("train_spec"), "training settings", fail, check_train_spec_dict)
    check_train_spec_types(train_spec, fail)
    check_model_spec_numbers(model_spec, fail)
    seed = integer_entry(meta.get("seed"), "seed", fail, maximum=INT32_MAX)
    epoch = integer_entry(meta.get("epoch"), "epoch", fail, maximum=MAX_EPOCH)
    sample_position = integer_entry(meta.get("sample_position", 0), "sample_position", fail, maximum=INT32_MAX)
    units_off = units_off_entry(meta.get("units_off", []), model_spec, fail)
    view = meta.get("view", {})
    if not isinstance(view, dict):
        fail("has malformed view settings (not a JSON object)")

    if meta["version"] == 1:
        from_version_1(arrays, layer_sizes(dataset, model_spec))
    params = arrays.get("params")
    dtype = np.dtype(train_spec.dtype)
    if params is None or params.ndim != 1 or params.dtype != dtype:
        fail(f"has no parameter vector of dtype {dtype.name}")
    if params.shape[0] != parameter_count(dataset, model_spec):
        fail(f"holds {params.shape[0]} parameters, but its model needs {parameter_count(dataset, model_spec)}")
    optimizer_state = optimizer_entry(meta.get("optimizer"), arrays, params, train_spec, fail)
    rng_state = rng_entry(meta.get("shuffle_rng"), fail)
    recovery = recovery_entry(meta.get("recovery"), arrays, params, epoch, fail)
    history = history_entry(arrays, fail)

    try:
        session = TrainingSession(dataset, model_spec, train_spec, seed=seed)
    except (ValueError, TypeError, IndexError, KeyError) as exc:
        fail(f"describes a model that cannot be built on its data ({exc})")
    if session.network.params.shape != params.shape:  # the pre-check above should catch it
        fail(f"holds {params.shape[0]} parameters, but its model has {session.network.params.shape[0]}")
    session.history.load(history, n_epochs=epoch)
    try:
        session.restore_training_state(
            {
                "epoch": epoch,
                "params": params,
                "optimizer": optimizer_state,
                "shuffle_rng": rng_state,
                "sample_position": sample_position,
                "units_off": units_off,
            }
        )
        session.restore_recovery_state(recovery)
    except (ValueError, TypeError, KeyError, OverflowError) as exc:
        fail(f"has a training state that cannot be restored ({exc})")
    return session, view


def check_session_file(path: FilePath) -> None:
    """A quick first look (nothing inflated): ``SessionFileError`` if ``path`` is clearly no session file
    this program can open (damaged, foreign, newer, its arrays unlike its manifest)."""
    check_archive(path, FORMAT, VERSION, SessionFileError, MAX_SESSION_BYTES, what="session file")


class _Failer:
    def __init__(self, path: FilePath):
        self.path = path

    def __call__(self, problem: str) -> NoReturn:
        raise SessionFileError(self.path, problem)


__all__ = ["FORMAT", "VERSION", "SessionFileError", "check_session_file", "load_session", "save_session"]
