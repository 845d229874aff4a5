"""Where the app's data files (lessons, user guide, style sheet, icons, desktop entry) are, installed or not.

In a checkout they are the top-level ``resources/`` folder. In a wheel (``pip install``, ``pipx install``) the
build maps that folder into the package as ``neural_playground/resources`` (see ``setup.py``), and
``importlib.resources`` finds it wherever the package was installed. Every reader asks this module, never a
path relative to its own source file, so the app finds its files from any working directory.

A checkout's own folder wins over an installed copy: a developer's edits to a lesson show at once, and a
worktree sharing another checkout's virtual environment reads its own files.

Only the standard library: the model layer (lessons) and the GUI (style, icons, guide) both use it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: The package the wheel puts the data under (``setup.py`` maps ``resources/`` to it).
PACKAGE = "neural_playground"
FOLDER = "resources"
_CHECKOUT = Path(__file__).resolve().parents[1]


def resource_root() -> Path:
    """The folder holding ``lessons/``, ``icons/``, ``guide.md`` and ``style.qss``.

    A ``Path`` (not only a ``Traversable``) because Qt takes file names: pip and pipx install on disk, so the
    installed package data is a real folder."""
    if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / FOLDER).is_dir():
        return _CHECKOUT / FOLDER
    installed = resources.files(PACKAGE).joinpath(FOLDER)
    if not isinstance(installed, Path) or not installed.is_dir():
        raise FileNotFoundError(
            f"the app's data files are missing: neither {_CHECKOUT / FOLDER} nor {installed} is a folder "
            "(reinstall the package; a zipped install is not supported)"
        )
    return installed


def resource_path(*parts: str) -> Path:
    """A file or folder under the resource root, e.g. ``resource_path("icons", "play.svg")``."""
    return resource_root().joinpath(*parts)
