"""The command line: with no sub-command (or ``gui``) it opens the app; ``train`` runs the headless trainer;
``install-desktop`` adds the app to a Linux desktop's menus. A lesson or challenge file given alone
(``neural-playground my-lesson.toml``) opens the app on it, as File ▸ Open lesson does.

Heavy imports (Qt, pyqtgraph, scikit-learn) happen only inside the command that needs them, so the window shows
fast and ``--help`` and ``--version`` are instant.

Qt's own options (``-style fusion``, ``-platform offscreen``, ``-reverse``, ...; see ``QApplication``) are taken
out of the arguments before they are parsed and handed to ``QApplication``, as every Qt program accepts them.
"""

from __future__ import annotations

import argparse
import sys

from neural_playground import APP_ID, __version__

#: Qt's command-line options (QGuiApplication and QApplication), each followed by a value or not.
QT_OPTIONS_WITH_VALUE = frozenset(
    {
        "style",
        "stylesheet",
        "platform",
        "platformpluginpath",
        "platformtheme",
        "plugin",
        "qwindowgeometry",
        "geometry",
        "qwindowtitle",
        "title",
        "qwindowicon",
        "icon",
        "display",
        "session",
        "name",
        "qmljsdebugger",
    }
)
QT_FLAGS = frozenset({"reverse", "widgetcount", "nograb", "dograb", "qwindowalwaysontop"})


def split_qt_arguments(argv: list[str]) -> tuple[list[str], list[str]]:
    """(our arguments, Qt's arguments): ``-style X``, ``--style X``, ``-style=X`` and Qt's flags go to Qt."""
    ours: list[str] = []
    qt: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":  # everything after it is ours, as argparse has it
            ours.extend(argv[i:])
            break
        name = arg.lstrip("-").split("=", 1)[0] if arg.startswith("-") and not arg.startswith("---") else ""
        if name in QT_FLAGS and "=" not in arg:
            qt.append("-" + name)
        elif name in QT_OPTIONS_WITH_VALUE:
            if "=" in arg:
                qt += ["-" + name, arg.split("=", 1)[1]]
            elif i + 1 < len(argv):
                qt += ["-" + name, argv[i + 1]]
                i += 1
            else:
                ours.append(arg)  # no value: argparse says what is wrong
        else:
            ours.append(arg)
        i += 1
    return ours, qt


def add_gui_arguments(parser: argparse.ArgumentParser) -> None:
    from model.data.generators import DATASETS  # NumPy only: scikit-learn is imported when a dataset is generated
    from model.data.real_datasets import REAL_DATASETS  # likewise, when one is loaded

    parser.add_argument(
        "--dataset",
        choices=[*DATASETS, *REAL_DATASETS],
        default=None,
        help="dataset to open on (default: the last one used, or two moons)",
    )
    parser.add_argument("--seed", type=int, default=None, help="random seed of the dataset and of the first weights")


COMMANDS = ("gui", "train", "install-desktop")
_GUI_OPTIONS_WITH_VALUE = ("--dataset", "--seed")


def with_gui_command(ours: list[str]) -> list[str]:
    """``[--seed 3] my-lesson.toml`` -> ``gui [--seed 3] my-lesson.toml``: a file given without a command is a
    lesson for the window (the top-level parser cannot take an optional file before its sub-commands)."""
    i = 0
    while i < len(ours):
        arg = ours[i]
        if arg == "--":
            return ["gui", *ours] if i + 1 < len(ours) else ours
        if arg.startswith("-"):
            i += 2 if arg in _GUI_OPTIONS_WITH_VALUE else 1
            continue
        return ours if arg in COMMANDS else ["gui", *ours]
    return ours


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="neural-playground",
        description="Watch a neural network learn: draw data, pick a model, press Play.",
        epilog="Qt's own options (-style NAME, -platform NAME, -reverse, ...) are passed on to Qt.",
    )
    parser.add_argument("--version", action="version", version=f"neural-playground {__version__}")
    add_gui_arguments(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", help="open the app (the default)")
    add_gui_arguments(gui)
    gui.add_argument("lesson", nargs="?", default=None, help="a lesson or challenge file (.toml) to open")
    gui.set_defaults(func=run_gui)
    from neural_playground.desktop_entry import add_install_desktop_parser
    from neural_playground.headless import add_train_parser  # argparse only; NumPy/model/Qt load when it runs

    add_train_parser(sub)
    add_install_desktop_parser(sub)
    parser.set_defaults(func=run_gui)
    return parser


def make_application(qt_arguments: list[str]):
    """The QApplication with Qt's options applied and the app's names, version, desktop id and icon."""
    from PySide6.QtWidgets import QApplication

    from gui.app_identity import configure_application

    # argv[0] names the program to the window system (X11's WM_CLASS, which StartupWMClass of the entry matches).
    app = QApplication.instance() or QApplication(["neural-playground", *qt_arguments])
    configure_application(app, __version__, APP_ID)
    return app


def run_gui(args: argparse.Namespace) -> int:
    lesson = getattr(args, "lesson", None)
    if lesson:  # said before a window opens: a file that cannot be used is a mistake on the command line
        from model.teaching.lessons import LessonError, load_file

        try:
            load_file(lesson)
        except LessonError as error:
            print(f"neural-playground: {error}", file=sys.stderr)
            return 2
    from gui.window import first_data_process  # no Qt: the child imports scikit-learn while the window's modules load

    first_data_process.start_early()
    from gui.files.close_on_signals import CloseOnSignals
    from gui.main_window import MainWindow, apply_style

    app = make_application(args.qt_arguments)
    apply_style(app)
    if "-style" in args.qt_arguments:  # a style asked for on the command line wins over the app's Fusion
        app.setStyle(args.qt_arguments[args.qt_arguments.index("-style") + 1])
    window = MainWindow(dataset=args.dataset, seed=args.seed)
    window.show()
    if lesson:
        window.lesson_actions.open_lesson_file(lesson)
    signals = CloseOnSignals(window)  # a logout's SIGTERM keeps the unsaved work as a close does
    try:
        return app.exec()
    finally:
        signals.uninstall()


def main(argv: list[str] | None = None) -> int:
    ours, qt = split_qt_arguments(sys.argv[1:] if argv is None else list(argv))
    parser = build_parser()
    args = parser.parse_args(with_gui_command(ours))
    if qt and args.func is not run_gui:
        parser.error(f"Qt's options ({' '.join(qt)}) apply to the window only, not to '{args.command}'")
    args.qt_arguments = qt
    return int(args.func(args) or 0)
