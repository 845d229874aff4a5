"""Neural Playground: watch a neural network learn.

This package is the application's entry: the command line (``cli``: the window, ``train`` for the headless
trainer, ``install-desktop``), the headless trainer itself (``headless``) and the desktop entry
(``desktop_entry``). The maths lives in ``model``, the window in ``gui``. In an installed wheel the package
also holds the data files, under ``resources/`` (found through ``model.resource_files``).

May import: ``model``, ``gui`` (only inside the command that needs the window, so ``--help`` stays instant).
"""

#: The one version number: the wheel's metadata (pyproject's dynamic version), --version and About read it.
__version__ = "0.2.0"

#: The reverse-DNS id of the desktop entry, the AppStream component and the installed icon.
APP_ID = "org.neuralplayground.NeuralPlayground"
