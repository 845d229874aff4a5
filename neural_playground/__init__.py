"""Neural Playground: watch a neural network learn.

This package is the application's entry: the command line (``cli``: the window, or ``train`` for the headless
trainer) and the headless trainer itself (``headless``). The maths lives in ``model``, the window in ``gui``.

May import: ``model``, ``gui`` (only inside the command that needs the window, so ``--help`` stays instant).
"""

__version__ = "0.2.0"
