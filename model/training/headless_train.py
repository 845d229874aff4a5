"""Train a session without a window and write what it learned: the Qt-free half of ``main.py train``.

    outcome = train(session, epochs, eval_every=1, on_progress=callback)
    paths = write_results(session, "runs/moons")   # model.npz, session.npz, history.csv, summary.json

The PNGs of the boundary and the curves come from ``gui.plot.render`` (Qt, offscreen);
the command line itself lives in ``headless.py`` at the root.

Determinism: training depends only on the data, the specs and the seed (see
``model.training.session``). The evaluated columns of the history (test loss, scores)
are measured at the end of every ``TrainingSession.step`` call, so ``train``
steps in fixed chunks of ``eval_every`` epochs, never in chunks that depend on
the clock: the same flags write the same bytes. Every file is written with
fixed contents (no dates, no paths, sorted JSON keys).

Files (``write_results``, session.npz first: the work, kept even if a later file cannot be written):

    model.npz      the session's network as a scikit-learn compatible estimator of
                   ``model.nn.estimators`` (``model.storage.model_files.load_model`` opens it).
                   It takes the network's inputs: x1, x2 and then the extra
                   features, if any (``summary.json`` lists them as "model_inputs").
                   Classes are the indices 0..K-1 (names in ``summary.json``).
    session.npz    ``model.storage.session_files.save_session``: open it in the app, or continue
                   with ``main.py train --session``, bit for bit.
    history.csv    epoch,train_loss,test_loss,train_score,test_score: one row per epoch,
                   numbers written to round-trip exactly ("nan" where there is no test set).
                   Scores are accuracies (classification) or R² (regression).
    summary.json   settings, the final losses and scores, the model's inputs, the name of what it predicts
                   (the label column's, "" for none) and the class names.

Pure Python + NumPy (+ scikit-learn for the estimator's label binarizer): never imports Qt.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from model.nn.optimizers import make_optimizer
from model.storage.atomic_files import atomic_write
from model.training.session import TrainingSession
from model.training.stop_rules import LearningWatch, divergence_watched

if TYPE_CHECKING:
    from model.nn.estimators import LogisticRegression, MLPClassifier, MLPRegressor, Perceptron
    from model.storage.session_members import SavedMember

MODEL_FILE = "model.npz"
SESSION_FILE = "session.npz"
HISTORY_FILE = "history.csv"
SUMMARY_FILE = "summary.json"
HISTORY_COLUMNS = ("epoch", "train_loss", "test_loss", "train_score", "test_score")


@dataclass(frozen=True)
class TrainOutcome:
    """What ``train`` did.

    epochs_run : int, epochs trained by this call
    diverged : bool, training stopped early because the loss became infinite (the session
        restored its last good weights; ``message`` says which) or grew far beyond the lowest it
        had reached while staying a number (``model.training.stop_rules``, the rule by which the
        window pauses: nothing to restore, the session keeps the weights it stopped at)
    message : str, "" when all went well
    """

    epochs_run: int
    diverged: bool = False
    message: str = ""


def train(
    session: TrainingSession,
    epochs: int,
    eval_every: int = 1,
    on_progress: Callable[[int, int, float], None] | None = None,
) -> TrainOutcome:
    """Train ``session`` for ``epochs`` more epochs, in chunks of ``eval_every`` epochs.

    The test loss and the scores are measured after every chunk and only then
    (``eval_every`` is the person's choice of how often, against how fast: the
    window's schedule within a chunk, ``model.training.measured_epochs``, is off
    here), so with ``eval_every=1`` the history holds them for every epoch, and
    otherwise NaN at the epochs between (``nan`` in ``history.csv``).
    ``on_progress(done, epochs, loss)`` is called after every chunk with the
    training loss of the last epoch; it must not touch the session.
    Stops early on divergence (the window's rule, read after every chunk) or when there is
    nothing to train on.
    """
    epochs, eval_every = int(epochs), max(1, int(eval_every))
    watch = LearningWatch(plateau=False, overfitting=False, divergence=divergence_watched(session.model_spec.kind))
    first = session.history.column("train_loss")
    start_loss = float(first[0]) if first.size else None  # a session opened from a file: its run's start
    if epochs:
        watch.observe(session.epoch, session.train_loss, start_loss=start_loss)
    measures_within, session.measures_within_chunks = session.measures_within_chunks, False
    try:
        return _train_chunks(session, epochs, eval_every, on_progress, watch)
    finally:
        session.measures_within_chunks = measures_within


def _train_chunks(
    session: TrainingSession,
    epochs: int,
    eval_every: int,
    on_progress: Callable[[int, int, float], None] | None,
    watch: LearningWatch,
) -> TrainOutcome:
    """``train``'s loop: ``epochs`` more epochs in chunks of ``eval_every``, stopped early as ``train`` says."""
    done = 0
    while done < epochs:
        result = session.step(min(eval_every, epochs - done))
        done += result.epochs_run
        if on_progress is not None and result.epochs_run:
            on_progress(done, epochs, result.loss)
        if result.diverged:
            return TrainOutcome(done, True, result.message)
        if result.epochs_run == 0:
            return TrainOutcome(done, False, result.message or "nothing to train on")
        verdict = watch.observe(session.epoch, session.train_loss)
        if verdict is not None and verdict.kind == "diverging":
            rate = session.train_spec.learning_rate
            return TrainOutcome(
                done,
                True,
                f"Training diverged with learning rate {rate:g}: {verdict.message}, still a number but no longer "
                f"learning. Stopped at epoch {session.epoch:,} (the files hold its weights); try a learning rate of "
                f"{rate / 10:g}.",
            )
    return TrainOutcome(done)


# ------------------------------------------------------------------------------------------ history
def _number(value: float) -> str:
    """A float written to round-trip exactly ('nan', 'inf' for the non-finite)."""
    return repr(float(value))


def history_csv_text(session: TrainingSession) -> str:
    """The session's whole history as CSV: a header, then one row per epoch."""
    history = session.history.arrays()
    lines = [",".join(HISTORY_COLUMNS)]
    columns = [history[name].tolist() for name in HISTORY_COLUMNS[1:]]
    for i, epoch in enumerate(history["epoch"].tolist()):
        lines.append(",".join([str(int(epoch))] + [_number(column[i]) for column in columns]))
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------------ model
def estimator_from_session(session: TrainingSession) -> Perceptron | LogisticRegression | MLPClassifier | MLPRegressor:
    """A fitted ``model.nn.estimators`` estimator holding a copy of the session's network.

    Perceptron, LogisticRegression or MLPClassifier for classification,
    MLPRegressor for regression (a "logistic" model of regression data is a
    linear regression: an MLPRegressor without hidden layers). The estimator's
    parameters mirror the session's settings (so ``partial_fit`` continues
    with the same optimizer, whose state is copied too, though with
    scikit-learn's shuffling, not the session's) and ``loss_curve_`` is the
    session's training-loss history. Its inputs are the network's inputs
    (x1, x2, then the extra features); classes are 0..K-1.
    """
    from sklearn.preprocessing import LabelBinarizer

    from model.nn.estimators import LogisticRegression, MLPClassifier, MLPRegressor, Perceptron

    spec, t = session.model_spec, session.train_spec
    network = session.network.astype(session.network.dtype)  # a copy, with its own buffers
    n_train = int(session.dataset.n_train)
    epochs = int(session.epoch)
    common: dict[str, Any] = dict(
        max_iter=max(1, epochs), shuffle=bool(t.shuffle), random_state=int(session.seed), dtype=t.dtype
    )
    if spec.kind == "perceptron":
        if session.task != "classification":
            raise ValueError("a perceptron classifies: it cannot be saved for regression data")
        estimator: Perceptron | LogisticRegression | MLPClassifier | MLPRegressor = Perceptron(
            eta0=float(t.learning_rate), **common
        )
    else:
        optimizer: dict[str, Any] = dict(
            solver="adam" if t.optimizer == "adam" else "sgd",
            alpha=float(spec.alpha),
            l1=float(spec.l1),
            batch_size="auto" if t.batch_size is None else int(t.batch_size),
            learning_rate_init=float(t.learning_rate),
            momentum=float(t.momentum) if t.optimizer in ("momentum", "nesterov") else 0.0,
            nesterovs_momentum=t.optimizer == "nesterov",
            beta_1=float(t.beta_1),
            beta_2=float(t.beta_2),
            epsilon=float(t.epsilon),
            **common,
        )
        if t.batch_size is None:
            optimizer["batch_size"] = max(1, n_train)  # the session's full batch
        activation = spec.activation if isinstance(spec.activation, str) else tuple(spec.activation)
        mlp: dict[str, Any] = dict(
            hidden_layer_sizes=tuple(spec.hidden), activation=activation, weight_init=spec.weight_init
        )
        if session.task == "regression":
            if spec.kind != "mlp":
                mlp = dict(hidden_layer_sizes=(), activation="identity", weight_init=spec.weight_init)
            estimator = MLPRegressor(**mlp, **optimizer)
        elif spec.kind == "logistic":
            estimator = LogisticRegression(**optimizer)
        else:
            estimator = MLPClassifier(**mlp, **optimizer)

    losses = [float(v) for v in session.history.column("train_loss")]
    estimator.network_ = network
    estimator.n_features_in_ = int(network.n_inputs)
    estimator.loss_curve_ = losses
    estimator.loss_ = losses[-1] if losses else math.nan
    estimator.best_loss_ = min(losses) if losses else math.inf
    estimator._no_improvement_count = 0
    estimator.n_iter_ = epochs
    estimator.t_ = epochs * n_train
    if session.task == "classification":
        binarizer = LabelBinarizer().fit(np.arange(max(2, session.dataset.n_classes)))
        estimator._label_binarizer, estimator.classes_ = binarizer, binarizer.classes_
    if spec.kind == "perceptron":
        estimator._optimizer = None
    else:
        t_opt = make_optimizer(t.optimizer, t.learning_rate, t.momentum, t.beta_1, t.beta_2, t.epsilon)
        t_opt.load_state(session.optimizer.state())
        estimator._optimizer = t_opt
        estimator.n_outputs_ = int(network.n_outputs)
        estimator.n_layers_ = len(network.layer_sizes)
        estimator.out_activation_ = network.head.output_activation
    return estimator


# ------------------------------------------------------------------------------------------ summary
def _json_float(value: float) -> float | None:
    number = float(value)
    return number if math.isfinite(number) else None


def summary(
    session: TrainingSession,
    source: dict[str, Any] | None = None,
    outcome: TrainOutcome | None = None,
    members: Sequence[SavedMember] = (),
) -> dict[str, Any]:
    """A JSON-able description of the run: settings, final numbers, inputs and classes.

    ``source`` says where the data came from (e.g. {"dataset": "moons", "n_samples": 200}); ``members``, the
    models compared beside the main one in a session file continued here, are listed as not trained (with the
    epoch they stay at).
    """
    ds = session.dataset
    untrained = {"compared_models_not_trained": [{"name": m.name, "epoch": m.epoch} for m in members]}
    return {
        **(untrained if members else {}),
        "data": {
            **(source or {}),
            "task": ds.task,
            "n_samples": int(ds.n_samples),
            "n_train": int(ds.n_train),
            "n_test": int(ds.n_test),
            "class_names": list(ds.class_names) if ds.task == "classification" else [],
            "target_name": ds.target_name,  # the label column's name in a CSV file's header ("" for none)
        },
        "model": session.model_spec.to_dict(),
        "model_description": session.model_spec.describe(),
        "model_inputs": _input_names(ds.feature_names, session.model_spec.features),
        "layer_sizes": list(session.network.layer_sizes),
        "training": session.train_spec.to_dict(),
        "seed": int(session.seed),
        "epoch": int(session.epoch),
        "final": {
            "train_loss": _json_float(session.train_loss),
            "test_loss": _json_float(session.test_loss),
            "train_score": _json_float(session.train_score),
            "test_score": _json_float(session.test_score),
            "score": "accuracy" if ds.task == "classification" else "r2",
        },
        "diverged": bool(outcome.diverged) if outcome is not None else bool(session.diverged),
        "message": (outcome.message if outcome is not None else session.message) or "",
    }


def _input_names(raw: Sequence[str], features: Sequence[str]) -> list[str]:
    """The network's inputs: the data's feature names (x1[, x2] for drawn data, "pixel_0_0" ... for the
    digits), then the extra inputs' names in plain ASCII (e.g. "x1^2")."""
    return list(raw) + list(features)


# ------------------------------------------------------------------------------------------ files
def _write_text(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    atomic_write(path, lambda f: f.write(data))


def untrained_note(members: Sequence[SavedMember]) -> str:
    """What the headless trainer says of the compared models of a session file it continues: it trains the main
    model only, and keeps them as they were."""
    names = ", ".join(f"\u201c{m.name}\u201d at epoch {m.epoch:,}" for m in members)
    many = len(members) > 1
    return (
        f"the session also holds {len(members)} compared model{'s' if many else ''}, {names}: only the main "
        f"model trains here; {'they are' if many else 'it is'} written back to session.npz as saved"
    )


def write_results(
    session: TrainingSession,
    out_dir: str | os.PathLike[str],
    source: dict[str, Any] | None = None,
    outcome: TrainOutcome | None = None,
    members: Sequence[SavedMember] = (),
    run_name: str = "",
    view: dict[str, Any] | None = None,
) -> list[Path]:
    """Write model.npz, session.npz, history.csv and summary.json into ``out_dir`` (created).

    ``members``: the compared models of a session file continued here, untrained, written back into session.npz
    as they were (nothing the person did in the app is lost) and listed in summary.json; ``run_name``: the name
    of its main model's run, which goes on here, kept in session.npz too ("" for none); ``view``: the app's view
    settings of that file (plot range, panels, stop rules, pace), kept so that it reopens as it was left.
    Returns the paths written, in that order. Each file is written atomically, session.npz first: it holds the
    work (the training done), which a failure writing another must not lose.
    """
    from model.storage.model_files import save_model
    from model.storage.session_files import save_session

    out = Path(out_dir)
    os.makedirs(out, exist_ok=True)
    paths = [out / MODEL_FILE, out / SESSION_FILE, out / HISTORY_FILE, out / SUMMARY_FILE]
    save_session(session, paths[1], view, members=tuple(members), run_name=run_name)  # the work, first
    save_model(estimator_from_session(session), paths[0])
    _write_text(paths[2], history_csv_text(session))
    _write_text(
        paths[3],
        json.dumps(summary(session, source, outcome, members), indent=2, sort_keys=True, ensure_ascii=False) + "\n",
    )
    return paths


__all__ = [
    "HISTORY_FILE",
    "MODEL_FILE",
    "SESSION_FILE",
    "SUMMARY_FILE",
    "TrainOutcome",
    "estimator_from_session",
    "history_csv_text",
    "summary",
    "train",
    "untrained_note",
    "write_results",
]
