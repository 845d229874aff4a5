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
weights, or with those it stopped at when its loss grew while staying a number),
130 interrupted (Ctrl-C) and 143 terminated (SIGTERM, as at a logout): the files
are written with the weights reached so far.
"""

from __future__ import annotations

import argparse
import math
import os
import signal
import sys
import threading

from neural_playground.headless_options import DEFAULTS, DESCRIPTION, EPILOG, PROG, add_train_arguments
from neural_playground.headless_progress import ProgressBar, _fmt
from neural_playground.headless_session import UsageError, _build_session, _check_writable, _reason

EXIT_OK, EXIT_USAGE, EXIT_DIVERGED, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 2, 3, 130, 143


def add_train_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``train`` sub-command to ``subparsers`` (from ``parser.add_subparsers``)."""
    from model.data.generators import DATASETS  # NumPy only
    from model.data.real_datasets import REAL_DATASETS  # NumPy only: scikit-learn loads them when used

    p = subparsers.add_parser(
        "train",
        help="train without a window; write the model, session, history and PNGs",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_train_arguments(p, (*DATASETS, *REAL_DATASETS))
    p.set_defaults(func=run_train)
    return p


def build_parser() -> argparse.ArgumentParser:
    """A stand-alone parser for the command (``python headless.py ...`` and tests)."""
    parser = argparse.ArgumentParser(prog="neural-playground")
    add_train_parser(parser.add_subparsers(dest="command", required=True))
    return parser


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
    session, source, default_out, members, run_name, view = _build_session(args)
    from model.training.headless_train import train, untrained_note, write_results

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

    if members and not args.quiet:
        print(f"note: {untrained_note(members)}", file=sys.stderr)

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
        paths = write_results(session, out, source, outcome, members, run_name, view)
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
