"""What the training processes' fork server imports once, before its first fork (``gui.training.child_processes``).

Imported as ``neural_playground.fork_server_preload``, it imports this package first, which puts the app's ``model``
and ``gui`` first on the module path: Python 3.11's fork server starts with the path of a bare ``python -c`` (the
current folder first) and not its parent's, so an installed copy's ``model`` (inside this package) was not found, or
another project's ``model`` in the current folder was taken instead. Where this package cannot be imported, nothing
is, and each training process imports what it needs on its parent's path.
"""

import model.training.session_server  # noqa: F401  (what a training process runs, and all it imports)
