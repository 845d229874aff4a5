"""``LogisticRegression`` and ``Perceptron``: the linear models of ``model.nn.estimators``.

Both show their one layer in scikit-learn's linear-model layout (``coef_``, ``intercept_``); logistic
regression trains with the shared gradient-descent loop, the perceptron with Rosenblatt's rule.
"""

from __future__ import annotations

from collections.abc import Callable
from numbers import Integral, Real
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt
from sklearn.utils._param_validation import Interval
from sklearn.utils.validation import check_is_fitted

from model.nn.estimator_base import _DTYPE, _EpochClassifier, _keep_init_params, _NetworkClassifier
from model.nn.losses import perceptron_loss
from model.nn.network import Network
from model.nn.network_holder import _copy_into, _network_of
from model.nn.perceptron_rule import encode_sign_targets, perceptron_epoch


class _LinearMixin:
    """coef_/intercept_ in scikit-learn's linear-model layout, and the raw scores."""

    network_: Network
    # From the classes these are mixed into.
    _check_X: Callable[[Any], np.ndarray]
    _decide: Callable[..., np.ndarray]

    @property
    def coef_(self) -> np.ndarray:
        """Weights, shape (n_outputs, n_features) (a view of ``coefs_[0].T``)."""
        check_is_fitted(self)
        return self.network_.layers[0].W.T

    @coef_.setter
    def coef_(self, value: npt.ArrayLike) -> None:
        _copy_into(_network_of(self).layers[0].W.T, value, "coef_")

    @property
    def intercept_(self) -> np.ndarray:
        """Biases, shape (n_outputs,) (a view of ``intercepts_[0]``)."""
        check_is_fitted(self)
        return self.network_.layers[0].b

    @intercept_.setter
    def intercept_(self, value: npt.ArrayLike) -> None:
        _copy_into(_network_of(self).layers[0].b, value, "intercept_")

    def decision_function(self, X: Any) -> np.ndarray:
        """Scores z = X·coef_ᵀ + intercept_: shape (n_samples,) for two classes, else (n_samples, n_classes)."""
        X = self._check_X(X)
        layer = self.network_.layers[0]
        scores = X @ layer.W + layer.b
        return scores[:, 0] if scores.shape[1] == 1 else scores

    def predict(self, X: npt.ArrayLike) -> np.ndarray:
        """Class labels, shape (n_samples,): the class of the largest score (z > 0 for class 1)."""
        scores = self.decision_function(X)
        return self._decide(scores.reshape(scores.shape[0], -1), threshold=0.0)


# -- logistic regression -----------------------------------------------------------------------
class LogisticRegression(_LinearMixin, _NetworkClassifier):
    """Logistic regression trained by gradient descent: the network with no hidden layer.

    A sigmoid output and binary cross-entropy for two classes, softmax and
    cross-entropy for more. The weights start at zero (the loss is convex, so
    ``random_state`` only shuffles the samples).

    Parameters
    ----------
    solver : {'sgd', 'adam'}, default='sgd'
    alpha : float, default=0.0
        L2 penalty ``0.5 * alpha * sum(w**2) / n_samples`` (``alpha = 1 / C`` of
        scikit-learn's LogisticRegression), not on the intercept.
    l1 : float, default=0.0
    learning_rate_init : float, default=0.1
    batch_size : int or 'auto', default='auto' (``min(200, n_samples)``)
    max_iter : int, default=200
    momentum : float, default=0.0 (plain gradient descent); nesterovs_momentum : bool, default=False
    others : as ``MLPClassifier``.

    Attributes
    ----------
    coef_ : ndarray of shape (1, n_features) for two classes, (n_classes, n_features) otherwise
        (a view: writing into it changes the model; assignable).
    intercept_ : ndarray of shape (1,) or (n_classes,)
    coefs_, intercepts_, classes_, loss_curve_, n_iter_, ... : as ``MLPClassifier``.
    """

    def __init__(
        self,
        *,
        solver: str = "sgd",
        alpha: float = 0.0,
        l1: float = 0.0,
        batch_size: int | str = "auto",
        learning_rate_init: float = 0.1,
        max_iter: int = 200,
        shuffle: bool = True,
        random_state: int | np.random.RandomState | None = None,
        tol: float | None = 1e-4,
        n_iter_no_change: int | float = 10,
        warm_start: bool = False,
        momentum: float = 0.0,
        nesterovs_momentum: bool = False,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-8,
        dtype: str | None = None,
    ) -> None:
        _keep_init_params(self, locals())


# -- the perceptron ----------------------------------------------------------------------------
class Perceptron(_LinearMixin, _EpochClassifier):
    """Rosenblatt's perceptron, trained sample by sample, one-vs-rest for more than two classes.

    A sample that is misclassified or on the boundary (y·z ≤ 0, targets ±1)
    moves its boundary: ``w += eta0 * y * x``, ``b += eta0 * y``. The weights
    start at zero. Training stops after an epoch without any update (the data
    are separated), when the mean perceptron loss max(0, −y·z) has not improved
    by ``tol`` for ``n_iter_no_change`` epochs, or after ``max_iter`` epochs
    (with a ConvergenceWarning).

    Parameters
    ----------
    eta0 : float, default=1.0
        Learning rate of the rule.
    max_iter : int, default=1000
    tol : float or None, default=1e-3
        None: stop only on an epoch without updates, or at ``max_iter``.
    n_iter_no_change : int, default=5
    shuffle : bool, default=True
    random_state : int, RandomState instance or None, default=None
        Shuffling only.
    fit_intercept : bool, default=True
    warm_start : bool, default=False
    dtype : {'float64', 'float32'} or None, default=None
        None: float32 when X is float32, float64 otherwise (as ``MLPClassifier``).

    Attributes
    ----------
    coef_ : ndarray of shape (1, n_features) for two classes, (n_classes, n_features) otherwise
    intercept_ : ndarray of shape (1,) or (n_classes,)
    classes_, n_iter_, t_, loss_curve_ (mean perceptron loss after each epoch), n_features_in_,
    coefs_, intercepts_ (the same weights in the network's layout), network_
    """

    def __init__(
        self,
        *,
        eta0: float = 1.0,
        max_iter: int = 1000,
        tol: float | None = 1e-3,
        n_iter_no_change: int | float = 5,
        shuffle: bool = True,
        random_state: int | np.random.RandomState | None = None,
        fit_intercept: bool = True,
        warm_start: bool = False,
        dtype: str | None = None,
    ) -> None:
        _keep_init_params(self, locals())

    _parameter_constraints: ClassVar[dict[str, list[object]]] = {
        "eta0": [Interval(Real, 0, None, closed="neither")],
        "max_iter": [Interval(Integral, 1, None, closed="left")],
        "tol": [Interval(Real, 0, None, closed="left"), None],
        "n_iter_no_change": [Interval(Integral, 1, None, closed="left")],
        "shuffle": ["boolean"],
        "random_state": ["random_state"],
        "fit_intercept": ["boolean"],
        "warm_start": ["boolean"],
        "dtype": _DTYPE,
    }

    _max_iter_warning = (
        "Maximum number of iteration reached ({max_iter}) before convergence (an epoch without any update). "
        "The data may not be linearly separable; consider increasing max_iter."
    )

    def _encode_targets(self, y: np.ndarray, dtype: np.dtype) -> np.ndarray:
        return encode_sign_targets(np.searchsorted(self.classes_, y), len(self.classes_)).astype(dtype)

    def _stalled(self) -> bool:
        # At least n_iter_no_change epochs, as scikit-learn's Perceptron (its MLP waits for more than).
        return self.tol is not None and self._no_improvement_count >= self.n_iter_no_change

    def _train(self, X: np.ndarray, Y: np.ndarray, random_state: np.random.RandomState, incremental: bool) -> None:
        layer = self.network_.layers[0]
        if not self.fit_intercept:
            layer.b[...] = 0
        n_samples = X.shape[0]

        def epoch() -> tuple[float, bool]:
            order = random_state.permutation(n_samples) if self.shuffle else range(n_samples)
            if self.fit_intercept:
                n_updates = perceptron_epoch(layer.W, layer.b, X, Y, self.eta0, order)
            else:  # the rule moves b too: put it back to 0 after every sample
                n_updates = 0
                for i in order:
                    n_updates += perceptron_epoch(layer.W, layer.b, X, Y, self.eta0, (i,))
                    layer.b[...] = 0
            # No update in a whole epoch: every sample on its right side, converged.
            return perceptron_loss(Y, X @ layer.W + layer.b), n_updates == 0

        self._epochs(epoch, n_samples, incremental)
