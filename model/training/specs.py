"""What a model is and how it is trained, as frozen values.

The GUI edits these; the training session reads them. Being immutable and
comparable, they travel safely between threads and into saved files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from model.nn.activations import HIDDEN_ACTIVATIONS
from model.nn.features import FEATURES
from model.nn.network import WEIGHT_INITS
from model.nn.optimizers import OPTIMIZERS

MODEL_KINDS = ("perceptron", "logistic", "mlp")
DTYPES = ("float32", "float64")


@dataclass(frozen=True)
class ModelSpec:
    """A model's architecture.

    kind : "perceptron" | "logistic" | "mlp"
    hidden_layer_sizes : units per hidden layer (MLP only)
    activation : one name for all hidden layers, or one per layer
    weight_init : "auto" (He for ReLU, Glorot otherwise) | "glorot" | "he"
    alpha : L2 penalty (scikit-learn's meaning: ½·alpha·Σw² / n_samples)
    l1 : L1 penalty (l1·Σ|w| / n_samples)
    features : extra inputs computed from x1, x2 (see ``model.nn.features``)
    """

    kind: str = "mlp"
    hidden_layer_sizes: tuple[int, ...] = (8, 8)
    activation: str | tuple[str, ...] = "tanh"
    weight_init: str = "auto"
    alpha: float = 0.0
    l1: float = 0.0
    features: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in MODEL_KINDS:
            raise ValueError(f"unknown model kind {self.kind!r}; choose one of {MODEL_KINDS}")
        object.__setattr__(self, "hidden_layer_sizes", tuple(int(h) for h in self.hidden_layer_sizes))
        if any(h < 1 for h in self.hidden_layer_sizes):
            raise ValueError("every hidden layer needs at least one neuron")
        if not isinstance(self.activation, str):
            object.__setattr__(self, "activation", tuple(self.activation))
        for name in self.hidden_activations:
            if name not in HIDDEN_ACTIVATIONS:
                raise ValueError(f"unknown activation {name!r}; choose one of {HIDDEN_ACTIVATIONS}")
        if self.weight_init not in WEIGHT_INITS:
            raise ValueError(f"unknown weight init {self.weight_init!r}; choose one of {WEIGHT_INITS}")
        if self.alpha < 0 or self.l1 < 0:
            raise ValueError("penalties must be >= 0")
        object.__setattr__(self, "features", tuple(self.features))
        for name in self.features:
            if name not in FEATURES:
                raise ValueError(f"unknown input feature {name!r}; choose from {tuple(FEATURES)}")

    @property
    def hidden(self) -> tuple[int, ...]:
        """Hidden layer sizes actually used: none for the perceptron and logistic regression."""
        return self.hidden_layer_sizes if self.kind == "mlp" else ()

    @property
    def starts_at_zero(self) -> bool:
        """Whether the weights start at zero, not drawn at random: the perceptron (Rosenblatt's rule) and logistic
        regression (a convex loss: its one minimum is reached from anywhere), as scikit-learn starts them."""
        return self.kind != "mlp"

    @property
    def hidden_activations(self) -> tuple[str, ...]:
        n = len(self.hidden)
        if isinstance(self.activation, str):
            return (self.activation,) * n
        if len(self.activation) != n:
            raise ValueError(f"{len(self.activation)} activations given for {n} hidden layers")
        return self.activation

    def only_penalties_differ(self, other: ModelSpec) -> bool:
        """Whether `other` is this architecture with other L2/L1 rates (which apply to the next epoch, like a
        new learning rate, instead of starting from fresh weights)."""
        return other != self and replace(other, alpha=self.alpha, l1=self.l1) == self

    def describe(self) -> str:
        """A short human description, e.g. 'MLP 2-8-8-1 tanh'."""
        if self.kind == "perceptron":
            return "Perceptron"
        if self.kind == "logistic":
            return "Logistic regression"
        acts = self.activation if isinstance(self.activation, str) else "/".join(self.activation)
        return f"MLP {'-'.join(map(str, self.hidden)) or 'no hidden'} {acts}"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["hidden_layer_sizes"] = list(self.hidden_layer_sizes)
        d["activation"] = self.activation if isinstance(self.activation, str) else list(self.activation)
        d["features"] = list(self.features)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ModelSpec:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in known})


@dataclass(frozen=True)
class TrainSpec:
    """How a model is trained.

    optimizer : "sgd" | "momentum" | "nesterov" | "adam"
    learning_rate : step size (changeable mid-training, applied to the next epoch)
    momentum : for "momentum" and "nesterov"
    beta_1, beta_2, epsilon : Adam's
    batch_size : samples per update; None (or >= the training set) is full-batch gradient descent
    shuffle : reshuffle the training set every epoch (mini-batches and the perceptron)
    dtype : "float32" (fast, the app's default) or "float64"
    """

    optimizer: str = "sgd"
    learning_rate: float = 0.03
    momentum: float = 0.9
    beta_1: float = 0.9
    beta_2: float = 0.999
    epsilon: float = 1e-8
    batch_size: int | None = None
    shuffle: bool = True
    dtype: str = "float32"

    def __post_init__(self) -> None:
        if self.optimizer not in OPTIMIZERS:
            raise ValueError(f"unknown optimizer {self.optimizer!r}; choose one of {OPTIMIZERS}")
        if not self.learning_rate > 0:
            raise ValueError(f"the learning rate must be > 0, got {self.learning_rate}")
        if self.batch_size is not None and int(self.batch_size) < 1:
            raise ValueError("the batch size must be >= 1")
        if self.dtype not in DTYPES:
            raise ValueError(f"dtype must be one of {DTYPES}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> TrainSpec:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in known})


def task_mismatch(kind: str, task: str) -> str:
    """Why a model of ``kind`` cannot learn data of ``task`` ("classification" or "regression"), "" when it can.

    The one rule the command line, the session reader and the lesson loader share: the perceptron's output is a
    hard class (Rosenblatt's step), so on regression data it would fit a staircase the loss cannot guide."""
    if kind == "perceptron" and task == "regression":
        return "the perceptron classifies; this data is regression (use a logistic or MLP model)"
    return ""


__all__ = ["DTYPES", "MODEL_KINDS", "ModelSpec", "TrainSpec", "field", "replace", "task_mismatch"]
