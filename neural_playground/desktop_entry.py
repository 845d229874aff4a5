"""``neural-playground install-desktop``: put the app into the Linux desktop's menus, with its icon.

Copies the freedesktop files shipped in ``resources/desktop/`` and the icon into the user's data folder
(``$XDG_DATA_HOME``, by default ``~/.local/share``), or a ``--prefix`` such as ``/usr/local/share``:

    applications/<APP_ID>.desktop                 the menu entry (Exec rewritten to this installation)
    metainfo/<APP_ID>.metainfo.xml                AppStream: what software centres show
    icons/hicolor/scalable/apps/<APP_ID>.svg      the icon, and its 256 px PNG for desktops without SVG
    icons/hicolor/256x256/apps/<APP_ID>.png

The entry runs this very installation's ``neural-playground`` command by its full path (``Exec`` and
``TryExec``), so it works for pipx, a venv or an editable checkout alike, whether or not ``~/.local/bin`` is on the
desktop session's PATH. Not ``<python> -m neural_playground``: Python puts the folder it starts in first on the
module path, and a desktop starts entries in the home folder, where a ``model`` or ``gui`` of the person's own would
be imported instead of the app's. ``TryExec`` names the command because ``pip uninstall`` removes it: an entry left
behind then hides itself from the menus instead of launching nothing (the interpreter outlives the package).

``Exec`` ends with ``%f``: a file opened with the app from a file manager is the command line's file argument
(``neural_playground.file_argument``). The entry declares no ``MimeType``: sessions are NumPy ``.npz``
archives, and a type matched by ``*.npz`` would claim every NumPy archive on the system for the app.

``--remove`` deletes the files. Only the standard library: no window is opened.
"""

from __future__ import annotations

import argparse
import os
import sys
import sysconfig
import tempfile
from pathlib import Path

from model.resource_files import resource_path
from neural_playground import APP_ID

ICON_NAME = "neural-playground"
#: what `install-desktop --help` says (the docstring's reStructuredText read badly in a terminal)
DESCRIPTION = (
    "Put the app into the desktop's menus: its menu entry, its AppStream metainfo and its icon, in your data folder "
    "($XDG_DATA_HOME, by default ~/.local/share) or in --prefix (such as /usr/local/share, for every user). The "
    "entry runs this very installation's neural-playground command, and hides itself once that is uninstalled. "
    "--remove takes the files out again."
)


def default_prefix() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def targets(prefix: Path) -> dict[str, Path]:
    """Where each shipped file goes under ``prefix``, keyed by its path under the resource root."""
    return {
        f"desktop/{APP_ID}.desktop": prefix / "applications" / f"{APP_ID}.desktop",
        f"desktop/{APP_ID}.metainfo.xml": prefix / "metainfo" / f"{APP_ID}.metainfo.xml",
        f"icons/{ICON_NAME}.svg": prefix / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        f"icons/{ICON_NAME}.png": prefix / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png",
    }


def quote_exec_argument(arg: str) -> str:
    """One argument of a desktop entry's Exec key (Desktop Entry Specification, "The Exec key")."""
    arg = arg.replace("%", "%%")  # a lone % would start a field code such as %f
    if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    # The key's value is itself an escaped string: every backslash is written twice once more.
    return '"' + escaped.replace("\\", "\\\\") + '"'


COMMAND = "neural-playground"


def installed_command() -> Path | None:
    """This installation's ``neural-playground`` command: in its environment's scripts folder (a venv, pipx's
    venv, the system) or, installed with ``pip install --user``, in the user's; None when it has none (a
    checkout never installed)."""
    name = COMMAND + (".exe" if os.name == "nt" else "")
    folders = [sysconfig.get_path("scripts")]
    user_scheme = f"{os.name}_user"
    if user_scheme in sysconfig.get_scheme_names():
        folders.append(sysconfig.get_path("scripts", user_scheme))
    for folder in folders:
        if folder and (Path(folder) / name).is_file():
            return Path(folder) / name
    return None


def exec_line(command: Path) -> str:
    return f"{quote_exec_argument(os.fspath(command))} %f"


def desktop_text(template: str, command: Path) -> str:
    """The shipped entry with Exec and TryExec running ``command``, this installation's ``neural-playground``."""
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_line(command)}"
        elif line.startswith(("TryExec=", "Path=")):
            continue
        lines.append(line)
        if line.startswith("Exec="):
            # TryExec is a plain path, not an Exec argument: no quoting (the spec's escapes apply to Exec only)
            lines.append(f"TryExec={os.fspath(command)}")
    return "\n".join(lines) + "\n"


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def install(prefix: Path, command: Path) -> list[Path]:
    written = []
    for source, target in targets(prefix).items():
        data = resource_path(*source.split("/")).read_bytes()
        if source.endswith(".desktop"):
            data = desktop_text(data.decode("utf-8"), command).encode("utf-8")
        _write_atomically(target, data)
        written.append(target)
    return written


def remove(prefix: Path) -> list[Path]:
    removed = []
    for target in targets(prefix).values():
        if target.is_file():
            target.unlink()
            removed.append(target)
    return removed


def add_install_desktop_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "install-desktop",
        help="add the app to the desktop's menus (Linux: .desktop entry, AppStream metainfo, icon)",
        description=DESCRIPTION,
    )
    p.add_argument(
        "--prefix",
        type=Path,
        default=None,
        help="the data folder to install into (default: $XDG_DATA_HOME or ~/.local/share)",
    )
    p.add_argument("--remove", action="store_true", help="remove the files an earlier install-desktop wrote")
    p.set_defaults(func=run_install_desktop)
    return p


def run_install_desktop(args: argparse.Namespace) -> int:
    prefix = args.prefix or default_prefix()
    if args.remove:
        removed = remove(prefix)
        for path in removed:
            print(f"removed {path}")
        if not removed:
            print(f"nothing to remove under {prefix}")
        return 0
    command = installed_command()
    if command is None:
        print(
            f"{COMMAND} install-desktop: this installation has no {COMMAND} command for the menu entry to run "
            f"(looked in {sysconfig.get_path('scripts')}); install the package first (pip install . or pipx install .)",
            file=sys.stderr,
        )
        return 2
    for path in install(prefix, command):
        print(f"wrote {path}")
    again = f"{COMMAND} install-desktop --remove" + (f" --prefix {args.prefix}" if args.prefix else "")
    print(
        f"The menu entry runs {command}. To take these files out again: {again}. After pip uninstall or pipx "
        "uninstall the entry hides itself; the files stay until they are deleted."
    )
    return 0
