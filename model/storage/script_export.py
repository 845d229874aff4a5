"""Export a training session as a standalone Python script that needs only NumPy.

    export_script(session, "experiment.py")
    text = script_text(session)                 # the same, as a string

The script rebuilds the experiment and trains it as the app does, from the
session's *initial* weights: the training and test points embedded as literal
arrays (the app's split; a real data set such as the digits is loaded through
scikit-learn instead, scaled and split as the app did, ``model.storage.script_data``),
the network's layer sizes, activations and output
head, its initial weights, the optimizer (SGD, momentum, Nesterov or Adam with
the app's update formulas, see ``model.nn.optimizers``) or Rosenblatt's rule for
the perceptron, the L2/L1 penalties and the mini-batches, shuffled by the
same NumPy generator as the session's (``np.random.default_rng([seed, 1])``,
see ``TrainingSession._epoch_order``). Running it for the session's number of
epochs prints the session's training loss (``session.train_loss``; to
rounding, ~1e-12 relative in float64) provided the settings did not change
while the session trained (a learning rate changed mid-run, points edited, a
timeline branch are not replayed: the script runs the *current* settings from
epoch 0). It prints the loss every ``print_every`` epochs and, at the end,
``final train loss: <repr>``, the test loss and the accuracy (R²).

Hidden units switched off in the session are off in the script from epoch 0: a
mask multiplied after their activation, their incoming weights not penalised (a
unit switched off mid-run is, like other mid-run changes, not replayed).

The arithmetic follows the core operation by operation (the activations
through their outputs, the clipped cross-entropy, a flat parameter vector, the
penalties on the weights only), in the
session's dtype. Numbers are written so they read back exactly (float32
weights as the float64 literals of their values).

Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import numpy as np

from model.storage.atomic_files import FilePath, atomic_write
from model.storage.script_data import input_names_text, name_in_code, real_data_lines, text_in_code
from model.storage.script_literals import _data_literals, _float
from model.storage.script_training_code import _network_part, _perceptron_part

if TYPE_CHECKING:
    from model.training.session import TrainingSession

#: Python for each extra input feature of ``model.nn.features`` (X: the raw inputs).
FEATURE_CODE = {
    "x1^2": "X[:, 0] * X[:, 0]",
    "x2^2": "X[:, 1] * X[:, 1]",
    "x1*x2": "X[:, 0] * X[:, 1]",
    "sin_x1": "np.sin(X[:, 0])",
    "sin_x2": "np.sin(X[:, 1])",
}

DEFAULT_EPOCHS = 1000  # for a session that has not trained yet


# ------------------------------------------------------------------------------------ the script
def script_text(
    session: TrainingSession, epochs: int | None = None, print_every: int | None = None, title: str | None = None
) -> str:
    """The standalone script for ``session`` (see the module docstring) as a string.

    epochs : epochs the script trains (default: ``session.epoch``, or 1000 if it is 0)
    print_every : print the loss every this many epochs (default: about ten lines)
    title : a few words on the data for the script's docstring (e.g. "moons")
    """
    spec, t, ds = session.model_spec, session.train_spec, session.dataset
    perceptron = spec.kind == "perceptron"
    if perceptron and ds.task != "classification":
        raise ValueError("a perceptron classifies: it cannot train on regression data")
    for name in spec.features:
        if name not in FEATURE_CODE:
            raise ValueError(f"cannot export the input feature {name!r}")
    trained = int(session.epoch)
    epochs = (trained or DEFAULT_EPOCHS) if epochs is None else int(epochs)
    if print_every is None:
        print_every = max(1, epochs // 10)
    network = session.network
    sizes = list(network.layer_sizes)
    initial = getattr(session, "initial_params", None)
    if initial is None or initial.shape != network.params.shape:
        initial = _initial_params(session)
    initial = np.asarray(initial).astype(network.dtype)
    n_weights = int(network.n_weights)
    n_classes = int(ds.n_classes) if ds.task == "classification" else 1
    head = "perceptron" if perceptron else network.head.name  # binary | softmax | regression
    real_data = real_data_lines(ds)  # a real data set: scikit-learn loads it instead of literals

    out: list[str] = []
    w = out.append
    # ---- header
    what = (
        text_in_code(title) if title else ("regression data" if ds.task == "regression" else f"{n_classes}-class data")
    )
    w("#!/usr/bin/env python3")
    w(f'"""{spec.describe()} ({"-".join(map(str, sizes))}) trained on {what}: a Neural Playground experiment.')
    w("")
    needs = "Needs NumPy, and scikit-learn for the data." if real_data is not None else "Needs only NumPy."
    w(needs + " Run:  python " + "this_file.py")
    w("")
    w("It rebuilds the experiment as the app ran it: the same training and test points, the")
    w(
        "same "
        + (
            "perceptron, starting from zero weights, and Rosenblatt's rule"
            if perceptron
            else "network and initial weights, the same mini-batches and updates"
        )
        + ", shuffled by"
    )
    w("the same NumPy generator, default_rng([SEED, 1]). It prints the training loss every")
    w(
        "PRINT_EVERY epochs, then the final training loss"
        + (f": the app's, after {trained:,} epochs, was" if trained else ".")
        + (f"\n{_float(session.train_loss)} (when its settings did not change while it trained)." if trained else "")
    )
    w('"""')
    w("import numpy as np")
    w("")
    # ---- settings
    w("# ---------------------------------------------------------------------------- settings")
    w(f"DTYPE = np.{np.dtype(t.dtype).name}   # the precision the app trained in")
    w(f"EPOCHS = {epochs}")
    w(f"PRINT_EVERY = {int(print_every)}")
    w(f"SEED = {int(session.seed)}   # seeds the shuffling (the initial weights are below)")
    w(f"LEARNING_RATE = {_float(t.learning_rate)}")
    if not perceptron:
        w(f"OPTIMIZER = {t.optimizer!r}   # the update rule, written out below")
        if t.optimizer in ("momentum", "nesterov"):
            w(f"MOMENTUM = {_float(t.momentum)}")
        if t.optimizer == "adam":
            w(f"BETA_1, BETA_2, EPSILON = {_float(t.beta_1)}, {_float(t.beta_2)}, {_float(t.epsilon)}")
        w(f"BATCH_SIZE = {t.batch_size!r}   # samples per update; None: the whole training set")
        w(f"ALPHA = {_float(spec.alpha)}   # L2 penalty: 0.5 * ALPHA * sum(w**2) / n (weights only)")
        w(f"L1 = {_float(spec.l1)}   # L1 penalty: L1 * sum(|w|) / n (weights only)")
    w(
        f"SHUFFLE = {bool(t.shuffle)!r}   # reshuffle the training set every epoch"
        + ("" if perceptron else " (mini-batches only)")
    )
    w(f"TASK = {ds.task!r}")
    if ds.task == "classification":
        w(f"N_CLASSES = {n_classes}")
    w("")
    # ---- data
    w("# ---------------------------------------------------------------------------- data")
    label = "class index 0..N_CLASSES-1" if ds.task == "classification" else "target value"
    if ds.target_name:  # quoted as Python writes a string: a name is a file's header cell, never code
        label = f"{name_in_code(ds.target_name)}, {label}"
    inputs = input_names_text(ds)
    w(f"# The app's training and test points: inputs ({inputs}) and labels ({label}).")
    if real_data is not None:
        for line in real_data:
            w(line)
    else:
        for line in _data_literals(ds, numpy=True):
            w(line)
    w("")
    w("")
    w("def inputs(X):")
    if spec.features:
        names = ", ".join(spec.features)
        w(f'    """The model\'s inputs: the raw {inputs}, then the extra features {names}."""')
        w("    columns = [X]")
        for name in spec.features:
            w(f"    columns.append(({FEATURE_CODE[name]})[:, None])   # {name}")
        w("    return np.ascontiguousarray(np.hstack(columns), dtype=DTYPE)")
    else:
        w(f'    """The model\'s inputs: the raw {inputs}, in DTYPE."""')
        w("    return np.ascontiguousarray(X, dtype=DTYPE)")
    w("")
    w("")
    w("def targets(y):")
    if perceptron and n_classes <= 2:
        w('    """+1 for class 1, -1 for class 0: Rosenblatt\'s targets, one output."""')
        w("    return np.where(y == 1, 1.0, -1.0)[:, None].astype(DTYPE)")
    elif perceptron:
        w('    """+1 for the sample\'s class, -1 for the others: one output per class (one-vs-rest)."""')
        w("    return np.where(y[:, None] == np.arange(N_CLASSES)[None, :], 1.0, -1.0).astype(DTYPE)")
    elif head == "binary":
        w('    """1.0 for class 1, 0.0 for class 0: the target of the one sigmoid output."""')
        w("    return (y == 1).astype(DTYPE)[:, None]")
    elif head == "softmax":
        w('    """One-hot rows: the targets of the softmax outputs."""')
        w("    return (y[:, None] == np.arange(N_CLASSES)[None, :]).astype(DTYPE)")
    else:
        w('    """The target values as one output column."""')
        w("    return np.asarray(y, dtype=DTYPE)[:, None]")
    w("")
    w("")
    if perceptron:
        _perceptron_part(w, sizes, initial)
    else:
        _network_part(w, spec, t, network, sizes, initial, n_weights, head)
    return "\n".join(out) + "\n"


def _initial_params(session: TrainingSession) -> np.ndarray:
    """The weights a fresh session with the same data, specs and seed starts from."""
    from model.training.session import TrainingSession

    fresh = TrainingSession(session.dataset, session.model_spec, session.train_spec, seed=session.seed)
    return fresh.network.params.copy()


def export_script(
    session: TrainingSession,
    path: FilePath,
    epochs: int | None = None,
    print_every: int | None = None,
    title: str | None = None,
) -> None:
    """Write ``script_text(session, ...)`` to ``path`` (UTF-8, atomically; see the module docstring)."""
    text = script_text(session, epochs, print_every, title)
    name = os.path.basename(os.fspath(path)) or "experiment.py"
    data = text.replace("python this_file.py", f"python {name}").encode("utf-8")
    atomic_write(path, lambda f: f.write(data))


__all__ = ["FEATURE_CODE", "export_script", "script_text"]
