"""Neural Playground from a checkout: ``python main.py`` opens the app, ``python main.py train ...`` trains
headless. The command line itself is ``neural_playground.cli`` (the installed ``neural-playground`` runs it too).
"""

import sys

from neural_playground.cli import main

if __name__ == "__main__":
    # Training runs in a child process ("spawn"); a frozen build needs this to start it.
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
