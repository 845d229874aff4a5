"""The perceptron's pass under way: an epoch of Rosenblatt's rule that stopped partway through.

The rule updates sample by sample, so an epoch of it can be shown a few corrections at a time (the window's Watch
pace does, and the perceptron lesson steps one sample at a time) and then goes on where it stopped. The parts of a
pass go through the order the whole pass would have drawn, with the same arithmetic, so a pass shown in parts ends
with the very weights of the pass run at once: how fast training is shown never changes what is learnt.

A pass's order is drawn from the session's shuffling generator when the pass begins (as a whole pass draws it);
the generator's state from before that draw is kept, so a training state taken partway (a saved session) holds
that state and the position, and the order is drawn again, the same, when the pass goes on after a restore.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np


class PassUnderWay:
    """``position``: samples of the pass under way done; ``under_way``: whether a pass began and has not ended (it
    may stand at 0, stopped before its first sample's correction); ``last_corrected``: the training index of the
    sample whose correction was the latest while corrections were counted out (a chunk of Watch's start), kept
    across the end of a pass (the next may stop before its first correction), None once whole passes ran or the
    pass was left."""

    def __init__(self) -> None:
        self.position = 0
        self.last_corrected: int | None = None
        self._order: np.ndarray | None = None
        self._rng_state: Mapping[str, Any] | None = None

    def order(self, rng: np.random.Generator, n_samples: int, shuffle: bool) -> np.ndarray:
        """The pass's order of the training set: drawn from ``rng`` as a whole pass draws it when the pass begins
        (or goes on after a restore, ``rng`` then at the state from before the draw), else the one drawn then."""
        if self._order is None or len(self._order) != n_samples:
            self._rng_state = rng.bit_generator.state
            self._order = rng.permutation(n_samples) if shuffle else np.arange(n_samples)
        return self._order

    @property
    def under_way(self) -> bool:
        return self._order is not None or self.position > 0

    def rng_state(self, rng: np.random.Generator) -> Mapping[str, Any]:
        """The shuffling state a training state keeps: from before the pass under way drew its order (going on
        draws it again), else ``rng``'s."""
        if self._order is not None and self._rng_state is not None:
            return self._rng_state
        return rng.bit_generator.state

    def ended(self) -> None:
        """The pass ended (or was left: new data, a new model, another state): the next one draws its order."""
        self.position = 0
        self._order = self._rng_state = None
        self.last_corrected = None

    def corrected_now(self) -> int | None:
        """The sample to mark as the one whose mistake moved the line last: only while a pass stands under way."""
        return self.last_corrected if self.under_way else None

    def restored(self, position: int, n_samples: int) -> None:
        """A training state's position (``rng`` was set to the state from before the pass's draw). An older file
        counted the lesson's samples over every pass: the position within the pass is what is left over."""
        self.ended()
        self.position = int(position) % n_samples if n_samples else 0
