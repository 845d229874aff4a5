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

Its parts, each in a file of its own: the encoded data (``session_data``), what it measures and shows
(``session_measures``, with ``scores`` and ``boundary_grid``), its events (``session_events``), one epoch of
training (``epoch_runners``) and the last good weights a divergence goes back to (``last_good``). Here: building
the network and the optimizer, the changes made while training, adopting a saved state, and stepping.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import numpy as np

from model.data.dataset import Dataset
from model.nn.network import Network
from model.nn.optimizers import make_optimizer
from model.nn.units_off import NONE_OFF, UnitsOff, names, split_fitting
from model.training.boundary_grid import GridInputs
from model.training.contract import (
    DataChanged,
    EpochTrained,
    RunStarted,
    SettingsChanged,
    StateAdopted,
    StepResult,
    WentBack,
)
from model.training.epoch_runners import EpochRunner, PerceptronRulePasses, first_update_rows, gradient_epoch
from model.training.history import History
from model.training.in_process import InProcess
from model.training.last_good import EXPLODING_FACTOR, LastGoodWeights, divergence_message
from model.training.measured_epochs import next_measured
from model.training.pass_under_way import PassUnderWay
from model.training.single_updates import SingleUpdates
from model.training.specs import ModelSpec, TrainSpec


class TrainingSession(SingleUpdates, InProcess):
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
    #: Whether ``step`` measures the test loss and scores within a chunk too, at the epochs
    #: ``model.training.measured_epochs`` names (else only after its last epoch). Off only where training speed
    #: alone is timed against libraries that measure nothing while they train (``bench``).
    measures_within_chunks = True

    # The weights of the last good epoch (divergence recovery): made with the network.
    _last_good: LastGoodWeights

    def __init__(
        self, dataset: Dataset, model_spec: ModelSpec | None = None, train_spec: TrainSpec | None = None, seed: int = 0
    ):
        super().__init__()
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
        self._last_labels = None
        self._grid = GridInputs()
        self._prepared = None
        self._pass = PassUnderWay()  # the perceptron's epoch under way, when one stopped partway
        self._units_off: UnitsOff = NONE_OFF
        self._encode_data()
        self._build_model()

    # -- what the worker sees (model.training.contract.Trainable; the rest: ``InProcess``) ---------------------
    @property
    def primary(self) -> TrainingSession:
        """The session a file saves: itself (a ``SessionGroup``'s is its first model)."""
        return self

    # -- construction ----------------------------------------------------------------------------
    def _build_model(self) -> None:
        """Fresh network (weights drawn from the seed, or zero: ``ModelSpec.starts_at_zero``), optimizer and RNG,
        epoch 0."""
        spec = self.model_spec
        self.network = Network(self._layer_sizes(), spec.hidden_activations, self.task, self.dtype)
        init_rng = np.random.default_rng(self.seed)
        if spec.starts_at_zero:
            # Rosenblatt starts from zero weights (the rule's result does not depend on scale); logistic
            # regression's loss is convex, so it starts there too, as scikit-learn and model.nn's estimator do:
            # p = 0.5 everywhere, a plainly untrained plane whose line appears as it learns.
            self.network.params[...] = 0
        else:
            self.network.init_weights(init_rng, spec.weight_init)
        # The weights this run started from (model.storage.script_export)
        self.initial_params = self.network.params.copy()
        self._shuffle_rng = np.random.default_rng([self.seed, 1])
        self._make_optimizer()
        self.epoch = 0
        self._pass.ended()
        self._forget_good_weights()
        self.history.clear()
        self.diverged = False
        self.message = ""
        self._grid.clear()
        self._keep_fitting_units_off()
        self._evaluate()
        self._publish(RunStarted(self))

    @property
    def grid_inputs(self) -> GridInputs:
        """The boundary grid's encoded inputs, as the last snapshot made them (see ``share_grid_inputs``)."""
        return self._grid

    def share_grid_inputs(self, grid: GridInputs) -> None:
        """Encode the boundary grid into ``grid`` instead of a cache of its own: one kept by whoever makes many
        short-lived sessions on the same data (the timeline's moments), so the grid's inputs are made once."""
        self._grid = grid

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
            self._grid.clear()
            return
        old_sizes, old_task = self._layer_sizes(), self.task
        self.dataset = dataset
        self._pass.ended()  # its order was of the old points
        self.data_version = self.data_version + 1 if version is None else int(version)
        self._encode_data()
        self._grid.clear()
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
            self._grid.clear()
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
        state, shuffling RNG state, epoch, the perceptron's position in an epoch under way (the shuffling state is
        then the one from before that epoch drew its order: ``model.training.pass_under_way``), the units
        switched off.

        Restoring it (``restore_training_state``) on a session with the same data
        and specs continues bit for bit as if never interrupted: used by saved
        sessions and by the timeline's "branch from here".
        """
        return {
            "epoch": self.epoch,
            "params": self.network.params.copy(),
            "optimizer": self.optimizer.state(),
            "shuffle_rng": self._pass.rng_state(self._shuffle_rng),
            "sample_position": self._pass.position,
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
        self._pass.restored(int(state.get("sample_position", 0)), self._X_train.shape[0])
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
        return self._last_good.state()

    def restore_recovery_state(self, state: dict[str, Any]) -> None:
        """Put back a ``recovery_state()``, after ``restore_training_state``."""
        self._last_good.load_state(state, self.network.params)

    def reset(self, seed: int | None = None) -> None:
        """Epoch 0 with fresh weights (drawn from a new seed if given)."""
        if seed is not None:
            self.seed = int(seed)
        self._build_model()

    # -- training --------------------------------------------------------------------------------
    def step(self, n_epochs: int = 1, max_updates: int | None = None) -> StepResult:
        """Train ``n_epochs`` epochs (fewer if training diverges), then measure the scores; the epochs
        ``model.training.measured_epochs`` names within them are measured too (the history's other epochs hold
        only their training loss).

        The perceptron can stop within an epoch: with ``max_updates`` it stops at the sample that would make
        correction ``max_updates + 1`` (0: before the next correction), and the next call goes on from there; an
        epoch it stopped in counts among ``n_epochs`` when it ends (``model.training.pass_under_way``). The result
        counts the perceptron's corrections; its loss is the last whole epoch's. The history gets a row for each
        whole epoch only. The gradient models train whole epochs (``max_updates`` does not apply).

        An epoch is one pass over the training set in mini-batches of
        ``train_spec.batch_size`` (all of it when None: ``model.training.epoch_runners``). If the loss or a
        weight becomes non-finite, the last good weights are restored (``model.training.last_good``), the
        optimizer state is cleared and the result says so.
        """
        if self._X_train.shape[0] == 0:
            self.message = "Add some points to train on."
            return StepResult(0, math.nan, False, self.message)
        self.diverged, self.message = False, ""
        params, loss, done, listeners = self.network.params, math.nan, 0, self._listeners
        if not self._last_good.fits(params):
            self._forget_good_weights()
        last_good, exploding = self._last_good, EXPLODING_FACTOR
        # A diverging run overflows on its way to inf: that is detected and reported
        # below, so NumPy's warnings would only be noise. After a divergence the restored
        # weights may still overflow the loss (to inf, which is what the scores then show):
        # already reported, so no warnings in the evaluation either. (One errstate for the
        # whole call: entering one costs ~1 µs, a few percent of a small epoch.)
        with np.errstate(over="ignore", invalid="ignore"):
            run_epoch = self._epoch_runner(max_updates)
            passes = self._pass
            # the one runner that may stop within an epoch
            rule = run_epoch if isinstance(run_epoch, PerceptronRulePasses) else None
            # The test loss and scores of the epochs the schedule names are measured within the chunk too: its
            # last epoch is measured below in any case.
            measure_at = next_measured(self.epoch) if self.measures_within_chunks else -1
            last = self.epoch + int(n_epochs)
            for _ in range(int(n_epochs)):
                last_good.backup[...] = params
                epoch_loss = run_epoch()
                if rule is not None and passes.under_way:  # stopped within it: no room for more corrections
                    break
                loss = epoch_loss
                # Weights: one dot product (half the cost of a sum) is finite exactly when
                # every weight is, short of weights beyond ~1e19 (float32), diverged anyway.
                if not (math.isfinite(loss) and math.isfinite(np.dot(params, params))):
                    self._restore_last_good()
                    break
                if loss <= exploding * last_good.best_loss + 1:
                    # The weights this epoch started from had a sane loss: keep them as
                    # the last good ones (swap the two buffers, no copy).
                    last_good.good, last_good.backup = last_good.backup, last_good.good
                    last_good.epoch = self.epoch
                    if loss < last_good.best_loss:
                        last_good.best_loss = loss
                self.epoch += 1
                self.history.append_loss(loss)
                if self.epoch == measure_at:
                    if self.epoch < last:
                        self._measure_within_chunk()
                    measure_at = next_measured(self.epoch)
                if listeners:
                    self._publish(EpochTrained(self, loss))
                done += 1
            self._evaluate()
        corrections = None if rule is None else rule.updates
        return StepResult(done, loss if done else math.nan, self.diverged, self.message, corrections)

    def _forget_good_weights(self) -> None:
        """Start tracking the last good weights afresh (new model, data or dtype)."""
        self._last_good = LastGoodWeights(self.network.params, self.epoch)

    def _restore_last_good(self) -> None:
        """After a non-finite loss or weight: back to the last good weights (``model.training.last_good``),
        the epoch count and the history rewound to their epoch."""
        np.copyto(self.network.params, self._last_good.good)
        self.optimizer.reset()
        self.epoch = self._last_good.epoch
        self.history.truncate(self.epoch)
        self.diverged = True
        self.message = divergence_message(self.train_spec.learning_rate, self.epoch)
        self._publish(WentBack(self))

    def _epoch_runner(self, max_updates: int | None = None) -> EpochRunner:
        """A function running one epoch with the current model, data and settings (chosen once per ``step``:
        they only change between calls); the perceptron's stops within the epoch after ``max_updates``
        corrections."""
        spec, t = self.model_spec, self.train_spec
        if spec.kind == "perceptron":
            return PerceptronRulePasses(
                self.network,
                self._X_train,
                self._Y_train,
                t.learning_rate,
                t.shuffle,
                self._shuffle_rng,
                self._pass,
                max_updates,
            )
        return gradient_epoch(
            self.network,
            self.optimizer,
            self._train_batch(),
            spec.alpha,
            spec.l1,
            t.batch_size,
            t.shuffle,
            self._shuffle_rng,
        )

    def next_update_rows(self) -> np.ndarray:
        """Indices into the training set of the samples the next epoch's first update uses (the epoch then
        draws that very order: ``model.inside.step_phases``)."""
        t = self.train_spec
        return first_update_rows(self._shuffle_rng, self._X_train.shape[0], t.batch_size, t.shuffle)


def _only_plane_differs(old: Dataset, new: Dataset) -> bool:
    """True when ``new`` is ``old``'s data on another view plane (nothing the model learns from changed)."""
    if old is new or old.view_plane is None or new.view_plane is None or old.view_plane == new.view_plane:
        return False
    if old.n_features != new.n_features:  # other data; old's plane may not fit it (breast cancer's 20th of wine's 13)
        return False
    return new.with_view_plane(old.view_plane).same_as(old)
