"""``python main.py train``: train a model without a window and write what it learned.

    python main.py train --dataset moons --model mlp --hidden 8,8 --activation tanh \\
        --epochs 2000 --lr 0.1 --seed 0 --out runs/moons

Writes into ``--out``: model.npz, session.npz, history.csv, summary.json (see
``model.training.headless_train``), boundary.png and curves.png (``gui.plot.render``, the app's
own views drawn offscreen), and with ``--export-script`` a standalone NumPy
script (``model.storage.script_export``). A text progress bar goes to stderr, a short
report to stdout. The same flags write byte-identical files.

Only ``argparse`` is imported at module level (and the dataset registry, for
``--dataset``'s choices), so ``main.py --help`` stays instant; NumPy, the model
and Qt are imported when the command runs.

Exit status: 0 done, 2 bad options or unreadable input file (and, before any
training, an ``--out`` folder that cannot be created or written, or a network too
large to train), 3 training diverged (the files are written with the last good
weights), 130 interrupted (Ctrl-C) and 143 terminated (SIGTERM, as at a logout):
the files are written with the weights reached so far.
"""

from __future__ import annotations

import argparse
import math
import os
import signal
import sys
import threading
import time
from typing import Any

PROG = "neural-playground train"
DEFAULTS: dict[str, Any] = dict(
    dataset="moons",
    n_samples=200,
    classes=2,
    test_fraction=0.2,
    model="mlp",
    hidden=(8, 8),
    activation="tanh",
    init="auto",
    alpha=0.0,
    l1=0.0,
    features=(),
    optimizer="sgd",
    lr=0.03,
    momentum=0.9,
    batch_size=None,
    epochs=1000,
    eval_every=1,
    seed=0,
    dtype="float32",
)
EXIT_OK, EXIT_USAGE, EXIT_DIVERGED, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 2, 3, 130, 143
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
stderr, then writes into --out:

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
examples:
  python main.py train --dataset moons --model mlp --hidden 8,8 --activation tanh \\
      --epochs 2000 --lr 0.1 --seed 0 --out runs/moons
  python main.py train --data points.csv --model logistic --features x1^2,x2^2 --out runs/circle
  python main.py train --session runs/moons/session.npz --epochs 1000 --out runs/moons-more
  python main.py train --dataset xor --optimizer adam --lr 0.01 --batch-size 32 \\
      --export-script xor.py

exit status: 0 done, 2 bad options, an unreadable file, an --out folder that cannot be
written or a network too large (all found before training), 3 training diverged (the files
hold the last good weights), 130 interrupted by Ctrl-C, 143 terminated by SIGTERM (the files
hold the weights so far)."""


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
    if not 2 <= value <= 9:
        raise argparse.ArgumentTypeError(f"must lie in 2..9, got {value}")
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


def add_train_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``train`` sub-command to ``subparsers`` (from ``parser.add_subparsers``)."""
    from model.data.generators import DATASETS  # NumPy only

    p = subparsers.add_parser(
        "train",
        help="train without a window; write the model, session, history and PNGs",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_train_arguments(p, tuple(DATASETS))
    p.set_defaults(func=run_train)
    return p


def build_parser() -> argparse.ArgumentParser:
    """A stand-alone parser for the command (``python headless.py ...`` and tests)."""
    parser = argparse.ArgumentParser(prog="neural-playground")
    add_train_parser(parser.add_subparsers(dest="command", required=True))
    return parser


def add_train_arguments(p: argparse.ArgumentParser, dataset_names) -> None:
    # Every default is None: "not given" must be told apart (with --session, with --data).
    d = DEFAULTS
    data = p.add_argument_group("data (one of --dataset, --data, --session)")
    source = data.add_mutually_exclusive_group()
    source.add_argument(
        "--dataset",
        choices=dataset_names,
        metavar="NAME",
        help=f"a built-in dataset: {', '.join(dataset_names)} (default: {d['dataset']})",
    )
    source.add_argument(
        "--data",
        metavar="FILE",
        help="a CSV or .npz dataset file (columns x1, x2, label[, is_test]; see "
        "model/data_files.py); without an is_test column the split is drawn "
        "with --test-fraction and --seed",
    )
    source.add_argument(
        "--session",
        metavar="FILE",
        help="continue a saved session (session.npz of an earlier run, or saved by the "
        "app) with its data, model and settings; training options given here "
        "replace its settings",
    )
    data.add_argument(
        "--n-samples",
        type=_n_samples,
        metavar="N",
        help=f"points of the built-in dataset (default: {d['n_samples']})",
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
        help=f"classes of the built-in dataset, 2..9 (blobs and spiral only; default: {d['classes']})",
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
        "'none' for no hidden layer (default: 8,8)",
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
        help="initial weights: he for (leaky) relu layers and glorot otherwise (auto), "
        f"or one for all (default: {d['init']})",
    )
    model.add_argument(
        "--alpha", type=_penalty, metavar="A", help="L2 penalty on the weights, scikit-learn's alpha (default: 0)"
    )
    model.add_argument("--l1", type=_penalty, metavar="A", help="L1 penalty on the weights (default: 0)")
    model.add_argument(
        "--features",
        type=_names(tuple(FEATURES)),
        metavar="NAME[,NAME...]",
        help=f"extra inputs computed from x1, x2: {', '.join(FEATURES)} (default: none)",
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
        help="samples per update, or 'full' for the whole training set (default: full)",
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
        help="measure the test loss and the scores every N epochs (the history "
        "repeats them in between); 1 measures every epoch (default: 1)",
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


# ------------------------------------------------------------------------------------ progress
class ProgressBar:
    """A one-line text progress bar with epoch, loss and speed, redrawn at most 10 times a second.

    On a terminal the line is redrawn in place; into a file or a pipe, a line is
    written at most once a second (and at the end), so logs stay readable.
    """

    WIDTH = 24

    def __init__(self, total: int, stream=None, first_epoch: int = 0):
        self.stream = sys.stderr if stream is None else stream
        self.total = max(0, int(total))
        self.first_epoch = int(first_epoch)
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = 0.1 if self.tty else 1.0
        self.start = time.perf_counter()
        self.last_draw = -math.inf
        self.width = 0
        self.drawn: int | None = None

    def update(self, done: int, loss: float, force: bool = False) -> None:
        now = time.perf_counter()
        if not force and now - self.last_draw < self.interval and done < self.total:
            return
        self.last_draw = now
        fraction = done / self.total if self.total else 1.0
        filled = round(self.WIDTH * fraction)
        rate = done / max(now - self.start, 1e-9)
        epoch = self.first_epoch + done
        text = (
            f"epoch {epoch:,} [{'#' * filled}{'.' * (self.WIDTH - filled)}] "
            f"{100 * fraction:3.0f}%  loss {_fmt(loss)}  {rate:,.0f} epochs/s"
        )
        if self.tty:
            self.stream.write("\r" + text.ljust(self.width))
            self.width = len(text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
        self.drawn = done

    def finish(self) -> None:
        if self.tty and self.drawn is not None:
            self.stream.write("\n")
            self.stream.flush()


def _fmt(value) -> str:
    if value is None or not math.isfinite(value):
        return "–"
    return f"{value:.6g}"


# ------------------------------------------------------------------------------------ running
class UsageError(Exception):
    """Bad options or an unreadable input file: printed as one line, exit status 2."""


def _given(args, *names) -> list[str]:
    return ["--" + n.replace("_", "-") for n in names if getattr(args, n, None) is not None]


def _build_session(args):
    """(session, source description, default output folder) from the options."""
    from dataclasses import replace

    from model.training.specs import ModelSpec, TrainSpec

    d = DEFAULTS
    pick = lambda name: d[name] if getattr(args, name) is None else getattr(args, name)  # noqa: E731

    if args.session is not None:
        wrong = _given(
            args,
            "n_samples",
            "noise",
            "classes",
            "test_fraction",
            "model",
            "hidden",
            "activation",
            "init",
            "alpha",
            "l1",
            "features",
            "seed",
        )
        if wrong:
            raise UsageError(
                f"{', '.join(wrong)} cannot change a saved session (--session keeps "
                "its data, model and seed; only training options apply)"
            )
        from model.storage.session_files import load_session

        try:
            session, _view = load_session(args.session)
        except (ValueError, OSError) as exc:
            raise UsageError(f"cannot open the session file: {_reason(exc)}") from None
        changes = {}
        if args.optimizer is not None:
            changes["optimizer"] = args.optimizer
        if args.lr is not None:
            changes["learning_rate"] = args.lr
        if args.momentum is not None:
            changes["momentum"] = args.momentum
        if args.batch_size is not None:
            changes["batch_size"] = None if args.batch_size == "full" else args.batch_size
        if args.no_shuffle:
            changes["shuffle"] = False
        if args.dtype is not None:
            changes["dtype"] = args.dtype
        if changes:
            session.set_train_spec(replace(session.train_spec, **changes))
        if os.path.basename(args.session) == "session.npz":  # a run's folder: continue in place
            out = os.path.dirname(args.session) or "."
        else:
            out = os.path.join("runs", _stem(args.session))
        return session, {"session": os.fspath(args.session)}, out

    seed = pick("seed")
    test_fraction = pick("test_fraction")
    if args.data is not None:
        wrong = _given(args, "n_samples", "noise", "classes")
        if wrong:
            raise UsageError(f"{', '.join(wrong)} only {_apply(wrong)} to a built-in --dataset, not to --data")
        from model.data.data_files import read_dataset

        try:
            loaded = read_dataset(args.data, test_fraction, seed)
        except (ValueError, OSError) as exc:
            raise UsageError(f"cannot open the data file: {_reason(exc)}") from None
        for note in loaded.notes:
            _note(args, f"{os.path.basename(args.data)}: {note}")
        dataset = loaded.dataset
        source = {"file": os.fspath(args.data), "test_fraction": test_fraction}
        name = _stem(args.data)
    else:
        from model.data.generators import DATASETS, make

        name = pick("dataset")
        info = DATASETS[name]
        if args.classes is not None and not info.supports_n_classes:
            supporting = [n for n, i in DATASETS.items() if i.supports_n_classes]
            raise UsageError(f"--classes applies to {' and '.join(supporting)} only, not to {name}")
        noise = info.default_noise if args.noise is None else args.noise
        try:
            dataset = make(name, pick("n_samples"), noise, seed, pick("classes"), test_fraction)
        except ValueError as exc:
            raise UsageError(f"cannot generate {name}: {exc}") from None
        source = {
            "dataset": name,
            "n_samples": pick("n_samples"),
            "noise": noise,
            "n_classes": dataset.n_classes if dataset.task == "classification" else 1,
            "test_fraction": test_fraction,
        }

    kind = pick("model")
    if kind != "mlp":
        wrong = _given(args, "hidden", "activation")
        if wrong:
            raise UsageError(f"{', '.join(wrong)} only {_apply(wrong)} to --model mlp")
    if kind == "perceptron" and dataset.task != "classification":
        raise UsageError("the perceptron classifies; this data is regression (use --model logistic or mlp)")
    if kind == "perceptron" and (args.alpha or args.l1):
        raise UsageError("--alpha and --l1 do not apply to the perceptron (it follows Rosenblatt's rule)")
    if dataset.n_features < 2:
        from model.nn.features import ONE_D_FEATURES

        wrong = [f for f in pick("features") if f not in ONE_D_FEATURES]
        if wrong:
            raise UsageError(
                f"cannot build this model on this data: feature {wrong[0]!r} needs two "
                f"inputs; the data has one (usable: {', '.join(ONE_D_FEATURES)})"
            )
    activation = pick("activation")
    activation = (
        activation if isinstance(activation, str) else (activation[0] if len(activation) == 1 else tuple(activation))
    )
    batch = pick("batch_size")
    try:
        model_spec = ModelSpec(
            kind=kind,
            hidden_layer_sizes=pick("hidden"),
            activation=activation,
            weight_init=pick("init"),
            alpha=pick("alpha"),
            l1=pick("l1"),
            features=pick("features"),
        )
        model_spec.hidden_activations  # noqa: B018 - checks one activation per layer
        train_spec = TrainSpec(
            optimizer=pick("optimizer"),
            learning_rate=pick("lr"),
            momentum=pick("momentum"),
            batch_size=None if batch in (None, "full") else batch,
            shuffle=not args.no_shuffle,
            dtype=pick("dtype"),
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    _check_network_size(dataset, model_spec, train_spec)
    from model.training.session import TrainingSession

    try:
        session = TrainingSession(dataset, model_spec, train_spec, seed=seed)
    except ValueError as exc:  # e.g. a feature that needs x2 on 1-D data
        raise UsageError(f"cannot build this model on this data: {exc}") from None
    return session, source, os.path.join("runs", name)


def _check_network_size(dataset, model_spec, train_spec) -> None:
    """Refuse, before anything is allocated, a network too large to build or a step too large to take."""
    import numpy as np

    from model.storage.value_checks import ValueOutOfRange, check_hidden_layers, check_network_size

    n_out = 1 if dataset.task == "regression" or dataset.n_classes <= 2 else dataset.n_classes
    sizes = [dataset.n_features + len(model_spec.features), *model_spec.hidden, n_out]
    try:
        check_hidden_layers(model_spec.hidden, "--hidden")
        n_params = check_network_size(sizes)
    except ValueOutOfRange as exc:
        raise UsageError(f"--hidden: {exc}") from None
    rows = min(train_spec.batch_size or dataset.n_train, dataset.n_train) or 1
    itemsize = np.dtype(train_spec.dtype).itemsize
    # per step: each layer's sums, activations and gradients for the batch, and the weights, their
    # gradient and the optimizer's two moments
    need = (3 * rows * sum(sizes) + 4 * n_params) * itemsize
    if need > MAX_STEP_BYTES:
        raise UsageError(
            f"--hidden: a network of layers {'-'.join(map(str, sizes))} on {rows:,} points per step needs about "
            f"{need / 1e9:,.0f} GB of memory (at most {MAX_STEP_BYTES / 1e9:.0f} GB); use smaller layers or a "
            "smaller --batch-size"
        )


def _check_writable(folder: str, what: str) -> None:
    """Create ``folder`` if needed and write (then remove) a small file in it, so that a folder that
    cannot take the results (read-only, a file in the way, a full disk) is found before training."""
    try:
        os.makedirs(folder, exist_ok=True)
        probe = os.path.join(folder, f".neural-playground-write-test-{os.getpid()}")
        try:
            with open(probe, "wb") as f:
                f.write(b"probe\n" * 512)
                f.flush()
                os.fsync(f.fileno())
        finally:
            if os.path.exists(probe):
                os.remove(probe)
    except OSError as exc:
        raise UsageError(f"{what} {folder}: cannot write there ({_reason(exc)})") from None


class _Terminated(KeyboardInterrupt):
    """SIGTERM (a logout, a shutdown, ``kill``): handled as Ctrl-C is, with its own exit status."""


def _raise_terminated(signum, frame):
    raise _Terminated()


class _Signals:
    """SIGTERM raises ``_Terminated`` while the command runs; the previous handlers come back after."""

    def __enter__(self):
        self.previous = None
        if threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGTERM"):
            self.previous = signal.signal(signal.SIGTERM, _raise_terminated)
        return self

    def hold(self) -> None:
        """From now on (the files are being written) ignore Ctrl-C and SIGTERM: the run is nearly done."""
        if self.previous is not None:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            signal.signal(signal.SIGINT, signal.SIG_IGN)

    def __exit__(self, *exc):
        if self.previous is not None:
            signal.signal(signal.SIGTERM, self.previous)
            signal.signal(signal.SIGINT, signal.default_int_handler)
        return False


def _apply(options) -> str:
    return "applies" if len(options) == 1 else "apply"


def _stem(path) -> str:
    base = os.path.basename(os.fspath(path).rstrip("/\\"))
    return os.path.splitext(base)[0] or "run"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"{exc.filename}: no such file"
    if isinstance(exc, IsADirectoryError):
        return f"{exc.filename}: is a folder, not a file"
    if isinstance(exc, OSError):
        return f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")
    return str(exc)


def _note(args, text: str) -> None:
    if not args.quiet:
        print(f"note: {text}", file=sys.stderr)


def run_train(args: argparse.Namespace) -> int:
    """The ``train`` command. Returns the exit status (see the module docstring)."""
    with _Signals() as signals:
        try:
            return _run(args, signals)
        except UsageError as exc:
            print(f"{PROG}: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except KeyboardInterrupt as exc:  # before training started: there is nothing to write
            print(
                f"{PROG}: {'terminated' if isinstance(exc, _Terminated) else 'interrupted'} before training; "
                "nothing written",
                file=sys.stderr,
            )
            return EXIT_TERMINATED if isinstance(exc, _Terminated) else EXIT_INTERRUPTED


def _run(args, signals: _Signals) -> int:
    session, source, default_out = _build_session(args)
    from model.training.headless_train import train, write_results

    out = os.fspath(args.out or default_out)
    if os.path.exists(out) and not os.path.isdir(out):
        raise UsageError(f"--out {out} is a file, not a folder")
    _check_writable(out, "--out")
    if args.export_script:
        _check_writable(os.path.dirname(os.path.abspath(args.export_script)), "--export-script")
    epochs = DEFAULTS["epochs"] if args.epochs is None else args.epochs
    eval_every = DEFAULTS["eval_every"] if args.eval_every is None else args.eval_every
    ds = session.dataset
    if ds.n_train == 0 and epochs:
        raise UsageError("the data has no training points (every point is in the test set)")
    if not args.quiet:
        where = source.get("dataset") or os.path.basename(source.get("file") or source.get("session"))
        print(
            f"Training {session.model_spec.describe()} on {where} ({ds.n_train} training, "
            f"{ds.n_test} test points) for {epochs:,} epochs"
            + (f" from epoch {session.epoch:,}" if session.epoch else "")
            + ".",
            file=sys.stderr,
        )

    bar = None if args.quiet else ProgressBar(epochs, first_epoch=session.epoch)
    status = EXIT_OK
    try:
        outcome = train(
            session,
            epochs,
            eval_every,
            on_progress=None if bar is None else (lambda done, total, loss: bar.update(done, loss)),
        )
    except KeyboardInterrupt as exc:
        from model.training.headless_train import TrainOutcome

        terminated = isinstance(exc, _Terminated)
        outcome = TrainOutcome(0, False, f"{'terminated' if terminated else 'interrupted'} at epoch {session.epoch:,}")
        status = EXIT_TERMINATED if terminated else EXIT_INTERRUPTED
    finally:
        signals.hold()
        if bar is not None:
            bar.finish()
    if outcome.diverged:
        print(f"warning: {outcome.message}", file=sys.stderr)
        status = EXIT_DIVERGED
    elif outcome.message:
        print(f"note: {outcome.message}", file=sys.stderr)

    try:
        paths = write_results(session, out, source, outcome)
    except OSError as exc:
        raise UsageError(f"cannot write into {out}: {_reason(exc)}") from None
    if not args.no_png:
        try:
            from gui.plot.render import render_session

            paths += render_session(session, out, log_loss=args.log_loss)
        except ImportError as exc:
            raise UsageError(f"cannot draw the PNGs without Qt ({exc}); use --no-png") from None
    if args.export_script:
        from model.storage.script_export import export_script

        try:
            title = source.get("dataset") or (os.path.basename(source["file"]) if "file" in source else None)
            export_script(session, args.export_script, title=title)
        except OSError as exc:
            raise UsageError(f"cannot write the script: {_reason(exc)}") from None
        paths.append(args.export_script)

    if not args.quiet:
        _report(session, paths)
    return status


def _report(session, paths) -> None:
    score = "accuracy" if session.task == "classification" else "R²"

    def fmt_score(v):
        if not math.isfinite(v):
            return "–"
        return f"{100 * v:.1f}%" if session.task == "classification" else f"{v:.4f}"

    print(
        f"epoch {session.epoch:,}: train loss {_fmt(session.train_loss)}, test loss "
        f"{_fmt(session.test_loss)}, train {score} {fmt_score(session.train_score)}, "
        f"test {score} {fmt_score(session.test_score)}"
    )
    print("wrote " + ", ".join(os.fspath(p) for p in paths))


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
