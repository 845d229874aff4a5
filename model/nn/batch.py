"""Training samples in the form one epoch of the network wants them, prepared once.

The session trains on the same full batch every epoch, so whatever the forward
and backward passes need of the data beyond X and Y (the inputs' column of ones
for the biases, the numbers the binary loss reads its targets through) is
computed here once per dataset, not once per epoch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.nn.layers import with_ones
from model.nn.losses import BinaryTargets, binary_targets

#: From this many inputs (the column of ones included) a prepared batch also keeps its inputs row-major, for the
#: first layer's weight gradient (``Dense.backward``): deltaᵀ·x1 on a row-major x1 runs faster than x1ᵀ·delta on
#: the column-major one when x1 is wide (measured here, float32, one BLAS thread, 32 units: the digits' 1 797 × 65,
#: 128 → 108 µs; 200 × 65, 15 → 11 µs), and the copy is made once per training set. Narrower inputs gain little
#: or lose (31 columns at 10 000 samples: about even).
WIDE_INPUTS_FROM = 48


@dataclass(frozen=True)
class Batch:
    """Samples for ``Network.batch_loss_and_gradient``.

    inputs : ndarray of shape (n_samples, n_inputs + 1)
        X with a column of ones appended (the biases' input), column-major.
    targets : ndarray of shape (n_samples, n_outputs)
        Y encoded like the network's output (see ``model.nn.losses``), column-major like the
        network's work arrays it meets (element-wise work across two layouts is several times slower).
    binary : tuple of ndarrays of shape (n_samples,), or None
        For one sigmoid output: ``model.nn.losses.binary_targets(Y)``.
    inputs_by_row : ndarray of shape (n_samples, n_inputs + 1), or None
        ``inputs`` again, row-major, for wide inputs (``WIDE_INPUTS_FROM``); None otherwise and in mini-batches.
    """

    inputs: np.ndarray
    targets: np.ndarray
    binary: BinaryTargets | None = None
    inputs_by_row: np.ndarray | None = None

    @property
    def n(self) -> int:
        return self.inputs.shape[0]

    @classmethod
    def of(cls, X: np.ndarray, Y: np.ndarray, binary: bool) -> Batch:
        """Prepare X of shape (n_samples, n_inputs) and Y of shape (n_samples, n_outputs),
        both in the network's dtype; ``binary``: the network has one sigmoid output."""
        Y, inputs = np.asfortranarray(Y), with_ones(X)
        by_row = np.ascontiguousarray(inputs) if inputs.shape[1] >= WIDE_INPUTS_FROM else None
        return cls(inputs, Y, binary_targets(Y) if binary else None, by_row)

    def rows(self, index: np.ndarray | slice) -> Batch:
        """The mini-batch of the samples at ``index`` (an integer array or a slice)."""
        binary = None if self.binary is None else (self.binary[0][index], self.binary[1][index], self.binary[2][index])
        return Batch(self.inputs[index], self.targets[index], binary)


class MiniBatches:
    """A training set cut into mini-batches of ``size`` samples, each a column-major array of its own.

    Slices of the training set's column-major arrays would be strided views: the output loss's
    element-wise work then walks them across columns, and BLAS reads them with the whole set's
    leading dimension.

    Each array's full batches live in one block of shape (n_batches, columns, size), batch b's
    array being ``block[b].T``; the remainder in one more. An epoch in order after one in order
    costs nothing; an epoch in a new order gathers the samples into them in a few calls an array.
    Measured against the views of one shuffled copy of the set (float32, one BLAS thread): the
    digits' 64-32-10 epoch in batches of 128, ~15 % faster in order and ~11 % shuffled; the
    moons' 2-8-8-1 (200 points, batches of 32), ~15 % faster in order and the same shuffled.

    Parameters
    ----------
    data : Batch
        The whole training set (``Network.prepare``).
    size : int
        Samples per mini-batch; the last one holds the remainder.
    """

    def __init__(self, data: Batch, size: int):
        if size < 1:
            raise ValueError(f"a mini-batch needs at least one sample, got {size}")
        self.data, self.size = data, int(size)
        n = data.n
        self._n_full = n // self.size
        self._n_rest = n - self._n_full * self.size
        self._sources = _arrays(data)
        self._blocks = [np.empty((self._n_full, a.shape[1], self.size), a.dtype) for a in self._sources]
        self._rests = [np.empty((a.shape[1], self._n_rest), a.dtype) for a in self._sources]
        pieces = [[block[b].T for b in range(self._n_full)] for block in self._blocks]
        if self._n_rest:
            for arrays, rest in zip(pieces, self._rests):
                arrays.append(rest.T)
        self._batches = [_batch(list(arrays)) for arrays in zip(*pieces)]
        self._fill(np.arange(n))
        self._in_order = True

    def __len__(self) -> int:
        return len(self._batches)

    def epoch(self, order: np.ndarray | None) -> list[Batch]:
        """The mini-batches of one epoch: the set's samples in ``order`` (a permutation of its
        indices), or in their own order when None. They are overwritten by the next call."""
        if order is not None:
            self._fill(order)
            self._in_order = False
        elif not self._in_order:
            self._fill(np.arange(self.data.n))
            self._in_order = True
        return self._batches

    def _fill(self, order: np.ndarray) -> None:
        split = self._n_full * self.size
        full, rest = order[:split].reshape(self._n_full, self.size), order[split:]
        for source, block, remainder in zip(self._sources, self._blocks, self._rests):
            # Two calls an array whatever the number of batches (a call per batch costs a small
            # batch more than its contiguity saves): the rows of the column-major source are
            # columns of its (row-major) transpose, gathered at once, then put batch by batch.
            if source.shape[1] == 1:
                np.take(source[:, 0], full, out=block[:, 0, :])
            else:
                block[...] = np.take(source.T, full, axis=1).transpose(1, 0, 2)
            if self._n_rest:
                np.take(source.T, rest, axis=1, out=remainder)


def _arrays(batch: Batch) -> list[np.ndarray]:
    """The batch's arrays, in the order ``_batch`` takes them."""
    return [batch.inputs, batch.targets, *(batch.binary or ())]


def _batch(arrays: list[np.ndarray]) -> Batch:
    inputs, targets, *binary = arrays
    return Batch(inputs, targets, (binary[0], binary[1], binary[2]) if binary else None)
