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
