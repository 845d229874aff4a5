"""The shared base of the estimators of ``model.nn.estimators``: parameter checks, classes, the training loop.

scikit-learn's parameter constraints shared by the gradient-descent estimators, the class bookkeeping of the
classifiers (labels to the network's targets), ``_EpochTrainer`` (the fit of all four: data, network, the epoch
loop and its stopping rule), ``_EpochClassifier`` (the classifiers' fit and partial_fit),
``_BaseNetworkEstimator`` (gradient descent: the MLPs and logistic regression) and ``_NetworkClassifier``
(its ``predict_proba``).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from numbers import Integral, Real
from typing import Any, ClassVar, Self, cast

import numpy as np
import numpy.typing as npt
from sklearn.base import ClassifierMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.preprocessing import LabelBinarizer
from sklearn.utils import check_random_state, column_or_1d
from sklearn.utils import shuffle as shuffle_arrays
from sklearn.utils._param_validation import Interval, InvalidParameterError, Options, StrOptions
from sklearn.utils.multiclass import check_classification_targets, unique_labels
from sklearn.utils.validation import validate_data

from model.nn.batch import MiniBatches
from model.nn.network import Network, resolve_activations
from model.nn.network_holder import _NetworkHolder
from model.nn.optimizers import SGD, Adam

SOLVERS = ("sgd", "adam")
DTYPES = ("float64", "float32")


# -- parameter validation ----------------------------------------------------------------------
# scikit-learn's own declarations: fit and partial_fit call BaseEstimator._validate_params, which raises its
# InvalidParameterError (a ValueError and a TypeError) with its usual message; check_param_validation of the
# estimator checks tries every constraint.
_DTYPE: list[object] = [StrOptions(set(DTYPES)), Options(type, {np.float32, np.float64}), None]
_GRADIENT_DESCENT_CONSTRAINTS: dict[str, list[object]] = {
    "solver": [StrOptions(set(SOLVERS))],
    "alpha": [Interval(Real, 0, None, closed="left")],
    "l1": [Interval(Real, 0, None, closed="left")],
    "batch_size": [StrOptions({"auto"}), Interval(Integral, 1, None, closed="left")],
    "learning_rate_init": [Interval(Real, 0, None, closed="neither")],
    "max_iter": [Interval(Integral, 1, None, closed="left")],
    "shuffle": ["boolean"],
    "random_state": ["random_state"],
    "tol": [Interval(Real, 0, None, closed="left")],
    "n_iter_no_change": [Interval(Integral, 1, None, closed="left"), Options(Real, {np.inf})],
    "warm_start": ["boolean"],
    "momentum": [Interval(Real, 0, 1, closed="both")],
    "nesterovs_momentum": ["boolean"],
    "beta_1": [Interval(Real, 0, 1, closed="left")],
    "beta_2": [Interval(Real, 0, 1, closed="left")],
    "epsilon": [Interval(Real, 0, None, closed="neither")],
    "dtype": _DTYPE,
}


def _is_int(value: object) -> bool:
    return isinstance(value, Integral) and not isinstance(value, bool)


def _invalid(est: object, name: str, what: str) -> ValueError:
    return cast(
        ValueError,
        InvalidParameterError(
            f"The {name!r} parameter of {type(est).__name__} must be {what}. Got {getattr(est, name)!r} instead."
        ),
    )


def _fit_dtype(est: Any, first_pass: bool) -> np.dtype | list[type[np.floating]]:
    """The dtype validate_data converts X to. ``dtype=None`` does what scikit-learn's MLP does: float32 input
    stays float32 (half the memory traffic), anything else becomes float64; a continued fit keeps the
    network's precision."""
    if est.dtype is not None:
        return np.dtype(est.dtype)
    if not first_pass:
        return cast(np.dtype, est.network_.dtype)
    return [np.float64, np.float32]  # validate_data keeps a dtype of the list, else converts to the first


# -- classes -----------------------------------------------------------------------------------
def _labels_1d(est: object, y: np.ndarray) -> np.ndarray:
    """y of shape (n_samples,) (a column is accepted with a warning); no multi-label."""
    if y.ndim == 2 and y.shape[1] == 1:
        return column_or_1d(y, warn=True)
    if y.ndim != 1:
        raise ValueError(
            f"{type(est).__name__} does not support multi-label or multi-output targets "
            f"(y of shape {y.shape}); pass y of shape (n_samples,), one class label per sample."
        )
    return y


def _binarizer(est: object, labels: np.ndarray) -> LabelBinarizer:
    binarizer = LabelBinarizer().fit(labels)
    if len(binarizer.classes_) < 2:
        raise ValueError(
            f"{type(est).__name__} needs samples of at least 2 classes in the data, but the "
            f"data contain only 1 class: {binarizer.classes_[0]!r}."
        )
    return binarizer


def _targets(y: np.ndarray, classes: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """The network's targets for labels ``y`` already checked to be among ``classes`` (sorted, as
    ``LabelBinarizer.classes_``): one column, 1 for the second class, when there are two classes; one column
    per class otherwise. ``LabelBinarizer.transform`` gives the same, after checking y's type again:
    ~1.5 ms at 10 000 samples, which every fit and partial_fit call paid."""
    index = np.searchsorted(classes, y)
    if len(classes) == 2:
        return index.astype(dtype).reshape(-1, 1)
    out = np.zeros((index.shape[0], len(classes)), dtype=dtype)
    out[np.arange(index.shape[0]), index] = 1
    return out


class _ClassesMixin:
    """Class bookkeeping shared by the classifiers (scikit-learn's rules)."""

    warm_start: bool
    classes_: np.ndarray
    _label_binarizer: LabelBinarizer

    def _set_classes(self, y: np.ndarray, incremental: bool) -> None:
        if not hasattr(self, "classes_") or (not self.warm_start and not incremental):
            binarizer = _binarizer(self, y)
            self._label_binarizer, self.classes_ = binarizer, binarizer.classes_
            return
        classes = unique_labels(y)
        if not incremental:
            if set(classes) != set(self.classes_):
                raise ValueError(
                    "warm_start can only be used where `y` has the same classes as in the "
                    f"previous call to fit. Previously got {self.classes_}, `y` has {classes}"
                )
        elif len(np.setdiff1d(classes, self.classes_, assume_unique=True)):
            raise ValueError(
                f"`y` has classes not in `self.classes_`. `self.classes_` has {self.classes_}. 'y' has {classes}."
            )

    def _partial_fit_classes(self, classes: Any) -> None:
        """``classes`` is required on the first call to partial_fit, and fixed after."""
        if classes is None:
            if getattr(self, "classes_", None) is None:
                raise ValueError("classes must be passed on the first call to partial_fit.")
            return
        classes = unique_labels(classes)
        if getattr(self, "classes_", None) is not None:
            if not np.array_equal(classes, self.classes_):
                raise ValueError(
                    f"`classes={classes!r}` is not the same as on last call to partial_fit, was: {self.classes_!r}"
                )
            return
        binarizer = _binarizer(self, classes)
        self._label_binarizer, self.classes_ = binarizer, binarizer.classes_

    def _decide(self, scores: np.ndarray, threshold: float) -> np.ndarray:
        """Labels from one score column (class 1 above ``threshold``) or one per class."""
        if scores.shape[1] == 1:
            return self.classes_[(scores[:, 0] > threshold).astype(np.intp)]
        return self.classes_[scores.argmax(axis=1)]


# -- the shared fit ---------------------------------------------------------------------------
def _keep_init_params(est: object, params: dict[str, Any]) -> None:
    """What scikit-learn asks of ``__init__``: each parameter stored as given, under its own name, and nothing
    else (validation waits for fit). ``params`` is the ``__init__``'s ``locals()``, so one line serves every
    estimator's signature."""
    for name, value in params.items():
        if name not in ("self", "__class__"):
            setattr(est, name, value)


class _EpochTrainer(_NetworkHolder):
    """The fit of all four estimators: parameter checks, validated data, the network (fresh, or kept for
    warm_start and partial_fit), then scikit-learn's epoch loop with its stopping rule. The subclasses say how
    the targets are encoded, how the weights start and what one epoch does."""

    _task = "classification"
    #: The ConvergenceWarning's text after max_iter epochs, with ``{max_iter}``.
    _max_iter_warning: ClassVar[str]

    # Hooks for the subclasses.
    def _hidden_sizes(self) -> tuple[int, ...]:
        return ()

    def _hidden_activations(self) -> str | Sequence[str]:
        return "identity"

    def _init_weights(self, network: Network, random_state: np.random.RandomState) -> None:
        network.params[...] = 0

    def _check_architecture(self) -> None:
        """What the constraints cannot say (the MLPs check each hidden layer's size and activation)."""

    def _validate_input(
        self, X: Any, y: Any, incremental: bool, reset: bool, dtype: np.dtype | list[type[np.floating]]
    ) -> tuple[np.ndarray, np.ndarray]:
        """X and the network's targets Y (n_samples, n_outputs), both of X's dtype."""
        raise NotImplementedError

    def _train(self, X: np.ndarray, Y: np.ndarray, random_state: np.random.RandomState, incremental: bool) -> None:
        """Up to max_iter epochs (one for partial_fit), through ``_epochs``."""
        raise NotImplementedError

    def _stalled(self) -> bool:
        """The stopping rule on the loss: no better than the best by tol for n_iter_no_change epochs."""
        raise NotImplementedError

    def _fit(self, X: Any, y: Any, incremental: bool) -> Self:  # validated here
        self._validate_params()
        self._check_architecture()
        first_pass = not self.__sklearn_is_fitted__() or (not self.warm_start and not incremental)
        X, Y = self._validate_input(X, y, incremental, first_pass, _fit_dtype(self, first_pass))
        hidden = self._hidden_sizes()
        layer_sizes = [X.shape[1], *hidden, Y.shape[1]]
        activations = resolve_activations(self._hidden_activations(), len(hidden))
        # Like scikit-learn: a fresh RandomState from random_state on every call draws the
        # initial weights (first pass) and then the shuffles.
        random_state = check_random_state(self.random_state)
        if first_pass:
            network = Network(layer_sizes, activations, self._task, X.dtype)
            self._init_weights(network, random_state)
            self.network_ = network
            self._start_history()
        else:
            self._continue_network(layer_sizes, activations, X.dtype)
        self._train(X, Y, random_state, incremental)
        return self

    def _epochs(self, epoch: Callable[[], tuple[float, bool]], n_samples: int, incremental: bool) -> None:
        """Runs ``epoch`` (which returns the epoch's loss and whether training has converged) until it converges,
        the loss stalls, after one epoch for partial_fit, or after max_iter epochs with a ConvergenceWarning."""
        self.n_iter_ = 0
        for _ in range(self.max_iter):
            loss, converged = epoch()
            self._record_epoch(loss, n_samples)
            if converged or self._stalled() or incremental:
                return
        warnings.warn(
            self._max_iter_warning.format(max_iter=self.max_iter),
            ConvergenceWarning,
            stacklevel=5,  # the caller of fit(): _epochs <- _train <- _fit <- fit
        )


class _EpochClassifier(_ClassesMixin, ClassifierMixin, _EpochTrainer):
    """fit and partial_fit of the classifiers: labels checked and turned into the network's targets."""

    def _encode_targets(self, y: np.ndarray, dtype: np.dtype) -> np.ndarray:
        """The network's targets for labels ``y``, already checked to be among ``classes_``."""
        raise NotImplementedError

    def _validate_input(
        self, X: Any, y: Any, incremental: bool, reset: bool, dtype: np.dtype | list[type[np.floating]]
    ) -> tuple[np.ndarray, np.ndarray]:
        X, y = validate_data(self, X, y, multi_output=True, dtype=dtype, reset=reset)
        y = _labels_1d(self, y)
        check_classification_targets(y)
        self._set_classes(y, incremental)
        return X, self._encode_targets(y, X.dtype)  # X's: float32 or float64, as it came when dtype=None

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> Self:
        """Train on X of shape (n_samples, n_features) and class labels y of shape (n_samples,).

        From fresh weights, or with ``warm_start=True`` from the current weights (``coefs_``,
        ``intercepts_``), for up to ``max_iter`` epochs. Returns self.
        """
        return self._fit(X, y, incremental=False)

    def partial_fit(self, X: npt.ArrayLike, y: npt.ArrayLike, classes: npt.ArrayLike | None = None) -> Self:
        """One epoch over (X, y), continuing from the weights as they stand.

        ``classes`` (all the labels there will be) is required on the first call.
        A gradient-descent optimizer's state (momentum, Adam's moments) carries over between calls,
        as in scikit-learn; a changed ``learning_rate_init`` (or momentum, betas)
        applies from the next call on.
        """
        self._validate_params()  # a bad parameter is named before a missing ``classes``
        self._partial_fit_classes(classes)
        return self._fit(X, y, incremental=True)


class _BaseNetworkEstimator(_EpochTrainer):
    """Gradient descent on a Network: the MLPs and logistic regression."""

    _parameter_constraints: ClassVar[dict[str, list[object]]] = _GRADIENT_DESCENT_CONSTRAINTS
    _max_iter_warning = (
        "Stochastic Optimizer: Maximum iterations ({max_iter}) reached and the optimization hasn't converged yet."
    )

    def _make_optimizer(self) -> SGD | Adam:
        if self.solver == "sgd":
            return SGD(self.learning_rate_init, self.momentum, self.nesterovs_momentum)
        return Adam(self.learning_rate_init, self.beta_1, self.beta_2, self.epsilon)

    def _keep_optimizer(self, optimizer: SGD | Adam | None) -> bool:
        """Keep partial_fit's optimizer state, with the current hyperparameters."""
        if optimizer is None or isinstance(optimizer, Adam) != (self.solver == "adam"):
            return False
        optimizer.learning_rate = float(self.learning_rate_init)
        if isinstance(optimizer, Adam):
            optimizer.beta_1, optimizer.beta_2 = float(self.beta_1), float(self.beta_2)
            optimizer.epsilon = float(self.epsilon)
        else:
            optimizer.momentum = float(self.momentum)
            optimizer.nesterov = bool(self.nesterovs_momentum)
        return True

    def _batch_size(self, n_samples: int) -> int:
        if isinstance(self.batch_size, str):
            return min(200, n_samples)
        if self.batch_size > n_samples:
            warnings.warn(
                "Got `batch_size` less than 1 or larger than sample size. It is going to be clipped",
                stacklevel=5,  # the caller of fit(): _batch_size <- _train <- _fit <- fit
            )
        return int(np.clip(self.batch_size, 1, n_samples))

    def _stalled(self) -> bool:
        return bool(self._no_improvement_count > self.n_iter_no_change)  # more than: scikit-learn's MLP

    def _train(self, X: np.ndarray, Y: np.ndarray, random_state: np.random.RandomState, incremental: bool) -> None:
        network = self.network_
        self.n_outputs_ = Y.shape[1]
        self.n_layers_ = len(network.layer_sizes)
        self.out_activation_ = network.head.output_activation
        kept = getattr(self, "_optimizer", None)
        keep = incremental and kept is not None and self._keep_optimizer(kept)  # partial_fit's state carries over
        optimizer = kept if keep and kept is not None else self._make_optimizer()
        self._optimizer = optimizer
        alpha, l1 = float(self.alpha), float(self.l1)
        n_samples = X.shape[0]
        batch_size = self._batch_size(n_samples)
        order = np.arange(n_samples)
        data = network.prepare(X, Y)  # once: every epoch trains on these samples
        # Mini-batches are copies refilled every epoch (``MiniBatches`` says why); one batch is the set.
        mini_batches = MiniBatches(data, batch_size) if batch_size < n_samples else None

        def epoch() -> tuple[float, bool]:
            nonlocal order
            if self.shuffle:
                order = shuffle_arrays(order, random_state=random_state)
            if mini_batches is None:
                batches = [data.rows(order) if self.shuffle else data]
            else:
                batches = mini_batches.epoch(order if self.shuffle else None)
            total = 0.0
            for batch in batches:
                total += network.batch_loss_and_gradient(batch, alpha, l1) * batch.n
                optimizer.step(network.params, network.grads)
            return total / n_samples, False

        self._epochs(epoch, n_samples, incremental)
        if not np.isfinite(network.params).all():
            raise ValueError(
                "Solver produced non-finite parameter weights. The input data may "
                "contain large values and need to be preprocessed, or the "
                "learning rate may be too large."
            )

    def _output(self, X: Any) -> np.ndarray:
        """The network's output (probabilities or values) for validated X, a fresh array."""
        X = self._check_X(X)
        return self.network_.predict_output(X)


class _NetworkClassifier(_EpochClassifier, _BaseNetworkEstimator):
    _task = "classification"

    def _encode_targets(self, y: np.ndarray, dtype: np.dtype) -> np.ndarray:
        return _targets(y, self.classes_, dtype)

    def predict_proba(self, X: npt.ArrayLike) -> np.ndarray:
        """Class probabilities, shape (n_samples, n_classes), columns in ``classes_`` order."""
        output = self._output(X)
        if output.shape[1] == 1:
            return np.hstack([1 - output, output])
        return output

    def predict_log_proba(self, X: npt.ArrayLike) -> np.ndarray:
        """log of ``predict_proba`` (−inf where a probability is 0)."""
        proba = self.predict_proba(X)
        with np.errstate(divide="ignore"):
            return np.log(proba, out=proba)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_label = False
        return tags
