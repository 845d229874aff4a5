"""The options of ``neural-playground train``: their defaults, limits, help text and checks.

``add_train_arguments`` declares every flag of the command with an argparse type that range-checks its value
(the widest values a saved session may hold), so bad options stop the command before anything is imported.
Only ``argparse`` (and the plain constants of ``model.training.start_settings``) is imported here, so ``--help``
stays instant.

The defaults are the settings a fresh window starts with (``start_settings``, which the window's panels read too):
the command without flags trains what pressing Play in a fresh app trains on the same dataset.
"""

from __future__ import annotations

import argparse
import math
from typing import Any

from model.training.start_settings import DATA, MODEL, TRAINING

PROG = "neural-playground train"
DEFAULTS: dict[str, Any] = dict(
    dataset=DATA["dataset"],
    n_samples=DATA["n_samples"],  # or the dataset's own least where it needs more (the spiral)
    classes=DATA["n_classes"],
    test_fraction=DATA["test_fraction"],
    model=MODEL["kind"],
    hidden=MODEL["hidden_layer_sizes"],
    activation=MODEL["activation"],
    init=MODEL["weight_init"],
    alpha=MODEL["alpha"],
    l1=MODEL["l1"],
    features=MODEL["features"],
    optimizer=TRAINING["optimizer"],
    lr=TRAINING["learning_rate"],
    momentum=TRAINING["momentum"],
    batch_size=TRAINING["batch_size"],
    epochs=1000,
    eval_every=1,
    seed=DATA["seed"],
    dtype=TRAINING["dtype"],
)

# The widest values a saved session may hold (model.storage.value_checks; repeated here so that
# --help needs no NumPy): a run must write files the app and --session can open again.
INT32_MAX = 2**31 - 1
MAX_EPOCHS = 2**53
MAX_LEARNING_RATE = MAX_PENALTY = 1e6
MAX_SAMPLES = 1_000_000
#: A training step's arrays (activations and gradients of a batch) beyond this are refused up front.
MAX_STEP_BYTES = 2_000_000_000

DESCRIPTION = """\
Train a model without a window: on a built-in dataset (--dataset), on a CSV or .npz file
(--data), or continuing a saved session (--session). Shows a progress bar with the loss on
stderr, then writes into --out (without flags it trains what Play trains in a fresh app window:
the same data, model, optimizer, learning rate and seed):

  model.npz      the trained network as a scikit-learn compatible estimator
                 (model.storage.model_files.load_model); its inputs are x1, x2, then the --features
  session.npz    the whole session: open it in the app, or continue it with --session
  history.csv    epoch, train_loss, test_loss, train_score, test_score (score: accuracy,
                 or R² for regression), one row per epoch
  summary.json   the settings and the final losses and scores
  boundary.png   the data and the decision boundary, drawn by the app's plot
  curves.png     loss and accuracy against epoch, drawn by the app's curves view

The same flags write byte-identical files."""

EPILOG = """\
examples (from a checkout without installing: python main.py train ...):
  neural-playground train --dataset moons --model mlp --hidden 8,8 --activation tanh \\
      --epochs 2000 --lr 0.1 --seed 0 --out runs/moons
  neural-playground train --data points.csv --model logistic --features x1^2,x2^2 --out runs/circle
  neural-playground train --session runs/moons/session.npz --epochs 1000 --out runs/moons-more
  neural-playground train --dataset xor --optimizer adam --lr 0.01 --batch-size 32 \\
      --export-script xor.py

exit status: 0 done, 2 bad options, an unreadable file, an --out folder that cannot be
written or a network too large (all found before training), 3 training diverged (the files
hold the last good weights, or those it stopped at when the loss grew as a number), 130
interrupted by Ctrl-C, 143 terminated by SIGTERM (the files hold the weights so far)."""


# ------------------------------------------------------------------------------------ parsing
def _number(kind, low, low_inclusive: bool = True, high=None):
    """An argparse type: ``kind`` (int or float) within [low, high] (or (low, high] when not inclusive)."""

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a {'whole number' if kind is int else 'number'}"
            ) from None
        if kind is float and not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"must be a finite number, got {text}")
        if value < low or (value == low and not low_inclusive):
            raise argparse.ArgumentTypeError(f"must be {'at least ' if low_inclusive else '> '}{low:g}, got {text}")
        if high is not None and value > high:
            bound = f"{high:,}" if kind is int else f"{high:g}"
            raise argparse.ArgumentTypeError(f"must be at most {bound}, got {text[:40]}")
        return value

    return parse


_positive_int = _number(int, 1, high=INT32_MAX)
_n_samples = _number(int, 1, high=MAX_SAMPLES)
_epochs = _number(int, 0, high=MAX_EPOCHS)
_seed = _number(int, 0, high=INT32_MAX)
_penalty = _number(float, 0.0, high=MAX_PENALTY)
_noise = _number(float, 0.0, high=10.0)
_rate = _number(float, 0.0, low_inclusive=False, high=MAX_LEARNING_RATE)
_fraction = _number(float, 0.0, high=1.0)


def _classes(text: str) -> int:
    value = _positive_int(text)
    if not 2 <= value <= 10:
        raise argparse.ArgumentTypeError(f"must lie in 2..10, got {value}")
    return value


def _hidden(text: str) -> tuple[int, ...]:
    text = text.strip()
    if text.lower() in ("", "none", "0"):
        return ()
    try:
        sizes = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a comma-separated list of layer sizes like 8,8") from None
    if any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError(f"every layer needs at least one neuron, got {text}")
    return sizes


def _names(valid):
    def parse(text: str):
        names = tuple(part.strip() for part in text.split(",") if part.strip())
        bad = [name for name in names if name not in valid]
        if bad or not names:
            raise argparse.ArgumentTypeError(f"{', '.join(bad) or repr(text)}: choose from {', '.join(valid)}")
        return names

    return parse


def _batch_size(text: str):
    if text.strip().lower() in ("full", "all", "none"):
        return "full"
    return _positive_int(text)


def add_train_arguments(p: argparse.ArgumentParser, dataset_names) -> None:
    # Every default is None: "not given" must be told apart (with --session, with --data).
    d = DEFAULTS
    from model.data.generators import DATASETS

    more = [
        f"{name} {info.default_n_samples}" for name, info in DATASETS.items() if info.default_n_samples > d["n_samples"]
    ]
    data = p.add_argument_group("data (one of --dataset, --data, --session)")
    source = data.add_mutually_exclusive_group()
    source.add_argument(
        "--dataset",
        choices=dataset_names,
        metavar="NAME",
        help=f"a built-in dataset: {', '.join(dataset_names)} (default: {d['dataset']}); digits, iris, wine and "
        "breast_cancer are real data sets of 64, 4, 13 and 30 features bundled with scikit-learn",
    )
    source.add_argument(
        "--data",
        metavar="FILE",
        help="a CSV or .npz dataset file (columns x1, x2, label[, is_test], or one named column per feature; "
        "see Data files in the app's user guide, Help > User guide); without an is_test column the split is drawn "
        "with --test-fraction and --seed",
    )
    source.add_argument(
        "--session",
        metavar="FILE",
        help="continue a saved session (session.npz of an earlier run, or saved by the "
        "app) with its data, model and settings; training options given here "
        "replace its settings. Only the main model trains: models compared beside "
        "it in the app are written back to session.npz as they were saved",
    )
    data.add_argument(
        "--n-samples",
        type=_n_samples,
        metavar="N",
        help=f"points of the built-in dataset (default: {d['n_samples']}, or the dataset's own least where it "
        f"needs more: {', '.join(more) or 'none does'}; as in the app)",
    )
    data.add_argument(
        "--noise",
        type=_noise,
        metavar="X",
        help="noise of the built-in dataset, as a fraction of its radius (default: the dataset's own, 0.1 for most)",
    )
    data.add_argument(
        "--classes",
        type=_classes,
        metavar="K",
        help=f"classes of the built-in dataset, 2..10 (blobs and spiral only; default: {d['classes']})",
    )
    data.add_argument(
        "--test-fraction",
        type=_fraction,
        metavar="F",
        help=f"share of the points held out as test set, 0..1 (default: {d['test_fraction']})",
    )

    from model.nn.activations import HIDDEN_ACTIVATIONS
    from model.nn.features import FEATURES
    from model.nn.network import WEIGHT_INITS
    from model.nn.optimizers import OPTIMIZERS
    from model.training.specs import DTYPES, MODEL_KINDS

    model = p.add_argument_group("model")
    model.add_argument(
        "--model",
        choices=MODEL_KINDS,
        help=f"perceptron (Rosenblatt's rule), logistic (logistic regression; linear "
        f"regression on regression data) or mlp (default: {d['model']})",
    )
    model.add_argument(
        "--hidden",
        type=_hidden,
        metavar="SIZES",
        help="neurons per hidden layer of the mlp, comma-separated, e.g. 16,8; "
        f"'none' for no hidden layer (default: {','.join(map(str, d['hidden'])) or 'none'})",
    )
    model.add_argument(
        "--activation",
        type=_names(HIDDEN_ACTIVATIONS),
        metavar="NAME[,NAME...]",
        help=f"hidden activation of the mlp, one for all layers or one per layer: "
        f"{', '.join(HIDDEN_ACTIVATIONS)} (default: {d['activation']})",
    )
    model.add_argument(
        "--init",
        choices=WEIGHT_INITS,
        help="initial weights: he for relu-like layers (relu, leaky_relu, softplus) and glorot otherwise (auto), "
        f"or one for all (default: {d['init']})",
    )
    model.add_argument(
        "--alpha",
        type=_penalty,
        metavar="A",
        help=f"L2 penalty on the weights, scikit-learn's alpha (default: {d['alpha']:g})",
    )
    model.add_argument("--l1", type=_penalty, metavar="A", help=f"L1 penalty on the weights (default: {d['l1']:g})")
    model.add_argument(
        "--features",
        type=_names(tuple(FEATURES)),
        metavar="NAME[,NAME...]",
        help=f"extra inputs computed from x1, x2: {', '.join(FEATURES)} (default: {','.join(d['features']) or 'none'})",
    )

    training = p.add_argument_group("training")
    training.add_argument("--optimizer", choices=OPTIMIZERS, help=f"the update rule (default: {d['optimizer']})")
    training.add_argument(
        "--lr", type=_rate, metavar="RATE", help=f"learning rate (the perceptron's step size) (default: {d['lr']})"
    )
    training.add_argument(
        "--momentum",
        type=_fraction,
        metavar="M",
        help=f"momentum of the momentum and nesterov optimizers (default: {d['momentum']})",
    )
    training.add_argument(
        "--batch-size",
        type=_batch_size,
        metavar="N",
        help=f"samples per update, or 'full' for the whole training set (default: {d['batch_size'] or 'full'})",
    )
    training.add_argument(
        "--no-shuffle",
        action="store_true",
        default=None,
        help="do not reshuffle the training set every epoch (mini-batches and the perceptron)",
    )
    training.add_argument(
        "--epochs",
        type=_epochs,
        metavar="N",
        help=f"epochs to train; with --session, epochs added to the saved ones (default: {d['epochs']})",
    )
    training.add_argument(
        "--eval-every",
        type=_positive_int,
        metavar="N",
        help="measure the test loss and the scores every N epochs (history.csv has "
        "nan for them in between); 1 measures every epoch (default: 1)",
    )
    training.add_argument(
        "--seed",
        type=_seed,
        metavar="S",
        help=f"seed of the initial weights, the shuffling, the built-in data and "
        f"the train/test split (default: {d['seed']})",
    )
    training.add_argument(
        "--dtype",
        choices=DTYPES,
        help=f"precision of the weights and of the computation (default: {d['dtype']}, as in the app)",
    )

    output = p.add_argument_group("output")
    output.add_argument(
        "--out",
        metavar="DIR",
        help="folder for the files, created if needed (default: runs/NAME, NAME being "
        "the dataset, or the data or session file's name; a run's own "
        "session.npz is continued in its folder)",
    )
    output.add_argument(
        "--export-script",
        metavar="PATH",
        help="also write the experiment as a standalone Python script that needs only "
        "NumPy: it rebuilds the data and the model and trains to the same loss",
    )
    output.add_argument("--no-png", action="store_true", help="do not draw boundary.png and curves.png (no Qt needed)")
    output.add_argument("--log-loss", action="store_true", help="draw the loss in curves.png on a logarithmic axis")
    output.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no report, only errors")
