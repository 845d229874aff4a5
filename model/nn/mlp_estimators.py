"""``MLPClassifier`` and ``MLPRegressor``: the multi-layer perceptrons of ``model.nn.estimators``.

Their shared parameters and architecture (hidden layers, activation(s), weight_init) live in ``_MLPMixin``; the
training loop is ``model.nn.estimator_base``'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Integral
from typing import TYPE_CHECKING, Any, ClassVar, Self

import numpy as np
import numpy.typing as npt
from sklearn.base import RegressorMixin
from sklearn.utils import column_or_1d
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import validate_data

from model.nn.activations import HIDDEN_ACTIVATIONS
from model.nn.estimator_base import (
    _GRADIENT_DESCENT_CONSTRAINTS,
    _BaseNetworkEstimator,
    _invalid,
    _is_int,
    _keep_init_params,
    _NetworkClassifier,
)
from model.nn.network import WEIGHT_INITS, Network

if TYPE_CHECKING:
    # The MLP mixin comes before _BaseNetworkEstimator in the MLPs' bases and calls on to it.
    _MLPMixinBase = _BaseNetworkEstimator
else:
    _MLPMixinBase = object


class _MLPMixin(_MLPMixinBase):
    """The MLPs' parameters (scikit-learn reads them from ``__init__``'s signature, which
    MLPClassifier and MLPRegressor share) and their architecture: hidden layers,
    activation(s), weight_init."""

    def __init__(
        self,
        hidden_layer_sizes: int | Sequence[int] = (100,),
        activation: str | Sequence[str] = "relu",
        *,
        solver: str = "adam",
        alpha: float = 0.0001,
        l1: float = 0.0,
        batch_size: int | str = "auto",
        learning_rate_init: float = 0.001,
        max_iter: int = 200,
        shuffle: bool = True,
        random_state: int | np.random.RandomState | None = None,
        tol: float | None = 1e-4,
        n_iter_no_change: int | float = 10,
        warm_start: bool = False,
        momentum: float = 0.9,
        nesterovs_momentum: bool = True,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-8,
        weight_init: str = "glorot",
        dtype: str | None = None,
    ) -> None:
        _keep_init_params(self, locals())

    # scikit-learn lets any value be set (set_params); fit validates it.
    hidden_layer_sizes: Any
    activation: Any

    def _hidden_sizes(self) -> tuple[int, ...]:
        sizes = self.hidden_layer_sizes
        return (int(sizes),) if _is_int(sizes) else tuple(int(s) for s in sizes)

    def _hidden_activations(self) -> str | Sequence[str]:
        return self.activation if isinstance(self.activation, str) else tuple(self.activation)

    def _init_weights(self, network: Network, random_state: np.random.RandomState) -> None:
        network.init_weights(random_state, self.weight_init)

    _parameter_constraints: ClassVar[dict[str, list[object]]] = {
        **_GRADIENT_DESCENT_CONSTRAINTS,
        "hidden_layer_sizes": ["array-like", Interval(Integral, 1, None, closed="left")],
        "activation": [StrOptions(set(HIDDEN_ACTIVATIONS)), "array-like"],
        "weight_init": [StrOptions(set(WEIGHT_INITS))],
    }

    def _check_architecture(self) -> None:
        sizes = self.hidden_layer_sizes
        try:
            values = [sizes] if _is_int(sizes) else list(sizes)
        except TypeError:
            values = None
        if values is None or not all(_is_int(s) and s >= 1 for s in values):
            raise _invalid(self, "hidden_layer_sizes", "an int >= 1 or a sequence of ints >= 1")
        names = [self.activation] if isinstance(self.activation, str) else list(self.activation)
        if not all(isinstance(n, str) and n in HIDDEN_ACTIVATIONS for n in names):
            raise _invalid(self, "activation", f"one of {HIDDEN_ACTIVATIONS} or a sequence of them")
        if not isinstance(self.activation, str) and len(names) != len(values):
            raise _invalid(self, "activation", f"one name, or {len(values)} (one per hidden layer)")


class MLPClassifier(_MLPMixin, _NetworkClassifier):
    """Multi-layer perceptron classifier (softmax, or a sigmoid for two classes; cross-entropy).

    Parameters
    ----------
    hidden_layer_sizes : int or tuple of int, default=(100,)
        Units of each hidden layer.
    activation : one of ``model.nn.activations.HIDDEN_ACTIVATIONS`` ('tanh', 'relu', 'leaky_relu', 'softplus',
        'logistic', 'identity') or a tuple of them, default='relu'
        Hidden activation: one for all hidden layers, or one name per hidden layer.
    solver : {'sgd', 'adam'}, default='adam'
    alpha : float, default=0.0001
        L2 penalty ``0.5 * alpha * sum(W**2) / n_samples`` (weights only, not biases).
    l1 : float, default=0.0
        L1 penalty ``l1 * sum(|W|) / n_samples``.
    batch_size : int or 'auto', default='auto'
        Samples per update; 'auto' is ``min(200, n_samples)``.
    learning_rate_init : float, default=0.001
        The (constant) learning rate.
    max_iter : int, default=200
        Maximum number of epochs.
    shuffle : bool, default=True
        Shuffle the samples every epoch.
    random_state : int, RandomState instance or None, default=None
        Initial weights and shuffling.
    tol : float, default=1e-4
    n_iter_no_change : int, default=10
        Stop when the training loss has not improved by ``tol`` for more than
        ``n_iter_no_change`` consecutive epochs.
    warm_start : bool, default=False
        ``fit`` continues from the current weights instead of drawing new ones.
    momentum : float, default=0.9
        For ``solver='sgd'``.
    nesterovs_momentum : bool, default=True
        For ``solver='sgd'`` with momentum > 0.
    beta_1, beta_2, epsilon : float, default=0.9, 0.999, 1e-8
        For ``solver='adam'``.
    weight_init : {'glorot', 'he', 'auto'}, default='glorot'
        'glorot' draws the weights as scikit-learn does; 'he' suits ReLU layers;
        'auto' is He for (leaky) ReLU layers and Glorot otherwise (the app's default).
    dtype : {'float64', 'float32'} or None, default=None
        Precision of the weights and of the computation. None: as scikit-learn's MLP, float32 when X is
        float32 (half the memory traffic), float64 otherwise; a continued fit keeps the network's.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    coefs_ : list of ndarray of shape (fan_in, fan_out), views into ``network_``
    intercepts_ : list of ndarray of shape (fan_out,), views into ``network_``
    loss_curve_ : list of float, the training loss of every epoch
    loss_, best_loss_ : float
    n_iter_ : int, epochs run by the last call to fit / partial_fit
    t_ : int, samples seen
    n_features_in_, feature_names_in_, n_layers_, n_outputs_, out_activation_
    network_ : model.nn.network.Network
    """

    def predict(self, X: npt.ArrayLike) -> np.ndarray:
        """Class labels, shape (n_samples,)."""
        return self._decide(self._output(X), threshold=0.5)


class MLPRegressor(_MLPMixin, RegressorMixin, _BaseNetworkEstimator):
    """Multi-layer perceptron regressor (identity output, half mean squared error).

    Parameters are those of ``MLPClassifier``. ``y`` may have several columns
    (``n_outputs_ = y.shape[1]``). ``predict`` returns shape (n_samples,) for one
    output, (n_samples, n_outputs) otherwise.
    """

    _task = "regression"

    def _validate_input(
        self, X: Any, y: Any, incremental: bool, reset: bool, dtype: np.dtype | list[type[np.floating]]
    ) -> tuple[np.ndarray, np.ndarray]:
        X, y = validate_data(self, X, y, multi_output=True, y_numeric=True, dtype=dtype, reset=reset)
        if y.ndim == 2 and y.shape[1] == 1:
            y = column_or_1d(y, warn=True)
        Y = y.reshape(-1, 1) if y.ndim == 1 else y
        return X, np.asarray(Y, dtype=X.dtype)  # X's: float32 or float64, as it came when dtype=None

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> Self:
        """Train on X of shape (n_samples, n_features) and y of shape (n_samples,) or
        (n_samples, n_outputs); with ``warm_start=True`` from the current weights."""
        return self._fit(X, y, incremental=False)

    def partial_fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> Self:
        """One epoch over (X, y), continuing from ``coefs_``/``intercepts_`` as they stand
        (the optimizer's state carries over between calls)."""
        return self._fit(X, y, incremental=True)

    def predict(self, X: npt.ArrayLike) -> np.ndarray:
        """Predicted values, shape (n_samples,) or (n_samples, n_outputs)."""
        output = self._output(X)
        return output[:, 0] if self.n_outputs_ == 1 else output

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        return tags
