"""Single updates, outside the run of epochs: Rosenblatt's rule on one sample (the perceptron lesson), and one
plain gradient-descent step from one point (the probe's "step" button).

``TrainingSession`` builds on it. Both change the weights, so both re-measure the scores and tell the
listeners (the timeline keeps the new weights for its moment of this epoch).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import numpy.typing as npt

from model.nn.perceptron_rule import PerceptronUpdate, perceptron_update
from model.training.contract import EpochTrained, WeightsNudged
from model.training.pass_under_way import PassUnderWay
from model.training.scores import perceptron_data_loss
from model.training.session_events import SessionEvents
from model.training.session_measures import SessionMeasures


class SingleUpdates(SessionEvents, SessionMeasures):
    """``perceptron_sample_step`` and ``single_point_step``."""

    _pass: PassUnderWay  # the perceptron's epoch under way
    _shuffle_rng: np.random.Generator
    # TrainingSession's: its events carry the session, which subscribers may ask for its state.
    training_state: Callable[[], dict[str, Any]]

    def perceptron_sample_step(self, index: int | None = None) -> PerceptronUpdate | None:
        """Apply Rosenblatt's rule to one training sample: by default the next of the epoch under way, in the order
        that epoch goes through (shuffled as Play's epochs are), so steps and Play make the same epochs; or the
        sample ``index``, out of turn.

        Returns the ``PerceptronUpdate`` (what moved, and by how much) for the
        perceptron lesson (None when there are no training samples). The epoch counter advances after a full pass.
        """
        if self.model_spec.kind != "perceptron":
            raise ValueError("sample-by-sample training is the perceptron's rule")
        n = self._X_train.shape[0]
        if n == 0:
            return None
        passes = self._pass
        i = (
            int(passes.order(self._shuffle_rng, n, self.train_spec.shuffle)[passes.position])
            if index is None
            else int(index)
        )
        layer = self.network.layers[0]
        with _kept_finite(self.network.params):
            update = perceptron_update(
                layer.W, layer.b, self._X_train[i], self._Y_train[i], self.train_spec.learning_rate, index=i
            )
        passes.last_corrected = None  # the lesson rings its own sample
        if index is None:
            passes.position += 1
            if passes.position == n:
                passes.ended()
                self.epoch += 1
                self.history.append_loss(perceptron_data_loss(self.network, self._X_train, self._Y_train))
                self._publish(EpochTrained(self))
        self._evaluate()
        return update

    # single_point_step: the probe's "step" button
    def single_point_step(self, x: npt.ArrayLike, label: float) -> tuple[float, float]:
        """One plain gradient-descent update from the single point ``x`` with target ``label``.

        θ ← θ − η·dL/dθ with the session's learning rate, on the data loss of that
        point alone (no penalty; the optimizer's momentum/Adam state is left
        untouched), exactly the update the probe panel shows. The perceptron
        applies Rosenblatt's rule to the point instead. The epoch count and the
        history do not change; the scores are re-measured.

        x : array-like (n_raw,), the raw point; label : class index or target value.
        Returns (loss of the point before, loss after).
        """
        point = np.asarray(x, dtype=np.float64).reshape(1, self.dataset.n_features)
        Xe = self._inputs(point)
        net = self.network
        if self.model_spec.kind == "perceptron":
            target = self._targets(np.array([int(label)]))
            before = perceptron_data_loss(net, Xe, target)
            layer = net.layers[0]
            with _kept_finite(net.params):
                perceptron_update(layer.W, layer.b, Xe[0], target[0], self.train_spec.learning_rate)
            after = perceptron_data_loss(net, Xe, target)
        else:
            labels = np.array([label], dtype=np.float64 if self.task == "regression" else np.int64)
            Y = self._targets(labels)
            before = net.loss_and_gradient(Xe, Y)
            with _kept_finite(net.params):
                net.params -= self.train_spec.learning_rate * net.grads
            after = net.loss(Xe, Y)
        self._evaluate()
        self._publish(WeightsNudged(self))  # e.g. the timeline's moment of this epoch gets the new weights
        return float(before), float(after)


@contextmanager
def _kept_finite(params: np.ndarray) -> Iterator[None]:
    """The weights as they were when the update within made one of them infinite or NaN: one step from one point
    goes unchecked by the run of epochs (``TrainingSession.step`` goes back to the last good weights), and weights
    no number can show would reach the views and a saved session (which opening refuses)."""
    kept = params.copy()
    with np.errstate(over="ignore", invalid="ignore"):
        yield
    if not np.all(np.isfinite(params)):
        np.copyto(params, kept)
