"""What a session measures and shows: its losses and scores after each ``step``, its predictions, the
boundary over a grid, and the immutable ``Snapshot`` of a moment.

``TrainingSession`` builds on it; the measures themselves are ``model.training.scores``' and the grid's
``model.training.boundary_grid``'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from model.nn.units_off import UnitsOff
from model.training.boundary_grid import GridInputs, display_output, grid_shaped
from model.training.history import History
from model.training.pass_under_way import PassUnderWay
from model.training.scores import decide, loss_and_predictions, perceptron_scores, score
from model.training.session_data import SessionData
from model.training.snapshot import Snapshot, frozen_copy


class SessionMeasures(SessionData):
    """The scores of the current weights (``train_loss`` ... ``test_score``, measured by ``_evaluate`` and
    recorded in ``history``), ``predict``, ``predict_output``, ``evaluate_grid`` and ``snapshot``."""

    history: History
    epoch: int
    diverged: bool
    message: str
    data_version: int
    session_id: int
    _units_off: UnitsOff
    _last_eval: tuple[float, float, float, float]
    _last_labels: _Labels | None
    _grid: GridInputs
    _pass: PassUnderWay

    def _evaluate(self) -> None:
        net, spec, task = self.network, self.model_spec, self.task
        train_loss, train_pred = loss_and_predictions(net, spec, task, self._X_train, self._Y_train)
        test_loss, test_pred = loss_and_predictions(net, spec, task, self._X_test, self._Y_test)
        train_score = score(task, train_pred, self._y_train)
        test_score = score(task, test_pred, self._y_test)
        self._last_eval = (train_loss, test_loss, train_score, test_score)
        self._last_labels = _Labels(self._labels_key(), train_pred, test_pred, self.network.params.copy())
        self.history.record_evaluation(test_loss, train_score, test_score)

    def _measure_within_chunk(self) -> None:
        """The history's test loss and scores of an epoch inside a chunk, as ``_evaluate`` measures them (the same
        functions on the same arrays: a past moment's readout gives the very numbers), without what only the
        chunk's end needs: the training loss at these weights (the history has the epoch's own) and the labels kept
        for a snapshot. A third cheaper than ``_evaluate`` on the 200 moons."""
        net, spec, task = self.network, self.model_spec, self.task
        if spec.kind == "perceptron":
            train_pred = decide(perceptron_scores(net, self._X_train), task, from_scores=True)
        else:
            train_pred = decide(net.forward_with_ones(self._train_batch().inputs), task)
        test_loss, test_pred = loss_and_predictions(net, spec, task, self._X_test, self._Y_test)
        self.history.record_evaluation(
            test_loss, score(task, train_pred, self._y_train), score(task, test_pred, self._y_test)
        )

    def _labels_key(self) -> tuple[object, ...]:
        """What the predicted labels of the points depend on, besides the weights."""
        return (self.network, self.dataset, self.model_spec, self._units_off)

    def _predictions_of_all_points(self) -> np.ndarray:
        """The predicted label (or value) of every point of the dataset, in its order.

        The evaluation after the last change of the weights predicted them all already, the training points and
        the test points apart: they are put together here, unless the weights, data, model or switched-off units
        changed since. With 100 000 points, predicting them again took ~4.6 ms of a snapshot's ~7 ms, and the
        window asks for a snapshot 20 to 40 times a second while it trains.
        """
        labels, ds = self._last_labels, self.dataset
        if labels is None or labels.key != self._labels_key() or not np.array_equal(labels.params, self.network.params):
            return self.predict(ds.X)
        train, test = labels.train, labels.test
        if ds.n_test == 0:
            return train
        if ds.n_train == 0:
            return test
        out = np.empty(ds.n_samples, dtype=np.result_type(train, test))
        out[~ds.is_test] = train
        out[ds.is_test] = test
        return out

    @property
    def train_loss(self) -> float:
        """Training loss at the current parameters."""
        return self._last_eval[0]

    @property
    def test_loss(self) -> float:
        return self._last_eval[1]

    @property
    def train_score(self) -> float:
        """Training accuracy (classification) or R² (regression) at the current parameters."""
        return self._last_eval[2]

    @property
    def test_score(self) -> float:
        return self._last_eval[3]

    def predict(self, X: npt.ArrayLike) -> np.ndarray:
        """Class index (classification) or value (regression) for raw X of shape (n_samples, n_features)."""
        Xe = self._inputs(np.asarray(X, dtype=np.float64).reshape(-1, self.dataset.n_features))
        if self.model_spec.kind == "perceptron":
            return decide(perceptron_scores(self.network, Xe), self.task, from_scores=True)
        return decide(self.network.forward(Xe), self.task)

    def predict_output(self, X: npt.ArrayLike) -> np.ndarray:
        """What the boundary shows for raw X: P(class 1) (n,), class probabilities (n, K),
        or values (n,). The perceptron gives hard 0/1 decisions (it has no probabilities)."""
        Xe = self._inputs(np.asarray(X, dtype=np.float64).reshape(-1, self.dataset.n_features))
        return display_output(self.network, self.model_spec.kind, Xe)

    def evaluate_grid(self, bounds: Sequence[float], size: int) -> np.ndarray:
        """The model over a size×size grid covering ``bounds`` = (xmin, xmax, ymin, ymax).

        Returns float32, row-major (row i is y = ymin + (i + ½)·(ymax − ymin)/size,
        column j is x likewise), ready for ``ImageItem(axisOrder='row-major')``:
        shape (size, size) for P(class 1) or a regression plane, (size, size, K)
        for K class probabilities. For a 1-D regression curve: shape (size,),
        the prediction at x_j across [xmin, xmax]. For data of more than two
        features the grid lies on the dataset's view plane (``Dataset.plane_frame``):
        cell (i, j) is the model's output at ``frame.lift`` of its plot position,
        the other directions at the training mean.
        """
        size = int(size)
        key = (self.model_spec.features, self.dtype.str)
        Xe, X1 = self._grid.encoded(bounds, size, self.dataset, key, self._inputs)
        values = display_output(self.network, self.model_spec.kind, Xe, X1)
        return grid_shaped(values, size, self.dataset.n_features)

    def snapshot(self, grid_bounds: Sequence[float] | None = None, grid_size: int = 0) -> Snapshot:
        """An immutable copy of this moment, optionally with the grid over ``grid_bounds``."""
        grid = None
        if grid_bounds is not None and grid_size > 0:
            grid = self.evaluate_grid(grid_bounds, grid_size)
        predictions = self._predictions_of_all_points() if self.dataset.n_samples else np.empty(0)
        curves = self.history.thinned()
        for column in curves.values():
            column.setflags(write=False)
        output = "step" if self.model_spec.kind == "perceptron" else self.network.head.output_activation
        return Snapshot(
            epoch=self.epoch,
            train_loss=self.train_loss,
            test_loss=self.test_loss,
            train_score=self.train_score,
            test_score=self.test_score,
            params=frozen_copy(self.network.params),
            layer_sizes=self.network.layer_sizes,
            activations=self.network.hidden_activations,
            output_activation=output,
            task=self.task,
            model_kind=self.model_spec.kind,
            features=self.model_spec.features,
            learning_rate=self.train_spec.learning_rate,
            diverged=self.diverged,
            message=self.message,
            curves=curves,
            grid=frozen_copy(grid),
            grid_bounds=None if grid is None or grid_bounds is None else _four(grid_bounds),
            predictions=frozen_copy(predictions),
            data_version=self.data_version,
            session_id=self.session_id,
            units_off=self._units_off,
            epoch_progress=(self._pass.position, self._X_train.shape[0]) if self._pass.under_way else None,
            last_corrected=self._pass.corrected_now(),
        )


@dataclass(frozen=True, eq=False)
class _Labels:
    """The labels (or values) the last evaluation predicted for the training and the test points, with the
    ``_labels_key`` and a copy of the weights they were predicted with."""

    key: tuple[object, ...]
    train: np.ndarray
    test: np.ndarray
    params: np.ndarray


def _four(bounds: Sequence[float]) -> tuple[float, float, float, float]:
    """(xmin, xmax, ymin, ymax) as floats."""
    xmin, xmax, ymin, ymax = (float(b) for b in bounds)
    return (xmin, xmax, ymin, ymax)
