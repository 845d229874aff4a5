"""``python -m neural_playground``: the same command line as ``neural-playground`` and ``python main.py``."""

import sys

from neural_playground.cli import main

if __name__ == "__main__":
    # Training runs in a child process ("spawn"); a frozen build needs this to start it.
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
