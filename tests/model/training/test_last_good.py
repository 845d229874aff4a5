"""LastGoodWeights: what a divergence goes back to, and how a saved session keeps it."""

from __future__ import annotations

import math

import numpy as np
import pytest

from model.training.last_good import LastGoodWeights, divergence_message


def test_tracking_starts_from_the_weights_given_with_no_best_loss_yet():
    params = np.arange(4, dtype=np.float32)
    last_good = LastGoodWeights(params, epoch=7)
    params[0] = 99  # copies: later updates of the weights leave them alone
    assert last_good.good.tolist() == [0, 1, 2, 3] and last_good.backup.tolist() == [0, 1, 2, 3]
    assert last_good.epoch == 7 and last_good.best_loss == math.inf
    assert last_good.fits(params) and not last_good.fits(params.astype(np.float64))
    assert not last_good.fits(np.zeros(5, dtype=np.float32))


def test_its_state_round_trips_and_refuses_weights_of_another_network():
    last_good = LastGoodWeights(np.ones(3), epoch=2)
    last_good.best_loss = 0.25
    state = last_good.state()
    state["good_params"][0] = 5.0  # a copy
    assert last_good.good[0] == 1.0
    other = LastGoodWeights(np.zeros(3), epoch=0)
    other.load_state(state, np.zeros(3))
    assert other.good.tolist() == [5.0, 1.0, 1.0] and other.epoch == 2 and other.best_loss == 0.25
    with pytest.raises(ValueError, match="shape"):
        other.load_state(state, np.zeros(4))
    with pytest.raises(ValueError, match="dtype"):
        other.load_state(state, np.zeros(3, dtype=np.float32))


def test_the_message_names_the_epoch_and_a_tenth_of_the_learning_rate():
    text = divergence_message(3.0, 12)
    assert "learning rate 3" in text and "epoch 12" in text and "0.3" in text
