"""The command line: with no sub-command (or ``gui``) it opens the app; ``train`` runs the headless trainer;
``install-desktop`` adds the app to a Linux desktop's menus. A file given alone opens the app on it, as the File
menu opens it: a session (``moons.npz``), data (``points.csv``) or a lesson or challenge (``my-lesson.toml``);
``neural_playground.file_argument`` tells which by its name. A file it cannot open is said on stderr, and the window
opens all the same, on its usual start, and says it in a message as its menu would.

Heavy imports (Qt, pyqtgraph, scikit-learn) happen only inside the command that needs them, so the window shows
fast and ``--help`` and ``--version`` are instant.

Qt's own options (``-style fusion``, ``-platform offscreen``, ``-reverse``, ...; see ``QApplication``) are taken
out of the window's arguments before they are parsed and handed to ``QApplication``, as every Qt program accepts
them. Only the window's: after ``train`` or ``install-desktop`` every argument is the command's own
(``train --session FILE`` is the trainer's option, not Qt's ``-session``).
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

    names = [*DATASETS, *REAL_DATASETS]
    parser.add_argument(
        "--dataset",
        choices=names,
        metavar="NAME",
        default=None,
        help=f"dataset to open on: {', '.join(names)} (default: the last one used, or two moons)",
    )
    parser.add_argument("--seed", type=int, default=None, help="random seed of the dataset and of the first weights")


COMMANDS = ("gui", "train", "install-desktop")
_GUI_OPTIONS_WITH_VALUE = ("--dataset", "--seed")


def command_index(argv: list[str]) -> int | None:
    """Where the sub-command stands in ``argv`` (before any splitting), or None when none is named: the first
    argument that is neither an option nor an option's value."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            return None
        if arg.startswith("-"):
            name = arg.lstrip("-")
            takes_value = arg in _GUI_OPTIONS_WITH_VALUE or (
                not arg.startswith("---") and name in QT_OPTIONS_WITH_VALUE
            )
            i += 2 if takes_value else 1
            continue
        return i if arg in COMMANDS else None
    return None


def with_gui_command(ours: list[str]) -> list[str]:
    """``[--seed 3] moons.npz`` -> ``gui [--seed 3] moons.npz``: a file given without a command is for the window
    (the top-level parser cannot take an optional file before its sub-commands)."""
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


def options_after_command(ours: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """``--dataset iris train ...`` -> ``train --dataset iris ...``: ``--dataset`` and ``--seed`` given before a
    sub-command are its own (argparse would let the sub-command's defaults replace them unseen)."""
    at = command_index(ours)
    if at is None:
        return ours
    command, before, after = ours[at], [], ours[at + 1 :]
    moved: list[str] = []
    i = 0
    while i < at:
        arg = ours[i]
        name = arg.split("=", 1)[0]
        if name in _GUI_OPTIONS_WITH_VALUE:
            given = [arg] if "=" in arg else ours[i : i + 2]
            if command == "install-desktop":
                parser.error(f"{name} applies to the window and to 'train', not to 'install-desktop'")
            if any(a == name or a.startswith(name + "=") for a in after):
                parser.error(f"{name} is given twice, before and after '{command}'")
            moved += given
            i += len(given)
        else:
            before.append(arg)
            i += 1
    return [*before, command, *moved, *after]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="neural-playground",
        usage="neural-playground [-h] [--version] [--dataset NAME] [--seed SEED] [FILE | COMMAND ...]",
        description="Watch a neural network learn: draw data, pick a model, press Play. "
        "Opens the window, on FILE if one is given: a session (.npz), data (.csv, .tsv, .txt or .npz) or a lesson "
        "or challenge (.toml).",
        epilog="Qt's own options (-style NAME, -platform NAME, -reverse, ...) are passed on to the window.",
    )
    parser.add_argument("--version", action="version", version=f"neural-playground {__version__}")
    add_gui_arguments(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", prog="neural-playground")
    gui = sub.add_parser("gui", help="open the app (the default)")
    add_gui_arguments(gui)
    gui.add_argument(
        "file",
        nargs="?",
        default=None,
        metavar="FILE",
        help="a file to open, as the File menu does: a session (.npz), data (.csv, .tsv, .txt or .npz) or a lesson "
        "or challenge (.toml)",
    )
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
    from neural_playground.file_argument import FileArgumentError, file_kind, kind_by_name
    from neural_playground.window_system import missing_window_system

    missing = missing_window_system(args.qt_arguments)
    if missing:  # Qt's own words blame the installation and abort: say what is missing and how to get it
        print(f"neural-playground: {missing}", file=sys.stderr)
        return 2
    path: str = getattr(args, "file", None) or ""
    kind = None
    problem = ""
    if path:
        try:
            kind = file_kind(path)
        except FileArgumentError as error:
            # said on the terminal, and the window opens all the same and says it: opened from a file manager (the
            # desktop entry's %f) there is no terminal, and an app that only exits shows nothing at all
            print(f"neural-playground: {error}", file=sys.stderr)
            problem = str(error)
            kind = kind_by_name(path)  # its menu reads it again and says what is wrong, as File ▸ Open does
    from gui.window import first_data_process  # no Qt: the child imports scikit-learn while the window's modules load

    first_data_process.start_early()
    from gui.files.close_on_signals import CloseOnSignals
    from gui.main_window import MainWindow, apply_style

    app = make_application(args.qt_arguments)
    apply_style(app)
    if "-style" in args.qt_arguments:  # a style asked for on the command line wins over the app's Fusion
        app.setStyle(args.qt_arguments[args.qt_arguments.index("-style") + 1])
    from gui.window.when_shown import WhenShown

    window = MainWindow(dataset=args.dataset, seed=args.seed)
    window.show()
    # asked for at once, not left to a click: a click and a key a person gives a window that is not active yet reach
    # it together, and the key, before the activation, met no shortcut
    window.activateWindow()
    opener = {
        "lesson": window.lesson_actions.open_lesson_file,
        "session": window.file_actions.open_session_file,
        "data": window.file_actions.open_data_file,
    }.get(kind or "")
    if opener is not None:  # once the window is painted and active: a key pressed meanwhile is not lost
        WhenShown(window, lambda: opener(path))
    elif problem:  # not there, or no file of the app's: no menu would open it
        WhenShown(window, lambda: window.file_actions.say_cannot_open(problem))
    signals = CloseOnSignals(window)  # a logout's SIGTERM keeps the unsaved work as a close does
    try:
        return app.exec()
    finally:
        signals.uninstall()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    at = command_index(argv)
    if at is None or argv[at] == "gui":
        ours, qt = split_qt_arguments(argv)
    else:  # what follows the command is its own: Qt's options only before it (and refused below)
        ours, qt = split_qt_arguments(argv[:at])
        ours += argv[at:]
    parser = build_parser()
    args = parser.parse_args(options_after_command(with_gui_command(ours), parser))
    if qt and args.func is not run_gui:
        parser.error(f"Qt's options ({' '.join(qt)}) apply to the window only, not to '{args.command}'")
    args.qt_arguments = qt
    return int(args.func(args) or 0)
