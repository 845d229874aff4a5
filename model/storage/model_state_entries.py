"""One trained model's entries in a session file: its settings, seed and whole training state, written and read back.

A session file keeps the main model and each model compared beside it the same way (``model.storage.session_files``
describes the format): in the JSON metadata its settings, seed, epoch, perceptron sample position, optimizer
scalars, shuffling state, recovery point and units switched off; as arrays (their names after a ``prefix``:
"" for the main model, "members.<i>." for a compared one) its weights, the optimizer's arrays, the last good
weights and the history's columns. Reading builds the model on the file's data and puts the state into it, so
that every entry is checked by what uses it, and a model read continues bit for bit.

Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

from numbers import Integral, Real
from typing import Any

import numpy as np

from model.data.dataset import Dataset
from model.storage.session_entries import (
    Fail,
    check_model_spec_numbers,
    check_train_spec_types,
    history_entry,
    integer_entry,
    optimizer_entry,
    parameter_count,
    recovery_entry,
    rng_entry,
    spec_entry,
    units_off_entry,
)
from model.storage.value_checks import INT32_MAX, MAX_EPOCH, check_model_spec_dict, check_train_spec_dict
from model.training.history import COLUMNS
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec, task_mismatch
from model.training.state_start import StateStart

#: The metadata keys of one model (the main model's stand at the top of the file's metadata).
MODEL_KEYS = (
    "model_spec",
    "train_spec",
    "seed",
    "epoch",
    "sample_position",
    "optimizer",
    "shuffle_rng",
    "recovery",
    "units_off",
)


# ------------------------------------------------------------------------------------ writing
def model_entries(
    model_spec: ModelSpec, train_spec: TrainSpec, seed: int, state: StateStart, prefix: str = ""
) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """(metadata, arrays) of one model: ``MODEL_KEYS`` and its arrays named after ``prefix``."""
    training, recovery = state.training, state.recovery
    arrays = {f"{prefix}params": training["params"], f"{prefix}recovery.good_params": recovery["good_params"]}
    optimizer: dict[str, Any] = {}
    for key, value in training["optimizer"].items():
        if isinstance(value, np.ndarray):
            arrays[f"{prefix}optimizer.{key}"] = value
            optimizer[key] = "array"
        else:
            optimizer[key] = _json_number(value)
    for column in ("epoch",) + COLUMNS:  # "epoch": a long run keeps every stride-th epoch only
        arrays[f"{prefix}history.{column}"] = np.asarray(state.history[column], dtype=np.float64)
    meta = {
        "model_spec": model_spec.to_dict(),
        "train_spec": train_spec.to_dict(),
        "seed": int(seed),
        "epoch": int(training["epoch"]),
        "sample_position": int(training.get("sample_position", 0)),
        "optimizer": optimizer,
        "shuffle_rng": training["shuffle_rng"],
        "recovery": {"good_epoch": int(recovery["good_epoch"]), "best_loss": float(recovery["best_loss"])},
        "units_off": [list(unit) for unit in sorted(training.get("units_off", ()))],
    }
    return meta, arrays


def _json_number(value: object) -> bool | str | int | float | None:
    """Optimizer scalars as plain JSON values (NumPy scalars become Python ones)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Real):
        return float(value)
    raise TypeError(f"cannot save an optimizer state value of type {type(value).__name__}")


# ------------------------------------------------------------------------------------ reading
def read_model(
    meta: dict[str, Any], arrays: dict[str, np.ndarray], dataset: Dataset, fail: Fail, prefix: str = ""
) -> TrainingSession:
    """The model ``meta`` (its ``MODEL_KEYS``) and the arrays after ``prefix`` describe, built on ``dataset``
    with its whole state put back; every entry checked first (``fail`` names what is wrong)."""
    model_spec = spec_entry(ModelSpec, meta.get("model_spec"), "model settings", fail, check_model_spec_dict)
    train_spec = spec_entry(TrainSpec, meta.get("train_spec"), "training settings", fail, check_train_spec_dict)
    check_train_spec_types(train_spec, fail)
    check_model_spec_numbers(model_spec, fail)
    mismatch = task_mismatch(model_spec.kind, dataset.task)
    if mismatch:
        fail(f"has model settings (model_spec.kind) its data cannot be learnt with: {mismatch}")
    seed = integer_entry(meta.get("seed"), "seed", fail, maximum=INT32_MAX)
    epoch = integer_entry(meta.get("epoch"), "epoch", fail, maximum=MAX_EPOCH)
    sample_position = integer_entry(meta.get("sample_position", 0), "sample_position", fail, maximum=INT32_MAX)
    units_off = units_off_entry(meta.get("units_off", []), model_spec, fail)

    mine = {key[len(prefix) :]: array for key, array in arrays.items() if key.startswith(prefix)}
    params = mine.get("params")
    dtype = np.dtype(train_spec.dtype)
    if params is None or params.ndim != 1 or params.dtype != dtype:
        fail(f"has no parameter vector of dtype {dtype.name}")
    if params.shape[0] != parameter_count(dataset, model_spec):
        fail(f"holds {params.shape[0]} parameters, but its model needs {parameter_count(dataset, model_spec)}")
    if not np.all(np.isfinite(params)):  # the app never keeps such weights (model.training.last_good)
        fail("has weights or biases (params) that are not finite numbers (NaN or infinite)")
    optimizer_state = optimizer_entry(meta.get("optimizer"), mine, params, train_spec, fail)
    rng_state = rng_entry(meta.get("shuffle_rng"), fail)
    recovery = recovery_entry(meta.get("recovery"), mine, params, epoch, fail)
    history = history_entry(mine, epoch, fail)

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
    return session


__all__ = ["MODEL_KEYS", "model_entries", "read_model"]
