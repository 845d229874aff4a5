"""``python -m neural_playground``: the same command line as ``neural-playground`` and ``python main.py``.

``-m`` puts the current folder first on the module path. Run from a folder holding a ``model`` or ``gui`` of its
own (a machine-learning project often does), those were imported instead of the app's packages, and it failed
with "No module named 'model.data'". So the current folder is taken off the path first, unless it is where the
app's packages are (a checkout run from its top folder). Importing the package (which ``-m`` does before running
this file) may have put the app's packages' folder before it (see ``neural_playground/__init__.py``).
"""

import os
import sys


def drop_current_folder(path: list[str], package_home: str, cwd: str, safe_path: bool) -> None:
    """Takes ``-m``'s current folder off ``path`` (``sys.path``) unless it holds the app's packages
    (``package_home``); ``-P`` (``safe_path``) put none there. ``-m``'s entry is the first one after
    ``package_home`` when importing the package put that first."""
    if safe_path:
        return
    home = os.path.realpath(package_home)
    at = 0
    while at < len(path) and os.path.realpath(path[at] or cwd) == home:
        at += 1
    if at == len(path):
        return
    entry = os.path.realpath(path[at] or cwd)
    if entry == os.path.realpath(cwd) and entry != home:
        del path[at]


if __name__ == "__main__":
    from neural_playground import APP_PACKAGES

    drop_current_folder(
        sys.path,
        APP_PACKAGES or os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        os.getcwd(),
        sys.flags.safe_path,
    )
    # Training runs in a child process ("spawn"); a frozen build needs this to start it.
    import multiprocessing

    from neural_playground.cli import main

    multiprocessing.freeze_support()
    sys.exit(main())
