"""The command line: with no sub-command (or ``gui``) it opens the app; ``train`` runs the headless trainer.

The parser is built from sub-commands so more (a headless `train`, ...) can be added next to the GUI; with no
sub-command the GUI opens. Heavy imports (Qt, pyqtgraph, scikit-learn) happen only inside the command that needs
them, so the window shows fast and `--help` is instant.
"""

from __future__ import annotations

import argparse
import sys


def add_gui_arguments(parser: argparse.ArgumentParser) -> None:
    from model.data.generators import DATASETS  # NumPy only: scikit-learn is imported when a dataset is generated

    parser.add_argument(
        "--dataset",
        choices=list(DATASETS),
        default=None,
        help="dataset to open on (default: the last one used, or two moons)",
    )
    parser.add_argument("--seed", type=int, default=None, help="random seed of the dataset and of the first weights")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="neural-playground", description="Watch a neural network learn: draw data, pick a model, press Play."
    )
    add_gui_arguments(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", help="open the app (the default)")
    add_gui_arguments(gui)
    gui.set_defaults(func=run_gui)
    from neural_playground.headless import add_train_parser  # argparse only; NumPy/model/Qt load when it runs

    add_train_parser(sub)
    parser.set_defaults(func=run_gui)
    return parser


def run_gui(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow, apply_style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("NeuralPlayground")
    app.setApplicationName("Neural Playground")
    apply_style(app)
    from gui.files.close_on_signals import CloseOnSignals

    window = MainWindow(dataset=args.dataset, seed=args.seed)
    window.show()
    signals = CloseOnSignals(window)  # a logout's SIGTERM keeps the unsaved work as a close does
    try:
        return app.exec()
    finally:
        signals.uninstall()


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)
