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
opened at all. Nothing is ever pickled.

Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from numbers import Integral, Real
from typing import Any, NoReturn, TypeAlias, TypeVar

import numpy as np

from model.data.dataset import Dataset
from model.data.view_plane import ViewPlane
from model.nn.optimizers import make_optimizer
from model.nn.param_layout import from_weights_then_biases, n_params
from model.nn.units_off import UnitsOff, checked
from model.storage.data_source_entry import origin_entry, read_origin
from model.storage.safe_files import FileFormatError, FilePath, check_archive, json_text, read_archive, write_archive
from model.storage.value_checks import (
    INT32_MAX,
    INT64_MAX,
    MAX_EPOCH,
    ValueOutOfRange,
    check_json_numbers,
    check_model_spec_dict,
    check_train_spec_dict,
    whole,
)
from model.training.history import COLUMNS
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

FORMAT = "neural-playground-session"
VERSION = 2  # 2: parameter vectors laid out by model.nn.param_layout (1: weights, then biases)
#: Larger files are refused unread (a session with a million epochs of history is ~40 MB).
MAX_SESSION_BYTES = 200_000_000
MAX_FEATURES = 4096  # inputs of the data (the digits have 64)
MAX_NAME_CHARS = 200  # a feature's or a class's name
MAX_DESCRIPTION_CHARS = 2000


#: Raises the file's error with a problem: how the loaders report what is wrong.
Fail: TypeAlias = Callable[[str], NoReturn]
_Spec = TypeVar("_Spec", ModelSpec, TrainSpec)


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
    dataset = _dataset(meta, arrays, fail)
    model_spec = _spec(ModelSpec, meta.get("model_spec"), "model settings", fail, check_model_spec_dict)
    train_spec = _spec(TrainSpec, meta.get("train_spec"), "training settings", fail, check_train_spec_dict)
    _check_train_spec_types(train_spec, fail)
    _check_model_spec_numbers(model_spec, fail)
    seed = _integer(meta.get("seed"), "seed", fail, maximum=INT32_MAX)
    epoch = _integer(meta.get("epoch"), "epoch", fail, maximum=MAX_EPOCH)
    sample_position = _integer(meta.get("sample_position", 0), "sample_position", fail, maximum=INT32_MAX)
    units_off = _units_off(meta.get("units_off", []), model_spec, fail)
    view = meta.get("view", {})
    if not isinstance(view, dict):
        fail("has malformed view settings (not a JSON object)")

    if meta["version"] == 1:
        _from_version_1(arrays, _layer_sizes(dataset, model_spec))
    params = arrays.get("params")
    dtype = np.dtype(train_spec.dtype)
    if params is None or params.ndim != 1 or params.dtype != dtype:
        fail(f"has no parameter vector of dtype {dtype.name}")
    if params.shape[0] != _n_params(dataset, model_spec):
        fail(f"holds {params.shape[0]} parameters, but its model needs {_n_params(dataset, model_spec)}")
    optimizer_state = _optimizer_state(meta.get("optimizer"), arrays, params, train_spec, fail)
    rng_state = _rng_state(meta.get("shuffle_rng"), fail)
    recovery = _recovery(meta.get("recovery"), arrays, params, epoch, fail)
    history = _history(arrays, fail)

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


def _integer(value: object, name: str, fail: Fail, minimum: int = 0, maximum: int = INT64_MAX) -> int:
    try:
        return whole(value, name, minimum, maximum)
    except ValueOutOfRange as exc:
        fail(f"has an invalid value: {exc}")


def _dataset(meta: dict[str, Any], arrays: dict[str, np.ndarray], fail: Fail) -> Dataset:
    info = meta.get("dataset")
    if not isinstance(info, dict):
        fail("has malformed dataset metadata")
    task = info.get("task")
    if task not in ("classification", "regression"):
        fail(f"has an unknown task {task!r}")
    X, y, is_test = arrays.get("data.X"), arrays.get("data.y"), arrays.get("data.is_test")
    y_dtype = np.int64 if task == "classification" else np.float64
    if X is None or X.dtype != np.float64 or X.ndim != 2:
        fail("has no (n_samples, n_features) float64 data array")
    if not 1 <= X.shape[1] <= MAX_FEATURES:
        fail(f"has data of {X.shape[1]} features (1 to {MAX_FEATURES} can be opened)")
    if y is None or y.dtype != y_dtype or is_test is None or is_test.dtype != bool:
        fail(f"has no labels of dtype {np.dtype(y_dtype).name} and test mask of dtype bool")
    names = info.get("class_names", [])
    n_classes = info.get("n_classes", 2)
    if not isinstance(names, list) or not all(isinstance(s, str) for s in names):
        fail("has malformed class names")
    if not isinstance(n_classes, int) or isinstance(n_classes, bool):
        fail(f"has an invalid number of classes {n_classes!r}")
    features = info.get("feature_names", [])
    if (
        not isinstance(features, list)
        or not all(isinstance(s, str) and len(s) <= MAX_NAME_CHARS for s in features + names)
        or len(features) not in (0, X.shape[1])
    ):
        fail(f"has malformed feature or class names (one name of at most {MAX_NAME_CHARS} characters each)")
    description = info.get("description", "")
    if not isinstance(description, str) or len(description) > MAX_DESCRIPTION_CHARS:
        fail(f"has a malformed data description (text of at most {MAX_DESCRIPTION_CHARS} characters)")
    try:
        origin = read_origin(info.get("origin"))
    except ValueError as exc:
        fail(f"has a malformed data origin ({exc})")
    plane = info.get("view_plane")
    try:
        plane = None if plane is None else ViewPlane.from_dict(plane)
    except ValueError as exc:
        fail(f"has a malformed view plane ({exc})")
    try:
        return Dataset(X, y, is_test, task, n_classes, tuple(names), tuple(features), description, origin, plane)
    except (ValueError, TypeError) as exc:
        fail(f"holds invalid data ({exc})")


def _spec(cls: type[_Spec], d: object, what: str, fail: Fail, check_numbers: Callable[[dict[str, Any]], None]) -> _Spec:
    if not isinstance(d, dict):
        fail(f"has no {what}")
    try:
        check_numbers(d)
        return cls.from_dict(d)
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
        fail(f"has invalid {what} ({exc})")


def _is_real(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _check_model_spec_numbers(spec: ModelSpec, fail: Fail) -> None:
    for name in ("alpha", "l1"):
        if not _is_real(getattr(spec, name)):
            fail(f"has an invalid model setting {name}={getattr(spec, name)!r}")
    if not all(isinstance(s, str) for s in spec.features):
        fail("has invalid input features")


def _check_train_spec_types(spec: TrainSpec, fail: Fail) -> None:
    for name in ("learning_rate", "momentum", "beta_1", "beta_2", "epsilon"):
        if not _is_real(getattr(spec, name)):
            fail(f"has an invalid training setting {name}={getattr(spec, name)!r}")
    batch = spec.batch_size
    if batch is not None and (not isinstance(batch, int) or isinstance(batch, bool)):
        fail(f"has an invalid batch size {batch!r}")
    if not isinstance(spec.shuffle, bool):
        fail(f"has an invalid shuffle setting {spec.shuffle!r}")


def _layer_sizes(dataset: Dataset, spec: ModelSpec) -> list[int]:
    """The layer sizes of the network the session will build (see TrainingSession._layer_sizes)."""
    n_out = 1 if dataset.task == "regression" or dataset.n_classes <= 2 else dataset.n_classes
    return [dataset.n_features + len(spec.features), *spec.hidden, n_out]


def _n_params(dataset: Dataset, spec: ModelSpec) -> int:
    """Size of the flat parameter vector the session will build."""
    return n_params(_layer_sizes(dataset, spec))


def _from_version_1(arrays: dict[str, np.ndarray], sizes: Sequence[int]) -> None:
    """Version 1 laid parameter vectors out as [all weights | all biases]: reorder the
    parameters, the last good ones and the optimizer's vectors into ``model.nn.param_layout``'s
    blocks, in place. (Vectors of another length are left for the checks to report.)"""
    for key, array in arrays.items():
        flat = key in ("params", "recovery.good_params") or key.startswith("optimizer.")
        if flat and array.ndim == 1 and array.shape[0] == n_params(sizes):
            arrays[key] = from_weights_then_biases(array, sizes)


def _optimizer_state(
    saved: object, arrays: dict[str, np.ndarray], params: np.ndarray, train_spec: TrainSpec, fail: Fail
) -> dict[str, Any]:
    """The optimizer state of the file, checked against what the optimizer keeps."""
    if not isinstance(saved, dict):
        fail("has no optimizer state")
    t = train_spec
    expected = set(make_optimizer(t.optimizer, t.learning_rate, t.momentum, t.beta_1, t.beta_2, t.epsilon).state())
    if set(saved) != expected:
        fail(
            f"has an optimizer state with entries {sorted(saved)}; the {t.optimizer} optimizer keeps {sorted(expected)}"
        )
    stored = {key[len("optimizer.") :] for key in arrays if key.startswith("optimizer.")}
    wanted = {key for key, value in saved.items() if value == "array"}
    if stored != wanted:
        fail("has optimizer arrays that do not match its optimizer state")
    state: dict[str, Any] = {}
    for key, value in saved.items():
        if value == "array":
            array = arrays[f"optimizer.{key}"]
            if array.shape != params.shape or array.dtype != params.dtype:
                fail(
                    f"has an optimizer array {key!r} of shape {array.shape} and dtype "
                    f"{array.dtype}, unlike the parameters ({params.shape}, {params.dtype})"
                )
            state[key] = array
        elif value is None or (isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= INT64_MAX):
            state[key] = value
        else:
            fail(f"has an invalid optimizer value {key}={value!r}")
    return state


def _units_off(saved: object, spec: ModelSpec, fail: Fail) -> UnitsOff:
    """The switched-off units of the file: [layer, unit] pairs of the model's hidden layers."""
    if not isinstance(saved, list) or len(saved) > sum(spec.hidden):
        fail("has a malformed list of switched-off units")
    try:
        return checked((tuple(u) if isinstance(u, list) else u for u in saved), spec.hidden)
    except ValueError as exc:
        fail(f"has an invalid switched-off unit: {exc}")


def _rng_state(state: object, fail: Fail) -> dict[str, Any]:
    """A PCG64 state dict (the only generator the session uses), checked by NumPy itself."""
    if not isinstance(state, dict) or state.get("bit_generator") != "PCG64":
        fail("has no valid shuffling random state")
    try:
        rng = np.random.Generator(np.random.PCG64())
        rng.bit_generator.state = state
    except (ValueError, TypeError, KeyError, OverflowError) as exc:
        fail(f"has an invalid shuffling random state ({exc})")
    return state


def _recovery(
    saved: object, arrays: dict[str, np.ndarray], params: np.ndarray, epoch: int, fail: Fail
) -> dict[str, Any]:
    """What a divergence would rewind to: the last good weights, their epoch, the best loss."""
    good = arrays.get("recovery.good_params")
    if not isinstance(saved, dict) or good is None:
        fail("has no divergence-recovery state")
    if good.shape != params.shape or good.dtype != params.dtype:
        fail("has last good weights unlike its parameters")
    good_epoch = _integer(saved.get("good_epoch"), "good_epoch", fail)
    best = saved.get("best_loss")
    if good_epoch > epoch or not isinstance(best, (int, float)) or isinstance(best, bool):
        fail(f"has an invalid divergence-recovery state {saved!r}")
    return {"good_params": good, "good_epoch": good_epoch, "best_loss": float(best)}


def _history(arrays: dict[str, np.ndarray], fail: Fail) -> dict[str, np.ndarray]:
    columns = {}
    for column in COLUMNS:
        array = arrays.get(f"history.{column}")
        if array is None or array.ndim != 1 or array.dtype != np.float64:
            fail(f"has no float64 history column {column!r}")
        columns[column] = array
    epochs = arrays.get("history.epoch")
    if epochs is not None:
        if epochs.ndim != 1 or epochs.dtype != np.float64:
            fail("has an invalid history epoch column")
        if epochs.size and (
            not np.all(np.isfinite(epochs))
            or epochs[0] < 1
            or not np.all(np.diff(epochs) > 0)
            or np.any(epochs != np.round(epochs))
        ):
            fail("has history epochs that are not increasing whole numbers")
        columns["epoch"] = epochs
    if len({a.shape[0] for a in columns.values()}) != 1:
        fail("has history columns of different lengths")
    return columns


__all__ = ["FORMAT", "VERSION", "SessionFileError", "check_session_file", "load_session", "save_session"]
