"""The parts of an estimator read back from a model file, each checked: parameters, attributes, network, optimizer.

``model.storage.model_files.load_model`` reads the archive and calls these: every number is range-checked
(``model.storage.value_checks``), every array's shape and dtype is checked against the network it belongs to, and
the fitted estimator is checked whole before it is returned.
"""

from __future__ import annotations

import inspect
import math
import re
import warnings
from collections.abc import Callable
from typing import Any, NoReturn, TypeAlias, TypeGuard

import numpy as np

from model.nn.network import Network
from model.nn.optimizers import SGD, Adam
from model.nn.param_layout import from_weights_then_biases
from model.storage.value_checks import (
    INT32_MAX,
    MAX_LEARNING_RATE,
    MAX_PENALTY,
    ValueOutOfRange,
    check_hidden_layers,
    check_network_size,
    real,
    whole,
)

OPTIMIZER_CLASSES = {"SGD": SGD, "Adam": Adam}
_NAME = re.compile(r"^_?[A-Za-z][A-Za-z0-9_]*$")


#: Raises the file's error with a problem: how the loaders report what is wrong.
Fail: TypeAlias = Callable[[str], NoReturn]


def _rate(value: object, name: str) -> float:
    return real(value, name, 0.0, MAX_LEARNING_RATE, low_open=True)


def _batch_size(value: object, name: str) -> object:
    return value if value == "auto" else whole(value, name, 1, INT32_MAX)


def _patience(value: object, name: str) -> object:
    return value if value == math.inf else whole(value, name, 1, INT32_MAX)  # inf: never stop early


def _tolerance(value: object, name: str) -> float | None:
    return None if value is None else real(value, name, 0.0, 1e6)


#: The range of every numeric estimator parameter (and optimizer setting) a file may set.
_PARAM_RANGES: dict[str, Callable[[Any, str], object]] = {
    "alpha": lambda v, n: real(v, n, 0.0, MAX_PENALTY),
    "l1": lambda v, n: real(v, n, 0.0, MAX_PENALTY),
    "learning_rate_init": _rate,
    "learning_rate": _rate,
    "eta0": _rate,
    "momentum": lambda v, n: real(v, n, 0.0, 1.0),
    "beta_1": lambda v, n: real(v, n, 0.0, 1.0, high_open=True),
    "beta_2": lambda v, n: real(v, n, 0.0, 1.0, high_open=True),
    "epsilon": lambda v, n: real(v, n, 0.0, 1.0, low_open=True),
    "tol": _tolerance,
    "max_iter": lambda v, n: whole(v, n, 1, INT32_MAX),
    "n_iter_no_change": _patience,
    "random_state": lambda v, n: whole(v, n, 0, 2**32 - 1, allow_none=True),
    "batch_size": _batch_size,
    "hidden_layer_sizes": lambda v, n: check_hidden_layers(list(v) if isinstance(v, tuple) else v, n),
}


def _check_numbers(values: dict[str, Any], ranges: dict[str, Callable[[Any, str], object]], what: str) -> None:
    """Raise ``ValueOutOfRange`` naming the first of ``values`` outside its range in ``ranges``."""
    for key, value in values.items():
        check = ranges.get(key)
        if check is not None:
            check(value, key)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            raise ValueOutOfRange(f"{what} {key} = {value!r} is a number where none belongs")


def _from_version_1(estimator: object) -> None:
    """Version 1 laid parameter vectors out as [all weights | all biases]: reorder the
    networks' and the optimizers' vectors into ``model.nn.param_layout``'s blocks."""
    state = vars(estimator)
    networks = [value for value in state.values() if isinstance(value, Network)]
    for network in networks:
        network.params[...] = from_weights_then_biases(network.params, network.layer_sizes)
    if len(networks) != 1:
        return  # an optimizer belongs to the estimator's one network
    sizes = networks[0].layer_sizes
    for value in state.values():
        if isinstance(value, (SGD, Adam)):
            arrays = {
                key: from_weights_then_biases(array, sizes)
                if isinstance(array, np.ndarray) and array.shape == networks[0].params.shape
                else array
                for key, array in value.state().items()
            }
            value.load_state(arrays)


def _set_attribute(estimator: object, cls: type[Any], attr: str, value: object, fail: Fail) -> None:
    """Set one attribute; a name of the class may only be a settable property."""
    existing = inspect.getattr_static(cls, attr, None)
    if existing is not None and not (isinstance(existing, property) and existing.fset):
        fail(f"has an attribute {attr!r} that would replace part of {cls.__name__}")
    try:
        setattr(estimator, attr, value)
    except (TypeError, ValueError, AttributeError) as exc:
        fail(f"has an attribute {attr!r} that does not fit the model ({exc})")


def _array(arrays: dict[str, np.ndarray], key: str, used: set[str], fail: Fail) -> np.ndarray:
    if key not in arrays or key in used:
        fail(f"lacks the array {key!r}" if key not in arrays else f"uses the array {key!r} twice")
    used.add(key)
    return arrays[key]


def _is_int(value: object, minimum: int | None = None) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and (minimum is None or value >= minimum)


def _json_scalar(value: object) -> bool:
    return value is None or isinstance(value, (bool, int, float, str))


def _load_attribute(entry: Any, arrays: dict[str, np.ndarray], used: set[str], fail: Fail) -> tuple[str, Any]:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        fail("has a malformed attribute entry")
    attr, kind = entry["name"], entry.get("kind")
    if not _NAME.match(attr) or attr.endswith("__"):
        fail(f"has an attribute with an invalid name {attr!r}")
    key = f"attr.{attr}"
    if kind == "value":
        value = entry.get("value")
        if not _json_scalar(value):
            fail(f"has a malformed value for {attr!r}")
        return attr, value
    if kind == "array":
        array = _array(arrays, key, used, fail)
        if entry.get("object") is True:
            if array.dtype.kind != "U":
                fail(f"has a non-string array for the string attribute {attr!r}")
            array = array.astype(object)
        return attr, array
    if kind == "float_list":
        array = _array(arrays, key, used, fail)
        if array.ndim != 1 or array.dtype != np.float64:
            fail(f"has a malformed list {attr!r}")
        return attr, array.tolist()
    if kind == "array_list":
        length = entry.get("length")
        if not _is_int(length, 1) or length > len(arrays):
            fail(f"has a malformed list of arrays {attr!r}")
        return attr, [_array(arrays, f"{key}.{i}", used, fail) for i in range(length)]
    if kind == "network":
        return attr, _load_network(entry, _array(arrays, f"{key}.params", used, fail), attr, fail)
    if kind == "optimizer":
        return attr, _load_optimizer(entry, arrays, key, used, fail)
    if kind == "label_binarizer":
        return attr, _load_binarizer(entry, _array(arrays, f"{key}.classes", used, fail), fail)
    fail(f"has an attribute {attr!r} of unknown kind {kind!r}")


def _load_network(entry: dict[str, Any], params: np.ndarray, attr: str, fail: Fail) -> Network:
    sizes, activations = entry.get("layer_sizes"), entry.get("activations")
    task, dtype = entry.get("task"), entry.get("dtype")
    if not isinstance(sizes, list) or len(sizes) < 2 or not all(_is_int(s, 1) for s in sizes):
        fail(f"has invalid layer sizes {sizes!r}")
    if (
        not isinstance(activations, list)
        or len(activations) != len(sizes) - 2
        or not all(isinstance(a, str) for a in activations)
    ):
        fail(f"has invalid activations {activations!r}")
    if dtype not in ("float32", "float64") or task not in ("classification", "regression"):
        fail(f"has an invalid network dtype or task ({dtype!r}, {task!r})")
    try:
        n_params = check_network_size(sizes)
    except ValueOutOfRange as exc:
        fail(f"has an {attr} too large to build: {exc}")
    if params.shape != (n_params,) or params.dtype != np.dtype(dtype):
        fail(
            f"has {attr} parameters of shape {params.shape} and dtype {params.dtype}; layers "
            f"{sizes} need ({n_params},) {dtype}"
        )
    try:
        network = Network(sizes, tuple(activations), task, dtype)
    except (ValueError, TypeError, KeyError) as exc:
        fail(f"describes a network that cannot be built ({exc})")
    if not np.all(np.isfinite(params)):
        fail(f"has {attr} weights that are not finite numbers (NaN or infinity)")
    network.set_params(params)
    return network


def _load_optimizer(
    entry: dict[str, Any], arrays: dict[str, np.ndarray], key: str, used: set[str], fail: Fail
) -> SGD | Adam:
    name = entry.get("class")
    cls = OPTIMIZER_CLASSES.get(name) if isinstance(name, str) else None  # any JSON value may come
    settings, state = entry.get("settings"), entry.get("state")
    if cls is None or not isinstance(settings, dict) or not isinstance(state, dict):
        fail(f"has an invalid optimizer {entry.get('class')!r}")
    if not set(settings) <= set(inspect.signature(cls).parameters) or not all(
        isinstance(v, (int, float)) for v in settings.values()
    ):
        fail(f"has invalid optimizer settings {settings!r}")
    try:
        _check_numbers(settings, _PARAM_RANGES, "optimizer setting")
        optimizer = cls(**settings)
    except (TypeError, ValueError) as exc:
        fail(f"has invalid optimizer settings ({exc})")
    if set(state) != set(optimizer.state()):
        fail(f"has an optimizer state with entries {sorted(state)}; a {cls.__name__} keeps {sorted(optimizer.state())}")
    loaded: dict[str, Any] = {}
    for k, v in state.items():
        if v == "array":
            array = _array(arrays, f"{key}.{k}", used, fail)
            if array.ndim != 1 or array.dtype.kind != "f":
                fail(f"has a malformed optimizer array {k!r}")
            loaded[k] = array
        elif v is None or _is_int(v, 0):
            loaded[k] = v
        else:
            fail(f"has an invalid optimizer value {k}={v!r}")
    optimizer.load_state(loaded)
    return optimizer


def _load_binarizer(entry: dict[str, Any], classes: np.ndarray, fail: Fail) -> Any:
    from sklearn.preprocessing import LabelBinarizer

    params = entry.get("params")
    if not isinstance(params, dict) or not all(_json_scalar(v) for v in params.values()):
        fail("has invalid label binarizer settings")
    if classes.ndim != 1 or classes.dtype.kind not in "biufU":
        fail("has invalid classes for its label binarizer")
    if entry.get("object") is True:
        classes = classes.astype(object)
    try:
        return LabelBinarizer(**params).fit(classes)
    except (TypeError, ValueError) as exc:
        fail(f"has classes its label binarizer cannot take ({exc})")


def _check_fitted(estimator: Any, fail: Fail) -> None:
    """The loaded pieces must fit together: predict one sample of zeros."""
    network = vars(estimator).get("network_")
    if not isinstance(network, Network):
        fail("is marked fitted but holds no network")
    n_features = vars(estimator).get("n_features_in_")
    if n_features != network.n_inputs:
        fail(f"says {n_features!r} input features, but its network takes {network.n_inputs}")
    classes = vars(estimator).get("classes_")
    if classes is not None:
        if not isinstance(classes, np.ndarray) or classes.ndim != 1 or classes.shape[0] < 2:
            fail("has malformed classes_")
        expected = 1 if classes.shape[0] == 2 else classes.shape[0]
        if network.n_outputs != expected:
            fail(f"has {classes.shape[0]} classes, but its network has {network.n_outputs} outputs")
    for value in vars(estimator).values():
        if isinstance(value, (SGD, Adam)):
            for key, array in value.state().items():
                if isinstance(array, np.ndarray) and (
                    array.shape != network.params.shape or array.dtype != network.params.dtype
                ):
                    fail(
                        f"has an optimizer array {key!r} of shape {array.shape} and dtype "
                        f"{array.dtype}, unlike the network's parameters "
                        f"({network.params.shape}, {network.params.dtype})"
                    )
    try:
        with warnings.catch_warnings():  # e.g. "X does not have valid feature names"
            warnings.simplefilter("ignore")
            prediction = estimator.predict(np.zeros((1, network.n_inputs)))
    except Exception as exc:
        fail(f"holds a model that cannot predict ({type(exc).__name__}: {exc})")
    if np.shape(prediction)[:1] != (1,):
        fail("holds a model that does not predict one value per sample")
