"""A session file's entries read back, each checked before any of it reaches a session: the data, the model and
training settings, the optimizer's state, the shuffling generator's state, the divergence-recovery point, the
switched-off units and the history.

``model.storage.session_files.load_session`` reads the archive and calls these in turn. Each takes the file's
``fail`` (a ``Fail``): a problem found raises the file's error, naming the file and, in a sentence, what is wrong.
(Version 1 files' parameter vectors are put in today's layout by ``from_version_1`` first.)

Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TypeAlias, TypeVar

import numpy as np

from model.data.dataset import MAX_NAME_CHARS, Dataset
from model.data.dataset_arrays import MAX_CLASSES, name_too_long
from model.data.view_plane import ViewPlane
from model.nn.optimizers import make_optimizer
from model.nn.param_layout import from_weights_then_biases, n_params
from model.nn.units_off import UnitsOff, checked
from model.storage.data_source_entry import read_origin
from model.storage.value_checks import INT64_MAX, ValueOutOfRange, shown, whole
from model.training.history import COLUMNS
from model.training.specs import ModelSpec, TrainSpec

MAX_FEATURES = 4096  # inputs of the data (the digits have 64)
MAX_DESCRIPTION_CHARS = 2000


#: Raises the file's error with a problem: how the loaders report what is wrong.
Fail: TypeAlias = Callable[[str], NoReturn]
_Spec = TypeVar("_Spec", ModelSpec, TrainSpec)


def integer_entry(value: object, name: str, fail: Fail, minimum: int = 0, maximum: int = INT64_MAX) -> int:
    """A whole number of the file named ``name``, within [minimum, maximum]."""
    try:
        return whole(value, name, minimum, maximum)
    except ValueOutOfRange as exc:
        fail(f"has an invalid value: {exc}")


def dataset_entry(meta: dict[str, Any], arrays: dict[str, np.ndarray], fail: Fail) -> Dataset:
    """The data: its arrays and its metadata (task, classes, names, description, origin, plane)."""
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
    if y.shape != (len(X),) or is_test.shape != (len(X),):  # before the labels are read one by one
        fail(
            f"has labels (data.y, shape {y.shape}) or a test mask (data.is_test, shape {is_test.shape}) "
            f"that are not one per point of data.X ({len(X)} points)"
        )
    names = info.get("class_names", [])
    n_classes = info.get("n_classes", 2)
    if not isinstance(names, list) or not all(isinstance(s, str) for s in names):
        fail("has malformed class names")
    if not isinstance(n_classes, int) or isinstance(n_classes, bool):
        fail(f"has an invalid number of classes {n_classes!r}")
    _check_values(task, X, y, n_classes, names, fail)  # the model's size follows from them: said before it
    features = info.get("feature_names", [])
    if (
        not isinstance(features, list)
        or not all(isinstance(s, str) for s in features)
        or len(features) not in (0, X.shape[1])
    ):
        fail(f"has malformed feature names (one name per feature, of at most {MAX_NAME_CHARS} characters each)")
    for what, listed in (("class", names), ("feature", features)):
        for i, name in enumerate(listed):
            if len(name) > MAX_NAME_CHARS:
                fail(f"has a {what} name too long: the name of {what} {i + 1}, {name_too_long(name)}")
    target = info.get("target_name", "")  # files written before it was kept name none
    if not isinstance(target, str):
        fail(f"has a malformed target name (text of at most {MAX_NAME_CHARS} characters)")
    if len(target) > MAX_NAME_CHARS:
        fail(f"has a target name too long: {name_too_long(target)}")
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
        return Dataset(
            X, y, is_test, task, n_classes, tuple(names), tuple(features), description, origin, plane, target
        )
    except (ValueError, TypeError) as exc:
        fail(f"holds invalid data ({exc})")


def _check_values(task: str, X: np.ndarray, y: np.ndarray, n_classes: int, names: list[str], fail: Fail) -> None:
    """The data's numbers: its class count, labels within it (a label past it made more classes, and a network
    other than the file's weights), and finite inputs and targets; each named by its field."""
    if task == "classification":
        if not 2 <= n_classes <= MAX_CLASSES:
            fail(
                f"has an invalid number of classes (dataset.n_classes = {n_classes}; "
                f"2 to {MAX_CLASSES} for classification)"
            )
        if names and len(names) != n_classes:
            fail(f"has {len(names)} class names (dataset.class_names) for its {n_classes} classes (dataset.n_classes)")
        outside = np.flatnonzero((y < 0) | (y >= n_classes))
        if outside.size:
            i = int(outside[0])
            fail(
                f"has a label {int(y[i])} in data.y (point {i + 1}) out of its {n_classes} classes "
                f"(dataset.n_classes): labels are 0 to {n_classes - 1}"
            )
    else:
        if not 0 <= n_classes <= MAX_CLASSES:
            fail(f"has an invalid number of classes (dataset.n_classes = {n_classes}; 1 for regression)")
        bad = np.flatnonzero(~np.isfinite(y))
        if bad.size:
            fail(f"has a target that is not a finite number in data.y (point {int(bad[0]) + 1}: {y[bad[0]]})")
    bad_x = np.argwhere(~np.isfinite(X))
    if bad_x.size:
        i, j = (int(k) for k in bad_x[0])
        fail(f"has an input that is not a finite number in data.X (point {i + 1}, feature {j + 1}: {X[i, j]})")


def spec_entry(
    cls: type[_Spec], d: object, what: str, fail: Fail, check_numbers: Callable[[dict[str, Any]], None]
) -> _Spec:
    """Settings (``cls`` is ModelSpec or TrainSpec) from their dict, its numbers range-checked first."""
    if not isinstance(d, dict):
        fail(f"has no {what}")
    try:
        check_numbers(d)
        return cls.from_dict(d)
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
        fail(f"has invalid {what} ({exc})")


def _is_real(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def check_model_spec_numbers(spec: ModelSpec, fail: Fail) -> None:
    for name in ("alpha", "l1"):
        if not _is_real(getattr(spec, name)):
            fail(f"has an invalid model setting {name}={getattr(spec, name)!r}")
    if not all(isinstance(s, str) for s in spec.features):
        fail("has invalid input features")


def check_train_spec_types(spec: TrainSpec, fail: Fail) -> None:
    for name in ("learning_rate", "momentum", "beta_1", "beta_2", "epsilon"):
        if not _is_real(getattr(spec, name)):
            fail(f"has an invalid training setting {name}={getattr(spec, name)!r}")
    batch = spec.batch_size
    if batch is not None and (not isinstance(batch, int) or isinstance(batch, bool)):
        fail(f"has an invalid batch size {batch!r}")
    if not isinstance(spec.shuffle, bool):
        fail(f"has an invalid shuffle setting {spec.shuffle!r}")


def layer_sizes(dataset: Dataset, spec: ModelSpec) -> list[int]:
    """The layer sizes of the network the session will build (see TrainingSession._layer_sizes)."""
    n_out = 1 if dataset.task == "regression" or dataset.n_classes <= 2 else dataset.n_classes
    return [dataset.n_features + len(spec.features), *spec.hidden, n_out]


def parameter_count(dataset: Dataset, spec: ModelSpec) -> int:
    """Size of the flat parameter vector the session will build."""
    return n_params(layer_sizes(dataset, spec))


def from_version_1(arrays: dict[str, np.ndarray], sizes: Sequence[int]) -> None:
    """Version 1 laid parameter vectors out as [all weights | all biases]: reorder the
    parameters, the last good ones and the optimizer's vectors into ``model.nn.param_layout``'s
    blocks, in place. (Vectors of another length are left for the checks to report.)"""
    for key, array in arrays.items():
        flat = key in ("params", "recovery.good_params") or key.startswith("optimizer.")
        if flat and array.ndim == 1 and array.shape[0] == n_params(sizes):
            arrays[key] = from_weights_then_biases(array, sizes)


def optimizer_entry(
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
            _check_optimizer_values(key, array, t.optimizer, fail)
            state[key] = array
        elif value is None or (isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= INT64_MAX):
            state[key] = value
        else:
            fail(f"has an invalid optimizer value {key}={value!r}")
    return state


def _check_optimizer_values(key: str, array: np.ndarray, optimizer: str, fail: Fail) -> None:
    """An optimizer array as training leaves it: finite numbers (a non-finite step makes the weights non-finite,
    and training then goes back to the last good weights with the optimizer cleared), but for Adam's second
    moments, squared gradients: never negative, and +inf once a square overflowed with the weights still finite."""
    if optimizer == "adam" and key == "v":
        if np.any(np.isnan(array)) or np.any(array < 0):
            fail(f"has an optimizer array {key!r} holding NaN or negative values (squared gradients are >= 0)")
    elif not np.all(np.isfinite(array)):
        fail(f"has an optimizer array {key!r} holding values that are not finite numbers (NaN or infinite)")


def units_off_entry(saved: object, spec: ModelSpec, fail: Fail) -> UnitsOff:
    """The switched-off units of the file: [layer, unit] pairs of the model's hidden layers."""
    if not isinstance(saved, list) or len(saved) > sum(spec.hidden):
        fail("has a malformed list of switched-off units")
    try:
        return checked((tuple(u) if isinstance(u, list) else u for u in saved), spec.hidden)
    except ValueError as exc:
        fail(f"has an invalid switched-off unit: {exc}")


def rng_entry(state: object, fail: Fail) -> dict[str, Any]:
    """A PCG64 state dict (the only generator the session uses), checked by NumPy itself."""
    if not isinstance(state, dict) or state.get("bit_generator") != "PCG64":
        fail("has no valid shuffling random state")
    try:
        rng = np.random.Generator(np.random.PCG64())
        rng.bit_generator.state = state
    except (ValueError, TypeError, KeyError, OverflowError) as exc:
        fail(f"has an invalid shuffling random state ({exc})")
    return state


def recovery_entry(
    saved: object, arrays: dict[str, np.ndarray], params: np.ndarray, epoch: int, fail: Fail
) -> dict[str, Any]:
    """What a divergence would rewind to: the last good weights, their epoch, the best loss."""
    good = arrays.get("recovery.good_params")
    if not isinstance(saved, dict) or good is None:
        fail("has no divergence-recovery state")
    if good.shape != params.shape or good.dtype != params.dtype:
        fail("has last good weights unlike its parameters")
    if not np.all(np.isfinite(good)):  # weights a divergence went back to: finite ones, always
        fail("has last good weights (recovery.good_params) that are not finite numbers (NaN or infinite)")
    good_epoch = integer_entry(saved.get("good_epoch"), "good_epoch", fail)
    best = saved.get("best_loss")
    # the lowest loss so far: a loss is never negative, and +inf before the first epoch
    if good_epoch > epoch or not isinstance(best, (int, float)) or isinstance(best, bool) or not best >= 0:
        fail(f"has an invalid divergence-recovery state {shown(saved, 120)}")
    return {"good_params": good, "good_epoch": good_epoch, "best_loss": float(best)}


def history_entry(arrays: dict[str, np.ndarray], epoch: int, fail: Fail) -> dict[str, np.ndarray]:
    """The history's columns: one float64 value per recorded epoch, those epochs increasing whole numbers, none past
    the model's ``epoch`` (curves running ahead of the weights, to epochs beyond any count)."""
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
        if epochs.size and epochs[-1] > epoch:
            fail(f"has history up to epoch {epochs[-1]:.0f}, past its epoch {epoch}")
        columns["epoch"] = epochs
    if len({a.shape[0] for a in columns.values()}) != 1:
        fail("has history columns of different lengths")
    if epochs is None and columns["train_loss"].shape[0] > epoch:
        fail(f"has {columns['train_loss'].shape[0]} epochs of history, more than its epoch {epoch}")
    return columns


__all__ = [
    "MAX_DESCRIPTION_CHARS",
    "MAX_FEATURES",
    "MAX_NAME_CHARS",
    "Fail",
    "check_model_spec_numbers",
    "check_train_spec_types",
    "dataset_entry",
    "from_version_1",
    "history_entry",
    "integer_entry",
    "layer_sizes",
    "optimizer_entry",
    "parameter_count",
    "recovery_entry",
    "rng_entry",
    "spec_entry",
    "units_off_entry",
]
