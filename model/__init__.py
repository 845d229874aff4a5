"""Neural Playground's model layer: networks written from scratch in NumPy.

Pure NumPy (scikit-learn for datasets and input validation); never imports Qt.

The scikit-learn compatible estimators are exported lazily, so that
``import model`` stays cheap (it does not import scikit-learn's estimator
machinery until one of them is used)::

    from model import MLPClassifier, MLPRegressor, LogisticRegression, Perceptron
"""

from importlib import import_module
from typing import Any

#: Lazily exported names -> the submodule defining them.
_LAZY = {
    "Perceptron": "nn.estimators",
    "LogisticRegression": "nn.estimators",
    "MLPClassifier": "nn.estimators",
    "MLPRegressor": "nn.estimators",
}

__all__ = list(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
