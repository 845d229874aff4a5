"""A feed-forward network: a stack of Dense layers over one flat parameter vector.

``params`` (and ``grads``, the same shape) hold one block ``[W; b]`` per layer,
the bias as the last row of its layer's weights (``model.nn.param_layout`` says
why and where); each layer's ``W``/``b`` are views into it, so an optimizer, a
snapshot or a loss-landscape slice treats the network as one vector.

Hidden units can be switched off (``set_units_off``): a mask per hidden layer holds
their output at 0 after the activation, in every forward pass. The unit is then out
of the model: backpropagation gives its incoming weights and bias exactly zero
gradient (its output no longer depends on them) and nothing flows back through it,
and the weight penalties leave its incoming weights out too, so that the gradient
stays the loss's exact gradient and training holds those weights where they are
until the unit is switched on again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from model.nn.activations import constant, get_activation
from model.nn.batch import Batch
from model.nn.layers import Dense, with_ones
from model.nn.losses import (
    BINARY_DELTA_FACTOR,
    binary_cross_entropy_delta,
    head_for,
    output_delta,
    softmax_cross_entropy_delta,
    squared_error,
)
from model.nn.param_layout import layer_blocks, n_params
from model.nn.penalties import add_l1_gradient, add_l2_gradient, l1_penalty, l2_penalty
from model.nn.units_off import NONE_OFF, UnitsOff, checked

WEIGHT_INITS = ("auto", "glorot", "he")


def resolve_activations(activation: str | Sequence[str], n_hidden: int) -> tuple[str, ...]:
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
        Every layer's weights and biases, laid out as ``model.nn.param_layout`` describes.
    grads : ndarray of shape (n_params,)
        Gradient of the last ``loss_and_gradient`` call, same layout.
    n_weights : int
        How many of the parameters are weights (penalised); the others are biases.
    layers : list of Dense
    units_off : frozenset of (layer, unit)
        The hidden units switched off (layer 1 = the first hidden layer, unit from 0): see ``set_units_off``.
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        activations: str | Sequence[str] = "tanh",
        task: str = "classification",
        dtype: npt.DTypeLike = np.float64,
    ):
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
        self._hidden_layers = self.layers[:-1]
        #: (layer, the layer below it or None), top down: the order of backpropagation.
        self._backward_order = list(zip(self.layers[::-1], self.layers[-2::-1] + [None]))
        #: A sigmoid output trains from its logits (``binary_cross_entropy_delta``), and so does a
        #: softmax one (``softmax_cross_entropy_delta``): training never needs their probabilities.
        self._logit_loss = self.head.loss_name == "binary_cross_entropy"
        self._softmax_loss = self.head.loss_name == "softmax_cross_entropy"
        self.n_weights = sum(layer.n_weights for layer in self.layers)
        self.params = np.zeros(n_params(sizes), dtype=self.dtype)
        self.grads = np.zeros(n_params(sizes), dtype=self.dtype)
        self.units_off: UnitsOff = NONE_OFF
        self._bind()

    def _bind(self) -> None:
        for layer, block in zip(self.layers, layer_blocks(self.layer_sizes)):
            layer.bind(self.params, self.grads, block)

    def __setstate__(self, state: dict[str, Any]) -> None:
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

    def set_params(self, params: npt.ArrayLike) -> None:
        """Copy a flat parameter vector in (shape (n_params,))."""
        params = np.asarray(params)
        if params.shape != self.params.shape:
            raise ValueError(f"expected {self.params.shape[0]} parameters, got {params.shape}")
        np.copyto(self.params, params, casting="same_kind")

    def set_coefs(self, coefs: Sequence[npt.ArrayLike], intercepts: Sequence[npt.ArrayLike]) -> None:
        """Copy per-layer weights and biases in (scikit-learn's ``coefs_``/``intercepts_``)."""
        for layer, W, b in zip(self.layers, coefs, intercepts, strict=True):
            layer.W[...] = W
            layer.b[...] = b

    def astype(self, dtype: npt.DTypeLike) -> Network:
        """A copy of this network with another float dtype (its units switched off too)."""
        other = Network(self.layer_sizes, self.hidden_activations, self.task, dtype)
        other.params[...] = self.params
        other.set_units_off(self.units_off)
        return other

    # -- switched-off units --------------------------------------------------------------------
    @property
    def hidden_sizes(self) -> tuple[int, ...]:
        return self.layer_sizes[1:-1]

    def set_units_off(self, units: Iterable[tuple[int, int]]) -> None:
        """Switch exactly these hidden units off (all others on): ``(layer, unit)`` with layer 1 the first
        hidden layer and unit counted from 0. ``ValueError`` for a unit the hidden layers do not have."""
        units = checked(units, self.hidden_sizes)
        for k, layer in enumerate(self._hidden_layers, start=1):
            off = sorted(unit for hidden, unit in units if hidden == k)
            layer.off = np.array(off, dtype=np.intp) if off else None
        self.units_off = units

    def held_params(self) -> np.ndarray:
        """Indices into ``params`` of the incoming weights and biases of the units switched off: what
        training holds where it is (their gradient is zero)."""
        blocks = layer_blocks(self.layer_sizes)
        held = [
            blocks[layer - 1].start + np.arange(self.layer_sizes[layer - 1] + 1) * self.layer_sizes[layer] + unit
            for layer, unit in sorted(self.units_off)
        ]
        return np.concatenate(held) if held else np.empty(0, dtype=np.intp)

    # -- initialisation ------------------------------------------------------------------------
    def init_weights(self, rng: np.random.Generator | np.random.RandomState, scheme: str = "auto") -> None:
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
            act = (
                self.hidden_activations[index]
                if index < len(self.hidden_activations)
                else (self.hidden_activations[-1] if self.hidden_activations else "identity")
            )
            use_he = scheme == "he" or (scheme == "auto" and get_activation(act).auto_init == "he")
            if use_he:
                layer.W[...] = rng.normal(0.0, np.sqrt(2.0 / layer.fan_in), layer.W.shape)
                layer.b[...] = 0.0
            else:
                factor = get_activation(act).glorot_factor
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
        return self.forward_with_ones(with_ones(X))

    def forward_with_ones(self, X1: np.ndarray) -> np.ndarray:
        """``forward`` of X1 = [X 1], shape (n_samples, n_inputs + 1), its last column ones
        (``model.nn.layers.with_ones``): for inputs used again and again, such as a grid."""
        a1 = X1
        for layer in self.layers:
            a1 = layer.forward_with_ones(a1)
        return self.layers[-1].a

    def prepare(self, X: np.ndarray, Y: np.ndarray) -> Batch:
        """(X, Y) as ``batch_loss_and_gradient`` takes them: X of shape (n_samples, n_inputs)
        and Y of shape (n_samples, n_outputs), in this network's dtype."""
        return Batch.of(X, Y, binary=self._logit_loss)

    def loss(self, X: np.ndarray, Y: np.ndarray, alpha: float = 0.0, l1: float = 0.0) -> float:
        """Mean loss (plus penalties) at the current parameters, without touching grads.
        Leaves the output (``layers[-1].a``) of X in place, as ``forward`` does."""
        batch = self.prepare(X, Y)
        self.forward_with_ones(batch.inputs)
        loss, _, _ = self._data_loss_and_delta(batch)
        return loss + self._penalty(alpha, l1, batch.n)

    def _data_loss_and_delta(self, batch: Batch) -> tuple[float, np.ndarray, float]:
        """Mean data loss of the last forward (up to the output's ``linear``), and a
        multiple of dL/dz of the output layer per sample: (loss, delta, factor) with
        delta = factor · dL/dz, in one of the output layer's work arrays."""
        last = self.layers[-1]
        work, z = last._current, last.z
        assert z is not None  # the output layer always keeps its logits
        if self._logit_loss:
            # From the logits: training never needs the probabilities (see the loss).
            assert batch.binary is not None  # prepared for the network's one sigmoid output
            loss = binary_cross_entropy_delta(z, batch.binary, work["deriv"], work["spare"])
            return loss, work["deriv"], BINARY_DELTA_FACTOR
        if self._softmax_loss:
            # The loss and dL/dz share one exp of the logits (see the loss).
            return softmax_cross_entropy_delta(z, batch.targets, out=work["deriv"]), work["deriv"], 1.0
        # Regression: dL/dz = output - Y. The loss is summed over outputs (squared_error averages
        # over them): the delta (output - Y) / n is the gradient of this sum. scikit-learn's MLP
        # reports the mean, n_outputs times smaller than what its gradient descends (scikit-learn
        # GitHub issue 8349).
        output = last.a
        loss = squared_error(batch.targets, output) * batch.targets.shape[1]
        return loss, output_delta(batch.targets, output, out=work["deriv"]), 1.0

    def _penalty(self, alpha: float, l1: float, n: int) -> float:
        if not (alpha or l1):
            return 0.0
        value = 0.0
        for layer in self.layers:
            # A switched-off unit's incoming weights are out of the model: not penalised either.
            weights = layer.W.reshape(-1) if layer.off is None else np.delete(layer.W, layer.off, axis=1).reshape(-1)
            if alpha:
                value += l2_penalty(weights, alpha, n)
            if l1:
                value += l1_penalty(weights, l1, n)
        return value

    def loss_and_gradient(self, X: np.ndarray, Y: np.ndarray, alpha: float = 0.0, l1: float = 0.0) -> float:
        """Mean loss at the current parameters; fills ``self.grads`` with its gradient.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_inputs), the network's dtype
        Y : ndarray of shape (n_samples, n_outputs), encoded targets (see ``model.nn.losses``)
        alpha, l1 : float
            L2 and L1 penalty strengths (scikit-learn's scaling: divided by n_samples).
        """
        loss = self.batch_loss_and_gradient(self.prepare(X, Y), alpha, l1, keep_activations=True)
        self.layers[-1].activate()  # the output of X too (training itself reads logits only)
        return loss

    def batch_loss_and_gradient(
        self, batch: Batch, alpha: float = 0.0, l1: float = 0.0, keep_activations: bool = False
    ) -> float:
        """``loss_and_gradient`` of a prepared batch (``prepare``): what a training epoch calls.

        It computes what the gradient needs, no more: after it the hidden layers'
        ``z`` is None and their ``a`` overwritten by f'(z) (unless ``keep_activations``:
        see ``Dense.forward_with_ones`` and ``Dense.activation_backward``), and a sigmoid
        or softmax output's ``a`` is stale (the loss and its gradient come from the logits).
        ``loss_and_gradient`` leaves every layer's z and a in place, for inspectors.
        """
        n = batch.n
        a1 = batch.inputs
        for layer in self._hidden_layers:
            a1 = layer.forward_with_ones(a1, keep_activations)
        last = self.layers[-1]
        last.linear(a1)
        if not (self._logit_loss or self._softmax_loss):
            last.activate()
        loss, delta, factor = self._data_loss_and_delta(batch)
        if alpha or l1:
            loss += self._penalty(alpha, l1, n)
        for layer, below in self._backward_order:
            if below is None:  # the first layer: its input is the data, nothing to pass on
                layer.backward(delta, need_input_grad=False, x1_by_row=batch.inputs_by_row)
            else:
                grad_x = layer.backward(delta)
                assert grad_x is not None  # asked for: there is a layer below
                delta = below.activation_backward(grad_x, keep_activations)
        # Layers summed factor · dL/dz over the samples: one scaling for the whole vector.
        self.grads *= constant(1.0 / (factor * n), self.dtype)
        if alpha or l1:
            for layer in self.layers:
                weights, weight_grads = layer.W.reshape(-1), layer.dW.reshape(-1)
                if alpha:
                    add_l2_gradient(weights, weight_grads, alpha, n)
                if l1:
                    add_l1_gradient(weights, weight_grads, l1, n)
                if layer.off is not None:
                    layer.dW[:, layer.off] = 0  # not penalised (see _penalty)
        return loss

    # -- evaluation ----------------------------------------------------------------------------
    def predict_output(self, X: np.ndarray) -> np.ndarray:
        """Like ``forward`` but returns a fresh array (safe to keep)."""
        return self.forward(np.asarray(X, dtype=self.dtype)).copy()

    def hidden_outputs(self, X: np.ndarray) -> list[np.ndarray]:
        """Copies of every layer's activation for X: [hidden_1, ..., output]."""
        a1, outputs = with_ones(np.asarray(X, dtype=self.dtype)), []
        for layer in self.layers:
            a1 = layer.forward_with_ones(a1)
            outputs.append(layer.a.copy())
        return outputs
