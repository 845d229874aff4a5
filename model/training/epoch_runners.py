"""One epoch of training, as a function the session's ``step`` calls in its loop.

An epoch is one pass over the training set: in mini-batches of ``TrainSpec.batch_size`` (all of it at once
when None, or when the batch is at least the set), each batch one update by the optimizer; or, for the
perceptron, Rosenblatt's rule sample by sample. A runner is made once per ``step`` call for the current model,
data and settings (they only change between calls), so that the loop itself looks nothing up.

The shuffling generator is the session's: ``epoch_order`` draws each epoch's order from it, and
``first_update_rows`` tells which samples the next epoch's first update will use, without drawing.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from model.nn.batch import Batch, MiniBatches
from model.nn.network import Network
from model.nn.optimizers import SGD, Adam
from model.nn.perceptron_rule import perceptron_epoch, perceptron_pass_part
from model.training.pass_under_way import PassUnderWay
from model.training.scores import perceptron_data_loss

EpochRunner = Callable[[], float]


def is_full_batch(batch_size: int | None, n_samples: int) -> bool:
    """Whether one update takes the whole training set (no batch size, or one at least as large)."""
    return batch_size is None or batch_size >= n_samples


def epoch_order(rng: np.random.Generator, n_samples: int, shuffle: bool) -> np.ndarray | None:
    """The training set's order for one epoch: a fresh permutation from ``rng``, or None (in order) when
    shuffling is off."""
    return rng.permutation(n_samples) if shuffle else None


def first_update_rows(rng: np.random.Generator, n_samples: int, batch_size: int | None, shuffle: bool) -> np.ndarray:
    """Indices of the samples the next epoch's first update uses: all of them in full-batch training, else
    the first mini-batch of the order that epoch will draw. ``rng`` is put back where it was, so the epoch
    draws that very order."""
    if is_full_batch(batch_size, n_samples):
        return np.arange(n_samples)
    assert batch_size is not None  # no batch size: full-batch training, above
    state = rng.bit_generator.state
    order = epoch_order(rng, n_samples, shuffle)
    rng.bit_generator.state = state
    return (np.arange(n_samples) if order is None else order)[:batch_size]


def gradient_epoch(
    network: Network,
    optimizer: SGD | Adam,
    data: Batch,
    alpha: float,
    l1: float,
    batch_size: int | None,
    shuffle: bool,
    rng: np.random.Generator,
) -> EpochRunner:
    """An epoch of gradient descent on ``data`` (``Network.prepare``d) with the penalties ``alpha`` (L2) and
    ``l1``; it returns the epoch's training loss (the mean over its batches, each measured before its update)."""
    params, grads = network.params, network.grads
    if is_full_batch(batch_size, data.n):

        def full_batch_epoch() -> float:
            loss = network.batch_loss_and_gradient(data, alpha, l1)
            optimizer.step(params, grads)
            return loss

        return full_batch_epoch

    assert batch_size is not None  # no batch size: the full-batch epoch above
    # Copies refilled every epoch, not views (``MiniBatches`` says why): made once per runner, one copy of
    # the set, what one shuffled epoch copies anyway.
    mini_batches, n = MiniBatches(data, batch_size), data.n

    def mini_batch_epoch() -> float:
        total = 0.0
        for batch in mini_batches.epoch(epoch_order(rng, n, shuffle)):
            total += network.batch_loss_and_gradient(batch, alpha, l1) * batch.n
            optimizer.step(params, grads)
        return total / n

    return mini_batch_epoch


class PerceptronRulePasses:
    """Epochs of Rosenblatt's rule over encoded X and its ±1 targets, each sample in turn (shuffled or in order);
    a call runs the rest of the pass under way (``passes``: the whole pass when none is) and returns the perceptron
    criterion after it.

    ``max_updates`` (None: no limit) is how many corrections the calls of this runner may make: the pass stops at
    the sample that would make one more (``passes.position`` then says where; the call's return value is the
    criterion there), so a chunk of training can end within an epoch. ``updates`` counts those made; the sample
    of the latest of them goes to ``passes.last_corrected`` (None after a whole pass run at once)."""

    def __init__(
        self,
        network: Network,
        X: np.ndarray,
        targets: np.ndarray,
        learning_rate: float,
        shuffle: bool,
        rng: np.random.Generator,
        passes: PassUnderWay,
        max_updates: int | None = None,
    ):
        self._network, self._X, self._targets = network, X, targets
        self._learning_rate, self._shuffle, self._rng = learning_rate, shuffle, rng
        self._passes, self._max_updates = passes, max_updates
        self.updates = 0

    def __call__(self) -> float:
        layer, X, targets, passes = self._network.layers[0], self._X, self._targets, self._passes
        n = X.shape[0]
        if self._max_updates is None and not passes.under_way:  # a whole pass at once: nothing to keep
            order = self._rng.permutation(n) if self._shuffle else range(n)
            self.updates += perceptron_epoch(layer.W, layer.b, X, targets, self._learning_rate, order)
            passes.last_corrected = None
        else:
            budget = n + 1 if self._max_updates is None else self._max_updates - self.updates
            order = passes.order(self._rng, n, self._shuffle)
            latest = passes.last_corrected
            position, made, last = perceptron_pass_part(
                layer.W, layer.b, X, targets, self._learning_rate, order, passes.position, budget
            )
            self.updates += made
            if made:
                latest = int(last)
            if position < n:
                passes.position = position
            else:
                passes.ended()
            # the latest correction is marked only while corrections are counted out (Watch's start): of whole
            # epochs run at once, the last sample corrected says nothing one saw
            passes.last_corrected = latest if self._max_updates is not None else None
        return perceptron_data_loss(self._network, X, targets)
