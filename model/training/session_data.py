"""A session's data as its network reads it: inputs expanded with the model's extra features, targets
encoded like the network's output, in the training dtype.

``TrainingSession`` builds on it: it keeps the dataset and the specs, and re-encodes whenever either changes.
The encoded arrays are made once per change and read by every epoch, every evaluation and the inspectors
(``encode``, ``encoded_training_set``).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import numpy.typing as npt

from model.data.dataset import Dataset
from model.nn.batch import Batch
from model.nn.features import ONE_D_FEATURES, expand
from model.nn.network import Network
from model.nn.perceptron_rule import encode_sign_targets
from model.training.specs import ModelSpec, TrainSpec


class SessionData:
    """The encoded training and test sets of ``dataset`` for ``model_spec`` and ``train_spec``: ``_X_train``,
    ``_Y_train`` (targets as the network's output), ``_y_train`` (the labels or values), the same for the test
    set, and ``_X_all`` (every point)."""

    dataset: Dataset
    model_spec: ModelSpec
    train_spec: TrainSpec
    network: Network
    _prepared: tuple[np.ndarray, np.ndarray, Network, Batch] | None
    _X_train: np.ndarray
    _Y_train: np.ndarray
    _y_train: np.ndarray
    _X_test: np.ndarray
    _Y_test: np.ndarray
    _y_test: np.ndarray
    _X_all: np.ndarray

    @property
    def dtype(self) -> np.dtype:
        return np.dtype(self.train_spec.dtype)

    @property
    def task(self) -> str:
        return self.dataset.task

    @property
    def n_outputs(self) -> int:
        """One output for two classes or regression; one per class otherwise."""
        if self.task == "regression" or self.dataset.n_classes <= 2:
            return 1
        return self.dataset.n_classes

    def _inputs(self, X: np.ndarray) -> np.ndarray:
        return expand(X, self.model_spec.features, self.dtype)

    def _targets(self, y: np.ndarray) -> np.ndarray:
        """Targets encoded like the network's output (see ``model.nn.losses``)."""
        if self.model_spec.kind == "perceptron":
            return encode_sign_targets(y, self.dataset.n_classes).astype(self.dtype)
        if self.task == "regression":
            return np.asarray(y, dtype=self.dtype)[:, None]
        if self.n_outputs == 1:
            return (np.asarray(y) == 1).astype(self.dtype)[:, None]
        return (np.asarray(y)[:, None] == np.arange(self.n_outputs)[None, :]).astype(self.dtype)

    def _encode_data(self) -> None:
        ds = self.dataset
        # extra inputs: 1-D data (a regression curve) cannot feed features of x2, and x1², sin x1 ... of data with
        # more than two features would single out its first two features for no reason; they are dropped
        # from the spec, so a spec made for 2-D data keeps working when other data arrives (and the snapshot says so)
        if ds.n_features != 2 and self.model_spec.features:
            usable = tuple(f for f in self.model_spec.features if ds.n_features < 2 and f in ONE_D_FEATURES)
            if usable != self.model_spec.features:
                self.model_spec = replace(self.model_spec, features=usable)
        self._X_train, self._X_test = self._inputs(ds.train_X), self._inputs(ds.test_X)
        self._Y_train, self._Y_test = self._targets(ds.train_y), self._targets(ds.test_y)
        self._y_train, self._y_test = np.asarray(ds.train_y), np.asarray(ds.test_y)
        self._X_all = self._inputs(ds.X)

    def _layer_sizes(self) -> list[int]:
        n_in = self.dataset.n_features + len(self.model_spec.features)
        return [n_in, *self.model_spec.hidden, self.n_outputs]

    def encoded_training_set(self) -> tuple[np.ndarray, np.ndarray]:
        """The training set as the network reads it: inputs (n, n_inputs) and targets (n, n_outputs)."""
        return self._X_train, self._Y_train

    def encode(self, X: npt.ArrayLike, labels: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """Raw points (n, n_features) and their labels (class indices or targets) as the network reads them."""
        points = np.asarray(X, dtype=np.float64).reshape(-1, self.dataset.n_features)
        kind = np.float64 if self.task == "regression" else np.int64
        return self._inputs(points), self._targets(np.asarray(labels, dtype=kind).reshape(-1))

    def _train_batch(self) -> Batch:
        """The training set as the network's epoch takes it (``Network.prepare``), made once
        per dataset and network."""
        X, Y, net = self._X_train, self._Y_train, self.network
        made = self._prepared
        if made is None or made[0] is not X or made[1] is not Y or made[2] is not net:
            made = self._prepared = (X, Y, net, net.prepare(X, Y))
        return made[3]
