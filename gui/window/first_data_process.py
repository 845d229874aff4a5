"""The child process that makes the first dataset, started as the app starts (no Qt here: it is imported first).

Making the first dataset imports scikit-learn: about a second of an interpreter. A child process (``spawn``, as the
training session's) does it on another core; started by the command line before the window's own modules are
imported (``start_early``), it has imported scikit-learn by the time the window asks for the dataset, ~0.7 s later.
The dataset (plain arrays) comes back pickled by ``multiprocessing``, between our own two processes.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from concurrent.futures import ProcessPoolExecutor

from model.data.data_source import DataSource
from model.data.dataset import Dataset

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def import_scikit_learn() -> None:
    import sklearn.datasets  # noqa: F401  (what making data imports)


def _new_pool() -> ProcessPoolExecutor:
    pool = ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=import_scikit_learn
    )
    pool.submit(int)  # the child is started at the first task
    return pool


def start_early() -> None:
    """Starts the child now, to import scikit-learn while the window is being built (unless this process has
    imported it already: the window then makes its first dataset itself)."""
    global _pool
    with _lock:
        if _pool is None and "sklearn" not in sys.modules:
            _pool = _new_pool()


def started() -> bool:
    return _pool is not None


def stop() -> None:
    """Ends the child started early, if the first dataset was made another way."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=False)


def make(source: DataSource) -> Dataset:
    """``source.regenerate()`` in the child (started now if ``start_early`` was not called); the child ends after
    it. Raises what it raised there, or ``concurrent.futures.process.BrokenProcessPool`` / ``OSError`` if no child
    could be started or it died."""
    global _pool
    with _lock:
        pool, _pool = (_pool or _new_pool()), None
    try:
        return pool.submit(source.regenerate).result()
    finally:
        pool.shutdown(wait=False)
