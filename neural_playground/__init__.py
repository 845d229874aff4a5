"""Neural Playground: watch a neural network learn.

This package is the application's entry: the command line (``cli``: the window, ``train`` for the headless
trainer, ``install-desktop``), the headless trainer itself (``headless``) and the desktop entry
(``desktop_entry``). The maths lives in ``model``, the window in ``gui``. In an installed wheel the package
also holds the data files, under ``resources/`` (found through ``model.resource_files``).

Where ``model`` and ``gui`` are found: in a checkout they are its top-level folders, beside this package. An
installed wheel holds them inside this package, in ``_app/`` (see ``setup.py``), so that it installs no top-level
``model`` over another project's; importing this package puts that folder first on the module path, hence every
way of starting the app (``neural-playground``, ``python -m neural_playground``, ``main.py``) imports this package
before ``model`` or ``gui``, and a training child process ("spawn") starts with its parent's path.

May import: ``model``, ``gui`` (only inside the command that needs the window, so ``--help`` stays instant).
"""

import os
import sys

#: The one version number: the wheel's metadata (pyproject's dynamic version), --version and About read it.
__version__ = "0.2.0"

#: The reverse-DNS id of the desktop entry, the AppStream component and the installed icon.
APP_ID = "org.neuralplayground.NeuralPlayground"


def app_packages_folder(package_folder: str) -> str | None:
    """The folder holding the app's ``model`` and ``gui``: ``_app`` inside the installed package, or the checkout
    this package sits in (an editable install finds this package there without the checkout being on the path);
    None when neither holds them."""
    for folder in (os.path.join(package_folder, "_app"), os.path.dirname(package_folder)):
        if all(os.path.isfile(os.path.join(folder, name, "__init__.py")) for name in ("model", "gui")):
            return folder
    return None


def put_first_on_path(folder: str, path: list[str]) -> None:
    """Puts ``folder`` first on ``path`` (``sys.path``), so that its ``model`` and ``gui`` win over any other
    project's of the same name; an entry already there (a checkout run from its top folder, pytest) is kept where
    it is."""
    if not any(_same_folder(entry or os.curdir, folder) for entry in path):
        path.insert(0, folder)


def _same_folder(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # a path entry that does not exist (or a current folder deleted since)
        return False


APP_PACKAGES = app_packages_folder(os.path.dirname(os.path.abspath(__file__)))
if APP_PACKAGES is not None:
    put_first_on_path(APP_PACKAGES, sys.path)
