"""A training session: data, model, optimizer and random state, advanced epoch by epoch.

The GUI's worker thread owns one and calls ``step`` in short chunks; the views
only ever see the immutable ``Snapshot`` it hands out. Nothing here knows of Qt.
A session offers ``model.training.contract.Trainable`` (as a ``SessionGroup`` and a
proxy of either in a child process do), and tells its subscribers what happens to
it with ``SessionEvent``s (its timeline is one: ``session.timeline = Timeline()``).

Switched-off hidden units (``set_units_off``) belong to the session's state, not to its ``ModelSpec``:
switching one off or on keeps the weights, the epoch and the run (the panels' spec knows nothing of
them); a new architecture keeps those that still fit (``message`` names the others). They are part of
``training_state()``, so saved sessions, the timeline, branches and restored runs keep them.

Reproducibility: the session draws its initial weights from
``default_rng(seed)`` and its shuffling from a second generator seeded from the
same seed, so the same dataset, specs and seed give a bit-identical run.

It is one file over 400 lines because it is one object whose parts share its state: building the network and
the optimizer, stepping (with divergence recovery), snapshots and grids, and adopting a saved state all read
and write the same weights, RNGs and history; split apart they would pass that state around instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import numpy.typing as npt

from model.data.dataset import Dataset
from model.nn.batch import Batch
from model.nn.features import ONE_D_FEATURES, expand
from model.nn.layers import with_ones
from model.nn.losses import perceptron_loss
from model.nn.network import Network
from model.nn.optimizers import make_optimizer
from model.nn.perceptron_rule import PerceptronUpdate, encode_sign_targets, perceptron_epoch, perceptron_update
from model.nn.units_off import NONE_OFF, UnitsOff, names, split_fitting
from model.training.contract import (
    IN_PROCESS,
    DataChanged,
    EpochTrained,
    Pacing,
    Request,
    RunStarted,
    SessionEvent,
    SessionListener,
    SettingsChanged,
    StateAdopted,
    StepResult,
    T,
    WeightsNudged,
    WentBack,
)
from model.training.history import History
from model.training.snapshot import Snapshot, frozen_copy
from model.training.specs import ModelSpec, TrainSpec


def _accuracy(predicted: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(predicted == y)) if y.size else math.nan


def _r2(predicted: np.ndarray, y: np.ndarray) -> float:
    """Coefficient of determination, 1 - SS_res / SS_tot (NaN with fewer than 2 samples)."""
    if y.size < 2:
        return math.nan
    ss_tot = float(np.sum((y - y.mean()) ** 2))
    ss_res = float(np.sum((y - predicted) ** 2))
    return 1.0 - ss_res / ss_tot if ss_tot > 0 else (1.0 if ss_res == 0 else 0.0)


class TrainingSession:
    """Trains one model on one dataset.

    Parameters
    ----------
    dataset : model.data.dataset.Dataset
    model_spec : ModelSpec
    train_spec : TrainSpec
    seed : int, seeds weight initialisation and shuffling

    Attributes
    ----------
    epoch : int, epochs completed
    network : model.nn.network.Network (for the perceptron too: one linear layer
        whose weights Rosenblatt's rule updates)
    history : model.training.history.History
    timeline : the ``model.training.timeline.Timeline`` recording this session, or None; assigning one
        subscribes it to the session's events (anything with ``on_session_event`` will do)
    """

    _next_id = 1

    # The weights of the last good epoch and a spare buffer (divergence recovery): set by the weights' reset.
    _good: np.ndarray
    _backup: np.ndarray

    def __init__(
        self, dataset: Dataset, model_spec: ModelSpec | None = None, train_spec: TrainSpec | None = None, seed: int = 0
    ):
        self.session_id = TrainingSession._next_id
        TrainingSession._next_id += 1
        self.dataset = dataset
        self.data_version = 0
        self.model_spec = model_spec or ModelSpec()
        self.train_spec = train_spec or TrainSpec()
        self.seed = int(seed)
        self.history = History()
        self.epoch = 0
        self.diverged = False
        self.message = ""
        self._last_eval = (math.nan, math.nan, math.nan, math.nan)
        self._grid_cache: tuple[tuple[Any, ...], np.ndarray, np.ndarray] | None = None
        self._prepared: tuple[np.ndarray, np.ndarray, Network, Batch] | None = None
        self._sample_position = 0  # the perceptron's next sample, counted over every pass
        self._listeners: list[SessionListener] = []
        self._timeline: Any = None
        self._units_off: UnitsOff = NONE_OFF
        self._encode_data()
        self._build_model()

    # -- what the worker sees (model.training.contract.Trainable) ---------------------------------
    @property
    def pacing(self) -> Pacing:
        return IN_PROCESS

    @property
    def alive(self) -> bool:
        """Always: a session in this process lives as long as it is held."""
        return True

    @property
    def primary(self) -> TrainingSession:
        """The session a file saves: itself (a ``SessionGroup``'s is its first model)."""
        return self

    def perform(self, request: Request[T]) -> T:
        """Applies ``request`` (``model.training.requests``) here, at once."""
        return request.apply(self)

    def close(self) -> None:
        """Nothing to end: the session has no process of its own."""

    def kill(self) -> None:
        """Nothing to end: the session has no process of its own."""

    # -- events ----------------------------------------------------------------------------------
    def subscribe(self, listener: SessionListener) -> None:
        """``listener(event)`` is called with every ``SessionEvent`` from now on, in the thread that trains."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: SessionListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _publish(self, event: SessionEvent) -> None:
        for listener in self._listeners:
            listener(event)

    @property
    def timeline(self) -> Any:
        return self._timeline

    @timeline.setter
    def timeline(self, timeline: Any) -> None:
        if self._timeline is not None:
            self.unsubscribe(self._timeline.on_session_event)
        self._timeline = timeline
        if timeline is not None:
            self.subscribe(timeline.on_session_event)

    # -- construction ----------------------------------------------------------------------------
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

    def _build_model(self) -> None:
        """Fresh network with weights drawn from the seed, fresh optimizer and RNG, epoch 0."""
        spec = self.model_spec
        self.network = Network(self._layer_sizes(), spec.hidden_activations, self.task, self.dtype)
        init_rng = np.random.default_rng(self.seed)
        if spec.kind == "perceptron":
            # Rosenblatt starts from zero weights; the rule's result does not depend on scale.
            self.network.params[...] = 0
        else:
            self.network.init_weights(init_rng, spec.weight_init)
        # The weights this run started from (model.storage.script_export)
        self.initial_params = self.network.params.copy()
        self._shuffle_rng = np.random.default_rng([self.seed, 1])
        self._make_optimizer()
        self.epoch = 0
        self._forget_good_weights()
        self.history.clear()
        self.diverged = False
        self.message = ""
        self._grid_cache = None
        self._keep_fitting_units_off()
        self._evaluate()
        self._publish(RunStarted(self))

    def _keep_fitting_units_off(self) -> None:
        """Switch the units off again in a new network, those its hidden layers still have; say which not."""
        kept, dropped = split_fitting(self._units_off, self.network.hidden_sizes)
        self._units_off = kept
        self.network.set_units_off(kept)
        if dropped:
            self.message = f"Switched on again (the new layers have no such unit): {', '.join(names(dropped))}."

    @property
    def units_off(self) -> UnitsOff:
        """The hidden units switched off: (layer, unit), layer 1 the first hidden layer, unit from 0."""
        return self._units_off

    def set_units_off(self, units: Any) -> UnitsOff:
        """Switch exactly these hidden units off (their output held at 0), all others on, from now on.

        Keeps the weights, the epoch and the run. Units the hidden layers do not have (a request made
        for an architecture that has just changed) are left out; returns the units switched off now.
        The optimizer forgets its momentum for the units switched off, so that their incoming weights
        stay exactly where they are while they are off.
        """
        kept, _ = split_fitting(units, self.network.hidden_sizes)
        if kept == self._units_off:
            return kept
        self._units_off = kept
        self.network.set_units_off(kept)
        self._forget_momentum(self.network.held_params())
        self._forget_good_weights()  # another model: another loss scale
        self._evaluate()
        self._publish(SettingsChanged(self))  # e.g. the timeline marks the moment
        return kept

    def _forget_momentum(self, index: np.ndarray) -> None:
        """Zero the optimizer's velocity / first moment at ``index``: with zero gradient there, no step follows."""
        if not index.size:
            return
        state = self.optimizer.state()
        for key in ("velocity", "m"):
            value = state.get(key)
            if isinstance(value, np.ndarray) and value.shape == self.network.params.shape:
                value[index] = 0
        self.optimizer.load_state(state)

    def _make_optimizer(self) -> None:
        t = self.train_spec
        self.optimizer = make_optimizer(t.optimizer, t.learning_rate, t.momentum, t.beta_1, t.beta_2, t.epsilon)

    # -- changes while training ------------------------------------------------------------------
    def set_dataset(self, dataset: Dataset, version: int | None = None) -> None:
        """Train on new data from the next epoch on.

        The weights are kept when the network's input and output sizes still
        fit (points added, moved or removed); otherwise (a new class, another
        task) the network starts afresh at epoch 0. The same data on another view plane
        (``Dataset.with_view_plane``) changes only the grid: no event, nothing forgotten.
        """
        if _only_plane_differs(self.dataset, dataset):
            self.dataset = dataset  # the same data seen on another plane: only the grid changes
            self.data_version = self.data_version + 1 if version is None else int(version)
            self._grid_cache = None
            return
        old_sizes, old_task = self._layer_sizes(), self.task
        self.dataset = dataset
        self.data_version = self.data_version + 1 if version is None else int(version)
        self._encode_data()
        self._grid_cache = None
        if self._layer_sizes() != old_sizes or self.task != old_task:
            self._build_model()
        else:
            self._forget_good_weights()  # other data, other loss scale
            self._evaluate()
            self._publish(DataChanged(self))

    def set_model_spec(self, spec: ModelSpec) -> None:
        """A new architecture: fresh weights, epoch 0. New L2/L1 rates alone keep the weights and the epoch
        count: the next epoch's loss carries them, as a new learning rate applies to the next epoch."""
        if self.model_spec.only_penalties_differ(spec):
            self.model_spec = spec
            self._evaluate()  # the shown losses include the penalty
            return
        self.model_spec = spec
        self._encode_data()
        self._build_model()

    def set_train_spec(self, spec: TrainSpec) -> None:
        """New training settings, keeping the weights and the epoch count.

        A new learning rate (or momentum) applies to the very next epoch and keeps
        the optimizer's state; another optimizer or dtype starts a fresh optimizer state.
        """
        old = self.train_spec
        self.train_spec = spec
        if spec.dtype != old.dtype:
            self.network = self.network.astype(spec.dtype)
            self._forget_good_weights()
            self._encode_data()
            self._grid_cache = None
        if (
            spec.optimizer != old.optimizer
            or spec.dtype != old.dtype
            or (spec.beta_1, spec.beta_2, spec.epsilon) != (old.beta_1, old.beta_2, old.epsilon)
        ):
            self._make_optimizer()
        else:
            self.optimizer.learning_rate = spec.learning_rate
            if hasattr(self.optimizer, "momentum") and self.optimizer.momentum:
                self.optimizer.momentum = spec.momentum
        self._publish(SettingsChanged(self))

    def set_learning_rate(self, learning_rate: float) -> None:
        """Shortcut for a new learning rate only, effective from the next epoch."""
        self.set_train_spec(replace(self.train_spec, learning_rate=float(learning_rate)))

    def training_state(self) -> dict[str, Any]:
        """Everything that decides the next epochs, as copies: params, optimizer
        state, shuffling RNG state, epoch, perceptron sample position, the units switched off.

        Restoring it (``restore_training_state``) on a session with the same data
        and specs continues bit for bit as if never interrupted: used by saved
        sessions and by the timeline's "branch from here".
        """
        return {
            "epoch": self.epoch,
            "params": self.network.params.copy(),
            "optimizer": self.optimizer.state(),
            "shuffle_rng": self._shuffle_rng.bit_generator.state,
            "sample_position": self._sample_position,
            "units_off": self._units_off,
        }

    def restore_training_state(self, state: dict[str, Any]) -> None:
        """Put back a ``training_state()`` (history is kept separately: see ``History``); of its units
        switched off, those this network's hidden layers have (a state without them: all on)."""
        self._units_off, _ = split_fitting(state.get("units_off", NONE_OFF), self.network.hidden_sizes)
        self.network.set_units_off(self._units_off)
        self.network.set_params(state["params"])
        self.optimizer.load_state(state["optimizer"])
        rng = np.random.default_rng()
        rng.bit_generator.state = state["shuffle_rng"]
        self._shuffle_rng = rng
        self.epoch = int(state["epoch"])
        self._sample_position = int(state.get("sample_position", 0))
        self.diverged, self.message = False, ""
        self._forget_good_weights()
        self._evaluate()
        self._publish(StateAdopted(self))

    # --- saved sessions (model.storage.session_files): the divergence-recovery bookkeeping
    def recovery_state(self) -> dict[str, Any]:
        """The last good weights, their epoch and the best loss so far (copies): what a
        divergence would rewind to. Saved sessions keep it so that even a divergence
        right after loading rewinds exactly as without the save (the timeline, which
        only branches, does without it)."""
        return {"good_params": self._good.copy(), "good_epoch": self._good_epoch, "best_loss": self._best_loss}

    def restore_recovery_state(self, state: dict[str, Any]) -> None:
        """Put back a ``recovery_state()``, after ``restore_training_state``."""
        good = np.asarray(state["good_params"])
        if good.shape != self.network.params.shape or good.dtype != self.network.params.dtype:
            raise ValueError(
                f"good_params must have shape {self.network.params.shape} and dtype {self.network.params.dtype}"
            )
        self._good = good.copy()
        self._good_epoch = int(state["good_epoch"])
        self._best_loss = float(state["best_loss"])

    def reset(self, seed: int | None = None) -> None:
        """Epoch 0 with fresh weights (drawn from a new seed if given)."""
        if seed is not None:
            self.seed = int(seed)
        self._build_model()

    # -- training --------------------------------------------------------------------------------
    def step(self, n_epochs: int = 1) -> StepResult:
        """Train ``n_epochs`` epochs (fewer if training diverges), then measure the scores.

        An epoch is one pass over the training set in mini-batches of
        ``train_spec.batch_size`` (all of it when None). If the loss or a weight
        becomes non-finite, the last good weights are restored (see
        ``_restore_last_good``), the optimizer state is cleared and the result says so.
        """
        if self._X_train.shape[0] == 0:
            self.message = "Add some points to train on."
            return StepResult(0, math.nan, False, self.message)
        self.diverged, self.message = False, ""
        params, loss, done, listeners = self.network.params, math.nan, 0, self._listeners
        if self._good.shape != params.shape or self._good.dtype != params.dtype:
            self._forget_good_weights()
        # A diverging run overflows on its way to inf: that is detected and reported
        # below, so NumPy's warnings would only be noise. After a divergence the restored
        # weights may still overflow the loss (to inf, which is what the scores then show):
        # already reported, so no warnings in the evaluation either. (One errstate for the
        # whole call: entering one costs ~1 µs, a few percent of a small epoch.)
        with np.errstate(over="ignore", invalid="ignore"):
            run_epoch = self._epoch_runner()
            for _ in range(int(n_epochs)):
                self._backup[...] = params
                loss = run_epoch()
                # Weights: one dot product (half the cost of a sum) is finite exactly when
                # every weight is, short of weights beyond ~1e19 (float32), diverged anyway.
                if not (math.isfinite(loss) and math.isfinite(np.dot(params, params))):
                    self._restore_last_good()
                    break
                if loss <= 10 * self._best_loss + 1:
                    # The weights this epoch started from had a sane loss: keep them as
                    # the last good ones (swap the two buffers, no copy).
                    self._good, self._backup = self._backup, self._good
                    self._good_epoch = self.epoch
                    if loss < self._best_loss:
                        self._best_loss = loss
                self.epoch += 1
                self.history.append_loss(loss)
                if listeners:
                    self._publish(EpochTrained(self, loss))
                done += 1
            self._evaluate()
        return StepResult(done, loss if done else math.nan, self.diverged, self.message)

    def _forget_good_weights(self) -> None:
        """Start tracking the last good weights afresh (new model, data or dtype)."""
        self._backup = self.network.params.copy()
        self._good = self.network.params.copy()
        self._good_epoch = self.epoch
        self._best_loss = math.inf

    def _restore_last_good(self) -> None:
        """After a non-finite loss or weight: go back to the last weights whose loss was
        finite and not exploding (at most 10x the best loss + 1), rewinding the epoch
        count and the history to that epoch, so a lower learning rate can carry on.

        Restoring merely the last *finite* weights would not do: when a loss explodes
        the weights grow geometrically, and those of the epoch before the overflow
        already overflow the loss.
        """
        np.copyto(self.network.params, self._good)
        self.optimizer.reset()
        self.epoch = self._good_epoch
        self.history.truncate(self._good_epoch)
        self.diverged = True
        lr = self.train_spec.learning_rate
        self.message = (
            f"Training diverged with learning rate {lr:g}: the loss became infinite. "
            f"The weights of epoch {self.epoch}, the last good ones, were restored; "
            f"try a learning rate of {lr / 10:g}."
        )
        self._publish(WentBack(self))

    def _full_batch(self) -> bool:
        size = self.train_spec.batch_size
        return size is None or size >= self._X_train.shape[0]

    def _epoch_order(self) -> np.ndarray | None:
        """The training set's order for one epoch's mini-batches: a fresh permutation from
        the session's shuffling generator, or None (in order) when shuffling is off."""
        return self._shuffle_rng.permutation(self._X_train.shape[0]) if self.train_spec.shuffle else None

    def _run_epoch(self) -> float:
        """One epoch; returns its training loss (measured before each update)."""
        return self._epoch_runner()()

    def _epoch_runner(self) -> Callable[[], float]:
        """A function running one epoch with the current model, data and settings
        (chosen once per ``step``: they only change between calls)."""
        spec, net, optimizer = self.model_spec, self.network, self.optimizer
        if spec.kind == "perceptron":
            return self._perceptron_epoch
        data, alpha, l1 = self._train_batch(), spec.alpha, spec.l1
        params, grads = net.params, net.grads
        if self._full_batch():

            def full_batch_epoch() -> float:
                loss = net.batch_loss_and_gradient(data, alpha, l1)
                optimizer.step(params, grads)
                return loss

            return full_batch_epoch

        size, n = self.train_spec.batch_size, data.n
        assert size is not None  # no batch size: the full-batch epoch above

        def mini_batch_epoch() -> float:
            # Shuffle once per epoch (one copy of each array); the mini-batches are then
            # slices of it, views, not one gathered copy each (~12 µs a batch saved).
            order = self._epoch_order()
            epoch_data = data if order is None else data.rows(order)
            total = 0.0
            for start in range(0, n, size):
                batch = epoch_data.rows(slice(start, start + size))
                total += net.batch_loss_and_gradient(batch, alpha, l1) * batch.n
                optimizer.step(params, grads)
            return total / n

        return mini_batch_epoch

    def next_update_rows(self) -> np.ndarray:
        """Indices into the training set of the samples the next epoch's first update uses: all of them in
        full-batch training, else the first mini-batch of the order that epoch will draw. The shuffling
        generator is put back where it was, so the epoch draws that very order (``model.inside.step_phases``)."""
        n = self._X_train.shape[0]
        if self._full_batch():
            return np.arange(n)
        size = self.train_spec.batch_size
        assert size is not None  # no batch size: full-batch training, above
        state = self._shuffle_rng.bit_generator.state
        order = self._epoch_order()
        self._shuffle_rng.bit_generator.state = state
        return (np.arange(n) if order is None else order)[:size]

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

    def _perceptron_epoch(self) -> float:
        layer = self.network.layers[0]
        n = self._X_train.shape[0]
        order = self._shuffle_rng.permutation(n) if self.train_spec.shuffle else range(n)
        perceptron_epoch(layer.W, layer.b, self._X_train, self._Y_train, self.train_spec.learning_rate, order)
        return self._perceptron_loss(self._X_train, self._Y_train)

    def _perceptron_loss(self, X: np.ndarray, targets: np.ndarray) -> float:
        layer = self.network.layers[0]
        return perceptron_loss(targets, X @ layer.W + layer.b) if X.shape[0] else math.nan

    def perceptron_sample_step(self, index: int | None = None) -> PerceptronUpdate | None:
        """Apply Rosenblatt's rule to one training sample (the next in turn by default).

        Returns the ``PerceptronUpdate`` (what moved, and by how much) for the
        perceptron lesson (None when there are no training samples). The epoch counter advances after a full pass.
        """
        if self.model_spec.kind != "perceptron":
            raise ValueError("sample-by-sample training is the perceptron's rule")
        n = self._X_train.shape[0]
        if n == 0:
            return None
        position = self._sample_position
        i = position % n if index is None else int(index)
        layer = self.network.layers[0]
        update = perceptron_update(
            layer.W, layer.b, self._X_train[i], self._Y_train[i], self.train_spec.learning_rate, index=i
        )
        self._sample_position = position + 1
        if self._sample_position % n == 0:
            self.epoch += 1
            self.history.append_loss(self._perceptron_loss(self._X_train, self._Y_train))
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
        if self.model_spec.kind == "perceptron":
            target = self._targets(np.array([int(label)]))
            before = self._perceptron_loss(Xe, target)
            layer = self.network.layers[0]
            perceptron_update(layer.W, layer.b, Xe[0], target[0], self.train_spec.learning_rate)
            after = self._perceptron_loss(Xe, target)
        else:
            labels = np.array([label], dtype=np.float64 if self.task == "regression" else np.int64)
            Y = self._targets(labels)
            net = self.network
            before = net.loss_and_gradient(Xe, Y)
            net.params -= self.train_spec.learning_rate * net.grads
            after = net.loss(Xe, Y)
        self._evaluate()
        self._publish(WeightsNudged(self))  # e.g. the timeline's moment of this epoch gets the new weights
        return float(before), float(after)

    # -- measuring -------------------------------------------------------------------------------
    def _loss_and_predictions(self, X: np.ndarray, Y: np.ndarray) -> tuple[float, np.ndarray]:
        """Loss (with penalties) and predicted labels/values for encoded X, Y."""
        if X.shape[0] == 0:
            return math.nan, np.empty(0)
        spec, net = self.model_spec, self.network
        if spec.kind == "perceptron":
            scores = X @ net.layers[0].W + net.layers[0].b
            return perceptron_loss(Y, scores), self._decide(scores, from_scores=True)
        loss = net.loss(X, Y, spec.alpha, spec.l1)
        return loss, self._decide(net.layers[-1].a)

    def _decide(self, output: np.ndarray, from_scores: bool = False) -> np.ndarray:
        """Labels (classification) or values (regression) from the network's output."""
        if self.task == "regression":
            return output[:, 0].astype(np.float64)
        if output.shape[1] == 1:
            threshold = 0.0 if from_scores else 0.5
            return (output[:, 0] >= threshold).astype(np.int64)
        return output.argmax(axis=1)

    def _score(self, predicted: np.ndarray, y: np.ndarray) -> float:
        return _r2(predicted, y) if self.task == "regression" else _accuracy(predicted, y)

    def _evaluate(self) -> None:
        train_loss, train_pred = self._loss_and_predictions(self._X_train, self._Y_train)
        test_loss, test_pred = self._loss_and_predictions(self._X_test, self._Y_test)
        train_score = self._score(train_pred, self._y_train)
        test_score = self._score(test_pred, self._y_test)
        self._last_eval = (train_loss, test_loss, train_score, test_score)
        self.history.record_evaluation(test_loss, train_score, test_score)

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
            layer = self.network.layers[0]
            return self._decide(Xe @ layer.W + layer.b, from_scores=True)
        return self._decide(self.network.forward(Xe))

    def predict_output(self, X: npt.ArrayLike) -> np.ndarray:
        """What the boundary shows for raw X: P(class 1) (n,), class probabilities (n, K),
        or values (n,). The perceptron gives hard 0/1 decisions (it has no probabilities)."""
        Xe = self._inputs(np.asarray(X, dtype=np.float64).reshape(-1, self.dataset.n_features))
        return self._display_output(Xe)

    def _display_output(self, Xe: np.ndarray, X1: np.ndarray | None = None) -> np.ndarray:
        """What the boundary shows for encoded inputs Xe (or X1 = [Xe 1], when kept: a grid)."""
        if self.model_spec.kind == "perceptron":
            layer = self.network.layers[0]
            scores = Xe @ layer.W + layer.b
            if scores.shape[1] == 1:
                return (scores[:, 0] >= 0).astype(np.float32)
            return (scores.argmax(axis=1)[:, None] == np.arange(scores.shape[1])).astype(np.float32)
        out = self.network.forward(Xe) if X1 is None else self.network.forward_with_ones(X1)
        # A diverged float64 regression can predict beyond float32's range: shown as ±inf, silently.
        with np.errstate(over="ignore"):
            return (out[:, 0] if out.shape[1] == 1 else out).astype(np.float32)

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
        ds = self.dataset
        key = (
            tuple(float(b) for b in bounds),
            size,
            self.model_spec.features,
            self.dtype.str,
            ds.n_features,
            ds.view_plane,
        )
        if self._grid_cache is None or self._grid_cache[0] != key:
            xmin, xmax, ymin, ymax = key[0]
            xs = xmin + (np.arange(size) + 0.5) * (xmax - xmin) / size
            if ds.n_features == 1:
                points = xs[:, None]
            else:
                ys = ymin + (np.arange(size) + 0.5) * (ymax - ymin) / size
                gx, gy = np.meshgrid(xs, ys)
                points = np.column_stack([gx.ravel(), gy.ravel()])
                frame = ds.plane_frame()
                if frame is not None:
                    points = frame.lift(points)
            X1 = with_ones(self._inputs(points))
            self._grid_cache = (key, X1[:, :-1], X1)
        _, Xe, X1 = self._grid_cache
        values = self._display_output(Xe, X1)
        if ds.n_features == 1:
            return values.reshape(size)
        return values.reshape((size, size) + values.shape[1:])

    def snapshot(self, grid_bounds: Sequence[float] | None = None, grid_size: int = 0) -> Snapshot:
        """An immutable copy of this moment, optionally with the grid over ``grid_bounds``."""
        grid = None
        if grid_bounds is not None and grid_size > 0:
            grid = self.evaluate_grid(grid_bounds, grid_size)
        predictions = self.predict(self.dataset.X) if self.dataset.n_samples else np.empty(0)
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
        )


def _only_plane_differs(old: Dataset, new: Dataset) -> bool:
    """True when ``new`` is ``old``'s data on another view plane (nothing the model learns from changed)."""
    if old is new or old.view_plane is None or new.view_plane is None or old.view_plane == new.view_plane:
        return False
    return new.with_view_plane(old.view_plane).same_as(old)


def _four(bounds: Sequence[float]) -> tuple[float, float, float, float]:
    """(xmin, xmax, ymin, ymax) as floats."""
    xmin, xmax, ymin, ymax = (float(b) for b in bounds)
    return (xmin, xmax, ymin, ymax)
