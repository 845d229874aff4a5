"""A feed-forward network: a stack of Dense layers over one flat parameter vector.

Memory layout of ``params`` (and of ``grads``, the same shape)::

    [ W_1 | W_2 | ... | W_L | b_1 | b_2 | ... | b_L ]

Each layer's ``W``/``b`` are views into it. Weights first and biases last keeps
the penalties one slice (``params[:n_weights]``), and lets an optimizer,
a snapshot or a loss-landscape slice treat the network as one vector.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .activations import constant
from .layers import Dense
from .losses import (binary_cross_entropy, head_for, output_delta, softmax_cross_entropy,
                     squared_error)
from .penalties import add_l1_gradient, add_l2_gradient, l1_penalty, l2_penalty

WEIGHT_INITS = ("auto", "glorot", "he")


def resolve_activations(activation, n_hidden: int) -> tuple[str, ...]:
    """One activation name per hidden layer from one name or a sequence of names."""
    if isinstance(activation, str):
        return (activation,) * n_hidden
    names = tuple(activation)
    if len(names) != n_hidden:
        raise ValueError(f"{len(names)} activations given for {n_hidden} hidden layers")
    return names


class Network:
    """A multi-layer perceptron (or, with no hidden layer, a linear model).

    Parameters
    ----------
    layer_sizes : sequence of int
        Units per layer, inputs first: ``[n_features, hidden..., n_outputs]``.
    activations : str or sequence of str
        Hidden-layer activation(s): one for all, or one per hidden layer.
    task : {"classification", "regression"}
        Chooses the output head: sigmoid + cross-entropy for one output,
        softmax + cross-entropy for several, identity + squared error for regression.
    dtype : numpy dtype, default float64

    Attributes
    ----------
    params : ndarray of shape (n_params,)
        All weights then all biases.
    grads : ndarray of shape (n_params,)
        Gradient of the last ``loss_and_gradient`` call, same layout.
    n_weights : int
        ``params[:n_weights]`` are the weights (penalised), the rest biases.
    layers : list of Dense
    """

    def __init__(self, layer_sizes: Sequence[int], activations="tanh",
                 task: str = "classification", dtype=np.float64):
        sizes = [int(s) for s in layer_sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(f"layer sizes must be >= 1 with inputs and outputs, got {sizes}")
        self.layer_sizes = tuple(sizes)
        self.task = task
        self.head = head_for(task, sizes[-1])
        self.hidden_activations = resolve_activations(activations, len(sizes) - 2)
        self.dtype = np.dtype(dtype)
        names = self.hidden_activations + (self.head.output_activation,)
        self.layers = [Dense(i, o, f) for i, o, f in zip(sizes[:-1], sizes[1:], names)]
        self.n_weights = sum(layer.n_weights for layer in self.layers)
        n_params = self.n_weights + sum(sizes[1:])
        self.params = np.zeros(n_params, dtype=self.dtype)
        self.grads = np.zeros(n_params, dtype=self.dtype)
        self._bind()

    def _bind(self) -> None:
        w_off, b_off = 0, self.n_weights
        for layer in self.layers:
            layer.bind(self.params, self.grads, w_off, b_off)
            w_off += layer.n_weights
            b_off += layer.fan_out

    def __setstate__(self, state) -> None:
        # pickle and copy.deepcopy copy every array on its own, so the layers'
        # W/b/dW/db would no longer be views into params/grads: bind them again.
        self.__dict__.update(state)
        self._bind()

    # -- views ---------------------------------------------------------------------------------
    @property
    def coefs(self) -> list[np.ndarray]:
        """Weight matrices, each of shape (fan_in, fan_out) (views)."""
        return [layer.W for layer in self.layers]

    @property
    def intercepts(self) -> list[np.ndarray]:
        """Bias vectors, each of shape (fan_out,) (views)."""
        return [layer.b for layer in self.layers]

    @property
    def n_inputs(self) -> int:
        return self.layer_sizes[0]

    @property
    def n_outputs(self) -> int:
        return self.layer_sizes[-1]

    def set_params(self, params) -> None:
        """Copy a flat parameter vector in (shape (n_params,))."""
        params = np.asarray(params)
        if params.shape != self.params.shape:
            raise ValueError(f"expected {self.params.shape[0]} parameters, got {params.shape}")
        np.copyto(self.params, params, casting="same_kind")

    def set_coefs(self, coefs, intercepts) -> None:
        """Copy per-layer weights and biases in (scikit-learn's ``coefs_``/``intercepts_``)."""
        for layer, W, b in zip(self.layers, coefs, intercepts, strict=True):
            layer.W[...] = W
            layer.b[...] = b

    def astype(self, dtype) -> "Network":
        """A copy of this network with another float dtype."""
        other = Network(self.layer_sizes, self.hidden_activations, self.task, dtype)
        other.params[...] = self.params
        return other

    # -- initialisation ------------------------------------------------------------------------
    def init_weights(self, rng: np.random.Generator, scheme: str = "auto") -> None:
        """Draw fresh weights from ``rng``.

        ``glorot``: uniform in ±sqrt(6 / (fan_in + fan_out)) (±sqrt(2 / ...) for
        logistic units), biases drawn the same way, as scikit-learn does.
        ``he``: normal with std sqrt(2 / fan_in), biases zero, which keeps the
        variance of ReLU activations steady through the layers.
        ``auto``: He for (leaky) ReLU layers, Glorot otherwise.
        """
        if scheme not in WEIGHT_INITS:
            raise ValueError(f"unknown weight init {scheme!r}; choose one of {WEIGHT_INITS}")
        for index, layer in enumerate(self.layers):
            # A layer's init follows the activation of the units it feeds (its own).
            act = (self.hidden_activations[index] if index < len(self.hidden_activations)
                   else (self.hidden_activations[-1] if self.hidden_activations else "identity"))
            use_he = scheme == "he" or (scheme == "auto" and act in ("relu", "leaky_relu"))
            if use_he:
                layer.W[...] = rng.normal(0.0, np.sqrt(2.0 / layer.fan_in), layer.W.shape)
                layer.b[...] = 0.0
            else:
                factor = 2.0 if act == "logistic" else 6.0
                bound = np.sqrt(factor / (layer.fan_in + layer.fan_out))
                layer.W[...] = rng.uniform(-bound, bound, layer.W.shape)
                layer.b[...] = rng.uniform(-bound, bound, layer.b.shape)

    # -- forward and backward ------------------------------------------------------------------
    def forward(self, X: np.ndarray) -> np.ndarray:
        """Output of shape (n_samples, n_outputs) for X of shape (n_samples, n_inputs).

        Probabilities (sigmoid or softmax) for classification, values for
        regression. Caches every layer's activations for ``backward``; the
        returned array is a reused work array: copy it to keep it.
        """
        a = X
        for layer in self.layers:
            a = layer.forward(a)
        return a

    def loss(self, X: np.ndarray, Y: np.ndarray, alpha: float = 0.0, l1: float = 0.0) -> float:
        """Mean loss (plus penalties) at the current parameters, without touching grads."""
        output = self.forward(X)
        return self._data_loss(Y, output) + self._penalty(alpha, l1, X.shape[0])

    def _data_loss(self, Y, output) -> float:
        name = self.head.loss_name
        if name == "binary_cross_entropy":
            # Computed in the output layer's spare work array (the delta's, filled later).
            return binary_cross_entropy(Y, output, work=self.layers[-1]._work[Y.shape[0]]["deriv"])
        if name == "softmax_cross_entropy":
            return softmax_cross_entropy(Y, self.layers[-1].z)
        # Summed over outputs (squared_error averages over them): the backward pass's
        # delta (output - Y) / n is the gradient of this sum. scikit-learn's MLP reports the
        # mean, n_outputs times smaller than what its gradient descends (its issue #8349).
        return squared_error(Y, output) * Y.shape[1]

    def _penalty(self, alpha: float, l1: float, n: int) -> float:
        if not (alpha or l1):
            return 0.0
        weights = self.params[:self.n_weights]
        value = 0.0
        if alpha:
            value += l2_penalty(weights, alpha, n)
        if l1:
            value += l1_penalty(weights, l1, n)
        return value

    def loss_and_gradient(self, X: np.ndarray, Y: np.ndarray,
                          alpha: float = 0.0, l1: float = 0.0) -> float:
        """Mean loss at the current parameters; fills ``self.grads`` with its gradient.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_inputs), the network's dtype
        Y : ndarray of shape (n_samples, n_outputs), encoded targets (see ``model.losses``)
        alpha, l1 : float
            L2 and L1 penalty strengths (scikit-learn's scaling: divided by n_samples).
        """
        n = X.shape[0]
        output = self.forward(X)
        loss = self._data_loss(Y, output) + self._penalty(alpha, l1, n)
        # Canonical head: dL/dz of the output layer is output - Y. The output's
        # work array is reused as the delta (the loss above already read it).
        last = self.layers[-1]
        delta = output_delta(Y, output, out=last._work[n]["deriv"])
        for index in range(len(self.layers) - 1, -1, -1):
            layer = self.layers[index]
            grad_x = layer.backward(delta, need_input_grad=index > 0)
            if index > 0:
                delta = self.layers[index - 1].activation_backward(grad_x)
        # Layers summed over samples: one division for the whole vector.
        self.grads *= constant(1.0 / n, self.dtype)
        if alpha or l1:
            weights, weight_grads = self.params[:self.n_weights], self.grads[:self.n_weights]
            if alpha:
                add_l2_gradient(weights, weight_grads, alpha, n)
            if l1:
                add_l1_gradient(weights, weight_grads, l1, n)
        return loss

    # -- evaluation ----------------------------------------------------------------------------
    def predict_output(self, X: np.ndarray) -> np.ndarray:
        """Like ``forward`` but returns a fresh array (safe to keep)."""
        return self.forward(np.asarray(X, dtype=self.dtype)).copy()

    def hidden_outputs(self, X: np.ndarray) -> list[np.ndarray]:
        """Copies of every layer's activation for X: [hidden_1, ..., output]."""
        a, outputs = np.asarray(X, dtype=self.dtype), []
        for layer in self.layers:
            a = layer.forward(a)
            outputs.append(a.copy())
        return outputs
