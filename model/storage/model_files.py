"""Save and load the scikit-learn compatible estimators of ``model.nn.estimators``, without pickle.

    save_model(estimator, "model.npz")
    estimator = load_model("model.npz")

A loaded estimator predicts exactly as the saved one, and continues
(``partial_fit``, ``fit`` with ``warm_start=True``) exactly as it would have:
its network, its optimizer's state (momentum, Adam's moments) and its
bookkeeping (``loss_curve_``, ``best_loss_``, ``n_iter_``, ``t_``, ...) are all saved.

File format (version 2): a ``.npz`` archive (``np.load(path, allow_pickle=False)``
reads it) written by ``model.storage.safe_files.write_archive`` (atomically, fixed zip
dates: saving the same model twice gives identical bytes). Entries:

    meta          0-d str array: JSON object (sorted keys)
        format      "neural-playground-model"
        version     2 (version 1 files are read too: their parameter vectors are reordered)
        class       "Perceptron" | "LogisticRegression" | "MLPClassifier" | "MLPRegressor"
        params      get_params(deep=False); a tuple is written {"tuple": [...]}
        fitted      bool
        attributes  [{"name": ..., "kind": ..., ...}] every instance attribute that is
                    not a parameter, in name order; kind is one of
                      "value"       a JSON number/string/bool/null, in "value"
                      "array"       the array "attr.<name>" ("object": true when it was an
                                    object array of strings, e.g. feature_names_in_)
                      "float_list"  a list of floats (loss_curve_), stored as "attr.<name>"
                      "array_list"  a list of arrays, stored as "attr.<name>.<i>"
                      "network"     a model.nn.network.Network: "layer_sizes", "activations",
                                    "task", "dtype"; its flat params in "attr.<name>.params"
                                    (laid out by model.nn.param_layout)
                      "optimizer"   a model.nn.optimizers SGD/Adam: "class", "settings"
                                    (constructor arguments) and "state" (state(), every
                                    array replaced by "array", stored as "attr.<name>.<key>")
                      "label_binarizer"  sklearn LabelBinarizer: "params", and the classes
                                    it was fitted on in "attr.<name>.classes"
        arrays      the manifest: {name: {"dtype": "<f8", "shape": [...]}} of every array
    attr.*        the arrays above: bool, int, float or str only

Anything wrong with a file raises ``ModelFileError`` (a ``ValueError``) naming
the file and the problem; ``OSError`` only when it cannot be opened at all.
A loaded model is checked by predicting one sample before it is returned.

Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

import inspect
from numbers import Integral, Real
from typing import Any, NoReturn

import numpy as np

from model.nn.network import Network
from model.nn.optimizers import SGD, Adam
from model.storage.model_file_parts import (
    _PARAM_RANGES,
    _check_fitted,
    _check_numbers,
    _from_version_1,
    _load_attribute,
    _set_attribute,
)
from model.storage.safe_files import FileFormatError, FilePath, read_archive, write_archive
from model.storage.value_checks import (
    ValueOutOfRange,
    check_json_numbers,
)

FORMAT = "neural-playground-model"
VERSION = 2  # 2: parameter vectors laid out by model.nn.param_layout (1: weights, then biases)
#: The estimator classes a file may name (all in ``model.nn.estimators``).
MODEL_CLASSES = ("Perceptron", "LogisticRegression", "MLPClassifier", "MLPRegressor")
MAX_MODEL_BYTES = 200_000_000


class ModelFileError(FileFormatError):
    """A model file that cannot be loaded: ``str(error)`` names the file and the problem."""


def _estimator_class(name: str) -> type[Any]:
    from model.nn import estimators  # imported late: scikit-learn takes a moment to import

    return getattr(estimators, name)


# ----------------------------------------------------------------------------- JSON values
def _encode(value: object, what: str) -> Any:
    """A parameter as JSON: scalars as they are, tuples tagged, lists as lists."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Real):
        return float(value)
    if isinstance(value, tuple):
        return {"tuple": [_encode(v, what) for v in value]}
    if isinstance(value, list):
        return [_encode(v, what) for v in value]
    raise ValueError(
        f"cannot save {what}: a {type(value).__name__} is not a plain value (for random_state use an int or None)"
    )


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        if set(value) != {"tuple"} or not isinstance(value["tuple"], list):
            raise ValueError(f"unexpected object {value!r}")
        return tuple(_decode(v) for v in value["tuple"])
    return value


# ------------------------------------------------------------------------------------ saving
def save_model(estimator: Any, path: FilePath) -> None:
    """Write ``estimator`` (fitted or not) to ``path`` as a ``.npz`` (see the module docstring).

    Atomic: an error during the save leaves any previous file at ``path`` intact.
    Raises ``ValueError`` for an estimator that cannot be saved (not one of
    ``MODEL_CLASSES``, or a parameter such as a RandomState instance that is not
    a plain value); ``ModelFileError``, before anything is written, for a model larger than ``MAX_MODEL_BYTES``
    (which opening refuses).
    """
    name = type(estimator).__name__
    if name not in MODEL_CLASSES or _estimator_class(name) is not type(estimator):
        raise ValueError(
            f"can only save {', '.join(MODEL_CLASSES)} of model.nn.estimators, not {type(estimator).__module__}.{name}"
        )
    params = estimator.get_params(deep=False)
    meta_params = {key: _encode(value, f"parameter {key}={value!r}") for key, value in sorted(params.items())}
    arrays: dict[str, np.ndarray] = {}
    attributes = []
    for attr, value in sorted(vars(estimator).items()):
        if attr in params or attr.startswith("__"):
            continue
        attributes.append(_save_attribute(attr, value, arrays))
    meta = {"class": name, "params": meta_params, "attributes": attributes, "fitted": "network_" in vars(estimator)}
    write_archive(path, FORMAT, VERSION, meta, arrays, MAX_MODEL_BYTES, ModelFileError, "model file")


def _string_array(value: np.ndarray, what: str) -> np.ndarray:
    items = value.ravel().tolist()
    if not all(isinstance(s, str) for s in items):
        raise ValueError(f"cannot save {what}: an object array of other things than strings")
    return np.array(items, dtype=str).reshape(value.shape) if items else np.zeros(value.shape, dtype="<U1")


def _save_attribute(attr: str, value: Any, arrays: dict[str, np.ndarray]) -> dict[str, Any]:
    key = f"attr.{attr}"
    if isinstance(value, Network):
        arrays[f"{key}.params"] = value.params
        return {
            "name": attr,
            "kind": "network",
            "layer_sizes": list(value.layer_sizes),
            "activations": list(value.hidden_activations),
            "task": value.task,
            "dtype": value.dtype.name,
        }
    if isinstance(value, (SGD, Adam)):
        cls = type(value)
        settings = {p: _encode(getattr(value, p), f"{attr}.{p}") for p in inspect.signature(cls).parameters}
        state = {}
        for k, v in value.state().items():
            if isinstance(v, np.ndarray):
                arrays[f"{key}.{k}"] = v
                state[k] = "array"
            else:
                state[k] = _encode(v, f"{attr} state {k}")
        return {"name": attr, "kind": "optimizer", "class": cls.__name__, "settings": settings, "state": state}
    if type(value).__name__ == "LabelBinarizer" and hasattr(value, "classes_"):
        classes = value.classes_
        arrays[f"{key}.classes"] = _string_array(classes, attr) if classes.dtype.hasobject else classes
        return {
            "name": attr,
            "kind": "label_binarizer",
            "params": {k: _encode(v, attr) for k, v in value.get_params().items()},
            "object": bool(classes.dtype.hasobject),
        }
    if isinstance(value, np.ndarray):
        is_object = value.dtype.hasobject
        arrays[key] = _string_array(value, attr) if is_object else value
        return {"name": attr, "kind": "array", "object": bool(is_object)}
    if isinstance(value, list) and value and all(isinstance(v, np.ndarray) for v in value):
        for i, v in enumerate(value):
            arrays[f"{key}.{i}"] = v
        return {"name": attr, "kind": "array_list", "length": len(value)}
    if isinstance(value, list) and all(isinstance(v, Real) and not isinstance(v, (bool, np.bool_)) for v in value):
        arrays[key] = np.asarray(value, dtype=np.float64)
        return {"name": attr, "kind": "float_list"}
    return {"name": attr, "kind": "value", "value": _encode(value, f"attribute {attr}")}


# ----------------------------------------------------------------------------------- loading
def load_model(path: FilePath) -> Any:
    """Read a model written by ``save_model``; returns the estimator, ready to predict.

    Raises ``ModelFileError`` (a ``ValueError``) naming the file and the problem
    for a damaged, foreign, newer-version, hostile or inconsistent file. Nothing
    in the file is ever unpickled or executed.
    """
    meta, arrays = read_archive(path, FORMAT, VERSION, ModelFileError, MAX_MODEL_BYTES, what="model file")

    def fail(problem: str) -> NoReturn:
        raise ModelFileError(path, problem)

    try:
        check_json_numbers(meta)
    except ValueOutOfRange as exc:
        fail(f"has a number out of range: {exc}")
    name = meta.get("class")
    if name not in MODEL_CLASSES:
        fail(f"holds an unknown kind of model {name!r} (known: {', '.join(MODEL_CLASSES)})")
    cls = _estimator_class(name)
    params = meta.get("params")
    if not isinstance(params, dict):
        fail("has no model parameters")
    try:
        decoded = {key: _decode(value) for key, value in params.items()}
        _check_numbers(decoded, _PARAM_RANGES, "parameter")
        estimator = cls(**decoded)
    except (TypeError, ValueError, RecursionError) as exc:
        fail(f"has parameters a {name} does not take ({exc})")
    attributes = meta.get("attributes")
    if not isinstance(attributes, list):
        fail("has no list of attributes")
    used: set[str] = set()
    seen: set[str] = set()
    for entry in attributes:
        attr, value = _load_attribute(entry, arrays, used, fail)
        if attr in seen or attr in params:
            fail(f"lists the attribute {attr!r} twice")
        seen.add(attr)
        _set_attribute(estimator, cls, attr, value, fail)
    unused = sorted(set(arrays) - used)
    if unused:
        fail(f"holds arrays no attribute uses: {unused}")
    if meta["version"] == 1:
        _from_version_1(estimator)
    if meta.get("fitted") is True:
        _check_fitted(estimator, fail)
    return estimator


__all__ = ["FORMAT", "MODEL_CLASSES", "VERSION", "ModelFileError", "load_model", "save_model"]
