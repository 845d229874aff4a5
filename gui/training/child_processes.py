"""How the app starts its training processes: forked from a fork server that has imported NumPy, scikit-learn and the
session's code once, on Linux; a new interpreter each time elsewhere. macOS has a fork server too, but a process
forked after NumPy has started Apple's Accelerate (its BLAS there) is not safe to use, and Windows has none.

Why: a new interpreter ("spawn") imports NumPy, scikit-learn and the models again, ~1.3 s of a core on this
machine, for every training process: the window's first, the one that replaces a process that died, every window
opened (bench/README.md, "A training process's start"). Forked from the server, a process is ready in ~10 ms.

The GUI process itself is never forked (it runs Qt and threads): the server is a new interpreter, started by the
first process asked for, that imports ``PRELOAD`` and then only forks. It ends when this process ends.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from multiprocessing.context import ForkServerContext, SpawnContext

#: what the fork server imports once, before its first fork: the training session's server and all it imports, on
#: the app's own module path (see the module)
PRELOAD = ["neural_playground.fork_server_preload"]

_lock = threading.Lock()
_context: ForkServerContext | SpawnContext | None = None


def context() -> ForkServerContext | SpawnContext:
    """The ``multiprocessing`` context training processes are started with (the fork server's, else spawn's)."""
    global _context
    with _lock:
        if _context is None:
            linux = sys.platform.startswith("linux")
            _context = _make_context(multiprocessing.get_all_start_methods() if linux else ["spawn"])
        return _context


def _make_context(methods: list[str]) -> ForkServerContext | SpawnContext:
    if "forkserver" in methods:
        forkserver = multiprocessing.get_context("forkserver")
        forkserver.set_forkserver_preload(PRELOAD)
        return forkserver
    return multiprocessing.get_context("spawn")


__all__ = ["PRELOAD", "context"]
