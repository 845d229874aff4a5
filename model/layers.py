"""A fully connected (dense) layer: z = x·W + b, a = f(z).

The layer owns no parameter memory of its own: its weights ``W`` and bias ``b``
are *views* into the network's one flat parameter vector, and ``dW``, ``db``
views into the flat gradient vector. An optimizer then updates the whole
network in one or two NumPy calls, and a snapshot of the network is one copy.

``forward`` keeps (caches) its input ``x`` and output ``a``, which is all
``backward`` needs. Work arrays are allocated once per batch size and reused.

Work arrays of shape (n_samples, units) are column-major (Fortran order): each
unit's n values are contiguous, so adding the bias row ``z += b`` runs as one
fast loop per unit instead of n short loops of ``units`` values (~7× faster at
n = 10 000). ``np.dot`` needs a C-contiguous ``out``, hence the products are
written on the transposes: zᵀ = Wᵀ·xᵀ and dxᵀ = W·deltaᵀ. To a caller these
arrays are ordinary (n_samples, units) arrays.
"""

from __future__ import annotations

import numpy as np

from .activations import get_activation, softmax

#: How many batch sizes a layer keeps work arrays for (full batch, mini-batch,
#: last partial batch, an evaluation grid).
_MAX_CACHED_SIZES = 4


class Dense:
    """One layer of ``fan_out`` units, each seeing all ``fan_in`` inputs.

    Parameters
    ----------
    fan_in : int
        Number of inputs per sample.
    fan_out : int
        Number of units (outputs per sample).
    activation : str
        Name in ``model.activations.ACTIVATIONS``, or ``"softmax"`` for a multi-class output.

    Attributes
    ----------
    W : ndarray of shape (fan_in, fan_out)
        Weights, a view into the network's flat ``params``.
    b : ndarray of shape (fan_out,)
        Biases, a view into ``params``.
    dW, db : ndarrays like ``W`` and ``b``
        Gradients, views into the network's flat ``grads``.
    x, z, a : ndarrays of shape (n_samples, fan_in / fan_out / fan_out)
        Cached by the last ``forward``: input, pre-activation, activation.
    """

    def __init__(self, fan_in: int, fan_out: int, activation: str):
        self.fan_in = int(fan_in)
        self.fan_out = int(fan_out)
        self.activation_name = activation
        if activation == "softmax":
            self._f, self._df, self._identity = softmax, None, False
        else:
            act = get_activation(activation)
            self._f, self._df, self._identity = act.function, act.derivative, act.is_identity
        self.W = self.b = self.dW = self.db = None
        self.x = self.z = self.a = None
        self._work: dict[int, dict[str, np.ndarray]] = {}

    @property
    def n_weights(self) -> int:
        return self.fan_in * self.fan_out

    def bind(self, params, grads, weight_offset: int, bias_offset: int) -> None:
        """Make W, b, dW, db views into the flat vectors at the given offsets."""
        w_end, b_end = weight_offset + self.n_weights, bias_offset + self.fan_out
        self.W = params[weight_offset:w_end].reshape(self.fan_in, self.fan_out)
        self.b = params[bias_offset:b_end]
        self.dW = grads[weight_offset:w_end].reshape(self.fan_in, self.fan_out)
        self.db = grads[bias_offset:b_end]
        self._work.clear()

    def _allocate(self, n: int) -> dict[str, np.ndarray]:
        """Work arrays for a batch of n samples (column-major), in the parameters' dtype.

        ``bind`` forgets them, so they always match the parameters they work with.
        """
        if len(self._work) >= _MAX_CACHED_SIZES:
            self._work.pop(next(iter(self._work)))
        dtype = self.W.dtype
        z = np.empty((n, self.fan_out), dtype=dtype, order="F")
        # Identity keeps a == z: no copy. Others keep z too (softmax's loss needs the logits).
        a = z if self._identity else np.empty_like(z)
        dx = np.empty((n, self.fan_in), dtype=dtype, order="F")
        work = {"z": z, "zT": z.T, "a": a, "deriv": np.empty_like(z), "dx": dx, "dxT": dx.T,
                "ones": np.ones(n, dtype=dtype)}
        self._work[n] = work
        return work

    def forward(self, x: np.ndarray) -> np.ndarray:
        """a = f(x·W + b) for x of shape (n_samples, fan_in); caches x, z and a.

        The returned array is reused by the next forward of the same batch size:
        copy it to keep it.
        """
        work = self._work.get(x.shape[0]) or self._allocate(x.shape[0])
        z, a = work["z"], work["a"]
        np.dot(self.W.T, x.T, out=work["zT"])  # z = x·W
        z += self.b
        if not self._identity:
            self._f(z, out=a)
        self.x, self.z, self.a = x, z, a
        return a

    def activation_backward(self, grad_a: np.ndarray) -> np.ndarray:
        """Turn dL/da into dL/dz in place: multiply by f'(z), computed from the cached a."""
        if not self._identity:
            grad_a *= self._df(self.a, out=self._work[self.a.shape[0]]["deriv"])
        return grad_a

    def backward(self, delta: np.ndarray, need_input_grad: bool = True):
        """Fill dW and db from delta = dL/dz of shape (n_samples, fan_out).

        Returns dL/dx of shape (n_samples, fan_in) (a reused work array), or None
        when the caller does not need it (the first layer: its input is the data).
        Gradients are *sums* over the samples; the network divides once by n.
        """
        work = self._work[delta.shape[0]]
        np.dot(self.x.T, delta, out=self.dW)
        # The column sums as ones·delta: a matrix product is ~10× faster than np.sum(axis=0).
        np.dot(work["ones"], delta, out=self.db)
        if not need_input_grad:
            return None
        np.dot(self.W, delta.T, out=work["dxT"])  # dx = delta·Wᵀ
        return work["dx"]
