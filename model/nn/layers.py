"""A fully connected (dense) layer: z = x·W + b, a = f(z).

The layer owns no parameter memory of its own: ``[W; b]``, the matrix of shape
(fan_in + 1, fan_out) whose last row is the bias, is a *view* into the
network's one flat parameter vector (see ``model.nn.param_layout``), and ``W``,
``b`` are views of its rows; the gradients likewise view the flat gradient
vector. An optimizer then updates the whole network in one or two NumPy calls,
and a snapshot of the network is one copy.

Inputs carry a column of ones (``x1 = [x 1]``, shape (n_samples, fan_in + 1)),
so ``z = x1·[W; b]`` adds the biases inside the matrix product, and backward
gets dW and db from the one product ``x1ᵀ·delta`` (for large batches taken in a
few pieces where BLAS runs that faster: see ``ROWWISE_REMAINDER_FROM``). The layer's output ``a1``
has such a column too: it is the next layer's input as it stands.

``forward`` keeps (caches) its input and output, which is all ``backward``
needs. Work arrays are allocated once per batch size and reused.

A hidden layer may have units switched off (``off``, set by the network): their
output is held at 0 after the activation, so ``backward`` gives them dL/dz = 0
(no gradient for their incoming weights and bias, none passed through them).

Work arrays of shape (n_samples, units) are column-major (Fortran order): each
unit's n values are contiguous, so the element-wise work runs as one long loop
per unit. ``np.dot`` needs a C-contiguous ``out``, hence the products are
written on the transposes: zᵀ = [W; b]ᵀ·x1ᵀ and dxᵀ = W·deltaᵀ. To a caller
these arrays are ordinary (n_samples, units) arrays.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from model.nn import blas
from model.nn.activations import get_activation
from model.nn.param_layout import LayerBlock

#: From this many samples on, the outer product W·deltaᵀ of a one-unit layer is a broadcast
#: multiply, below it ``np.dot``: measured here, 0.9 µs (dot) vs 1.5 µs at 200 samples,
#: 21 µs vs 7 µs at 10 000; they cross between 2 000 and 3 000.
BROADCAST_OUTER_FROM = 2500

#: From this many samples on, [dW; db] = x1ᵀ·delta is not one product where OpenBLAS's kernels
#: take the rows of x1ᵀ four at a time and a remainder of 1-3 rows costs them about as much
#: as four more (``model.nn.blas.remainder_rows_cost_a_block``; measured with its Haswell
#: kernels, float32, 16 units, 10 000 samples: 3 rows 58 µs, 4 rows 32 µs; 17 rows 95 µs,
#: 16 rows 76 µs). There the rows past the last multiple of four are each a matrix-vector
#: product deltaᵀ·column (~7 µs): a 2-input first layer, 3 rows, 58 → 22 µs; a layer after
#: 16 units, 17 rows, 95 → 83 µs. Below ~1 000 samples the extra calls cost more than they
#: save; with one unit the product is a matrix-vector one already.
ROWWISE_REMAINDER_FROM = 1000

#: How many batch sizes a layer keeps work arrays for (full batch, mini-batch,
#: last partial batch, an evaluation grid).
_MAX_CACHED_SIZES = 4


def with_ones(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``[x 1]``: x of shape (n_samples, n_features) with a column of ones appended,
    column-major, in x's dtype (or written into ``out`` of shape (n, n_features + 1))."""
    n, k = x.shape
    if out is None:
        out = np.empty((n, k + 1), dtype=x.dtype, order="F")
    out[:, :k] = x
    out[:, k] = 1
    return out


class Dense:
    """One layer of ``fan_out`` units, each seeing all ``fan_in`` inputs.

    Parameters
    ----------
    fan_in : int
        Number of inputs per sample.
    fan_out : int
        Number of units (outputs per sample).
    activation : str
        Name in ``model.nn.activations.ACTIVATIONS`` (``"softmax"`` for a multi-class output).

    Attributes
    ----------
    Wb : ndarray of shape (fan_in + 1, fan_out)
        Weights and, as the last row, biases: a view into the network's flat ``params``.
    W : ndarray of shape (fan_in, fan_out)
        Weights (``Wb[:fan_in]``).
    b : ndarray of shape (fan_out,)
        Biases (``Wb[fan_in]``).
    dWb, dW, db : ndarrays like ``Wb``, ``W`` and ``b``
        Gradients, views into the network's flat ``grads``.
    x1 : ndarray of shape (n_samples, fan_in + 1)
        Cached by the last forward: the input with its column of ones (``x`` without it).
    z, a : ndarrays of shape (n_samples, fan_out)
        Cached by the last forward: pre-activation (None after ``keep_z=False``) and activation.
    off : ndarray of int or None
        The units switched off (their output held at 0), or None when all are on. (An identity layer's
        ``z`` is its ``a``: an off unit's z then reads 0 too.)
    """

    # Set by ``bind``, which the network calls for every layer it builds.
    Wb: np.ndarray
    W: np.ndarray
    b: np.ndarray
    dWb: np.ndarray
    dW: np.ndarray
    db: np.ndarray
    _WbT: np.ndarray
    _dWbT: np.ndarray
    # Set by every forward: a layer is read or taken backward only after one.
    x1: np.ndarray
    a: np.ndarray
    _x1T: np.ndarray
    _current: dict[str, Any]
    z: np.ndarray | None

    def __init__(self, fan_in: int, fan_out: int, activation: str):
        self.fan_in = int(fan_in)
        self.fan_out = int(fan_out)
        self.activation_name = activation
        self._f: Callable[..., np.ndarray]
        self._df: Callable[..., np.ndarray]
        act = get_activation(activation)
        self._f, self._df, self._identity = act.function, act.derivative, act.is_identity
        self.z = None
        self.off: np.ndarray | None = None
        # Large batches take [x 1]ᵀ's rows past a multiple of four apart where the kernels want
        # it (ROWWISE_REMAINDER_FROM); a one-unit layer's product is a matrix-vector one already.
        self._rows_apart = (self.fan_in + 1) % 4 != 0 and self.fan_out > 1 and blas.remainder_rows_cost_a_block()
        self._work: dict[int, dict[str, Any]] = {}  # arrays, and "x1": None until a forward needs it

    @property
    def n_weights(self) -> int:
        return self.fan_in * self.fan_out

    @property
    def x(self) -> np.ndarray:
        """The last forward's input, shape (n_samples, fan_in) (a view of ``x1``)."""
        return self.x1[:, : self.fan_in]

    def bind(self, params: np.ndarray, grads: np.ndarray, block: LayerBlock) -> None:
        """Make Wb, W, b and dWb, dW, db views into the flat vectors at this layer's block."""
        shape = (self.fan_in + 1, self.fan_out)
        self.Wb = params[block.block].reshape(shape)
        self.dWb = grads[block.block].reshape(shape)
        self.W, self.b = self.Wb[: self.fan_in], self.Wb[self.fan_in]
        self.dW, self.db = self.dWb[: self.fan_in], self.dWb[self.fan_in]
        self._WbT = self.Wb.T
        self._dWbT = np.empty(shape[::-1], dtype=params.dtype)
        self._work.clear()

    def _allocate(self, n: int) -> dict[str, Any]:
        """Work arrays for a batch of n samples (column-major), in the parameters' dtype.

        ``bind`` forgets them, so they always match the parameters they work with.
        """
        if len(self._work) >= _MAX_CACHED_SIZES:
            self._work.pop(next(iter(self._work)))
        dtype = self.W.dtype
        a1 = np.empty((n, self.fan_out + 1), dtype=dtype, order="F")
        a1[:, self.fan_out] = 1  # the next layer's bias input
        a = a1[:, : self.fan_out]
        # Identity keeps a == z: no copy. Others keep z too (softmax's loss needs the logits).
        z = a if self._identity else np.empty((n, self.fan_out), dtype=dtype, order="F")
        dx = np.empty((n, self.fan_in), dtype=dtype, order="F")
        work = {
            "z": z,
            "zT": z.T,
            "a": a,
            "aT": a.T,
            "a1": a1,
            "deriv": np.empty_like(z),
            "spare": np.empty_like(z),
            "dx": dx,
            "dxT": dx.T,
            "x1": None,
        }
        self._work[n] = work
        return work

    def linear(self, x1: np.ndarray) -> np.ndarray:
        """z = x1·[W; b] = x·W + b for x1 of shape (n_samples, fan_in + 1), its last column
        ones; caches x1 and z (``a`` follows from ``activate``)."""
        n = x1.shape[0]
        work = self._work.get(n) or self._allocate(n)
        x1T = x1.T
        np.dot(self._WbT, x1T, out=work["zT"])
        self.x1, self.z, self.a = x1, work["z"], work["a"]
        self._x1T, self._current = x1T, work
        return self.z

    def activate(self) -> np.ndarray:
        """a = f(z) of the last ``linear``; returns ``a1``, a with a column of ones."""
        if not self._identity:
            self._f(self.z, out=self.a)
        if self.off is not None:
            self.a[:, self.off] = 0
        return self._current["a1"]

    def forward_with_ones(self, x1: np.ndarray, keep_z: bool = True) -> np.ndarray:
        """a = f(x·W + b) for x1 = [x 1] of shape (n_samples, fan_in + 1).

        Returns ``a1`` of shape (n_samples, fan_out + 1): the activation and a
        column of ones, the next layer's input. Reused by the next forward of the
        same batch size: copy it to keep it.

        ``keep_z=False`` (training's hidden layers: backward reads ``a`` only) computes
        z in a's place and the activation in place, leaving ``z`` None: one array
        less to stream through the cache, ~10 % of an epoch at 10 000 samples.
        """
        if keep_z or self._identity:
            self.linear(x1)
            return self.activate()
        n = x1.shape[0]
        work = self._work.get(n) or self._allocate(n)
        x1T, a = x1.T, work["a"]
        np.dot(self._WbT, x1T, out=work["aT"])
        self._f(a, out=a)
        if self.off is not None:
            a[:, self.off] = 0
        self.x1, self.z, self.a = x1, None, a
        self._x1T, self._current = x1T, work
        return work["a1"]

    def forward(self, x: np.ndarray) -> np.ndarray:
        """a = f(x·W + b) for x of shape (n_samples, fan_in); returns a (a reused work array)."""
        work = self._work.get(x.shape[0]) or self._allocate(x.shape[0])
        if work["x1"] is None:
            work["x1"] = with_ones(x)
        else:
            work["x1"][:, : self.fan_in] = x
        self.forward_with_ones(work["x1"])
        return self.a

    def activation_backward(self, grad_a: np.ndarray, keep_a: bool = True) -> np.ndarray:
        """Turn dL/da into dL/dz in place: multiply by f'(z), computed from the cached a.

        ``keep_a=False`` computes f'(z) in a's own array (backpropagation reads a no more
        after this): one array less to stream through the cache.
        """
        if not self._identity:
            grad_a *= self._df(self.a, out=self._current["deriv"] if keep_a else self.a)
        if self.off is not None:
            grad_a[:, self.off] = 0  # an output held at 0 does not depend on z
        return grad_a

    def backward(
        self, delta: np.ndarray, need_input_grad: bool = True, x1_by_row: np.ndarray | None = None
    ) -> np.ndarray | None:
        """Fill dW and db from delta = dL/dz of shape (n_samples, fan_out).

        Returns dL/dx of shape (n_samples, fan_in) (a reused work array), or None
        when the caller does not need it (the first layer: its input is the data).
        Gradients are *sums* over the samples; the network scales them once.
        ``x1_by_row``: the last forward's input again, row-major (wide data:
        ``model.nn.batch.WIDE_INPUTS_FROM`` says why), or None.
        """
        if x1_by_row is not None:
            np.dot(delta.T, x1_by_row, out=self._dWbT)  # [dW; db]ᵀ = deltaᵀ·x1
            self.dWb[...] = self._dWbT.T
        elif self._rows_apart and delta.shape[0] >= ROWWISE_REMAINDER_FROM:
            self._weight_gradient_by_rows(delta)
        else:
            np.dot(self._x1T, delta, out=self.dWb)  # [dW; db] = x1ᵀ·delta
        if not need_input_grad:
            return None
        work = self._current
        if self.fan_out == 1 and delta.shape[0] >= BROADCAST_OUTER_FROM:
            # An outer product (inner dimension 1): see BROADCAST_OUTER_FROM.
            np.multiply(self.W, delta.T, out=work["dxT"])
        else:
            np.dot(self.W, delta.T, out=work["dxT"])  # dx = delta·Wᵀ
        return work["dx"]

    def _weight_gradient_by_rows(self, delta: np.ndarray) -> None:
        """[dW; db] = x1ᵀ·delta as a product of the rows up to a multiple of four and one
        matrix-vector product per remaining row (see ROWWISE_REMAINDER_FROM)."""
        rows = self.fan_in + 1
        whole = rows - rows % 4
        if whole:
            np.dot(self._x1T[:whole], delta, out=self.dWb[:whole])
        deltaT = delta.T
        for row in range(whole, rows):
            np.dot(deltaT, self.x1[:, row], out=self.dWb[row])
