"""The fitted network all four estimators of ``model.nn.estimators`` hold, and what goes with it.

``_NetworkHolder`` keeps ``network_``, offers ``coefs_`` and ``intercepts_`` as assignable lists of views into
the network's one flat parameter vector, and keeps scikit-learn's per-epoch bookkeeping (``loss_curve_``,
``best_loss_``, the stopping rule's count).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

import numpy as np
import numpy.typing as npt
from sklearn.base import BaseEstimator
from sklearn.exceptions import NotFittedError
from sklearn.utils.validation import check_is_fitted, validate_data

from model.nn.network import Network
from model.nn.optimizers import SGD, Adam


# -- views into the network's parameters -------------------------------------------------------
def _copy_into(target: np.ndarray, value: npt.ArrayLike, what: str) -> None:
    value = np.asarray(value)
    if value.shape != target.shape:
        raise ValueError(f"{what} must have shape {target.shape}, got {value.shape}")
    target[...] = value


class _ParameterList(list[np.ndarray]):
    """A list of views into a network's parameters; assigning an item copies into the network,
    so ``est.coefs_[0] = W`` works like ``est.coefs_[0][...] = W``."""

    def __init__(self, views: Iterable[np.ndarray], name: str) -> None:
        super().__init__(views)
        self._name = name

    def __setitem__(self, index: Any, value: Any) -> None:
        if isinstance(index, slice):
            targets, values = list.__getitem__(self, index), list(value)
            if len(values) != len(targets):
                raise ValueError(f"{self._name}: cannot change the number of layers")
            for target, v in zip(targets, values):
                _copy_into(target, v, self._name)
        else:
            _copy_into(list.__getitem__(self, index), value, f"{self._name}[{index}]")

    def __reduce__(self) -> tuple[type[list[np.ndarray]], tuple[list[np.ndarray]]]:
        # Pickles (and deep-copies) as a plain list of arrays.
        return (list, (list(self),))


def _network_of(est: object) -> Network:
    network = est.__dict__.get("network_")
    if network is None:
        raise NotFittedError(
            f"This {type(est).__name__} instance is not fitted yet; call "
            "'fit' (or 'partial_fit') before setting its weights."
        )
    return cast(Network, network)


def _views_property(kind: str, doc: str) -> property:
    """``coefs_`` / ``intercepts_``: lists of views into ``network_``, assignable."""
    name = f"{kind}_"

    def getter(self: object) -> _ParameterList:
        network = self.__dict__.get("network_")
        if network is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r} (it is set by fit)")
        return _ParameterList(getattr(network, kind), name)

    def setter(self: object, values: Iterable[npt.ArrayLike]) -> None:
        targets = getattr(_network_of(self), kind)
        arrays = [np.asarray(v) for v in values]
        if len(arrays) != len(targets):
            raise ValueError(f"{name} needs {len(targets)} arrays (one per layer), got {len(arrays)}")
        for i, (target, value) in enumerate(zip(targets, arrays)):  # check all before writing
            if value.shape != target.shape:
                raise ValueError(f"{name}[{i}] must have shape {target.shape}, got {value.shape}")
        for target, value in zip(targets, arrays):
            target[...] = value

    return property(getter, setter, doc=doc)


class _NetworkHolder(BaseEstimator):
    """What all four share: ``network_``, its views and the fitted test."""

    coefs_ = _views_property(
        "coefs",
        "list of ndarray of shape (fan_in, fan_out): weight matrix of each layer "
        "(views into the network; assign to change the weights).",
    )
    intercepts_ = _views_property(
        "intercepts",
        "list of ndarray of shape (fan_out,): bias vector of each layer "
        "(views into the network; assign to change the biases).",
    )

    def __sklearn_is_fitted__(self) -> bool:
        return "network_" in self.__dict__

    network_: Network
    loss_curve_: list[float]
    _optimizer: SGD | Adam | None

    def _check_X(self, X: Any) -> np.ndarray:
        check_is_fitted(self)
        return validate_data(self, X, reset=False, dtype=self.network_.dtype)

    def _continue_network(self, layer_sizes: Sequence[int], activations: Sequence[str], dtype: np.dtype) -> None:
        """Keep the weights for warm_start / partial_fit; adapt activations or dtype."""
        network = self.network_
        if list(network.layer_sizes) != list(layer_sizes):
            raise ValueError(
                f"Cannot continue training (warm_start=True or partial_fit): the network has "
                f"layer sizes {network.layer_sizes}, but the parameters and data need "
                f"{tuple(layer_sizes)}. Fit with warm_start=False to start afresh."
            )
        if network.hidden_activations != tuple(activations) or network.dtype != dtype:
            new = Network(layer_sizes, activations, network.task, dtype)
            new.params[...] = network.params
            self.network_ = new
            self._optimizer = None

    def _start_history(self) -> None:
        self.loss_curve_ = []
        self.best_loss_ = np.inf
        self._no_improvement_count = 0
        self.t_ = 0
        self._optimizer = None

    def _record_epoch(self, loss: float, n_samples: int) -> None:
        """scikit-learn's bookkeeping after an epoch (its stopping rule included)."""
        self.n_iter_ += 1
        self.t_ += n_samples
        self.loss_ = loss
        self.loss_curve_.append(loss)
        if loss > self.best_loss_ - (self.tol or 0.0):
            self._no_improvement_count += 1
        else:
            self._no_improvement_count = 0
        if loss < self.best_loss_:
            self.best_loss_ = loss
