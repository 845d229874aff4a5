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
    """

    inputs: np.ndarray
    targets: np.ndarray
    binary: BinaryTargets | None = None

    @property
    def n(self) -> int:
        return self.inputs.shape[0]

    @classmethod
    def of(cls, X: np.ndarray, Y: np.ndarray, binary: bool) -> Batch:
        """Prepare X of shape (n_samples, n_inputs) and Y of shape (n_samples, n_outputs),
        both in the network's dtype; ``binary``: the network has one sigmoid output."""
        Y = np.asfortranarray(Y)
        return cls(with_ones(X), Y, binary_targets(Y) if binary else None)

    def rows(self, index: np.ndarray | slice) -> Batch:
        """The mini-batch of the samples at ``index`` (an integer array or a slice)."""
        binary = None if self.binary is None else (self.binary[0][index], self.binary[1][index], self.binary[2][index])
        return Batch(self.inputs[index], self.targets[index], binary)


class MiniBatches:
    """A training set cut into mini-batches of ``size`` samples, each its own column-major copy.

    Slices of the training set's column-major arrays would be strided views: the output loss's
    element-wise work then walks them across columns, and BLAS reads them with the whole set's
    leading dimension. Measured on the digits (float32, batches of 128), an epoch of copies is
    ~25 % faster (64-10) and ~15 % faster (64-32-10) than an epoch of views, the copying included.
    The copies are made once and refilled: never for an epoch in order after one in order, once
    per epoch when shuffled (which copied the whole set once per epoch before, too).

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
        self._slices = [slice(start, min(start + self.size, data.n)) for start in range(0, data.n, self.size)]
        self._batches = [_column_major_copy(data.rows(rows)) for rows in self._slices]
        self._in_order = True

    def __len__(self) -> int:
        return len(self._batches)

    def epoch(self, order: np.ndarray | None) -> list[Batch]:
        """The mini-batches of one epoch: the set's samples in ``order`` (a permutation of its
        indices), or in their own order when None. They are overwritten by the next call."""
        if order is None:
            if not self._in_order:
                for batch, rows in zip(self._batches, self._slices):
                    _copy_rows(self.data, rows, batch)
                self._in_order = True
        else:
            for batch, rows in zip(self._batches, self._slices):
                _copy_rows(self.data, order[rows], batch)
            self._in_order = False
        return self._batches


def _column_major_copy(batch: Batch) -> Batch:
    """A copy of every array (never a view: the copies are refilled, the set must stay as it is)."""

    def copy(a: np.ndarray) -> np.ndarray:
        return np.array(a, order="F", copy=True)

    binary = None if batch.binary is None else (copy(batch.binary[0]), copy(batch.binary[1]), copy(batch.binary[2]))
    return Batch(copy(batch.inputs), copy(batch.targets), binary)


def _copy_rows(data: Batch, rows: np.ndarray | slice, into: Batch) -> None:
    """Write ``data``'s samples at ``rows`` into the arrays of ``into`` (no new arrays)."""
    pairs = [(data.inputs, into.inputs), (data.targets, into.targets)]
    if data.binary is not None and into.binary is not None:
        pairs += list(zip(data.binary, into.binary))
    for source, target in pairs:
        if isinstance(rows, slice):
            target[...] = source[rows]
        else:
            np.take(source, rows, axis=0, out=target)
