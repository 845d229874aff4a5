"""``python -m neural_playground``: the same command line as ``neural-playground`` and ``python main.py``.

``-m`` puts the current folder first on the module path. Run from a folder holding a ``model`` or ``gui`` of its
own (a machine-learning project often does), those were imported instead of the app's packages, and it failed
with "No module named 'model.data'". So the current folder is taken off the path first, unless it is where the
app's packages are (a checkout run from its top folder).
"""

import os
import sys


def drop_current_folder(path: list[str], package_home: str, cwd: str, safe_path: bool) -> None:
    """Takes ``-m``'s current folder off ``path`` (``sys.path``) unless it holds the app's packages
    (``package_home``); ``-P`` (``safe_path``) put none there."""
    if safe_path or not path:
        return
    first = os.path.realpath(path[0] or cwd)
    if first == os.path.realpath(cwd) and first != os.path.realpath(package_home):
        del path[0]


if __name__ == "__main__":
    drop_current_folder(
        sys.path, os.path.dirname(os.path.dirname(os.path.abspath(__file__))), os.getcwd(), sys.flags.safe_path
    )
    # Training runs in a child process ("spawn"); a frozen build needs this to start it.
    import multiprocessing

    from neural_playground.cli import main

    multiprocessing.freeze_support()
    sys.exit(main())
