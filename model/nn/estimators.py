"""scikit-learn compatible estimators, thin wrappers over the app's own core.

``Perceptron``, ``LogisticRegression``, ``MLPClassifier`` and ``MLPRegressor``
train a ``model.nn.network.Network`` with the optimizers of ``model.nn.optimizers``
(or Rosenblatt's rule of ``model.nn.perceptron_rule``): the very code the app
animates, behind scikit-learn's API (``fit``, ``partial_fit``, ``predict``,
``predict_proba``, ``score``, ``get_params``/``set_params``, ``clone``, pipelines,
grid search).

Names follow scikit-learn where they overlap (``hidden_layer_sizes``,
``activation``, ``solver``, ``alpha``, ``batch_size``, ``learning_rate_init``,
``momentum``, ``max_iter``, ``tol``, ``coefs_``, ``loss_curve_``, ...), and so
does the maths: the mean loss over a batch, the L2 term
``0.5 * alpha * sum(W**2) / n_samples``, the same SGD/Nesterov/Adam updates, the
same batches (``batch_size='auto'`` is ``min(200, n_samples)``), the same
stopping rule (stop when the training loss has not improved by ``tol`` for more
than ``n_iter_no_change`` epochs) and, with ``weight_init='glorot'`` (the
default), the same initial weights drawn from the same ``random_state``. So
from the same weights the same updates follow, and ``MLPClassifier(random_state=0)``
here and in ``sklearn.neural_network`` train alike (to rounding).

One difference by design of the core: for a regressor with several outputs,
the loss (``loss_``, ``loss_curve_``) is the squared error *summed* over the
outputs, ``0.5 * sum((y - y_hat)**2) / n_samples``, the function the shared
gradient ``(y_hat - y) / n_samples`` descends; scikit-learn reports the mean over
outputs (its issue #8349). The updates are the same; the reported loss is
n_outputs times larger, and ``tol`` applies to it.

What scikit-learn's MLP has and these do not: the ``lbfgs`` solver, learning
rate schedules other than constant, early stopping on a validation split,
``sample_weight``, sparse input, multi-label classification, and the Poisson
loss. What they have and scikit-learn's does not: ``activation='leaky_relu'``
(or one activation per hidden layer), an ``l1`` penalty, ``weight_init``
(``'glorot'``, ``'he'``, ``'auto'``) and ``dtype`` (``'float32'`` trains in
single precision, as the app does; the default, None, trains in X's precision when X is float32 or float64,
as scikit-learn does). Bad parameters raise scikit-learn's ``InvalidParameterError`` at ``fit``.

``coefs_`` and ``intercepts_`` are lists of *views* into the network's one flat
parameter vector: ``est.coefs_[0][...] = W``, ``est.coefs_[0] = W`` and
``est.coefs_ = [W0, W1]`` all write into the network, and the next
``partial_fit`` (or ``fit`` with ``warm_start=True``) continues from them.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Sequence
from numbers import Integral, Real
from typing import TYPE_CHECKING, Any, ClassVar, Self, cast

import numpy as np
import numpy.typing as npt
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.exceptions import ConvergenceWarning, NotFittedError
from sklearn.preprocessing import LabelBinarizer
from sklearn.utils import check_random_state, column_or_1d
from sklearn.utils import shuffle as shuffle_arrays
from sklearn.utils._param_validation import Interval, InvalidParameterError, Options, StrOptions
from sklearn.utils.multiclass import check_classification_targets, unique_labels
from sklearn.utils.validation import check_is_fitted, validate_data

from model.nn.activations import HIDDEN_ACTIVATIONS
from model.nn.losses import perceptron_loss
from model.nn.network import WEIGHT_INITS, Network, resolve_activations
from model.nn.optimizers import SGD, Adam
from model.nn.perceptron_rule import encode_sign_targets, perceptron_epoch

__all__ = ["LogisticRegression", "MLPClassifier", "MLPRegressor", "Perceptron"]

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


# -- the networks ------------------------------------------------------------------------------
class _BaseNetworkEstimator(_NetworkHolder):
    """Training loop shared by the MLPs and logistic regression (gradient descent on a Network)."""

    _task = "classification"

    # Hooks for the subclasses.
    def _hidden_sizes(self) -> tuple[int, ...]:
        return ()

    def _hidden_activations(self) -> str | Sequence[str]:
        return "identity"

    def _init_weights(self, network: Network, random_state: np.random.RandomState) -> None:
        network.params[...] = 0

    _parameter_constraints: ClassVar[dict[str, list[object]]] = _GRADIENT_DESCENT_CONSTRAINTS

    def _check_architecture(self) -> None:
        """What the constraints cannot say (the MLPs check each hidden layer's size and activation)."""

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
                stacklevel=4,  # the caller of fit(): _batch_size <- _fit <- fit
            )
        return int(np.clip(self.batch_size, 1, n_samples))

    def _fit(self, X: Any, y: Any, incremental: bool) -> Self:  # validated here
        self._validate_params()
        self._check_architecture()
        first_pass = not self.__sklearn_is_fitted__() or (not self.warm_start and not incremental)
        X, Y = self._validate_input(X, y, incremental, first_pass, _fit_dtype(self, first_pass))
        dtype = X.dtype
        hidden = self._hidden_sizes()
        layer_sizes = [X.shape[1], *hidden, Y.shape[1]]
        activations = resolve_activations(self._hidden_activations(), len(hidden))
        # Like scikit-learn: a fresh RandomState from random_state on every call draws the
        # initial weights (first pass) and then the shuffles.
        random_state = check_random_state(self.random_state)
        if first_pass:
            network = Network(layer_sizes, activations, self._task, dtype)
            self._init_weights(network, random_state)
            self.network_ = network
            self._start_history()
        else:
            self._continue_network(layer_sizes, activations, dtype)
        self.n_outputs_ = Y.shape[1]
        self.n_layers_ = len(layer_sizes)
        self.out_activation_ = self.network_.head.output_activation
        optimizer = getattr(self, "_optimizer", None)
        if not (incremental and self._keep_optimizer(optimizer)):
            self._optimizer = self._make_optimizer()
        self._run_epochs(X, Y, random_state, incremental)
        if not np.isfinite(self.network_.params).all():
            raise ValueError(
                "Solver produced non-finite parameter weights. The input data may "
                "contain large values and need to be preprocessed, or the "
                "learning rate may be too large."
            )
        return self

    def _run_epochs(self, X: np.ndarray, Y: np.ndarray, random_state: np.random.RandomState, incremental: bool) -> None:
        network, optimizer = self.network_, self._optimizer
        assert optimizer is not None  # made by _fit
        alpha, l1 = float(self.alpha), float(self.l1)
        n_samples = X.shape[0]
        batch_size = self._batch_size(n_samples)
        order = np.arange(n_samples)
        data = network.prepare(X, Y)  # once: every epoch trains on these samples
        self.n_iter_ = 0
        for _ in range(self.max_iter):
            if self.shuffle:
                order = shuffle_arrays(order, random_state=random_state)
            # Shuffled once per epoch; the mini-batches are slices (views) of that copy.
            epoch_data = data.rows(order) if self.shuffle else data
            total = 0.0
            for start in range(0, n_samples, batch_size):
                stop = min(start + batch_size, n_samples)
                batch = epoch_data if stop - start == n_samples else epoch_data.rows(slice(start, stop))
                total += network.batch_loss_and_gradient(batch, alpha, l1) * (stop - start)
                optimizer.step(network.params, network.grads)
            self._record_epoch(total / n_samples, n_samples)
            if self._no_improvement_count > self.n_iter_no_change:
                break  # not better than the best by tol for n_iter_no_change epochs
            if incremental:
                break
            if self.n_iter_ == self.max_iter:
                warnings.warn(
                    f"Stochastic Optimizer: Maximum iterations ({self.max_iter}) "
                    "reached and the optimization hasn't converged yet.",
                    ConvergenceWarning,
                    stacklevel=3,  # the caller of fit()
                )

    def _output(self, X: Any) -> np.ndarray:
        """The network's output (probabilities or values) for validated X, a fresh array."""
        X = self._check_X(X)
        return self.network_.predict_output(X)


class _NetworkClassifier(_ClassesMixin, ClassifierMixin, _BaseNetworkEstimator):
    _task = "classification"

    def _validate_input(
        self, X: Any, y: Any, incremental: bool, reset: bool, dtype: np.dtype | list[type[np.floating]]
    ) -> tuple[np.ndarray, np.ndarray]:
        X, y = validate_data(self, X, y, multi_output=True, dtype=dtype, reset=reset)
        y = _labels_1d(self, y)
        check_classification_targets(y)
        self._set_classes(y, incremental)
        return X, _targets(y, self.classes_, X.dtype)  # X's: float32 or float64, as it came when dtype=None

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> Self:
        """Train on X of shape (n_samples, n_features) and class labels y of shape (n_samples,).

        From fresh weights, or with ``warm_start=True`` from the current ``coefs_`` and
        ``intercepts_``, for up to ``max_iter`` epochs. Returns self.
        """
        return self._fit(X, y, incremental=False)

    def partial_fit(self, X: npt.ArrayLike, y: npt.ArrayLike, classes: npt.ArrayLike | None = None) -> Self:
        """One epoch over (X, y), continuing from ``coefs_``/``intercepts_`` as they stand.

        ``classes`` (all the labels there will be) is required on the first call.
        The optimizer's state (momentum, Adam's moments) carries over between calls,
        as in scikit-learn; a changed ``learning_rate_init`` (or momentum, betas)
        applies from the next call on.
        """
        self._validate_params()  # a bad parameter is named before a missing ``classes``
        self._partial_fit_classes(classes)
        return self._fit(X, y, incremental=True)

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
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.solver = solver
        self.alpha = alpha
        self.l1 = l1
        self.batch_size = batch_size
        self.learning_rate_init = learning_rate_init
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.random_state = random_state
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.warm_start = warm_start
        self.momentum = momentum
        self.nesterovs_momentum = nesterovs_momentum
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.weight_init = weight_init
        self.dtype = dtype

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
    activation : {'identity', 'logistic', 'tanh', 'relu', 'leaky_relu'} or tuple, default='relu'
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
        self.solver = solver
        self.alpha = alpha
        self.l1 = l1
        self.batch_size = batch_size
        self.learning_rate_init = learning_rate_init
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.random_state = random_state
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.warm_start = warm_start
        self.momentum = momentum
        self.nesterovs_momentum = nesterovs_momentum
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.dtype = dtype


# -- the perceptron ----------------------------------------------------------------------------
class Perceptron(_LinearMixin, _ClassesMixin, ClassifierMixin, _NetworkHolder):
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
        self.eta0 = eta0
        self.max_iter = max_iter
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.shuffle = shuffle
        self.random_state = random_state
        self.fit_intercept = fit_intercept
        self.warm_start = warm_start
        self.dtype = dtype

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

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> Self:
        """Train on X of shape (n_samples, n_features) and class labels y of shape (n_samples,)."""
        return self._fit(X, y, incremental=False)

    def partial_fit(self, X: npt.ArrayLike, y: npt.ArrayLike, classes: npt.ArrayLike | None = None) -> Self:
        """One epoch of the rule over (X, y) from the current weights;
        ``classes`` is required on the first call."""
        self._validate_params()  # a bad parameter is named before a missing ``classes``
        self._partial_fit_classes(classes)
        return self._fit(X, y, incremental=True)

    def _fit(self, X: Any, y: Any, incremental: bool) -> Self:  # validated here
        self._validate_params()
        first_pass = not self.__sklearn_is_fitted__() or (not self.warm_start and not incremental)
        X, y = validate_data(self, X, y, multi_output=True, dtype=_fit_dtype(self, first_pass), reset=first_pass)
        dtype = X.dtype
        y = _labels_1d(self, y)
        check_classification_targets(y)
        self._set_classes(y, incremental)
        targets = encode_sign_targets(np.searchsorted(self.classes_, y), len(self.classes_))
        targets = targets.astype(dtype)
        layer_sizes = [X.shape[1], targets.shape[1]]
        if first_pass:
            self.network_ = Network(layer_sizes, (), "classification", dtype)  # zero weights
            self._start_history()
        else:
            self._continue_network(layer_sizes, (), dtype)
        random_state = check_random_state(self.random_state)
        layer = self.network_.layers[0]
        if not self.fit_intercept:
            layer.b[...] = 0
        n_samples = X.shape[0]
        self.n_iter_ = 0
        for _ in range(self.max_iter):
            order = random_state.permutation(n_samples) if self.shuffle else range(n_samples)
            if self.fit_intercept:
                n_updates = perceptron_epoch(layer.W, layer.b, X, targets, self.eta0, order)
            else:  # the rule moves b too: put it back to 0 after every sample
                n_updates = 0
                for i in order:
                    n_updates += perceptron_epoch(layer.W, layer.b, X, targets, self.eta0, (i,))
                    layer.b[...] = 0
            loss = perceptron_loss(targets, X @ layer.W + layer.b)
            self._record_epoch(loss, n_samples)
            if n_updates == 0:
                break  # every sample on its right side: converged
            if self.tol is not None and self._no_improvement_count >= self.n_iter_no_change:
                break
            if incremental:
                break
            if self.n_iter_ == self.max_iter:
                warnings.warn(
                    f"Maximum number of iteration reached ({self.max_iter}) before "
                    "convergence (an epoch without any update). The data may not be "
                    "linearly separable; consider increasing max_iter.",
                    ConvergenceWarning,
                    stacklevel=3,  # the caller of fit()
                )
        return self
