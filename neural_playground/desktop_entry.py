"""``neural-playground install-desktop``: put the app into the Linux desktop's menus, with its icon.

Copies the freedesktop files shipped in ``resources/desktop/`` and the icon into the user's data folder
(``$XDG_DATA_HOME``, by default ``~/.local/share``), or a ``--prefix`` such as ``/usr/local/share``:

    applications/<APP_ID>.desktop                 the menu entry (Exec rewritten to this installation)
    metainfo/<APP_ID>.metainfo.xml                AppStream: what software centres show
    icons/hicolor/scalable/apps/<APP_ID>.svg      the icon, and its 256 px PNG for desktops without SVG
    icons/hicolor/256x256/apps/<APP_ID>.png

The entry runs this very installation (``<python> -m neural_playground``), so it works for pipx, a venv or a
checkout alike, whether or not ``~/.local/bin`` is on the desktop session's PATH. ``--remove`` deletes the files.
Only the standard library: no window is opened.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from model.resource_files import resource_path, resource_root
from neural_playground import APP_ID

ICON_NAME = "neural-playground"
#: what `install-desktop --help` says (the docstring's reStructuredText read badly in a terminal)
DESCRIPTION = (
    "Put the app into the desktop's menus: its menu entry, its AppStream metainfo and its icon, in your data folder "
    "($XDG_DATA_HOME, by default ~/.local/share) or in --prefix (such as /usr/local/share, for every user). The "
    "entry runs this very installation. --remove takes the files out again."
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


def exec_line(python: str | None = None) -> str:
    return " ".join(quote_exec_argument(a) for a in (python or sys.executable, "-m", "neural_playground"))


def desktop_text(template: str, python: str | None = None) -> str:
    """The shipped entry with Exec (and TryExec) pointing at this installation; from a checkout, Path= too,
    because ``-m neural_playground`` then imports from the checkout's folder."""
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_line(python)}"
        elif line.startswith(("TryExec=", "Path=")):
            continue
        lines.append(line)
        if line.startswith("Exec="):
            lines.append(f"TryExec={python or sys.executable}")
            checkout = resource_root().parent
            if (checkout / "pyproject.toml").is_file():
                lines.append(f"Path={checkout}")
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


def install(prefix: Path, python: str | None = None) -> list[Path]:
    written = []
    for source, target in targets(prefix).items():
        data = resource_path(*source.split("/")).read_bytes()
        if source.endswith(".desktop"):
            data = desktop_text(data.decode("utf-8"), python).encode("utf-8")
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
    paths = remove(prefix) if args.remove else install(prefix)
    verb = "removed" if args.remove else "wrote"
    for path in paths:
        print(f"{verb} {path}")
    if not paths:
        print(f"nothing to remove under {prefix}")
    return 0
